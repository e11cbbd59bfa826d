"""Regression tests for what review found in the comments app."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from comments.models import BlockedWord, Comment, Thread
from comments.services import close_thread, ensure_thread, reopen_thread
from tests.comments.conftest import payload
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def url(name, thread, language="nl"):
    with translation.override(language):
        return reverse(f"comments:{name}", kwargs={"thread_id": thread.pk})


def test_thread_of_an_owner_that_is_not_public_reveals_nothing(client, target):
    """Visibility is the owner's (its is_public() hook), whatever the thread's moments."""
    thread = ensure_thread(target, closes_at=None)
    target.is_active = False  # the fixture's owner is public while active
    target.save()
    response = client.post(url("post", thread), payload(thread))
    assert response.status_code == 404
    assert client.get(url("thanks", thread)).status_code == 404
    assert not Comment.objects.exists()


def test_thread_that_has_not_opened_yet_accepts_nothing(client, target):
    thread = ensure_thread(target, opens_at=timezone.now() + dt.timedelta(days=1), closes_at=None)
    assert thread not in Thread.objects.open()
    response = client.post(url("post", thread), payload(thread))
    assert response.status_code == 403
    assert "Je kunt niet meer reageren." in response.content.decode()
    assert not Comment.objects.exists()


def test_thread_opens_at_its_moment_without_a_job(client, target):
    thread = ensure_thread(target, opens_at=timezone.now() + dt.timedelta(days=1), closes_at=None)
    Thread.objects.filter(pk=thread.pk).update(opens_at=timezone.now() - dt.timedelta(seconds=1))
    assert thread in Thread.objects.open()
    assert client.post(url("post", thread), payload(thread)).status_code == 303


def test_thread_of_a_deleted_object_answers_404(client, target):
    thread = ensure_thread(target, closes_at=None)
    from django.contrib.contenttypes.models import ContentType

    Thread.objects.filter(pk=thread.pk).update(
        object_id=999999, content_type=ContentType.objects.get_for_model(target)
    )
    assert client.post(url("post", thread), payload(thread)).status_code == 404


def test_error_page_does_not_name_the_thread(client, target):
    target.username = "geheime-titel"
    target.save()
    thread = ensure_thread(target, closes_at=None)
    response = client.post(url("post", thread), payload(thread, name=""))
    assert response.status_code == 400
    assert "geheime-titel" not in response.content.decode()


def test_overlong_email_is_a_form_error_not_a_500(client, thread):
    email = "a" * 245 + "@example.org"  # valid per the form's rules, longer than 254
    response = client.post(url("post", thread, "en"), payload(thread, email=email))
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_reaction_at_the_length_limit_with_crlf_line_breaks_is_accepted(client, thread, settings):
    lines = ["x" * 99] * (settings.COMMENTS_MAX_LENGTH // 100)
    body = "\r\n".join(lines)  # what a browser sends for 2000 typed characters
    assert len(body.replace("\r\n", "\n")) <= settings.COMMENTS_MAX_LENGTH < len(body)
    assert client.post(url("post", thread), payload(thread, body=body)).status_code == 303
    assert "\r" not in Comment.objects.get().body


def test_owner_does_not_undo_a_moderators_reopen(target):
    thread = ensure_thread(target, closes_at=timezone.now() - dt.timedelta(days=1))
    reopen_thread(thread, user=None)
    ensure_thread(target, closes_at=timezone.now() - dt.timedelta(days=1))  # owner re-saves
    assert Thread.objects.get(pk=thread.pk).is_open()


def test_reopen_in_the_thread_admin(client, thread, moderator):
    client.force_login(moderator)
    Thread.objects.filter(pk=thread.pk).update(closes_at=timezone.now() - dt.timedelta(days=1))
    close_thread(thread, user=moderator)
    change = reverse("admin:comments_thread_change", args=[thread.pk])
    past = timezone.localtime() - dt.timedelta(days=1)
    response = client.post(
        change,
        {
            "closes_at_0": past.strftime("%d-%m-%Y"),
            "closes_at_1": past.strftime("%H:%M:%S"),
            "close_reason": "",
        },
    )
    assert response.status_code == 200  # a form error, not a silent no-op
    assert "closes_at" in response.context["adminform"].form.errors
    assert not Thread.objects.get(pk=thread.pk).is_open()
    response = client.post(change, {"closes_at_0": "", "closes_at_1": "", "close_reason": ""})
    assert response.status_code == 302
    reopened = Thread.objects.get(pk=thread.pk)
    assert reopened.is_open()
    # Left empty: open for the configured days, not for ever.
    days = dt.timedelta(days=settings.COMMENTS_CLOSE_AFTER_DAYS)
    assert timezone.now() + days - dt.timedelta(minutes=1) < reopened.closes_at
    assert reopened.closes_at <= timezone.now() + days


def test_reopen_action_keeps_the_automatic_closing_moment(client, thread, moderator):
    closes_at = timezone.now() + dt.timedelta(days=3)
    Thread.objects.filter(pk=thread.pk).update(closes_at=closes_at)
    close_thread(thread, user=moderator)
    client.force_login(moderator)
    response = client.post(
        reverse("admin:comments_thread_changelist"),
        {"action": "reopen", "_selected_action": [thread.pk]},
    )
    assert response.status_code == 302
    reopened = Thread.objects.get(pk=thread.pk)
    assert reopened.is_open() and reopened.closes_at == closes_at


def test_blocked_word_differing_in_case_is_a_form_error(client, moderator):
    BlockedWord.objects.create(word="oplichter")
    client.force_login(moderator)
    response = client.post(reverse("admin:comments_blockedword_add"), {"word": "Oplichter"})
    assert response.status_code == 200
    assert "word" in response.context["adminform"].form.errors
    assert BlockedWord.objects.count() == 1


def test_purge_deletes_never_public_reactions_after_retention(thread, settings):
    settings.COMMENTS_RETENTION_DAYS = 30
    long_ago = timezone.now() - dt.timedelta(days=31)
    rejected = Comment.objects.create(thread=thread, name="a", body="x", status="rejected")
    removed = Comment.objects.create(thread=thread, name="b", body="y", status="removed")
    approved = Comment.objects.create(thread=thread, name="c", body="z", status="approved")
    recent = Comment.objects.create(thread=thread, name="d", body="w", status="rejected")
    Comment.objects.filter(pk__in=[rejected.pk, removed.pk, approved.pk]).update(
        submitted_at=long_ago
    )
    call_command("purge_comment_personal_data", verbosity=0)
    assert set(Comment.objects.values_list("pk", flat=True)) == {approved.pk, recent.pk}


def test_form_errors_and_help_are_announced(client, thread):
    html = client.post(url("post", thread), payload(thread, name="")).content.decode()
    for described in re.findall(r'aria-describedby="([^"]+)"', html):
        for target_id in described.split():
            assert f'id="{target_id}"' in html, target_id
    assert 'aria-describedby="id_name_error"' in html


@pytest.mark.parametrize("changelist", ["comments_comment", "comments_thread"])
def test_moderation_lists_do_not_grow_in_queries(
    client, django_user_model, django_assert_max_num_queries, changelist
):
    from comments.services import ensure_thread as make_thread

    client.force_login(make_user(django_user_model, "mod", "Moderators"))
    list_url = reverse(f"admin:{changelist}_changelist")

    def add_threads(count, start=0):
        for n in range(start, start + count):
            owner = django_user_model.objects.create_user(username=f"owner-{changelist}-{n}")
            t = make_thread(owner, closes_at=None)
            Comment.objects.create(thread=t, name="x", body="y")

    add_threads(2)
    with django_assert_max_num_queries(30) as few:
        client.get(list_url)
    add_threads(12, start=100)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(list_url)
