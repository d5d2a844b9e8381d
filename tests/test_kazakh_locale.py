"""Kazakh (kk) locale: formats and the project's admin catalogs.

Django ships no Kazakh formats module and its own kk catalogs are half
translated and partly wrong; newsroom/formats/kk/formats.py and
newsroom/locale/kk/LC_MESSAGES/{django,djangojs}.po fix both. These tests
check what an editor gets at run time (through Django's gettext machinery,
the JavaScript catalog view and a rendered admin page), not the .po text.

The catalogs are compiled by `manage.py compilemessages` (scripts/test and
.ci/run do it); the .mo files are git-ignored.
"""

import ast
import gettext as gettext_module
import html
import json
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import django
import django_filters
import django_prose_editor
import pytest
import reversion
import reversion_compare
from django import forms
from django.conf import settings
from django.test import RequestFactory
from django.utils import translation
from django.utils.formats import date_format, get_format, localize, number_format
from django.views.i18n import JSONCatalog

NBSP = "\xa0"
DJANGO_DIR = Path(django.__file__).parent
PROJECT_LOCALE = Path(settings.BASE_DIR) / "newsroom" / "locale"


# --- A tiny .po reader -------------------------------------------------------


def read_po_msgids(path: Path) -> list[tuple[str | None, str, str | None]]:
    """(msgctxt, msgid, msgid_plural) of every entry of a .po file."""
    entries = []
    current: dict[str, str] = {}
    field = None

    def flush():
        if current.get("msgid"):  # skips the header (empty msgid)
            entries.append((current.get("msgctxt"), current["msgid"], current.get("msgid_plural")))
        current.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line)
        if match:
            field, value = match.group(1), ast.literal_eval(match.group(2))
            if field in ("msgctxt", "msgid") and "msgstr" in current:
                flush()
            if field == "msgid" and "msgid" in current:
                flush()
            current[field.split("[")[0]] = value
        elif line.startswith('"') and field:
            current[field.split("[")[0]] += ast.literal_eval(line)
    flush()
    return entries


# The catalogs an editor meets in the admin, as shipped by Django and the
# installed apps (the English one where the package has it, otherwise one
# whose msgids are English).
CATALOGS = {
    "admin": DJANGO_DIR / "contrib/admin/locale/en/LC_MESSAGES/django.po",
    "auth": DJANGO_DIR / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    "contenttypes": DJANGO_DIR / "contrib/contenttypes/locale/en/LC_MESSAGES/django.po",
    "sessions": DJANGO_DIR / "contrib/sessions/locale/en/LC_MESSAGES/django.po",
    "core": DJANGO_DIR / "conf/locale/en/LC_MESSAGES/django.po",
    "reversion": Path(reversion.__file__).parent / "locale/ru/LC_MESSAGES/django.po",
    "reversion_compare": (
        Path(reversion_compare.__file__).parent / "locale/de/LC_MESSAGES/django.po"
    ),
    "django_filters": Path(django_filters.__file__).parent / "locale/ru/LC_MESSAGES/django.po",
}
ADMIN_JS_CATALOG = DJANGO_DIR / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"

# Strings whose correct Kazakh form is the English text itself: placeholders
# only, punctuation, protocol names, and a format-setting name that
# reversion_compare passes to the |date filter.
IDENTICAL = {
    (None, "%(class_name)s %(instance)s"),
    (None, "IPv4"),
    (None, "IPv6"),
    (None, "URL"),
    (None, ":"),
    (None, ":?.!"),
    (None, "…"),
    (None, ", "),
    ("String to return when truncating text", "%(truncated_text)s…"),
    (None, "DATETIME_FORMAT"),
}

PLACEHOLDER = re.compile(r"%\(\w+\)[sdrif]|%[sdrif]|\{\w*\}|<[^>]+>")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def translate(context, msgid, plural, n=1):
    if plural is None:
        if context is None:
            return translation.gettext(msgid)
        return translation.pgettext(context, msgid)
    if context is None:
        return translation.ngettext(msgid, plural, n)
    return translation.npgettext(context, msgid, plural, n)


@pytest.fixture(scope="module")
def project_catalog():
    """The compiled project catalog alone, to check it is the one that wins."""
    mo = PROJECT_LOCALE / "kk" / "LC_MESSAGES" / "django.mo"
    assert mo.exists(), f"{mo} is missing: run `manage.py compilemessages --ignore=.venv`"
    with mo.open("rb") as f:
        return gettext_module.GNUTranslations(f)


# --- Formats -----------------------------------------------------------------


