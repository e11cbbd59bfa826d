"""The task worker, really started: `manage.py db_worker` processes on the test
database, a real SMTP server, and one that hangs (loopback only, bounded in time)."""

from __future__ import annotations

import statistics
import threading
import time

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from comments.models import Comment
from tests.comments.conftest import payload
from tests.workers import (
    SMTP_BACKEND,
    HangingSMTPServer,
    SMTPSink,
    became_true,
    free_port,
    wait_for,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

EMAIL_TIMEOUT = 3  # the workers' (and the requests') SMTP timeout in these tests


@pytest.fixture
def moderator_with_mail(moderator):
    moderator.email = "moderator@denhaag.example"
    moderator.save()
    return moderator


def post(client: Client, thread, i: int):
    """A citizen posts reaction ``i``, from an address of their own (rate limit)."""
    url = reverse("comments:post", kwargs={"thread_id": thread.pk})
    data = payload(thread, name=f"Burger {i}", body=f"Reactie nummer {i}.")
    return client.post(url, data, REMOTE_ADDR=f"127.1.{i // 200}.{i % 200 + 1}")


def point_requests_mail_at(settings, port: int) -> None:
    """This process (the site) mails through SMTP too: a request that waited on the
    mail server would take EMAIL_TIMEOUT seconds."""
    options = {"host": "127.0.0.1", "port": port, "timeout": EMAIL_TIMEOUT}
    settings.EMAIL_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST, settings.EMAIL_PORT = options["host"], options["port"]
    settings.EMAIL_TIMEOUT = EMAIL_TIMEOUT


def test_the_worker_mails_the_digest_of_a_posted_reaction(
    client, thread, moderator_with_mail, start_workers
):
    port = free_port()
    sink = SMTPSink(port)
    try:
        workers = start_workers(1, smtp_port=port)
        response = post(client, thread, 1)
        assert response.status_code == 303
        wait_for(lambda: sink.messages, 30, "the digest at the SMTP server")
        [message] = sink.messages
        assert sink.recipients == [["moderator@denhaag.example"]]
        assert message["Subject"] == "1 reactie wacht op moderatie"
        assert "Burger 1 bij “thread-target”" in message.get_content()
        assert "Reactie nummer 1." in message.get_content()
        wait_for(
            lambda: DBTaskResult.objects.filter(status="SUCCESSFUL").exists(),
            10,
            "the task marked successful",
        )
        assert workers.alive()
    finally:
        sink.stop()


class ConnectionSampler:
    """Counts the test database's PostgreSQL connections (other than its own)."""

    def __init__(self) -> None:
        import psycopg

        db = connection.settings_dict
        self.database = db["NAME"]
        self.conn = psycopg.connect(
            dbname="postgres",
            user=db["USER"],
            password=db["PASSWORD"] or None,
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
            autocommit=True,
        )
        self.samples: list[int] = []
        self._running = True
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while self._running:
            row = self.conn.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [self.database],
            ).fetchone()
            self.samples.append(row[0])
            time.sleep(0.05)

    def stop(self) -> int:
        self._running = False
        self._thread.join(timeout=5)
        self.conn.close()
        return max(self.samples)


def test_a_hanging_mail_server_costs_no_connections_requests_or_reactions(
    client, thread, moderator_with_mail, settings, start_workers
):
    """The fault: an SMTP server that accepts and never answers. Before, one
    thread per waiting reaction held a database connection while it waited, until
    PostgreSQL refused every client."""
    posts, worker_count = 120, 2
    on_postgres = connection.vendor == "postgresql"
    port = free_port()
    hanging = HangingSMTPServer(port)
    sink = None
    sampler = ConnectionSampler() if on_postgres else None
    try:
        point_requests_mail_at(settings, port)
        workers = start_workers(
            worker_count,
            smtp_port=port,
            DJANGO_EMAIL_TIMEOUT=str(EMAIL_TIMEOUT),
            COMMENTS_DIGEST_MINUTES="60",
            COMMENTS_DIGEST_RETRY_SECONDS="1",
        )
        pids = [process.pid for process in workers.processes]

        statuses, seconds, acknowledged = [], [], []
        for i in range(posts):
            started = time.monotonic()
            response = post(client, thread, i)
            seconds.append(time.monotonic() - started)
            statuses.append(response.status_code)
            if response.status_code == 303:
                acknowledged.append(f"Reactie nummer {i}.")
        # The workers try the hanging server (and time out) meanwhile.
        became_true(lambda: len(hanging.accepted) >= 2, 30)
        max_connections = sampler.stop() if sampler else None
        sampler = None

        stored = set(Comment.objects.values_list("body", flat=True))
        lost = len(set(acknowledged) - stored)
        errors = sum(status >= 500 for status in statuses)
        attempts = len(hanging.accepted)

        # The mail server comes back (a working one): the digest goes out, once,
        # without restarting anything.
        hanging.stop()
        sink = SMTPSink(port)
        recovered = time.monotonic()
        became_true(lambda: sink.messages, 30)
        recovery_seconds = time.monotonic() - recovered
        time.sleep(2)  # time enough for a second worker or a retry to send it again

        print(
            f"\nHanging SMTP fault: posts={posts} 500s={errors} lost={lost} "
            f"acknowledged={len(acknowledged)} stored={len(stored)} "
            f"max_pg_connections={max_connections if on_postgres else 'n/a (SQLite)'} "
            f"workers={worker_count} smtp_attempts_while_hanging={attempts} "
            f"post_ms_median={statistics.median(seconds) * 1000:.0f} "
            f"post_ms_max={max(seconds) * 1000:.0f} (post {seconds.index(max(seconds))}) "
            f"digests_after_recovery={len(sink.messages)} "
            f"recovery_s={recovery_seconds:.1f}"
        )
        assert errors == 0
        assert statuses == [303] * posts
        assert lost == 0 and len(stored) == posts
        # No request waited on the mail server (that would take EMAIL_TIMEOUT seconds).
        assert max(seconds) < EMAIL_TIMEOUT
        assert mail.outbox == []
        assert attempts >= 2  # the workers did meet the hanging server, and retried
        if on_postgres:
            # The workers' connections and this process's, not one per reaction.
            assert max_connections <= worker_count + 2
        [digest] = sink.messages
        assert digest["Subject"] == f"{posts} reacties wachten op moderatie"
        assert f"{posts} nieuwe reacties sinds het vorige bericht:" in digest.get_content()
        assert workers.alive() and [p.pid for p in workers.processes] == pids
    finally:
        if sampler:
            sampler.stop()
        hanging.stop()
        if sink:
            sink.stop()


