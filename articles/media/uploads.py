"""What an uploaded image must be, and the copy of it that is kept.

Every path that stores an image (the admin, a command, the shell) goes
through ``SanitizedFileField`` (fields.py), which keeps only what
``sanitize_image`` returns: the pixels, turned the way the camera's
orientation tag said, re-encoded with no EXIF, GPS, XMP, IPTC or comment
block. A photo's location never reaches a reader, nor the storage.
"""

import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow's format name → the file extensions it may carry, the first is ours.
FORMATS = {
    "JPEG": ("jpg", "jpeg"),
    "PNG": ("png",),
    "WEBP": ("webp",),
}
MIME_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
ACCEPTED_TYPES = ",".join(MIME_TYPES.values())
JPEG_QUALITY = 90


@dataclass(frozen=True)
class CleanImage:
    """The stored copy of an upload: its bytes and what they are."""

    content: bytes
    format: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return FORMATS[self.format][0]

    @property
    def mime_type(self) -> str:
        return MIME_TYPES[self.format]


def _extension(name: str) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<svg", b"<?xml", b"<!doctype svg")) or b"<svg" in text[:1024]


def check_size(upload, limit: int) -> None:
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("The file is %(size)s; files may be at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )


def _read(upload) -> bytes:
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read()
    if hasattr(upload, "seek"):
        upload.seek(0)
    return data


def sanitize_image(upload, name: str | None = None) -> CleanImage:
    """The upload's pixels without metadata, or a ValidationError saying
    what is wrong with it. ``name`` is the uploaded file's name."""
    name = name if name is not None else getattr(upload, "name", "") or ""
    check_size(upload, settings.IMAGE_MAX_BYTES)
    data = _read(upload)
    extension = _extension(name)
    if extension == "svg" or _looks_like_svg(data[:2048]):
        raise ValidationError(
            _("SVG images are not accepted: they can carry scripts. Upload a PNG or JPEG."),
            code="svg",
        )
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its limit; ours is checked below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        raise ValidationError(
            _("The file is not an image in a format we accept (JPEG, PNG or WebP)."),
            code="not_an_image",
        ) from None
    with image:
        return _clean(image, extension)


def _clean(image: Image.Image, extension: str) -> CleanImage:
    # A camera's multi-picture JPEG (MPO: a preview or a second lens beside
    # the photo) is not an animation: its first picture is the photo.
    multi_picture = image.format == "MPO"
    kind = "JPEG" if multi_picture else image.format
    if kind not in FORMATS:
        raise ValidationError(
            _("%(format)s images are not accepted; upload a JPEG, PNG or WebP.")
            % {"format": kind or "?"},
            code="format",
        )
    if extension and extension not in FORMATS[kind]:
        raise ValidationError(
            _("The file is a %(format)s image but its name ends in .%(extension)s.")
            % {"format": kind, "extension": extension},
            code="extension",
        )
    width, height = image.size
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise ValidationError(
            _(
                "The image is %(width)s × %(height)s pixels (%(megapixels)s megapixels); "
                "images may have at most %(limit)s megapixels."
            )
            % {
                "width": width,
                "height": height,
                "megapixels": round(width * height / 1e6, 1),
                "limit": round(settings.IMAGE_MAX_PIXELS / 1e6),
            },
            code="too_many_pixels",
        )
    if not multi_picture and getattr(image, "n_frames", 1) > 1:
        raise ValidationError(
            _("Animated images are not accepted; upload a still image."), code="animated"
        )
    try:
        image.load()
        # In place: a 24-megapixel photo is 72 MB decoded, and a copy per step
        # would make a worker's memory several times that.
        ImageOps.exif_transpose(image, in_place=True)
    except (OSError, ValueError, SyntaxError):
        raise ValidationError(
            _("The image is damaged or incomplete; upload it again."), code="truncated"
        ) from None
    return _encode(image, kind)


def _encode(image: Image.Image, kind: str) -> CleanImage:
    """A new file holding only the pixels (and the colour profile, which
    carries no personal data and keeps the colours right)."""
    icc_profile = image.info.get("icc_profile")
    if kind == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if kind == "PNG" and image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image = image.convert("RGBA")
    # No info dictionary: nothing read from the file is written back.
    pixels = image
    pixels.info = {}
    options: dict = {"exif": b"", "xmp": b""} if kind in ("JPEG", "WEBP") else {}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if kind == "JPEG":
        # Baseline, not progressive: each rendition decodes the original,
        # and a baseline JPEG decodes three times faster (and can be
        # decoded at 1/2, 1/4 or 1/8 of its size: renditions.DecodeSmaller).
        options.update(quality=JPEG_QUALITY, optimize=True)
    elif kind == "PNG":
        options.update(optimize=True)
    else:
        options.update(quality=JPEG_QUALITY, method=4)
    buffer = io.BytesIO()
    pixels.save(buffer, kind, **options)
    return CleanImage(buffer.getvalue(), kind, *pixels.size)
