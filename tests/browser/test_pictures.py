"""Pictures in a real browser: the seed stories with lead images, pictures
in the body and documents, as readers see them at 1280 and 360 pixels."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image as Picture
from PIL import ImageDraw

from articles.media.models import Document, Image
from articles.models import Article, Person
from tests.browser.test_pages import DESKTOP, LANGUAGES, NUR_OTAN_STORY, PHONE
from tests.media.files import pdf
from tests.media.worker import run_tasks

# What the browser knows of every <img> on the page.
IMAGES = """() => [...document.images].map((image) => ({
    src: image.currentSrc,
    loaded: image.complete && image.naturalWidth > 0,
    width: image.getAttribute("width"),
    height: image.getAttribute("height"),
    loading: image.loading,
    alt: image.getAttribute("alt"),
    top: image.getBoundingClientRect().top,
}))"""


def scene(width: int, height: int, hue: int) -> bytes:
    """A picture with a sky, a horizon and buildings: something for the
    encoders and for the eye."""
    picture = Picture.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        shade = 255 - y * 160 // height
        draw.line([(0, y), (width, y)], fill=(hue // 2, shade // 2 + 60, shade))
    for number in range(12):
        left = number * width // 12
        top = height // 2 + (number * 37 % 5) * height // 20
        draw.rectangle([left + 6, top, left + width // 14, height], fill=(40 + hue // 3, 40, 60))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def library_image(title: str, hue: int, **texts) -> Image:
    image = Image(title=title, credit="Фото: Newsroom", **texts)
    image.file.save(f"{title}.jpg", ContentFile(scene(2400, 1350, hue)))
    return image


@pytest.fixture
def illustrated(seed):
    """Lead images for the newest seed stories, a picture and a document in
    the Nur Otan story, a portrait of the president; renditions made."""
    for number, article in enumerate(Article.objects.published()[:4]):
        article.lead_image = library_image(
            f"lead-{number}",
            hue=40 * number,
            alt_kk="Астанадағы әкімшілік ғимараттар",
            alt_ru="Административные здания в Астане",
            alt_en="Government buildings in Astana",
            caption_kk="Астана, 2021 жыл.",
            caption_ru="Астана, 2021 год.",
            caption_en="Astana, 2021.",
        )
        article.save()
    story = Article.objects.get(slug=NUR_OTAN_STORY)
    story.story_images.create(
        image=library_image(
            "inline",
            hue=200,
            alt_kk="Партия съезі",
            alt_ru="Съезд партии",
            alt_en="The party congress",
        ),
        after_paragraph=2,
        caption_kk="Съезд залы.",
        caption_ru="Зал съезда.",
        caption_en="The congress hall.",
    )
    document = Document(
        title_kk="Бағдарлама мәтіні", title_ru="Текст программы", title_en="The programme"
    )
    document.file.save(
        "programme.pdf", ContentFile(pdf(["Сыбайлас жемқорлыққа қарсы бағдарлама."]))
    )
    story.documents.add(document)
    person = Person.objects.get(slug="qasym-jomart-toqaev")
    person.portrait = library_image(
        "portrait", hue=120, alt_kk="Портрет", alt_ru="Портрет", alt_en="Portrait"
    )
    person.save()
    run_tasks()
    assert not Image.objects.filter(renditions_ready=False).exists()


def test_the_story_loads_its_renditions_and_lazily_below_the_fold(open_page, network, illustrated):
    page = open_page(width=DESKTOP)
    page.goto(f"/ru/articles/{NUR_OTAN_STORY}/")
    page.wait_for_load_state("load")
    images = page.evaluate(IMAGES)
    lead, *others = [i for i in images if "/renditions/" in i["src"] or "/images/" in i["src"]]

    assert lead["loaded"] and lead["src"].endswith(".webp")
    assert lead["loading"] != "lazy" and lead["alt"] == "Административные здания в Астане"
    assert all(image["width"] and image["height"] for image in images)
    assert any(image["loading"] == "lazy" for image in others)
    assert network.foreign_urls() == [] and network.failures == []


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_it_saves_screenshots_of_pages_with_pictures(
    open_page, network, screenshots, width, illustrated
):
    """story-pictures-<language>-<width>.png and home-pictures-…: the lead
    image, its caption and credit, a picture in the body, the documents."""
    page = open_page(width=width)
    for language in LANGUAGES:
        for name, path in (
            ("story-pictures", f"/{language}/articles/{NUR_OTAN_STORY}/"),
            ("home-pictures", f"/{language}/"),
            ("person-pictures", f"/{language}/people/qasym-jomart-toqaev/"),
        ):
            response = page.goto(path)
            assert response.ok
            # Every picture, lazy ones too, in the full-page screenshot.
            page.evaluate(
                "() => document.querySelectorAll('img').forEach((i) => (i.loading = 'eager'))"
            )
            page.wait_for_load_state("networkidle")
            assert all(image["loaded"] for image in page.evaluate(IMAGES))
            shot = screenshots / f"{name}-{language}-{width}.png"
            page.screenshot(path=shot, full_page=True)
            assert shot.stat().st_size > 0
    assert network.foreign_urls() == [] and network.failures == []
