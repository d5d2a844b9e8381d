from django.core.paginator import Paginator
from django.utils.functional import cached_property

from . import versions


class VersionCountPaginator(Paginator):
    """A paginator that counts its rows once per content version.

    An exact COUNT of a list of 100,000 stories reads the whole stretch of
    its index (tens of ms); the count only changes with the content, so it
    is cached under ``count_key`` (the list's path and filters) for the
    request's ``version``.
    """

    def __init__(self, *args, count_key: str, version: versions.Version, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key
        self.version = version

    @cached_property
    def count(self) -> int:
        return versions.cached(
            f"count:{self.count_key}", lambda: Paginator.count.func(self), version=self.version
        )
