"""What an uploaded image becomes when stored, on every path that stores
one, and the uploads that are refused with a reason, storing nothing."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from articles.media.models import Image
from tests.factories import make_image
from tests.media.files import (
    SVG,
    animated_gif,
    animated_webp,
    bomb_png,
    encoded,
    gps_jpeg,
    image_of,
    metadata_of,
    photo,
    png_with_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages matched below are the English ones."""
    from django.utils import translation

    with translation.override("en"):
        yield


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_the_stored_original_has_no_gps_or_camera_data_and_stands_upright():
    image = make_image(data=gps_jpeg(1200, 800, orientation=6), name="IMG_0001.JPG")

    stored = image_of(Path(image.file.path).read_bytes())
    assert metadata_of(image_of(gps_jpeg())), "the test photo must carry metadata"
    assert metadata_of(stored) == {}
    # Orientation 6: turned a quarter, so the stored picture is portrait.
    assert stored.size == (800, 1200) == (image.width, image.height)
    assert re.fullmatch(r"images/\d{4}/\d{2}/img-0001-[a-z0-9]{10}\.jpg", image.file.name)
    assert image.mime_type == "image/jpeg"
    assert image.file_size == Path(image.file.path).stat().st_size


def test_a_png_loses_its_text_chunks_and_exif_but_keeps_its_transparency():
    image = make_image(data=png_with_text(), name="chart.png")

    stored = image_of(Path(image.file.path).read_bytes())
    assert metadata_of(stored) == {}
    assert stored.mode == "RGBA"


def test_an_image_saved_in_the_shell_is_cleaned_like_an_upload():
    image = Image(title="From the shell")
    image.file.save("shell.jpg", ContentFile(gps_jpeg()))

    assert metadata_of(image_of(Path(image.file.path).read_bytes())) == {}
    assert Image.objects.get(pk=image.pk).width == 800


BAD_IMAGES = {
    "a text file renamed .jpg": ("notes.jpg", b"Minutes of the meeting, not a photo."),
    "a truncated JPEG": ("cut.jpg", gps_jpeg()[:4000]),
    "an SVG": ("logo.svg", SVG),
    "an SVG renamed .png": ("logo.png", SVG),
    "an animated GIF": ("moving.gif", animated_gif()),
    "an animated WebP": ("moving.webp", animated_webp()),
    "a PNG named .jpg": ("photo.jpg", encoded(photo(40, 30), "PNG")),
    "a BMP": ("scan.bmp", encoded(photo(40, 30), "BMP")),
    "an empty file": ("empty.jpg", b""),
}


@pytest.mark.parametrize("name, data", BAD_IMAGES.values(), ids=BAD_IMAGES)
def test_a_bad_file_is_refused_with_a_reason_and_nothing_is_stored(name, data):
    image = Image(title="Bad")

    with pytest.raises(ValidationError) as refused:
        image.file.save(name, ContentFile(data))

    assert refused.value.messages[0]
    assert stored_files() == []
    assert not Image.objects.exists()


def test_a_decompression_bomb_is_refused_by_its_pixel_count():
    data = bomb_png(8000, 6000)
    assert len(data) < 200_000  # small on disk, 48 megapixels decoded

    with pytest.raises(ValidationError, match="48.0 megapixels"):
        Image(title="Bomb").file.save("bomb.png", ContentFile(data))
    assert stored_files() == []


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.IMAGE_MAX_BYTES = 10_000
    data = gps_jpeg()
    assert len(data) > 10_000

    with pytest.raises(ValidationError, match="at most"):
        Image(title="Big").file.save("big.jpg", ContentFile(data))
    assert stored_files() == []


def test_the_refusals_say_why_in_the_editors_language():
    from django.utils import translation

    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        Image(title="SVG").file.save("logo.svg", ContentFile(SVG))

    assert "SVG" in refused.value.messages[0]
    assert "скрипт" in refused.value.messages[0]


def test_a_cameras_multi_picture_jpeg_is_kept_as_its_first_picture():
    from PIL import Image as Picture

    first, second = (
        Picture.new("RGB", (60, 40), (200, 0, 0)),
        Picture.new("RGB", (60, 40), (0, 200, 0)),
    )
    data = encoded(first, "MPO", save_all=True, append_images=[second])
    assert image_of(data).format == "MPO"

    image = make_image(data=data, name="DSCF0001.JPG")

    stored = image_of(Path(image.file.path).read_bytes())
    assert stored.format == "JPEG" and getattr(stored, "n_frames", 1) == 1
    assert stored.getpixel((1, 1))[0] > 150  # the first picture's red
