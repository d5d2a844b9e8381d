"""PDF documents: what they are, their text, and their embedded metadata.

pypdf reads them; nothing here renders or runs anything in a file.

What ``without_metadata`` removes: the document information dictionary
(author, creator, producer, title, subject, keywords, creation and
modification dates), the XMP metadata stream of the document, and every
earlier revision kept by incremental saves (the file is written anew).
What it cannot remove: metadata inside embedded images or fonts (an
embedded photo's EXIF), XMP streams attached to single pages or images,
names in annotations, comments or form fields, and anything the visible
text itself says.
"""

import io
import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError, PyPdfError

MIME_TYPE = "application/pdf"
SIGNATURE = b"%PDF-"
# The signature may follow a little junk (the PDF standard allows 1 KiB).
SIGNATURE_WITHIN = 1024
# Only this much of a document's text is kept for search (characters).
MAX_TEXT = 500_000
METADATA_FIELDS = {
    "/Author": "author",
    "/Creator": "creator",
    "/Producer": "producer",
    "/Title": "title",
    "/Subject": "subject",
    "/Keywords": "keywords",
    "/CreationDate": "created",
    "/ModDate": "modified",
}

logging.getLogger("pypdf").setLevel(logging.ERROR)
# What a damaged or hostile PDF makes pypdf raise.
READ_ERRORS = (
    PdfReadError,
    PyPdfError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    OSError,
    RecursionError,
    AssertionError,
)


def is_pdf(head: bytes) -> bool:
    return SIGNATURE in head[: SIGNATURE_WITHIN + len(SIGNATURE)]


@dataclass
class Extracted:
    text: str = ""
    pages: int | None = None
    metadata: dict = field(default_factory=dict)
    error: str = ""


def _plain(value) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value).strip()


def read_metadata(reader: PdfReader) -> dict:
    found = {}
    info = reader.metadata or {}
    for key, name in METADATA_FIELDS.items():
        value = info.get(key)
        if value:
            found[name] = _plain(value)
    try:
        if reader.xmp_metadata is not None:
            found["xmp"] = _("XMP metadata stream present")
    except (PyPdfError, ValueError, KeyError, AttributeError):
        pass
    return found


def extract(data: bytes) -> Extracted:
    """The text and metadata of a PDF; ``error`` says why when it cannot be read."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except (PyPdfError, NotImplementedError):
                return Extracted(error=_("The document is encrypted."))
        pages = []
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            if sum(map(len, pages)) > MAX_TEXT:
                break
        text = "\n\n".join(pages).replace("\x00", "")[:MAX_TEXT].strip()
        return Extracted(text=text, pages=len(reader.pages), metadata=read_metadata(reader))
    except READ_ERRORS as error:
        return Extracted(error=_("The PDF could not be read: %(error)s") % {"error": error})


def without_metadata(data: bytes) -> bytes:
    """The PDF rewritten without its document metadata (see the module docstring)."""
    reader = PdfReader(io.BytesIO(data), strict=False)
    writer = PdfWriter(clone_from=reader)
    writer.metadata = None
    root = writer._root_object
    if "/Metadata" in root:
        del root["/Metadata"]
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def read_metadata_of(data: bytes) -> dict:
    try:
        return read_metadata(PdfReader(io.BytesIO(data), strict=False))
    except READ_ERRORS:
        return {}
