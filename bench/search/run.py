"""Search latency on the current database: p50 and p95 per kind of query.

    DATABASE_URL=... python bench/search/run.py [--queries 200] [--seed 1]

Fill the database first (loaddata seed, then manage.py generate_articles N).
Each measured search does what the search page does: count the matches,
fetch the first page of 20 ranked results, find the matching entities and
build the 20 snippets. Queries come from the seed stories' vocabulary:

* one-word: a word of a seed text (any language, any form);
* two-word: two neighbouring words of a seed text;
* name: a person's surname or an organization's name or short name, in a
  random language's spelling (Тоқаев, Токаев, Tokayev; Nur Otan).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from articles.models import Article, Organization, Person  # noqa: E402
from articles.search.analysis import STOP_WORDS, TOKEN  # noqa: E402
from articles.search.query import matching_entities, parse, rank  # noqa: E402
from articles.search.snippets import snippet  # noqa: E402
from articles.synthetic import LANGUAGES, Vocabulary  # noqa: E402

PAGE = 20


def queries(rng: random.Random, count: int) -> dict[str, list[str]]:
    vocabulary = Vocabulary.from_fixture()
    words = {code: [] for code in LANGUAGES}
    pairs = {code: [] for code in LANGUAGES}
    for paragraph in vocabulary.paragraphs:
        for code in LANGUAGES:
            tokens = [t for t in TOKEN.findall(paragraph[code]) if len(t) >= 4 and not t.isdigit()]
            tokens = [t for t in tokens if t.lower() not in STOP_WORDS[code]]
            words[code] += tokens
            pairs[code] += [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
    names = [
        person.split()[-1]
        for p in Person.objects.all()[:200]
        for person in (p.name_kk, p.name_ru, p.name_en)
        if person
    ]
    names += [
        name
        for o in Organization.objects.all()[:200]
        for name in (o.short_name_kk, o.short_name_ru, o.short_name_en, o.name_en)
        if name and len(name) < 40
    ]
    return {
        "one-word": [rng.choice(words[rng.choice(LANGUAGES)]) for _ in range(count)],
        "two-word": [rng.choice(pairs[rng.choice(LANGUAGES)]) for _ in range(count)],
        "name": [rng.choice(names) for _ in range(count)],
    }


def search(text: str, language: str) -> tuple[int, float]:
    started = time.perf_counter()
    query = parse(text)
    results = rank(Article.objects.published().for_listing(), query)
    total = results.count()
    for article in results[:PAGE]:
        snippet(article, query, language)
    matching_entities(query)
    return total, (time.perf_counter() - started) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=200, help="per kind (default 200)")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    published = Article.objects.published().count()
    print(  # noqa: T201 - a benchmark script's output is its result
        f"{connection.vendor}: {Article.objects.count():,} articles, {published:,} published; "
        f"{options.queries} queries per kind"
    )
    for text in ("коррупция", "Tokayev", "жемқорлық агенттігі"):  # warm the caches
        search(text, "kk")
    print(f"{'kind':<10} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'median hits':>12}")  # noqa: T201
    for kind, texts in queries(rng, options.queries).items():
        timings, hits = [], []
        for index, text in enumerate(texts):
            total, elapsed = search(text, LANGUAGES[index % 3])
            timings.append(elapsed)
            hits.append(total)
        print(  # noqa: T201
            f"{kind:<10} {percentile(timings, 0.5):>8.1f} {percentile(timings, 0.95):>8.1f} "
            f"{max(timings):>8.1f} {statistics.median(hits):>12,.0f}"
        )


if __name__ == "__main__":
    main()
