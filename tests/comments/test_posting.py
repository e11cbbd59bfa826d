"""Posting a reaction: what a citizen sees, and what is (not) stored."""

import datetime as dt
import re
import time

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from comments.forms import issue_timestamp
from comments.models import BlockedWord, Comment, Thread
from comments.services import close_thread, ensure_thread, ip_hash
from tests.comments.conftest import payload
from tests.test_ratelimit import DOWN

pytestmark = pytest.mark.django_db


def post_url(thread, language="nl"):
    with translation.override(language):
        return reverse("comments:post", kwargs={"thread_id": thread.pk})


def test_post_redirects_to_a_confirmation_and_stores_a_pending_reaction(client, thread):
    response = client.post(post_url(thread), payload(thread))
    assert response.status_code == 303
    confirmation = client.get(response["Location"])
    assert "Je reactie verschijnt na moderatie" in confirmation.content.decode()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.body == "Goed plan!\nIk doe mee."
    assert comment.ip_hash == ip_hash("127.0.0.1")
    assert "127.0.0.1" not in comment.ip_hash


def test_confirmation_in_english(client, thread):
    response = client.post(post_url(thread, "en"), payload(thread))
    page = client.get(response["Location"]).content.decode()
    assert "Your reaction will appear after moderation." in page


def test_without_premoderation_a_reaction_is_published_at_once(client, thread, settings):
    settings.COMMENTS_PREMODERATE = False
    response = client.post(post_url(thread), payload(thread))
    assert Comment.objects.get().status == Comment.Status.APPROVED
    assert "published" in response["Location"]


