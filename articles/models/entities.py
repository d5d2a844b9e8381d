"""People, organizations and initiatives: what articles are about.

They share one abstract base, ``Entity``, for their names, slug, times and
public page. Article links to them from stories.py; the reads here reach
Article back through that link (``EntityQuerySet._articles``), so this
module never imports stories.py.
"""

from django.db import models
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, get_language

from .. import entities
from ..partial_dates import Precision, format_partial_date
from ..transliteration import SLUG_MAX_LENGTH, slugify_title
from .choices import InitiativeStatus, OrganizationKind


def unique_slug(instance: models.Model, base: str, fallback: str) -> str:
    """``base`` made unique among the instance's model by a numeric suffix."""
    base = base or fallback
    model = type(instance)
    others = model._base_manager.exclude(pk=instance.pk)
    slug, counter = base, 2
    while others.filter(slug=slug).exists():
        suffix = f"-{counter}"
        slug = f"{base[: SLUG_MAX_LENGTH - len(suffix)]}{suffix}"
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


class Entity(models.Model):
    """A person, organization or initiative (``entities.ENTITY_TYPES``).

    Names are translated (translation.py registers each concrete model);
    the slug is derived from the Kazakh name on the first save.
    """

    name = models.CharField(_("name"), max_length=300)
    # The other names it goes by in one language, which mention detection
    # (articles/mentions/) looks for.
    name_variants = models.TextField(
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
    slug = models.SlugField(
        _("slug"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        help_text=_("The Latin part of the address, the same in every language."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name or self.slug

    def save(self, *args, **kwargs):
        if not self.slug:
            name = self.name_kk or self.name or ""
            self.slug = unique_slug(self, slugify_title(name, "kk"), self._meta.model_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(entities.type_of(self).detail_url_name, kwargs={"slug": self.slug})


def slug_not_empty(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=~Q(slug=""), name=f"{prefix}_slug_not_empty")


# --- Reads shared by people, organizations and initiatives ----------------------


class EntityQuerySet(models.QuerySet):
    """People, organizations and initiatives: what articles are about.

    Article reaches each of these models through a many-to-many field whose
    reverse accessor is ``articles``. Story counts go through
    ``Article.objects.published()``, so drafts and scheduled items never count.
    """

    def _articles(self) -> models.QuerySet:
        """Published articles (Article found through the link, not imported)."""
        return self.model._meta.get_field("articles").related_model.objects.published()

    def _article_field(self) -> str:
        """The name of the Article field that points at this model."""
        return self.model._meta.get_field("articles").field.name

    def with_story_counts(self) -> "EntityQuerySet":
        """Annotate ``story_count``: how many published articles are about each row."""
        field = self._article_field()
        counts = (
            self._articles()
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
            self.filter(articles__in=self._articles())
            .annotate(story_count=Count("articles"))
            .order_by("-story_count", "name")
        )

    def with_published_stories(self) -> "EntityQuerySet":
        """Rows that at least one published article is about."""
        stories = self._articles().values(self._article_field())
        return self.filter(pk__in=stories)

    def with_latest_story(self) -> "EntityQuerySet":
        """Annotate ``latest_story_at``: when the newest published article
        about each row appeared (None for rows without one)."""
        latest = (
            self._articles()
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
        return self.filter(pk__in=self._articles().values(field))

    def for_detail(self) -> "OrganizationQuerySet":
        """An organization's page: parent, sub-organizations, people, initiatives."""
        return self.select_related("parent", "logo").prefetch_related(
            affiliations_for_profile("person"), "children", "initiatives", "documents"
        )


class Organization(Entity):
    Kind = OrganizationKind
    short_name = models.CharField(
        _("short name"),
        max_length=100,
        blank=True,
        help_text=_("An abbreviation or short form, e.g. “Nur Otan” or “CPI”."),
    )
    description = models.TextField(_("description"), blank=True)
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
    logo = models.ForeignKey(
        "media.Image",
        verbose_name=_("logo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="logo_of",
    )
    documents = models.ManyToManyField(
        "media.Document", related_name="organizations", verbose_name=_("documents"), blank=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The body this one belongs to, e.g. the agency of a regional department."),
    )

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
            slug_not_empty("organization"),
        ]


# --- People --------------------------------------------------------------------


class PersonQuerySet(EntityQuerySet):
    def for_detail(self) -> "PersonQuerySet":
        """A person's page: affiliations with their organizations, initiatives."""
        return self.select_related("portrait").prefetch_related(
            affiliations_for_profile("organization"), "initiatives", "documents"
        )


class Person(Entity):
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_(
            "In the established spelling of each language, e.g. Тоқаев / Токаев / Tokayev."
        ),
    )
    position = models.CharField(
        _("short description"),
        max_length=300,
        blank=True,
        help_text=_("The position or role a reader needs to place the person."),
    )
    biography = models.TextField(_("biography"), blank=True)
    portrait = models.ForeignKey(
        "media.Image",
        verbose_name=_("portrait"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="portrait_of",
    )
    documents = models.ManyToManyField(
        "media.Document", related_name="people", verbose_name=_("documents"), blank=True
    )
    organizations = models.ManyToManyField(
        Organization,
        through="Affiliation",
        related_name="people",
        verbose_name=_("organizations"),
        blank=True,
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [slug_not_empty("person")]


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


class InitiativeQuerySet(EntityQuerySet):
    def active(self) -> "InitiativeQuerySet":
        return self.filter(status=InitiativeStatus.ACTIVE)

    def for_detail(self) -> "InitiativeQuerySet":
        """An initiative's page: the organizations and people involved."""
        return self.prefetch_related("organizations", "people", "documents")


class Initiative(Entity, PartialPeriod):
    Status = InitiativeStatus
    description = models.TextField(_("description"), blank=True)
    documents = models.ManyToManyField(
        "media.Document", related_name="initiatives", verbose_name=_("documents"), blank=True
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
            slug_not_empty("initiative"),
        ]
