"""The API's OpenAPI 3 document, generated from the code (drf-spectacular): served at
/api/v1/openapi.json, and committed as docs/openapi.json so that a change to the
contract shows in review (tests/api/test_openapi.py keeps the two equal;
`python manage.py api_openapi` writes the copy)."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

COMMITTED = Path(settings.BASE_DIR) / "docs" / "openapi.json"
REGENERATE = "python manage.py api_openapi"


def openapi_document() -> dict:
    """In English, whatever language the request asked for."""
    with translation.override("en"):
        return SchemaGenerator().get_schema(request=None, public=True)


def as_text(document: dict) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


RESPONSE_HEADERS = {
    "API-Version": {
        "description": "The API's version (major.minor.patch).",
        "schema": {"type": "string", "example": settings.SPECTACULAR_SETTINGS["VERSION"]},
    },
    "Content-Language": {
        "description": "The language of the texts given in one language.",
        "schema": {"type": "string", "enum": [code for code, _name in settings.LANGUAGES]},
    },
}


def document_headers(result: dict, generator, request, public) -> dict:
    """drf-spectacular's post-processing hook: every answer names the headers every
    answer carries (api.conventions.add_headers)."""
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            for response in operation.get("responses", {}).values():
                response.setdefault("headers", {}).update(RESPONSE_HEADERS)
    return result
