"""The public reader site.

Every article query starts from ``Article.objects.published()``, so drafts,
items in review and scheduled items appear nowhere, and every page runs a
fixed number of queries however many items are linked (the QuerySet methods
bundle the joins and prefetches; tests/test_views.py counts them).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_from_request, override
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from . import structured_data
from .caching import versions
from .caching.middleware import reader_request
from .caching.pagination import VersionCountPaginator
from .filters import ArticleFilter
from .models import Article, Initiative, Organization, Person
from .notices import language_notes
from .search.query import MAX_QUERY_LENGTH, RELEVANCE_WINDOW, cut, is_capped
from .search.results import document_texts


def language_redirect(request):
    """``/``: the home page in the reader's language.

    The language comes from the language cookie, then Accept-Language, and is
    Kazakh (LANGUAGE_CODE) when neither names kk, ru or en.
    """
    with override(get_language_from_request(request)):
        response = redirect("articles:home")
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@require_safe
def robots_txt(request):
    """``/robots.txt``: everything but the admin may be crawled; the sitemap
    lists every public page in every language."""
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /*/admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class PageMixin:
    """What base.html needs for <title>, the description, Open Graph tags and
    the page's schema.org data (JSON-LD, from articles/structured_data.py)."""

    page_title = ""
    page_description = _("News about the fight against corruption in Kazakhstan")
    og_type = "website"

    @classmethod
    def as_view(cls, **initkwargs):
        # Readers' pages only read, and each statement sees committed data
        # either way: no ATOMIC_REQUESTS transaction, which would cost two
        # more round trips to the database on every request.
        return transaction.non_atomic_requests(super().as_view(**initkwargs))

    def get_page_title(self) -> str:
        return str(self.page_title)

    def get_page_description(self) -> str:
        return str(self.page_description)

    def get_structured_data(self) -> structured_data.JsonLd | None:
        return None

    def cached_structured_data(
        self, name: str, build: Callable[[], structured_data.JsonLd]
    ) -> structured_data.JsonLd:
        """``build()``, once per content version, language and host (the
        data holds absolute URLs)."""
        request = self.request
        return versions.cached(
            f"json-ld:{request.scheme}://{request.get_host()}:{get_language()}:{name}",
            build,
            version=versions.for_request(request),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=self.get_page_title(),
            page_description=self.get_page_description(),
            og_type=self.og_type,
            structured_data=self.get_structured_data(),
            **kwargs,
        )


class VersionCountMixin:
    """Lists count their rows once per content version (caching/), not on
    every request: the count of a list depends on its path (language and
    object) and filters only, and changes only with the content."""

    paginator_class = VersionCountPaginator

    def get_paginator(self, queryset, per_page, **kwargs):
        query = sorted((k, v) for k, v in self.request.GET.lists() if k != "page")
        return super().get_paginator(
            queryset,
            per_page,
            count_key=f"{self.request.path}?{query}",
            version=versions.for_request(self.request),
            **kwargs,
        )


class HomeView(PageMixin, TemplateView):
    """The front page: the lead story, the next ones, a block per section,
    who is in the news and the latest stories. Every part is a cached
    fragment built from lazy querysets, so a page from the cache runs
    only the content version's query."""

    template_name = "articles/home.html"
    page_title = PageMixin.page_description
    top_count = 5  # the lead story and the four beside it
    latest_count = 10
    per_section = 3
    initiative_count = 6
    in_the_news_count = 8

    def get_context_data(self, **kwargs):
        published = Article.objects.published().for_listing()
        front = SimpleLazyObject(
            lambda: FrontPage.of(
                published,
                top=self.top_count,
                latest=self.latest_count,
                per_section=self.per_section,
            )
        )
        # Built only when a fragment is not in the cache: making the
        # querysets alone costs more than serving the cached fragment.
        return super().get_context_data(
            front=front,
            initiatives=SimpleLazyObject(
                lambda: list(
                    Initiative.objects.active()
                    .with_story_counts()
                    .order_by("-story_count", "name")[: self.initiative_count]
                )
            ),
            people=SimpleLazyObject(
                lambda: list(Person.objects.in_the_news()[: self.in_the_news_count])
            ),
            organizations=SimpleLazyObject(
                lambda: list(Organization.objects.in_the_news()[: self.in_the_news_count])
            ),
            **kwargs,
        )


