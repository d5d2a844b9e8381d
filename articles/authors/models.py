"""Authors: profiles with a public page, and their place in a byline."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models.entities import slug_not_empty
from ..taxonomy.models import FiledQuerySet, SlugFromKazakhName, slug_from_kazakh_name


class Author(SlugFromKazakhName):
    class Role(models.TextChoices):
        STAFF = "staff", _("staff journalist")
        CONTRIBUTOR = "contributor", _("contributor")

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.STAFF)
    biography = models.TextField(_("biography"), blank=True)
    portrait = models.ForeignKey(
        "media.Image",
        verbose_name=_("portrait"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="author_portrait_of",
    )
    slug = slug_from_kazakh_name()

    objects = FiledQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            slug_not_empty("author"),
            models.CheckConstraint(
                condition=models.Q(role__in=["staff", "contributor"]), name="author_valid_role"
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.slug

    def get_absolute_url(self) -> str:
        return reverse("articles:author", kwargs={"slug": self.slug})


class Byline(models.Model):
    """One author credited on a story, in the byline's order."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="bylines"
    )
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="bylines", verbose_name=_("author")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("author of the story")
        verbose_name_plural = _("authors of the story")
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_author_once")
        ]

    def __str__(self) -> str:
        # Named by its story: the admin's "cannot delete this author" page
        # lists these bylines.
        return f"{self.article} · {self.author}"
