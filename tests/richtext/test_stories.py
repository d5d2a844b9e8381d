"""Rich bodies through every path that saves or shows them."""

import json

import feedparser
import pytest
from django.core.management import call_command
from django.utils import translation

from articles.models import Article, MentionSuggestion
from articles.richtext.entity_links import stable_href
from articles.services import mention_decide
from tests.factories import (
    make_article,
    make_document,
    make_image,
    make_initiative,
    make_organization,
    make_person,
    make_user,
)
from tests.helpers import url

pytestmark = pytest.mark.django_db

RICH = (
    "<h2>Сот үкімі</h2><p>Бірінші <strong>абзац</strong>.</p>"
    "<ul><li>бір</li><li>екі</li></ul>"
    "<blockquote><p>«Нөлдік төзбеушілік»</p><p>— Бауыржан Байбек</p></blockquote>"
)


def page(client, article, language="kk") -> str:
    response = client.get(url("detail", language, slug=article.slug))
    assert response.status_code == 200
    return response.content.decode()


def test_the_story_page_shows_headings_lists_and_quotes_with_their_source(client):
    article = make_article(body_kk=RICH, lead_kk="Лид")

    html = page(client, article)

    assert "<h2>Сот үкімі</h2>" in html
    assert "<p>Бірінші <strong>абзац</strong>.</p>" in html
    assert "<ul><li>бір</li><li>екі</li></ul>" in html
    assert '<p class="quote-source">— Бауыржан Байбек</p>' in html


def test_every_save_path_cleans_the_body(tmp_path):
    dirty = '<p onclick="x()">Text<script>alert(1)</script></p>'
    created = make_article(body_kk=dirty)
    assert Article.objects.get(pk=created.pk).body_kk == "<p>Text</p>"

    created.body_ru = '<p><a href="javascript:alert(1)">link</a></p>'
    created.save()
    assert Article.objects.get(pk=created.pk).body_ru == "<p>link</p>"

    fixture = tmp_path / "dirty.json"
    row = {
        "model": "articles.article",
        "pk": 9001,
        "fields": {
            "title_kk": "Fixture",
            "slug": "from-a-fixture",
            "body_kk": '<p>Fixture<iframe src="https://x.example"></iframe></p><style>p{}</style>',
            "status": "draft",
            "original_language": "kk",
            "created_at": "2024-01-01T00:00:00Z",
            "updated_at": "2024-01-01T00:00:00Z",
        },
    }
    fixture.write_text(json.dumps([row]), encoding="utf-8")
    call_command("loaddata", str(fixture), verbosity=0)
    assert Article.objects.get(pk=9001).body_kk == "<p>Fixture</p>"


def test_an_entity_link_follows_a_rename_and_speaks_the_readers_language(client):
    person = make_person(slug="old-slug", name_ru="Иванов", name_en="Ivanov")
    article = make_article(
        body_ru='<p><a href="/ru/people/old-slug/">Иванов</a> сказал.</p>',
        body_en='<p><a href="/kk/people/old-slug/">Ivanov</a> said.</p>',
    )
    stored = Article.objects.get(pk=article.pk)
    assert stable_href("person", person.pk) in stored.body_ru
    assert person in stored.people.all()  # a body link is a link of the story

    person.slug = "new-slug"
    person.save()

    assert '<a href="/ru/people/new-slug/">Иванов</a> сказал.' in page(client, article, "ru")
    assert '<a href="/en/people/new-slug/">Ivanov</a> said.' in page(client, article, "en")


def test_a_link_to_a_deleted_entity_is_plain_text(client):
    organization = make_organization(slug="gone")
    href = stable_href("organization", organization.pk)
    article = make_article(body_kk=f'<p>Туралы <a href="{href}">агенттік</a> айтты.</p>')
    article.organizations.clear()
    organization.delete()

    html = page(client, article)

    assert "<p>Туралы агенттік айтты.</p>" in html
    assert href not in html


def test_a_paragraph_that_is_only_a_link_becomes_a_card(client):
    document = make_document(title_kk="Сот үкімі")
    video = "https://www.youtube.com/watch?v=abc"
    article = make_article(
        body_kk=(
            f'<p><a href="{stable_href("document", document.pk)}">үкім</a></p>'
            f'<p><a href="{video}">Бейнежазба</a></p><p>Мәтін <a href="{video}">сілтеме</a>.</p>'
        )
    )

    html = page(client, article)

    assert 'class="document-card"' in html and document.file.url in html
    assert 'class="link-card"' in html and "youtube.com</span>" in html
    assert "<iframe" not in html
    assert f'<p>Мәтін <a href="{video.replace("&", "&amp;")}" rel="noopener noreferrer">' in html


