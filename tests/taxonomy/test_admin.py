"""Sections, topics and authors in the admin: editing, autocomplete, a
story's filing, and deletion refused while stories use them."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from articles.models import Article
from articles.taxonomy.models import Section, Topic
from tests.factories import make_article, make_author, make_section, make_topic
from tests.helpers import article_form_data

pytestmark = pytest.mark.django_db


def test_an_editor_creates_a_section_with_a_latin_slug(editor_client):
    response = editor_client.post(
        reverse("admin:taxonomy_section_add"),
        {
            "name_kk": "Аймақтар",
            "name_ru": "Регионы",
            "name_en": "Regions",
            "description_kk": "",
            "description_ru": "",
            "description_en": "",
            "slug": "",
            "position": "4",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    section = Section.objects.get()
    assert section.slug == "aimaqtar"
    assert section.name_ru == "Регионы"


def test_an_editors_bad_section_form_gets_field_errors(editor_client):
    response = editor_client.post(
        reverse("admin:taxonomy_section_add"), {"name_kk": "", "position": "many"}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() >= {"name_kk", "position"}
    assert not Section.objects.exists()


@pytest.mark.parametrize(
    ("field", "factory", "term"),
    [("section", make_section, "Тергеу"), ("topics", make_topic, "сатып")],
)
def test_the_story_form_finds_sections_and_topics_by_name(editor_client, field, factory, term):
    wanted = factory(name_kk="Тергеу" if field == "section" else "Мемлекеттік сатып алу")
    factory(name_kk="Басқа")
    model_name = "article" if field == "section" else "articletopic"
    field_name = "section" if field == "section" else "topic"
    app_label = "articles" if field == "section" else "taxonomy"

    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )

    assert response.status_code == 200
    assert [result["id"] for result in response.json()["results"]] == [str(wanted.pk)]


def test_an_editor_files_and_credits_a_story(editor_client):
    section, topic = make_section(), make_topic()
    first, second = make_author(name_en="Second Author"), make_author(name_en="First Author")
    article = make_article()
    data = article_form_data(
        article,
        section=str(section.pk),
        featured="on",
        **{
            "topic_links-TOTAL_FORMS": "1",
            "topic_links-0-topic": str(topic.pk),
            "bylines-TOTAL_FORMS": "2",
            "bylines-0-author": str(first.pk),
            "bylines-0-position": "1",
            "bylines-1-author": str(second.pk),
            "bylines-1-position": "0",
        },
    )

    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(pk=article.pk)
    assert article.section == section and article.featured
    assert list(article.topics.all()) == [topic]
    assert [author.name_en for author in article.byline_authors()] == [
        "First Author",
        "Second Author",
    ]


@pytest.mark.parametrize(("kind", "factory"), [("section", make_section), ("topic", make_topic)])
def test_deleting_a_section_or_topic_that_stories_use_is_refused_with_their_list(
    publisher_client, kind, factory
):
    filing = factory()
    links = {"section": filing} if kind == "section" else {"topics": [filing]}
    story = make_article(title_kk="Қолданылған материал", **links)

    page = publisher_client.get(reverse(f"admin:taxonomy_{kind}_delete", args=[filing.pk]))
    response = publisher_client.post(
        reverse(f"admin:taxonomy_{kind}_delete", args=[filing.pk]), {"post": "yes"}
    )

    # Django's delete page lists what protects it: the stories, or for a
    # topic their links to it, which name the story.
    assert page.context["protected"]
    assert "Қолданылған материал" in page.content.decode()
    assert response.status_code in (200, 403)
    model = Section if kind == "section" else Topic
    assert model.objects.filter(pk=filing.pk).exists()
    assert Article.objects.filter(pk=story.pk).exists()


def test_deleting_a_used_section_from_the_shell_is_refused_too():
    section = make_section()
    make_article(section=section)

    with pytest.raises(ProtectedError):
        section.delete()


def test_an_unused_topic_can_be_deleted(publisher_client):
    topic = make_topic()

    publisher_client.post(reverse("admin:taxonomy_topic_delete", args=[topic.pk]), {"post": "yes"})

    assert not Topic.objects.exists()


def test_the_section_list_shows_published_story_counts(editor_client):
    section = make_section(name_kk="Саясат")
    make_article(section=section)
    make_article(section=section, status=Article.Status.DRAFT)

    response = editor_client.get(reverse("admin:taxonomy_section_changelist"))

    assert response.status_code == 200
    row = response.context["cl"].result_list.get(pk=section.pk)
    assert row.story_count == 1
