"""The search index: search keys stored next to what they describe.

The keys are plain text (see analysis.py). The database indexes them with
its own full-text machinery, created by the migrations, not declared here,
because each backend needs something different:

* PostgreSQL: generated ``tsvector`` columns (``to_tsvector('simple', …)``,
  positions stripped) with GIN indexes on ``search_document``;
* SQLite: the FTS5 table ``search_document_fts`` (unicode61 tokenizer,
  diacritics kept), filled by triggers on ``search_document``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles import entities
from articles.models import Article


class SearchDocument(models.Model):
    """The search keys of one article: its text in all three languages and
    the names of the people, organizations and initiatives linked to it."""

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
        verbose_name=_("article"),
    )
    names = models.TextField(_("name keys"), blank=True)
    titles = models.TextField(_("title keys"), blank=True)
    leads = models.TextField(_("lead keys"), blank=True)
    bodies = models.TextField(_("body keys"), blank=True)
    # What the keys were made from, per language: lets a snippet or a
    # highlight say which language version matched without re-analysing it.
    languages = models.CharField(_("languages with text"), max_length=8, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        db_table = "search_document"
        ordering = ["article"]
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return str(self.article_id)


# PERSON = "person", labelled with the model's name, for each entity kind.
EntityKind = models.TextChoices(
    "EntityKind",
    [(t.kind.upper(), (t.kind, t.model._meta.verbose_name)) for t in entities.ENTITY_TYPES],
)


class EntityDocument(models.Model):
    """The name keys of one person, organization or initiative, in every
    language and spelling, wrapped in spaces (" kasim jomart tokaev ") so
    that a whole key is found with one ``contains``."""

    Kind = EntityKind
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    object_id = models.BigIntegerField(_("object id"))
    names = models.TextField(_("name keys"))

    class Meta:
        db_table = "search_entity"
        ordering = ["kind", "object_id"]
        verbose_name = _("entity search document")
        verbose_name_plural = _("entity search documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entity_unique"),
            models.CheckConstraint(
                condition=models.Q(kind__in=EntityKind.values), name="search_entity_valid_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
