"""Which of the newsroom's languages (kk, ru, en) a text is written in.

Whole stories are decided by their letters: Kazakh Cyrillic has nine letters
that Russian lacks. Only the lower-case words count: in Russian those letters
turn up in names ("Ү. Жүсіпбаев", "Ғ. Тұрсынбаев"), which are capitalised, and
ten Russian words with two such names would otherwise look Kazakh. Among the
remaining words, from nine of them up, about 70% of a Kazakh story's contain
one of the letters (never under 30% in a paragraph of the seed texts) and none
of a Russian story's. Short, mixed, upper-case and Latin texts go to
py3langid's statistical model, restricted to kk, ru and en: a three-word
Kazakh phrase may have none of those letters.
"""

import re
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from .languages import CODES as LANGUAGES

KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
WORD = re.compile(r"[^\W\d_]+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# From this many lower-case Cyrillic words the letters alone decide.
MIN_WORDS_FOR_LETTERS = 9
# Shares in between are left to the model.
KAZAKH_SHARE = 0.2
RUSSIAN_SHARE = 0.05


def detect_language(text: str) -> str:
    """The language of ``text``: "kk", "ru" or "en"."""
    words = WORD.findall(text)
    cyrillic = [word for word in words if CYRILLIC.search(word)]
    common = [word for word in cyrillic if word[0].islower()]
    if len(cyrillic) * 2 > len(words) and len(common) >= MIN_WORDS_FOR_LETTERS:
        share = kazakh_word_share(common)
        if share >= KAZAKH_SHARE:
            return "kk"
        if share < RUSSIAN_SHARE:
            return "ru"
    language, _score = _identifier().classify(text)
    return language


def kazakh_word_share(words: list[str]) -> float:
    """The share of ``words`` that contain a letter found in Kazakh only."""
    if not words:
        return 0.0
    return sum(1 for word in words if KAZAKH_LETTERS.intersection(word)) / len(words)


@cache
def _identifier() -> LanguageIdentifier:
    # A private instance: py3langid's module-level classify() shares one
    # identifier process-wide, and restricting that one would change it for
    # any other caller. Loading the bundled model takes about half a second,
    # so it happens once, on first use.
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(LANGUAGES)
    return identifier
