"""The body editor's configuration: one list of what an editor can write.

The editor (django-prose-editor, Tiptap) offers exactly these extensions, and the
sanitizer (press.sanitize) allows exactly the markup they produce: both are derived
from BODY_EDITOR_EXTENSIONS, the allow-list by django-prose-editor's own
``allowlist_from_extensions``. Our one extension of our own, the quotation with its
speaker (static/press/editor-quote.js), is registered with the library in settings
(DJANGO_PROSE_EDITOR_EXTENSIONS) with the markup it produces (quote_markup, named
there by its path).
"""

from __future__ import annotations

from typing import Any

from django_prose_editor.config import add_allowed_classes, add_tags_and_attributes

URL_SCHEMES = ["http", "https", "mailto", "tel"]

BODY_EDITOR_EXTENSIONS: dict[str, Any] = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    # A quotation is a block of its own with a speaker field (not a paragraph that
    # starts with a dash): <figure class="quote"><blockquote>…</blockquote>
    # <figcaption>speaker</figcaption></figure>. Tiptap's plain Blockquote is not
    # offered: every quotation is this one.
    "Quote": True,
    "Link": {"enableTarget": False, "protocols": URL_SCHEMES},
    "HardBreak": True,
    "History": True,
}


def quote_markup(config: Any, shared_config: dict) -> None:
    """The markup of the Quote extension, for the sanitizer's allow-list."""
    add_tags_and_attributes(shared_config, ["figure", "blockquote", "figcaption"], None)
    add_allowed_classes(shared_config, {"figure": ["quote"]})
