"""Hostile input on every public URL: generated query strings, paths and
headers never make the site answer 5xx or raise.

Hypothesis generates the requests: huge and negative numbers, letters where
ids go, NUL bytes, invalid percent-encoded UTF-8, repeated parameters,
10,000-character values, and bogus Accept-Language, Host and Cookie headers.
The routes come from the URLconf (tests/public_urls.py), so a page added
later is fuzzed too. Under CI (CI=true) the examples are derandomized, so a
run is reproducible; locally each run tries new ones.
"""

import os
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from tests.factories import (
    make_article,
    make_author,
    make_initiative,
    make_organization,
    make_person,
    make_section,
    make_topic,
)
from tests.public_urls import public_routes, url_kwargs

pytestmark = pytest.mark.django_db


def fuzz(max_examples: int) -> settings:
    return settings(FUZZ, max_examples=max_examples)


FUZZ = settings(
    deadline=None,
    derandomize=os.environ.get("CI", "").lower() == "true",
    database=None,  # no .hypothesis/ directory in the checkout
    # The fixture's rows are only read: sharing them between examples is the point.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Parameters the pages read, plus Django's and a few that attackers try.
PARAMETERS = [
    "q", "page", "person", "organization", "initiative", "language", "source",
    "date_from", "date_to", "year", "next", "o", "p", "format", "lang", "id", "slug",
]  # fmt: skip
SPECIAL_VALUES = [
    "", "0", "-1", "-0", "1e309", "NaN", "inf", "9" * 40, "-" + "9" * 40, "2147483648",
    "abc", "1abc", "١٢٣", "2019-13-45", "0000-00-00", "9999-12-31", "2019-02-29",
    "\x00", "a\x00b", "'", "\"", "' OR 1=1 --", "%", "%%", "..", "../../etc/passwd",
    "<script>alert(1)</script>", "//evil.example", "\\\\evil.example", "javascript:alert(1)",
    "x" * 10_000, "ж" * 10_000, "\u202e", "\ufeff", "\U0001f600", "\r\nSet-Cookie: x=1",
]  # fmt: skip
# Percent-escapes that are not UTF-8, or not escapes at all.
BROKEN_ESCAPES = ["%ff", "%c3%28", "%e2%82", "%f0%9f%98", "%", "%g1", "%0", "%00", "%ed%a0%80"]

hostile_text = st.one_of(
    st.sampled_from(SPECIAL_VALUES),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=5).map(lambda s: s * 2000),
)


@st.composite
def encoded(draw, text=hostile_text) -> str:
    """Percent-encoded text, sometimes with broken escapes spliced in."""
    value = quote(draw(text).encode("utf-8", "surrogatepass"), safe="")
    if draw(st.booleans()):
        cut = draw(st.integers(min_value=0, max_value=len(value)))
        value = value[:cut] + draw(st.sampled_from(BROKEN_ESCAPES)) + value[cut:]
    return value


@st.composite
def query_strings(draw) -> str:
    pairs = draw(
        st.lists(
            st.tuples(
                st.one_of(st.sampled_from(PARAMETERS), encoded(st.text(max_size=10))),
                encoded(),
            ),
            max_size=6,
        )
    )
    if pairs and draw(st.booleans()):  # the same parameter again and again
        pairs += [pairs[0]] * draw(st.integers(min_value=1, max_value=20))
    separator = draw(st.sampled_from(["&", ";", "&&"]))
    return separator.join(f"{key}={value}" if value else key for key, value in pairs)


@pytest.fixture
def urls() -> list[str]:
    """Every public page (in each language) for a small published world, a
    draft beside it, and the language switch and health check."""
    person, organization, initiative = make_person(), make_organization(), make_initiative()
    section, topic, author = make_section(), make_topic(), make_author()
    article = make_article(
        people=[person],
        organizations=[organization],
        initiatives=[initiative],
        section=section,
        topics=[topic],
        authors=[author],
    )
    make_article(status=Article.Status.DRAFT, people=[person])
    objects = {
        "detail": article.slug,
        "person-detail": person.slug,
        "organization-detail": organization.slug,
        "initiative-detail": initiative.slug,
        "section": section.slug,
        "topic": topic.slug,
        "author": author.slug,
    }
    found = [reverse("set_language"), reverse("healthz")]
    for route in public_routes():
        for kwargs in url_kwargs(route, objects):
            for language in ("kk", "ru", "en") if route.i18n else ("kk",):
                with translation.override(language):
                    found.append(reverse(route.name, kwargs=kwargs or None))
    return found


def assert_no_server_error(response, description: str) -> None:
    assert response.status_code < 500, f"{response.status_code} for {description}"


@fuzz(max_examples=800)
@given(data=st.data())
def test_query_strings_never_cause_a_server_error(client, urls, data):
    url = data.draw(st.sampled_from(urls), label="url")
    query = data.draw(query_strings(), label="query")

    response = client.get(url, QUERY_STRING=query)

    assert_no_server_error(response, f"{url}?{query[:200]}")


@st.composite
def hostile_paths(draw, urls) -> str:
    """A real URL with one segment replaced or added, or a path made up."""
    url = draw(st.sampled_from(urls))
    segments = url.strip("/").split("/")
    segment = draw(encoded())
    choice = draw(st.sampled_from(["replace", "append", "invent"]))
    if choice == "replace" and segments != [""]:
        segments[draw(st.integers(min_value=0, max_value=len(segments) - 1))] = segment
    elif choice == "append":
        segments.append(segment)
    else:
        segments = [draw(encoded()) for _ in range(draw(st.integers(1, 4)))]
    return "/" + "/".join(segments) + draw(st.sampled_from(["", "/", "//"]))


@fuzz(max_examples=800)
@given(data=st.data())
def test_paths_never_cause_a_server_error(client, urls, data):
    path = data.draw(hostile_paths(urls), label="path")

    response = client.get(path)

    assert_no_server_error(response, path[:200])


# Header values must be Latin-1 on the wire (as WSGI passes them).
header_text = st.one_of(
    st.sampled_from(SPECIAL_VALUES).map(lambda s: s.encode("utf-8").decode("latin-1")),
    st.text(alphabet=st.characters(max_codepoint=255, exclude_characters="\r\n"), max_size=60),
)


@st.composite
def accept_languages(draw) -> str:
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(["kk", "ru", "en", "kk-KZ", "*", "zz", "x" * 300, "en;q=abc"]),
                header_text,
            ),
            max_size=8,
        )
    )
    return ",".join(
        f"{part};q={draw(header_text)}" if draw(st.booleans()) else part for part in parts
    )


@st.composite
def cookies(draw) -> str:
    names = ["django_language", "sessionid", "csrftoken", "messages", draw(header_text)]
    pairs = draw(st.lists(st.tuples(st.sampled_from(names), header_text), max_size=5))
    return "; ".join(f"{name}={value}" for name, value in pairs)


@fuzz(max_examples=600)
@given(data=st.data())
def test_headers_never_cause_a_server_error(client, urls, data):
    url = data.draw(st.sampled_from(urls), label="url")
    headers = {
        "accept-language": data.draw(accept_languages(), label="accept-language"),
        "cookie": data.draw(cookies(), label="cookie"),
    }
    if data.draw(st.booleans(), label="bogus host"):
        headers["host"] = data.draw(
            st.one_of(
                header_text,
                st.sampled_from(["evil.example", "testserver:99999", "[::1", "a" * 300]),
            ),
            label="host",
        )

    response = client.get(url, headers=headers)

    assert_no_server_error(response, f"{url} with {headers!r:.300}")
