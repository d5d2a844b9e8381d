"""Receivers that change the content version on every write to what public
pages show: stories, people, organizations, initiatives, affiliations,
corrections, images, documents and the links between them.

Signals are used here for cache maintenance only, as search/signals.py
uses them for the index: the admin, history restores, services, the
importer and ``loaddata`` all save through the models. Writes that bypass
signals (``bulk_create``, ``QuerySet.update``) call ``versions.bump()``
themselves, as ``generate_articles`` does.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from articles import entities
from articles.media.models import Document, Image
from articles.models import Affiliation, Article, Correction, Initiative, StoryImage

from . import versions

MODELS = (
    Article,
    *(t.model for t in entities.ENTITY_TYPES),
    Affiliation,
    Correction,
    Image,
    Document,
    StoryImage,
)
LINKS = (
    *(getattr(Article, link).through for link in entities.LINKS),
    Initiative.organizations.through,
    Initiative.people.through,
    # The documents of stories, people, organizations and initiatives.
    Article.documents.through,
    *(t.model.documents.through for t in entities.ENTITY_TYPES),
)


def content_changed(sender, **kwargs) -> None:
    versions.bump()


def links_changed(sender, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        versions.bump()


def connect() -> None:
    for model in MODELS:
        name = model._meta.model_name
        post_save.connect(content_changed, sender=model, dispatch_uid=f"caching_{name}_saved")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"caching_{name}_deleted")
    for through in LINKS:
        name = through._meta.model_name
        m2m_changed.connect(links_changed, sender=through, dispatch_uid=f"caching_{name}")
