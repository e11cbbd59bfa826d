"""What a reader sees when the database or the cache does not answer: a 503 page in
their language with Retry-After (and their reaction's text), never a 500."""

import json
import os
import subprocess
import sys
import time

import pytest
from django.db import OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.urls import get_resolver, reverse
from django.utils import translation
from pytest_django.asserts import assertContains, assertInHTML

from comments.models import Comment
from denhaag_cms.environment import cache_config
from denhaag_cms.views import server_error
from tests.comments.conftest import payload
from tests.faults.conftest import ROOT, HangingProxy, free_port, public_thread

pytestmark = pytest.mark.django_db

TEXT = "Goed plan!\nIk doe <b>mee</b>."


@pytest.fixture
def database_down(monkeypatch):
    """Every query fails the way a refused or terminated connection does."""

    def refused(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refused)


@pytest.fixture
def thread(db):
    return public_thread()


def post_url(thread, language="nl"):
    with translation.override(language):
        return reverse("comments:post", kwargs={"thread_id": thread.pk})


@pytest.mark.parametrize(
    ("language", "says"),
    [
        ("nl", "Door een technisch probleem aan onze kant kunnen we nu geen reacties"),
        ("en", "Because of a technical problem on our side we cannot receive reactions"),
    ],
)
def test_a_reaction_comes_back_with_its_text_when_the_database_is_down(
    client, thread, database_down, language, says
):
    response = client.post(post_url(thread, language), payload(thread, body=TEXT))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert says in response.content.decode()
    # the form, filled in as sent (escaped), to send again to the same address
    assertContains(response, f'action="{post_url(thread, language)}"', status_code=503)
    typed = 'id="id_body">\nGoed plan!\nIk doe &lt;b&gt;mee&lt;/b&gt;.</textarea>'
    assertContains(response, typed, status_code=503)
    assertContains(response, 'value="Fatima"', status_code=503)
    assertContains(response, 'name="csrfmiddlewaretoken"', status_code=503)


def test_the_returned_form_can_be_sent_again_once_the_database_is_back(
    client, thread, monkeypatch
):
    def refused(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "cursor", refused)
        first = client.post(post_url(thread), payload(thread, body=TEXT))
    assert first.status_code == 503
    timestamp = first.content.decode().split('name="timestamp" value="')[1].split('"')[0]
    with pytest.MonkeyPatch.context() as patch:  # the form's own timestamp, 30 s on
        patch.setattr(time, "time", lambda real=time.time: real() + 30)
        again = client.post(post_url(thread), payload(thread, body=TEXT, timestamp=timestamp))
    assert again.status_code == 303
    assert Comment.objects.get().body == TEXT.replace("\r\n", "\n")


@pytest.mark.parametrize(
    ("path", "title"),
    [("/nl/", "Tijdelijk niet beschikbaar"), ("/en/", "Temporarily unavailable")],
)
def test_any_page_answers_503_in_the_readers_language(client, database_down, path, title):
    response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assertInHTML(f"<h1>{title}</h1>", response.content.decode(), count=1)
    assert "back button" not in response.content.decode()


def test_a_form_sent_elsewhere_is_told_it_was_not_saved(client, database_down):
    response = client.post(
        "/admin/login/", {"username": "eindredacteur", "password": "correct horse battery"}
    )
    assert response.status_code == 503
    assert "Wat je hebt verstuurd, is niet opgeslagen." in response.content.decode()


def test_errors_outside_views_use_the_same_rule(rf):
    """handler500 (errors in middleware): 503 for an unavailable database, else 500."""
    assert get_resolver().resolve_error_handler(500) is server_error
    request = rf.get("/nl/")
    try:
        raise OperationalError("terminating connection due to administrator command")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


def test_a_cache_that_refuses_does_not_stop_a_reaction(client, settings, thread, caplog):
    settings.CACHES = {"default": cache_config(f"redis://127.0.0.1:{free_port()}/0")}
    response = client.post(post_url(thread), payload(thread))
    assert response.status_code == 303
    assert "/bedankt/" in response["Location"]
    assert Comment.objects.get().body == "Goed plan!\nIk doe mee."
    assert "The cache does not answer (rate limit comments)" in caplog.text


def test_a_hung_cache_holds_a_reaction_no_longer_than_its_socket_timeout(client, settings, thread):
    proxy = HangingProxy(None)
    try:
        settings.CACHES = {"default": cache_config(f"redis://127.0.0.1:{proxy.port}/0")}
        started = time.monotonic()
        response = client.post(post_url(thread), payload(thread))
        seconds = time.monotonic() - started
    finally:
        proxy.stop()
    assert response.status_code == 303
    assert Comment.objects.count() == 1
    # One socket timeout (1 s): after the rate limit's call timed out, nothing else in
    # the request (the page cache's generation) waits for the cache again.
    assert seconds < 2.0


def test_healthz_names_the_part_that_does_not_answer(client, settings):
    settings.CACHES = {"default": cache_config(f"redis://127.0.0.1:{free_port()}/0")}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "unavailable"}


def test_timeouts_come_from_the_environment():
    show = (
        "from django.conf import settings as s; import json; print(json.dumps("
        "[s.DATABASES['default']['OPTIONS'], s.CACHES['default']['OPTIONS']]))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    base = clean | {
        "DJANGO_SETTINGS_MODULE": "denhaag_cms.settings",
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/db",
        "CACHE_URL": "redis://127.0.0.1:6379/0",
    }

    def options(**env):
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {show}"],
            cwd=ROOT, env=base | env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    database, cache = options()
    assert database == {"connect_timeout": 3, "options": "-c statement_timeout=10000"}
    assert cache == {"socket_connect_timeout": 1.0, "socket_timeout": 1.0}
    database, cache = options(
        DJANGO_DB_CONNECT_TIMEOUT="5",
        DJANGO_DB_STATEMENT_TIMEOUT="0",
        DJANGO_CACHE_SOCKET_TIMEOUT="0.5",
    )
    assert database == {"connect_timeout": 5, "options": "-c statement_timeout=0"}
    assert cache == {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


@pytest.mark.postgres
def test_the_database_server_applies_the_statement_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "10s"
