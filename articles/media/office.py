"""Word (DOCX) and Excel (XLSX) documents: what they are, their text, and
their embedded metadata. Read as the zip archives of XML they are, with
Python's own zipfile and ElementTree: nothing in a file is run, and an
archive that would unpack to more than ``MAX_UNPACKED`` is not read.

What ``without_metadata`` removes: the core properties (author, last
modified by, title, subject, keywords, description, created and modified
dates, revision) and the extended properties (application, company,
manager, template, editing time). What it cannot remove: the names of
authors of comments and tracked changes inside the text, names in
headers, footers or cell notes, metadata of embedded images, and what the
text itself says.
"""

import io
import zipfile
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from .pdfs import Extracted

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The part each kind must have, and the extension its name must end in.
KINDS = {WORD: ("word/document.xml", "docx"), EXCEL: ("xl/workbook.xml", "xlsx")}
MAX_UNPACKED = 200 * 1024 * 1024
MAX_TEXT = 500_000

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
CORE_PART, APP_PART = "docProps/core.xml", "docProps/app.xml"
CORE_FIELDS = {
    "{http://purl.org/dc/elements/1.1/}creator": "author",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy": (
        "last modified by"
    ),
    "{http://purl.org/dc/elements/1.1/}title": "title",
    "{http://purl.org/dc/elements/1.1/}subject": "subject",
    "{http://purl.org/dc/elements/1.1/}description": "description",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords": "keywords",
    "{http://purl.org/dc/terms/}created": "created",
    "{http://purl.org/dc/terms/}modified": "modified",
}
APP_FIELDS = {"Application": "application", "Company": "company", "Manager": "manager"}
APP_NAMESPACE = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
EMPTY_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
    b'metadata/core-properties"/>'
)
EMPTY_APP = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties"/>'
)
READ_ERRORS = (
    zipfile.BadZipFile,
    ElementTree.ParseError,
    KeyError,
    ValueError,
    OSError,
    EOFError,
    NotImplementedError,
)


class TooLarge(ValueError):
    pass


def kind_of(data: bytes) -> str | None:
    """WORD or EXCEL when ``data`` is such an archive, else None."""
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except READ_ERRORS:
        return None
    for mime_type, (part, _extension) in KINDS.items():
        if part in names and "[Content_Types].xml" in names:
            return mime_type
    return None


def _part(archive: zipfile.ZipFile, name: str, budget: list[int]) -> bytes:
    info = archive.getinfo(name)
    budget[0] -= info.file_size
    if budget[0] < 0:
        raise TooLarge("the archive unpacks to more than 200 MB")
    return archive.read(info)


def _word_text(archive, budget) -> str:
    root = ElementTree.fromstring(_part(archive, "word/document.xml", budget))
    paragraphs = []
    for paragraph in root.iter(f"{W}p"):
        pieces = []
        for node in paragraph.iter():
            if node.tag == f"{W}t" and node.text:
                pieces.append(node.text)
            elif node.tag in (f"{W}tab",):
                pieces.append("\t")
            elif node.tag in (f"{W}br", f"{W}cr"):
                pieces.append("\n")
        paragraphs.append("".join(pieces))
    return "\n\n".join(p for p in paragraphs if p.strip())


def _excel_text(archive, budget) -> str:
    names = archive.namelist()
    shared = []
    if "xl/sharedStrings.xml" in names:
        root = ElementTree.fromstring(_part(archive, "xl/sharedStrings.xml", budget))
        shared = ["".join(t.text or "" for t in item.iter(f"{S}t")) for item in root.iter(f"{S}si")]
    rows = []
    sheets = sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    for sheet in sheets:
        root = ElementTree.fromstring(_part(archive, sheet, budget))
        for row in root.iter(f"{S}row"):
            cells = []
            for cell in row.iter(f"{S}c"):
                value = cell.find(f"{S}v")
                if cell.get("t") == "s" and value is not None and value.text:
                    index = int(value.text)
                    cells.append(shared[index] if index < len(shared) else "")
                elif cell.get("t") == "inlineStr":
                    cells.append("".join(t.text or "" for t in cell.iter(f"{S}t")))
                elif value is not None and value.text:
                    cells.append(value.text)
            if any(cells):
                rows.append("\t".join(cells))
    return "\n".join(rows)


def read_metadata(archive: zipfile.ZipFile, budget: list[int]) -> dict:
    found = {}
    names = archive.namelist()
    if CORE_PART in names:
        for node in ElementTree.fromstring(_part(archive, CORE_PART, budget)):
            if node.tag in CORE_FIELDS and (node.text or "").strip():
                found[CORE_FIELDS[node.tag]] = node.text.strip()
    if APP_PART in names:
        for node in ElementTree.fromstring(_part(archive, APP_PART, budget)):
            name = node.tag.removeprefix(APP_NAMESPACE)
            if name in APP_FIELDS and (node.text or "").strip():
                found[APP_FIELDS[name]] = node.text.strip()
    return found


def extract(data: bytes, mime_type: str) -> Extracted:
    budget = [MAX_UNPACKED]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            read_text = _word_text if mime_type == WORD else _excel_text
            text = read_text(archive, budget)
            metadata = read_metadata(archive, budget)
    except READ_ERRORS as error:
        return Extracted(error=_("The document could not be read: %(error)s") % {"error": error})
    return Extracted(text=text.replace("\x00", "")[:MAX_TEXT].strip(), metadata=metadata)


def metadata_of(data: bytes) -> dict:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return read_metadata(archive, [MAX_UNPACKED])
    except READ_ERRORS:
        return {}


def without_metadata(data: bytes) -> bytes:
    """The archive written anew with empty core and extended properties."""
    budget = [MAX_UNPACKED]
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename == CORE_PART:
                content = EMPTY_CORE
            elif info.filename == APP_PART:
                content = EMPTY_APP
            else:
                content = _part(source, info.filename, budget)
            target.writestr(info.filename, content)
    return output.getvalue()
