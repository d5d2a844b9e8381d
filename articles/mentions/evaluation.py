"""Precision and recall of mention detection against the links editors made
(the evaluate_mentions command)."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from articles.models import Article

from .finder import MentionFinder
from .links import KINDS, linked_entities


@dataclass
class Score:
    found: int = 0  # detected and linked
    false_alarms: int = 0  # detected, not linked
    missed: int = 0  # linked, not detected

    @property
    def precision(self) -> float:
        detected = self.found + self.false_alarms
        return self.found / detected if detected else 1.0

    @property
    def recall(self) -> float:
        linked = self.found + self.missed
        return self.found / linked if linked else 1.0


@dataclass
class Evaluation:
    overall: Score = field(default_factory=Score)
    by_kind: dict[str, Score] = field(default_factory=lambda: {kind: Score() for kind in KINDS})
    # (article slug, entity label, how it was found) for each error
    false_alarms: list[tuple[str, str, str]] = field(default_factory=list)
    misses: list[tuple[str, str]] = field(default_factory=list)


def evaluate(articles: Iterable[Article], finder: MentionFinder | None = None) -> Evaluation:
    """Detection on ``articles`` (as if they linked nothing) against their links."""
    finder = finder or MentionFinder()
    result = Evaluation()
    for article in articles:
        found = finder.find(article)
        linked = linked_entities(article)
        for entity in sorted(set(found) | linked, key=lambda e: (e.kind, e.pk)):
            scores = (result.overall, result.by_kind[entity.kind])
            if entity in found and entity in linked:
                for score in scores:
                    score.found += 1
            elif entity in found:
                for score in scores:
                    score.false_alarms += 1
                mention = found[entity]
                result.false_alarms.append(
                    (article.slug, finder.label(entity), f"[{mention.language}] {mention.excerpt}")
                )
            else:
                for score in scores:
                    score.missed += 1
                result.misses.append((article.slug, finder.label(entity)))
    return result
