"""The app's admin; importing the modules registers their admins."""

from . import articles, entities, filing  # noqa: F401
