"""A reader's search: the one entry point of the article filters and the
search page.

The text is parsed once per request (``Search.query``); the list's other
filters narrow the queryset, then ``rank`` finds and scores its relevance
window (query.py), once per content version; the search page reads the
passages and the matching names from the same object.
"""

from django.db.models import Prefetch, QuerySet
from django.utils.translation import get_language

from articles.caching import versions
from articles.languages import CODES
from articles.models import Article

from .query import entities_in_order, matching_entities, parse, rank, window
from .ranked import RankedArticles
from .snippets import Snippet, snippet


def document_texts() -> Prefetch:
    """The attached documents' texts, for the snippets of results found
    through them: one query for a page of results."""
    Document = Article._meta.get_field("documents").related_model
    columns = ("pk", "text", "text_language", *(f"title_{code}" for code in CODES))
    return Prefetch("documents", queryset=Document.objects.only(*columns))


class Search:
    def __init__(self, text: str, *, request=None):
        self.query = parse(text)
        self.request = request

    def __bool__(self) -> bool:
        return bool(self.query)

    def rank(self, queryset: QuerySet, *, key: str) -> RankedArticles | QuerySet:
        """The articles of ``queryset`` in the query's relevance window, best
        first. Finding and scoring the window is most of a search's cost
        (tens of ms at 100,000 stories): it is cached per content version
        under ``key``, which must name every filter applied to ``queryset``,
        so that a repeated search costs a page of rows."""
        found = versions.cached(
            f"search-window:{get_language()}:{key}",
            lambda: window(queryset, self.query),
            version=versions.for_request(self.request),
        )
        return rank(queryset, self.query, found)

    def snippets(self, articles, language: str) -> list[tuple[object, Snippet]]:
        """Each of ``articles`` with its title and matched passage."""
        return [(article, snippet(article, self.query, language)) for article in articles]

    def entities(self) -> list:
        """The people, organizations and initiatives whose names match."""
        return entities_in_order(matching_entities(self.query))
