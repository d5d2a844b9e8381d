"""The reader's pages, mounted under every language prefix (i18n_patterns).

One slug per object, the same in every language, so that switching language
keeps the reader on the same page.
"""

from django.db.transaction import non_atomic_requests
from django.urls import path

from . import feeds, views
from .authors.models import Author
from .authors.views import AuthorListView, AuthorView
from .richtext.views import entity_link
from .taxonomy.models import Section, Topic
from .taxonomy.views import SectionView, TopicListView, TopicView

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/", views.ArticleListView.as_view(), name="list"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("organizations/", views.OrganizationListView.as_view(), name="organization-list"),
    path(
        "organizations/<slug:slug>/",
        views.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
    path("initiatives/", views.InitiativeListView.as_view(), name="initiative-list"),
    path(
        "initiatives/<slug:slug>/",
        views.InitiativeDetailView.as_view(),
        name="initiative-detail",
    ),
    path("sections/<slug:slug>/", SectionView.as_view(), name="section"),
    path("topics/", TopicListView.as_view(), name="topic-list"),
    path("topics/<slug:slug>/", TopicView.as_view(), name="topic"),
    path("authors/", AuthorListView.as_view(), name="author-list"),
    path("authors/<slug:slug>/", AuthorView.as_view(), name="author"),
    path("go/<str:kind>/<int:pk>/", entity_link, name="entity-link"),
    # Feeds only read: no ATOMIC_REQUESTS transaction (see views.PageMixin).
    path("feed/", non_atomic_requests(feeds.LatestArticlesFeed()), name="feed"),
    path("feed/atom/", non_atomic_requests(feeds.LatestArticlesAtomFeed()), name="feed-atom"),
]

for _model, _field, _name, _prefix in (
    (Section, "section", "section", "sections"),
    (Topic, "topics", "topic", "topics"),
    (Author, "authors", "author", "authors"),
):
    _rss, _atom = feeds.filed_feeds(_model, _field, _name)
    urlpatterns += [
        path(f"{_prefix}/<slug:slug>/feed/", non_atomic_requests(_rss()), name=f"{_name}-feed"),
        path(
            f"{_prefix}/<slug:slug>/feed/atom/",
            non_atomic_requests(_atom()),
            name=f"{_name}-feed-atom",
        ),
    ]
