"""The OpenAPI document is generated from the code, valid, and committed: a change to
the contract shows in review."""

import io
import json

import pytest
from django.core.management import call_command
from openapi_spec_validator import validate

from api.conventions import MAX_ID
from api.management.commands import api_openapi
from api.schema import COMMITTED, REGENERATE, as_text, openapi_document

pytestmark = pytest.mark.django_db


def test_the_committed_document_is_the_generated_one():
    assert COMMITTED.read_text(encoding="utf-8") == as_text(openapi_document()), (
        f"docs/openapi.json differs from what the code generates: run `{REGENERATE}` "
        "and commit the result."
    )


def test_the_command_writes_the_generated_document(tmp_path, monkeypatch):
    target = tmp_path / "openapi.json"
    monkeypatch.setattr(api_openapi, "COMMITTED", target)
    call_command("api_openapi", stdout=io.StringIO())
    assert target.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")


def test_the_document_is_valid_openapi_3_and_has_every_resource():
    document = json.loads(COMMITTED.read_text(encoding="utf-8"))
    validate(document)
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/v1/releases",
        "/api/v1/releases/{id}",
        "/api/v1/themes",
        "/api/v1/themes/{id}",
        "/api/v1/themes/{id}/releases",
        "/api/v1/networks",
        "/api/v1/networks/{id}",
        "/api/v1/networks/{id}/releases",
    }
    # No trailing slashes, lower-case kebab-case.
    assert all(path == path.lower() and not path.endswith("/") for path in document["paths"])
    # Ids as the addresses take them.
    id_schema = document["paths"]["/api/v1/releases/{id}"]["get"]["parameters"][0]["schema"]
    assert id_schema == {"type": "integer", "minimum": 1, "maximum": MAX_ID}


def test_the_api_serves_the_document_and_a_page_for_people(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == json.loads(COMMITTED.read_text(encoding="utf-8"))
    page = client.get("/api/v1/docs", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<code>GET /api/v1/releases/{id}</code>" in html
    assert "updated-since" in html
    assert 'href="/api/v1/openapi.json"' in html
