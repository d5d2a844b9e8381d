"""Junk requests (newsroom/bad_requests.py): NUL bytes never reach the
database (removed from query parameters, refused in posted forms), and a
refused request is a 400 page and one WARNING log line."""

import logging

import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import Article, Person
from tests.factories import make_article, make_person, make_user

pytestmark = pytest.mark.django_db

HEADING = {
    "kk": "Бұл сұрауға жауап беру мүмкін емес",
    "ru": "На этот запрос нельзя ответить",
    "en": "This request cannot be answered",
}


@pytest.fixture
def world():
    person = make_person(name_kk="Қасым-Жомарт Тоқаев", name_ru="Касым-Жомарт Токаев")
    make_article(people=[person])
    return person


@pytest.fixture
def log_records():
    """What the django loggers pass to their console handler (they do not
    propagate to the root logger, where caplog listens)."""

    class Collect(logging.Handler):
        def __init__(self):
            super().__init__(level=logging.DEBUG)
            self.records: list[logging.LogRecord] = []

        def emit(self, record):
            self.records.append(record)

    collect = Collect()
    logger = logging.getLogger("django")
    logger.addHandler(collect)
    yield collect.records
    logger.removeHandler(collect)


def assert_one_warning_line(records, logger_name: str) -> None:
    console = logging.getLogger("django").handlers[0]
    assert [(r.name, r.levelname) for r in records] == [(logger_name, "WARNING")]
    line = console.format(records[0])
    assert "\n" not in line and "Traceback" not in line, line
    assert records[0].exc_info is None


def refused(client, *args, **kwargs):
    client.raise_request_exception = False
    return client.get(*args, **kwargs)


# --- NUL bytes -------------------------------------------------------------------

PUBLIC_QUERIES = [
    ("articles:list", {"q": "a\x00b"}),
    ("articles:list", {"person": "\x00"}),
    ("articles:list", {"page": "1\x00"}),
    ("articles:list", {"date_from": "2020-01-01\x00"}),
    ("articles:list", {"q\x00": "x"}),
    ("articles:search", {"q": "Тоқаев\x00"}),
    ("articles:person-list", {"q": "\x00", "page": "\x00"}),
    ("articles:home", {"x": "\x00"}),
]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize(("name", "query"), PUBLIC_QUERIES)
def test_a_nul_byte_on_a_public_page_gets_a_page_that_says_so(client, world, name, query, language):
    with translation.override(language):
        url = reverse(name)

    response = client.get(url, query)

    assert response.status_code in (200, 404)
    assert b"<h1" in response.content


def test_a_nul_byte_in_the_admin_autocomplete_is_dropped(client, world):
    client.force_login(make_user(role="Editor"))
    query = {"app_label": "articles", "model_name": "article", "field_name": "people"}

    answer = client.get(reverse("admin:autocomplete"), {**query, "term": "Ток\x00аев"})

    assert answer.status_code == 200
    assert [result["text"] for result in answer.json()["results"]] == [str(world)]


@pytest.mark.parametrize(
    ("changelist", "query"),
    [
        ("admin:articles_article_changelist", {"q": "a\x00b"}),
        ("admin:articles_article_changelist", {"status__exact": "\x00"}),
        ("admin:articles_article_changelist", {"people__id__exact": "1\x00"}),
        ("admin:articles_person_changelist", {"q": "Тоқаев\x00"}),
    ],
)
def test_a_nul_byte_in_an_admin_changelist_search_or_filter_never_errs(
    client, world, changelist, query
):
    client.force_login(make_user(role="Publisher"))

    response = refused(client, reverse(changelist), query)

    assert response.status_code in (200, 302)


def test_a_nul_byte_in_a_form_field_is_refused_and_nothing_is_saved(client):
    client.force_login(make_user(role="Editor"))
    client.raise_request_exception = False

    response = client.post(
        reverse("admin:articles_person_add"), {"name_kk": "Жаңа\x00адам", "slug": "zhana"}
    )

    assert response.status_code == 400
    assert not Person.objects.exists()


def test_a_nul_byte_in_the_login_form_is_refused(client):
    client.raise_request_exception = False

    response = client.post(reverse("admin:login"), {"username": "a\x00", "password": "x"})

    assert response.status_code == 400


def test_a_cookie_with_a_nul_byte_is_ignored(client, world):
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"

    admin = refused(client, reverse("admin:index"))
    public = refused(client, reverse("articles:list"))

    assert admin.status_code == 302 and "/login/" in admin["Location"]
    assert public.status_code == 200


def test_text_without_nul_bytes_is_searched_as_before(client, world):
    article = Article.objects.get()

    response = client.get(reverse("articles:list"), {"q": "Тоқаев", "page": "1"})

    assert response.status_code == 200
    assert list(response.context["object_list"]) == [article]


def test_a_refused_nul_byte_is_one_warning_line(client, log_records):
    client.raise_request_exception = False
    response = client.post(reverse("admin:login"), {"username": "\x00", "password": "x"})

    assert response.status_code == 400
    assert_one_warning_line(log_records, "django.security.NulByteInRequest")


# --- Requests Django refuses ---------------------------------------------------------


def test_a_host_not_allowed_is_a_400_and_one_warning_line(client, log_records):
    response = refused(client, reverse("articles:list"), HTTP_HOST="evil.example\x1b[31m")

    assert response.status_code == 400
    assert_one_warning_line(log_records, "django.security.DisallowedHost")
    assert "evil.example" in log_records[0].getMessage()
    assert "\x1b" not in log_records[0].getMessage()


def test_too_many_query_parameters_are_a_400_and_one_warning_line(client, log_records):
    query = "&".join(f"p{number}=1" for number in range(1_001))

    response = refused(client, reverse("articles:list"), QUERY_STRING=query)

    assert response.status_code == 400
    assert_one_warning_line(log_records, "django.security.TooManyFieldsSent")


def test_too_many_form_fields_are_a_400_and_one_warning_line(client, log_records):
    client.raise_request_exception = False

    response = client.post(
        reverse("admin:login"), {f"field{number}": "x" for number in range(1_001)}
    )

    assert response.status_code == 400
    assert_one_warning_line(log_records, "django.security.TooManyFieldsSent")


def test_the_400_page_speaks_the_language_of_its_address(client, log_records):
    with translation.override("ru"):
        url = reverse("articles:list")

    response = refused(client, url, HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert HEADING["ru"] in response.content.decode()
