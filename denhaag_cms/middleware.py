"""The load balancer's health check, the 503 page when the database does not answer,
and security headers for the public pages."""

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from denhaag_cms.unavailable import is_database_unavailable, unavailable_response
from denhaag_cms.views import healthz

logger = logging.getLogger(__name__)

# The address of the healthz view in denhaag_cms/urls.py (a test keeps them equal).
HEALTH_CHECK_PATH = "/healthz"


class HealthCheckMiddleware:
    """Answer GET and HEAD /healthz before any other middleware sees the request.

    First in MIDDLEWARE. The load balancer checks each app server over plain HTTP,
    often by its IP address: SecurityMiddleware would answer that with a 301 to
    https (SECURE_SSL_REDIRECT) and the host check with a 400 (DisallowedHost, not
    in ALLOWED_HOSTS), so the server would never look healthy. The healthz view
    reads nothing from the request but its method, so any Host is safe here.
    Other methods go the normal way (and get their 405 from the view).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == HEALTH_CHECK_PATH and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A view that fails because the database does not answer (refused, connect or
    statement timeout, connection terminated) gets a 503 page with Retry-After in the
    reader's language, not a 500. Errors outside views go to ``handler500``, which
    asks the same rule."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_unavailable(exception):
            return None
        logger.error(
            "Database unavailable: %s %s answered 503 (%s)",
            request.method,
            request.path,
            exception,
        )
        return unavailable_response(request)


# The public pages load only our own CSS and images (media may live on object
# storage, hence https: for images); no script runs on them. JSON-LD blocks are data,
# not scripts, and are not affected.
PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' https: data:",
        "style-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    """A Content-Security-Policy on public pages (the admin keeps Django's defaults)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", PUBLIC_CSP)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
