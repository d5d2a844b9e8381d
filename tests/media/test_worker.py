"""The worker command: what it says it did, and failures staff can see."""

import pytest
from django.urls import reverse

from articles.media import renditions
from tests.factories import make_document, make_image
from tests.media.worker import run_tasks

pytestmark = pytest.mark.django_db


def test_the_worker_reports_each_task_and_a_summary():
    make_image()
    make_document()

    printed = run_tasks()

    assert "make_renditions(" in printed and "renditions" in printed
    assert "extract_document_text(" in printed
    assert "Ran 2 task(s)" in printed and "2 succeeded, 0 failed" in printed


def test_staff_see_a_failed_task_with_its_error(editor_client, settings, monkeypatch):
    settings.TASK_ATTEMPTS = 1

    def broken(image, *, force=False):
        raise OSError("disk quota exceeded")

    monkeypatch.setattr(renditions, "generate", broken)
    image = make_image()
    printed = run_tasks()

    assert "0 succeeded, 1 failed" in printed
    changelist = editor_client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))
    assert changelist.status_code == 200
    result = changelist.context["cl"].result_list[0]
    detail = editor_client.get(
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[result.pk])
    )
    assert "disk quota exceeded" in detail.content.decode()
    image_page = editor_client.get(reverse("admin:media_image_change", args=[image.pk]))
    assert "disk quota exceeded" in image_page.content.decode()
