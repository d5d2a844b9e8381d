"""Multi-step writes on articles: publishing and unpublishing.

Every path that changes whether the public sees an article (admin form, bulk
action, history revert, management commands) goes through the permission
check in this module.
"""

from collections.abc import Callable, Iterable

import reversion
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Article, ArticleStatus

PUBLISH_PERMISSION = "articles.publish_article"


def user_can_publish(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


def publication_state(status: str, published_at) -> tuple[bool, object]:
    """What readers are promised: published or not, and from when.

    Times are compared to the millisecond: the history (django-reversion's
    JSON) keeps no more, so restoring an old version of a story published at
    12:00:00.123456 must not count as rescheduling it.
    """
    if status == ArticleStatus.PUBLISHED:
        if published_at is not None:
            published_at = published_at.replace(microsecond=published_at.microsecond // 1000 * 1000)
        return True, published_at
    return False, None


def changes_publication(article: Article, *, status: str, published_at) -> bool:
    """Whether moving ``article`` to (status, published_at) publishes,
    unpublishes or reschedules it."""
    return publication_state(article.status, article.published_at) != publication_state(
        status, published_at
    )


def _require_publisher(user) -> None:
    if not user_can_publish(user):
        raise PermissionDenied(_("Only a Publisher can publish or unpublish articles."))


def _change_status(
    *, articles: Iterable[Article], user, comment: str, change: Callable[[Article], bool]
) -> int:
    """Apply ``change`` to each article in one transaction and one history
    revision; ``change`` returns whether it changed the article."""
    changed = 0
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        for article in articles:
            if change(article):
                article.save()
                changed += 1
    return changed


def article_publish(*, articles: Iterable[Article], user, when=None) -> int:
    """Publish the articles now (or at ``when``); returns how many changed.

    Articles that are already published keep their publication date.
    """
    _require_publisher(user)
    when = when or timezone.now()

    def publish(article: Article) -> bool:
        if article.status == ArticleStatus.PUBLISHED:
            return False
        article.status = ArticleStatus.PUBLISHED
        article.published_at = article.published_at or when
        return True

    return _change_status(articles=articles, user=user, comment=_("Published."), change=publish)


def article_unpublish(*, articles: Iterable[Article], user) -> int:
    """Return published articles to draft; returns how many changed."""
    _require_publisher(user)

    def unpublish(article: Article) -> bool:
        if article.status != ArticleStatus.PUBLISHED:
            return False
        article.status = ArticleStatus.DRAFT
        return True

    return _change_status(articles=articles, user=user, comment=_("Unpublished."), change=unpublish)


def article_submit_for_review(*, articles: Iterable[Article], user) -> int:
    """Move drafts to "in review"; any editor may do this."""

    def submit(article: Article) -> bool:
        if article.status != ArticleStatus.DRAFT:
            return False
        article.status = ArticleStatus.IN_REVIEW
        return True

    return _change_status(
        articles=articles, user=user, comment=_("Submitted for review."), change=submit
    )
