"""Receivers that queue the background work an image or document needs.

Queued in the saving transaction (the task queue is a table of the same
database), so the task exists exactly when the committed row does. Rows
loaded from a fixture (``raw``) are left alone: ``manage.py restore_media``
queues their work once their files are back.
"""

from django.db.models.signals import post_save


def image_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    from .tasks import make_renditions

    if not raw and instance.file and not instance.renditions_ready:
        make_renditions.enqueue(instance.pk)


def document_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    from .models import Document
    from .tasks import extract_document_text

    if not raw and instance.file and instance.text_status == Document.TextStatus.PENDING:
        extract_document_text.enqueue(instance.pk)


def connect() -> None:
    from .models import Document, Image

    post_save.connect(image_saved, sender=Image, dispatch_uid="media_image_saved")
    post_save.connect(document_saved, sender=Document, dispatch_uid="media_document_saved")
