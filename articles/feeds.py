"""RSS and Atom feeds of the latest stories, one per language.

Mounted inside i18n_patterns, so ``/ru/feed/`` is the Russian feed: the
active language picks the texts (with the site's fallback, as on the news
list), the links and the feed's language. Five queries whatever the number
of items: the stories with their sources, the people, organizations and
initiatives named as categories, and the stories' corrections.
"""

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import escape, format_html_join
from django.utils.translation import gettext as _

from .models import Article


class LatestArticlesFeed(Feed):
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

    def items(self):
        return Article.objects.published().for_detail()[: self.item_count]

    def item_title(self, article: Article) -> str:
        # Plain text: Atom titles are text, and the feed writer escapes it.
        return article.title

    def item_description(self, article: Article) -> str:
        # RSS descriptions and Atom summaries are HTML: the lead is plain
        # text. Corrections follow it, as they follow the story on its page.
        corrections = format_html_join(
            "",
            "<p><strong>{}, {}:</strong> {}</p>",
            ((_("Correction"), date_format(c.date), c.text) for c in article.corrections.all()),
        )
        return escape(article.lead) + corrections

    def item_pubdate(self, article: Article) -> datetime:
        return article.published_at

    def item_updateddate(self, article: Article) -> datetime:
        return article.modified_at

    def item_author_name(self, article: Article) -> str | None:
        # The byline of this language's version only, as on the article page.
        return article.credits().byline or None

    def item_categories(self, article: Article) -> list[str]:
        entities = [*article.people.all(), *article.organizations.all(), *article.initiatives.all()]
        return [str(entity) for entity in entities]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    url_name = "articles:feed-atom"

    def subtitle(self) -> str:
        return self.description()
