"""Articles: the stories, each in up to three language versions.

Human-language text fields are translated into kk, ru and en by
django-modeltranslation (see translation.py): ``title`` reads the active
language with the fallback order set in settings, ``title_kk`` etc. are the
stored columns.
"""

import operator
import re
from datetime import datetime
from functools import reduce
from typing import NamedTuple

from django.apps import apps
from django.db import models
from django.db.models import Case, F, Prefetch, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import (
    build_localized_fieldname,
    get_language,
    resolution_order,
)

from .. import entities, languages
from ..links import external_url
from ..richtext import entity_links, plain, rendering
from ..richtext.fields import RichTextField
from ..transliteration import SLUG_MAX_LENGTH, slugify_title
from .choices import LANGUAGE_CODES, ArticleStatus, Language, TranslationStatus
from .entities import Initiative, Organization, Person, slug_not_empty, unique_slug
from .illustrations import StoryImage


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """What the public may see: published, and not scheduled for later.

        The one definition used by every public page, feed, sitemap and
        search; drafts, items in review and future-dated items never pass.
        """
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__lte=timezone.now())

    def for_listing(self) -> "ArticleQuerySet":
        return self.select_related("source_kk", "source_ru", "source_en", "lead_image", "section")

    def for_detail(self) -> "ArticleQuerySet":
        return self.for_listing().prefetch_related(*story_page_prefetches())

    def translation_status(self, language: str, status: str) -> "ArticleQuerySet":
        """Articles whose ``language`` version is in ``status`` (a
        TranslationStatus other than COMPLETE), the same rule as
        ``Article.translation_status`` in SQL."""
        return self.filter(translation_status_condition(language, status))

    def with_translation_statuses(self) -> "ArticleQuerySet":
        """Annotate ``translation_kk``, ``_ru`` and ``_en``: each language
        version's TranslationStatus, worked out by the database."""
        return self.annotate(
            **{
                f"translation_{code}": Case(
                    *(
                        When(translation_status_condition(code, status), then=Value(status.value))
                        for status in TRANSLATION_WORK
                    ),
                    default=Value(TranslationStatus.COMPLETE.value),
                    output_field=models.CharField(),
                )
                for code in LANGUAGE_CODES
            }
        )

    def needing_translation(self) -> "ArticleQuerySet":
        """Articles with a version missing, incomplete or out of date."""
        conditions = [
            translation_status_condition(language, status)
            for language in LANGUAGE_CODES
            for status in TRANSLATION_WORK
        ]
        return self.filter(reduce(operator.or_, conditions))

    def latest_by_section(self, per_section: int) -> "ArticleQuerySet":
        """The ``per_section`` newest stories of each section, in one query
        (a window over the section's stories, newest first)."""
        newest_first = Window(
            RowNumber(),
            partition_by=F("section_id"),
            order_by=[F("published_at").desc(), F("pk").desc()],
        )
        ranked = self.filter(section__isnull=False).annotate(section_rank=newest_first)
        return ranked.filter(section_rank__lte=per_section).order_by(
            "section__position", "section_id", "section_rank"
        )

    def related_to(self, article: "Article") -> "ArticleQuerySet":
        """Articles sharing a person, organization or initiative with ``article``.

        Subqueries on the link tables keep it to one query however many
        entities the article has, with no joins to deduplicate.
        """
        shares_an_entity = Q()
        for name in entities.LINKS:
            field = Article._meta.get_field(name)
            links = field.remote_field.through.objects
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            linked = links.filter(**{source: article.pk}).values(target)
            shares_an_entity |= Q(pk__in=links.filter(**{f"{target}__in": linked}).values(source))
        return self.filter(shares_an_entity).exclude(pk=article.pk)


# What a story page shows besides its text: one query each, however many.
ILLUSTRATIONS = (
    Prefetch("story_images", queryset=StoryImage.objects.select_related("image")),
    "documents",
)


