from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from . import versions


def content_version(request: HttpRequest) -> dict:
    """``content_version``, read only when a template uses it."""
    return {"content_version": SimpleLazyObject(lambda: versions.for_request(request))}
