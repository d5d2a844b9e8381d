import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from articles.sitemaps import SITEMAPS
from articles.views import language_redirect, robots_txt
from newsroom.health import healthz

urlpatterns = [
    # "/" has no language of its own: it sends readers to theirs.
    path("", language_redirect, name="language-redirect"),
    path("i18n/", include("django.conf.urls.i18n")),
    # For load balancers and monitoring: no language, JSON (newsroom/health.py).
    path("healthz", healthz, name="healthz"),
    # One robots.txt and one sitemap for the whole site: the sitemap lists
    # every page in every language itself.
    path("robots.txt", robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
)

# In the language of the address, even for a request refused before
# LocaleMiddleware ran.
handler400 = "newsroom.bad_requests.bad_request"

if settings.SERVE_MEDIA:
    from articles.media.views import media_file

    # The development server's media; in production the web server in
    # front or the object storage serves them (README.md, "Media files").
    urlpatterns.append(
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", media_file, name="media"
        )
    )

if settings.BENCHMARK_VIEW:
    from newsroom.benchmark import minimal_page

    urlpatterns.append(path("bench/minimal", minimal_page, name="bench-minimal"))
    # Reached without middleware (newsroom/wsgi.py): the same page, bare.
    urlpatterns.append(path("bench/bare", minimal_page, name="bench-bare"))
