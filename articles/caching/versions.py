"""The content version: reading it, changing it, and caching under it.

``bump()`` runs inside the writer's transaction (signals.py), so readers see
the new version exactly when they see the new content: a page built from
the old content can only ever be stored under the old version. Writers
queue on the one row until they commit, which a newsroom's handful of
editors never notices. Each bump draws a random generation, so a version
does not come back after a rolled-back transaction; a database restored
with pg_restore does bring an old one back: ``manage.py
bump_content_version`` then gives it a new one.
"""

import hashlib
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from django.core.cache import cache
from django.db import connection
from django.db.models import Min
from django.utils import timezone

from articles.models import Article, ArticleStatus

from . import rebuilds
from .errors import CACHE_ERRORS
from .models import ContentVersion

T = TypeVar("T")
ROW = 1
# Derived values live no longer than this (seconds); the version, not the
# timeout, is what keeps them right.
VALUE_TIMEOUT = 3600


@dataclass(frozen=True)
class Version:
    generation: int
    changed_at: datetime
    next_publication: datetime | None


def _next_publication(now: datetime) -> datetime | None:
    """When the earliest scheduled story becomes public (an index range scan
    of ``article_public_order``)."""
    scheduled = Article.objects.filter(status=ArticleStatus.PUBLISHED, published_at__gt=now)
    return scheduled.aggregate(next=Min("published_at"))["next"]


def _new_generation() -> int:
    return secrets.randbits(62) + 1


def bump() -> None:
    """A new version: call it in the transaction that changes public content."""
    now = timezone.now()
    values = {
        "generation": _new_generation(),
        "changed_at": now,
        "next_publication": _next_publication(now),
    }
    if not ContentVersion.objects.filter(pk=ROW).update(**values):
        ContentVersion.objects.update_or_create(pk=ROW, defaults=values)


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite gives stored (UTC) times back naive.
    if moment is None or timezone.is_aware(moment):
        return moment
    return moment.replace(tzinfo=UTC)


def _read() -> Version | None:
    """The row, in plain SQL: this runs on every reader's request, and
    building it through the ORM costs several times the query itself."""
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT generation, changed_at, next_publication FROM {table} WHERE id = %s", [ROW]
        )
        row = cursor.fetchone()
    if row is None:
        return None
    generation, changed_at, next_publication = row
    return Version(generation, _aware(changed_at), _aware(next_publication))


def current() -> Version:
    """The version now: one primary-key read, and a bump when a scheduled
    story has become public since the last change."""
    version = _read()
    if version is None:
        bump()
        version = _read()
    if version.next_publication is not None and version.next_publication <= timezone.now():
        # Only one process wins the update; the others read its result.
        ContentVersion.objects.filter(pk=ROW, next_publication=version.next_publication).update(
            generation=_new_generation(),
            changed_at=version.next_publication,
            next_publication=_next_publication(timezone.now()),
        )
        version = _read()
    return version


_every_recent_values: list["RecentValues"] = []


class RecentValues:
    """The values this process used last, at most ``size`` of them.

    What is stored under a content version never changes, so a copy in the
    process's memory is as right as the shared cache's and costs no round
    trip to Redis: ``cached()`` and the page cache look here first.
    """

    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.Lock()
        _every_recent_values.append(self)

    def get(self, key: str):
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, key: str, value) -> None:
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


# Pages are up to about 60 KB, fragments and counts much less: some tens of
# MB per process at most.
recent_pages = RecentValues(300)
recent_values = RecentValues(1000)


def forget_recent() -> None:
    """Empty this process's copies, all of them (tests: a rolled-back
    version comes back)."""
    for recent in _every_recent_values:
        recent.clear()


def cached(key: str, compute: Callable[[], T], *, version: Version | None = None) -> T:
    """``compute()``, cached under ``key`` for the current content version.

    For values derived from public content (a story count, a list of ids,
    a fragment of a page): they are computed once per version, by one
    request while concurrent ones wait for its result (rebuilds.py). When
    the cache is down, computed every time.
    """
    version = version or current()
    full_key = f"v:{version.generation}:{hashlib.sha256(key.encode()).hexdigest()}"
    value = recent_values.get(full_key)
    if value is not None:
        return value
    value = _shared_get(full_key)
    if value is None and rebuilds.claim(full_key):
        try:
            value = compute()
            _shared_set(full_key, value)
        finally:
            rebuilds.release(full_key)
    elif value is None:
        value = rebuilds.wait_for(lambda: _shared_get(full_key))
        if value is None:
            value = compute()
    recent_values.put(full_key, value)
    return value


def _shared_get(key: str):
    try:
        return cache.get(key)
    except CACHE_ERRORS:
        return None


def _shared_set(key: str, value) -> None:
    try:
        cache.set(key, value, VALUE_TIMEOUT)
    except CACHE_ERRORS:
        pass


def for_request(request) -> Version:
    """The version the page cache read for this request, or the current one
    (remembered on the request; ``request`` may be None)."""
    version = getattr(request, "content_version", None)
    if version is None:
        version = current()
        if request is not None:
            request.content_version = version
    return version