def test_a_hanging_mail_server_holds_up_mail_only(
    client,
    thread,
    moderator_with_mail,
    settings,
    start_workers,
    django_capture_on_commit_callbacks,
):
    """The production layout's two workers, one per queue, with a mail server that
    hangs: sign-ups, reactions and a release's alerts pile up mail, and meanwhile a hero
    image's renditions are made and the release's alerts are fanned out without waiting
    on mail; when the server is back, the alerts leave within seconds. Before, one
    worker ran everything and each queued mail held it for EMAIL_TIMEOUT."""
    from alerts.models import Delivery
    from press import services, signals
    from press.models import PressRelease
    from tests.alerts.conftest import make_subscriber
    from tests.conftest import make_image, make_release, make_theme

    email_timeout, retry = 2, 2
    theme = make_theme("Kustverdediging")
    subscribers = [make_subscriber(themes=[theme]) for _ in range(5)]
    port = free_port()
    hanging = HangingSMTPServer(port)
    sink = None
    try:
        env = {
            "DJANGO_EMAIL_TIMEOUT": str(email_timeout),
            "ALERTS_RETRY_SECONDS": str(retry),
            "ALERTS_BATCH_PAUSE_SECONDS": "0",
            "COMMENTS_DIGEST_RETRY_SECONDS": str(retry),
            "SITE_URL": "https://nieuws.denhaag.example",
            "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        }
        workers = start_workers(1, smtp_port=port, queues="default", **env)
        mailers = start_workers(1, smtp_port=port, queues="mail", **env)

        # Ten anonymous sign-ups (a confirmation mail each) and a hundred reactions.
        for i in range(10):
            response = client.post(
                "/nl/alerts/",
                {"email": f"nieuw{i}@example.org", "language": "nl", "frequency": "daily"}
                | {"all_releases": "on"},
                REMOTE_ADDR=f"198.51.100.{i + 1}",
            )
            assert response.status_code == 303
        for i in range(100):
            assert post(client, thread, i).status_code == 303
        wait_for(lambda: len(hanging.accepted) >= 2, 30, "the mail worker to try the server")

        # A release goes public, and an editor uploads a hero image for another one.
        release = make_release("Zandmotor groeit")
        release.themes.set([theme])
        asked = time.monotonic()
        signals.release_published.send(
            sender=PressRelease, release_pk=release.pk, public_at=release.publish_at
        )
        pictured = make_release("Duinen", hero_image=make_image(size=(900, 450)))
        with django_capture_on_commit_callbacks(execute=True):
            services.hero_image_saved(pictured, None)
        wait_for(
            lambda: Delivery.objects.filter(alert__release=release).count() == 5,
            20,
            "the alert's deliveries",
        )
        fanned_out_s = time.monotonic() - asked
        wait_for(
            lambda: PressRelease.objects.get(pk=pictured.pk).hero_renditions_ready,
            20,
            "the renditions",
        )
        rendered_s = time.monotonic() - asked
        attempts = len(hanging.accepted)
        assert not Delivery.objects.filter(state=Delivery.State.SENT).exists()
        digest_runs = DBTaskResult.objects.filter(
            task_path="comments.tasks.send_moderator_digest"
        ).count()

        hanging.stop()
        sink = SMTPSink(port)
        recovered = time.monotonic()

        def alerted() -> set[str]:
            return {
                address
                for message, recipients in zip(sink.messages, sink.recipients, strict=False)
                if message["Subject"] == release.title_nl
                for address in recipients
            }

        wait_for(lambda: alerted() >= {s.email for s in subscribers}, 60, "the alerts")
        alerts_s = time.monotonic() - recovered
        wait_for(lambda: len(sink.messages) >= 5 + 10 + 1, 60, "the other mail")
        all_mail_s = time.monotonic() - recovered
        print(
            f"\nHanging SMTP, a worker per queue: email_timeout={email_timeout}s "
            f"retry={retry}s smtp_attempts_while_hanging={attempts} "
            f"alert_fanned_out_s={fanned_out_s:.1f} renditions_s={rendered_s:.1f} "
            f"digest_runs_queued={digest_runs} (100 reactions) "
            f"alerts_after_recovery_s={alerts_s:.1f} all_mail_after_recovery_s={all_mail_s:.1f}"
        )
        # Renditions and the alerts' scheduling did not wait on the mail server.
        assert rendered_s < 2 * email_timeout
        assert fanned_out_s < 2 * email_timeout
        # One digest run per interval, not one per reaction.
        assert digest_runs <= 3
        # The alerts left within the retry and one timeout of the server's recovery.
        assert alerts_s < retry + email_timeout + 3
        assert workers.alive() and mailers.alive()
    finally:
        hanging.stop()
        if sink:
            sink.stop()
