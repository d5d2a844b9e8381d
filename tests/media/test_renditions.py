"""Renditions: made by the background worker, at the sizes the pages say,
in WebP and JPEG or PNG, with no metadata, and made again when the crop's
focal point moves."""

from pathlib import Path

import pytest
from django.conf import settings

from articles.media import renditions
from articles.media.models import Image
from articles.media.pictures import picture
from tests.factories import make_image
from tests.media.files import gps_jpeg, image_of, metadata_of, png_with_text
from tests.media.worker import run_tasks

pytestmark = pytest.mark.django_db


def rendition_files() -> list[Path]:
    return sorted((Path(settings.MEDIA_ROOT) / "renditions").rglob("*.*"))


def test_the_worker_makes_every_rendition_once_and_pages_then_offer_them():
    image = make_image(data=gps_jpeg(2400, 1600, orientation=1))
    assert picture(image).srcset == ""  # the original alone, until they are made
    assert rendition_files() == []

    printed = run_tasks()

    image.refresh_from_db()
    assert image.renditions_ready
    made = renditions.all_renditions(image)
    assert len(rendition_files()) == len(made)
    assert "Ran 1 task(s)" in printed and "1 succeeded, 0 failed" in printed
    for rendition in made:
        stored = image_of(Path(rendition.file.path).read_bytes())
        assert stored.size == (rendition.width, rendition.height)
        assert stored.format == rendition.format
        assert metadata_of(stored) == {}
    shown = picture(image)
    assert shown.sources[0].mime_type == "image/webp"
    assert [w.split()[-1] for w in shown.srcset.split(", ")] == [
        "320w",
        "640w",
        "960w",
        "1280w",
        "1920w",
    ]
    assert (shown.width, shown.height) == (1920, 1280)

    assert "Ran 0 task(s)" in run_tasks()


def test_a_narrow_image_is_never_enlarged():
    image = make_image(data=gps_jpeg(500, 400, orientation=1))
    run_tasks()
    image.refresh_from_db()

    assert renditions.widths(image, "full") == [320, 500]
    assert renditions.widths(image, "card") == [320, 500]
    assert renditions.widths(image, "square") == [160, 320, 400]


def test_a_png_keeps_a_png_fallback():
    image = make_image(data=png_with_text(), name="chart.png")
    run_tasks()
    image.refresh_from_db()

    formats = {rendition.format for rendition in renditions.all_renditions(image)}
    assert formats == {"WEBP", "PNG"}
    assert picture(image).src.endswith(".png")


def test_moving_the_focal_point_makes_new_crops():
    image = make_image(data=gps_jpeg(1600, 900, orientation=1))
    run_tasks()
    image.refresh_from_db()
    before = {r.file.name for r in renditions.renditions(image, "square", "JPEG")}

    image.focal_x = 10
    image.save()

    assert not Image.objects.get(pk=image.pk).renditions_ready
    run_tasks()
    image.refresh_from_db()
    after = {r.file.name for r in renditions.renditions(image, "square", "JPEG")}
    assert image.renditions_ready and before.isdisjoint(after)
    assert all(Path(settings.MEDIA_ROOT, name).is_file() for name in after)


def test_a_failed_rendition_is_retried_and_then_shown_with_its_error(settings, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    settings.TASK_ATTEMPTS = 2
    settings.TASK_RETRY_SECONDS = 0
    image = make_image()

    def broken(image, *, force=False):
        raise OSError("the storage is full")

    monkeypatch.setattr(renditions, "generate", broken)
    run_tasks()

    image.refresh_from_db()
    assert not image.renditions_ready
    assert image.processing_error == "OSError: the storage is full"
    results = DBTaskResult.objects.filter(task_path__endswith="make_renditions")
    # The first attempt and its retry both failed; no third was queued.
    assert [result.status for result in results] == ["FAILED", "FAILED"]
    assert all("the storage is full" in result.traceback for result in results)


def test_pages_show_the_very_files_the_worker_made():
    image = make_image(data=gps_jpeg(1600, 1000, orientation=1), focal_x=20)
    run_tasks()
    image.refresh_from_db()

    for shape in renditions.SHAPES:
        for format in ("WEBP", "JPEG"):
            made = renditions.renditions(image, shape, format)
            shown = renditions.shown(image, shape, format)
            assert [(r.width, r.height, r.file.url) for r in made] == [
                (s.width, s.height, s.url) for s in shown
            ]
            assert all(Path(r.file.path).is_file() for r in made)
