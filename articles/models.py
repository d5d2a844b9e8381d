"""The newsroom's domain: articles and the people, organizations and
initiatives they concern.

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

from django.db import models
from django.db.models import Case, Count, F, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.utils import (
    build_localized_fieldname,
    get_language,
    resolution_order,
)

from .links import external_url
from .partial_dates import Precision, format_partial_date
from .transliteration import slugify_title


class Language(models.TextChoices):
    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")


LANGUAGE_CODES = tuple(Language.values)


def unique_slug(instance: models.Model, base: str, fallback: str) -> str:
    """``base`` made unique among the instance's model by a numeric suffix."""
    base = base or fallback
    model = type(instance)
    others = model._base_manager.exclude(pk=instance.pk)
    slug, counter = base, 2
    while others.filter(slug=slug).exists():
        suffix = f"-{counter}"
        slug = f"{base[: 80 - len(suffix)]}{suffix}"
        counter += 1
    return slug


class PartialPeriod(models.Model):
    """A start and an end that may each be known only to the year or month."""

    start_date = models.DateField(
        _("start"),
        null=True,
        blank=True,
        help_text=_("Stored as the first day of the year or month when only those are known."),
    )
    start_precision = models.CharField(
        _("start precision"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
    )
    end_date = models.DateField(
        _("end"),
        null=True,
        blank=True,
        help_text=_("Stored as the last day of the year or month when only those are known."),
    )
    end_precision = models.CharField(
        _("end precision"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
    )

    class Meta:
        abstract = True

    @property
    def period_display(self) -> str:
        start = format_partial_date(self.start_date, self.start_precision)
        end = format_partial_date(self.end_date, self.end_precision)
        if start and end:
            return f"{start} – {end}"
        if start:
            return f"{start} –"
        if end:
            return f"– {end}"
        return ""


def period_constraints(prefix: str) -> list[models.BaseConstraint]:
    precisions = Precision.values
    return [
        models.CheckConstraint(
            condition=Q(end_date__isnull=True)
            | Q(start_date__isnull=True)
            | Q(end_date__gte=F("start_date")),
            name=f"{prefix}_end_not_before_start",
            violation_error_message=_("The end cannot be before the start."),
        ),
        models.CheckConstraint(
            condition=Q(start_precision__in=precisions) & Q(end_precision__in=precisions),
            name=f"{prefix}_valid_precisions",
        ),
    ]


def name_variants_field() -> models.TextField:
    """The other names a person, organization or initiative goes by in one
    language (translated), which mention detection (mentions.py) looks for."""
    return models.TextField(
        _("name variants"),
        blank=True,
        help_text=_(
            "Other names used for it in this language, one a line: the surname alone "
            "(Тоқаев), initials (Ә. Смайылов), an abbreviation (БҰҰ), a former name, a "
            "title only one person ever held (Елбасы). Inflected forms (Тоқаевтың, "
            "Токаевым) are found without being listed. Leave out titles that pass from "
            "one holder to the next (Мемлекет басшысы): list them on the office's "
            "organization and tick “one-person office”."
        ),
    )


# --- Reads shared by people, organizations and initiatives ----------------------


class EntityQuerySet(models.QuerySet):
    """People, organizations and initiatives: what articles are about.

    Article reaches each of these models through a many-to-many field whose
    reverse accessor is ``articles``. Story counts go through
    ``Article.objects.published()``, so drafts and scheduled items never count.
    """

    def _article_field(self) -> str:
        """The name of the Article field that points at this model."""
        return self.model._meta.get_field("articles").field.name

    def with_story_counts(self) -> "EntityQuerySet":
        """Annotate ``story_count``: how many published articles are about each row."""
        field = self._article_field()
        counts = (
            Article.objects.published()
            .filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(story_count=Coalesce(Subquery(counts), 0))

    def in_the_news(self) -> "EntityQuerySet":
        """Rows with published articles, the most written-about first.

        Ranking needs every row's count, so this is one join and aggregate
        over the links: a subquery per row (``with_story_counts``) would
        cost seconds at 100,000 stories, this about 0.1 s.
        """
        return (
            self.filter(articles__in=Article.objects.published())
            .annotate(story_count=Count("articles"))
            .order_by("-story_count", "name")
        )

    def with_published_stories(self) -> "EntityQuerySet":
        """Rows that at least one published article is about."""
        stories = Article.objects.published().values(self._article_field())
        return self.filter(pk__in=stories)

    def with_latest_story(self) -> "EntityQuerySet":
        """Annotate ``latest_story_at``: when the newest published article
        about each row appeared (None for rows without one)."""
        latest = (
            Article.objects.published()
            .filter(**{self._article_field(): OuterRef("pk")})
            .order_by("-published_at")
            .values("published_at")[:1]
        )
        return self.annotate(latest_story_at=Subquery(latest))


def affiliations_for_profile(related: str) -> Prefetch:
    """Affiliations with ``related`` joined: ongoing ones first, then the latest."""
    return Prefetch(
        "affiliations",
        queryset=Affiliation.objects.select_related(related).order_by(
            F("end_date").desc(nulls_first=True),
            F("start_date").desc(nulls_last=True),
            f"{related}__name",
        ),
    )


# --- Organizations -------------------------------------------------------------


class OrganizationQuerySet(EntityQuerySet):
    def sources(self, language: str | None = None) -> "OrganizationQuerySet":
        """Organizations credited as the source of a published article's
        ``language`` version (the active language by default)."""
        field = build_localized_fieldname("source", language or get_language())
        return self.filter(pk__in=Article.objects.published().values(field))

    def for_detail(self) -> "OrganizationQuerySet":
        """An organization's page: parent, sub-organizations, people, initiatives."""
        return self.select_related("parent").prefetch_related(
            affiliations_for_profile("person"), "children", "initiatives"
        )


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


class Organization(models.Model):
    Kind = OrganizationKind
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(
        _("short name"),
        max_length=100,
        blank=True,
        help_text=_("An abbreviation or short form, e.g. “Nur Otan” or “CPI”."),
    )
    name_variants = name_variants_field()
    description = models.TextField(_("description"), blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("The Latin part of the address, the same in every language."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    is_office = models.BooleanField(
        _("one-person office"),
        default=False,
        help_text=_(
            "An office one person holds at a time, such as the President. A mention of "
            "its names (“Мемлекет басшысы”, “Head of State”) also suggests whoever held "
            "it on the story's date, according to the affiliations."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The body this one belongs to, e.g. the agency of a regional department."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganizationKind.values),
                name="organization_valid_kind",
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="organization_not_own_parent"
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="organization_slug_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name or self.slug

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                self,
                slugify_title(self.name_kk or self.name or "", "kk"),
                "organization",
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:organization-detail", kwargs={"slug": self.slug})


# --- People --------------------------------------------------------------------


class PersonQuerySet(EntityQuerySet):
    def for_detail(self) -> "PersonQuerySet":
        """A person's page: affiliations with their organizations, initiatives."""
        return self.prefetch_related(affiliations_for_profile("organization"), "initiatives")


class Person(models.Model):
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_(
            "In the established spelling of each language, e.g. Тоқаев / Токаев / Tokayev."
        ),
    )
    name_variants = name_variants_field()
    position = models.CharField(
        _("short description"),
        max_length=300,
        blank=True,
        help_text=_("The position or role a reader needs to place the person."),
    )
    biography = models.TextField(_("biography"), blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("The Latin part of the address, the same in every language."),
    )
    organizations = models.ManyToManyField(
        Organization,
        through="Affiliation",
        related_name="people",
        verbose_name=_("organizations"),
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(condition=~Q(slug=""), name="person_slug_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name or self.slug

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                self, slugify_title(self.name_kk or self.name or "", "kk"), "person"
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:person-detail", kwargs={"slug": self.slug})


class Affiliation(PartialPeriod):
    """A person's role in an organization over a period."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="affiliations",
        verbose_name=_("person"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="affiliations",
        verbose_name=_("organization"),
    )
    role = models.CharField(_("role"), max_length=300, blank=True)

    class Meta:
        ordering = ["person", "-start_date", "organization"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = period_constraints("affiliation")

    def __str__(self) -> str:
        return f"{self.person} — {self.role}, {self.organization}"


# --- Initiatives ---------------------------------------------------------------


class InitiativeStatus(models.TextChoices):
    # A context keeps "active" apart from Django's own "active" (a user's
    # flag), which the project catalog would otherwise translate as well.
    PLANNED = "planned", pgettext_lazy("initiative status", "planned")
    ACTIVE = "active", pgettext_lazy("initiative status", "active")
    COMPLETED = "completed", pgettext_lazy("initiative status", "completed")
    SUSPENDED = "suspended", pgettext_lazy("initiative status", "suspended")


class InitiativeQuerySet(EntityQuerySet):
    def active(self) -> "InitiativeQuerySet":
        return self.filter(status=InitiativeStatus.ACTIVE)

    def for_detail(self) -> "InitiativeQuerySet":
        """An initiative's page: the organizations and people involved."""
        return self.prefetch_related("organizations", "people")


class Initiative(PartialPeriod):
    Status = InitiativeStatus
    name = models.CharField(_("name"), max_length=300)
    name_variants = name_variants_field()
    description = models.TextField(_("description"), blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("The Latin part of the address, the same in every language."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    organizations = models.ManyToManyField(
        Organization,
        related_name="initiatives",
        verbose_name=_("organizations involved"),
        blank=True,
    )
    people = models.ManyToManyField(
        Person,
        related_name="initiatives",
        verbose_name=_("people involved"),
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            *period_constraints("initiative"),
            models.CheckConstraint(
                condition=Q(status__in=InitiativeStatus.values),
                name="initiative_valid_status",
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="initiative_slug_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name or self.slug

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                self, slugify_title(self.name_kk or self.name or "", "kk"), "initiative"
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:initiative-detail", kwargs={"slug": self.slug})


# --- Articles --------------------------------------------------------------------


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


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """What the public may see: published, and not scheduled for later.

        The one definition used by every public page, feed, sitemap and
        search; drafts, items in review and future-dated items never pass.
        """
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__lte=timezone.now())

    def for_listing(self) -> "ArticleQuerySet":
        return self.select_related("source_kk", "source_ru", "source_en")

    def for_detail(self) -> "ArticleQuerySet":
        return self.for_listing().prefetch_related(
            "people", "organizations", "initiatives", "corrections"
        )

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

    def related_to(self, article: "Article") -> "ArticleQuerySet":
        """Articles sharing a person, organization or initiative with ``article``.

        Subqueries on the link tables keep it to one query however many
        entities the article has, with no joins to deduplicate.
        """
        shares_an_entity = Q()
        for name in ("people", "organizations", "initiatives"):
            field = Article._meta.get_field(name)
            links = field.remote_field.through.objects
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            entities = links.filter(**{source: article.pk}).values(target)
            shares_an_entity |= Q(pk__in=links.filter(**{f"{target}__in": entities}).values(source))
        return self.filter(shares_an_entity).exclude(pk=article.pk)


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
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_("Plain text; separate paragraphs with an empty line."),
    )
    byline = models.CharField(
        _("byline"),
        max_length=200,
        blank=True,
        help_text=_("The author or agency credited for this language version."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
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
                condition=Q(original_language__in=[choice.value for choice in Language]),
                name="article_valid_original_language",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_date",
                violation_error_message=_("A published article needs a publication date."),
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="article_slug_not_empty"),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="article_public_order"),
            models.Index(
                fields=["original_language", "status", "-published_at"],
                name="article_language_order",
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
            if column in loaded and value != loaded[column]
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
        order = [self.original_language, "kk", "ru", "en"]
        for language in dict.fromkeys(order):
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

    def body_paragraphs(self) -> list[str]:
        """The body's paragraphs (split at empty lines), without a repeat of
        the lead at the start, since pages show the lead above the body.

        Stories are often pasted whole, so the lead may be all of the first
        paragraph or only its first sentences.
        """
        paragraphs = [
            part.strip() for part in PARAGRAPH_BREAK.split(self.body or "") if part.strip()
        ]
        if paragraphs:
            rest = _without_repeated_lead(paragraphs[0], self.lead or "")
            if rest:
                paragraphs[0] = rest
            else:
                del paragraphs[0]
        return paragraphs

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


def _without_repeated_lead(paragraph: str, lead: str) -> str:
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


# The editorial workflow's models live in their own module; importing them
# here registers them with the app.
from .workflow import Correction, MentionSuggestion  # noqa: E402, F401
