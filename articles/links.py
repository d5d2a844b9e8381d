"""Links to other sites that editors enter (source URLs, websites).

The admin's URL fields accept only http(s), ftp(s) addresses, but a row can
also arrive through loaddata or an import, which do not validate. Pages
therefore link only what ``external_url`` lets through: a ``javascript:``
address is never rendered as a link.
"""

from urllib.parse import urlsplit

LINKABLE_SCHEMES = {"http", "https"}


def external_url(value: str | None) -> str:
    """``value`` when it is an absolute http(s) URL with a host, else ""."""
    value = (value or "").strip()
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an invalid IPv6 host
        return ""
    if parts.scheme.lower() not in LINKABLE_SCHEMES or not parts.hostname:
        return ""
    # Browsers ignore tabs and newlines inside a URL, so "java\tscript:" is
    # "javascript:"; urlsplit has removed those from the scheme already.
    if any(character in value for character in "\t\r\n\x00"):
        return ""
    return value
