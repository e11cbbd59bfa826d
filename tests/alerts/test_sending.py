"""From a publication to the mails: who gets what, once; digests; throttle; failures."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.mail import BadHeaderError
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import timezone

from alerts import dispatch, mails, services
from alerts.dispatch import purge_subscribers, send_alerts
from alerts.models import Alert, Delivery, Dispatch, PressListContact, Subscriber
from alerts.tasks import alert_change, alert_release, change_alert, release_alert
from press import signals, workflow
from press.models import PressRelease
from tests.alerts.conftest import make_subscriber, send_all
from tests.conftest import make_release, make_theme

pytestmark = pytest.mark.django_db

Status = PressRelease.Status


@pytest.fixture
def coast():
    return make_theme("Kustverdediging", "Coastal defence")


@pytest.fixture
def cyber():
    return make_theme("Cybersecurity")


def public_release(*themes, **extra) -> PressRelease:
    release = make_release(publish_at=timezone.now() - dt.timedelta(minutes=1), **extra)
    release.themes.set(themes)
    return release


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_who_gets_a_release(coast, cyber):
    on_coast = make_subscriber("kust@example.org", themes=[coast])
    make_subscriber("cyber@example.org", themes=[cyber])
    make_subscriber("alles@example.org", all_releases=True)
    make_subscriber("onbevestigd@example.org", themes=[coast], confirmed=False)
    PressListContact.objects.create(email="redactie@krant.example", name="Krant")
    release = public_release(coast)
    assert release_alert(release.pk) == 3
    send_all()
    assert recipients() == ["alles@example.org", "kust@example.org", "redactie@krant.example"]
    message = next(m for m in mail.outbox if m.to == [on_coast.email])
    assert message.subject == release.title_nl
    assert release.lead_nl in message.body
    assert f"http://testserver{release.get_absolute_url('nl')}" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html" and release.title_nl in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://testserver/nl/alerts/unsubscribe/"
    )


def test_english_subscriber_gets_english_or_is_told_it_is_dutch_only(coast):
    make_subscriber("en@example.org", themes=[coast], language="en")
    translated = public_release(coast)
    dutch = public_release(coast, english=False)
    release_alert(translated.pk)
    release_alert(dutch.pk)
    send_all()
    by_subject = {m.subject: m for m in mail.outbox}
    english = by_subject[translated.title_en]
    assert f"http://testserver{translated.get_absolute_url('en')}" in english.body
    assert "Only in Dutch." not in english.body
    assert "Only in Dutch." in by_subject[dutch.title_nl].body


def test_one_alert_per_release_ever(coast):
    make_subscriber(themes=[coast])
    release = public_release(coast)
    assert release_alert(release.pk) == 1
    assert release_alert(release.pk) == 0  # a retry, a second worker
    send_all()
    send_all()
    assert len(mail.outbox) == 1
    assert Alert.objects.count() == 1


def test_nothing_for_a_release_that_is_not_public(coast):
    make_subscriber(themes=[coast])
    scheduled = make_release(publish_at=timezone.now() + dt.timedelta(hours=1))
    draft = make_release(status=Status.DRAFT)
    assert release_alert(scheduled.pk) is None
    assert release_alert(draft.pk) is None
    assert Alert.objects.count() == 0


def test_publication_queues_the_alert_for_its_moment(
    chief_editor, dummy_tasks, django_capture_on_commit_callbacks
):
    now_release = make_release(status=Status.REVIEW, publish_at=None)
    later = timezone.now() + dt.timedelta(hours=2)
    scheduled = make_release(status=Status.REVIEW, publish_at=later)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.change_status(now_release, PressRelease.Status.PUBLISHED, user=chief_editor)
        workflow.change_status(scheduled, PressRelease.Status.PUBLISHED, user=chief_editor)
    results = [r for r in alert_release.get_backend().results if r.task.name == "alert_release"]
    assert [(r.args, r.task.run_after) for r in results] == [
        ([now_release.pk], None),
        ([scheduled.pk], later),
    ]


def test_rescheduled_release_early_run_does_nothing_later_run_sends(coast):
    """Published for 10:00, then re-scheduled to 12:00: the run queued for 10:00 finds it
    not public and does nothing; the one for 12:00 sends."""
    make_subscriber(themes=[coast])
    release = make_release(publish_at=timezone.now() + dt.timedelta(hours=1))
    release.themes.set([coast])
    assert release_alert(release.pk) is None  # the early run, at the old moment
    PressRelease.objects.filter(pk=release.pk).update(
        publish_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert release_alert(release.pk) == 1  # the run at the new moment
    send_all()
    assert len(mail.outbox) == 1


def test_withdrawn_before_sending_is_dropped(coast, chief_editor):
    make_subscriber(themes=[coast])
    release = public_release(coast)
    release_alert(release.pk)
    workflow.change_status(
        release, PressRelease.Status.WITHDRAWN, user=chief_editor, explanation={"nl": "Fout"}
    )
    send_all()
    assert mail.outbox == []
    assert Delivery.objects.get().state == Delivery.State.DROPPED


def test_change_note_alert_once_per_note(coast, cyber):
    make_subscriber("kust@example.org", themes=[coast], language="en")
    make_subscriber("cyber@example.org", themes=[cyber])
    release = public_release(coast)
    texts = {"nl": "De datum was fout.", "en": "The date was wrong."}
    assert change_alert(release.pk, 41, texts) == 1
    assert change_alert(release.pk, 41, texts) == 0
    send_all()
    [message] = mail.outbox
    assert message.to == ["kust@example.org"]
    assert message.subject == f"Correction: {release.title_en}"
    assert "The date was wrong." in message.body


def test_signals_reach_the_tasks(coast, immediate_tasks, django_capture_on_commit_callbacks):
    make_subscriber(themes=[coast])
    release = public_release(coast)
    with django_capture_on_commit_callbacks(execute=True):
        signals.release_published.send(
            sender=PressRelease, release_pk=release.pk, public_at=release.publish_at
        )
        signals.change_noted.send(
            sender=PressRelease, release_pk=release.pk, note_pk=7, texts={"nl": "Gecorrigeerd."}
        )
    assert sorted(Alert.objects.values_list("key", flat=True)) == [
        "change:7",
        f"release:{release.pk}",
    ]


def test_tasks_report_what_they_did(coast):
    make_subscriber(themes=[coast])
    release = public_release(coast)
    assert alert_release.call(release.pk) == "1 deliveries"
    assert alert_release.call(release.pk) == "0 deliveries"
    assert alert_change.call(release.pk, 3, {"nl": "x"}) == "1 deliveries"
    assert send_alerts.call() == "sent a batch"
    assert len(mail.outbox) == 2


def test_daily_digest_waits_for_its_moment_and_bundles(coast, settings):
    settings.ALERTS_DIGEST_TIME = "07:00"
    daily = make_subscriber(themes=[coast], frequency=Subscriber.Frequency.DAILY)
    first, second = public_release(coast), public_release(coast)
    release_alert(first.pk)
    release_alert(second.pk)
    send_all()
    assert mail.outbox == []  # not before 07:00
    [due_at] = set(Delivery.objects.values_list("due_at", flat=True))
    assert due_at == dispatch.next_digest_at(timezone.now())
    Delivery.objects.update(due_at=timezone.now())  # it is 07:00
    send_all()
    [message] = mail.outbox
    assert message.to == [daily.email]
    assert message.subject.startswith("Persberichten van ")
    assert first.title_nl in message.body and second.title_nl in message.body


def test_next_digest_moment_is_7_in_amsterdam_also_across_dst(settings):
    settings.ALERTS_DIGEST_TIME = "07:00"
    utc = dt.UTC
    winter = dt.datetime(2026, 1, 15, 5, 0, tzinfo=utc)  # 06:00 in Amsterdam
    assert dispatch.next_digest_at(winter) == dt.datetime(2026, 1, 15, 6, 0, tzinfo=utc)
    after = dt.datetime(2026, 1, 15, 6, 0, tzinfo=utc)  # exactly 07:00: the next day
    assert dispatch.next_digest_at(after) == dt.datetime(2026, 1, 16, 6, 0, tzinfo=utc)
    summer = dt.datetime(2026, 7, 1, 12, 0, tzinfo=utc)
    assert dispatch.next_digest_at(summer) == dt.datetime(2026, 7, 2, 5, 0, tzinfo=utc)
    # The night the clocks go forward (29 March 2026): still 07:00 local.
    spring = dt.datetime(2026, 3, 28, 23, 0, tzinfo=utc)
    assert dispatch.next_digest_at(spring) == dt.datetime(2026, 3, 29, 5, 0, tzinfo=utc)


def test_throttle_batches_and_pauses(coast, settings):
    settings.ALERTS_BATCH_SIZE = 2
    settings.ALERTS_BATCH_PAUSE_SECONDS = 60
    for _ in range(5):
        make_subscriber(themes=[coast])
    release_alert(public_release(coast).pk)
    assert dispatch.send_due() == dispatch.Outcome.SENT
    assert len(mail.outbox) == 2
    assert dispatch.send_due() == dispatch.Outcome.THROTTLED
    assert len(mail.outbox) == 2
    state = Dispatch.objects.get()
    assert state.next_batch_at > timezone.now() + dt.timedelta(seconds=50)
    Dispatch.objects.update(next_batch_at=timezone.now())  # a minute later
    assert dispatch.send_due() == dispatch.Outcome.SENT
    assert len(mail.outbox) == 4


def test_one_sender_at_a_time(coast):
    make_subscriber(themes=[coast])
    release_alert(public_release(coast).pk)
    Dispatch.objects.update(sending_until=timezone.now() + dt.timedelta(minutes=1))
    assert dispatch.send_due() == dispatch.Outcome.BUSY
    assert mail.outbox == []


def test_a_dead_senders_batch_is_sent_once_after_its_lease(coast):
    """A worker claimed a batch, sent part of it and died: after the lease another run
    sends the rest, and what was sent is not sent again."""
    subscribers = [make_subscriber(themes=[coast]) for _ in range(4)]
    release_alert(public_release(coast).pk)
    batch = dispatch._claim()
    assert isinstance(batch, dispatch.Batch) and len(batch.units) == 4
    # It got two out before it died.
    for unit in batch.units[:2]:
        unit.message.send()
        Delivery.objects.filter(pk__in=unit.deliveries).update(state=Delivery.State.SENT)
    assert dispatch.send_due() == dispatch.Outcome.BUSY  # its lease still runs
    Dispatch.objects.update(sending_until=timezone.now() - dt.timedelta(seconds=1))
    send_all()
    assert recipients() == sorted(s.email for s in subscribers)


class FailingBackend(LocmemBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("the mail server went away")


def test_failing_mail_server_delays_and_retries(coast, settings):
    settings.ALERTS_RETRY_SECONDS = 120
    subscriber = make_subscriber(themes=[coast])
    release_alert(public_release(coast).pk)
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    assert dispatch.send_due() == dispatch.Outcome.FAILED
    delivery = Delivery.objects.get()
    assert delivery.state == Delivery.State.PENDING and delivery.attempts == 1
    assert Dispatch.objects.get().next_batch_at > timezone.now() + dt.timedelta(seconds=100)
    assert dispatch.send_due() == dispatch.Outcome.THROTTLED
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_all()
    assert recipients() == [subscriber.email]


class RefusingBackend(LocmemBackend):
    def send_messages(self, messages):
        if messages[0].to == ["weg@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"weg@example.org": (550, b"no such user")})
        return super().send_messages(messages)


def test_a_refused_address_does_not_hold_up_the_others(coast, settings):
    make_subscriber("weg@example.org", themes=[coast])
    make_subscriber("goed@example.org", themes=[coast])
    release_alert(public_release(coast).pk)
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    send_all()
    assert recipients() == ["goed@example.org"]
    states = dict(Delivery.objects.values_list("subscriber__email", "state"))
    assert states == {"weg@example.org": "dropped", "goed@example.org": "sent"}


class OneBadMessageBackend(LocmemBackend):
    """A mail server that takes every message but the one to ``bad@example.org``,
    answering it with ``error`` every time."""

    error: Exception

    def send_messages(self, messages):
        if messages[0].to == ["bad@example.org"]:
            raise self.error
        return super().send_messages(messages)


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPDataError(554, b"5.6.0 message content rejected"),
        smtplib.SMTPRecipientsRefused({"bad@example.org": (550, b"no such user")}),
        BadHeaderError("Header values can't contain newlines"),
        UnicodeEncodeError("ascii", "é", 0, 1, "ordinal not in range"),
    ],
    ids=["554", "550-refused", "bad-header", "unicode"],
)
def test_a_message_that_never_goes_is_dropped_and_the_others_get_theirs(
    coast, settings, caplog, monkeypatch, error
):
    """One message the mail server (or Django's mail) refuses for good must not stop
    the alerts: it is dropped and logged, everybody else gets the alert."""
    make_subscriber("bad@example.org", themes=[coast])  # the first subscriber: first in line
    others = [make_subscriber(themes=[coast]) for _ in range(3)]
    release_alert(public_release(coast).pk)
    monkeypatch.setattr(OneBadMessageBackend, "error", error, raising=False)
    settings.EMAIL_BACKEND = f"{__name__}.OneBadMessageBackend"
    with caplog.at_level("WARNING", logger="alerts.dispatch"):
        outcomes = send_all(limit=10)
    assert dispatch.Outcome.FAILED not in outcomes
    assert recipients() == sorted(s.email for s in others)
    states = dict(Delivery.objects.values_list("subscriber__email", "state"))
    assert states.pop("bad@example.org") == Delivery.State.DROPPED
    assert set(states.values()) == {Delivery.State.SENT}
    [dropped] = [r for r in caplog.records if "dropped" in r.getMessage()]
    assert type(error).__name__ in dropped.getMessage()


def test_a_message_that_cannot_be_made_is_dropped_and_the_others_get_theirs(
    coast, caplog, monkeypatch
):
    """An error while the message is built (here: text that cannot be encoded) drops
    that delivery at the claim, instead of undoing the claim on every run."""
    make_subscriber("bad@example.org", themes=[coast])
    others = [make_subscriber(themes=[coast]) for _ in range(2)]
    release_alert(public_release(coast).pk)
    single = mails.single

    def failing_single(subscriber, alert):
        if subscriber.email == "bad@example.org":
            raise UnicodeEncodeError("ascii", "é", 0, 1, "ordinal not in range")
        return single(subscriber, alert)

    monkeypatch.setattr(mails, "single", failing_single)
    with caplog.at_level("WARNING", logger="alerts.dispatch"):
        outcomes = send_all(limit=10)
    assert dispatch.Outcome.FAILED not in outcomes
    assert recipients() == sorted(s.email for s in others)
    states = dict(Delivery.objects.values_list("subscriber__email", "state"))
    assert states.pop("bad@example.org") == Delivery.State.DROPPED
    assert set(states.values()) == {Delivery.State.SENT}
    assert any("UnicodeEncodeError" in r.getMessage() for r in caplog.records)


def test_a_title_with_a_line_break_goes_out_on_one_subject_line(coast):
    """Django's mail refuses a subject with a line break (BadHeaderError): the alerts'
    subjects are made one line, so such a release reaches everybody."""
    subscribers = [make_subscriber(themes=[coast]) for _ in range(2)]
    release_alert(public_release(coast, title_nl="Dijken\r\nversterkt").pk)
    send_all(limit=10)
    assert recipients() == sorted(s.email for s in subscribers)
    assert {message.subject for message in mail.outbox} == {"Dijken versterkt"}
    assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.State.SENT}


def test_a_message_the_server_keeps_deferring_is_dropped_after_max_attempts(
    coast, settings, caplog, monkeypatch
):
    """A temporary answer (4xx) is retried later, the batch with it; fresh deliveries
    go before the retried one, and after ALERTS_MAX_ATTEMPTS it is dropped."""
    settings.ALERTS_MAX_ATTEMPTS = 3
    settings.ALERTS_BATCH_SIZE = 1
    make_subscriber("bad@example.org", themes=[coast])
    release_alert(public_release(coast).pk)
    monkeypatch.setattr(
        OneBadMessageBackend,
        "error",
        smtplib.SMTPDataError(451, b"4.3.0 try again later"),
        raising=False,
    )
    settings.EMAIL_BACKEND = f"{__name__}.OneBadMessageBackend"
    Dispatch.objects.update(next_batch_at=None)
    assert dispatch.send_due() == dispatch.Outcome.FAILED
    bad = Delivery.objects.get()
    assert (bad.state, bad.attempts) == (Delivery.State.PENDING, 1)
    # A newcomer is not held up by the retried one (a batch of one: it goes first).
    newcomer = make_subscriber(themes=[coast])
    release_alert(public_release(coast).pk)
    Dispatch.objects.update(next_batch_at=None)
    assert dispatch.send_due() == dispatch.Outcome.SENT
    assert recipients() == [newcomer.email]
    with caplog.at_level("WARNING", logger="alerts.dispatch"):
        outcomes = send_all(limit=10)
    # The first alert's last two tries, the second alert's three.
    assert outcomes.count(dispatch.Outcome.FAILED) == 5
    assert recipients() == [newcomer.email]
    assert (
        list(
            Delivery.objects.filter(subscriber__email="bad@example.org").values_list(
                "state", "attempts"
            )
        )
        == [(Delivery.State.DROPPED, 3)] * 2
    )
    assert any("tried 3 times" in r.getMessage() for r in caplog.records)


def test_unsubscribing_deletes_the_address_and_what_waits_for_it(coast):
    subscriber = make_subscriber(themes=[coast])
    release_alert(public_release(coast).pk)
    services.unsubscribe(subscriber.pk)
    assert not Subscriber.objects.filter(email=subscriber.email).exists()
    assert Delivery.objects.count() == 0
    send_all()
    assert mail.outbox == []


def test_unconfirmed_sign_ups_are_purged_after_the_period(
    settings, dummy_tasks, django_capture_on_commit_callbacks
):
    settings.ALERTS_UNCONFIRMED_DAYS = 7
    now = timezone.now()
    old = make_subscriber("oud@example.org", confirmed=False)
    young = make_subscriber("jong@example.org", confirmed=False)
    confirmed = make_subscriber("vast@example.org")
    Subscriber.objects.filter(pk__in=[old.pk, confirmed.pk]).update(
        created_at=now - dt.timedelta(days=8)
    )
    Subscriber.objects.filter(pk=young.pk).update(created_at=now - dt.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_subscribers.call() == 1
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "jong@example.org",
        "vast@example.org",
    ]
    # The next purge is queued for when the young one's period ends.
    [queued] = [
        r for r in purge_subscribers.get_backend().results if r.task.name == "purge_subscribers"
    ]
    young.refresh_from_db()
    assert abs(queued.task.run_after - (young.created_at + dt.timedelta(days=7))) < dt.timedelta(
        seconds=2
    )


def test_moving_a_scheduled_release_queues_its_alert_for_the_new_moment(
    chief_editor, dummy_tasks, django_capture_on_commit_callbacks
):
    """A chief editor changes the publication date of a scheduled release in the change
    form (press.services.save_edit): the alert follows it."""
    release = make_release(publish_at=timezone.now() + dt.timedelta(hours=1))
    later = timezone.now() + dt.timedelta(hours=3)
    release.publish_at = later
    with django_capture_on_commit_callbacks(execute=True):
        workflow.save_edit(release, user=chief_editor)
        release.title_nl = "Alleen de titel"
        workflow.save_edit(release, user=chief_editor)  # same moment: nothing new
    results = [r for r in alert_release.get_backend().results if r.task.name == "alert_release"]
    assert [(r.args, r.task.run_after) for r in results] == [([release.pk], later)]


def test_a_run_before_the_moment_queues_the_run_for_the_moment(
    coast, dummy_tasks, django_capture_on_commit_callbacks
):
    make_subscriber(themes=[coast])
    moment = timezone.now() + dt.timedelta(hours=2)
    release = make_release(publish_at=moment)
    with django_capture_on_commit_callbacks(execute=True):
        assert alert_release.call(release.pk) == "not public"
    results = [r for r in alert_release.get_backend().results if r.task.name == "alert_release"]
    assert [(r.args, r.task.run_after) for r in results] == [([release.pk], moment)]
    withdrawn = make_release(status=Status.WITHDRAWN)
    with django_capture_on_commit_callbacks(execute=True):
        assert alert_release.call(withdrawn.pk) == "not public"
    assert len(alert_release.get_backend().results) == 1  # nothing queued for it


def test_old_delivery_records_are_purged_the_alert_stays(coast, settings, dummy_tasks):
    settings.ALERTS_DELIVERY_RETENTION_DAYS = 30
    subscriber = make_subscriber(themes=[coast])
    old, recent = public_release(coast), public_release(coast)
    release_alert(old.pk)
    release_alert(recent.pk)
    send_all()
    Delivery.objects.filter(alert__release=old).update(
        due_at=timezone.now() - dt.timedelta(days=31)
    )
    dispatch.purge()
    assert list(Delivery.objects.values_list("alert__release", flat=True)) == [recent.pk]
    assert release_alert(old.pk) == 0  # its alert is remembered: never again
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_a_confirmation_the_mail_server_refused_is_tried_again_later(
    settings, dummy_tasks, django_capture_on_commit_callbacks
):
    from alerts.tasks import SUBSCRIBER_MAIL_ATTEMPTS, send_subscriber_mail

    settings.ALERTS_RETRY_SECONDS = 60
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    subscriber = make_subscriber(confirmed=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_subscriber_mail.call(subscriber.pk, "confirm", 3) == "retrying"
    [queued] = send_subscriber_mail.get_backend().results
    assert queued.args == [subscriber.pk, "confirm", 4]
    wait = queued.task.run_after - timezone.now()
    assert dt.timedelta(seconds=230) < wait <= dt.timedelta(seconds=240)  # 60 s × 2²
    last = SUBSCRIBER_MAIL_ATTEMPTS
    assert send_subscriber_mail.call(subscriber.pk, "confirm", last) == "failed"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_subscriber_mail.call(subscriber.pk, "confirm", 4) == "sent"
    assert [m.to for m in mail.outbox] == [[subscriber.email]]


def test_a_correction_saved_with_a_public_note_reaches_the_themes_subscribers(
    coast, cyber, chief_editor, immediate_tasks, django_capture_on_commit_callbacks
):
    """The whole way: a chief editor corrects a public release with a change note and
    asks for the alert (press.services.save_edit, as the change form does); the
    release's theme subscribers get the correction once, a minor fix sends nothing."""
    make_subscriber("kust@example.org", themes=[coast])
    make_subscriber("cyber@example.org", themes=[cyber])
    release = public_release(coast, status=Status.PUBLISHED)
    release.title_nl = "Dijkversterking Scheveningen"
    with django_capture_on_commit_callbacks(execute=True):
        workflow.save_edit(release, user=chief_editor)  # a typo: no note, no alert
    send_all()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        note = workflow.save_edit(
            release,
            user=chief_editor,
            change_note={
                "nl": "De startdatum was 3 juni, niet 3 juli.",
                "en": "The start date was 3 June, not 3 July.",
            },
            alert=True,
        )
    send_all()
    [message] = mail.outbox
    assert message.to == ["kust@example.org"]
    assert "De startdatum was 3 juni, niet 3 juli." in message.body
    assert Alert.objects.filter(key=f"change:{note.pk}").count() == 1
