"""How well the Kazakh stemmer puts word forms with their lemma.

    python bench/search/kazakh_lemmas.py [path/to/kk_lemmas_dev.tsv] [--misses]

Reads the UD Kazakh-KTB (form, lemma) pairs from ../shared/data (not part of
the repository) and prints, for nouns, adjectives and proper names (what
the stemmer is for) and for all rows (verbs included, for information):
the share of forms whose key equals their lemma's key, and the share of
distinct lemmas wrongly merged with another. tests/test_search_kazakh.py
keeps the first two figures at or above 93% and at or below 2%.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from articles.search.evaluation import evaluate, nominal, read_pairs  # noqa: E402
from articles.search.kazakh import stem  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[3] / "shared" / "data" / "kk_lemmas_dev.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--misses", action="store_true", help="list the forms that miss")
    options = parser.parse_args()
    if not options.path.exists():
        sys.exit(f"{options.path} is missing (it lives in ../shared/data, beside the checkout)")
    pairs = read_pairs(options.path)
    rows = [
        ("nouns, adjectives, names", nominal(pairs), stem),
        ("all rows (with verbs)", pairs, stem),
        ("no stemming (nominal)", nominal(pairs), lambda word: word),
    ]
    out = sys.stdout
    out.write(f"{'':<26} {'rows':>6} {'lemmas':>7} {'key = lemma key':>16} {'merged':>8}\n")
    for label, subset, function in rows:
        figures = evaluate(subset, function)
        out.write(
            f"{label:<26} {figures.rows:>6} {figures.lemmas:>7} "
            f"{figures.recall:>16.1%} {figures.merged:>8.1%}\n"
        )
    if options.misses:
        for pair in evaluate(nominal(pairs), stem).misses:
            out.write(f"{pair.form}\t{pair.lemma}\t{stem(pair.form)}\t{stem(pair.lemma)}\n")


if __name__ == "__main__":
    main()
