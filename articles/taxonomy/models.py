"""Sections and topics, with names and descriptions in kk, ru and en."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models.entities import slug_not_empty, unique_slug
from ..transliteration import SLUG_MAX_LENGTH, slugify_title


class FiledQuerySet(models.QuerySet):
    """Sections, topics and authors: what stories are filed under."""

    def with_published_stories(self) -> "FiledQuerySet":
        """Rows that at least one published story is filed under."""
        from ..models import Article

        return self.filter(articles__in=Article.objects.published()).distinct()

    def with_story_counts(self) -> "FiledQuerySet":
        """Annotate ``story_count``: the published stories of each row."""
        from ..models import Article

        published = Article.objects.published()
        return self.annotate(
            story_count=models.Count(
                "articles", filter=models.Q(articles__in=published), distinct=True
            )
        )


def slug_from_kazakh_name() -> models.SlugField:
    return models.SlugField(
        _("slug"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        blank=True,
        help_text=_("The Latin part of the address. Filled in from the Kazakh name."),
    )


class SlugFromKazakhName(models.Model):
    """A blank slug is made from the Kazakh name, before the form checks
    the constraints (clean) and on any other save."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_slug()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.fill_slug()

    def fill_slug(self) -> None:
        if not self.slug:
            name = self.name_kk or self.name or ""
            self.slug = unique_slug(self, slugify_title(name, "kk"), self._meta.model_name)


class Filing(SlugFromKazakhName):
    """What sections and topics share: a name, a description, a Latin slug."""

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Shown at the top of its page.")
    )
    slug = slug_from_kazakh_name()

    objects = FiledQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name or self.slug


class Section(Filing):
    position = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Sections appear in this order in the navigation.")
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [slug_not_empty("section")]

    def get_absolute_url(self) -> str:
        return reverse("articles:section", kwargs={"slug": self.slug})


class Topic(Filing):
    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [slug_not_empty("topic")]

    def get_absolute_url(self) -> str:
        return reverse("articles:topic", kwargs={"slug": self.slug})


class ArticleTopic(models.Model):
    """A story's topic. A topic that stories use cannot be deleted."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="topic_links"
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="article_links")

    class Meta:
        verbose_name = _("topic of the story")
        verbose_name_plural = _("topics of the story")
        constraints = [
            models.UniqueConstraint(fields=["article", "topic"], name="article_topic_once")
        ]

    def __str__(self) -> str:
        # Named by its story: the admin's "cannot delete this topic" page
        # lists these links.
        return f"{self.article} · {self.topic}"
