"""Prints every public page of the database in DATABASE_URL, one path a line:
each page in each language, with its pagination, search and filter pages,
the feeds and the sitemaps. bench/load/run feeds the list to wrk.

Run as: python bench/load/urls.py (from the repository root).
"""

import os
import sys
from pathlib import Path
from urllib.parse import quote

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from articles.models import Article, Initiative, Organization, Person  # noqa: E402
from articles.sitemaps import SITEMAPS  # noqa: E402
from articles.views import ArticleListView  # noqa: E402

LISTS = ["home", "list", "person-list", "organization-list", "initiative-list"]
SEARCHES = ["сыбайлас", "коррупция", "corruption", "Тоқаев", "agency", "2019"]


def paths() -> list[str]:
    found = ["/", "/robots.txt", "/sitemap.xml", "/healthz"]
    found += [reverse("sitemap-section", args=[s]) for s in SITEMAPS]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            found += [reverse(f"articles:{name}") for name in LISTS]
            found += [reverse("articles:feed"), reverse("articles:feed-atom")]
            pages = -(-Article.objects.published().count() // ArticleListView.paginate_by)
            found += [reverse("articles:list") + f"?page={n}" for n in range(2, pages + 1)]
            found.append(reverse("articles:list") + "?year=2019")
            found += [reverse("articles:search") + f"?q={quote(word)}" for word in SEARCHES]
            for article in Article.objects.published():
                found.append(article.get_absolute_url())
            for model in (Person, Organization, Initiative):
                found += [entity.get_absolute_url() for entity in model.objects.all()]
    return found


if __name__ == "__main__":
    sys.stdout.write("\n".join(paths()) + "\n")