def test_closed_thread_refuses_with_the_notice_and_stores_nothing(client, thread):
    close_thread(thread, user=None, reason="Genoeg gezegd")
    response = client.post(post_url(thread), payload(thread, body="Nog één ding"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Je kunt niet meer reageren." in html
    assert "Nog één ding" in html  # their text is handed back, not silently lost
    assert not Comment.objects.exists()


def test_thread_past_its_closing_moment_refuses(client, thread):
    thread.closes_at = timezone.now() - dt.timedelta(seconds=1)
    thread.save()
    response = client.post(post_url(thread, "en"), payload(thread))
    assert response.status_code == 403
    assert "You can no longer respond." in response.content.decode()
    assert not Comment.objects.exists()


def test_honeypot_filled_is_refused_with_a_message(client, thread):
    response = client.post(post_url(thread), payload(thread, website="http://spam.example"))
    assert response.status_code == 400
    assert "Laat dit veld leeg" in response.content.decode()
    assert not Comment.objects.exists()


def test_form_sent_back_too_fast_is_refused_and_the_text_kept(client, thread):
    data = payload(thread, timestamp=issue_timestamp(thread.pk), body="Snel getypt")
    response = client.post(post_url(thread, "en"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "That was very fast" in html
    assert "Snel getypt" in html
    assert not Comment.objects.exists()


def test_expired_form_is_refused_with_a_clear_message(client, thread, settings):
    old = issue_timestamp(thread.pk, issued_at=time.time() - settings.COMMENTS_FORM_MAX_AGE - 60)
    response = client.post(post_url(thread, "en"), payload(thread, timestamp=old))
    assert response.status_code == 400
    assert "This form has expired" in response.content.decode()
    assert not Comment.objects.exists()


def test_forged_timestamp_is_refused(client, thread):
    response = client.post(post_url(thread, "en"), payload(thread, timestamp="1:forged"))
    assert response.status_code == 400
    assert "could not be checked" in response.content.decode()


def test_too_long_reaction_is_refused(client, thread, settings):
    body = "a" * (settings.COMMENTS_MAX_LENGTH + 1)
    response = client.post(post_url(thread, "en"), payload(thread, body=body))
    assert response.status_code == 400
    assert "at most" in response.content.decode()
    assert not Comment.objects.exists()


def test_missing_name_gets_a_form_error_in_dutch(client, thread):
    response = client.post(post_url(thread), payload(thread, name=""))
    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()


def test_rate_limit_answers_429_and_keeps_the_text(client, thread, settings):
    settings.COMMENTS_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(post_url(thread), payload(thread)).status_code == 303
    response = client.post(post_url(thread, "en"), payload(thread, body="Derde keer"))
    assert response.status_code == 429
    assert "Derde keer" in response.content.decode()
    assert Comment.objects.count() == 2


def test_rate_limit_uses_the_client_ip_behind_a_trusted_proxy(client, thread, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    first = {"HTTP_X_FORWARDED_FOR": "203.0.113.7", "REMOTE_ADDR": "10.0.0.1"}
    second = {"HTTP_X_FORWARDED_FOR": "203.0.113.8", "REMOTE_ADDR": "10.0.0.1"}
    assert client.post(post_url(thread), payload(thread), **first).status_code == 303
    assert client.post(post_url(thread), payload(thread), **second).status_code == 303
    assert client.post(post_url(thread), payload(thread), **first).status_code == 429
    assert Comment.objects.first().ip_hash == ip_hash("203.0.113.7")


def test_forged_forwarded_for_does_not_dodge_the_limit(client, thread, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    # The client writes its own X-Forwarded-For; the proxy appends the real address.
    headers = {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.7"}
    assert client.post(post_url(thread), payload(thread), **headers).status_code == 303
    headers = {"HTTP_X_FORWARDED_FOR": "5.6.7.8, 203.0.113.7"}
    assert client.post(post_url(thread), payload(thread), **headers).status_code == 429


def test_reaction_with_too_many_links_is_held_even_without_premoderation(client, thread, settings):
    settings.COMMENTS_PREMODERATE = False
    body = "Kijk op https://a.example en https://b.example"
    client.post(post_url(thread), payload(thread, body=body))
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "links" in comment.held_reason


def test_reaction_with_a_blocked_word_is_held(client, thread, settings):
    settings.COMMENTS_PREMODERATE = False
    BlockedWord.objects.create(word="Oplichter")
    client.post(post_url(thread), payload(thread, body="Wat een oplichter is dat"))
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "oplichter" in comment.held_reason


def test_a_waiting_reaction_queues_the_digest_and_mails_nothing_in_the_request(
    client, thread, moderator, dummy_tasks, django_capture_on_commit_callbacks
):
    from comments.tasks import send_moderator_digest

    moderator.email = "moderator@denhaag.example"
    moderator.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(post_url(thread), payload(thread))
    assert response.status_code == 303
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert mail.outbox == []  # the request never talks to the mail server
    queued = send_moderator_digest.get_backend().results
    assert [result.task.module_path for result in queued] == [
        "comments.tasks.send_moderator_digest"
    ]
    assert len(callbacks) == 1  # enqueued after the commit, not inside the transaction


def test_an_approved_reaction_queues_nothing(
    client, thread, settings, dummy_tasks, django_capture_on_commit_callbacks
):
    from comments.tasks import send_moderator_digest

    settings.COMMENTS_PREMODERATE = False
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(post_url(thread), payload(thread))
    assert response.status_code == 303
    assert Comment.objects.get().status == Comment.Status.APPROVED
    assert send_moderator_digest.get_backend().results == []


def test_with_tasks_run_at_once_the_moderators_get_the_digest(
    client, thread, moderator, immediate_tasks, django_capture_on_commit_callbacks
):
    moderator.email = "moderator@denhaag.example"
    moderator.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(post_url(thread), payload(thread))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["moderator@denhaag.example"]
    assert "Goed plan!" in mail.outbox[0].body


def test_a_failing_mail_server_does_not_fail_or_lose_the_reaction(
    client, thread, moderator, monkeypatch, immediate_tasks, django_capture_on_commit_callbacks
):
    moderator.email = "moderator@denhaag.example"
    moderator.save()

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("comments.tasks.send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(post_url(thread), payload(thread))
    assert response.status_code == 303
    assert response["Location"] == f"/nl/reacties/{thread.pk}/bedankt/?pending"
    assert Comment.objects.count() == 1


def test_a_queue_that_refuses_the_task_does_not_fail_the_reaction(
    client, thread, monkeypatch, django_capture_on_commit_callbacks
):
    from comments.tasks import send_moderator_digest

    def refused(*args, **kwargs):
        raise ConnectionError("queue down")

    monkeypatch.setattr(type(send_moderator_digest.get_backend()), "enqueue", refused)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(post_url(thread), payload(thread))
    assert response.status_code == 303
    assert Comment.objects.count() == 1


def test_get_on_the_post_address_is_405(client, thread):
    assert client.get(post_url(thread)).status_code == 405


def test_unknown_thread_is_404(client, thread):
    response = client.post("/nl/reacties/999999/plaatsen/", payload(thread))
    assert response.status_code == 404


def test_csrf_is_enforced(thread):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(post_url(thread), payload(thread))
    assert response.status_code == 403
    assert not Comment.objects.exists()


def comments_url(name, thread, language="nl"):
    with translation.override(language):
        return reverse(f"comments:{name}", kwargs={"thread_id": thread.pk})


def test_thread_of_an_owner_that_is_not_public_reveals_nothing(client, target):
    """Visibility is the owner's (its is_public() hook), whatever the thread's moments."""
    thread = ensure_thread(target, closes_at=None)
    target.is_active = False  # the fixture's owner is public while active
    target.save()
    response = client.post(comments_url("post", thread), payload(thread))
    assert response.status_code == 404
    assert client.get(comments_url("thanks", thread)).status_code == 404
    assert not Comment.objects.exists()


def test_thread_that_has_not_opened_yet_accepts_nothing(client, target):
    thread = ensure_thread(target, opens_at=timezone.now() + dt.timedelta(days=1), closes_at=None)
    assert thread not in Thread.objects.open()
    response = client.post(comments_url("post", thread), payload(thread))
    assert response.status_code == 403
    assert "Je kunt niet meer reageren." in response.content.decode()
    assert not Comment.objects.exists()


def test_thread_opens_at_its_moment_without_a_job(client, target):
    thread = ensure_thread(target, opens_at=timezone.now() + dt.timedelta(days=1), closes_at=None)
    Thread.objects.filter(pk=thread.pk).update(opens_at=timezone.now() - dt.timedelta(seconds=1))
    assert thread in Thread.objects.open()
    assert client.post(comments_url("post", thread), payload(thread)).status_code == 303


def test_thread_of_a_deleted_object_answers_404(client, target):
    thread = ensure_thread(target, closes_at=None)
    from django.contrib.contenttypes.models import ContentType

    Thread.objects.filter(pk=thread.pk).update(
        object_id=999999, content_type=ContentType.objects.get_for_model(target)
    )
    assert client.post(comments_url("post", thread), payload(thread)).status_code == 404


def test_error_page_does_not_name_the_thread(client, target):
    target.username = "geheime-titel"
    target.save()
    thread = ensure_thread(target, closes_at=None)
    response = client.post(comments_url("post", thread), payload(thread, name=""))
    assert response.status_code == 400
    assert "geheime-titel" not in response.content.decode()


def test_overlong_email_is_a_form_error_not_a_500(client, thread):
    email = "a" * 245 + "@example.org"  # valid per the form's rules, longer than 254
    response = client.post(comments_url("post", thread, "en"), payload(thread, email=email))
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_reaction_at_the_length_limit_with_crlf_line_breaks_is_accepted(client, thread, settings):
    lines = ["x" * 99] * (settings.COMMENTS_MAX_LENGTH // 100)
    body = "\r\n".join(lines)  # what a browser sends for 2000 typed characters
    assert len(body.replace("\r\n", "\n")) <= settings.COMMENTS_MAX_LENGTH < len(body)
    assert client.post(comments_url("post", thread), payload(thread, body=body)).status_code == 303
    assert "\r" not in Comment.objects.get().body


def test_form_errors_and_help_are_announced(client, thread):
    html = client.post(comments_url("post", thread), payload(thread, name="")).content.decode()
    for described in re.findall(r'aria-describedby="([^"]+)"', html):
        for target_id in described.split():
            assert f'id="{target_id}"' in html, target_id
    assert 'aria-describedby="id_name_error"' in html


def test_too_few_forwarded_addresses_fall_back_to_the_connection(client, thread, settings):
    """Behind two trusted proxies a request with one X-Forwarded-For address did not
    pass both: its own connection address counts."""
    settings.COMMENTS_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 2
    headers = {"HTTP_X_FORWARDED_FOR": "203.0.113.7", "REMOTE_ADDR": "10.0.0.1"}
    assert client.post(post_url(thread), payload(thread), **headers).status_code == 303
    assert Comment.objects.get().ip_hash == ip_hash("10.0.0.1")


def test_rate_limit_holds_with_the_cache_down_and_counts_an_ipv6_64_as_one(
    client, thread, settings
):
    """Redis down: the limit is counted in the database, not let go."""
    settings.COMMENTS_RATE_LIMIT = 2
    with override_settings(CACHES=DOWN):
        answers = [
            client.post(post_url(thread), payload(thread), REMOTE_ADDR=f"2001:db8::{n + 1}")
            for n in range(4)
        ]
        other = client.post(post_url(thread), payload(thread), REMOTE_ADDR="2001:db8:0:1::1")
    assert [a.status_code for a in answers] == [303, 303, 429, 429]
    assert other.status_code == 303
    assert Comment.objects.count() == 3
