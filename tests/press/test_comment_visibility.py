"""Every comment endpoint answers 404 for a thread whose release is not public.

The rule is the release's (PressRelease.is_public, asked by the comments app); these
tests walk the ways a release stops being, or is not yet, public.
"""

import datetime as dt
import time

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from comments.forms import issue_timestamp
from comments.models import Comment, Thread
from comments.services import reopen_thread
from press.models import PressRelease
from press.services import sync_comment_thread
from press.workflow import change_status
from tests.conftest import make_release

pytestmark = pytest.mark.django_db

ENDPOINTS = ["post", "thanks", "close"]


def url(name: str, thread: Thread, language: str = "nl") -> str:
    with translation.override(language):
        return reverse(f"comments:{name}", kwargs={"thread_id": thread.pk})


def payload(thread: Thread) -> dict:
    return {
        "name": "Fatima",
        "email": "fatima@example.org",
        "body": "Goed plan!",
        "website": "",
        "timestamp": issue_timestamp(thread.pk, issued_at=time.time() - 30),
    }


def published_release_with_thread(**extra) -> tuple[PressRelease, Thread]:
    extra.setdefault("publish_at", timezone.now() - dt.timedelta(hours=1))
    release = make_release("Geheime titel", slug_nl="geheime-titel", english=False, **extra)
    sync_comment_thread(release)
    return release, Thread.objects.for_object(release).get()


def assert_every_endpoint_is_404(client, thread: Thread, release: PressRelease, moderator) -> None:
    for language in ("nl", "en"):
        thanks = client.get(url("thanks", thread, language))
        assert thanks.status_code == 404, language
        assert release.slug_nl not in thanks.content.decode()
        assert "Geheime titel" not in thanks.content.decode()
        assert client.get(url("thanks", thread, language) + "?published").status_code == 404
        posted = client.post(url("post", thread, language), payload(thread))
        assert posted.status_code == 404
        assert release.slug_nl not in posted.content.decode()
        # Closing needs the permission first: 403 for anyone else, whatever the id.
        assert client.post(url("close", thread, language), {"reason": "x"}).status_code == 403
    client.force_login(moderator)
    assert client.post(url("close", thread), {"reason": "x"}).status_code == 404
    assert client.get(url("thanks", thread)).status_code == 404
    client.logout()
    assert not Comment.objects.filter(thread=thread).exists()
    thread.refresh_from_db()
    assert thread.close_reason != "x"


def test_a_public_release_answers_on_every_endpoint(client, moderator):
    release, thread = published_release_with_thread()
    thanks = client.get(url("thanks", thread))
    assert thanks.status_code == 200
    assert release.get_absolute_url("nl") in thanks.content.decode()
    assert client.post(url("post", thread), payload(thread)).status_code == 303
    assert Comment.objects.filter(thread=thread).count() == 1
    client.force_login(moderator)
    response = client.post(url("close", thread), {"reason": "klaar"})
    assert response.status_code == 302
    assert response["Location"] == release.get_absolute_url("nl") + "#reacties"


def test_release_taken_back_to_draft(client, moderator):
    release, thread = published_release_with_thread()
    release.status = PressRelease.Status.DRAFT
    release.save()
    sync_comment_thread(release)
    # Even a moderator who reopens the thread in the admin does not make it public.
    reopen_thread(thread, user=moderator)
    assert_every_endpoint_is_404(client, thread, release, moderator)


def test_release_withdrawn_before_its_embargo_after_the_embargo_passed(
    client, chief_editor, moderator
):
    release, thread = published_release_with_thread(
        publish_at=timezone.now() + dt.timedelta(hours=1)
    )
    change_status(
        release,
        PressRelease.Status.WITHDRAWN,
        user=chief_editor,
        explanation={"nl": "Dit bericht bevatte een fout."},
    )
    # The embargo moment passes.
    PressRelease.objects.filter(pk=release.pk).update(
        publish_at=timezone.now() - dt.timedelta(minutes=1)
    )
    release.refresh_from_db()
    reopen_thread(thread, user=chief_editor)  # whatever the thread's own state
    assert_every_endpoint_is_404(client, thread, release, moderator)


def test_withdrawn_release(client, chief_editor, moderator):
    release, thread = published_release_with_thread()
    change_status(
        release,
        PressRelease.Status.WITHDRAWN,
        user=chief_editor,
        explanation={"nl": "Dit bericht bevatte een fout."},
    )
    assert_every_endpoint_is_404(client, thread, release, moderator)


def test_scheduled_release(client, moderator):
    release, thread = published_release_with_thread(
        publish_at=timezone.now() + dt.timedelta(days=1)
    )
    assert_every_endpoint_is_404(client, thread, release, moderator)
    # Its moment comes: the same addresses answer.
    PressRelease.objects.filter(pk=release.pk).update(
        publish_at=timezone.now() - dt.timedelta(seconds=1)
    )
    Thread.objects.filter(pk=thread.pk).update(opens_at=timezone.now() - dt.timedelta(seconds=1))
    client.logout()
    assert client.get(url("thanks", thread)).status_code == 200


def test_deleted_release(client):
    release, thread = published_release_with_thread()
    # The thread row outlives a release deleted behind the ORM's back.
    PressRelease.objects.filter(pk=release.pk)._raw_delete(PressRelease.objects.db)
    assert client.get(url("thanks", thread)).status_code == 404
