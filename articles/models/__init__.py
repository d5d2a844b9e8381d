"""The newsroom's domain: articles and the people, organizations and
initiatives they concern, and the editorial workflow's records.

choices.py holds the fixed lists, entities.py the people, organizations and
initiatives (with their abstract base), stories.py the articles and
workflow.py the suggested links and corrections. Entities never import
stories: each side of a link is reached through the other's field.
"""

from .choices import (
    LANGUAGE_CODES,
    ArticleStatus,
    InitiativeStatus,
    Language,
    OrganizationKind,
    SuggestionStatus,
    TranslationStatus,
)
from .entities import (
    Affiliation,
    Entity,
    EntityQuerySet,
    Initiative,
    InitiativeQuerySet,
    Organization,
    OrganizationQuerySet,
    PartialPeriod,
    Person,
    PersonQuerySet,
    unique_slug,
)
from .illustrations import StoryImage
from .stories import (
    ARTICLE_TEXT_FIELDS,
    PUBLICATION_TEXT_FIELDS,
    TEXT_COLUMNS,
    TRANSLATION_WORK,
    Article,
    ArticleQuerySet,
    VersionCredits,
    translation_status_condition,
)
from .workflow import Correction, MentionSuggestion

__all__ = [
    "StoryImage",
    "ARTICLE_TEXT_FIELDS",
    "LANGUAGE_CODES",
    "PUBLICATION_TEXT_FIELDS",
    "TEXT_COLUMNS",
    "TRANSLATION_WORK",
    "Affiliation",
    "Article",
    "ArticleQuerySet",
    "ArticleStatus",
    "Correction",
    "Entity",
    "EntityQuerySet",
    "Initiative",
    "InitiativeQuerySet",
    "InitiativeStatus",
    "Language",
    "MentionSuggestion",
    "Organization",
    "OrganizationKind",
    "OrganizationQuerySet",
    "PartialPeriod",
    "Person",
    "PersonQuerySet",
    "SuggestionStatus",
    "TranslationStatus",
    "VersionCredits",
    "translation_status_condition",
    "unique_slug",
]
