"""Sections and topics for readers: their pages, feeds, filter facets,
sitemap entries and JSON-LD, with published stories only."""

import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest

from articles.models import Article
from tests.factories import make_article, make_section, make_topic
from tests.helpers import LANGUAGES, url

pytestmark = pytest.mark.django_db

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def filed():
    section = make_section(
        slug="investigations",
        name_kk="Тергеу",
        name_ru="Расследования",
        name_en="Investigations",
        description_en="What our reporters dug up.",
    )
    topic = make_topic(
        slug="procurement", name_kk="Мемлекеттік сатып алу", name_en="Public procurement"
    )
    published = make_article(section=section, topics=[topic], title_en="PUBLISHED story")
    make_article(
        section=section, topics=[topic], status=Article.Status.DRAFT, title_en="DRAFT story"
    )
    make_article(title_en="UNFILED story")
    return section, topic, published


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_section_page_lists_its_published_stories_in_the_readers_language(
    client, filed, language
):
    section, _topic, published = filed

    content = html(client.get(url("section", language, slug=section.slug)))

    assert f"<h1>{getattr(section, f'name_{language}')}</h1>" in content
    assert getattr(published, f"title_{language}") in content
    assert "DRAFT" not in content and "UNFILED" not in content


def test_a_topic_page_lists_its_published_stories_only(client, filed):
    _section, topic, published = filed

    content = html(client.get(url("topic", "en", slug=topic.slug)))

    assert "<h1>Public procurement</h1>" in content
    assert published.title_en in content
    assert "DRAFT" not in content and "UNFILED" not in content


def test_the_topic_list_counts_published_stories_only(client, filed):
    content = html(client.get(url("topic-list", "en")))

    assert re.search(r"Public procurement</a>\s*<span[^>]*>· 1 story</span>", content)


def test_sections_are_in_the_navigation_with_the_current_one_marked(client, filed):
    section, _topic, published = filed

    on_section = html(client.get(url("section", "en", slug=section.slug)))
    on_story = html(client.get(url("detail", "en", slug=published.slug)))
    at_home = html(client.get(url("home", "en")))

    link = f'href="{url("section", "en", slug=section.slug)}"'
    assert f'<a {link} aria-current="page">Investigations</a>' in on_section
    assert f'<a {link} aria-current="page">Investigations</a>' in on_story
    assert f"<a {link}>Investigations</a>" in at_home


@pytest.mark.parametrize("name", ["section", "topic"])
def test_an_unknown_section_or_topic_is_a_404(client, name):
    response = client.get(url(name, "ru", slug="no-such-thing"))

    assert response.status_code == 404
    assert '<html lang="ru">' in response.content.decode()


@pytest.mark.parametrize("kind", ["section", "topic"])
@pytest.mark.parametrize("feed", ["feed", "feed-atom"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_section_and_a_topic_have_feeds_in_every_language(client, filed, kind, feed, language):
    section, topic, published = filed
    slug = section.slug if kind == "section" else topic.slug

    parsed = feedparser.parse(client.get(url(f"{kind}-{feed}", language, slug=slug)).content)

    assert [entry.title for entry in parsed.entries] == [getattr(published, f"title_{language}")]
    assert parsed.feed.link.endswith(url(kind, language, slug=slug))
    assert parsed.entries[0].link.endswith(url("detail", language, slug=published.slug))


def test_a_section_page_links_its_feeds(client, filed):
    section, _topic, _published = filed

    content = html(client.get(url("section", "kk", slug=section.slug)))

    rss = url("section-feed", "kk", slug=section.slug)
    assert '<link rel="alternate" type="application/rss+xml" title="' in content
    assert f'href="{rss}"' in content


@pytest.mark.parametrize(("parameter", "attribute"), [("section", "section"), ("topic", "topic")])
def test_the_story_list_filters_by_section_and_topic(client, filed, parameter, attribute):
    section, topic, published = filed
    slug = {"section": section.slug, "topic": topic.slug}[parameter]

    content = html(client.get(url("list", "en") + f"?{parameter}={slug}"))

    assert published.title_en in content
    assert "UNFILED" not in content and "DRAFT" not in content
    assert f'<option value="{slug}" selected>' in content


def test_the_filter_offers_only_sections_and_topics_with_published_stories(client, filed):
    empty_section = make_section(slug="empty-section")
    make_article(section=empty_section, status=Article.Status.DRAFT)

    content = html(client.get(url("list", "en")))

    assert '<option value="investigations">' in content
    assert '<option value="procurement">' in content
    assert "empty-section" not in content.split('<form class="filters"', 1)[-1].split("</form>")[0]


def test_an_unknown_section_in_the_filter_gets_a_message_not_a_500(client, filed):
    response = client.get(url("list", "en") + "?section=no-such-section&topic=%00")

    assert response.status_code == 200
    assert "UNFILED" not in response.content.decode()


def test_the_sitemap_lists_sections_and_topics_with_stories_in_every_language(client, filed):
    make_section(slug="no-stories-yet")

    sections = ET.fromstring(client.get("/sitemap-sections.xml").content)
    topics = ET.fromstring(client.get("/sitemap-topics.xml").content)

    section_urls = [loc.text for loc in sections.iterfind(".//sm:loc", SITEMAP)]
    topic_urls = [loc.text for loc in topics.iterfind(".//sm:loc", SITEMAP)]
    for language in LANGUAGES:
        assert f"http://testserver/{language}/sections/investigations/" in section_urls
        assert f"http://testserver/{language}/topics/procurement/" in topic_urls
    assert not any("no-stories-yet" in address for address in section_urls)


def test_json_ld_names_the_section_and_the_topics(client, filed):
    _section, topic, published = filed

    content = html(client.get(url("detail", "ru", slug=published.slug)))

    script = content.split('<script type="application/ld+json">', 1)[1].split("</script>")[0]
    article = json.loads(script)
    assert article["@type"] == "NewsArticle"
    assert article["articleSection"] == "Расследования"
    assert article["keywords"] == [topic.name_ru]


def test_a_story_page_shows_its_section_and_topics(client, filed):
    section, topic, published = filed

    content = html(client.get(url("detail", "en", slug=published.slug)))

    assert f'<a href="{url("section", "en", slug=section.slug)}">Investigations</a>' in content
    assert f'href="{url("topic", "en", slug=topic.slug)}"' in content


def test_a_section_page_does_not_repeat_its_name_over_every_story(client, filed):
    section, _topic, _published = filed

    content = html(client.get(url("section", "en", slug=section.slug)))

    assert '<p class="kicker">Investigations</p>' not in content
