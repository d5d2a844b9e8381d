"""What a page needs to show an image: sources, sizes and texts.

Worked out from the image row alone (renditions.py): no query and no
call to the storage, however many pictures a page has.
"""

from dataclasses import dataclass

from . import renditions

# The width the browser picks for ``src`` when it understands no srcset.
DEFAULT_WIDTH = 960


@dataclass(frozen=True)
class Source:
    mime_type: str
    srcset: str


@dataclass(frozen=True)
class Picture:
    src: str
    width: int
    height: int
    sources: tuple[Source, ...] = ()
    srcset: str = ""


def _srcset(made: list[renditions.Shown]) -> str:
    return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in made)


def picture(image, shape: str = "full") -> Picture:
    """The ``<picture>`` of ``image`` in ``shape`` (renditions.SHAPES): WebP
    first, JPEG or PNG for other browsers. Until the renditions are made,
    the stored original alone, at its own size."""
    if not image.renditions_ready:
        return Picture(src=image.file.url, width=image.width, height=image.height)
    modern = renditions.shown(image, shape, renditions.MODERN_FORMAT)
    fallback = renditions.shown(image, shape, renditions.fallback_format(image))
    default = next((r for r in fallback if r.width >= DEFAULT_WIDTH), fallback[-1])
    largest = fallback[-1]
    return Picture(
        src=default.url,
        width=largest.width,
        height=largest.height,
        sources=(Source(modern[0].mime_type, _srcset(modern)),),
        srcset=_srcset(fallback),
    )


@dataclass(frozen=True)
class SharedImage:
    """The image a link preview (Open Graph, feeds, JSON-LD) shows."""

    url: str
    width: int
    height: int
    mime_type: str
    size: int | None


SHARED_WIDTH = 1280


def shared_image(image) -> SharedImage:
    """A JPEG or PNG about 1,280 pixels wide, which every service reads."""
    if not image.renditions_ready:
        return SharedImage(
            image.file.url, image.width, image.height, image.mime_type, image.file_size
        )
    made = renditions.shown(image, "full", renditions.fallback_format(image))
    chosen = next((r for r in made if r.width >= SHARED_WIDTH), made[-1])
    return SharedImage(chosen.url, chosen.width, chosen.height, chosen.mime_type, None)
