"""Whole public pages for anonymous readers, in the shared cache, never stale.

One rule keeps it correct: every cached page holds the content generation it was
rendered in (denhaag_cms.changes, which says what changes it and when the next
scheduled change comes), and is served only while that is still the generation and
the next scheduled change has not come. No cron job, no list of which page shows
what.

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

import functools
import hashlib
import logging
import re
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import urlencode

from denhaag_cms.cache import ask
from denhaag_cms.changes import GENERATION_KEY, generation, next_change

logger = logging.getLogger(__name__)


PAGE_KEY = "pagecache:page:{}"
CACHEABLE_STATUS = {200, 301, 410}
PUBLIC_CACHE_CONTROL = {"public": True, "max_age": 0, "must_revalidate": True}
PRIVATE_CACHE_CONTROL = {"private": True, "no_cache": True}

# -- holes: per-visitor values in cached pages ---------------------------------------

_fillers: dict[str, Callable[[HttpRequest, str], str]] = {
    "csrf": lambda request, _arg: get_token(request),
}
_HOLE = re.compile("\ue010([a-z-]+):([^\ue011]*)\ue011".encode())


def register_hole(name: str, filler: Callable[[HttpRequest, str], str]) -> None:
    _fillers[name] = filler


def hole(request: HttpRequest, name: str, arg: str = "") -> str:
    """A per-visitor value: on a page rendered for everyone a placeholder that every
    response fills in for its own visitor; elsewhere the value itself."""
    if renders_for_everyone(request):
        return placeholder(name, arg)
    return _fillers[name](request, arg)


def renders_for_everyone(request: HttpRequest) -> bool:
    """Whether the page being rendered is the same for every anonymous reader: its
    per-visitor values are holes, so it (or a {% cache %} fragment of it) may be kept
    in the shared cache. True in every @public_page view for an anonymous reader,
    with the page cache on or off."""
    return getattr(request, "_pagecache_render", False)


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
            if not is_anonymous_reader(request):
                return view(request, *args, **kwargs)
            if not settings.PAGE_CACHE_SECONDS:
                return _filled(_render_for_everyone(view, request, args, kwargs), request)
            query = [(p, v) for p in params for v in request.GET.getlist(p)]
            key = _key(translation.get_language(), request.path, query)
            lookup = getattr(request, "_pagecache", None)
            if lookup is not None and lookup.key == key:
                found = lookup.found
            else:  # one round trip for both
                found = ask("read a page", None, cache.get_many, [GENERATION_KEY, key])
            gen = None if found is None else generation(found.get(GENERATION_KEY))
            if gen is None:  # the cache does not answer: rendered, not stored
                return _filled(_render_for_everyone(view, request, args, kwargs), request)
            entry = found.get(key)
            if _fresh(entry, gen):
                response = _respond(request, entry)
                response["X-Page-Cache"] = "hit"
                return response
            now = timezone.now()
            until = min(next_change(now, gen), now.timestamp() + settings.PAGE_CACHE_SECONDS)
            response = _render_for_everyone(view, request, args, kwargs)
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


def _render_for_everyone(view: Callable, request: HttpRequest, args, kwargs) -> HttpResponse:
    """The view's page as every anonymous reader gets it: per-visitor values are holes."""
    request._pagecache_render = True
    try:
        return view(request, *args, **kwargs)
    finally:
        request._pagecache_render = False


def _filled(response: HttpResponse, request: HttpRequest) -> HttpResponse:
    """A page rendered for everyone, with this visitor's values in its holes."""
    if response.streaming:
        return response
    if hasattr(response, "render") and callable(response.render):
        response.render()
    response.content = _fill(request, response.content)
    return response


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
    (HSTS only over HTTPS, the HTTPS redirect). The Content-Security-Policy is the one
    exception, set below and kept with the page: building it is a large share of a
    hit's work, and a public page's policy depends on the settings alone.
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
