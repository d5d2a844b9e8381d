"""The matched passage of a result, with the matched words in <mark>.

The text is escaped piece by piece and only our own <mark> tags are added,
so nothing from the article or the query reaches the page as HTML.
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from modeltranslation.utils import resolution_order

from .analysis import MAX_TOKEN_LENGTH, TOKEN, fold, iter_tokens, normalize
from .query import SearchQuery

WINDOW = 30  # words in a snippet
ELLIPSIS = "…"


@dataclass(frozen=True)
class Snippet:
    language: str  # the language version shown
    title: SafeString
    text: SafeString
    # The title of the attached document the passage comes from, if any.
    document: str = ""


def _marked(text: str, query: SearchQuery, language: str) -> list[tuple[int, int, bool]]:
    """(start, end, matched) for every token of normalised ``text``."""
    return [
        (match.start(), match.end(), query.matches(fold(match.group()), language))
        for match in iter_tokens(text)
    ]


def highlight(text: str, query: SearchQuery, language: str, *, window: int | None = None):
    """``text`` escaped, matched words in <mark>; cut to the ``window`` words
    around the most matches when a window is given."""
    text = normalize(text or "")
    spans = _marked(text, query, language)
    start_index, end_index = 0, len(spans)
    if window is not None and len(spans) > window:
        best, best_count = 0, -1
        matched = [int(is_match) for *_, is_match in spans]
        count = sum(matched[:window])
        for first in range(len(spans) - window + 1):
            if first:
                count += matched[first + window - 1] - matched[first - 1]
            if count > best_count:
                best, best_count = first, count
        start_index, end_index = best, best + window
    if not spans:
        return mark_safe(escape(text))
    begin = spans[start_index][0] if start_index else 0
    finish = spans[end_index - 1][1] if end_index < len(spans) else len(text)
    pieces, position = [], begin
    for start, end, is_match in spans[start_index:end_index]:
        if is_match:
            pieces.append(escape(text[position:start]))
            pieces.append(f"<mark>{escape(text[start:end])}</mark>")
            position = end
    pieces.append(escape(text[position:finish]))
    html = "".join(pieces).strip()
    if begin:
        html = f"{ELLIPSIS} {html}"
    if finish < len(text):
        html = f"{html} {ELLIPSIS}"
    return mark_safe(html)  # every piece above was escaped


def _text_matches(text: str, query: SearchQuery, language: str) -> bool:
    # Each distinct word once: a body repeats most of its words.
    words = {fold(word) for word in TOKEN.findall(normalize(text)) if len(word) <= MAX_TOKEN_LENGTH}
    return any(query.matches(word, language) for word in words)


def _version_matches(article, query: SearchQuery, language: str) -> bool:
    return any(
        _text_matches(article.field_text(field, language), query, language)
        for field in ("title", "lead", "body")
    )


def _matching_document(article, query: SearchQuery, language: str):
    """The first attached document whose text matches, when the search's
    queryset prefetched them (results.DOCUMENT_TEXTS)."""
    if "documents" not in getattr(article, "_prefetched_objects_cache", {}):
        return None
    for document in article.documents.all():
        if document.text and _text_matches(
            document.text, query, document.text_language or language
        ):
            return document
    return None


def snippet(article, query: SearchQuery, language: str) -> Snippet:
    """The title and matched passage of ``article``, in the reader's
    ``language`` when that version matches, else in the first version (in
    the site's fallback order) that does."""
    versions = [code for code in resolution_order(language) if getattr(article, f"title_{code}")]
    shown = next((code for code in versions if _version_matches(article, query, code)), None)
    if shown is None:
        shown = versions[0] if versions else language
        document = _matching_document(article, query, language)
        if document is not None:
            text_language = document.text_language or language
            return Snippet(
                language=shown,
                title=highlight(getattr(article, f"title_{shown}") or "", query, shown),
                text=highlight(document.text, query, text_language, window=WINDOW),
                document=str(document),
            )
    title = getattr(article, f"title_{shown}") or ""
    lead = getattr(article, f"lead_{shown}") or ""
    body = article.field_text("body", shown)
    return Snippet(
        language=shown,
        title=highlight(title, query, shown),
        text=highlight(f"{lead}\n\n{body}", query, shown, window=WINDOW),
    )
