"""Documents: what is accepted, their text found by search, their metadata
shown to editors and removed on request."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader

from articles.media.models import Document
from tests.factories import make_article, make_document
from tests.helpers import url
from tests.media.files import gps_jpeg, pdf, upload
from tests.media.worker import run_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages matched below are the English ones."""
    from django.utils import translation

    with translation.override("en"):
        yield


RULING = (
    "Алматы қалалық сотының үкімі. Сотталушы мемлекеттік сатып алу кезінде "
    "бюджет қаражатын жымқырғаны үшін кінәлі деп танылды."
)


def test_the_text_is_extracted_and_the_story_is_found_through_it(client):
    document = make_document(data=pdf([RULING, "Екінші бет."]), title_kk="Сот үкімі")
    article = make_article(title_kk="Шенеунік сотталды", body_kk="Қысқаша мәтін.")
    article.documents.add(document)

    run_tasks()

    document.refresh_from_db()
    assert document.text_status == Document.TextStatus.EXTRACTED
    assert "жымқырғаны" in document.text
    assert document.page_count == 2
    assert document.text_language == "kk"
    response = client.get(url("search", "kk") + "?q=жымқыру")
    page = response.content.decode()
    assert article.get_absolute_url() in page
    assert "Сот үкімі" in page  # "in the attached document «…»"
    assert "<mark>жымқырғаны</mark>" in page


def test_a_document_of_a_draft_is_not_found():
    from articles.models import Article
    from articles.search.results import Search

    document = make_document(data=pdf([RULING]))
    draft = make_article(status=Article.Status.DRAFT)
    draft.documents.add(document)
    run_tasks()

    found = Search("жымқыру").rank(Article.objects.published(), key="test")
    assert list(found) == []


def test_a_pdf_that_does_not_parse_is_kept_and_marked_with_the_reason():
    document = make_document(data=b"%PDF-1.7\n" + b"garbage " * 100)

    run_tasks()

    document.refresh_from_db()
    assert document.text_status == Document.TextStatus.FAILED
    assert document.text_error
    assert Path(document.file.path).is_file()


BAD_DOCUMENTS = {
    "a JPEG named .pdf": ("scan.pdf", gps_jpeg()),
    "a PDF named .docx": ("ruling.docx", pdf(["x"])),
    "an HTML page named .pdf": ("page.pdf", b"<html><script>alert(1)</script></html>"),
    "an empty file": ("empty.pdf", b""),
}


@pytest.mark.parametrize("name, data", BAD_DOCUMENTS.values(), ids=BAD_DOCUMENTS)
def test_a_file_that_is_not_what_it_says_is_refused(name, data):
    with pytest.raises(ValidationError):
        Document(title_kk="Bad").file.save(name, ContentFile(data))

    assert not Document.objects.exists()
    root = Path(settings.MEDIA_ROOT)
    assert not root.exists() or not any(root.rglob("*.*"))


def test_a_document_over_the_size_limit_is_refused(settings):
    settings.DOCUMENT_MAX_BYTES = 1000

    with pytest.raises(ValidationError, match="at most"):
        Document(title_kk="Big").file.save("big.pdf", ContentFile(pdf([RULING * 20])))


def document_form(**overrides) -> dict:
    data = {
        "title_kk": "Аудит есебі",
        "title_ru": "Отчёт аудита",
        "title_en": "",
        "description_kk": "",
        "description_ru": "",
        "description_en": "",
        "document_date": "2024-03-15",
    }
    data.update(overrides)
    return data


def test_editors_see_the_metadata_and_remove_it(editor_client):
    response = editor_client.post(
        reverse("admin:media_document_add"),
        {**document_form(), "file": upload("audit.pdf", pdf([RULING], author="Иван Петров"))},
    )
    assert response.status_code == 302
    document = Document.objects.get()
    run_tasks()
    document.refresh_from_db()
    assert document.metadata["author"] == "Иван Петров"
    change = reverse("admin:media_document_change", args=[document.pk])
    assert "Иван Петров" in editor_client.get(change).content.decode()

    response = editor_client.post(
        change, {**document_form(), "remove_metadata": "on", "file": ""}, follow=True
    )

    assert response.status_code == 200
    document.refresh_from_db()
    assert document.metadata == {}
    reader = PdfReader(io.BytesIO(Path(document.file.path).read_bytes()))
    assert not reader.metadata
    assert reader.xmp_metadata is None
    assert "жымқырғаны" in reader.pages[0].extract_text()
    assert document.text_status == Document.TextStatus.EXTRACTED


def test_a_wrong_type_upload_is_a_field_error_in_the_admin(editor_client):
    response = editor_client.post(
        reverse("admin:media_document_add"),
        {**document_form(), "file": upload("scan.pdf", gps_jpeg(), "application/pdf")},
    )

    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors
    assert not Document.objects.exists()
