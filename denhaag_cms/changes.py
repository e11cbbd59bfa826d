"""The content generation: a number that changes after every write to a model that
public pages show, and the next scheduled change (a release whose publication moment
comes, a thread that opens or closes by itself, a membership that ends). Whatever
is cached from the content (whole pages in denhaag_cms.pagecache, the {% cache %}
fragments of press.pages.fragments, values kept with remember()) is keyed by the
generation and ends at the next scheduled change, so nothing served from a cache is
older than what it shows.

Which models public pages show is declared once, by model: each app calls `watch()`
for its models in AppConfig.ready(). From then on every save, delete and
many-to-many change of them, whoever makes it (the admin, a service, the task worker,
`manage.py shell`), changes the generation after its transaction commits; no writer
has to remember. A migration run changes it too (data migrations write through
historical models, which send no signals to ours). Bulk writes, which send no
signals, are covered by the queryset: a watched model's managers must be built on
`WatchedQuerySet`, whose update(), bulk_create() and bulk_update() change the
generation too. watch() refuses a model whose managers are not; the related managers
(`release.links.update(…)`) derive from the model's default manager, so they are too.
What remains unseen is raw SQL and bulk writes to the many-to-many tables themselves
(`Model.field.through.objects`): tests/test_invalidation.py forbids the latter in
production code.

Why one global generation and not one per release: the lists (newsroom, themes, year
archives, networks) show any release, and an article shows themes, contacts and
networks that other releases share, so a per-release number would still need a global
one and a map of what shows what; a mistake in that map is a stale page. The cost of
the simple rule is that a change anywhere makes every page render once more, which
at editorial speed (a few changes a minute, even in a rush) keeps the hit rate high.

The generation lives in the shared cache: Redis in production, a file-based cache in
development, which `make run`'s web server and task worker share (a rendition the
worker finishes shows at once). Its keys carry the site's prefix (settings'
KEY_PREFIX), so sites sharing one Redis never see each other's pages.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from denhaag_cms.cache import after_a_fault, ask

GENERATION_KEY = "pagecache:generation"
NEXT_CHANGE_KEY = "pagecache:next-change:{}"
NEXT_CHANGE_SECONDS = 24 * 60 * 60
# How long fragments and remembered values are kept at most where the page cache is off.
FRAGMENT_SECONDS = 600


# -- the generation ------------------------------------------------------------------


def generation(value: int | None = None) -> int | None:
    """The current generation; None when the cache does not answer. `value`: the
    generation as just read from the cache, if it was (None: not there)."""
    if value is None:
        value = ask("read the generation", None, cache.get, GENERATION_KEY)
    if value is None:
        # Never a number used before (the key may have been evicted): start from the clock.
        ask("start the generation", None, cache.add, GENERATION_KEY, time.time_ns(), None)
        value = ask("read the generation", None, cache.get, GENERATION_KEY)
    return value


@after_a_fault
def _increment() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there (evicted, or never set)
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def _bump() -> None:
    ask("change the generation", None, _increment)


def content_changed(using: str | None = None) -> None:
    """What public pages show has changed in database `using`: the receivers of the
    declaration (watch()) call this; writers need not.

    Bumps now and, inside a transaction, again after it commits: the second bump is
    the one that makes it correct (between the first and the commit a reader may
    still fill the cache with the old rows under the new number); the first makes
    the change visible at once where there is no commit to wait for (tests run
    inside one transaction that never commits). However many rows a transaction
    writes, it bumps once after its commit.
    """
    _bump()
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return  # committed already
    if not any(entry[1] is _bump for entry in connection.run_on_commit):
        transaction.on_commit(_bump, using=using)


def source_changed(sender, file_path, **kwargs) -> None:
    """The development server's autoreloader saw a file change (a template, a
    translation, Python code): pages in the cache were rendered from the old one.
    Returns None, so the reloader goes on as it would (restarts for code)."""
    content_changed()


# -- what public pages show: the declaration --------------------------------------------

# Every watched model (many-to-many tables included) → the fields whose changes no
# public page shows.
_watched: dict[type[models.Model], frozenset[str]] = {}


class WatchedQuerySet(models.QuerySet):
    """The queryset of a model that public pages show: its bulk writes, which send no
    signals, change the content generation too (when its model is watched)."""

    def _changed(self, fields: Iterable[str] = ()) -> None:
        hidden = _watched.get(self.model)
        if hidden is not None and not (fields and set(fields) <= hidden):
            content_changed(self.db)

    def update(self, **kwargs) -> int:
        rows = super().update(**kwargs)
        if rows:
            self._changed(kwargs)
        return rows

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs) -> list:
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            self._changed()
        return created

    bulk_create.alters_data = True

    def bulk_update(self, objs, fields, *args, **kwargs) -> int:
        rows = super().bulk_update(objs, fields, *args, **kwargs)
        if rows:
            self._changed(fields)
        return rows

    bulk_update.alters_data = True


def watch(*watched: type[models.Model], hidden: Iterable[str] = ()) -> None:
    """Declare models that public pages show (call from AppConfig.ready()): every
    save, delete and change of their many-to-many fields changes the content
    generation after the transaction commits.

    `hidden`: fields of these models that no public page shows (e.g. personal data):
    a save(update_fields=…) or update() of only those changes nothing.
    """
    hidden = frozenset(hidden)
    for model in watched:
        for manager in model._meta.managers:
            queryset = manager._queryset_class
            if not issubclass(queryset, WatchedQuerySet):
                raise ImproperlyConfigured(
                    f"{model._meta.label} is watched by the page cache, but the queryset "
                    f"of its manager {manager.name!r} ({queryset.__name__}) is no "
                    "denhaag_cms.changes.WatchedQuerySet: its bulk writes would not be "
                    "seen."
                )
        unknown = hidden - {field.name for field in model._meta.concrete_fields}
        if unknown:
            raise ImproperlyConfigured(f"{model._meta.label} has no field {sorted(unknown)}")
        proxies = [
            other
            for other in apps.get_models()
            if other._meta.proxy and other._meta.concrete_model is model
        ]
        for sender in (model, *proxies):
            _watched[sender] = hidden
            post_save.connect(_saved, sender=sender)
            post_delete.connect(_deleted, sender=sender)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            _watched.setdefault(through, frozenset())
            m2m_changed.connect(_related_changed, sender=through)


def watched_models() -> frozenset[type[models.Model]]:
    """The models declared with watch(), and their many-to-many tables."""
    return frozenset(_watched)


def _saved(sender, using, update_fields=None, **kwargs) -> None:
    if update_fields and set(update_fields) <= _watched.get(sender, frozenset()):
        return
    content_changed(using)


def _deleted(sender, using, **kwargs) -> None:
    content_changed(using)


def _related_changed(sender, action: str, using, **kwargs) -> None:
    if action.startswith("post_"):
        content_changed(using)


def migrated(sender, using="default", **kwargs) -> None:
    """After `migrate`: a data migration may have changed what pages show."""
    content_changed(using)


# -- the next scheduled change -------------------------------------------------------

_schedules: list[Callable[[dt.datetime], dt.datetime | None]] = []


def register_schedule(function: Callable[[dt.datetime], dt.datetime | None]) -> None:
    """`function(now)` returns the next moment after `now` at which something public
    changes by itself (e.g. a scheduled release goes public), or None. Apps register
    theirs in AppConfig.ready()."""
    if function not in _schedules:
        _schedules.append(function)


def next_change(now: dt.datetime, gen: int) -> float:
    """The next scheduled change, as a Unix time (inf: none), for this generation."""
    key = NEXT_CHANGE_KEY.format(gen)
    moment = ask("read the next change", None, cache.get, key)
    if moment is not None and moment > now.timestamp():
        return moment
    moments = [m for m in (schedule(now) for schedule in _schedules) if m is not None]
    moment = min(moments).timestamp() if moments else float("inf")
    # Kept until the moment (it is checked against the clock above) or a day: a
    # schedule cannot change without a write, which starts another generation.
    timeout = max(1, int(min(moment - now.timestamp(), NEXT_CHANGE_SECONDS)) + 1)
    ask("store the next change", None, cache.set, key, moment, timeout)
    return moment


def keep_seconds() -> int:
    """How long a fragment or a remembered value is kept at most: as long as a cached
    page, or FRAGMENT_SECONDS with the page cache off."""
    return settings.PAGE_CACHE_SECONDS or FRAGMENT_SECONDS


def remember(name: str, compute: Callable[[], object]) -> object:
    """A value computed from the content (e.g. the years with releases), kept in the
    shared cache as a {% cache %} fragment is (press.pages.fragments): until the next
    change, for at most `keep_seconds()`, not under DEBUG."""
    gen = None if settings.DEBUG else generation()
    if gen is None:  # the cache does not answer
        return compute()
    now = timezone.now()
    key = f"pagecache:value:{gen}:{name}"
    entry = ask("read a value", None, cache.get, key)
    if entry is not None and entry[0] > now.timestamp():
        return entry[1]
    until = min(next_change(now, gen), now.timestamp() + keep_seconds())
    value = compute()
    timeout = max(1, int(until - now.timestamp()) + 1)
    ask("store a value", None, cache.set, key, (until, value), timeout)
    return value
