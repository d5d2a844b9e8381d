"""Latin slugs for Kazakh and Russian titles.

Kazakh is transliterated with the 2021 Kazakh Latin alphabet (presented in
January 2021, revised in April 2021) and then folded to ASCII, so that no
Kazakh letter is ever dropped: ә → ä → a, қ → q, ң → ñ → n, ұ → ū → u,
і → ı → i, ш → ş → sh. Letters that the 2021 alphabet leaves undefined (they occur only in
Russian loanwords) are spelled as follows: ё io, ц ts, ч ch, щ şş,
ъ and ь dropped, э e, ю iu, я ia (щ becomes şş, folded to shsh).

Russian is transliterated with a readable ICAO-like scheme (ж zh, х kh,
ц ts, ч ch, ш sh, щ shch, ы y, ю iu, я ia), avoiding GOST 7.79 System B
spellings such as "shh" and "cz" in URLs.
"""

import re
import unicodedata

KAZAKH_2021 = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d",
    "е": "e", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q",
    "л": "l", "м": "m", "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f",
    "х": "h", "һ": "h", "ш": "ş", "ы": "y", "і": "ı",
    # Not defined by the 2021 alphabet: used only in Russian loanwords.
    "ё": "io", "ц": "ts", "ч": "ch", "щ": "şş", "ъ": "", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}  # fmt: skip

RUSSIAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    # Kazakh letters in Russian text (names such as Тоқаев) keep their sound.
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i",
}  # fmt: skip

# The 2021 letters that are not ASCII, and how they fold. Done by hand
# because NFKD leaves the dotless ı alone; ş keeps its sound as "sh".
ASCII_FOLD = {
    "ä": "a",
    "ğ": "g",
    "ñ": "n",
    "ö": "o",
    "ū": "u",
    "ü": "u",
    "ş": "sh",
    "ı": "i",
}

SLUG_MAX_LENGTH = 80


def kazakh_to_latin(text: str) -> str:
    """Kazakh Cyrillic → 2021 Latin, lower-cased.

    The text is lower-cased while still Cyrillic: lower-casing Latin would
    turn the capital I (Cyrillic І) into a dotted i.
    """
    return "".join(KAZAKH_2021.get(char, char) for char in text.lower())


def russian_to_latin(text: str) -> str:
    return "".join(RUSSIAN.get(char, char) for char in text.lower())


def fold_to_ascii(text: str) -> str:
    text = "".join(ASCII_FOLD.get(char, char) for char in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slugify_title(title: str, language: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """An ASCII slug for a title in the given language ("kk", "ru" or "en").

    Cut at a word boundary to ``max_length``. May return "" for a title with
    no letters or digits; callers supply a fallback.
    """
    if language == "kk":
        latin = kazakh_to_latin(title)
    elif language == "ru":
        latin = russian_to_latin(title)
    else:
        # An English title may still quote a Kazakh or Russian name.
        latin = kazakh_to_latin(title)
    words = re.findall(r"[a-z0-9]+", fold_to_ascii(latin).lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_length]
    return slug
