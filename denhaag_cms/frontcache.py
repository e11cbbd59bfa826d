"""What a shared cache in front of the app (nginx's proxy_cache, deploy/nginx/) may keep.

A public response for an anonymous reader gets `s-maxage=FRONT_CACHE_SECONDS` in its
Cache-Control: shared caches (nginx, a CDN) may serve it that long without asking,
then revalidate it with the app (a conditional GET: a 304 when the page is unchanged).
Browsers ignore s-maxage and keep following `max-age`. Why a short lifetime instead
of purging from the app, and what that means for staleness: README.md, "Front cache".

Nothing else is ever marked shareable: a request with a session or pending messages
(logged-in staff), a method other than GET/HEAD, a response that sets a cookie or says
`private`, `no-store` or `no-cache` (previews, share links, the admin, pages with a
comment form and their CSRF cookie). nginx keeps the same rules on its side
(deploy/nginx/site.conf.template), so one side failing is not a leak.

s-maxage rather than X-Accel-Expires: it is the standard header, nginx 1.22 honours
it whatever the header order (it ignores X-Accel-Expires after a `max-age=0`), and it
travels on the 304 of a revalidation, so nginx keeps the refreshed copy again.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from denhaag_cms.pagecache import is_anonymous_reader

# Cache-Control directives that forbid a shared cache to serve the response as it is.
NOT_SHAREABLE = ("private", "no-store", "no-cache")
# Answers worth sharing; never a 5xx (nginx serves its stale copy instead, if any).
SHAREABLE_STATUS = {200, 301, 404, 410}


def _directives(response: HttpResponse) -> set[str]:
    return {
        part.split("=", 1)[0].strip().lower()
        for part in response.get("Cache-Control", "").split(",")
        if part.strip()
    }


class FrontCacheMiddleware:
    """Adds `s-maxage` to public responses for anonymous readers (see the module).

    Goes outside every middleware that sets cookies or Cache-Control (sessions, CSRF,
    messages, the page cache), so it sees the response as the client will.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        seconds = settings.FRONT_CACHE_SECONDS
        if (
            not seconds
            or response.status_code not in SHAREABLE_STATUS
            or not is_anonymous_reader(request)
            or response.cookies
        ):
            return response
        # What the browser is told (and whether it is public) is the page cache's
        # decision (denhaag_cms.pagecache.CacheControlMiddleware, inside this one).
        directives = _directives(response)
        if "public" in directives and not directives & set(NOT_SHAREABLE):
            patch_cache_control(response, s_maxage=seconds)
        return response
