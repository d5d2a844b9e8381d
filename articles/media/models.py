"""The media app's models: the image library and documents."""

from .documents import Document
from .images import Image

__all__ = ["Document", "Image"]
