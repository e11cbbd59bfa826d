"""The alerts through real `db_worker` processes and a real SMTP server: a scheduled
release alerted once with two workers, and a worker killed mid-send (SIGKILL) and
restarted: every subscriber gets the alert exactly once."""

from __future__ import annotations

import asyncio
import datetime as dt
import signal
import time
from collections import Counter

import pytest
from django.utils import timezone

from alerts.models import Delivery
from press import signals, workflow
from press.models import PressRelease
from tests.alerts.conftest import make_subscriber
from tests.conftest import make_release, make_theme
from tests.workers import HangingSMTPServer, SMTPSink, became_true, free_port, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


class SlowSMTPSink(SMTPSink):
    """Takes ``delay`` seconds to accept each recipient, before the message is sent: a
    worker killed meanwhile has not delivered that message (the sink keeps only what
    it accepted). ``waiting`` tells when it is in such a pause."""

    def __init__(self, port: int, delay: float) -> None:
        self.delay = delay
        self.waiting = False
        super().__init__(port)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        self.waiting = True
        await asyncio.sleep(self.delay)
        self.waiting = False
        envelope.rcpt_tos.append(address)
        return "250 OK"


WORKER_ENV = {
    "DJANGO_EMAIL_TIMEOUT": "2",
    "ALERTS_BATCH_PAUSE_SECONDS": "0",
    "SITE_URL": "https://nieuws.denhaag.example",
}


def received(sink: SMTPSink) -> Counter:
    return Counter(address for recipients in sink.recipients for address in recipients)


def test_a_scheduled_release_is_alerted_once_when_it_goes_public(chief_editor, start_workers):
    theme = make_theme("Kustverdediging")
    subscribers = [make_subscriber(themes=[theme]) for _ in range(6)]
    make_subscriber("ander@example.org", themes=[make_theme("Cybersecurity")])
    public_at = timezone.now() + dt.timedelta(seconds=4)
    release = make_release(
        "Zandmotor groeit", status=PressRelease.Status.REVIEW, publish_at=public_at
    )
    release.themes.set([theme])
    port = free_port()
    sink = SMTPSink(port)
    try:
        workers = start_workers(2, smtp_port=port, **WORKER_ENV)
        workflow.change_status(
            release, PressRelease.Status.PUBLISHED, user=chief_editor
        )  # the signal, on commit
        # Sent again (a re-publication for the same moment): a second task, same moment.
        signals.release_published.send(
            sender=PressRelease, release_pk=release.pk, public_at=public_at
        )
        time.sleep(2)
        assert sink.messages == []  # not before its moment
        wait_for(lambda: len(sink.messages) >= len(subscribers), 30, "the alerts")
        all_in_at = timezone.now()
        time.sleep(3)  # time for a second worker or task to send it again
        print(
            f"\nScheduled release: {len(sink.messages)} alerts for {len(subscribers)} "
            f"subscribers, all in {(all_in_at - public_at).total_seconds():.1f} s after "
            "its moment, 2 workers, 2 tasks"
        )
        assert all_in_at >= public_at
        assert received(sink) == Counter({s.email: 1 for s in subscribers})
        assert {m["Subject"] for m in sink.messages} == {"Zandmotor groeit"}
        message = sink.messages[0]
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert (
            str(message["List-Unsubscribe"])
            .strip()
            .startswith("<https://nieuws.denhaag.example/nl/alerts/unsubscribe/")
        )
        assert workers.alive()
    finally:
        sink.stop()


def test_a_worker_killed_mid_send_and_restarted_sends_each_alert_exactly_once(start_workers):
    theme = make_theme("Kustverdediging")
    subscribers = [make_subscriber(themes=[theme]) for _ in range(20)]
    release = make_release(publish_at=timezone.now() - dt.timedelta(minutes=1))
    release.themes.set([theme])
    port = free_port()
    sink = SlowSMTPSink(port, delay=0.3)
    env = WORKER_ENV | {"ALERTS_BATCH_SIZE": "5", "ALERTS_SEND_LEASE_SECONDS": "4"}
    try:
        first = start_workers(1, smtp_port=port, name="first", **env)
        signals.release_published.send(
            sender=PressRelease, release_pk=release.pk, public_at=release.publish_at
        )
        # Mid-run: seven delivered, the worker waits for the server on the eighth.
        wait_for(lambda: len(sink.messages) >= 7 and sink.waiting, 60, "the sending")
        [process] = first.processes
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=5)
        killed_at = len(sink.messages)
        assert 7 <= killed_at < len(subscribers)
        assert Delivery.objects.filter(state=Delivery.State.SENDING).exists()

        start_workers(1, smtp_port=port, name="restarted", **env)
        wait_for(lambda: len(sink.messages) >= len(subscribers), 60, "the rest of the alerts")
        became_true(lambda: False, 3)  # time for anything sent twice to arrive
        print(f"\nKilled after {killed_at} of {len(subscribers)} messages")
        assert received(sink) == Counter({s.email: 1 for s in subscribers})
        assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.State.SENT}
    finally:
        sink.stop()


def test_a_hanging_mail_server_delays_the_alerts_then_each_arrives_once(client, start_workers):
    """A mail server that accepts and never answers: the site answers as always (a
    sign-up is a 303 at once), the workers give up after EMAIL_TIMEOUT and retry; when a
    working server is back, every subscriber gets the alert, once."""
    theme = make_theme("Kustverdediging")
    subscribers = [make_subscriber(themes=[theme]) for _ in range(5)]
    release = make_release(publish_at=timezone.now() - dt.timedelta(minutes=1))
    release.themes.set([theme])
    port = free_port()
    hanging = HangingSMTPServer(port)
    sink = None
    try:
        env = WORKER_ENV | {"DJANGO_EMAIL_TIMEOUT": "1", "ALERTS_RETRY_SECONDS": "1"}
        workers = start_workers(2, smtp_port=port, **env)
        signals.release_published.send(
            sender=PressRelease, release_pk=release.pk, public_at=release.publish_at
        )
        wait_for(lambda: len(hanging.accepted) >= 2, 30, "the workers to try the server")
        started = time.monotonic()
        response = client.post(
            "/nl/alerts/",
            {
                "email": "nieuw@example.org",
                "language": "nl",
                "frequency": "daily",
                "all_releases": "on",
            },
        )
        seconds = time.monotonic() - started
        assert response.status_code == 303 and seconds < 1
        assert not Delivery.objects.filter(state=Delivery.State.SENT).exists()

        hanging.stop()
        sink = SMTPSink(port)
        wait_for(lambda: len(received(sink)) >= len(subscribers), 60, "the alerts")
        time.sleep(3)
        attempts = len(hanging.accepted)
        print(f"\nHanging SMTP: {attempts} attempts while it hung, sign-up took {seconds:.2f} s")
        alerts = Counter(
            address
            for message, recipients in zip(sink.messages, sink.recipients, strict=True)
            if message["Subject"] == release.title_nl
            for address in recipients
        )
        assert alerts == Counter({s.email: 1 for s in subscribers})
        assert workers.alive()
    finally:
        hanging.stop()
        if sink:
            sink.stop()
