"""Prints the paths bench/http/run loads, one "page<TAB>path" a line, from
the database in DATABASE_URL. Each page is a set of paths that wrk walks in
turn (every language; several stories, people and searches), so that a
figure is not that of one lucky row.

Run as: python bench/http/paths.py (from the repository root).
"""

import os
import random
import sys
from pathlib import Path
from urllib.parse import quote

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.templatetags.static import static  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from articles.models import Article, Person  # noqa: E402
from articles.taxonomy.models import Section  # noqa: E402

SAMPLE = 40
SEARCHES = ["сыбайлас", "коррупция", "corruption", "Тоқаев", "агенттігі", "agency", "прокуратура"]


def paths() -> list[tuple[str, str]]:
    rng = random.Random(1)
    slugs = list(Article.objects.published().values_list("slug", flat=True))
    stories = rng.sample(slugs, min(SAMPLE, len(slugs)))
    # The people in most stories: their pages and filters are the heaviest.
    people = list(
        Person.objects.annotate(stories=Count("articles"))
        .order_by("-stories")
        .values_list("slug", flat=True)[:10]
    )
    illustrated = list(
        Article.objects.published()
        .filter(story_images__isnull=False)
        .values_list("slug", flat=True)
        .distinct()[:SAMPLE]
    )
    sections = list(Section.objects.values_list("slug", flat=True))
    found = [
        ("minimal", "/bench/minimal"),
        ("bare", "/bench/bare"),
        ("static", static("css/site.css")),
    ]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            found.append(("home", reverse("articles:home")))
            found.append(("list", reverse("articles:list")))
            found += [
                ("section", reverse("articles:section", kwargs={"slug": s})) for s in sections
            ]
            found += [("filtered", reverse("articles:list") + f"?person={p}") for p in people]
            found += [("detail", reverse("articles:detail", kwargs={"slug": s})) for s in stories]
            found += [
                ("illustrated", reverse("articles:detail", kwargs={"slug": s})) for s in illustrated
            ]
            found += [
                ("person", reverse("articles:person-detail", kwargs={"slug": p})) for p in people
            ]
            found += [("search", reverse("articles:search") + f"?q={quote(q)}") for q in SEARCHES]
            found.append(("feed", reverse("articles:feed")))
    return found


if __name__ == "__main__":
    sys.stdout.write("".join(f"{page}\t{path}\n" for page, path in paths()))