@dataclass
class FrontPage:
    lead: Article | None
    top: list[Article]
    latest: list[Article]
    sections: list[tuple]

    @classmethod
    def of(cls, published, *, top: int, latest: int, per_section: int) -> "FrontPage":
        """Three queries: the newest stories, the featured lead, and the
        newest few of every section."""
        newest = list(published[: top + latest])
        lead = published.filter(featured=True).first() or (newest[0] if newest else None)
        rest = [article for article in newest if article != lead]
        by_section: dict = {}
        for article in published.latest_by_section(per_section):
            by_section.setdefault(article.section, []).append(article)
        return cls(
            lead=lead,
            top=rest[: top - 1],
            latest=rest[top - 1 : top - 1 + latest],
            sections=list(by_section.items()),
        )


class ArticleListView(PageMixin, VersionCountMixin, FilterView):
    """Published articles, newest first, narrowed by ArticleFilter.

    Invalid filter values give an empty list and the form's messages
    (``strict``); a page number past the end is a 404, like any ListView.
    """

    filterset_class = ArticleFilter
    paginate_by = 20
    template_name = "articles/article_list.html"
    page_title = _("News")

    def get_queryset(self):
        return Article.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        # FilterView names it "filter", which reads like the template tag.
        context = super().get_context_data(filterset=self.filterset, **kwargs)
        # A text search counts and ranks only its newest matches (the
        # relevance window, search/query.py): say so when it is full.
        paginator = context.get("paginator")
        searched = bool(self.filterset.search)
        capped = searched and paginator is not None and is_capped(paginator.count)
        context["search_window"] = RELEVANCE_WINDOW if capped else None
        return context


class SearchView(ArticleListView):
    """``search/?q=``: the article list ranked by relevance (ArticleFilter's
    ``q`` runs the search engine), with the matched passage of each story
    and the people, organizations and initiatives whose names match.

    A query longer than MAX_QUERY_LENGTH characters is cut (query.cut)
    instead of refused as the article list refuses it, so any text typed in
    the search box gives a page of results. The filter set's search
    (search/results.py) is read here, not repeated.
    """

    template_name = "articles/search.html"
    page_title = _("Search")

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        data = kwargs["data"]
        if data is not None and len(data.get("q", "")) > MAX_QUERY_LENGTH:
            data = data.copy()
            data["q"] = cut(data["q"])
            kwargs["data"] = data
        return kwargs

    def get_queryset(self):
        if not self.request.GET:
            return Article.objects.none()  # an empty search page: nothing asked yet
        # A result found through an attached document quotes that document.
        return super().get_queryset().prefetch_related(document_texts())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        search = self.filterset.search
        language = get_language()
        articles = context["object_list"]
        context["search_query"] = search.query
        # Lazy: search.html shows them through fragments cached per content
        # version and query, so that a repeated search builds neither.
        context["results"] = SimpleLazyObject(lambda: search.snippets(articles, language))
        context["entities"] = SimpleLazyObject(search.entities)
        return context


