from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from articles.views import language_redirect

urlpatterns = [
    # "/" has no language of its own: it sends readers to theirs.
    path("", language_redirect, name="language-redirect"),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
)