def bylines_with_authors() -> Prefetch:
    """A story's bylines with their authors and portraits, in one query."""
    bylines = apps.get_model("authors", "Byline").objects.select_related("author__portrait")
    return Prefetch("bylines", queryset=bylines)


def story_page_prefetches() -> tuple:
    """Everything a story page shows besides its text: pictures, documents,
    the byline's authors (with their portraits), topics, corrections and
    the linked entities that body links point at, a query each. (A
    function: the authors app's models import this module's package.)"""
    return (
        *ILLUSTRATIONS,
        bylines_with_authors(),
        "topics",
        "corrections",
        *entities.LINKS,
    )


ARTICLE_TEXT_FIELDS = ("title", "lead", "body")
# What a language version needs before the article may be published.
PUBLICATION_TEXT_FIELDS = ("title", "lead")
TEXT_COLUMNS = tuple(f"{field}_{code}" for field in ARTICLE_TEXT_FIELDS for code in LANGUAGE_CODES)
# The states in which a language version needs a translator's work.
TRANSLATION_WORK = (
    TranslationStatus.MISSING,
    TranslationStatus.INCOMPLETE,
    TranslationStatus.OUT_OF_DATE,
)
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
SENTENCE_ENDS = '.!?…»”")'


class VersionCredits(NamedTuple):
    """Who is credited for one language version of an article."""

    byline: str
    source: "Organization | None"
    source_url: str


