"""The sitemap: every public page in every language, with hreflang alternates.

``/sitemap.xml`` is an index of one sitemap per section (newsroom/urls.py),
so that each stays within the protocol's 50,000 URLs however many stories
there are. Stories come from ``Article.objects.published()`` only. People,
organizations and initiatives are listed once at least one published story
is about them: the others' pages exist but say only "No stories yet.".
"""

from datetime import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils.functional import cached_property

from .authors.models import Author
from .models import Article, EntityQuerySet, Initiative, Organization, Person
from .taxonomy.models import Section, Topic


class LanguageSitemap(Sitemap):
    """Each item once per language, with an alternate link to every language.

    Django names the unprefixed URL as x-default; here it is the Kazakh one,
    as every page's own ``hreflang="x-default"`` link says (includes/meta.html):
    search engines expect both to agree.
    """

    i18n = True
    alternates = True
    x_default = True
    # 5,000 items in 3 languages: 15,000 URLs, each with 4 alternates, per file.
    limit = 5000 * len(settings.LANGUAGES)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            alternates = {alternate["lang_code"]: alternate for alternate in url["alternates"]}
            if "x-default" in alternates:
                default = alternates[settings.LANGUAGE_CODE]["location"]
                alternates["x-default"]["location"] = default
        return urls


def latest_story_change() -> datetime | None:
    """When a published story last appeared or changed."""
    latest = Greatest("published_at", "updated_at")
    return Article.objects.published().aggregate(latest=Max(latest))["latest"]


class PageSitemap(LanguageSitemap):
    """The home page and the lists."""

    # The home page and the news list show the latest stories.
    story_pages = ("home", "list")

    def items(self) -> list[str]:
        return [
            *self.story_pages,
            "person-list",
            "organization-list",
            "initiative-list",
            "topic-list",
            "author-list",
        ]

    def location(self, item: str) -> str:
        return reverse(f"articles:{item}")

    @cached_property
    def _latest_story_change(self) -> datetime | None:
        return latest_story_change()

    def lastmod(self, item: str) -> datetime | None:
        return self._latest_story_change if item in self.story_pages else None


class ArticleSitemap(LanguageSitemap):
    def items(self):
        # Only what a URL and lastmod need: the story texts stay in the database.
        return Article.objects.published().only("slug", "published_at", "updated_at")

    def lastmod(self, article: Article) -> datetime:
        return article.modified_at

    def get_latest_lastmod(self) -> datetime | None:
        return latest_story_change()


class EntitySitemap(LanguageSitemap):
    """People, organizations or initiatives that a published story is about."""

    model: type[Person | Organization | Initiative]

    def items(self) -> EntityQuerySet:
        return (
            self.model.objects.with_published_stories()
            .with_latest_story()
            .only("slug", "updated_at")
            # The slug is the same in every language: the order, and so the
            # pages of the sitemap, do not depend on the request's language.
            .order_by("slug")
        )

    def lastmod(self, entity) -> datetime:
        # The page lists the entity's stories: a new story changes it too.
        return max(entity.updated_at, entity.latest_story_at)


class PersonSitemap(EntitySitemap):
    model = Person


class OrganizationSitemap(EntitySitemap):
    model = Organization


class InitiativeSitemap(EntitySitemap):
    model = Initiative


class FiledSitemap(LanguageSitemap):
    """Sections, topics or authors with at least one published story."""

    model = None

    def items(self):
        return self.model.objects.with_published_stories().only("slug").order_by("slug")


class SectionSitemap(FiledSitemap):
    model = Section


class TopicSitemap(FiledSitemap):
    model = Topic


class AuthorSitemap(FiledSitemap):
    model = Author


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "people": PersonSitemap,
    "organizations": OrganizationSitemap,
    "initiatives": InitiativeSitemap,
    "sections": SectionSitemap,
    "topics": TopicSitemap,
    "authors": AuthorSitemap,
}
