"""Project-level views: robots.txt, favicon and error pages (the health check is
denhaag_cms.health's)."""

import functools
import sys

from django.contrib.staticfiles import finders
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from denhaag_cms.unavailable import is_database_unavailable, unavailable_response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: an unavailable database outside a view (e.g. in a middleware)
    still gets the 503 page; any other error the plain 500 page."""
    if is_database_unavailable(sys.exc_info()[1]):
        return unavailable_response(request)
    # A static template, rendered without the request (as Django does).
    return HttpResponseServerError(loader.get_template("500.html").render())


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read everything public; the sitemap lists it (absolute address)."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# Browsers ask for /favicon.ico whatever the pages say; a week in their cache.
FAVICON_MAX_AGE = 7 * 24 * 3600


@functools.cache
def _favicon() -> bytes:
    with open(finders.find("favicon.ico"), "rb") as file:
        return file.read()


@cache_control(public=True, max_age=FAVICON_MAX_AGE)
@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico: the site's icon (static/favicon.ico, also linked from every page)."""
    return HttpResponse(_favicon(), content_type="image/vnd.microsoft.icon")


# -- error pages ------------------------------------------------------------------------
#
# Django's own error views are wrapped in @requires_csrf_token, which runs the CSRF
# check once more on a POST: it reads request.POST (and request.get_host() when an
# Origin or Referer is checked). For the very requests that led to the error page that
# raises again (a form body in another charset than UTF-8, a Host outside
# ALLOWED_HOSTS), so the citizen got a 500 instead of a 400. Our error templates have
# no form and need no CSRF token: these views render them and read nothing but the
# path and the language LocaleMiddleware chose.


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponseBadRequest(loader.render_to_string("400.html", request=request))


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponseForbidden(loader.render_to_string("403.html", request=request))


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))
