"""The load balancer's health check: any Host, plain HTTP, GET and HEAD."""

import pytest
from django.urls import reverse

from denhaag_cms.middleware import HEALTH_CHECK_PATH

pytestmark = pytest.mark.django_db

INSTANCE = "10.0.0.5"


@pytest.fixture
def production(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["nieuws.denhaag.nl"]


def test_healthz_answers_a_plain_http_check_on_the_instance_address(client, production):
    response = client.get("/healthz", HTTP_HOST=INSTANCE)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_head_on_any_host_without_redirect(client, production):
    for host in (INSTANCE, "nieuws.denhaag.nl"):
        response = client.head("/healthz", HTTP_HOST=host)
        assert response.status_code == 200, host


def test_healthz_still_reports_a_broken_database(client, production, monkeypatch):
    from django.db import OperationalError
    from django.db.backends.base.base import BaseDatabaseWrapper

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    # The check runs in its own thread, with its own connection: break them all.
    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", broken_cursor)
    response = client.get("/healthz", HTTP_HOST=INSTANCE)
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable", "cache": "ok"}


def test_other_addresses_keep_the_host_check_and_the_https_redirect(client, production):
    assert client.get("/nl/", HTTP_HOST=INSTANCE).status_code == 400
    assert client.get("/robots.txt", HTTP_HOST=INSTANCE).status_code == 400
    assert client.get("/healthz/", HTTP_HOST=INSTANCE).status_code == 400
    response = client.get("/nl/", HTTP_HOST="nieuws.denhaag.nl")
    assert response.status_code == 301
    assert response["Location"] == "https://nieuws.denhaag.nl/nl/"


def test_healthz_takes_no_posts(client, production):
    assert client.post("/healthz", HTTP_HOST=INSTANCE).status_code == 400
    assert client.post("/healthz", HTTP_HOST="nieuws.denhaag.nl", secure=True).status_code == 405


def test_middleware_and_url_agree_on_the_address():
    assert reverse("healthz") == HEALTH_CHECK_PATH


def call_wsgi(application, path: str, host: str = INSTANCE) -> tuple[str, bytes]:
    from io import BytesIO
    from wsgiref.util import setup_testing_defaults

    environ = {"PATH_INFO": path, "HTTP_HOST": host, "wsgi.input": BytesIO()}
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = status

    body = b"".join(application(environ, start_response))
    return answer["status"], body


def test_the_health_servers_application_answers_healthz_only(production, settings):
    """The health check's own server (deploy/gunicorn-health.conf.py) runs this
    application: /healthz as the app servers answer it, nothing else of the site."""
    import json

    settings.SECRET_KEY = "a-served-site-has-a-secret-key-of-its-own-" * 2

    from denhaag_cms.healthwsgi import application

    status, body = call_wsgi(application, "/healthz")
    assert status.startswith("200")
    assert json.loads(body) == {"status": "ok", "database": "ok", "cache": "ok"}
    for path in ("/nl/", "/admin/", "/healthz/", "/renditions/1/x.jpg"):
        status, _body = call_wsgi(application, path, host="nieuws.denhaag.nl")
        assert status.startswith("404"), path
