"""The fixed lists that the models' status, kind and language fields choose from."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .. import languages

# The members (KAZAKH = "kk", ...) and their labels come from settings.LANGUAGES.
Language = models.TextChoices(
    "Language",
    [(language.choice, (language.code, language.name)) for language in languages.LANGUAGES],
)
LANGUAGE_CODES = languages.CODES


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    PUBLISHED = "published", _("published")


class TranslationStatus(models.TextChoices):
    """The state of one language version of an article (``Article.translation_status``)."""

    MISSING = "missing", pgettext_lazy("translation status", "missing")
    INCOMPLETE = "incomplete", pgettext_lazy("translation status", "incomplete")
    OUT_OF_DATE = "out_of_date", pgettext_lazy("translation status", "out of date")
    COMPLETE = "complete", pgettext_lazy("translation status", "complete")


class InitiativeStatus(models.TextChoices):
    # A context keeps "active" apart from Django's own "active" (a user's
    # flag), which the project catalog would otherwise translate as well.
    PLANNED = "planned", pgettext_lazy("initiative status", "planned")
    ACTIVE = "active", pgettext_lazy("initiative status", "active")
    COMPLETED = "completed", pgettext_lazy("initiative status", "completed")
    SUSPENDED = "suspended", pgettext_lazy("initiative status", "suspended")


class OrganizationKind(models.TextChoices):
    PARTY = "party", _("political party")
    STATE_BODY = "state_body", _("state body")
    REGIONAL_DEPARTMENT = "regional_department", _("regional department")
    SUBDIVISION = "subdivision", _("subdivision")
    ADVISORY_BODY = "advisory_body", _("council or advisory body")
    NGO = "ngo", _("non-governmental organization")
    INTERNATIONAL = "international", _("international body")
    MEDIA = "media", _("media outlet")
    BUSINESS_ASSOCIATION = "business_association", _("business association")
    RESEARCH = "research", _("research or educational body")
    OTHER = "other", _("other")


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("to decide")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")