def test_dates_use_the_kazakh_formats():
    moment = datetime(2024, 3, 5, 14, 30)
    with translation.override("kk"):
        assert date_format(date(2024, 3, 5)) == "2024 ж. 5 наурыз"
        assert date_format(date(2024, 3, 5), "SHORT_DATE_FORMAT") == "05.03.2024"
        assert date_format(date(2024, 3, 5), "YEAR_MONTH_FORMAT") == "2024 ж. наурыз"
        assert date_format(date(2024, 3, 5), "MONTH_DAY_FORMAT") == "5 наурыз"
        assert date_format(moment, "DATETIME_FORMAT") == "2024 ж. 5 наурыз, 14:30"
        assert date_format(moment, "SHORT_DATETIME_FORMAT") == "05.03.2024 14:30"
        assert date_format(moment, "TIME_FORMAT") == "14:30"
        assert get_format("FIRST_DAY_OF_WEEK") == 1
        # Every month: lower case inside a date ("E"), capitalised alone ("F").
        assert date_format(date(2024, 12, 31)) == "2024 ж. 31 желтоқсан"
        assert date_format(date(2024, 9, 1), "F") == "Қыркүйек"


def test_other_languages_keep_their_own_formats():
    with translation.override("ru"):
        assert date_format(date(2024, 3, 5)) == "5 марта 2024 г."
    with translation.override("en"):
        assert date_format(date(2024, 3, 5), "SHORT_DATE_FORMAT") == "03/05/2024"


def test_numbers_use_a_decimal_comma_and_non_breaking_space_groups(settings):
    with translation.override("kk"):
        assert number_format(1234567.5, force_grouping=True) == f"1{NBSP}234{NBSP}567,5"
        assert number_format(Decimal("-9876543.21"), force_grouping=True) == (
            f"-9{NBSP}876{NBSP}543,21"
        )
        settings.USE_THOUSAND_SEPARATOR = True
        assert localize(1234567.5) == f"1{NBSP}234{NBSP}567,5"
        assert localize(1234567) == f"1{NBSP}234{NBSP}567"


def test_forms_accept_kazakh_and_iso_dates():
    with translation.override("kk"):
        assert forms.DateField().clean("05.03.2024") == date(2024, 3, 5)
        assert forms.DateField().clean("2024-03-05") == date(2024, 3, 5)
        assert forms.DateField(localize=True).widget.format_value(date(2024, 3, 5)) == (
            "05.03.2024"
        )
        field = forms.DateTimeField()
        assert field.clean("05.03.2024 14:30").replace(tzinfo=None) == moment_1430()
        assert field.clean("2024-03-05 14:30").replace(tzinfo=None) == moment_1430()
        assert forms.DecimalField(localize=True).clean("1234,5") == Decimal("1234.5")


def moment_1430():
    return datetime(2024, 3, 5, 14, 30)


# --- Translations ------------------------------------------------------------


def test_strings_django_gets_wrong_are_corrected():
    with translation.override("kk"):
        # Django's kk catalog: "Өзгетру", "%s өзгету", "%s өзгерту үщін таңда",
        # "Сүзгіз", "Өшіру/Уақыт", "Даңғо әкімшілігі", "Жума".
        assert translation.gettext("Change") == "Өзгерту"
        assert translation.gettext("Change %s") == "%s өзгерту"
        assert translation.gettext("Select %s to change") == "Өзгерту үшін %s таңдаңыз"
        assert translation.gettext("Filter") == "Сүзгі"
        assert translation.gettext("Date/time") == "Күні/уақыты"
        assert translation.gettext("Django administration") == "Django әкімшілігі"
        assert translation.gettext("Friday") == "Жұма"
        assert translation.gettext("Delete selected %(verbose_name_plural)s") == (
            "Таңдалған %(verbose_name_plural)s жою"
        )
        assert translation.pgettext("alt. month", "March") == "наурыз"
        assert translation.gettext("March") == "Наурыз"


@pytest.mark.parametrize("name", sorted(CATALOGS))
def test_every_admin_facing_msgid_is_translated(name, project_catalog):
    untranslated, from_elsewhere, broken = [], [], []
    entries = read_po_msgids(CATALOGS[name])
    assert entries, f"no msgids read from {CATALOGS[name]}"
    with translation.override("kk"):
        for context, msgid, plural in entries:
            cases = [(msgid, 1)] if plural is None else [(msgid, 1), (plural, 5)]
            for english, n in cases:
                result = translate(context, msgid, plural, n)
                if plural is None:
                    expected = (
                        project_catalog.gettext(msgid)
                        if context is None
                        else project_catalog.pgettext(context, msgid)
                    )
                else:
                    expected = (
                        project_catalog.ngettext(msgid, plural, n)
                        if context is None
                        else project_catalog.npgettext(context, msgid, plural, n)
                    )
                if result == english and (context, msgid) not in IDENTICAL:
                    untranslated.append((context, english))
                elif result != expected:
                    # Not served from newsroom/locale (missing there, or
                    # overridden by another catalog).
                    from_elsewhere.append((context, english, result))
                if placeholders(result) != placeholders(english):
                    broken.append((english, result))
    assert not untranslated, f"{len(untranslated)} untranslated in {name}: {untranslated}"
    assert not from_elsewhere, f"not from the project catalog in {name}: {from_elsewhere}"
    assert not broken, f"placeholders changed in {name}: {broken}"


