"""Multi-step writes on articles: publishing and unpublishing, and
deciding the entity links that mention detection suggests.

Every path that changes whether the public sees an article (admin form, bulk
action, history revert, management commands) goes through the permission
check in this module.
"""

from collections.abc import Callable, Iterable
from typing import NamedTuple

import reversion
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from . import entities
from .mentions import EntityRef, MentionFinder, links_of
from .models import Article, ArticleStatus, MentionSuggestion
from .richtext import entity_links
from .richtext.linking import with_link

PUBLISH_PERMISSION = "articles.publish_article"


def user_can_publish(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


def may_change_live_article(user: AbstractBaseUser | AnonymousUser, article: Article) -> bool:
    """The publication guard: a published article's status and date are
    changed, and the article deleted or restored, by a Publisher only."""
    return article.status != ArticleStatus.PUBLISHED or user_can_publish(user)


def publication_partition(articles: Iterable[Article]) -> tuple[list[Article], list[Article]]:
    """(ready, incomplete): the incomplete are the unpublished articles that
    lack a title or a lead in some language; the others are ready."""
    ready, incomplete = [], []
    for article in articles:
        unpublished = article.status != ArticleStatus.PUBLISHED
        (incomplete if unpublished and article.missing_for_publication() else ready).append(article)
    return ready, incomplete


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
    """Apply ``change`` to each article in one transaction, with a history
    revision of its own for each changed article; ``change`` returns whether
    it changed the article.

    One revision per article: a revision shared by several articles would
    tie their histories together (and a caller's own open revision would
    still merge them, so callers don't open one).
    """
    changed = 0
    with transaction.atomic():
        for article in articles:
            if change(article):
                with reversion.create_revision():
                    reversion.set_user(user)
                    reversion.set_comment(comment)
                    article.save()
                changed += 1
    return changed


def article_publish(
    *, articles: Iterable[Article], user, when=None, allow_incomplete: bool = False
) -> int:
    """Publish the articles now (or at ``when``); returns how many changed.

    Articles that are already published keep their publication date. An
    article needs a title and a lead in every language: unless the Publisher
    confirmed publishing without them (``allow_incomplete``), any article
    lacking them is refused with a ValidationError and nothing is published.
    """
    _require_publisher(user)
    when = when or timezone.now()
    articles = list(articles)
    _ready, incomplete = publication_partition(articles)
    if incomplete and not allow_incomplete:
        raise ValidationError(
            _("Not published: %(articles)s lack a title or a lead in some language.")
            % {"articles": get_text_list([f"“{article}”" for article in incomplete], _("and"))},
            code="incomplete",
        )

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


# --- Suggested entity links ----------------------------------------------------------


class SuggestionChanges(NamedTuple):
    added: int
    withdrawn: int


def mention_suggestions_refresh(
    *, articles: Iterable[Article], finder: MentionFinder | None = None
) -> SuggestionChanges:
    """Suggest linking the entities each article names but does not link.

    New mentions become pending suggestions. A pending suggestion whose
    entity is now linked, or no longer named, is withdrawn. Accepted and
    rejected ones stay as they are: a rejected entity is not suggested again.
    """
    finder = finder or MentionFinder()
    articles = list(articles)
    ids = [article.pk for article in articles]
    # Read afresh, not from the articles' caches: callers may hold old ones.
    linked = links_of(ids)
    known: dict[int, dict[EntityRef, MentionSuggestion]] = {pk: {} for pk in ids}
    for suggestion in MentionSuggestion.objects.filter(article_id__in=ids):
        known[suggestion.article_id][_entity_of(suggestion)] = suggestion
    added = withdrawn = 0
    with transaction.atomic():
        for article in articles:
            found = finder.find(article)
            article_links, article_known = linked[article.pk], known[article.pk]
            stale = [
                suggestion.pk
                for entity, suggestion in article_known.items()
                if suggestion.status == MentionSuggestion.Status.PENDING
                and (entity in article_links or entity not in found)
            ]
            if stale:
                MentionSuggestion.objects.filter(pk__in=stale).delete()
            new = [
                _suggestion(article, mention)
                for entity, mention in found.items()
                if entity not in article_links and entity not in article_known
            ]
            MentionSuggestion.objects.bulk_create(new)
            added += len(new)
            withdrawn += len(stale)
    return SuggestionChanges(added, withdrawn)


def _entity_of(suggestion: MentionSuggestion) -> EntityRef:
    for kind in entities.KINDS:
        pk = getattr(suggestion, f"{kind}_id")
        if pk:
            return EntityRef(kind, pk)
    raise ValueError(f"suggestion {suggestion.pk} names no entity")


def _suggestion(article: Article, mention) -> MentionSuggestion:
    field = MentionSuggestion._meta.get_field
    return MentionSuggestion(
        article=article,
        **{f"{mention.entity.kind}_id": mention.entity.pk},
        language=mention.language,
        matched_text=mention.matched_text[: field("matched_text").max_length],
        excerpt=mention.excerpt[: field("excerpt").max_length],
    )


def mention_decide(*, suggestion: MentionSuggestion, status: str, user) -> None:
    """Record an editor's decision; accepting links the entity to the article.

    Going back to "to decide" forgets who decided. Un-accepting leaves the
    link: removing it is an edit of the article's own links.
    """
    suggestion.status = status
    if status == MentionSuggestion.Status.PENDING:
        suggestion.decided_by, suggestion.decided_at = None, None
    else:
        suggestion.decided_by, suggestion.decided_at = user, timezone.now()
    with transaction.atomic():
        suggestion.save()
        if status == MentionSuggestion.Status.ACCEPTED:
            getattr(suggestion.article, suggestion.entity_field).add(suggestion.entity)
            _link_mention(suggestion)


def _link_mention(suggestion: MentionSuggestion) -> None:
    """Link the matched words in the body of the suggestion's language, the
    first time they occur outside a link (nothing when they are not in the
    body, e.g. a mention in the title)."""
    article, field = suggestion.article, f"body_{suggestion.language}"
    kind = _entity_of(suggestion).kind
    href = entity_links.stable_href(kind, suggestion.entity.pk)
    linked = with_link(getattr(article, field) or "", suggestion.matched_text, href)
    if linked is not None:
        setattr(article, field, linked)
        article.save(update_fields=[field, "updated_at"])
