"""What stored HTML was rendered with.

Some HTML is rendered once and kept in the database (a release's page:
press.services.render_release_parts; a thread's first page of reactions:
Thread.first_page_html). Its key holds `code_version()`, a digest of the templates,
the compiled translations and the apps' Python, so after a deploy that changes any
of them every stored page is rendered anew by its first reader: no step to forget.

Some is kept by the process, under what it was rendered from (a release's card in
the lists: press.cards; addresses: press.views.year_links): the code is the
process's own, and a deploy is a new process. What changes the code or the settings
within a process, a test's settings or the development server reloading a template
or a translation without a restart, forgets it: its owner registers how
(`forget_on_change`).
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.signals import setting_changed
from django.utils.autoreload import file_changed

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


_forgetters: list[Callable[[], object]] = []


def forget_on_change(forget: Callable[[], object]) -> Callable[[], object]:
    """Call `forget` (which empties something the process keeps) whenever a setting
    changes or the development server's reloader sees a file change."""
    _forgetters.append(forget)
    return forget


def _forget_all(**kwargs) -> None:
    for forget in _forgetters:
        forget()


setting_changed.connect(_forget_all, dispatch_uid="denhaag_cms.rendering.setting_changed")
# Returns nothing, so that the reloader still restarts for what it restarts for.
file_changed.connect(_forget_all, dispatch_uid="denhaag_cms.rendering.file_changed")


def hole(name: str) -> str:
    """A mark in stored HTML where a part rendered for each request goes (a release's
    stored page: its comment thread and the visitor's messages). New and unguessable
    each time it is asked for, so no text an editor writes can be taken for it: store
    it with the HTML."""
    return f"\ue040{name}:{secrets.token_urlsafe(12)}\ue041"
