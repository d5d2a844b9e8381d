"""A rule-based stemmer for Kazakh nouns, adjectives and proper names.

No usable Kazakh stemmer exists (see LANGUAGE.md in the shared notes), so
Newsroom has its own. It removes inflectional endings from the end of a
lower-cased word, right to left, in the reverse of the order in which
Kazakh stacks them (stem + plural + possessive + case)::

    агенттіктерінің → агенттік | тер | і | нің → агенттік

1. case (genitive -ның, dative -ға, accusative -ды, locative -да, ablative
   -дан, instrumental -мен), the similative -дай or the comparative -ырақ;
2. the attributive -дағы/-дегі (саладағы → сала);
3. the possessive (-ы/-сы, -ымыз/-мыз, -ыңыз/-ңыз);
4. the plural (-лар/-дар/-тар and their front-vowel pairs).

An ending is accepted only

* when its first consonant agrees with the sound before it (``_after``):
  genitive -ның follows a vowel or м н ң, -дың follows л р й у ж з,
  -тың a voiceless consonant, and so on. This keeps "адам" whole;
* when what is left has a vowel and at least two letters;
* for the -н- forms that follow a possessive (жаны|нда, ісі|не,
  бағдарламасы|н), only after a possessive.

After a vowel-initial possessive is removed, a stem-final г/ғ/б turns back
into к/қ/п, undoing the voicing between vowels (агенттігі → агенттік,
жемқорлығы → жемқорлық), and a vowel dropped before it comes back
(аузы → ауыз, халқы → халық).

Where an ending can be cut in two ways, small word lists decide: ``KEEP``
holds words whose ending belongs to the word (postpositions such as қарсы,
туралы, бойынша; adjectives in -ды/-ті such as маңызды), ``S_STEMS`` stems
ending in a vowel and с, which take the possessive -ы, not -сы (кеңесі is
кеңес + і, партиясы is партия + сы).

First and second person singular possessives (-ым, -ың) are left alone:
they are rare in news and look like the end of many stems (ұйым, білім).
Verbs are left alone too.

The share of forms put with their lemma is measured on the UD Kazakh-KTB
development pairs by bench/search/kazakh_lemmas.py (see
bench/search/README.md) and guarded by tests/test_search_kazakh.py.
"""

from functools import lru_cache

VOWELS = frozenset("аәеиоөұүыіэюяё")
BACK_VOWELS = frozenset("аоұыяё")
# б в г д count as voiceless here: a stem ends in them only in loanwords
# (клуб → клубтың) and the ending is then voiceless.
VOICELESS = frozenset("кқпстфхһцчшщбвгд")
SONORANT = frozenset("лрйу")
VOICED = frozenset("жз")
NASAL = frozenset("мнң")

_V = VOWELS
_ANY_VOICED = SONORANT | VOICED | NASAL

# Ending → the sounds it may follow. Tried longest first.
_ENDINGS_AFTER = {
    # genitive
    "ның": _V | NASAL, "нің": _V | NASAL,
    "дың": SONORANT | VOICED, "дің": SONORANT | VOICED,
    "тың": VOICELESS, "тің": VOICELESS,
    # accusative
    "ны": _V, "ні": _V,  # after a stem of 3 letters or more, see _strip
    "ды": _ANY_VOICED, "ді": _ANY_VOICED,
    "ты": VOICELESS, "ті": VOICELESS,
    # dative
    "ға": _V | _ANY_VOICED, "ге": _V | _ANY_VOICED,
    "қа": VOICELESS, "ке": VOICELESS,
    # locative
    "да": _V | _ANY_VOICED, "де": _V | _ANY_VOICED,
    "та": VOICELESS, "те": VOICELESS,
    # ablative
    "дан": _V | SONORANT | VOICED, "ден": _V | SONORANT | VOICED,
    "нан": NASAL, "нен": NASAL,
    "тан": VOICELESS, "тен": VOICELESS,
    # instrumental, also in the longer -менен
    "менен": _V | SONORANT | NASAL, "мен": _V | SONORANT | NASAL,
    "бенен": VOICED | NASAL, "бен": VOICED | NASAL,
    "пенен": VOICELESS, "пен": VOICELESS,
    # similative ("like a ..."): адымдай → адым
    "дай": _V | _ANY_VOICED, "дей": _V | _ANY_VOICED,
    "тай": VOICELESS, "тей": VOICELESS,
}  # fmt: skip
CASE = tuple(sorted(_ENDINGS_AFTER, key=len, reverse=True))