class ArticleDetailView(PageMixin, DetailView):
    context_object_name = "article"
    og_type = "article"
    related_count = 5

    def get_queryset(self):
        # The story comes with everything its page shows (pictures,
        # documents, authors, topics, corrections, and the linked entities
        # that body links point at) and is cached per content version with
        # them, so a reader's story costs one query until something changes.
        return Article.objects.published().for_detail()

    def get_object(self, queryset=None):
        """The story, once per content version: building a story with its
        three languages' columns costs more than the rest of its page.
        Anyone with a session (an editor) gets it from the database."""
        if queryset is not None or not reader_request(self.request):
            return super().get_object(queryset)
        slug = self.kwargs[self.slug_url_kwarg]
        article = versions.cached(
            f"story:{slug}",
            lambda: self.get_queryset().filter(slug=slug).first(),
            version=versions.for_request(self.request),
        )
        if article is None:
            raise Http404("No published story has this slug.")
        return article

    def get_page_title(self) -> str:
        return self.object.title

    def get_page_description(self) -> str:
        return self.object.lead or super().get_page_description()

    def get_structured_data(self) -> structured_data.JsonLd:
        article = self.object

        def build() -> structured_data.JsonLd:
            # The template's fragments, if not cached either, use these too.
            prefetch_related_objects([article], "people", "organizations")
            return structured_data.news_article(article, request=self.request)

        return self.cached_structured_data(f"article:{article.pk}", build)

    def get_context_data(self, **kwargs):
        article = self.object
        return super().get_context_data(
            current_section=article.section,
            related=self.get_related(article),
            language_notes=language_notes(article),
            other_languages=[
                code for code in article.available_languages() if code != get_language()
            ],
            **kwargs,
        )

    def get_related(self, article: Article):
        """The newest stories that share a person, organization or initiative.

        A name found in a third of the archive makes this search cost tens of
        ms at 100,000 stories: the template shows it through a fragment
        cached per content version (``cached_fragment``), so it runs once;
        it is lazy, so that a cached fragment costs not even building it.
        """
        return SimpleLazyObject(
            lambda: (
                Article.objects.published().for_listing().related_to(article)[: self.related_count]
            )
        )


class ArticlePreviewView(ArticleDetailView):
    """A story as readers will see it, whatever its status, with a
    "Preview" banner. Never public: ArticleAdmin mounts it behind the
    admin's login and permission checks (admin/workflow.py)."""

    def get_queryset(self):
        return Article.objects.for_detail()

    def get_object(self, queryset=None):
        # Never from the cache: drafts are not public content.
        return super().get_object(queryset if queryset is not None else self.get_queryset())

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        patch_cache_control(response, private=True, no_store=True)
        return response


class EntityListView(PageMixin, VersionCountMixin, ListView):
    """People, organizations or initiatives by name, with published-story counts."""

    paginate_by = 50

    def get_queryset(self):
        return self.model.objects.with_story_counts().order_by("name")


class EntityDetailView(PageMixin, VersionCountMixin, SingleObjectMixin, ListView):
    """An entity's page, with the published stories about it paginated.

    The object is the model's row; its related rows (``for_detail()``) are
    in ``profile``, read only by the template's fragments and the JSON-LD,
    which are cached per content version: most requests never load them.
    The list is the stories (SingleObjectMixin with ListView, as Django's
    documentation shows for "a publisher and its books").
    """

    paginate_by = 20
    description_field = "description"

    def get(self, request, *args, **kwargs):
        detail = self.model.objects.for_detail()
        self.object = self.get_object(queryset=detail.prefetch_related(None))
        self.profile = SimpleLazyObject(lambda: detail.get(pk=self.object.pk))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(profile=self.profile, **kwargs)

    def cached_profile_data(self, build) -> structured_data.JsonLd:
        name = f"{self.model._meta.label}:{self.object.pk}"
        return self.cached_structured_data(name, lambda: build(self.profile, request=self.request))

    def get_queryset(self):
        return self.object.articles.published().for_listing()

    def get_page_title(self) -> str:
        return str(self.object)

    def get_page_description(self) -> str:
        return getattr(self.object, self.description_field) or super().get_page_description()


class PersonListView(EntityListView):
    model = Person
    page_title = _("People")


class PersonDetailView(EntityDetailView):
    model = Person
    template_name = "articles/person_detail.html"
    og_type = "profile"
    description_field = "position"

    def get_structured_data(self) -> structured_data.JsonLd:
        return self.cached_profile_data(structured_data.person_profile)


class OrganizationListView(EntityListView):
    model = Organization
    page_title = _("Organizations")


class OrganizationDetailView(EntityDetailView):
    model = Organization
    template_name = "articles/organization_detail.html"

    def get_structured_data(self) -> structured_data.JsonLd:
        return self.cached_profile_data(structured_data.organization_profile)


class InitiativeListView(EntityListView):
    model = Initiative
    page_title = _("Initiatives")


class InitiativeDetailView(EntityDetailView):
    """An initiative with the timeline of its stories, oldest first."""

    model = Initiative
    template_name = "articles/initiative_detail.html"
    paginate_by = 30

    def get_queryset(self):
        return super().get_queryset().order_by("published_at", "pk")
