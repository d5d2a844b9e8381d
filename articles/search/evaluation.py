"""How well a stemmer puts word forms with their lemma: the two figures that
bench/search/kazakh_lemmas.py prints and tests/test_search_kazakh.py guards.

The input is a tab-separated file of (form, lemma, part of speech, count)
rows with a header line, such as the UD Kazakh-KTB pairs in
../shared/data/kk_lemmas_dev.tsv.

* **Recall**: the share of rows whose form gets the same key as its lemma.
* **Wrong merges**: the share of distinct lemmas whose keys (the lemma's own
  and its forms') meet a key of another lemma: two words a reader would not
  want mixed up come out as one.

Both are reported for the parts of speech the stemmer is for (nouns,
adjectives, proper names: ``NOMINAL``) and, for information, for all rows.
"""

import csv
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

NOMINAL = frozenset({"NOUN", "ADJ", "PROPN"})


@dataclass(frozen=True)
class Pair:
    form: str
    lemma: str
    pos: str


@dataclass(frozen=True)
class Figures:
    rows: int
    lemmas: int
    recall: float  # share of rows whose key equals their lemma's key
    merged: float  # share of distinct lemmas wrongly merged with another
    misses: tuple[Pair, ...]
    merged_lemmas: tuple[str, ...]


def read_pairs(path: Path) -> list[Pair]:
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file, delimiter="\t")
        return [
            Pair(row["form"].lower(), row["lemma"].lower(), row["upos"])
            for row in reader
            if row["form"] and row["lemma"]
        ]


def evaluate(pairs: Iterable[Pair], stem: Callable[[str], str]) -> Figures:
    pairs = list(pairs)
    misses = tuple(pair for pair in pairs if stem(pair.form) != stem(pair.lemma))
    keys_of = defaultdict(set)
    for pair in pairs:
        keys_of[pair.lemma].update((stem(pair.lemma), stem(pair.form)))
    lemmas_of_key = defaultdict(set)
    for lemma, keys in keys_of.items():
        for key in keys:
            lemmas_of_key[key].add(lemma)
    merged = tuple(
        sorted(
            lemma
            for lemma, keys in keys_of.items()
            if any(len(lemmas_of_key[key]) > 1 for key in keys)
        )
    )
    return Figures(
        rows=len(pairs),
        lemmas=len(keys_of),
        recall=1 - len(misses) / len(pairs) if pairs else 0.0,
        merged=len(merged) / len(keys_of) if keys_of else 0.0,
        misses=misses,
        merged_lemmas=merged,
    )


def nominal(pairs: Iterable[Pair]) -> list[Pair]:
    return [pair for pair in pairs if pair.pos in NOMINAL]
