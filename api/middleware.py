"""The API's conventions on every answer under /api/ (api.conventions), in one
middleware: also the answers made before a view runs or outside one (a NUL in the
query string, an unknown address, a host not allowed) are problems in JSON, with the
API's headers.

Placed inside LocaleMiddleware and outside the middleware that answer 400 and 404 on
their own (NulCharacterMiddleware, CommonMiddleware), so that it sees their answers.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.validators import ProhibitNullCharactersValidator
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from rest_framework import serializers

from api import conventions
from api.problems import CONTENT_TYPE, problem
from denhaag_cms import ratelimit


class ApiHeadersMiddleware:
    """The API's headers on every answer under /api/, a 304 included: placed outside
    ConditionalGetMiddleware, which keeps only a few headers on the 304 it makes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if conventions.is_api_request(request):
            language = conventions.language_asked(request) or settings.LANGUAGE_CODE
            conventions.add_headers(response, language)
        return response


class ApiMiddleware:
    """The rate limit, the language, CORS preflights and problems: inside
    LocaleMiddleware (which would choose another language)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not conventions.is_api_request(request):
            return self.get_response(request)
        asked = conventions.language_asked(request)
        language = asked or settings.LANGUAGE_CODE
        with translation.override(language):
            response = self.answer(request, asked)
            if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
                CONTENT_TYPE
            ):
                # Made outside the API's views (an address that is none of its own,
                # a NUL in the query string): the same problem, in JSON.
                status = response.status_code
                kept = ("Retry-After", "Allow", "Cache-Control")
                headers = {n: response[n] for n in kept if n in response}
                extra = {"invalid-params": with_nul(request)} if status == 400 else {}
                response = problem(request, status, **extra)
                for name, value in headers.items():
                    response[name] = value
            return response

    def answer(self, request: HttpRequest, asked: str | None) -> HttpResponse:
        if request.method == "OPTIONS":
            return conventions.preflight(HttpResponse(status=204))
        if not ratelimit.hit_client(
            request, "api", limit=settings.API_RATE_LIMIT, window=settings.API_RATE_WINDOW
        ):
            response = problem(request, 429)
            response["Retry-After"] = str(settings.API_RATE_WINDOW)
            response["Cache-Control"] = "no-store"
            return response
        if asked is None:  # a `lang` that is none of ours
            message = serializers.ChoiceField.default_error_messages["invalid_choice"]
            reason = str(message).format(input=request.GET["lang"])
            return problem(
                request, 400, **{"invalid-params": [{"name": "lang", "reason": reason}]}
            )
        return self.get_response(request)


def with_nul(request: HttpRequest) -> list[dict[str, str]]:
    """The query parameters with a NUL character (NulCharacterMiddleware's 400)."""
    reason = str(ProhibitNullCharactersValidator.message)
    return [
        {"name": name, "reason": reason}
        for name, values in request.GET.lists()
        if "\x00" in name or any("\x00" in value for value in values)
    ]