# Case endings after a third-person possessive: ісі|не, жаны|нда,
# бағдарламасы|н, жаны|ндағы.
AFTER_POSSESSIVE = ("ндағы", "ндегі", "нда", "нде", "нан", "нен", "на", "не", "н")

ATTRIBUTIVE_AFTER = {
    "дағы": _V | _ANY_VOICED, "дегі": _V | _ANY_VOICED,
    "тағы": VOICELESS, "тегі": VOICELESS,
}  # fmt: skip
ATTRIBUTIVE = tuple(ATTRIBUTIVE_AFTER)

PLURAL_AFTER = {
    "лар": _V | frozenset("руй"), "лер": _V | frozenset("руй"),
    "дар": frozenset("лжз") | NASAL, "дер": frozenset("лжз") | NASAL,
    "тар": VOICELESS, "тер": VOICELESS,
}  # fmt: skip
PLURAL = tuple(PLURAL_AFTER)

# Possessives: (ending, follows a vowel?). Longest first.
POSSESSIVE = (
    ("ымыз", False), ("іміз", False), ("ыңыз", False), ("іңіз", False),
    ("мыз", True), ("міз", True), ("ңыз", True), ("ңіз", True),
    ("сы", True), ("сі", True), ("ы", False), ("і", False),
)  # fmt: skip

# Voiced between vowels, voiceless at the end of the lemma.
DEVOICE = {"г": "к", "ғ": "қ", "б": "п"}
# A high vowel between these consonants drops before a vowel-initial ending
# (ауыз → аузы, орын → орны, халық → халқы); it comes back when the ending goes.
ELIDED_BEFORE = frozenset("рйул")
ELIDED_AFTER = frozenset("нзқклп")

KEEP = frozenset(
    """
    қарсы туралы бойынша арқылы кейін бірге сияқты сайын бері дейін шейін
    үшін жөнінде жайлы қатысты байланысты сәйкес орай қоса басқа
    бір екі үш төрт бес алты жеті сегіз тоғыз он жиырма отыз қырық елу
    алпыс жетпіс сексен тоқсан жүз мың миллион миллиард
    мен сен ол біз сіз олар бұл осы сол мына және немесе бірақ әрі тағы
    әлі енді кеше бүгін ертең барлық бүкіл әрбір ешбір кейбір түрлі
    теңге қазақстан өзбекстан қырғызстан тәжікстан түрікменстан түркістан
    ауғанстан пәкістан үндістан моңғолстан
    маңызды тұрақты жауапты тиімді пайдалы қауіпті заңды қажетті тиісті
    білімді табысты лайықты мерзімді ақылды беделді көңілді қабілетті
    қасиетті қуанышты басты атты тасты сапалы құнды мәнді ықпалды
    """.split()
)

S_STEMS = frozenset(
    """
    бас жас тас ас дос кеңес үлес бизнес процес прогрес конгрес
    мәжіліс іс келіс өріс тұс күрес жарыс
    """.split()
)

MIN_STEM = 2
PASSES = 3
# After a two-letter stem these are more often part of the word: жаны is
# жан + ы, not жа + ны; кедей is no "like a ке".
SHORT_STEM_AMBIGUOUS = frozenset({"ны", "ні", "дай", "дей", "тай", "тей"})


def _has_vowel(text: str) -> bool:
    return any(char in VOWELS for char in text)


def _stem_ok(stem: str) -> bool:
    return len(stem) >= MIN_STEM and _has_vowel(stem)