def test_pictures_come_after_their_block(client):
    image = make_image(alt_kk="Сурет")
    article = make_article(body_kk="<h2>Бас</h2><p>Бір</p><p>Екі</p>", lead_kk="Басқа")
    article.story_images.create(image=image, after_paragraph=2)

    html = page(client, article)

    assert html.index("<p>Бір</p>") < html.index('alt="Сурет"') < html.index("<p>Екі</p>")


def test_an_accepted_suggestion_links_the_matched_words(client):
    person = make_person(name_kk="Асқар Мамин")
    article = make_article(body_kk="<p>Премьер-министр Асқар Мамин кеңес өткізді.</p>")
    suggestion = MentionSuggestion.objects.create(
        article=article, person=person, language="kk", matched_text="Асқар Мамин", excerpt="…"
    )

    mention_decide(suggestion=suggestion, status="accepted", user=make_user(role="Editor"))

    article.refresh_from_db()
    assert article.body_kk == (
        f'<p>Премьер-министр <a href="{stable_href("person", person.pk)}">Асқар Мамин</a>'
        " кеңес өткізді.</p>"
    )
    assert person in article.people.all()
    assert f'<a href="{person.get_absolute_url()}">Асқар Мамин</a>' in page(client, article)


def test_links_and_formatting_alone_do_not_make_translations_out_of_date():
    article = make_article(original_language="kk", body_kk="<p>Мәтін бар.</p>")
    article = Article.objects.get(pk=article.pk)
    before = article.edited_at_kk
    person = make_person()

    article.body_kk = (
        f'<p><strong>Мәтін</strong> <a href="{stable_href("person", person.pk)}">бар</a>.</p>'
    )
    article.save()

    assert Article.objects.get(pk=article.pk).edited_at_kk == before
    article.body_kk = "<p>Мәтін өзгерді.</p>"
    article.save()
    assert Article.objects.get(pk=article.pk).edited_at_kk > before


def test_feeds_carry_the_full_sanitised_text_with_absolute_links(client):
    initiative = make_initiative(slug="open-budget")
    href = stable_href("initiative", initiative.pk)
    make_article(body_en=f'<h2>Budget</h2><p>The <a href="{href}">open budget</a> grew.</p>')

    rss = feedparser.parse(client.get("/en/feed/").content)
    atom = feedparser.parse(client.get("/en/feed/atom/").content)

    for feed in (rss, atom):
        content = feed.entries[0].content[0].value
        assert "<h2>Budget</h2>" in content
        assert '<a href="http://testserver/en/initiatives/open-budget/">open budget</a>' in content


def test_json_ld_has_the_body_as_plain_text(client):
    article = make_article(body_en=RICH.replace("Сот үкімі", "Verdict"), lead_en="Lead")
    html = page(client, article, "en")
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    story = (
        next(item for item in data["@graph"] if item["@type"] == "NewsArticle")
        if "@graph" in data
        else data
    )
    assert story["articleBody"].startswith("Verdict\n\nБірінші абзац.\n\nбір\n\nекі")
    assert "<" not in story["articleBody"]


def test_the_search_finds_and_quotes_words_of_a_rich_body(client):
    make_article(slug="rich", body_en="<p>The <strong>tender</strong> was rigged.</p>")

    response = client.get("/en/search/", {"q": "tender"})

    assert "<mark>tender</mark> was rigged" in response.content.decode()


def test_the_history_compare_shows_a_diff_of_the_text_not_the_markup(admin_client):
    article = make_article(body_en="<p>Old words.</p>")
    with translation.override("en"):
        from reversion import create_revision

        with create_revision():
            article.save()
        article.body_en = "<p>New <strong>words</strong>.</p>"
        with create_revision():
            article.save()
    from reversion.models import Version

    first, second = Version.objects.get_for_object(article).order_by("pk")
    response = admin_client.get(
        f"/en/admin/articles/article/{article.pk}/history/compare/",
        {"version_id1": first.pk, "version_id2": second.pk},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "&lt;strong&gt;" not in html and "&lt;p&gt;" not in html
    assert "New" in html and "Old" in html