class Article(models.Model):
    Status = ArticleStatus
    title = models.CharField(_("title"), max_length=300)
    lead = models.TextField(
        _("lead"), blank=True, help_text=_("One or two sentences that tell the story.")
    )
    body = RichTextField(
        _("body"),
        blank=True,
        help_text=_(
            "Subheadings, lists, quotes and links. To link a person, organization or "
            "initiative, link the address of their page on this site: the link follows "
            "them through renames."
        ),
    )
    byline = models.CharField(
        _("byline"),
        max_length=200,
        blank=True,
        help_text=_(
            "Who else is credited for this language version: an agency or a press service."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        help_text=_(
            "The Latin part of the address, the same in every language. "
            "Filled in from the Kazakh or Russian title."
        ),
    )
    original_language = models.CharField(
        _("original language"),
        max_length=2,
        choices=Language.choices,
        default=Language.KAZAKH,
        help_text=_("The language the story was written in; the others are translations."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("A future date schedules the article: it appears at that time."),
    )
    source = models.ForeignKey(
        Organization,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The outlet or press service this language version comes from."),
    )
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    people = models.ManyToManyField(
        Person, related_name="articles", verbose_name=_("people"), blank=True
    )
    organizations = models.ManyToManyField(
        Organization,
        related_name="articles",
        verbose_name=_("organizations"),
        blank=True,
    )
    initiatives = models.ManyToManyField(
        Initiative, related_name="articles", verbose_name=_("initiatives"), blank=True
    )
    section = models.ForeignKey(
        "taxonomy.Section",
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    featured = models.BooleanField(
        _("lead on the front page"),
        default=False,
        help_text=_("The newest published featured story leads the front page."),
    )
    topics = models.ManyToManyField(
        "taxonomy.Topic",
        through="taxonomy.ArticleTopic",
        related_name="articles",
        verbose_name=_("topics"),
        blank=True,
    )
    authors = models.ManyToManyField(
        "authors.Author",
        through="authors.Byline",
        related_name="articles",
        verbose_name=_("authors"),
        blank=True,
        help_text=_("The journalists and contributors credited for the story, in order."),
    )
    lead_image = models.ForeignKey(
        "media.Image",
        verbose_name=_("lead image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lead_of",
        help_text=_("Shown above the story, in lists and when the story is shared."),
    )
    lead_image_caption = models.TextField(
        _("lead image caption"),
        blank=True,
        help_text=_("This story's own caption; the image's caption when empty."),
    )
    documents = models.ManyToManyField(
        "media.Document",
        related_name="articles",
        verbose_name=_("documents"),
        blank=True,
        help_text=_("Rulings, reports and declarations the story is based on."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # When each language's title, lead or body last changed: set by save()
    # from the values the row was loaded with (see from_db), on every path
    # that saves through the model (admin, services, importer).
    edited_at_kk = models.DateTimeField(_("Kazakh text edited"), null=True, editable=False)
    edited_at_ru = models.DateTimeField(_("Russian text edited"), null=True, editable=False)
    edited_at_en = models.DateTimeField(_("English text edited"), null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish and unpublish articles")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values),
                name="article_valid_status",
            ),
            models.CheckConstraint(
                condition=Q(original_language__in=list(LANGUAGE_CODES)),
                name="article_valid_original_language",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_date",
                violation_error_message=_("A published article needs a publication date."),
            ),
            slug_not_empty("article"),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="article_public_order"),
            models.Index(
                fields=["original_language", "status", "-published_at"],
                name="article_language_order",
            ),
            models.Index(
                fields=["section", "status", "-published_at"], name="article_section_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.slug

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.slug_from_title(), "article")
        edited = self.edited_languages()
        if edited:
            now = timezone.now()
            for code in edited:
                setattr(self, f"edited_at_{code}", now)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {
                    *kwargs["update_fields"],
                    *(f"edited_at_{code}" for code in edited),
                }
        super().save(*args, **kwargs)
        self._loaded_texts = self._current_texts()
        if self.body_targets():
            self.link_body_entities()

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"slug": self.slug})

    # --- Translation status -------------------------------------------------------

    @classmethod
    def from_db(cls, db, field_names, values):
        """Remembers the texts as loaded, so that save() can tell which
        language versions an edit changed."""
        instance = super().from_db(db, field_names, values)
        instance._loaded_texts = instance._current_texts()
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        # Also reached when a deferred text column is first read: the
        # reloaded values become the ones edits are compared with.
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        refreshed = set(TEXT_COLUMNS if fields is None else fields) & set(TEXT_COLUMNS)
        current = self._current_texts()
        loaded = getattr(self, "_loaded_texts", {})
        self._loaded_texts = {**loaded, **{c: current[c] for c in refreshed if c in current}}

    def _current_texts(self) -> dict[str, str]:
        deferred = self.get_deferred_fields()
        return {
            column: getattr(self, column) or "" for column in TEXT_COLUMNS if column not in deferred
        }

    def edited_languages(self) -> list[str]:
        """The languages whose title, lead or body differ from the stored row
        (for a new article: those with any text)."""
        current = self._current_texts()
        loaded = getattr(self, "_loaded_texts", None)
        if self._state.adding or loaded is None:
            loaded = dict.fromkeys(TEXT_COLUMNS, "")
        changed = {
            column.rsplit("_", 1)[1]
            for column, value in current.items()
            if column in loaded and _text_changed(column, loaded[column], value)
        }
        return [code for code in LANGUAGE_CODES if code in changed]

    def translation_status(self, language: str) -> TranslationStatus:
        """Whether the ``language`` version is missing, incomplete, complete,
        or out of date: its texts were last edited before the original's."""
        filled = [bool(getattr(self, f"{field}_{language}")) for field in ARTICLE_TEXT_FIELDS]
        if not any(filled):
            return TranslationStatus.MISSING
        if not all(filled):
            return TranslationStatus.INCOMPLETE
        edited = getattr(self, f"edited_at_{language}")
        original_edited = getattr(self, f"edited_at_{self.original_language}")
        if edited and original_edited and edited < original_edited:
            return TranslationStatus.OUT_OF_DATE
        return TranslationStatus.COMPLETE

    def translation_statuses(self) -> dict[str, TranslationStatus]:
        return {code: self.translation_status(code) for code in LANGUAGE_CODES}

    def missing_for_publication(self) -> list[str]:
        """The languages without a title or a lead, which publishing requires."""
        return [
            code
            for code in LANGUAGE_CODES
            if not all(getattr(self, f"{field}_{code}") for field in PUBLICATION_TEXT_FIELDS)
        ]

    def slug_from_title(self) -> str:
        """A slug from the Kazakh or Russian title, preferring the original's."""
        for language in languages.starting_with(self.original_language):
            title = getattr(self, f"title_{language}", "") or ""
            slug = slugify_title(title, language)
            if slug:
                return slug
        return ""

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def modified_at(self) -> datetime | None:
        """When the public story last changed: its last edit, or its
        publication when that came later (a scheduled story)."""
        if self.published_at is None:
            return None
        return max(self.published_at, self.updated_at)

    def complete_languages(self) -> list[str]:
        """The languages in which title, lead and body are all filled in."""
        return [
            code
            for code in LANGUAGE_CODES
            if all(getattr(self, f"{field}_{code}") for field in ("title", "lead", "body"))
        ]

    def available_languages(self) -> list[str]:
        """The languages with a version of their own (a title, at least)."""
        return [code for code in LANGUAGE_CODES if getattr(self, f"title_{code}")]

    def shown_language(self, field: str, language: str | None = None) -> str | None:
        """The language whose text ``field`` shows under ``language``.

        That is ``language`` itself when its column is filled in, else the
        first filled-in fallback in modeltranslation's own order (settings'
        MODELTRANSLATION_FALLBACK_LANGUAGES), or None when all are empty.
        """
        for code in resolution_order(language or get_language()):
            if getattr(self, build_localized_fieldname(field, code)):
                return code
        return None

    def fallback_language(self, language: str | None = None) -> str | None:
        """The language shown instead of ``language``'s empty title, lead or body."""
        language = language or get_language()
        for field in ARTICLE_TEXT_FIELDS:
            shown = self.shown_language(field, language)
            if shown not in (None, language):
                return shown
        return None

    def translated_from(self, language: str | None = None) -> str | None:
        """The original language, when the text shown under ``language`` is a
        translation of it."""
        shown = self.shown_language("body", language) or self.shown_language("title", language)
        if shown and shown != self.original_language:
            return self.original_language
        return None

    def field_text(self, field: str, language: str) -> str:
        """The text of ``field`` in ``language`` as a reader reads it: for
        the body, its plain text (one paragraph per block)."""
        value = getattr(self, f"{field}_{language}") or ""
        return plain.plain_text(value) if field == "body" else value

    @property
    def body_text(self) -> str:
        """The body shown in the active language as plain text, a paragraph
        per block (what search, JSON-LD and mention detection read)."""
        return plain.plain_text(self.body)

    def body_paragraphs(self) -> list[str]:
        """The text of each block a page shows, after the lead."""
        shown = rendering.blocks(self.body or "", {}, lead=self.lead or "")
        return [plain.plain_text(block.html) for block in shown if block.html]

    def body_blocks(self, absolute=None) -> list[rendering.Block]:
        """The body as a page shows it, with the story's pictures placed
        among its blocks and without a repeat of the lead at the start."""
        return rendering.blocks(
            self.body,
            rendering.targets_of(self, self.body or ""),
            pictures=self.story_images.all(),
            lead=self.lead or "",
            absolute=absolute,
        )

    def body_targets(self) -> set[tuple[str, int]]:
        """(kind, id) of every entity and document that a body links to."""
        return {
            target
            for code in LANGUAGE_CODES
            for target in entity_links.targets_in(getattr(self, f"body_{code}") or "")
        }

    def link_body_entities(self) -> None:
        """Make what the bodies link to links of the story, so that "In this
        story" lists them and pages find them among the prefetched links."""
        relations = {
            "person": self.people,
            "organization": self.organizations,
            "initiative": self.initiatives,
            "document": self.documents,
        }
        by_kind: dict[str, list[int]] = {}
        for kind, pk in self.body_targets():
            by_kind.setdefault(kind, []).append(pk)
        for kind, ids in by_kind.items():
            relation = relations[kind]
            existing = relation.model.objects.filter(pk__in=ids).values_list("pk", flat=True)
            relation.add(*existing)

    @property
    def lead_caption(self) -> str:
        """The lead image's caption for this story, or the image's own."""
        if self.lead_image is None:
            return ""
        return self.lead_image_caption or self.lead_image.caption

    def byline_authors(self) -> list:
        """The credited authors, in the byline's order (prefetch
        ``bylines__author`` to read them without a query each)."""
        return [byline.author for byline in self.bylines.all()]

    def byline_credit(self, language: str | None = None) -> str:
        """The free-text credit of the ``language`` version (an agency, a
        press service), unless it only names one of the credited authors."""
        credit = self.credits(language).byline
        names = {
            " ".join((getattr(author, f"name_{code}") or "").split()).casefold()
            for author in self.byline_authors()
            for code in LANGUAGE_CODES
        }
        return "" if " ".join(credit.split()).casefold() in names else credit

    def byline_display(self, language: str | None = None) -> str:
        """Authors and credit as one line, for feeds and structured data."""
        parts = [str(author) for author in self.byline_authors()]
        credit = self.byline_credit(language)
        return ", ".join([*parts, credit] if credit else parts)

    def last_correction(self):
        """The newest correction (corrections come oldest first), or None."""
        corrections = list(self.corrections.all())
        return corrections[-1] if corrections else None

    def credits(self, language: str | None = None) -> VersionCredits:
        """Byline, source and source URL of the ``language`` version only.

        Unlike the text, credits never fall back to another language: the
        outlet of the Russian version did not write the English one.
        """
        code = language or get_language()
        return VersionCredits(
            byline=getattr(self, f"byline_{code}") or "",
            source=getattr(self, f"source_{code}"),
            source_url=external_url(getattr(self, f"source_url_{code}")),
        )


def _text_changed(column: str, before: str, after: str) -> bool:
    """Whether an edit changed the text a translator works from: a body's
    links and formatting alone do not."""
    if before == after:
        return False
    if column.startswith("body_"):
        return plain.plain_text(before) != plain.plain_text(after)
    return True


def without_repeated_lead(paragraph: str, lead: str) -> str:
    """``paragraph`` without ``lead`` at its start (compared up to case and
    whitespace). A lead that does not end a sentence is removed only when it
    is the whole paragraph: "The agency" must not cut "The agency said ...".
    """
    words = lead.split()
    if not words:
        return paragraph
    match = re.match(r"\s+".join(map(re.escape, words)), paragraph, re.IGNORECASE)
    if not match:
        return paragraph
    rest = paragraph[match.end() :]
    if not rest.strip():
        return ""
    if rest[0].isspace() and words[-1][-1] in SENTENCE_ENDS:
        return rest.strip()
    return paragraph


def translation_status_condition(language: str, status: str) -> Q:
    """``Article.translation_status(language) == status`` as a filter, for a
    status other than COMPLETE."""
    empty = [
        Q(**{f"{field}_{language}__isnull": True}) | Q(**{f"{field}_{language}": ""})
        for field in ARTICLE_TEXT_FIELDS
    ]
    if status == TranslationStatus.MISSING:
        return reduce(operator.and_, empty)
    some_empty = reduce(operator.or_, empty)
    if status == TranslationStatus.INCOMPLETE:
        return some_empty & ~reduce(operator.and_, empty)
    if status == TranslationStatus.OUT_OF_DATE:
        # A comparison with a NULL time is never true, as in Python above.
        edited = f"edited_at_{language}__lt"
        older = [
            Q(original_language=original, **{edited: F(f"edited_at_{original}")})
            for original in LANGUAGE_CODES
            if original != language
        ]
        return ~some_empty & reduce(operator.or_, older)
    raise ValueError(f"no filter for translation status {status!r}")
