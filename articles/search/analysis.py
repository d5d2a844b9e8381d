"""Text analysis: from text to search keys, the same for indexing and queries.

A *token* is a run of letters or a run of digits, NFKC-normalised,
lower-cased, with ё written е (Russian prints both). Each language turns a
token into a *key*:

* Kazakh: ``kazakh.stem`` (this project's own stemmer);
* Russian and English: the Snowball stemmers (PyStemmer);
* stop words have no key and are neither indexed nor searched.

Names of people and organizations get a language-neutral *name key* instead
(``name_key``): Kazakh letters folded to their Russian neighbours, Cyrillic
transliterated, and Latin spellings reduced to a skeleton, so that Тоқаев,
Токаев, Tokayev and Tokaev all give ``tokaev``.

Keys are made of letters or digits only, so they pass through the
databases' own tokenizers (PostgreSQL's parser, SQLite FTS5's unicode61)
unchanged, and no key can be read as query syntax.
"""

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import Stemmer

from .. import languages, transliteration
from .kazakh import stem as kazakh_stem

LANGUAGES = languages.CODES
# Tokens longer than this are not words (PostgreSQL ignores lexemes over
# 2 KB, FTS5 does not): leave them out everywhere, so both agree.
MAX_TOKEN_LENGTH = 60
# Russian stems at least this long also match as a prefix in queries, so that
# коррупция (stem коррупц) finds коррупционных (stem коррупцион).
MIN_PREFIX_LENGTH = 5

TOKEN = re.compile(r"\d+|[^\W\d_]+")
# "900-ден", "2019-жылы": the Kazakh ending written after a number.
NUMBER_ENDING = re.compile(r"(\d)[-‑–][^\W\d_]+")

STOP_WORDS = {
    "kk": frozenset(
        """
        және мен бен пен да де та те бұл осы сол ол олар ал бір үшін деп деген
        ретінде болып болды болса еді екен бар жоқ ғана тек әр өз оның оны оған
        онда біз сіз мұнда ма ме ба бе па пе ғой ия иә немесе бірақ сондай
        мұндай қандай кім не неге қалай сияқты тағы әрі ең
        """.split()
    ),
    "ru": frozenset(
        """
        и в во не что он на я с со как а то все она так его но да ты к у же вы
        за бы по только ее её мне было вот от меня еще ещё нет о из ему теперь
        когда даже ну ли если уже или ни быть был него до вас нибудь опять уж
        вам ведь там потом себя ничего ей может они тут где есть надо ней для
        мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж
        тогда кто этот того потому этого какой совсем ним здесь этом один
        почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при
        наконец два об другой хоть после над больше тот через эти нас про
        всего них какая много разве три эту моя впрочем хорошо свою этой
        перед иногда лучше чуть том нельзя такой им более всегда конечно всю
        между это также
        """.split()
    ),
    "en": frozenset(
        """
        a an and are as at be been but by for from had has have he her his i
        in into is it its of on or our s she than that the their them then
        there these they this those to was we were which who will with would
        you your not no
        """.split()
    ),
}

_SNOWBALL = {"ru": Stemmer.Stemmer("russian"), "en": Stemmer.Stemmer("english")}


def normalize(text: str) -> str:
    """NFKC, without NUL bytes, with Kazakh number endings dropped."""
    text = unicodedata.normalize("NFKC", text.replace("\x00", " "))
    return NUMBER_ENDING.sub(r"\1", text)


def fold(token: str) -> str:
    return token.lower().replace("ё", "е")


def iter_tokens(text: str) -> Iterator[re.Match]:
    """The tokens of normalised ``text`` as matches (for their offsets)."""
    for match in TOKEN.finditer(text):
        if len(match.group()) <= MAX_TOKEN_LENGTH:
            yield match


def tokens(text: str) -> list[str]:
    return [fold(match.group()) for match in iter_tokens(normalize(text))]


def is_cyrillic(token: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in token)


