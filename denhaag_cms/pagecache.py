"""Whole public pages for anonymous readers, in the shared cache, never stale.

One rule keeps it correct: every cached page holds the *content generation* it was
rendered in, a number that changes after every write to a model that public pages
show, and every entry ends at the *next scheduled change* (a release whose
publication moment comes, a thread that opens or closes by itself, a membership that
ends). So a page is served from the cache only while nothing it could show has
changed: no cron job, no list of which page shows what.

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

A cache that fails is a cache miss (denhaag_cms.cache.ask): the page is rendered
from the database for this request and not stored, and for a few seconds this
process does not ask the cache again. The first call that works after a fault
changes the generation: writes made while the cache could not be told must not leave
older pages in it.

Per-visitor values (the CSRF token and the comment form's signed timestamp) are not
cached: a page rendered for the cache carries placeholders ("holes") for them, and
every response, from the cache or fresh, fills them in for its own visitor.

Views opt in with `@public_page`, which renders and fills the cache;
`PageCacheMiddleware` answers the cached pages that hold no per-visitor value before
the rest of the middleware and the URL resolution run.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterable

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost, ImproperlyConfigured
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import urlencode

from denhaag_cms.cache import after_a_fault, ask

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
NEXT_CHANGE_KEY = "pagecache:next-change:{}"
PAGE_KEY = "pagecache:page:{}"
CACHEABLE_STATUS = {200, 301, 410}
PUBLIC_CACHE_CONTROL = {"public": True, "max_age": 0, "must_revalidate": True}
PRIVATE_CACHE_CONTROL = {"private": True, "no_cache": True}

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
                    "denhaag_cms.pagecache.WatchedQuerySet: its bulk writes would not be "
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
    timeout = settings.PAGE_CACHE_SECONDS if moment == float("inf") else moment - now.timestamp()
    timeout = max(1, min(settings.PAGE_CACHE_SECONDS, int(timeout) + 1))
    ask("store the next change", None, cache.set, key, moment, timeout)
    return moment


def remember(name: str, compute: Callable[[], object]) -> object:
    """A value computed from the content (e.g. the years with releases), kept in the
    shared cache as long as a cached page would be: until the next change."""
    if not settings.PAGE_CACHE_SECONDS:
        return compute()
    gen = generation()
    if gen is None:  # the cache does not answer
        return compute()
    now = timezone.now()
    key = f"pagecache:value:{gen}:{name}"
    entry = ask("read a value", None, cache.get, key)
    if entry is not None and entry[0] > now.timestamp():
        return entry[1]
    until = min(next_change(now, gen), now.timestamp() + settings.PAGE_CACHE_SECONDS)
    value = compute()
    timeout = max(1, int(until - now.timestamp()) + 1)
    ask("store a value", None, cache.set, key, (until, value), timeout)
    return value


# -- holes: per-visitor values in cached pages ---------------------------------------

_fillers: dict[str, Callable[[HttpRequest, str], str]] = {
    "csrf": lambda request, _arg: get_token(request),
}
_HOLE = re.compile("\ue010([a-z-]+):([^\ue011]*)\ue011".encode())


def register_hole(name: str, filler: Callable[[HttpRequest, str], str]) -> None:
    _fillers[name] = filler


def hole(request: HttpRequest, name: str, arg: str = "") -> str:
    """A per-visitor value: on a page rendered for the cache a placeholder that every
    response fills in for its own visitor; elsewhere the value itself."""
    if getattr(request, "_pagecache_render", False):
        return placeholder(name, arg)
    return _fillers[name](request, arg)


def placeholder(name: str, arg: str = "") -> str:
    """A hole's placeholder, which every response fills in for its own visitor."""
    return f"\ue010{name}:{arg}\ue011"


def _fill(request: HttpRequest, content: bytes) -> bytes:
    def filled(match: re.Match) -> bytes:
        filler = _fillers.get(match[1].decode())
        try:
            return filler(request, match[2].decode()).encode() if filler else b""
        except ValueError:  # not one of ours: someone typed the characters of a hole
            return b""

    return _HOLE.sub(filled, content)


