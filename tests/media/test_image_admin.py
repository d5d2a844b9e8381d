"""The image library in the admin: uploading, field errors, finding images."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from articles.media.models import Image
from tests.factories import make_article, make_image, make_person
from tests.media.files import SVG, gps_jpeg, image_of, metadata_of, upload

pytestmark = pytest.mark.django_db


def image_form(**overrides) -> dict:
    data = {
        "title": "Court hearing",
        "alt_kk": "Сот отырысы",
        "alt_ru": "Заседание суда",
        "alt_en": "",
        "caption_kk": "",
        "caption_ru": "",
        "caption_en": "",
        "credit": "Фото: Азаттық",
        "focal_x": "",
        "focal_y": "",
    }
    data.update(overrides)
    return data


def test_an_editor_uploads_a_photo_and_its_location_is_gone(editor_client):
    response = editor_client.post(
        reverse("admin:media_image_add"),
        {**image_form(), "file": upload("IMG_7.jpg", gps_jpeg(), "image/jpeg")},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert image.alt_ru == "Заседание суда"
    assert metadata_of(image_of(Path(image.file.path).read_bytes())) == {}


def test_an_svg_upload_gets_a_field_error_and_stores_nothing(editor_client):
    response = editor_client.post(
        reverse("admin:media_image_add"),
        {**image_form(), "file": upload("logo.svg", SVG, "image/svg+xml")},
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "file" in errors and "SVG" in errors["file"][0]
    assert not Image.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_a_focal_point_outside_the_picture_is_a_field_error(editor_client):
    response = editor_client.post(
        reverse("admin:media_image_add"),
        {**image_form(focal_x="140"), "file": upload("a.jpg", gps_jpeg(), "image/jpeg")},
    )

    assert response.status_code == 200
    assert "focal_x" in response.context["adminform"].form.errors
    assert not Image.objects.exists()


def test_editors_find_images_by_their_texts_and_by_where_they_are_used(editor_client):
    used = make_image(title="Parliament", alt_ru="Здание парламента")
    portrait = make_image(title="Portrait")
    make_image(title="Unused picture")
    make_article(lead_image=used)
    make_person(portrait=portrait)
    changelist = reverse("admin:media_image_changelist")

    def titles(query: str) -> set[str]:
        response = editor_client.get(changelist + query)
        assert response.status_code == 200
        return {image.title for image in response.context["cl"].result_list}

    assert titles("?q=парламента") == {"Parliament"}
    assert titles("?used=lead_of") == {"Parliament"}
    assert titles("?used=portrait_of") == {"Portrait"}
    assert titles("?used=none") == {"Unused picture"}


def test_the_change_page_lists_where_the_image_is_used(editor_client):
    image = make_image()
    article = make_article(lead_image=image, title_en="The story with the picture")

    response = editor_client.get(reverse("admin:media_image_change", args=[image.pk]))

    page = response.content.decode()
    assert reverse("admin:articles_article_change", args=[article.pk]) in page


def test_an_image_in_use_cannot_be_deleted(publisher_client):
    image = make_image()
    make_article(lead_image=image)

    response = publisher_client.post(
        reverse("admin:media_image_delete", args=[image.pk]), {"post": "yes"}
    )

    assert response.status_code == 200  # the "cannot delete" page
    assert Image.objects.filter(pk=image.pk).exists()


def test_the_changelist_runs_a_fixed_number_of_queries(
    editor_client, django_assert_max_num_queries
):
    for _ in range(3):
        make_article(lead_image=make_image())
    changelist = reverse("admin:media_image_changelist")
    editor_client.get(changelist)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        editor_client.get(changelist)
    for _ in range(10):
        make_article(lead_image=make_image())
    with CaptureQueriesContext(connection) as many:
        editor_client.get(changelist)
    assert len(few) == len(many)