@lru_cache(maxsize=100_000)
def key(token: str, language: str) -> str:
    """The key of one folded token in ``language``; "" for a stop word.

    A Cyrillic token in an English text and a Latin token in a Kazakh or
    Russian one (names, acronyms) are kept as they are.
    """
    if token in STOP_WORDS[language]:
        return ""
    if token.isdigit():
        return token
    if language == "kk":
        return kazakh_stem(token) if is_cyrillic(token) else token
    if language == "ru" and not is_cyrillic(token):
        return token
    if language == "en" and is_cyrillic(token):
        return token
    return _SNOWBALL[language].stemWord(token)


def analyze(text: str, language: str) -> list[tuple[str, str]]:
    """(token, key) for every token of ``text``; the key is "" for stop words."""
    return [(token, key(token, language)) for token in tokens(text)]


def index_keys(text: str, language: str) -> str:
    """The keys of ``text``, space-separated: what the index stores."""
    return " ".join(k for _, k in analyze(text, language) if k)


# --- Names -------------------------------------------------------------------

KAZAKH_LETTERS, KAZAKH_NEIGHBOURS = "әғқңөұүһі", "агкноуухи"
KAZAKH_TO_RUSSIAN = str.maketrans(KAZAKH_LETTERS, KAZAKH_NEIGHBOURS)
# The slugs' Russian transliteration (transliteration.RUSSIAN), for the
# Russian letters only: Kazakh ones are folded to Russian first.
CYRILLIC_TO_LATIN = str.maketrans(
    {
        letter: latin
        for letter, latin in transliteration.RUSSIAN.items()
        if letter not in KAZAKH_LETTERS
    }
)
# The 2021 Kazakh Latin letters as slugs fold them, and ý (Turkmen names).
LATIN_FOLD = str.maketrans({**transliteration.ASCII_FOLD, "ý": "y"})
# Applied in order to Latin text: spellings that sound alike meet.
SKELETON_RULES = (
    (re.compile(r"dzh|dj"), "j"),  # Джамбул, Djambul
    (re.compile(r"zh"), "j"),  # Жомарт, Zhomart, Jomart
    (re.compile(r"kh"), "h"),  # Алихан, Alikhan, Alihan
    (re.compile(r"q"), "k"),  # Тоқаев (2021 Latin Toqaev)
    (re.compile(r"c(?!h)"), "k"),  # GRECO, ГРЕКО
    (re.compile(r"x"), "ks"),
    (re.compile(r"w"), "v"),
    (re.compile(r"y"), "i"),  # Kassym, Касым; Smailov, Смайылов
    (re.compile(r"ie"), "e"),  # Tokayev, Токаев; Yerke, Ерке
    (re.compile(r"(.)\1+"), r"\1"),  # Kassym, Касым
)


@lru_cache(maxsize=100_000)
def name_key(token: str) -> str:
    """The spelling-neutral key of one folded token of a name ("" if none)."""
    latin = token.translate(KAZAKH_TO_RUSSIAN).translate(CYRILLIC_TO_LATIN)
    latin = unicodedata.normalize("NFKD", latin.translate(LATIN_FOLD))
    latin = latin.encode("ascii", "ignore").decode("ascii").lower()
    for pattern, replacement in SKELETON_RULES:
        latin = pattern.sub(replacement, latin)
    return latin


def name_variants(token: str, *, query: bool = False) -> set[str]:
    """Name keys of one folded token: as written and, for Cyrillic, as
    stemmed in Kazakh (партиясы → partiia). A query token also tries the
    Russian and English stems, so that inflected names (Токаева, Tokayev's)
    meet the nominative that names are stored in.
    """
    variants = {name_key(token)}
    if is_cyrillic(token):
        variants.add(name_key(kazakh_stem(token)))
        if query:
            variants.add(name_key(_SNOWBALL["ru"].stemWord(token)))
    elif query:
        variants.add(name_key(_SNOWBALL["en"].stemWord(token)))
    variants.discard("")
    return variants


def name_keys(text: str) -> str:
    """The name keys of every token of ``text``, space-separated and sorted."""
    keys = set()
    for token in tokens(text):
        keys |= name_variants(token)
    return " ".join(sorted(keys))
