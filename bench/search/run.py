"""Search latency on the current database: p50 and p95 per kind of query.

    DATABASE_URL=... python bench/search/run.py [--queries 200] [--seed 1]

Fill the database first (loaddata seed, then manage.py generate_articles N).
Each measured search does what the search page does: find and rank the
relevance window, count it, fetch the first page of 20 ranked results, find
the matching entities and build the 20 snippets. Queries come from the seed
stories' vocabulary:

* one-word: a word of a seed text (any language, any form);
* two-word: two neighbouring words of a seed text;
* name: a person's surname or an organization's name or short name, in a
  random language's spelling (Тоқаев, Токаев, Tokayev; Nur Otan).

It also prints the load average before and after (other jobs on the machine
inflate the figures), and a digest of every query's count and first page:
two databases holding the same articles must print the same digest. With
--cpu it adds the CPU time a search takes in this process and, when
PostgreSQL runs on this machine, in its server process: unlike the
latencies, that hardly depends on what else the machine is doing.
"""

import argparse
import hashlib
import os
import random
import resource
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


def search(text: str, language: str) -> tuple[int, list[int], float]:
    """The count, the first page's ids and the time taken (ms)."""
    started = time.perf_counter()
    query = parse(text)
    results = rank(Article.objects.published().for_listing(), query)
    total = results.count()
    page = list(results[:PAGE])
    for article in page:
        snippet(article, query, language)
    matching_entities(query)
    return total, [article.pk for article in page], (time.perf_counter() - started) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=200, help="per kind (default 200)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cpu", action="store_true", help="also print CPU time per search")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    published = Article.objects.published().count()
    print(  # noqa: T201 - a benchmark script's output is its result
        f"{connection.vendor}: {Article.objects.count():,} articles, {published:,} published; "
        f"{options.queries} queries per kind; load average {_load()}"
    )
    for text in ("коррупция", "Tokayev", "жемқорлық агенттігі"):  # warm the caches
        search(text, "kk")
    print(f"{'kind':<10} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'median hits':>12}")  # noqa: T201
    digest = hashlib.sha256()
    cpu_started, searches = _cpu(), 0
    for kind, texts in queries(rng, options.queries).items():
        timings, hits = [], []
        for index, text in enumerate(texts):
            total, ids, elapsed = search(text, LANGUAGES[index % 3])
            timings.append(elapsed)
            hits.append(total)
            digest.update(f"{text}\t{total}\t{ids}\n".encode())
        searches += len(texts)
        print(  # noqa: T201
            f"{kind:<10} {percentile(timings, 0.5):>8.1f} {percentile(timings, 0.95):>8.1f} "
            f"{max(timings):>8.1f} {statistics.median(hits):>12,.0f}"
        )
    if options.cpu:
        ended = _cpu()
        python, server = ((ended[i] - cpu_started[i]) / searches * 1000 for i in (0, 1))
        print(f"cpu per search: python {python:.1f} ms, database server {server:.1f} ms")  # noqa: T201
    print(f"load average {_load()}; results digest {digest.hexdigest()[:16]}")  # noqa: T201


def _load() -> str:
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def _cpu() -> tuple[float, float]:
    """CPU seconds used so far by this process and by its PostgreSQL server
    process (0 when that is not readable: SQLite, or another machine)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    server = 0.0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            server = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            pass
    return usage.ru_utime + usage.ru_stime, server


if __name__ == "__main__":
    main()
