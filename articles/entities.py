"""The kinds of entity an article is about: people, organizations and
initiatives, in one registry.

Each kind's name is also its model's name ("person" is ``articles.Person``),
the name of MentionSuggestion's field and of the search index's
EntityDocument.kind. ``link`` is both Article's many-to-many field and the
URL segment of the kind's pages (/people/<slug>/). The models themselves
import this module, so it never imports them: ``model`` is looked up in the
app registry when first asked for.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import models


@dataclass(frozen=True)
class EntityType:
    kind: str
    link: str
    # The fields that hold the entity's names, which search indexes (mention
    # detection adds ``name_variants``).
    names: tuple[str, ...] = ("name",)

    @property
    def model(self) -> type[models.Model]:
        # Unlike get_model(), safe while the app registry is still loading.
        return apps.get_registered_model("articles", self.kind)

    @property
    def detail_url_name(self) -> str:
        return f"articles:{self.kind}-detail"


PERSON = EntityType("person", link="people")
ORGANIZATION = EntityType("organization", link="organizations", names=("name", "short_name"))
INITIATIVE = EntityType("initiative", link="initiatives")

ENTITY_TYPES = (PERSON, ORGANIZATION, INITIATIVE)
KINDS = tuple(entity_type.kind for entity_type in ENTITY_TYPES)
LINKS = tuple(entity_type.link for entity_type in ENTITY_TYPES)
BY_KIND = {entity_type.kind: entity_type for entity_type in ENTITY_TYPES}
BY_LINK = {entity_type.link: entity_type for entity_type in ENTITY_TYPES}


def type_of(entity: models.Model | type[models.Model]) -> EntityType:
    """The kind of a person, organization or initiative (or of its model)."""
    return BY_KIND[entity._meta.model_name]