def admin_js_catalog(language: str) -> dict:
    """What the admin's JavaScript gets from Django's JavaScript catalog view."""
    request = RequestFactory().get("/jsi18n/")
    view = JSONCatalog.as_view(packages=["django.contrib.admin"])
    with translation.override(language):
        response = view(request)
    return json.loads(response.content)


def test_every_admin_javascript_msgid_is_translated():
    data = admin_js_catalog("kk")
    catalog = data["catalog"]
    untranslated, broken = [], []
    for context, msgid, plural in read_po_msgids(ADMIN_JS_CATALOG):
        key = msgid if context is None else f"{context}\x04{msgid}"
        value = catalog.get(key)
        forms_ = [value] if isinstance(value, str) else (value or [])
        if plural is None:
            if not forms_ or forms_[0] == msgid:
                untranslated.append((context, msgid))
        elif len(forms_) != 2 or forms_[0] == msgid or forms_[1] == plural:
            untranslated.append((context, msgid))
        for form in forms_:
            if placeholders(form) != placeholders(msgid):
                broken.append((msgid, form))
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated}"
    assert not broken, f"placeholders changed: {broken}"
    assert catalog["Filter"] == "Сүзгі"  # Django's own: "Сүзгіш"
    assert catalog["abbrev. day Friday\x04Fri"] == "Жм"
    # The calendar widget reads the formats from the same response.
    assert data["formats"]["FIRST_DAY_OF_WEEK"] == 1
    assert data["formats"]["DATE_INPUT_FORMATS"][0] == "%d.%m.%Y"
    assert data["formats"]["DECIMAL_SEPARATOR"] == ","
    assert data["plural"] == "(n!=1)"


# --- The admin as an editor sees it -----------------------------------------


def visible_text(content: bytes) -> str:
    page = content.decode()
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


ENGLISH_ADMIN_TEXT = [
    "Recent actions",
    "My actions",
    "Change",
    "Add",
    "Site administration",
    "Django administration",
    "Welcome",
    "View site",
    "Log out",
]


@pytest.fixture
def plain_static_files(settings):
    # The manifest storage needs collectstatic; these tests are about text.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.mark.usefixtures("plain_static_files")
def test_admin_index_renders_in_kazakh(admin_client):
    response = admin_client.get("/kk/admin/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="kk"' in content
    text = visible_text(response.content)
    for kazakh in ("Сайт әкімшілігі", "Соңғы әрекеттер", "Қосу", "Өзгерту", "Шығу"):
        assert kazakh in text
    for english in ENGLISH_ADMIN_TEXT:
        assert not re.search(rf"\b{re.escape(english)}\b", text), f"{english!r} in {text}"


@pytest.mark.usefixtures("plain_static_files")
def test_admin_change_list_renders_in_kazakh(admin_client):
    response = admin_client.get("/kk/admin/auth/user/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Іздеу"' in content  # the search button
    assert 'value="Search"' not in content
    text = visible_text(response.content)
    for kazakh in ("Сүзгі", "Орындау", "Өзгерту үшін пайдаланушы таңдаңыз"):
        assert kazakh in text
    for wrong in ("Сүзгіз", "үщін", "Өзгетру"):
        assert wrong not in text
    for english in ("Filter", "Search", "Go", "Select user to change", "Action:"):
        assert not re.search(rf"\b{re.escape(english)}\b", text), f"{english!r} in {text}"


PROSE_EDITOR_JS_CATALOG = (
    Path(django_prose_editor.__file__).parent / "locale/de/LC_MESSAGES/djangojs.po"
)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_body_editors_strings_are_translated(language):
    """django-prose-editor ships no kk or ru catalog: newsroom/locale has them,
    and the admin's JavaScript catalog serves them to the editor."""
    catalog = admin_js_catalog(language)["catalog"]

    msgids = [msgid for _context, msgid, _plural in read_po_msgids(PROSE_EDITOR_JS_CATALOG)]

    assert len(msgids) > 20
    untranslated = [m for m in msgids if catalog.get(m, m) == m and m not in {"URL"}]
    assert untranslated == []
