"""Background tasks of the media app, run by ``manage.py run_worker``.

Each task is queued by the save that makes it necessary (signals.py), in
the same transaction, so a worker sees the task exactly when it sees the
row. A task that fails is queued again, later each time, up to
``TASK_ATTEMPTS`` attempts in all; every failed attempt stays in the admin
(Tasks → Database task results) with its traceback, and the image or
document shows the last error itself.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from articles.caching import versions
from articles.language_detection import detect_language

from . import document_files, renditions
from .models import Document, Image

logger = logging.getLogger(__name__)


def _retry_later(queued_task, object_id: int, attempt: int, error: BaseException) -> bool:
    """Queue the next attempt, if any is left; says whether one was queued."""
    if attempt >= settings.TASK_ATTEMPTS:
        return False
    delay = timedelta(seconds=settings.TASK_RETRY_SECONDS * 2 ** (attempt - 1))
    queued_task.using(run_after=timezone.now() + delay).enqueue(object_id, attempt=attempt + 1)
    logger.warning(
        "%s(%s) failed (attempt %s of %s), retrying in %s s: %s",
        queued_task.name,
        object_id,
        attempt,
        settings.TASK_ATTEMPTS,
        int(delay.total_seconds()),
        error,
    )
    return True


@task()
def make_renditions(image_id: int, attempt: int = 1) -> str:
    """Every rendition of one image; then pages offer them."""
    image = Image.objects.filter(pk=image_id).first()
    if image is None or not image.file:
        return "gone"
    try:
        # Forced: the task runs only when the files are wanted, and the
        # storage may lack files that imagekit's shared cache says exist
        # (a restore into new storage, with the same Redis).
        count = renditions.generate(image, force=True)
    except Exception as error:
        Image.objects.filter(pk=image_id).update(
            processing_error=f"{type(error).__name__}: {error}"
        )
        _retry_later(make_renditions, image_id, attempt, error)
        raise
    with transaction.atomic():
        # Only if the file is still the one these renditions were made from.
        changed = Image.objects.filter(pk=image_id, file=image.file.name).update(
            renditions_ready=True, processing_error=""
        )
        if changed:
            versions.bump()
    return f"{count} renditions"


@task()
def extract_document_text(document_id: int, attempt: int = 1) -> str:
    """A document's text and metadata; then its stories are indexed again."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None or not document.file:
        return "gone"
    try:
        with document.file.open("rb") as stream:
            data = stream.read()
    except Exception as error:
        Document.objects.filter(pk=document_id).update(
            text_error=f"{type(error).__name__}: {error}"
        )
        _retry_later(extract_document_text, document_id, attempt, error)
        raise
    found = document_files.extract(data, document.mime_type)
    if found.error:
        status = Document.TextStatus.FAILED
    elif found.text:
        status = Document.TextStatus.EXTRACTED
    else:
        status = Document.TextStatus.EMPTY
    language = (detect_language(found.text) or "") if found.text else ""
    with transaction.atomic():
        changed = Document.objects.filter(pk=document_id, file=document.file.name).update(
            text=found.text,
            text_language=language,
            text_status=status,
            text_error=found.error,
            metadata=found.metadata,
            page_count=found.pages,
        )
        if changed:
            reindex_documents_articles(document_id)
    return f"{status}: {len(found.text):,} characters, {found.pages or 0} pages"


def reindex_documents_articles(document_id: int) -> None:
    from articles.search.indexing import index_articles

    article_ids = list(Document.objects.filter(pk=document_id).values_list("articles", flat=True))
    article_ids = [pk for pk in article_ids if pk is not None]
    if article_ids:
        index_articles(article_ids)
    versions.bump()
