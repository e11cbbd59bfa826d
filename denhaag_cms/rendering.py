"""What stored HTML was rendered with.

Some HTML is rendered once and kept in the database (a release's page:
press.services.render_release_parts; a thread's first page of reactions:
Thread.first_page_html). Its key holds `code_version()`, a digest of the templates,
the compiled translations and the apps' Python, so after a deploy that changes any
of them every stored page is rendered anew by its first reader: no step to forget.
"""

from __future__ import annotations

import functools
import hashlib
import secrets

from django.conf import settings

SOURCES = (
    ("templates", "*.html"),
    ("locale", "*.mo"),
    ("press", "*.py"),
    ("comments", "*.py"),
    ("alerts", "*.py"),  # the page footer's sign-up address
    ("denhaag_cms", "*.py"),
    ("static", "*.*"),  # a stored page names its style sheet by its content's hash
)


@functools.cache
def code_version() -> str:
    digest = hashlib.sha256()
    base = settings.BASE_DIR
    for folder, pattern in SOURCES:
        for path in sorted((base / folder).rglob(pattern)):
            if "migrations" in path.parts:
                continue
            if not path.is_file():
                continue
            digest.update(str(path.relative_to(base)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def hole(name: str) -> str:
    """A mark in stored HTML where a part rendered for each request goes (a release's
    stored page: its comment thread and the visitor's messages). New and unguessable
    each time it is asked for, so no text an editor writes can be taken for it: store
    it with the HTML."""
    return f"\ue040{name}:{secrets.token_urlsafe(12)}\ue041"
