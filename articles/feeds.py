"""RSS and Atom feeds of the latest stories, one per language, and of each
section, topic and author.

Mounted inside i18n_patterns, so ``/ru/feed/`` is the Russian feed: the
active language picks the texts (with the site's fallback, as on the news
list), the links and the feed's language. A fixed number of queries
whatever the number of items: the stories with their sources, the people,
organizations and initiatives named as categories, the topics, the
pictures and documents of the full text, and the corrections. Each item
carries the story's whole sanitised body with absolute links (RSS
``content:encoded``, Atom ``content``) after the lead as its description.
A story with a lead image has it as the item's enclosure (the stored file,
whose length is known) and, in RSS, as ``media:content`` (a rendition
about 1,280 pixels wide, with its size).
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import entities
from .caching import versions
from .media.pictures import SharedImage, shared_image
from .models import Article
from .models.stories import ILLUSTRATIONS, bylines_with_authors
from .richtext import rendering


def feed_prefetches() -> tuple:
    return (*entities.LINKS, "topics", bylines_with_authors(), "corrections", *ILLUSTRATIONS)


MEDIA_RSS = "http://search.yahoo.com/mrss/"
CONTENT_MODULE = "http://purl.org/rss/1.0/modules/content/"


class MediaRssFeed(Rss201rev2Feed):
    """RSS 2.0 with the full text in ``content:encoded`` and Media RSS's
    ``media:content`` for each item's image."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:media": MEDIA_RSS,
            "xmlns:content": CONTENT_MODULE,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])
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


class FullTextAtomFeed(Atom1Feed):
    """Atom with each story's full text as the entry's HTML ``content``."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class LatestArticlesFeed(Feed):
    feed_type = MediaRssFeed
    item_count = 20
    url_name = "articles:feed"

    def title(self, obj) -> str:
        return _("Newsroom")

    def description(self, obj) -> str:
        return _("News about the fight against corruption in Kazakhstan")

    def link(self, obj) -> str:
        return reverse("articles:home")

    def feed_url(self, obj) -> str:
        return reverse(self.url_name)

    def author_name(self) -> str:
        # Atom needs an author for every entry without a byline of its own.
        return _("Newsroom")

    def get_object(self, request, *args, **kwargs):
        # The feed has no object; the request is what items() needs.
        self.request = request
        return request

    def items(self, obj) -> list["FeedItem"]:
        # Building the items (the stories with their links and full texts)
        # is most of a feed's cost: once per content version, language and
        # host (the full texts' links are absolute).
        request = self.request
        absolute = request.build_absolute_uri
        return versions.cached(
            f"feed-items:{request.get_host()}:{get_language()}:{self.items_key(obj)}",
            lambda: [FeedItem.of(article, absolute) for article in self.articles(obj)],
            version=versions.for_request(request),
        )

    def items_key(self, obj) -> str:
        return f"latest:{self.item_count}"

    def articles(self, obj):
        published = Article.objects.published().for_listing()
        return published.prefetch_related(*feed_prefetches())[: self.item_count]

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
        extra = {"content": item.content}
        if item.image is not None:
            image = item.image
            url = self.request.build_absolute_uri(image.url)
            extra["image"] = SharedImage(url, image.width, image.height, image.mime_type, None)
        return extra


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

    content: str = ""

    @classmethod
    def of(cls, article: Article, absolute) -> "FeedItem":
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
            author_name=article.byline_display() or None,
            categories=[
                *([str(article.section)] if article.section else []),
                *(str(topic) for topic in article.topics.all()),
                *(str(entity) for entity in linked),
            ],
            content=rendering.html(
                article.body_blocks(absolute=absolute),
                picture_html=lambda picture: _figure(picture, absolute),
            ),
            image=shared_image(lead_image) if lead_image else None,
            enclosure=(
                (lead_image.file.url, lead_image.file_size, lead_image.mime_type)
                if lead_image
                else None
            ),
        )


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = FullTextAtomFeed
    url_name = "articles:feed-atom"

    def subtitle(self, obj) -> str:
        return self.description(obj)


def _figure(picture, absolute) -> str:
    """A picture of the full text: a JPEG or PNG every feed reader shows."""
    image = picture.image
    shown = shared_image(image)
    return format_html(
        '<figure><img src="{}" alt="{}" width="{}" height="{}">{}</figure>',
        absolute(shown.url),
        image.alt,
        shown.width,
        shown.height,
        format_html("<figcaption>{}</figcaption>", picture.shown_caption)
        if picture.shown_caption
        else "",
    )


class FiledArticlesFeed(LatestArticlesFeed):
    """The latest stories of one section, topic or author (``model``,
    found by the slug in the address, or a 404)."""

    model = None
    story_field = ""

    def get_object(self, request, slug):
        self.request = request
        return get_object_or_404(self.model, slug=slug)

    def title(self, obj) -> str:
        return f"{obj} · {_('Newsroom')}"

    def description(self, obj) -> str:
        # Plain text that feed readers show as HTML: escaped, like the leads.
        own = getattr(obj, "description", "") or getattr(obj, "biography", "")
        return str(escape(own)) if own else super().description(obj)

    def link(self, obj) -> str:
        return obj.get_absolute_url()

    def feed_url(self, obj) -> str:
        return reverse(self.url_name, kwargs={"slug": obj.slug})

    def items_key(self, obj) -> str:
        return f"{self.model._meta.label}:{obj.pk}:{self.item_count}"

    def articles(self, obj):
        published = Article.objects.published().for_listing()
        filed = published.filter(**{self.story_field: obj}).distinct()
        return filed.prefetch_related(*feed_prefetches())[: self.item_count]


def filed_feeds(model, story_field: str, name: str):
    """The RSS and Atom feed classes of ``model``'s stories."""
    rss = type(
        f"{model.__name__}Feed",
        (FiledArticlesFeed,),
        {"model": model, "story_field": story_field, "url_name": f"articles:{name}-feed"},
    )
    atom = type(
        f"{model.__name__}AtomFeed",
        (rss,),
        {
            "feed_type": FullTextAtomFeed,
            "url_name": f"articles:{name}-feed-atom",
            "subtitle": lambda self, obj: self.description(obj),
        },
    )
    return rss, atom
