"""The editorial workflow's records: suggested entity links and corrections.

Foreign keys name their targets as strings, so this module imports neither
entities.py nor stories.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .. import entities
from .choices import SuggestionStatus


class MentionSuggestion(models.Model):
    """A person, organization or initiative an article's text names but the
    article does not link, found by mention detection (articles/mentions/).

    Accepting it links the entity to the article; a rejected suggestion is
    kept, so that the same entity is not suggested for that article again.
    """

    Status = SuggestionStatus
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="mention_suggestions",
        verbose_name=_("article"),
    )
    person = models.ForeignKey(
        "articles.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mention_suggestions",
        verbose_name=_("person"),
    )
    organization = models.ForeignKey(
        "articles.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mention_suggestions",
        verbose_name=_("organization"),
    )
    initiative = models.ForeignKey(
        "articles.Initiative",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mention_suggestions",
        verbose_name=_("initiative"),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=settings.LANGUAGES,
        help_text=_("The language version in which the name was found."),
    )
    matched_text = models.CharField(_("found as"), max_length=300)
    excerpt = models.CharField(_("in context"), max_length=400, blank=True)
    status = models.CharField(
        _("decision"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("suggested"), auto_now_add=True)

    class Meta:
        ordering = ["article", "pk"]
        verbose_name = _("suggested link")
        verbose_name_plural = _("suggested links")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, organization__isnull=True, initiative__isnull=True)
                    | Q(person__isnull=True, organization__isnull=False, initiative__isnull=True)
                    | Q(person__isnull=True, organization__isnull=True, initiative__isnull=False)
                ),
                name="mention_suggestion_one_entity",
            ),
            # NULLs are distinct in unique constraints on both databases, so
            # each of these only binds the rows that name that kind of entity.
            models.UniqueConstraint(
                fields=["article", "person"], name="mention_suggestion_unique_person"
            ),
            models.UniqueConstraint(
                fields=["article", "organization"], name="mention_suggestion_unique_organization"
            ),
            models.UniqueConstraint(
                fields=["article", "initiative"], name="mention_suggestion_unique_initiative"
            ),
            models.CheckConstraint(
                condition=Q(status__in=SuggestionStatus.values),
                name="mention_suggestion_valid_status",
            ),
            models.CheckConstraint(
                condition=Q(status=SuggestionStatus.PENDING, decided_at__isnull=True)
                | (~Q(status=SuggestionStatus.PENDING) & Q(decided_at__isnull=False)),
                name="mention_suggestion_decided_when_not_pending",
            ),
        ]

    def __str__(self) -> str:
        return str(self.entity)

    def get_absolute_url(self) -> str:
        return self.entity.get_absolute_url()

    @property
    def entity(self):
        """The suggested person, organization or initiative."""
        return self.person or self.organization or self.initiative

    @property
    def entity_field(self) -> str:
        """The name of the article's many-to-many field that links the entity."""
        return next(t.link for t in entities.ENTITY_TYPES if getattr(self, f"{t.kind}_id"))


class Correction(models.Model):
    """A dated correction of a published story, shown to readers at its end
    and in the feeds. A row of its own, so editing the story, or restoring
    an earlier version of it, leaves its corrections as they are."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("article"),
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(
        _("correction"),
        blank=True,
        help_text=_(
            "What was wrong and what is right, e.g. “An earlier version of this story gave "
            "the wrong date of the meeting: it was held on 20 May, not 21 May.”"
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        # Readers see them in the order they were made: the newest last.
        ordering = ["date", "pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}: {Truncator(self.text).chars(60)}"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#correction-{self.pk}"
