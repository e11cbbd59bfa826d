"""The one allow-list for rich text written by editors."""

import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "ul", "ol", "li", "a", "blockquote",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener",
    strip_comments=True,
)
_EMPTY = re.compile(r"^\s*(<p>\s*(<br>)?\s*</p>\s*)*$")


def sanitize_html(html: str) -> str:
    """Return ``html`` with everything outside the allow-list removed.

    Scripts, styles, event attributes and ``javascript:`` links never survive;
    an editor's empty paragraph becomes the empty string.
    """
    if not html:
        return ""
    cleaned = _cleaner.clean(html).strip()
    return "" if _EMPTY.match(cleaned) else cleaned
