"""Word (DOCX) and Excel (XLSX) documents: accepted by their content, their
text found by search, their properties shown and removed, served as
downloads."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from articles.media import office
from articles.media.models import Document
from articles.media.services import remove_metadata
from tests.factories import make_article, make_document
from tests.helpers import url
from tests.media.files import docx, pdf, xlsx
from tests.media.worker import run_tasks

pytestmark = pytest.mark.django_db

DECLARATION = [["Мүлік түрі", "Құны"], ["Пәтер, Астана", "85000000"], ["Көлік", "12000000"]]


def test_a_word_document_is_read_and_its_story_found_through_it(client):
    document = make_document(
        data=docx(["Тергеу қорытындысы.", "Шенеунік пара алғаны үшін ұсталды."]),
        name="Қорытынды.docx",
        title_kk="Тергеу қорытындысы",
    )
    article = make_article(title_kk="Шенеунік ұсталды", body_kk="Қысқаша.")
    article.documents.add(document)

    run_tasks()

    document.refresh_from_db()
    assert document.mime_type == office.WORD and document.file.name.endswith(".docx")
    assert document.text == "Тергеу қорытындысы.\n\nШенеунік пара алғаны үшін ұсталды."
    assert document.metadata["author"] == "Иван Петров"
    assert document.metadata["company"] == "Агенттік"
    page = client.get(url("search", "kk") + "?q=пара").content.decode()
    assert article.get_absolute_url() in page and "Тергеу қорытындысы" in page


def test_an_excel_declaration_is_read_row_by_row():
    document = make_document(data=xlsx(DECLARATION), name="declaration.xlsx")

    run_tasks()

    document.refresh_from_db()
    assert document.mime_type == office.EXCEL
    assert document.text == "Мүлік түрі\tҚұны\nПәтер, Астана\t85000000\nКөлік\t12000000"
    assert document.type_display == "Excel (XLSX)"


def test_removing_the_metadata_empties_the_properties_and_keeps_the_text():
    document = make_document(data=docx(["Мәтін сақталады."]), name="note.docx")
    run_tasks()
    document.refresh_from_db()

    remove_metadata(document)

    document.refresh_from_db()
    data = Path(document.file.path).read_bytes()
    assert document.metadata == {} and office.metadata_of(data) == {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "Иван Петров" not in archive.read("docProps/core.xml").decode()
        assert "Агенттік" not in archive.read("docProps/app.xml").decode()
    assert office.extract(data, office.WORD).text == "Мәтін сақталады."


BAD = {
    "an Excel file named .docx": ("sheet.docx", xlsx(DECLARATION)),
    "a Word file named .pdf": ("note.pdf", docx(["x"])),
    "a PDF named .xlsx": ("table.xlsx", pdf(["x"])),
    "a plain zip named .docx": ("archive.docx", b"PK\x03\x04" + b"\x00" * 100),
}


@pytest.mark.parametrize("name, data", BAD.values(), ids=BAD)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(name, data):
    with pytest.raises(ValidationError):
        Document(title_kk="Bad").file.save(name, ContentFile(data))
    assert not Document.objects.exists()


def test_a_word_file_with_broken_xml_is_kept_and_marked():
    document = make_document(data=docx(["<unclosed & broken"]), name="broken.docx")

    run_tasks()

    document.refresh_from_db()
    assert document.text_status == Document.TextStatus.FAILED and document.text_error


def test_word_and_excel_files_are_served_as_downloads(client):
    document = make_document(data=docx(["x"]), name="note.docx")

    response = client.get(document.file.url)

    assert response["Content-Type"] == office.WORD
    assert response["Content-Disposition"].startswith('attachment; filename="note-')
    assert response["X-Content-Type-Options"] == "nosniff"
