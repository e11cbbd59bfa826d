"""Errors as problem details (RFC 9457, `application/problem+json`), as the Dutch API
Design Rules ask: `status`, a `title` in the asked language and `titles` in Dutch and
English, a `detail` in the asked language, the address in `instance`, and for a
400 the parameters that were refused (`invalid-params`).

A problem names only what the client sent: never whether something unpublished
exists (an unpublished release is the same 404 as one that never was).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers

CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: _("Bad request"),
    403: _("Forbidden"),
    404: _("Not found"),
    405: _("Method not allowed"),
    406: _("Not acceptable"),
    410: _("Press release withdrawn"),
    429: _("Too many requests"),
    500: _("Server error"),
    503: _("Service unavailable"),
}
DETAILS = {
    400: _("The request has parameters the API cannot read."),
    403: _("This is not allowed."),
    404: _("There is nothing at this address."),
    405: _("The API only answers GET, HEAD and OPTIONS."),
    410: _("This press release has been withdrawn"),
    429: _("Too many requests from your network. Wait before asking again."),
    500: _("Something went wrong on our side."),
    503: _("The API is unavailable for a moment. Try again later."),
}


def in_every_language(text) -> dict[str, str]:
    result = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            result[code] = str(text)
    return result


def problem(request: HttpRequest, status: int, detail: Any = None, **extra: Any) -> JsonResponse:
    """A problem-details answer with `status`; `extra`: its extension members."""
    title = TITLES.get(status, TITLES[500 if status >= 500 else 400])
    body = {
        "type": "about:blank",
        "title": str(title),
        "titles": in_every_language(title),
        "status": status,
        "detail": str(detail if detail is not None else DETAILS.get(status, title)),
        "instance": request.path,
        **extra,
    }
    return JsonResponse(
        body, status=status, content_type=CONTENT_TYPE, json_dumps_params={"ensure_ascii": False}
    )


def invalid_params(detail: Any) -> list[dict[str, str]]:
    """A serializer's errors ({name: [messages]}) as RFC 9457's `invalid-params`."""
    if not isinstance(detail, dict):
        return [{"name": "", "reason": str(message)} for message in _flatten(detail)]
    return [
        {"name": name, "reason": str(message)}
        for name, messages in detail.items()
        for message in _flatten(messages)
    ]


def _flatten(messages: Any) -> list:
    if isinstance(messages, list | tuple):
        return [m for item in messages for m in _flatten(item)]
    if isinstance(messages, dict):
        return [m for item in messages.values() for m in _flatten(item)]
    return [messages]


def exception_handler(exc: Exception, context: dict) -> JsonResponse | None:
    """REST framework's exception handler (settings.REST_FRAMEWORK): every error a view
    raises as a problem."""
    request = context["request"]
    if isinstance(exc, Http404):
        return problem(request, 404, exc.args[0] if exc.args else None)
    if isinstance(exc, PermissionDenied):
        return problem(request, 403)
    if isinstance(exc, exceptions.ValidationError):
        return problem(request, 400, **{"invalid-params": invalid_params(exc.detail)})
    if isinstance(exc, exceptions.MethodNotAllowed):
        response = problem(request, 405)
        response["Allow"] = "GET, HEAD, OPTIONS"
        return response
    if isinstance(exc, exceptions.APIException):
        status = exc.status_code
        return problem(request, status, None if status in DETAILS else exc.detail)
    return None


class InvalidParam(serializers.Serializer):
    name = serializers.CharField()
    reason = serializers.CharField()


class Titles(serializers.Serializer):
    nl = serializers.CharField()
    en = serializers.CharField()


class Problem(serializers.Serializer):
    """The shape of every error (RFC 9457), for the OpenAPI document."""

    type = serializers.CharField()
    title = serializers.CharField(help_text="In the asked language.")
    titles = Titles(help_text="The title in Dutch and in English.")
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()


class BadRequestProblem(Problem):
    def get_fields(self):
        fields = super().get_fields()
        fields["invalid-params"] = InvalidParam(many=True)
        return fields
