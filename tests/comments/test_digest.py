"""The moderators' digest (comments/tasks.py, its text comments/digest.py): one mail per
interval, never twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from comments.digest import LISTED
from comments.models import Comment, ModeratorDigest
from comments.tasks import Outcome, send_digest

TASK_PATH = "comments.tasks.send_moderator_digest"


@pytest.fixture
def moderator_with_mail(moderator):
    moderator.email = "moderator@denhaag.example"
    moderator.save()
    return moderator


def waiting(thread, n: int = 1, **extra) -> list[Comment]:
    return [
        Comment.objects.create(thread=thread, name=f"Burger {i}", body=f"Reactie {i}", **extra)
        for i in range(n)
    ]


def queued_runs() -> list[dt.datetime | None]:
    return list(
        DBTaskResult.objects.filter(task_path=TASK_PATH).values_list("run_after", flat=True)
    )


def age_last_digest(minutes: int) -> None:
    ModeratorDigest.objects.filter(pk=1).update(
        last_sent_at=timezone.now() - dt.timedelta(minutes=minutes)
    )


def test_a_waiting_reaction_is_mailed_once_in_dutch(thread, moderator_with_mail):
    waiting(thread)
    assert send_digest() is Outcome.SENT
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["moderator@denhaag.example"]
    assert message.subject == "1 reactie wacht op moderatie"
    assert "1 nieuwe reactie sinds het vorige bericht:" in message.body
    assert "Burger 0 bij “thread-target”" in message.body
    assert "Reactie 0" in message.body
    assert "/admin/comments/comment/?status__exact=pending" in message.body
    # A second worker, a retry or the next reaction's run: nothing new, no mail.
    assert send_digest() is Outcome.NOTHING_NEW
    assert send_digest() is Outcome.NOTHING_NEW
    assert len(mail.outbox) == 1


def test_within_the_interval_new_reactions_wait_for_one_later_run(
    thread, moderator_with_mail, settings, django_capture_on_commit_callbacks
):
    settings.COMMENTS_DIGEST_MINUTES = 15
    waiting(thread)
    assert send_digest() is Outcome.SENT
    waiting(thread, 3)
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = [send_digest() for _ in range(5)]  # five reactions' runs
    assert outcomes == [Outcome.NOT_YET] * 5
    assert len(mail.outbox) == 1
    [run_after] = queued_runs()  # one run scheduled, however many asked
    sent_at = ModeratorDigest.objects.get().last_sent_at
    assert run_after == sent_at + dt.timedelta(minutes=15)

    age_last_digest(16)
    assert send_digest() is Outcome.SENT
    assert len(mail.outbox) == 2
    second = mail.outbox[1]
    assert second.subject == "4 reacties wachten op moderatie"  # all that wait
    assert "3 nieuwe reacties sinds het vorige bericht:" in second.body  # new since the first
    assert "Reactie 0" in second.body and "Burger 2" in second.body


def test_moderated_reactions_are_not_announced(thread, moderator_with_mail):
    first, second = waiting(thread, 2)
    second.status = Comment.Status.APPROVED
    second.save()
    assert send_digest() is Outcome.SENT
    assert "Burger 0" in mail.outbox[0].body
    assert "Burger 1" not in mail.outbox[0].body


def test_a_long_queue_is_listed_in_part_with_few_queries(
    thread, moderator_with_mail, django_assert_max_num_queries
):
    waiting(thread, LISTED + 10)
    # A fixed number (lock, decide, gather, record): not one per reaction.
    with django_assert_max_num_queries(20):
        assert send_digest() is Outcome.SENT
    body = mail.outbox[0].body
    assert f"{LISTED + 10} nieuwe reacties" in body
    assert f"Burger {LISTED - 1} " in body
    assert f"Burger {LISTED} " not in body
    assert "… en 10 meer." in body


def test_a_failed_mail_is_retried_later_and_then_covers_everything(
    thread, moderator_with_mail, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.COMMENTS_DIGEST_RETRY_SECONDS = 60

    def hanging(*args, **kwargs):
        raise TimeoutError("timed out")

    monkeypatch.setattr("comments.tasks.send_mail", hanging)
    waiting(thread)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digest() is Outcome.FAILED
        # Runs before the retry moment do not hammer the mail server.
        waiting(thread)
        assert send_digest() is Outcome.NOT_YET
    state = ModeratorDigest.objects.get()
    assert state.sending_until is None and state.last_sent_at is None
    assert state.announced_up_to == 0  # nothing counts as announced
    assert queued_runs() == [state.retry_at]

    monkeypatch.undo()
    ModeratorDigest.objects.update(retry_at=timezone.now() - dt.timedelta(seconds=1))
    assert send_digest() is Outcome.SENT
    assert len(mail.outbox) == 1
    assert "2 nieuwe reacties" in mail.outbox[0].body


def test_while_another_worker_sends_nothing_is_sent_twice(
    thread, moderator_with_mail, django_capture_on_commit_callbacks
):
    waiting(thread)
    lease_end = timezone.now() + dt.timedelta(seconds=90)
    ModeratorDigest.objects.create(pk=1, sending_until=lease_end)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digest() is Outcome.BUSY
    assert mail.outbox == []
    # Should that worker die, a run after its lease takes over.
    assert queued_runs() == [lease_end]
    ModeratorDigest.objects.update(sending_until=timezone.now() - dt.timedelta(seconds=1))
    assert send_digest() is Outcome.SENT


def test_without_moderators_with_an_address_nothing_is_sent(thread, moderator):
    waiting(thread)
    assert send_digest() is Outcome.NO_RECIPIENTS
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_the_mail_server_is_called_without_a_database_connection(
    thread, moderator_with_mail, monkeypatch
):
    seen = {}

    def send_mail(**kwargs):
        seen["connection"] = connection.connection
        seen["in_transaction"] = connection.in_atomic_block

    monkeypatch.setattr("comments.tasks.send_mail", send_mail)
    waiting(thread)
    assert send_digest() is Outcome.SENT
    assert seen == {"connection": None, "in_transaction": False}
    assert ModeratorDigest.objects.get().last_sent_at is not None  # reconnected after


def test_many_reactions_queue_one_run_not_one_each(
    thread, moderator_with_mail, django_capture_on_commit_callbacks
):
    """Every waiting reaction used to queue its own run: a burst of reactions left a
    backlog of runs that held up every other task behind it."""
    from comments.services import post_comment
    from comments.tasks import send_moderator_digest

    def post(i: int) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            post_comment(
                thread_id=thread.pk,
                name=f"Burger {i}",
                email="",
                body=f"Reactie {i}",
                ip_address=f"127.0.0.{i + 1}",
            )

    for i in range(30):
        post(i)
    assert len(queued_runs()) == 1
    assert send_moderator_digest.queue_name == "mail"

    # The run sends the digest; the next reactions wait for one run at the interval's end.
    assert send_digest() is Outcome.SENT
    for i in range(30, 60):
        post(i)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digest() is Outcome.NOT_YET
    state = ModeratorDigest.objects.get()
    assert len(mail.outbox) == 1
    # 60 reactions, three runs: the first burst's, the second burst's and the one at
    # the end of the interval.
    assert len(queued_runs()) == 3
    assert min(queued_runs()) == state.last_sent_at + dt.timedelta(minutes=15)
