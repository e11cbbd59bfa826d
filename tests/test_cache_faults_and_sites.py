"""The page cache's cache: a fault is a miss, and one site's keys are its own.

In-process checks with a cache that refuses every connection (nothing listens on its
port) or that a test breaks and mends; the real Redis stopped and hung, through a real
gunicorn, are in tests/faults/test_cache_faults_on_pages.py.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import get_random_string

from comments.models import Comment, Thread
from denhaag_cms import cache as cache_faults
from denhaag_cms import changes
from denhaag_cms.environment import cache_config
from press.services import sync_comment_thread
from tests.conftest import make_release, make_theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.COMMENTS_MIN_SECONDS = 0
    release = make_release("Storm op komst", publish_at=timezone.now() - dt.timedelta(hours=1))
    release.themes.add(make_theme("Kustverdediging"))
    sync_comment_thread(release)
    return release


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends: refused


def public_pages(release) -> list[str]:
    with translation.override("nl"):
        theme = release.themes.get()
        return [
            release.get_absolute_url("nl"),
            release.get_absolute_url("en"),
            reverse("press:newsroom"),
            reverse("press:newsroom") + "?q=storm",
            reverse("press:theme-detail", kwargs={"slug": theme.slug_nl}),
            reverse("press:year-archive", kwargs={"year": release.publish_at.year}),
            reverse("press:network-list"),
            reverse("alerts:sign-up"),
        ]


def post_reaction(client: Client, thread: Thread, body: str):
    from tests.test_pagecache import comment_form

    page = client.get(thread.content_object.get_absolute_url("nl"))
    form = comment_form(page.content.decode())
    data = form.fields | {"name": "Fatima", "email": "", "body": body, "website": ""}
    return client.post(form.action, data)


def test_a_cache_that_refuses_every_connection_is_a_miss(settings, article, caplog):
    settings.CACHES = {"default": cache_config(f"redis://127.0.0.1:{closed_port()}/0")}
    settings.COMMENTS_RATE_LIMIT = 10_000
    for url in public_pages(article):
        for _twice in range(2):
            response = Client().get(url)
            assert response.status_code == 200, url
            assert not response.has_header("X-Page-Cache"), url  # rendered, not stored
    assert "Storm op komst" in Client().get(article.get_absolute_url("nl")).content.decode()
    assert "The cache does not answer" in caplog.text

    thread = Thread.objects.for_object(article).get()
    posted = post_reaction(Client(enforce_csrf_checks=True), thread, "Blijf binnen!")
    assert posted.status_code == 303
    assert Comment.objects.filter(thread=thread, body="Blijf binnen!").exists()

    health = Client().get("/healthz")
    assert health.status_code == 503
    assert health.json()["cache"] == "unavailable"


def test_after_a_fault_the_process_leaves_the_cache_alone_for_a_moment(
    settings, article, monkeypatch
):
    """A hanging Redis costs a socket timeout per call: after one fault the next
    calls are misses at once, without asking."""
    settings.CACHES = {"default": cache_config(f"redis://127.0.0.1:{closed_port()}/0")}
    calls = []
    backend = type(caches["default"])
    original = backend.get_many
    monkeypatch.setattr(backend, "get_many", lambda *a, **k: calls.append(1) or original(*a, **k))
    url = article.get_absolute_url("nl")
    assert Client().get(url).status_code == 200
    assert Client().get(url).status_code == 200
    assert len(calls) == 1


def test_writes_made_while_the_cache_is_down_show_when_it_is_back(article, monkeypatch):
    """The bump of a write the cache could not take is made up for by the first call
    that works again: the page cached before the fault is not served after it."""
    url = article.get_absolute_url("nl")
    reader = Client()
    reader.get(url)
    assert reader.get(url)["X-Page-Cache"] == "hit"

    backend = caches["default"]

    def down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with monkeypatch.context() as outage:
        for method in ("get", "get_many", "set", "add", "incr"):
            outage.setattr(backend, method, down)
        thread = Thread.objects.for_object(article).get()
        Comment.objects.create(
            thread=thread, name="Jan", body="Tijdens de storing", status="approved"
        )
        during = reader.get(url)
        assert during.status_code == 200 and "Tijdens de storing" in during.content.decode()
    monkeypatch.setattr(cache_faults, "FAULT_PAUSE", 0.0)
    cache_faults.Faults.until = 0.0  # the pause is over

    after = reader.get(url)
    assert after["X-Page-Cache"] == "miss"
    assert "Tijdens de storing" in after.content.decode()


# -- one site's cache is its own ------------------------------------------------------

REDIS_URL = os.environ.get("TEST_SHARED_REDIS_URL", "redis://127.0.0.1:6379/13")


def shared_cache(kind: str) -> dict:
    if kind == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"}
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL} ({error}); CI has one")
    return cache_config(REDIS_URL)


@pytest.mark.parametrize("kind", ["locmem", "redis"])
def test_two_sites_on_one_cache_each_see_only_their_own_pages(settings, kind):
    settings.PAGE_CACHE_SECONDS = 600
    base = shared_cache(kind)
    run = get_random_string(12).lower()
    release = make_release("Brug gaat dicht", comments_enabled=False)
    url = release.get_absolute_url("nl")

    def as_site(name: str) -> Client:
        settings.SITE_URL = f"https://{name}.example"
        settings.CACHES = {"default": base | {"KEY_PREFIX": f"test-{run}-{name}"}}
        return Client()

    try:
        first = as_site("staging").get(url)
        assert first["X-Page-Cache"] == "miss"
        assert as_site("staging").get(url)["X-Page-Cache"] == "hit"

        other = as_site("production").get(url)  # the same address, the same Redis
        assert other["X-Page-Cache"] == "miss"
        assert "https://production.example/" in other.content.decode()
        assert "https://staging.example/" not in other.content.decode()
        assert as_site("production").get(url)["X-Page-Cache"] == "hit"

        # Each site's content generation is its own too: a change on one site does
        # not empty the other's cache.
        as_site("production")
        changes.content_changed()
        again = as_site("staging").get(url)
        assert again["X-Page-Cache"] == "hit"
        assert "https://staging.example/" in again.content.decode()
        assert as_site("production").get(url)["X-Page-Cache"] == "miss"
    finally:
        for name in ("staging", "production"):
            as_site(name)
            if kind == "redis":
                client = caches["default"]._cache.get_client(write=True)
                keys = list(client.scan_iter(match=f"test-{run}-{name}:*"))
                if keys:
                    client.delete(*keys)
            else:
                caches["default"].clear()


def settings_in_a_new_process(**env: str) -> str:
    code = "from denhaag_cms import settings; print(settings.CACHES['default']['KEY_PREFIX'])"
    clean = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "PORT"}}
    clean = {k: v for k, v in clean.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=clean | env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_key_prefix_is_the_sites_address_unless_set():
    assert settings_in_a_new_process(SITE_URL="https://Nieuws.DenHaag.nl") == "nieuws.denhaag.nl"
    assert settings_in_a_new_process(SITE_URL="https://example.org/pers/") == "example.org/pers"
    assert settings_in_a_new_process(PORT="8001") == "127.0.0.1:8001"
    prefix = settings_in_a_new_process(
        SITE_URL="https://nieuws.denhaag.nl", DJANGO_CACHE_KEY_PREFIX="denhaag-staging"
    )
    assert prefix == "denhaag-staging"
