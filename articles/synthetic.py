"""Realistic synthetic articles for benchmarks and load tests.

Every article is made of the seed stories' own paragraphs (fixtures/
seed.json), so its words, their forms and their frequencies are those of
real Kazakh, Russian and English news about corruption. Language versions
stay parallel: where a seed story's versions have as many paragraphs, the
same paragraph is taken in every language. Each article links people,
organizations and initiatives; the seed's people are joined by people
whose first and last names are recombined from the seed's, in the spelling
of each language. About one in ten articles is a draft or scheduled.

Rows are written with ``bulk_create`` (no signals), so the search documents
are written here too, batch by batch, and the content version is changed
(articles/caching/).
"""

import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction

from . import entities
from .caching import versions as content_version
from .languages import CODES as LANGUAGES
from .models import Article, Person
from .richtext import plain
from .search.indexing import index_articles, index_entities
from .taxonomy.models import ArticleTopic, Section, Topic

SEED_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "seed.json"
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
FIRST_DATE = datetime(2015, 1, 1, tzinfo=UTC)
LAST_DATE = datetime(2026, 6, 30, tzinfo=UTC)
SYNTHETIC_PEOPLE = 80
# How many entities of each kind a story links: (fewest, most).
LINKS_PER_STORY = {"people": (0, 3), "organizations": (1, 4), "initiatives": (0, 2)}


@dataclass
class Vocabulary:
    """Parallel paragraphs of the seed stories: each item is {language: text}."""

    paragraphs: list[dict[str, str]] = field(default_factory=list)

    @classmethod
    def from_fixture(cls, path: Path = SEED_FIXTURE) -> "Vocabulary":
        vocabulary = cls()
        for row in json.loads(path.read_text(encoding="utf-8")):
            if row["model"] != "articles.article":
                continue
            fields = row["fields"]
            split = {code: plain.paragraphs(fields[f"body_{code}"] or "") for code in LANGUAGES}
            counts = {len(paragraphs) for paragraphs in split.values()}
            if len(counts) == 1:
                for index in range(counts.pop()):
                    vocabulary.paragraphs.append({code: split[code][index] for code in LANGUAGES})
            else:  # versions not parallel: pair paragraphs by relative position
                longest = max(len(paragraphs) for paragraphs in split.values())
                for index in range(longest):
                    vocabulary.paragraphs.append(
                        {
                            code: split[code][index * len(split[code]) // longest]
                            for code in LANGUAGES
                        }
                    )
        return vocabulary


def _sentence(text: str, rng: random.Random, max_words: int) -> str:
    sentences = [s for s in SENTENCE_END.split(text) if s.strip()] or [text]
    words = sentences[rng.randrange(len(sentences))].split()
    return " ".join(words[:max_words]).rstrip(",;:")


def ensure_people(rng: random.Random, count: int = SYNTHETIC_PEOPLE) -> int:
    """People whose names recombine the seed people's first and last names."""
    seeded = [p for p in Person.objects.all() if all((p.name_kk, p.name_ru, p.name_en))]
    pairs = [[name.split(maxsplit=1) for name in (p.name_kk, p.name_ru, p.name_en)] for p in seeded]
    pairs = [names for names in pairs if all(len(parts) == 2 for parts in names)]
    if len(pairs) < 2:
        return 0
    existing = set(Person.objects.values_list("name_en", flat=True))
    people = []
    for _ in range(count * 3):
        first, last = rng.choice(pairs), rng.choice(pairs)
        names = {code: f"{first[i][0]} {last[i][1]}" for i, code in enumerate(LANGUAGES)}
        if names["en"] in existing:
            continue
        existing.add(names["en"])
        people.append(
            Person(
                name=names["kk"],
                slug=f"gen-person-{len(existing)}-{rng.randrange(10**6)}",
                **{f"name_{code}": name for code, name in names.items()},
            )
        )
        if len(people) == count:
            break
    created = Person.objects.bulk_create(people)
    index_entities(created)
    return len(created)


def generate_articles(
    count: int,
    *,
    seed: int = 1,
    batch_size: int = 1000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Create ``count`` synthetic articles (with their search documents)."""
    rng = random.Random(seed)
    vocabulary = Vocabulary.from_fixture()
    if not vocabulary.paragraphs:
        raise ValueError(f"No seed paragraphs in {SEED_FIXTURE}.")
    ensure_people(rng)
    ids = {
        t.link: list(t.model.objects.values_list("pk", flat=True)) for t in entities.ENTITY_TYPES
    }
    sections = list(Section.objects.values_list("pk", flat=True))
    topics = list(Topic.objects.values_list("pk", flat=True))
    run = f"{seed}-{rng.randrange(16**6):06x}"
    span = (LAST_DATE - FIRST_DATE).total_seconds()
    done = 0
    while done < count:
        size = min(batch_size, count - done)
        articles, links, filed_topics = [], [], []
        for number in range(done, done + size):
            paragraphs = rng.sample(vocabulary.paragraphs, k=min(rng.randint(3, 7), 20))
            headline, opening = rng.choice(vocabulary.paragraphs), paragraphs[0]
            status = rng.choices(
                [Article.Status.PUBLISHED, Article.Status.DRAFT, Article.Status.IN_REVIEW],
                weights=[90, 7, 3],
            )[0]
            fields = {"status": status, "slug": f"gen-{run}-{number}"}
            if status == Article.Status.PUBLISHED:
                fields["published_at"] = FIRST_DATE + timedelta(seconds=rng.random() * span)
            for code in LANGUAGES:
                fields[f"title_{code}"] = _sentence(headline[code], rng, 14)
                fields[f"lead_{code}"] = _sentence(opening[code], rng, 40)
                fields[f"body_{code}"] = plain.from_plain_text(
                    "\n\n".join(p[code] for p in paragraphs)
                )
            fields["title"] = fields["title_kk"]
            # Most stories have a section; some are featured; up to 3 topics.
            if sections and rng.random() < 0.9:
                fields["section_id"] = rng.choice(sections)
            fields["featured"] = rng.random() < 0.01
            articles.append(Article(**fields))
            filed_topics.append(_skewed(rng, topics, rng.randint(0, 2)))
            # A few names recur in most stories (Zipf-like): the first entities
            # of each list are picked far more often.
            links.append(
                {
                    link: _skewed(rng, ids[link], rng.randint(*LINKS_PER_STORY[link]))
                    for link in entities.LINKS
                }
            )
        with transaction.atomic():
            created = Article.objects.bulk_create(articles)
            for name in entities.LINKS:
                through = getattr(Article, name).through
                target = getattr(Article, name).field.m2m_reverse_field_name()
                through.objects.bulk_create(
                    through(article_id=article.pk, **{f"{target}_id": pk})
                    for article, link in zip(created, links, strict=True)
                    for pk in link[name]
                )
            ArticleTopic.objects.bulk_create(
                ArticleTopic(article_id=article.pk, topic_id=pk)
                for article, chosen in zip(created, filed_topics, strict=True)
                for pk in chosen
            )
            index_articles([article.pk for article in created])
            # bulk_create sends no signals: cached pages must learn of it too.
            content_version.bump()
        done += size
        if progress:
            progress(done)
    return done


def _skewed(rng: random.Random, items: list[int], k: int) -> set[int]:
    if not items:
        return set()
    return {items[min(int(rng.paretovariate(1.2)) - 1, len(items) - 1)] for _ in range(k)} | {
        rng.choice(items) for _ in range(k // 2)
    }
