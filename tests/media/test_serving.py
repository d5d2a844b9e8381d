"""Media files go out with their own type, never as HTML, never sniffed."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from articles.media.serving import headers_for
from tests.factories import make_document, make_image

pytestmark = pytest.mark.django_db


def test_a_pdf_is_served_as_a_pdf_with_its_name(client):
    document = make_document(name="Сот үкімі.pdf")

    response = client.get(document.file.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert re.fullmatch(
        r'inline; filename="sot-ukimi-[a-z0-9]{10}\.pdf"', response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_image_is_served_as_an_image(client):
    image = make_image()

    response = client.get(image.file.url)

    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" not in response.get("Content-Disposition", "")


def test_any_other_file_in_the_media_folder_is_a_download_of_unknown_type(client):
    default_storage.save("images/page.html", ContentFile(b"<script>alert(1)</script>"))

    response = client.get("/media/images/page.html")

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment"


def test_renditions_are_cached_for_good_and_originals_for_a_day():
    assert "immutable" in headers_for("renditions/images/2026/12/x/abc.webp")["Cache-Control"]
    assert headers_for("images/2026/12/x.jpg")["Cache-Control"] == "public, max-age=86400"


def test_a_missing_media_file_is_a_404(client):
    assert client.get("/media/images/none.jpg").status_code == 404
