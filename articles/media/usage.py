"""Where an image or document is used: every link to it, whichever model
holds the link (stories, the pictures in them, people, organizations,
initiatives), read from the model's reverse relations."""

from django.conf import settings
from django.db.models import Q

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def _relations(model):
    return [
        relation
        for relation in model._meta.related_objects
        if relation.related_model._meta.app_label == "articles"
    ]


def _label(relation) -> str:
    """The link's name: the field's (lead image, portrait, logo), the
    placing model's (image in the story), or the linked models' (articles,
    people… for documents)."""
    if relation.many_to_many:
        return relation.related_model._meta.verbose_name_plural
    if relation.field.verbose_name == model_name(relation.model):
        return relation.related_model._meta.verbose_name
    return relation.field.verbose_name


def model_name(model) -> str:
    return model._meta.verbose_name


def kinds(model) -> list[tuple[str, str]]:
    """(query name, label) of each kind of link to ``model``."""
    return [(relation.name, str(_label(relation)).capitalize()) for relation in _relations(model)]


def unused(model) -> Q:
    condition = Q()
    for relation in _relations(model):
        condition &= Q(**{f"{relation.name}__isnull": True})
    return condition


def uses(obj) -> list:
    """The objects that link to ``obj``: for a picture in a story, the story."""
    found = []
    for relation in _relations(type(obj)):
        linked = getattr(obj, relation.get_accessor_name()).all()
        if relation.name == "story_uses":
            found.extend(use.article for use in linked.select_related("article"))
        else:
            found.extend(linked)
    return found
