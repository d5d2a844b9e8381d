"""The kinds of document the library takes, told apart by their content:
PDF (pdfs.py), and Word and Excel files (office.py). One place says what
each kind is called, how its text and metadata are read and removed."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import office, pdfs
from .uploads import _extension, _read, check_size

# MIME type → (the extension its name must end in, what readers see it called)
KINDS = {
    pdfs.MIME_TYPE: ("pdf", "PDF"),
    office.WORD: ("docx", "Word (DOCX)"),
    office.EXCEL: ("xlsx", "Excel (XLSX)"),
}
ACCEPTED_TYPES = ",".join(KINDS)


def kind_of(data: bytes) -> str | None:
    if pdfs.is_pdf(data[: pdfs.SIGNATURE_WITHIN + len(pdfs.SIGNATURE)]):
        return pdfs.MIME_TYPE
    return office.kind_of(data)


def check_document(upload, name: str) -> tuple[bytes, str]:
    """The upload's bytes and MIME type if it is a PDF, DOCX or XLSX file no
    larger than allowed whose name says what it is; a ValidationError
    otherwise. Whether it parses is found out later, by the text extraction,
    which marks it if not."""
    check_size(upload, settings.DOCUMENT_MAX_BYTES)
    data = _read(upload)
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    kind = kind_of(data)
    extension = _extension(name)
    if kind is None:
        raise ValidationError(
            _("Only PDF, Word (DOCX) and Excel (XLSX) documents are accepted."), code="format"
        )
    expected, label = KINDS[kind]
    if extension != expected:
        raise ValidationError(
            _("The file is a %(kind)s document but its name ends in .%(extension)s.")
            % {"kind": label, "extension": extension or "…"},
            code="extension",
        )
    return data, kind


def extension(mime_type: str) -> str:
    return KINDS[mime_type][0]


def label(mime_type: str) -> str:
    return KINDS.get(mime_type, ("", mime_type))[1]


def extract(data: bytes, mime_type: str) -> pdfs.Extracted:
    if mime_type == pdfs.MIME_TYPE:
        return pdfs.extract(data)
    return office.extract(data, mime_type)


class MetadataError(Exception):
    """The document could not be rewritten (it does not parse)."""


def without_metadata(data: bytes, mime_type: str) -> bytes:
    try:
        if mime_type == pdfs.MIME_TYPE:
            return pdfs.without_metadata(data)
        return office.without_metadata(data)
    except (*pdfs.READ_ERRORS, *office.READ_ERRORS) as error:
        raise MetadataError(str(error)) from error


def metadata_of(data: bytes, mime_type: str) -> dict:
    if mime_type == pdfs.MIME_TYPE:
        return pdfs.read_metadata_of(data)
    return office.metadata_of(data)