# -- who gets cached pages -----------------------------------------------------------


def is_anonymous_reader(request: HttpRequest) -> bool:
    """A GET or HEAD without a session (logged-in users have one), pending messages or
    credentials. Decided from the request alone, so PageCacheMiddleware can ask it
    before any other middleware has run; nginx's front cache skips the same requests
    (deploy/nginx/site.conf.template)."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _has_messages(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return bool(storage is not None and getattr(storage, "_queued_messages", None))


def _key(language: str, path: str, query: Iterable[tuple[str, str]]) -> str:
    """The page's key: its language, address and the query parameters it reads. The
    generation it was rendered in is kept in the entry (one read from the cache fetches
    both, and a new generation's page replaces the old)."""
    raw = f"{language}|{path}|{urlencode(sorted(query))}"
    return PAGE_KEY.format(hashlib.sha256(raw.encode()).hexdigest())


def _fresh(entry: dict | None, gen: int) -> bool:
    """Whether a cached entry may still be served: rendered in this generation and
    before its next scheduled change."""
    now = timezone.now().timestamp()
    return entry is not None and entry["gen"] == gen and entry["until"] > now


def _etag(content: bytes) -> str:
    return f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'


def _respond(request: HttpRequest, entry: dict) -> HttpResponse:
    content = _fill(request, entry["content"]) if entry["holes"] else entry["content"]
    return HttpResponse(content, status=entry["status"], headers=entry["headers"])


class _Lookup:
    """What PageCacheMiddleware found for a request it could not answer, for the view's
    @public_page (no second read), and the entry that view rendered, for the middleware
    to store with the headers the response leaves the stack with."""

    def __init__(self, key: str, found: dict) -> None:
        self.key, self.found = key, found
        self.store: tuple[str, dict, int] | None = None


def public_page(params: Iterable[str] = ()) -> Callable:
    """Serve the view's page to anonymous readers from the shared cache.

    `params`: the query parameters the view reads (others do not change the page and
    do not split the cache). The page's ETag is that of its cached form (the same for
    every visitor), so conditional GETs are answered 304 by ConditionalGetMiddleware.
    Pages without per-visitor values are answered by PageCacheMiddleware before the
    view is even looked up; the others (a comment form's CSRF token) here, where the
    CSRF middleware sets the visitor's cookie.
    """
    params = tuple(params)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not settings.PAGE_CACHE_SECONDS or not is_anonymous_reader(request):
                return view(request, *args, **kwargs)
            query = [(p, v) for p in params for v in request.GET.getlist(p)]
            key = _key(translation.get_language(), request.path, query)
            lookup = getattr(request, "_pagecache", None)
            if lookup is not None and lookup.key == key:
                found = lookup.found
            else:  # one round trip for both
                found = ask("read a page", None, cache.get_many, [GENERATION_KEY, key])
            gen = None if found is None else generation(found.get(GENERATION_KEY))
            if gen is None:  # the cache does not answer: rendered for this visitor alone
                return view(request, *args, **kwargs)
            entry = found.get(key)
            if _fresh(entry, gen):
                response = _respond(request, entry)
                response["X-Page-Cache"] = "hit"
                return response
            now = timezone.now()
            until = min(next_change(now, gen), now.timestamp() + settings.PAGE_CACHE_SECONDS)
            request._pagecache_render = True
            try:
                response = view(request, *args, **kwargs)
            finally:
                request._pagecache_render = False
            if response.streaming:
                return response
            if (
                response.status_code not in CACHEABLE_STATUS
                or response.cookies
                or response.has_header("Cache-Control")
                or _has_messages(request)
            ):
                response.content = _fill(request, response.content)
                return response
            if hasattr(response, "render") and callable(response.render):
                response.render()
            content = response.content
            response["ETag"] = _etag(content)
            entry = {
                "status": response.status_code,
                "headers": list(response.headers.items()),
                "content": content,
                "holes": _HOLE.search(content) is not None,
                "gen": gen,
                "until": until,
                # The headers of the whole answer, for PageCacheMiddleware (None: the
                # page is answered here, below the middleware that complete it).
                "outer": None,
            }
            timeout = max(1, int(until - now.timestamp()) + 1)
            if lookup is not None:
                lookup.store = (key, entry, timeout)
            else:  # PageCacheMiddleware is not in MIDDLEWARE
                ask("store a page", None, cache.set, key, entry, timeout)
            response = _respond(request, entry)
            response["X-Page-Cache"] = "miss"
            return response

        return wrapper

    return decorator


class PageCacheMiddleware:
    """Answers an anonymous reader from the cache before the rest of the stack runs.

    A cached page without per-visitor values (no comment form) is the same answer for
    every anonymous reader, headers included, so it is stored with the headers the
    response left the middleware below this one with (sessions, locale, CSRF, messages,
    clickjacking, Cache-Control, s-maxage, ETag) and answered here, with no URL
    resolution, no session, no user and no view. Who may be answered is
    `is_anonymous_reader`, from the request alone; the page's language is its address's
    prefix (the one LocaleMiddleware activates for it), its query the parameters given:
    a request with parameters the view does not read misses here and is answered by
    the view's @public_page, as are pages with a comment form (their CSRF cookie is
    set by the CSRF middleware, per visitor).

    Goes just inside ConditionalGetMiddleware, which turns a hit into a 304 as it does a
    page rendered (so a revalidation by the front cache, a conditional GET, still
    stores the whole page's headers here), and inside the middleware that add
    security headers to every response: a hit gets those from the same code as a miss
    (HSTS only over HTTPS, the HTTPS redirect, the CSP).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE_SECONDS or not is_anonymous_reader(request):
            return self.get_response(request)
        language = translation.get_language_from_path(request.path_info)
        if language is None:  # not a page of i18n_patterns: never a @public_page
            return self.get_response(request)
        query = [(name, value) for name, values in request.GET.lists() for value in values]
        key = _key(language, request.path, query)
        found = ask("read a page", None, cache.get_many, [GENERATION_KEY, key])
        if found is None:  # the cache does not answer: a miss, and nothing to store
            return self.get_response(request)
        entry = found.get(key)
        if (
            entry is not None
            and entry["outer"] is not None
            and _fresh(entry, generation(found.get(GENERATION_KEY)))
            and _allowed_host(request)
        ):
            status, headers = entry["status"], entry["outer"]
            response = HttpResponse(entry["content"], status=status, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        request._pagecache = lookup = _Lookup(key, found)
        response = self.get_response(request)
        if lookup.store is not None:
            key, entry, timeout = lookup.store
            if (
                not entry["holes"]
                and response.status_code == entry["status"]
                and not response.cookies
                and response.get("X-Page-Cache") == "miss"
            ):
                # The ETag ConditionalGetMiddleware would compute on every hit (an MD5 of
                # the page: 6 % of a hit's CPU), computed once and stored with the page.
                if not response.has_header("ETag"):
                    set_response_etag(response)
                headers = response.headers.items()
                entry["outer"] = [(n, v) for n, v in headers if n != "X-Page-Cache"]
            ask("store a page", None, cache.set, key, entry, timeout)
        return response


def _allowed_host(request: HttpRequest) -> bool:
    """Whether the request's Host is one of ALLOWED_HOSTS; if not, the request goes the
    whole way, to CommonMiddleware's 400."""
    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True


# -- Cache-Control on every response --------------------------------------------------


class CacheControlMiddleware:
    """Every response says how long it may be kept.

    Public pages (GET/HEAD of an anonymous reader, 404 and 410 too): `public,
    max-age=0, must-revalidate`, so browsers and proxies ask again each time and get
    a 304 while the page is unchanged (ETag). A withdrawal or a correction is seen at
    the next request. Everything else (logged-in users, POSTs) and responses that set
    a cookie (a page with a comment form sets the visitor's CSRF cookie, which a
    shared cache must not hand to others): `private, no-cache`. A view's own
    Cache-Control (admin, previews, share links) is left alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            if is_anonymous_reader(request) and not response.cookies:
                patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
            else:
                patch_cache_control(response, **PRIVATE_CACHE_CONTROL)
        return response
