"""RSS and Atom feeds of the latest stories, one per language.

Mounted inside i18n_patterns, so ``/ru/feed/`` is the Russian feed: the
active language picks the texts (with the site's fallback, as on the news
list), the links and the feed's language. Five queries whatever the number
of items: the stories with their sources, the people, organizations and
initiatives named as categories, and the stories' corrections. A story
with a lead image has it as the item's enclosure (the stored file, whose
length is known) and, in RSS, as ``media:content`` (a rendition about
1,280 pixels wide, with its size).
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.html import escape, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import entities
from .caching import versions
from .media.pictures import SharedImage, shared_image
from .models import Article

MEDIA_RSS = "http://search.yahoo.com/mrss/"


class MediaRssFeed(Rss201rev2Feed):
    """RSS 2.0 with Media RSS's ``media:content`` for each item's image."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_RSS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        image = item.get("image")
        if image is not None:
            attributes = {
                "url": image.url,
                "medium": "image",
                "type": image.mime_type,
                "width": str(image.width),
                "height": str(image.height),
            }
            handler.addQuickElement("media:content", "", attributes)


class LatestArticlesFeed(Feed):
    feed_type = MediaRssFeed
    item_count = 20
    url_name = "articles:feed"

    def title(self) -> str:
        return _("Newsroom")

    def description(self) -> str:
        return _("News about the fight against corruption in Kazakhstan")

    def link(self) -> str:
        return reverse("articles:home")

    def feed_url(self) -> str:
        return reverse(self.url_name)

    def author_name(self) -> str:
        # Atom needs an author for every entry without a byline of its own.
        return _("Newsroom")

    def get_object(self, request, *args, **kwargs):
        # The feed has no object; the request is what items() needs.
        self.request = request
        return request

    def items(self, request) -> list["FeedItem"]:
        # Building the items (five queries, twenty stories with their links)
        # is most of a feed's cost: once per content version and language.
        return versions.cached(
            f"feed-items:{get_language()}:{self.item_count}",
            lambda: [FeedItem.of(article) for article in self.articles()],
            version=versions.for_request(request),
        )

    def articles(self):
        published = Article.objects.published().for_listing()
        return published.prefetch_related(*entities.LINKS, "corrections")[: self.item_count]

    def item_title(self, item: "FeedItem") -> str:
        return item.title

    def item_link(self, item: "FeedItem") -> str:
        return item.link

    def item_description(self, item: "FeedItem") -> str:
        return item.description

    def item_pubdate(self, item: "FeedItem") -> datetime:
        return item.published_at

    def item_updateddate(self, item: "FeedItem") -> datetime:
        return item.modified_at

    def item_author_name(self, item: "FeedItem") -> str | None:
        return item.author_name

    def item_categories(self, item: "FeedItem") -> list[str]:
        return item.categories

    def item_enclosures(self, item: "FeedItem") -> list[Enclosure]:
        if item.enclosure is None:
            return []
        url, length, mime_type = item.enclosure
        return [Enclosure(self.request.build_absolute_uri(url), str(length), mime_type)]

    def item_extra_kwargs(self, item: "FeedItem") -> dict:
        if item.image is None:
            return {}
        image = item.image
        url = self.request.build_absolute_uri(image.url)
        return {"image": SharedImage(url, image.width, image.height, image.mime_type, None)}


@dataclass(frozen=True)
class FeedItem:
    """What a feed says of a story, in the active language."""

    title: str
    link: str
    description: str
    published_at: datetime
    modified_at: datetime
    author_name: str | None
    categories: list[str]
    image: SharedImage | None = None
    enclosure: tuple[str, int, str] | None = None

    @classmethod
    def of(cls, article: Article) -> "FeedItem":
        # RSS descriptions and Atom summaries are HTML: the lead is plain
        # text. Corrections follow it, as they follow the story on its page.
        corrections = format_html_join(
            "",
            "<p><strong>{}, {}:</strong> {}</p>",
            ((_("Correction"), date_format(c.date), c.text) for c in article.corrections.all()),
        )
        linked = [*article.people.all(), *article.organizations.all(), *article.initiatives.all()]
        lead_image = article.lead_image
        return cls(
            # Plain text: Atom titles are text, and the feed writer escapes it.
            title=article.title,
            link=article.get_absolute_url(),
            description=str(escape(article.lead) + corrections),
            published_at=article.published_at,
            modified_at=article.modified_at,
            # The byline of this language's version only, as on the article page.
            author_name=article.credits().byline or None,
            categories=[str(entity) for entity in linked],
            image=shared_image(lead_image) if lead_image else None,
            enclosure=(
                (lead_image.file.url, lead_image.file_size, lead_image.mime_type)
                if lead_image
                else None
            ),
        )


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    url_name = "articles:feed-atom"

    def subtitle(self) -> str:
        return self.description()
