"""Rich text written by editors, sanitized once, on save.

The allow-list is not written here: it is derived from the body editor's own
configuration (press.editor.BODY_EDITOR_EXTENSIONS) by django-prose-editor, so the
editor and the sanitizer can never disagree on what a body may contain.
"""

import re

import nh3
from django_prose_editor.config import allowlist_from_extensions

from press.editor import BODY_EDITOR_EXTENSIONS

# An address typed without a scheme: a host name with a dot ("www.denhaag.nl",
# "denhaag.nl/afval"), optionally a port and a path.
_BARE_HOST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:[/?#].*)?$", re.IGNORECASE)
_EMPTY = re.compile(r"^\s*(<p>\s*(<br>)?\s*</p>\s*)*$")
_EMPTY_CAPTION = re.compile(r"<figcaption>\s*</figcaption>")


def with_scheme(url: str) -> str:
    """``www.denhaag.nl`` → ``https://www.denhaag.nl``: what a reader means by an
    address typed without a scheme (like the link fields' assume_scheme="https").
    Relative addresses (/nl/…, #top) and addresses with a scheme stay as they are."""
    url = url.strip()
    return f"https://{url}" if _BARE_HOST.match(url) else url


def _attribute_filter(tag: str, attribute: str, value: str) -> str:
    if tag == "a" and attribute == "href":
        return with_scheme(value)
    return value


def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        **allowlist_from_extensions(BODY_EDITOR_EXTENSIONS),
        attribute_filter=_attribute_filter,
        strip_comments=True,
    )


_CLEANER = _cleaner()


def sanitize_html(html: str) -> str:
    """Return ``html`` with everything the body editor cannot produce removed.

    Scripts, styles, event attributes and ``javascript:`` links never survive; a
    link typed without a scheme gets https://; a quotation without a speaker has no
    empty caption; an editor's empty paragraph becomes the empty string.
    """
    if not html:
        return ""
    cleaned = _EMPTY_CAPTION.sub("", _CLEANER.clean(html)).strip()
    return "" if _EMPTY.match(cleaned) else cleaned


# -- the former convention: a quotation whose last paragraph names the speaker -------

_LEGACY_QUOTE = re.compile(
    r"(?<!<figure class=\"quote\">)<blockquote>(?P<quote>(?:(?!</blockquote>).)*?)"
    r"<p>\s*[—–-]\s*(?P<speaker>(?:(?!</p>).)+)</p>\s*</blockquote>",
    re.DOTALL,
)
_BARE_QUOTE = re.compile(
    r"(?<!<figure class=\"quote\">)<blockquote>(?P<quote>(?:(?!</blockquote>).)*?)</blockquote>",
    re.DOTALL,
)


def quotes_to_figures(html: str) -> str:
    """Bodies written before the quote block had its speaker field named the speaker
    in the quotation's last paragraph, starting with a dash. Used once, by migration
    0008_quote_blocks, on every body and every version in the history."""
    html = _LEGACY_QUOTE.sub(
        r'<figure class="quote"><blockquote>\g<quote></blockquote>'
        r"<figcaption>\g<speaker></figcaption></figure>",
        html or "",
    )
    return _BARE_QUOTE.sub(
        r'<figure class="quote"><blockquote>\g<quote></blockquote></figure>', html
    )
