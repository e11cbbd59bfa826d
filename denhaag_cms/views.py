"""Project-level views: health check and error pages."""

import sys

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from denhaag_cms import health
from denhaag_cms.unavailable import is_database_unavailable, unavailable_response


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database and the cache answer; 503 within HEALTH_CHECK_TIMEOUT
    seconds when either does not, saying which (for the load balancer)."""
    states = health.check()
    healthy = all(state == health.OK for state in states.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **states}, status=200 if healthy else 503
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: an unavailable database outside a view (e.g. in a middleware)
    still gets the 503 page; any other error the plain 500 page."""
    if is_database_unavailable(sys.exc_info()[1]):
        return unavailable_response(request)
    return defaults.server_error(request)


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
