"""The newsroom's languages: one registry, in the order of settings.LANGUAGES.

settings.py decides which languages there are, their order and their
fallbacks; this module adds what a page needs to present each one: its
name in itself (as a language menu shows it) and its Open Graph locale.
"""

from typing import NamedTuple

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_noop


class LanguageInfo(NamedTuple):
    code: str
    name: Promise  # in the reader's language (settings.LANGUAGES)
    self_name: str  # in the language itself
    og_locale: str
    choice: str  # its member's name in the Language choices


# code: (self-name, Open Graph locale, Language member). A language added
# to settings.LANGUAGES without a row here stops the app at start-up.
_DETAILS = {
    "kk": ("Қазақша", "kk_KZ", "KAZAKH"),
    "ru": ("Русский", "ru_RU", "RUSSIAN"),
    "en": ("English", "en_US", "ENGLISH"),
}

# settings.LANGUAGES names the languages, but makemessages skips newsroom/:
# marked here, the names stay in this app's catalogs.
_CATALOG_NAMES = (gettext_noop("Kazakh"), gettext_noop("Russian"), gettext_noop("English"))

LANGUAGES = tuple(LanguageInfo(code, name, *_DETAILS[code]) for code, name in settings.LANGUAGES)
CODES = tuple(language.code for language in LANGUAGES)
DEFAULT = settings.LANGUAGE_CODE
SELF_NAMES = {language.code: language.self_name for language in LANGUAGES}
OG_LOCALES = {language.code: language.og_locale for language in LANGUAGES}


def starting_with(code: str) -> tuple[str, ...]:
    """Every language code, ``code`` first and then the others in order
    (e.g. an article's original language, then the rest)."""
    return tuple(dict.fromkeys((code, *CODES)))
