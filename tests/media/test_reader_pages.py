"""Pictures and documents as readers and link previews get them."""

import json
import re

import feedparser
import pytest

from articles.media import renditions
from tests.factories import make_article, make_document, make_image, make_person
from tests.helpers import url
from tests.media.files import gps_jpeg, pdf
from tests.media.worker import run_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def illustrated():
    image = make_image(
        data=gps_jpeg(2000, 1200, orientation=1),
        alt_ru="Здание суда в Астане",
        caption_ru="Суд рассмотрел дело за один день.",
        credit="Фото: Vlast.kz",
    )
    inline = make_image(alt_ru="Документы на столе", caption_ru="Материалы дела.")
    document = make_document(data=pdf(["Приговор суда."]), title_ru="Приговор", file_size=0)
    article = make_article(lead_image=image, title_ru="Приговор чиновнику", body_ru="Один.\n\nДва.")
    article.story_images.create(image=inline, after_paragraph=1)
    article.documents.add(document)
    run_tasks()
    image.refresh_from_db()
    return article, image, document


def test_the_story_shows_its_lead_image_pictures_and_documents(client, illustrated):
    article, image, document = illustrated

    page = client.get(url("detail", "ru", slug=article.slug)).content.decode()

    lead = re.search(r'<figure class="figure lead-figure">.*?</figure>', page, re.DOTALL).group()
    assert 'alt="Здание суда в Астане"' in lead
    assert "Суд рассмотрел дело за один день." in lead and "Фото: Vlast.kz" in lead
    assert 'fetchpriority="high"' in lead and 'loading="lazy"' not in lead
    assert 'width="1920" height="1152"' in lead
    assert 'type="image/webp"' in lead
    # The body's picture, after the first paragraph, lazily loaded.
    body = page[page.index('class="story-body"') :]
    assert body.index("Один.") < body.index("Материалы дела.") < body.index("Два.")
    assert 'loading="lazy"' in body
    assert f'href="{document.file.url}"' in page and "PDF" in page


def test_a_story_without_a_lead_image_has_no_empty_figure(client):
    article = make_article(title_ru="Без картинки")

    page = client.get(url("detail", "ru", slug=article.slug)).content.decode()

    assert "<figure" not in page and "og:image" not in page


def test_link_previews_and_rich_results_get_the_lead_image(client, illustrated):
    article, image, _document = illustrated
    shared = next(r for r in renditions.renditions(image, "full", "JPEG") if r.width >= 1280)

    page = client.get(url("detail", "ru", slug=article.slug)).content.decode()

    absolute = f"http://testserver{shared.url}"
    assert f'<meta property="og:image" content="{absolute}">' in page
    assert f'<meta property="og:image:width" content="{shared.width}">' in page
    assert f'<meta property="og:image:height" content="{shared.height}">' in page
    assert f'<meta name="twitter:image" content="{absolute}">' in page
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', page).group(1))
    assert data["image"] == [
        {
            "@type": "ImageObject",
            "url": absolute,
            "width": shared.width,
            "height": shared.height,
            "creditText": "Фото: Vlast.kz",
            "caption": "Суд рассмотрел дело за один день.",
        }
    ]


@pytest.mark.parametrize("feed", ["feed", "feed-atom"])
def test_feeds_carry_the_lead_image(client, illustrated, feed):
    article, image, _document = illustrated

    parsed = feedparser.parse(client.get(url(feed, "ru")).content)

    entry = parsed.entries[0]
    enclosure = entry.enclosures[0]
    assert enclosure.href == f"http://testserver{image.file.url}"
    assert enclosure.type == "image/jpeg" and int(enclosure.length) == image.file_size
    if feed == "feed":
        content = entry.media_content[0]
        assert content["medium"] == "image" and content["width"] == "1280"


def test_a_person_page_shows_the_portrait_and_documents(client):
    portrait = make_image(data=gps_jpeg(800, 800, orientation=1), alt_ru="Портрет")
    person = make_person(portrait=portrait)
    person.documents.add(make_document(title_ru="Декларация"))
    run_tasks()

    page = client.get(url("person-detail", "ru", slug=person.slug)).content.decode()

    assert 'class="portrait"' in page and 'alt="Портрет"' in page
    assert "Декларация" in page
