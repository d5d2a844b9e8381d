"""Receivers that keep the search index current on every write path.

Signals are used here for index maintenance only, not for domain flow: the
admin, history restores, services' bulk actions and ``loaddata`` (which
sends ``post_save`` with ``raw=True`` and then ``m2m_changed`` for the
links) all reach these. Deleting an article deletes its document through
the database's CASCADE. Writes that bypass signals (``bulk_create``,
``QuerySet.update``) must call ``indexing.index_articles`` themselves.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from articles import entities
from articles.models import Article

from . import indexing
from .models import EntityDocument


def article_saved(sender, instance: Article, **kwargs) -> None:
    indexing.index_articles([instance.pk])


def _linked_articles(instance, action: str, reverse: bool, pk_set) -> list[int] | None:
    """The articles whose links an m2m_changed signal changed, from either
    side; None for the signals that change nothing yet."""
    if action == "pre_clear" and reverse:
        # After the clear the links are gone: remember whose they were.
        instance._search_cleared = list(instance.articles.values_list("pk", flat=True))
        return None
    if action not in ("post_add", "post_remove", "post_clear"):
        return None
    if not reverse:
        return [instance.pk]
    if action == "post_clear":
        return getattr(instance, "_search_cleared", [])
    return list(pk_set or ())


def links_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """Article.people/organizations/initiatives changed, from either side."""
    ids = _linked_articles(instance, action, reverse, pk_set)
    if ids is not None:
        indexing.refresh_names(ids)


def documents_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """Article.documents changed: the stories' document keys, from either side."""
    ids = _linked_articles(instance, action, reverse, pk_set)
    if ids is not None:
        indexing.index_articles(ids)


def entity_saved(sender, instance, **kwargs) -> None:
    """A person, organization or initiative was created or renamed."""
    indexing.index_entities([instance])
    indexing.refresh_names(list(instance.articles.values_list("pk", flat=True)))


def entity_deleting(sender, instance, **kwargs) -> None:
    instance._search_articles = list(instance.articles.values_list("pk", flat=True))


def entity_deleted(sender, instance, **kwargs) -> None:
    EntityDocument.objects.filter(kind=indexing.kind_of(instance), object_id=instance.pk).delete()
    indexing.refresh_names(getattr(instance, "_search_articles", []))


def connect() -> None:
    post_save.connect(article_saved, sender=Article, dispatch_uid="search_article_saved")
    m2m_changed.connect(
        documents_changed, sender=Article.documents.through, dispatch_uid="search_documents"
    )
    for entity_type in entities.ENTITY_TYPES:
        field, model = entity_type.link, entity_type.model
        through = getattr(Article, field).through
        m2m_changed.connect(links_changed, sender=through, dispatch_uid=f"search_{field}")
        post_save.connect(entity_saved, sender=model, dispatch_uid=f"search_{field}_saved")
        pre_delete.connect(entity_deleting, sender=model, dispatch_uid=f"search_{field}_del1")
        post_delete.connect(entity_deleted, sender=model, dispatch_uid=f"search_{field}_del2")
