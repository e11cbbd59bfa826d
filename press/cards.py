"""A release's card in the lists (the newsroom and its search, a theme, a year, a city
network): rendered by press/_release_card.html once per language and content, then
kept by the process.

Rendering the cards was most of a list's CPU (a template with includes and filters
per release, ten per page). A card is kept under what it was rendered from: the
language, the release's row as loaded (its bodies only as whether they are written:
the card asks them only for the "Dutch only" badge), the rows of its themes in their
order, the time zone and the script prefix. Any change a reader could notice (a
title, a date, an address, a translation, a theme's name or address) is a different
key, so a kept card is never stale and nothing has to clear it; the code is the
process's own (denhaag_cms.rendering says what forgets the cards within a process).

A search result's card is kept with a slot where the snippet goes: the snippet is the
query's, highlighted and spliced in per request.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Iterable

from django.db import models
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from denhaag_cms.rendering import forget_on_change
from press.models import PressRelease, Theme
from press.models.release import LANGUAGE_CODES

# Where a search result's snippet goes in its kept card. Only markup can hold "<":
# every text of a release or theme is escaped, so this never occurs in one.
SNIPPET_SLOT = mark_safe("<!--snippet-->")  # noqa: S308 - a constant of ours
# Cards kept per process (the least recently shown are forgotten first): a page shows
# ten. About 6 kB each, key and HTML (measured: 2,000 releases of bench_data), so at
# most about 12 MB.
MAX_CARDS = 2000

_cards: OrderedDict[tuple, tuple[str, str]] = OrderedDict()
_lock = threading.Lock()

# The bodies: in the key only as whether they are written (HasLanguages.has_language).
_BODIES = frozenset({"body", *(f"body_{code}" for code in LANGUAGE_CODES)})
# Never shown in a list, and not loaded by the lists (PressReleaseQuerySet.for_listing).
_NOT_SHOWN = frozenset({"parts_html"})


@functools.cache
def _columns(model: type[models.Model]) -> tuple[str, ...]:
    # Once the apps are ready (modeltranslation adds the columns per language).
    return tuple(
        field.attname for field in model._meta.concrete_fields if field.attname not in _NOT_SHOWN
    )


def _row(obj: models.Model) -> tuple:
    loaded = obj.__dict__
    row = []
    for name in _columns(type(obj)):
        # Not loaded (deferred): loaded now, so that the key never misses a value.
        value = loaded[name] if name in loaded else getattr(obj, name)
        row.append(bool(value) if name in _BODIES else value)
    return tuple(row)


def card_key(release: PressRelease, themes: list[Theme], code: str, search: bool) -> tuple:
    """What a card is rendered from (see the module's doc)."""
    return (
        code,
        search,
        get_script_prefix(),
        timezone.get_current_timezone_name(),
        _row(release),
        tuple(_row(theme) for theme in themes),
    )


def _render(release: PressRelease, themes: list[Theme], search: bool) -> tuple[str, str]:
    """The card, split at the snippet's slot for a search result ("" after it else)."""
    html = render_to_string(
        "press/_release_card.html",
        {"release": release, "themes": themes, "snippet": SNIPPET_SLOT if search else ""},
    )
    if not search:
        return html, ""
    before, _slot, after = html.partition(SNIPPET_SLOT)
    return before, after


def card(release: PressRelease, themes: list[Theme], code: str, search: bool) -> tuple[str, str]:
    """The release's card with its `themes` in language `code` (the active one): kept,
    or rendered and kept. `search`: with the snippet's slot (the HTML before it and
    after it)."""
    key = card_key(release, themes, code, search)
    with _lock:
        parts = _cards.get(key)
        if parts is not None:
            _cards.move_to_end(key)
            return parts
    parts = _render(release, themes, search)
    with _lock:
        _cards[key] = parts
        while len(_cards) > MAX_CARDS:
            _cards.popitem(last=False)
    return parts


def themes_of(
    releases: list[PressRelease], every_theme: list[Theme] | None = None
) -> dict[int, list[Theme]]:
    """Each release's themes, in the themes' order, in one query: only the releases'
    links to them when `every_theme` (Theme.objects.all(), in the active language) is
    at hand, as on the newsroom, which has them for its filter; else the themes."""
    themes: dict[int, list[Theme]] = {release.pk: [] for release in releases}
    if not releases:
        return themes
    if every_theme is None:
        for theme in Theme.objects.of_releases(releases):
            themes[theme.release_pk].append(theme)
        return themes
    linked = defaultdict(set)
    links = PressRelease.themes.through.objects.filter(pressrelease__in=releases)
    for release_pk, theme_pk in links.values_list("pressrelease_id", "theme_id"):
        linked[release_pk].add(theme_pk)
    for release_pk, theme_pks in linked.items():
        themes[release_pk] = [theme for theme in every_theme if theme.pk in theme_pks]
    return themes


def release_cards(
    releases: Iterable[PressRelease], every_theme: list[Theme] | None = None
) -> SafeString:
    """The cards of `releases` in the active language, each search result with its
    snippet (PressReleaseQuerySet.search) highlighted in its slot. Their themes are
    fetched here, for all of them at once (themes_of)."""
    from press.templatetags.press import highlight_snippet

    code = translation.get_language()
    releases = list(releases)
    themes = themes_of(releases, every_theme)
    html = []
    for release in releases:
        snippet = getattr(release, "search_snippet", "")
        before, after = card(release, themes[release.pk], code, bool(snippet))
        html.append(before)
        if snippet:
            html.append(highlight_snippet(snippet))
            html.append(after)
    return mark_safe("".join(html))  # noqa: S308 - our templates' output, the snippet escaped


@forget_on_change
def forget_cards() -> None:
    with _lock:
        _cards.clear()
