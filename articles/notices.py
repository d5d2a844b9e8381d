"""Notes telling readers which language version of an article they see.

Each note is a whole sentence per language pair, because Kazakh and Russian
inflect language names ("қазақ тілінен", "с казахского"): a name cannot be
slotted into one shared sentence.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_language

from .models import Article

# (language of the page, language shown instead) -> note
NOT_YET_AVAILABLE: dict[tuple[str, str], Promise] = {
    ("kk", "ru"): _("This story is not yet available in Kazakh; showing the Russian version."),
    ("kk", "en"): _("This story is not yet available in Kazakh; showing the English version."),
    ("ru", "kk"): _("This story is not yet available in Russian; showing the Kazakh version."),
    ("ru", "en"): _("This story is not yet available in Russian; showing the English version."),
    ("en", "kk"): _("This story is not yet available in English; showing the Kazakh version."),
    ("en", "ru"): _("This story is not yet available in English; showing the Russian version."),
}

# language shown instead -> note, for a page that has its own title
PARTLY_AVAILABLE: dict[str, Promise] = {
    "kk": _("Parts of this story are not yet translated; they are shown in Kazakh."),
    "ru": _("Parts of this story are not yet translated; they are shown in Russian."),
    "en": _("Parts of this story are not yet translated; they are shown in English."),
}

# language shown instead -> the short note of a story in a list
IN_LIST: dict[str, Promise] = {
    "kk": _("Not yet translated: in Kazakh"),
    "ru": _("Not yet translated: in Russian"),
    "en": _("Not yet translated: in English"),
}

TRANSLATED_FROM: dict[str, Promise] = {
    "kk": _("Translated from Kazakh."),
    "ru": _("Translated from Russian."),
    "en": _("Translated from English."),
}


def language_notes(article: Article, language: str | None = None) -> list[Promise]:
    """What to tell a reader of ``article`` on a ``language`` page (active by default)."""
    language = language or get_language()
    notes = []
    fallback = article.fallback_language(language)
    if fallback:
        if article.shown_language("title", language) == language:
            notes.append(PARTLY_AVAILABLE[fallback])
        else:
            notes.append(NOT_YET_AVAILABLE[(language, fallback)])
    original = article.translated_from(language)
    if original:
        notes.append(TRANSLATED_FROM[original])
    return notes


def list_note(article: Article, language: str | None = None) -> Promise | None:
    """The note a list shows beside a story whose title or lead is shown in
    another language than the page's (None when it is translated)."""
    fallback = article.fallback_language(language or get_language())
    return IN_LIST.get(fallback) if fallback else None
