"""Names under which uploads are stored: Latin, dated, never the uploader's
path, and with a random part, so that nobody finds a file that no published
page links yet (a leaked ruling uploaded for a story still in draft) by
guessing its name."""

from pathlib import PurePath

from django.utils import timezone
from django.utils.crypto import get_random_string

from articles.transliteration import slugify_title

STEM_LENGTH = 60


RANDOM_PART = "abcdefghijklmnopqrstuvwxyz0123456789"


def clean_stem(name: str, fallback: str) -> str:
    """A Latin file-name stem from an uploaded name, with a random part
    ("Сот шешімі.pdf" → "sot-sheshimi-k3v9x0q2m7")."""
    stem = slugify_title(PurePath(name or "").stem, "kk", max_length=STEM_LENGTH) or fallback
    return f"{stem}-{get_random_string(10, RANDOM_PART)}"


def dated_path(folder: str, filename: str) -> str:
    return f"{folder}/{timezone.localdate():%Y/%m}/{filename}"


def image_path(instance, filename: str) -> str:
    return dated_path("images", filename)


def document_path(instance, filename: str) -> str:
    return dated_path("documents", filename)