def _strip(word: str, endings: tuple[str, ...], after: dict) -> str:
    """``word`` without the longest ending that agrees with what precedes it."""
    for ending in endings:
        if word.endswith(ending):
            stem = word[: -len(ending)]
            if _stem_ok(stem) and stem[-1] in after[ending]:
                if len(stem) < 3 and ending in SHORT_STEM_AMBIGUOUS:
                    continue
                return stem
    return word


def _possessive_split(word: str) -> tuple[str, str]:
    """(stem, possessive ending) or (word, "")."""
    for ending, after_vowel in POSSESSIVE:
        if not word.endswith(ending):
            continue
        stem = word[: -len(ending)]
        if not _stem_ok(stem) or (stem[-1] in VOWELS) != after_vowel:
            continue
        if ending in ("сы", "сі") and _prefers_s_stem(word):
            return word[:-1], word[-1]
        if ending in ("ы", "і") and stem[-1] == "ш" and len(stem) >= 4:
            continue  # -шы/-ші makes agent nouns: басшы, сайлаушы
        return stem, ending
    return word, ""


def _prefers_s_stem(word: str) -> bool:
    """Whether "...Vсы" is stem-with-с + -ы rather than stem + -сы."""
    s_stem = word[:-1]
    if s_stem in S_STEMS:
        return True
    # Deverbal nouns in -ыс (жұмыс, облыс, байланыс, соғыс), unless the -ы
    # belongs to an agent noun in -шы (басшысы).
    return s_stem.endswith("ыс") and not s_stem.endswith("шыс")


def _restore(stem: str) -> str:
    """Undo the changes a vowel-initial ending made to the end of the stem."""
    if len(stem) > MIN_STEM and stem[-1] in DEVOICE:
        stem = stem[:-1] + DEVOICE[stem[-1]]
    if len(stem) >= 3 and stem[-1] in ELIDED_AFTER and stem[-2] in ELIDED_BEFORE:
        if stem[-3] in VOWELS:
            vowel = "ы" if _is_back(stem) else "і"
            stem = stem[:-1] + vowel + stem[-1]
    return stem


def _is_back(word: str) -> bool:
    for char in reversed(word):
        if char in VOWELS:
            return char in BACK_VOWELS
    return True


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The search key of one lower-cased Kazakh word.

    >>> [stem(w) for w in ("жемқорлыққа", "партиясының", "агенттігінің")]
    ['жемқорлық', 'партия', 'агенттік']

    The rules are applied again to the result, up to ``PASSES`` times, until
    nothing changes: a lemma that ends like an inflected form (аудан looks
    like ау + ablative -дан) is then cut exactly as its forms are
    (ауданда → аудан → ау), so that both get the same key.
    """
    for _ in range(PASSES):
        shorter = _stem_once(word)
        if shorter == word:
            break
        word = shorter
    return word


def _stem_once(word: str) -> str:
    if len(word) <= MIN_STEM + 1 or word in KEEP or not _has_vowel(word):
        return word
    rest = _strip_case(word)
    rest = _strip(rest, ATTRIBUTIVE, ATTRIBUTIVE_AFTER)
    stem_, possessive = _possessive_split(rest)
    if possessive[:1] in ("ы", "і"):
        stem_ = _restore(stem_)
    return _strip(stem_, PLURAL, PLURAL_AFTER)


def _strip_case(word: str) -> str:
    # The -н- forms first, where a possessive precedes them (жаны|нда).
    for ending in AFTER_POSSESSIVE:
        if word.endswith(ending):
            before = word[: -len(ending)]
            stem_, possessive = _possessive_split(before)
            if possessive not in ("ы", "і", "сы", "сі"):
                continue
            # жақын, тегін, шағын, отын end like a short stem + ы + н; an
            # accusative -ын needs a stem of four letters (ауданын, жұмысын).
            if ending == "н" and possessive in ("ы", "і") and len(stem_) < 4:
                continue
            return before
    return _strip(word, CASE, _ENDINGS_AFTER)
