"""The load balancer's health check, the 503 page when the database does not answer,
a 400 for a NUL character in the query string, and security headers for every page."""

import logging
from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.response import TemplateResponse
from django.urls import reverse
from js_asset import Media as AssetMedia

from denhaag_cms.health import healthz
from denhaag_cms.unavailable import is_database_unavailable, unavailable_response

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


class NulCharacterMiddleware:
    """A 400 page, in the reader's language, for a NUL character in a GET parameter
    (its name or value, ``?theme=%00``).

    PostgreSQL refuses NUL in text, so a parameter that reaches a query unchecked (an
    admin changelist's filter, a theme looked up by its slug) answered 500. Checked
    here, in one place, rather than at each parameter: every page, the admin's and
    the ones to come, is covered, and no real address or search has a NUL in it.

    Form fields (POST) are left to the forms: Django's CharField refuses NUL with a
    form error in the reader's language that keeps what they typed, and the fields
    that are no text (choices, numbers, check boxes) take only their own values.
    After LocaleMiddleware, so that the 400 page speaks the page's language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if ("%00" in query or "\x00" in query) and any(
            "\x00" in name or any("\x00" in value for value in values)
            for name, values in request.GET.lists()
        ):
            raise BadRequest("NUL character in the query string")
        return self.get_response(request)


PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    """A Permissions-Policy on every response (the CSP is django-csp's, below)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with two policies: CONTENT_SECURITY_POLICY for the public pages,
    ADMIN_CONTENT_SECURITY_POLICY for the admin (where the body editor and jQuery UI
    set style attributes). A view's own @csp_* decorators still win.

    The body editor (django-prose-editor) loads its modules through an inline
    ``<script type="importmap">``; its media (django-js-asset) carries the request's
    CSP nonce, so the admin's script-src needs no 'unsafe-inline'.
    """

    def process_template_response(
        self, request: HttpRequest, response: TemplateResponse
    ) -> TemplateResponse:
        media = (response.context_data or {}).get("media")
        if isinstance(media, AssetMedia) and is_admin_request(request):
            response.context_data["media"] = media.with_nonce(str(request.csp_nonce))
        return response

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_request(request):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts


def is_admin_request(request: HttpRequest) -> bool:
    # The whole path: the admin's address includes the script prefix (path_info not).
    return request.path.startswith(reverse("admin:index"))
