"""Documents: court rulings, audit reports, declarations, attached to
stories and to people, organizations and initiatives."""

from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import document_files
from .fields import SanitizedFileField
from .naming import clean_stem, document_path


def clean_document_upload(upload, name: str) -> tuple[bytes, str, dict]:
    data, mime_type = document_files.check_document(upload, name)
    facts = {
        "file_size": len(data),
        "mime_type": mime_type,
        # A new file: its text and metadata are read again.
        "text": "",
        "text_status": Document.TextStatus.PENDING,
        "text_error": "",
        "metadata": {},
        "page_count": None,
    }
    extension = document_files.extension(mime_type)
    return data, f"{clean_stem(name, 'document')}.{extension}", facts


class Document(models.Model):
    class TextStatus(models.TextChoices):
        PENDING = "pending", _("waiting to be read")
        EXTRACTED = "extracted", _("text extracted")
        EMPTY = "empty", _("no text (a scan?)")
        FAILED = "failed", _("text not extracted")

    file = SanitizedFileField(
        _("file"),
        upload_to=document_path,
        cleaner=clean_document_upload,
        accept=document_files.ACCEPTED_TYPES,
        help_text=_("A PDF, Word (DOCX) or Excel (XLSX) document."),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    document_date = models.DateField(
        _("date of the document"),
        null=True,
        blank=True,
        help_text=_("When it was signed, issued or published."),
    )
    file_size = models.PositiveBigIntegerField(_("file size"), default=0, editable=False)
    mime_type = models.CharField(_("type"), max_length=80, blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True, editable=False)
    text = models.TextField(_("text"), blank=True, editable=False)
    text_language = models.CharField(
        _("language of the text"), max_length=2, blank=True, editable=False
    )
    text_status = models.CharField(
        _("text"),
        max_length=10,
        choices=TextStatus.choices,
        default=TextStatus.PENDING,
        editable=False,
    )
    text_error = models.TextField(_("why the text was not extracted"), blank=True, editable=False)
    metadata = models.JSONField(_("embedded metadata"), default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-document_date", "-created_at", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    @property
    def size_display(self) -> str:
        return filesizeformat(self.file_size)

    @property
    def type_display(self) -> str:
        return document_files.label(self.mime_type)
