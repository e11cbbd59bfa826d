"""What a shared cache in front of the app (nginx's proxy_cache, deploy/nginx/) may keep,
and for how long: decided here, and only here.

A public response for an anonymous reader gets, in its Cache-Control,

- `s-maxage=FRONT_CACHE_SECONDS`: shared caches (nginx, a CDN) may serve it that long
  without asking, then revalidate it with the app (a conditional GET: a 304 when the
  page is unchanged). This is the promise: a change (an edit, a release reaching its
  moment, a renamed address, a withdrawal, a thread closed or reopened) is seen
  through the front cache within these few seconds, whatever a reader was served
  before. Browsers ignore s-maxage and keep following `max-age` (0).
- `stale-if-error=FRONT_CACHE_STALE_SECONDS`: how long after that a copy may still
  stand in for an app that cannot answer (down, timing out, a 5xx), and only then.
  nginx serves a stale copy in no other case: not while it refreshes one
  (no `proxy_cache_use_stale updating`, no background update), because the refreshed
  answer may be one it must not store, and the old copy would then be served for good.

The same lifetime for every status worth sharing: 200, and the answers that say where
a page is or is not (301, 404, 410). Each is replaced at the next refresh by whatever
the app answers then: a 404 before a release's moment, a 301 of a renamed address,
a 410 of a withdrawal do not outlive the promise.

Nothing else is ever marked shareable: a request with a session or pending messages
(logged-in staff), a method other than GET/HEAD, a response that sets a cookie or says
`private`, `no-store` or `no-cache` (previews, share links, the admin). nginx keeps
the same rules on its side (deploy/nginx/site.conf.template), so one side failing is
not a leak.

The page with a comment form is never shared (the choice made here): it sets the
visitor's CSRF cookie, the form's token must match it, and a page without the token
would need another defence against cross-site posting. So the article with an open
thread is answered by the app every time (from the page cache, with the holes filled
for the visitor); when the thread closes (or the release is withdrawn, renamed, not
yet public) the answer at that address becomes shareable, and when the thread opens
again it stops being so. nginx then asks the app on every request, the older shared
copy lies unused in its store, and only an app that cannot answer brings it back,
within stale-if-error of its expiry.

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
            patch_cache_control(
                response, s_maxage=seconds, stale_if_error=settings.FRONT_CACHE_STALE_SECONDS
            )
        return response
