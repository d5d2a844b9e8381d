"""The app's admin; importing the modules registers their admins."""

from . import articles, entities  # noqa: F401
