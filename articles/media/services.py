"""What editors do to media beyond saving them."""

from django.core.files.base import ContentFile
from django.db import transaction

from . import pdfs
from .models import Document


class MetadataError(Exception):
    """The document could not be rewritten (it does not parse as a PDF)."""


def remove_metadata(document: Document) -> None:
    """Rewrites the document's file without its embedded metadata (what
    pdfs.without_metadata can and cannot remove is said there). The text
    stays; the file is stored anew under a new name."""
    with document.file.open("rb") as stream:
        data = stream.read()
    try:
        clean = pdfs.without_metadata(data)
    except pdfs.READ_ERRORS as error:
        raise MetadataError(str(error)) from error
    name = document.file.name.rsplit("/", 1)[-1]
    with transaction.atomic():
        # Saving the new file resets what was read from the old one.
        text, language, status, pages = (
            document.text,
            document.text_language,
            document.text_status,
            document.page_count,
        )
        document.file.save(name, ContentFile(clean, name=name), save=False)
        document.text, document.text_language, document.text_status = text, language, status
        document.page_count = pages
        document.metadata = pdfs.read_metadata_of(clean)
        document.save()
