"""What every answer of the API shares, by the Dutch API Design Rules (Logius):
its version, its language, CORS for reading from any web page, and JSON whatever
the client asks for.

The language of the texts that are not given in both languages (theme names, roles,
link titles, change notes, error titles): the `lang` parameter if given, else the
first supported language of the Accept-Language header, else Dutch.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework.negotiation import BaseContentNegotiation

# The whole version (major.minor.patch) in the API-Version header; the major one in
# the address (/api/v1/).
API_VERSION = settings.SPECTACULAR_SETTINGS["VERSION"]
PREFIX = "/api/"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# What a page on another site may read of an answer besides the simple headers.
EXPOSED_HEADERS = "API-Version, Content-Language, ETag, Retry-After"
PREFLIGHT_MAX_AGE = 24 * 60 * 60
# The largest id the API reads (18 digits): every database stores it.
MAX_ID = 999_999_999_999_999_999


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(PREFIX)


def language_asked(request: HttpRequest) -> str | None:
    """The language the client asks for; None for a `lang` that is none of ours."""
    if "lang" in request.GET:
        code = request.GET["lang"]
        return code if code in LANGUAGE_CODES else None
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    try:
        accepted = parse_accept_lang_header(header)
    except ValueError:  # longer than Django reads
        accepted = ()
    for code, _quality in accepted:
        base = code.split("-", 1)[0].lower()
        if base in LANGUAGE_CODES:
            return base
    return settings.LANGUAGE_CODE


def add_headers(response: HttpResponseBase, language: str) -> HttpResponseBase:
    """The headers every answer of the API carries, a 304 and a 429 included."""
    response["API-Version"] = API_VERSION
    response["Content-Language"] = language
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    patch_vary_headers(response, ("Accept-Language",))
    return response


def preflight(response: HttpResponseBase) -> HttpResponseBase:
    """The answer to a CORS preflight (OPTIONS): GET and HEAD from any origin, without
    credentials, with the headers a conditional, language-aware read sends."""
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = (
        "Accept, Accept-Language, If-None-Match, If-Modified-Since"
    )
    response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    response["Allow"] = "GET, HEAD, OPTIONS"
    return response


class JsonOnly(BaseContentNegotiation):
    """JSON for everyone: the API has one representation, so an Accept header asking
    for another gets JSON rather than a 406."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
