"""The kinds of entity an article links, and the links it has."""

from dataclasses import dataclass

from articles import entities
from articles.models import Article

PERSON, ORGANIZATION, INITIATIVE = (entity_type.kind for entity_type in entities.ENTITY_TYPES)
KINDS = entities.KINDS
# Article field that links each kind of entity.
LINK_FIELDS = {entity_type.kind: entity_type.link for entity_type in entities.ENTITY_TYPES}


@dataclass(frozen=True)
class EntityRef:
    kind: str
    pk: int


def links_of(article_ids: list[int]) -> dict[int, set[EntityRef]]:
    """The entities each article links, read from the link tables (three queries)."""
    links: dict[int, set[EntityRef]] = {pk: set() for pk in article_ids}
    for kind, field_name in LINK_FIELDS.items():
        through = Article._meta.get_field(field_name).remote_field.through
        rows = through.objects.filter(article_id__in=article_ids).values_list(
            "article_id", f"{kind}_id"
        )
        for article_id, entity_id in rows:
            links[article_id].add(EntityRef(kind, entity_id))
    return links


def linked_entities(article: Article) -> set[EntityRef]:
    """The entities ``article`` links (uses prefetched links when there are some)."""
    return {
        EntityRef(kind, entity.pk)
        for kind, field_name in LINK_FIELDS.items()
        for entity in getattr(article, field_name).all()
    }
