"""PostgreSQL connections terminated (pg_terminate_backend) while citizens post from
several threads to a live server: every answer is a thank-you (stored) or a 503 page
that gives the text back; no 500, no acknowledged reaction lost, recovery by itself.

Terminates only backends of this run's own test database (filtered on datname),
never the test's own connection.
"""

import threading
import time

import psycopg
import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from comments.models import Comment
from tests.faults.conftest import Poster, Tally, public_thread, report, request

POSTERS = 4
POSTS_EACH = 40
POSTS_AFTER = 10

TERMINATE = """
    SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> %s
"""


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_posting_while_database_connections_are_terminated(
    live_server, settings, django_user_model
):
    settings.COMMENTS_RATE_LIMIT = 10_000
    thread = public_thread()
    with translation.override("nl"):
        path = reverse("comments:post", kwargs={"thread_id": thread.pk})
    connection.ensure_connection()
    own_pid = connection.connection.info.backend_pid  # the test's: keep it
    db = connection.settings_dict
    tally = Tally()
    done = threading.Event()
    terminated = [0]
    failures: list[BaseException] = []

    def killer() -> None:
        with psycopg.connect(
            host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"],
            password=db["PASSWORD"], dbname=db["NAME"], autocommit=True,
        ) as kill:  # fmt: skip
            while not done.is_set():
                terminated[0] += kill.execute(TERMINATE, (own_pid,)).fetchone()[0]
                time.sleep(0.15)

    def poster(number: int) -> None:
        try:
            client = Poster(live_server.url, thread.pk, path)
            for n in range(POSTS_EACH):
                client.post(f"Poster {number} reactie {n}", tally)
        except BaseException as error:  # surfaced below
            failures.append(error)

    killing = threading.Thread(target=killer)
    killing.start()
    posters = [threading.Thread(target=poster, args=(n,)) for n in range(POSTERS)]
    started = time.monotonic()
    for worker in posters:
        worker.start()
    for worker in posters:
        worker.join(timeout=120)
    seconds = time.monotonic() - started
    done.set()
    killing.join(timeout=10)

    after = Tally()
    recovery = Poster(live_server.url, thread.pk, path)
    for n in range(POSTS_AFTER):
        recovery.post(f"Na het afbreken {n}", after)
    health = request(live_server.url, "/healthz")

    stored = set(Comment.objects.filter(thread=thread).values_list("body", flat=True))
    lost = [text for text in tally.acknowledged + after.acknowledged if text not in stored]
    report(
        "PostgreSQL connections terminated",
        requests=tally.requests,
        seconds=round(seconds, 1),
        backends_terminated=terminated[0],
        acknowledged=len(tally.acknowledged),
        answered_503_with_the_text=len(tally.kept),
        answers_500=tally.errors_500,
        other_answers=tally.other[:5],
        lost=len(lost),
        stored_though_answered_503=sum(text in stored for text in tally.kept),
        acknowledged_after=len(after.acknowledged),
        healthz_after=health.status,
    )

    assert not failures, failures
    assert terminated[0] > 0
    assert tally.requests == POSTERS * POSTS_EACH
    assert tally.errors_500 == 0
    assert tally.other == []  # every answer: a thank-you or a 503 with the text
    assert lost == []
    assert len(after.acknowledged) == POSTS_AFTER  # recovered without a restart
    assert health.status == 200
