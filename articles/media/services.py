"""What editors do to media beyond saving them."""

from django.core.files.base import ContentFile
from django.db import transaction

from . import document_files
from .document_files import MetadataError
from .models import Document

__all__ = ["MetadataError", "remove_metadata"]


def remove_metadata(document: Document) -> None:
    """Rewrites the document's file without its embedded metadata (what can
    and cannot be removed is said in pdfs.py and office.py). The text
    stays; the file is stored anew under a new name."""
    with document.file.open("rb") as stream:
        data = stream.read()
    clean = document_files.without_metadata(data, document.mime_type)
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
        document.metadata = document_files.metadata_of(clean, document.mime_type)
        document.save()
