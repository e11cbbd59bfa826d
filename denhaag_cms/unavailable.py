"""When the database does not answer: a 503 page with Retry-After, never a 500.

One rule (which errors mean "the database is unavailable") and one way to answer,
asked by the middleware (errors in views), by the 500 handler (errors elsewhere in
the request) and by the comment form (which gives the citizen's text back).
"""

from __future__ import annotations

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

from denhaag_cms.context_processors import site

# OperationalError: refused, timed out (connect or statement timeout), connection
# terminated by the server. InterfaceError: a connection that was closed under us.
# Other DatabaseErrors (IntegrityError, ProgrammingError, …) are bugs: they stay 500.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def is_database_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, DATABASE_UNAVAILABLE)


def unavailable_response(
    request: HttpRequest, template: str = "503.html", context: dict | None = None
) -> HttpResponse:
    """A 503 page rendered without touching the database.

    Not all context processors: the messages one would load the session from the
    database for a logged-in user. The page gets what base.html needs, and a CSRF
    token so that a form on it can be sent again.
    """
    page_context = {
        **site(request),
        "request": request,
        "csrf_token": get_token(request),
        "was_post": request.method == "POST",
        **(context or {}),
    }
    response = HttpResponse(render_to_string(template, page_context), status=503)
    response["Retry-After"] = str(settings.RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
