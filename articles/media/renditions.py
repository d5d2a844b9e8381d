"""Renditions: the sizes and formats in which readers get an image.

Made with django-imagekit's specs (pilkit processors on Pillow) by the
background task (tasks.py), from the stored original, which carries no
metadata; Pillow writes none into a rendition either. Their names are
hashes of the source's name and the spec (imagekit's namer), so a page
works out every URL, width and height from the image row alone: no query,
no call to the storage. A page offers them only once ``Image.renditions_ready``
says they were made.

Shapes: ``full`` keeps the proportions (the story's own pictures); ``card``
(16:9) and ``square`` (portraits, logos) are cropped around the image's
focal point, the centre by default.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.core.files.storage import default_storage
from imagekit import ImageSpec
from imagekit.cachefiles import ImageCacheFile
from pilkit.processors import ResizeToFill, ResizeToFit

# The widths of each shape, in CSS pixels times the usual screen densities.
SHAPES = {
    "full": (None, (320, 640, 960, 1280, 1920)),
    "card": ((16, 9), (320, 640, 960)),
    "square": ((1, 1), (160, 320, 640)),
}
MODERN_FORMAT = "WEBP"
QUALITY = {"WEBP": 80, "JPEG": 82, "PNG": None}
MIME_TYPES = {"WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png"}
EXTENSIONS = {"WEBP": "webp", "JPEG": "jpg", "PNG": "png"}


class DecodeSmaller:
    """Lets Pillow decode a JPEG at 1/2, 1/4 or 1/8 of its size when the
    rendition is that much smaller (twice the target is kept, for a sharp
    resize): a 6000-pixel photo need not be decoded whole for a 640-pixel
    rendition. Must come first, before anything reads the pixels."""

    def __init__(self, width: int, height: int):
        self.width = width
        self.height = height

    def process(self, image):
        if image.format == "JPEG":
            image.draft("RGB", (self.width * 2, self.height * 2))
        return image


class RenditionSpec(ImageSpec):
    """One rendition of a source: resized (and cropped) then encoded."""

    def __init__(self, source, *, processors: list, format: str):
        self.processors = processors
        self.format = format
        quality = QUALITY[format]
        self.options = {"quality": quality} if quality else {"optimize": True}
        if format == "JPEG":
            self.options["progressive"] = True
        super().__init__(source=source)


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    format: str
    file: ImageCacheFile

    @property
    def url(self) -> str:
        return self.file.url

    @property
    def mime_type(self) -> str:
        return MIME_TYPES[self.format]


def fallback_format(image) -> str:
    """The format for browsers without WebP: PNG keeps a PNG's transparency."""
    return "PNG" if image.mime_type == "image/png" else "JPEG"


def _size(image, shape: str, width: int) -> tuple[int, int, list]:
    ratio, _widths = SHAPES[shape]
    if ratio is None:
        scale = width / image.width
        size = (int(round(image.width * scale)), int(round(image.height * scale)))
        return (*size, [DecodeSmaller(*size), ResizeToFit(width=width, upscale=False)])
    height = int(round(width * ratio[1] / ratio[0]))
    processors = [
        DecodeSmaller(width, height),
        ResizeToFill(width, height, anchor=image.focal_anchor),
    ]
    return width, height, processors


def widths(image, shape: str) -> list[int]:
    """The shape's widths that the original can fill, and the original's own
    width when it is narrower than the widest: never enlarged."""
    ratio, wanted = SHAPES[shape]
    if ratio is None:
        largest = image.width
    else:
        largest = min(image.width, int(image.height * ratio[0] / ratio[1]))
    chosen = [width for width in wanted if width <= largest]
    if largest < wanted[-1] and largest not in chosen:
        chosen.append(largest)
    return chosen or [largest]


def renditions(image, shape: str, format: str) -> list[Rendition]:
    """Every rendition of ``image`` in ``shape`` and ``format``, narrowest first."""
    made = []
    for width in widths(image, shape):
        out_width, out_height, processors = _size(image, shape, width)
        spec = RenditionSpec(image.file, processors=processors, format=format)
        made.append(Rendition(out_width, out_height, format, ImageCacheFile(spec)))
    return made


@dataclass(frozen=True)
class Shown:
    """A rendition as a page shows it: its size and its URL."""

    width: int
    height: int
    format: str
    url: str

    @property
    def mime_type(self) -> str:
        return MIME_TYPES[self.format]


@lru_cache(maxsize=8192)
def _names(key: tuple, shape: str, format: str) -> tuple[tuple[int, int, str], ...]:
    file_name, width, height, focal_x, focal_y, mime_type = key
    image = _ImageFacts(file_name, width, height, focal_x, focal_y, mime_type)
    return tuple((r.width, r.height, r.file.name) for r in renditions(image, shape, format))


@dataclass(frozen=True)
class _ImageFacts:
    """What a rendition's name depends on: the image row's columns."""

    name: str
    width: int
    height: int
    focal_x: int | None
    focal_y: int | None
    mime_type: str

    @property
    def file(self):
        return _NamedSource(self.name)

    @property
    def focal_anchor(self) -> tuple[float, float]:
        x = 50 if self.focal_x is None else self.focal_x
        y = 50 if self.focal_y is None else self.focal_y
        return (x / 100, y / 100)


@dataclass(frozen=True)
class _NamedSource:
    """A stand-in for the image's file: a spec's name needs only its name."""

    name: str

    def __bool__(self) -> bool:
        return bool(self.name)


def shown(image, shape: str, format: str) -> list[Shown]:
    """The renditions of ``image`` as pages show them. Working out a
    rendition's name hashes its recipe (a pickle and an MD5, a fraction of a
    millisecond); a story with ten pictures needs a hundred names, so each
    process keeps the names it worked out, by the columns they depend on."""
    key = (
        image.file.name,
        image.width,
        image.height,
        image.focal_x,
        image.focal_y,
        image.mime_type,
    )
    return [
        Shown(width, height, format, default_storage.url(name))
        for width, height, name in _names(key, shape, format)
    ]


def all_renditions(image) -> list[Rendition]:
    return [
        rendition
        for shape in SHAPES
        for format in (MODERN_FORMAT, fallback_format(image))
        for rendition in renditions(image, shape, format)
    ]


def generate(image, *, force: bool = False) -> int:
    """Writes every rendition of ``image`` that the storage lacks (all with
    ``force``); returns how many there are."""
    made = all_renditions(image)
    for rendition in made:
        rendition.file.generate(force=force)
    return len(made)


def delete(image) -> None:
    for rendition in all_renditions(image):
        rendition.file.storage.delete(rendition.file.name)
