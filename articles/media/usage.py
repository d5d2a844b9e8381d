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


def kinds(model) -> list[tuple[str, str]]:
    """(query name, label) of each kind of link to ``model``."""
    return [
        (relation.name, str(relation.related_model._meta.verbose_name_plural).capitalize())
        for relation in _relations(model)
    ]


def unused(model) -> Q:
    condition = Q()
    for relation in _relations(model):
        condition &= Q(**{f"{relation.name}__isnull": True})
    return condition


def uses(obj) -> list:
    """The objects that link to ``obj``: for a picture in a story, the story."""
    found = []
    for relation in _relations(type(obj)):
        for use in getattr(obj, relation.get_accessor_name()).all():
            found.append(getattr(use, "article", use) if relation.name == "story_uses" else use)
    return found
