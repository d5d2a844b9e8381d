"""The reader's pages, mounted under every language prefix (i18n_patterns).

One slug per object, the same in every language, so that switching language
keeps the reader on the same page.
"""

from django.db.transaction import non_atomic_requests
from django.urls import path

from . import feeds, views

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
    # Feeds only read: no ATOMIC_REQUESTS transaction (see views.PageMixin).
    path("feed/", non_atomic_requests(feeds.LatestArticlesFeed()), name="feed"),
    path("feed/atom/", non_atomic_requests(feeds.LatestArticlesAtomFeed()), name="feed-atom"),
]
