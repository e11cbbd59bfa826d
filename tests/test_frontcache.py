"""What the app lets a shared cache in front (nginx) keep: `s-maxage` on public pages
for anonymous readers, never on anything personal. nginx itself: tests/deploy."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from press.models import PressRelease
from press.services import sync_comment_thread
from tests.conftest import make_release

pytestmark = pytest.mark.django_db


def shared_for(response, directive: str = "s-maxage") -> str | None:
    """The s-maxage a shared cache may use (or another directive's value), or None."""
    for part in response.get("Cache-Control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name == directive:
            return value
    return None


def test_an_anonymous_reader_gets_a_page_a_front_cache_may_keep_for_three_seconds(client):
    release = make_release("Dijkversterking Scheveningen", comments_enabled=False)
    response = client.get(release.get_absolute_url("nl"))
    assert response.status_code == 200
    assert "Dijkversterking Scheveningen" in response.content.decode()
    assert shared_for(response) == "3"
    # Browsers: ask again every time (s-maxage is for shared caches only).
    assert "public" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]
    assert "must-revalidate" in response["Cache-Control"]
    # And they get a 304 while it is unchanged (also nginx's revalidation).
    again = client.get(release.get_absolute_url("nl"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert shared_for(again) == "3"
    # A stale copy may stand in for an app that cannot answer, for a bounded time.
    assert shared_for(response, "stale-if-error") == "600"
    assert shared_for(again, "stale-if-error") == "600"


def test_a_withdrawn_release_and_a_missing_page_are_shareable_too(client):
    release = make_release("Ingetrokken bericht", comments_enabled=False)
    address = release.get_absolute_url("nl")
    release.status = PressRelease.Status.WITHDRAWN
    release.save()
    gone = client.get(address)
    assert gone.status_code == 410
    assert "Ingetrokken bericht" in gone.content.decode()
    assert shared_for(gone) == "3"
    missing = client.get("/nl/persberichten/bestaat-niet/")
    assert missing.status_code == 404
    assert shared_for(missing) == "3"


def test_the_lifetime_comes_from_the_setting_and_zero_turns_it_off(client, settings):
    release = make_release(comments_enabled=False)
    settings.FRONT_CACHE_SECONDS = 2
    settings.FRONT_CACHE_STALE_SECONDS = 60
    response = client.get(release.get_absolute_url("nl"))
    assert (shared_for(response), shared_for(response, "stale-if-error")) == ("2", "60")
    settings.FRONT_CACHE_SECONDS = 0
    response = client.get(release.get_absolute_url("nl"))
    assert response.status_code == 200
    assert shared_for(response) is None
    assert shared_for(response, "stale-if-error") is None


def test_a_logged_in_editor_never_gets_a_shareable_page(client, editor):
    release = make_release("Alleen voor de redactie zichtbaar?", comments_enabled=False)
    client.force_login(editor)
    response = client.get(release.get_absolute_url("nl"))
    assert response.status_code == 200
    assert "Alleen voor de redactie zichtbaar?" in response.content.decode()
    assert shared_for(response) is None
    preview = client.get(reverse("press:release-preview", args=[release.pk]))
    assert preview.status_code == 200
    assert preview["Cache-Control"] == "private, no-store"
    assert shared_for(preview) is None


def test_a_page_that_sets_a_cookie_is_never_shareable(client):
    """An open comment form sets the reader's CSRF cookie: no other reader may get it."""
    release = make_release(
        "Praat mee over de Hofvijver", publish_at=timezone.now() - dt.timedelta(hours=1)
    )
    sync_comment_thread(release)
    response = client.get(release.get_absolute_url("nl"))
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert response.cookies
    assert shared_for(response) is None


def test_posts_and_private_answers_are_never_shareable(client):
    release = make_release(comments_enabled=False)
    posted = client.post(release.get_absolute_url("nl"))
    assert posted.status_code == 405
    assert shared_for(posted) is None
    health = client.get("/healthz")
    assert health.status_code == 200
    assert shared_for(health) is None
