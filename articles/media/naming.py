"""Names under which uploads are stored: Latin, dated, never the uploader's path."""

from pathlib import PurePath

from django.utils import timezone

from articles.transliteration import slugify_title

STEM_LENGTH = 60


def clean_stem(name: str, fallback: str) -> str:
    """A Latin file-name stem from an uploaded name ("Сот шешімі.pdf" → "sot-sheshimi")."""
    stem = PurePath(name or "").stem
    return slugify_title(stem, "kk", max_length=STEM_LENGTH) or fallback


def dated_path(folder: str, filename: str) -> str:
    return f"{folder}/{timezone.localdate():%Y/%m}/{filename}"


def image_path(instance, filename: str) -> str:
    return dated_path("images", filename)


def document_path(instance, filename: str) -> str:
    return dated_path("documents", filename)
