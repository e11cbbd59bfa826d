"""No reaction is accepted after a close, and none that was confirmed is lost.

Runs on PostgreSQL (row locks between real connections); .ci/run runs it there.
"""

import threading
import time

import pytest
from django.db import connection

from comments.models import Comment, Thread
from comments.services import ThreadClosed, close_thread, ensure_thread, post_comment

POSTERS = 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_posts_and_a_close(django_user_model):
    target = django_user_model.objects.create_user(username="target")
    moderator = django_user_model.objects.create_user(username="moderator")
    thread = ensure_thread(target, closes_at=None)
    start = threading.Barrier(POSTERS + 1)
    confirmed: list[int] = []
    refused_then_confirmed: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def poster(number: int) -> None:
        try:
            start.wait()
            refused = False
            for attempt in range(1000):
                try:
                    comment = post_comment(
                        thread_id=thread.pk,
                        name=f"Poster {number}",
                        email="p@example.org",
                        body=f"Reactie {number}.{attempt}",
                        ip_address="198.51.100.1",
                    )
                except ThreadClosed:
                    refused = True
                    if attempt > 3:
                        break
                    continue
                with lock:
                    (refused_then_confirmed if refused else confirmed).append(comment.pk)
        except BaseException as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    def closer() -> None:
        try:
            start.wait()
            time.sleep(0.3)
            close_thread(Thread.objects.get(pk=thread.pk), user=moderator, reason="Genoeg")
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=poster, args=(n,)) for n in range(POSTERS)]
    workers.append(threading.Thread(target=closer))
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)

    assert not errors, errors
    thread.refresh_from_db()
    stored = list(Comment.objects.filter(thread=thread))
    assert confirmed, "some reactions should have been accepted before the close"
    assert not refused_then_confirmed, "a reaction was accepted after the thread refused one"
    assert sorted(c.pk for c in stored) == sorted(confirmed)  # every confirmed one is stored
    assert all(c.submitted_at <= thread.closed_at for c in stored)  # none after the close


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_submission_sent_by_several_app_servers_at_once_is_one_reaction(
    django_user_model,
):
    """What nginx does when an app server times out: the same post to another one,
    while the first may still be storing it."""
    thread = ensure_thread(django_user_model.objects.create_user("target"), closes_at=None)
    start = threading.Barrier(POSTERS)
    answers: list[int] = []
    errors: list[BaseException] = []

    def poster() -> None:
        try:
            start.wait()
            comment = post_comment(
                thread_id=thread.pk,
                name="Fatima",
                email="",
                body="Eén keer.",
                ip_address="198.51.100.1",
                submission="f" * 64,
            )
            answers.append(comment.pk)
        except BaseException as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=poster) for _ in range(POSTERS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert not errors, errors
    assert len(answers) == POSTERS and len(set(answers)) == 1
    assert Comment.objects.filter(thread=thread).count() == 1
