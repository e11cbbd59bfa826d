"""Sending the alerts: batched, throttled, one sender at a time, restartable.

Deliveries wait in the database (alerts.models.Delivery, one row per alert and
subscriber). A run of the task ``send_alerts`` does at most one batch:

1. Under a lock on the one ``Dispatch`` row it checks that nobody else is sending (the
   lease ``sending_until``) and that the throttle allows a batch (``next_batch_at``),
   takes up to ``ALERTS_BATCH_SIZE`` subscribers' due deliveries, marks them
   "sending", takes the lease, and queues a run for the moment the lease ends (should
   this worker die, that run carries on). It commits before it talks to the mail
   server, so a slow or hanging mail server holds no lock and no transaction (the
   worker's one database connection stays open, idle, to mark each delivery sent).
2. It sends the batch over one SMTP connection (``EMAIL_TIMEOUT`` bounds every step)
   and marks each delivery "sent" the moment the server has accepted it.
3. It gives the lease back, sets the throttle (``ALERTS_BATCH_PAUSE_SECONDS``, or
   ``ALERTS_RETRY_SECONDS`` after a failing mail server) and queues the next run.

One message is never allowed to stop the others. A message that will never go (a
5xx answer to it, a refused address, a bad header, text that cannot be encoded, also
when the message is built) is dropped and logged, and the batch carries on. A
temporary failure (connection lost, a 4xx answer) ends the batch and it is tried again
after ``ALERTS_RETRY_SECONDS``; each delivery counts its tries (``attempts``), those
tried least are claimed first, and one tried ``ALERTS_MAX_ATTEMPTS`` times is dropped.

A worker killed mid-batch leaves the deliveries it had not sent "sending"; the run
queued for the end of its lease sends exactly those. What is marked sent is never
sent again, what was not accepted by the server is sent later: exactly once, except
for a crash in the instant between the server's "250 OK" and the update of that one
row (then that one subscriber gets it twice). Each row is marked in its own
statement right after the server's answer to keep that window as short as it goes.

The sender stops taking messages when less of its lease is left than one message
may take (``_message_budget``), so a second sender never overlaps it.

The purge of unconfirmed sign-ups and of old delivery records (``purge_subscribers``)
is queued the same way, one run at a time, on the same row.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import smtplib
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Max, Min
from django.utils import timezone

from alerts import mails
from alerts.models import Alert, Delivery, Dispatch, Subscriber
from denhaag_cms.queue import enqueue_later, mail_task, task
from press.models import PressRelease

logger = logging.getLogger(__name__)


class Outcome(enum.StrEnum):
    SENT = "sent a batch"
    NOTHING_DUE = "nothing due"
    BUSY = "another worker is sending"
    THROTTLED = "waiting for the throttle"
    FAILED = "mail server failed"


@dataclass
class Unit:
    """One message and the deliveries it fulfils (one, or a digest's several)."""

    message: EmailMessage
    deliveries: list[int]


@dataclass
class Batch:
    lease_until: dt.datetime
    units: list[Unit]
    claimed: list[int] = field(default_factory=list)


def lease() -> dt.timedelta:
    """How long one batch may take; past it another worker may take over."""
    if settings.ALERTS_SEND_LEASE_SECONDS:
        return dt.timedelta(seconds=settings.ALERTS_SEND_LEASE_SECONDS)
    return _message_budget() * 2 + dt.timedelta(seconds=settings.ALERTS_BATCH_SIZE * 2 + 60)


def _message_budget() -> dt.timedelta:
    """The longest one message may take: connect, MAIL, RCPT, DATA, end of data."""
    return dt.timedelta(seconds=5 * (getattr(settings, "EMAIL_TIMEOUT", None) or 10))


def _guard() -> dt.timedelta:
    return min(_message_budget(), lease() / 2)


def send_due() -> Outcome:
    """Send one batch of due alerts, if it is this run's turn. Safe to run any number
    of times, by any number of workers."""
    batch = _claim()
    if not isinstance(batch, Batch):
        return batch
    failed = _send(batch)
    _finish(batch, failed=failed)
    return Outcome.FAILED if failed else Outcome.SENT


def _locked_state() -> Dispatch:
    Dispatch.objects.get_or_create(pk=1)
    return Dispatch.objects.select_for_update().get(pk=1)


def _claim() -> Batch | Outcome:
    with transaction.atomic():
        state = _locked_state()
        now = timezone.now()
        changed = set()
        if state.next_run_at is not None and state.next_run_at <= now:
            state.next_run_at = None
            changed.add("next_run_at")
        try:
            if state.sending_until and state.sending_until > now:
                changed |= _schedule_send(state, state.sending_until, now)
                return Outcome.BUSY
            if state.next_batch_at and state.next_batch_at > now:
                if Delivery.objects.unsent().exists():
                    changed |= _schedule_send(state, state.next_batch_at, now)
                return Outcome.THROTTLED
            _drop_exhausted()
            due = Delivery.objects.due(now)
            # Those never tried before those tried already: a message the server keeps
            # deferring does not hold up fresh ones.
            subscribers = list(
                due.values("subscriber_id")
                .annotate(tries=Max("attempts"))
                .order_by("tries", "subscriber_id")
                .values_list("subscriber_id", flat=True)[: settings.ALERTS_BATCH_SIZE]
            )
            if not subscribers:
                later = Delivery.objects.unsent().aggregate(at=Min("due_at"))["at"]
                if later is not None:
                    changed |= _schedule_send(state, later, now)
                return Outcome.NOTHING_DUE
            place = {subscriber_id: n for n, subscriber_id in enumerate(subscribers)}
            rows = sorted(
                due.filter(subscriber_id__in=subscribers).select_related(
                    "alert__release", "subscriber"
                ),
                key=lambda row: (place[row.subscriber_id], row.digest, row.attempts, row.pk),
            )
            claimed = [row.pk for row in rows]
            Delivery.objects.filter(pk__in=claimed).update(state=Delivery.State.SENDING)
            state.sending_until = now + lease()
            changed.add("sending_until")
            # The watchdog: if this worker dies, the run at the lease's end carries on.
            changed |= _schedule_send(state, state.sending_until, now)
            return Batch(lease_until=state.sending_until, units=_compose(rows), claimed=claimed)
        finally:
            if changed:
                state.save(update_fields=sorted(changed))


def _compose(rows: list[Delivery]) -> list[Unit]:
    """Messages for the claimed rows; rows whose release is no longer public (withdrawn
    meanwhile) are dropped, not sent."""
    release_ids = {row.alert.release_id for row in rows}
    public = set(
        PressRelease.objects.published().filter(pk__in=release_ids).values_list("pk", flat=True)
    )
    dropped = [row.pk for row in rows if row.alert.release_id not in public]
    if dropped:
        Delivery.objects.filter(pk__in=dropped).update(state=Delivery.State.DROPPED)
    units = []
    live = [row for row in rows if row.alert.release_id in public]
    for (_subscriber, is_digest), group in groupby(
        live, key=lambda r: (r.subscriber_id, r.digest)
    ):
        group = list(group)
        subscriber: Subscriber = group[0].subscriber
        if is_digest:
            alerts = sorted((row.alert for row in group), key=lambda a: a.created_at)
            parts = [(partial(mails.digest, subscriber, alerts), [row.pk for row in group])]
        else:
            parts = [(partial(mails.single, subscriber, row.alert), [row.pk]) for row in group]
        for make, deliveries in parts:
            try:
                units.append(Unit(make(), deliveries))
            except PER_MESSAGE_ERRORS as error:
                _drop(deliveries, error)
    return units


# Errors that belong to one message, not to the mail server: a bad header or address,
# text that cannot be encoded (BadHeaderError and UnicodeError are ValueErrors). Such
# a message would fail the same way on every try.
PER_MESSAGE_ERRORS = (ValueError, smtplib.SMTPNotSupportedError)


def _permanent(error: Exception) -> bool:
    """Whether the message will never go, however often it is tried: a 5xx answer to
    it, or a per-message error. Connection errors and 4xx answers are temporary. A
    refused sender (our own From address) is the server's matter: every message
    would get the same answer, so it is not dropped, it waits as for a failing server."""
    if isinstance(error, smtplib.SMTPSenderRefused):
        return False
    if isinstance(error, smtplib.SMTPResponseException):
        return 500 <= error.smtp_code <= 599
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(500 <= code <= 599 for code, _text in error.recipients.values())
    return isinstance(error, PER_MESSAGE_ERRORS)


def _drop(deliveries: list[int], error: Exception) -> None:
    logger.warning(
        "Alerts: deliveries %s dropped, the message will never go: %s: %s",
        deliveries,
        type(error).__name__,
        error,
    )
    Delivery.objects.filter(pk__in=deliveries).update(state=Delivery.State.DROPPED)


def _drop_exhausted() -> None:
    """Deliveries tried ``ALERTS_MAX_ATTEMPTS`` times are given up (dropped)."""
    tried = settings.ALERTS_MAX_ATTEMPTS
    dropped = (
        Delivery.objects.unsent().filter(attempts__gte=tried).update(state=Delivery.State.DROPPED)
    )
    if dropped:
        logger.warning("Alerts: %s deliveries dropped, tried %s times", dropped, tried)


def _send(batch: Batch) -> bool:
    """Send the batch; True if the mail server failed (the rest waits for a retry)."""
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
        for unit in batch.units:
            if timezone.now() + _guard() > batch.lease_until:
                logger.warning("Alerts: lease nearly over, the rest of the batch goes next")
                break
            # Counted before it is handed over: also a try that kills the worker counts.
            Delivery.objects.filter(pk__in=unit.deliveries).update(attempts=F("attempts") + 1)
            try:
                connection.send_messages([unit.message])
            except Exception as error:
                if not _permanent(error):
                    raise
                # This message, not the server: the others must not wait for it.
                _drop(unit.deliveries, error)
                continue
            Delivery.objects.filter(pk__in=unit.deliveries).update(
                state=Delivery.State.SENT, sent_at=timezone.now()
            )
    except Exception:
        logger.exception(
            "Alerts: mail server failed; trying again in %s s", settings.ALERTS_RETRY_SECONDS
        )
        return True
    finally:
        try:
            connection.close()
        except Exception:
            logger.warning("Alerts: closing the SMTP connection failed", exc_info=True)
    return False


def _finish(batch: Batch, *, failed: bool) -> None:
    with transaction.atomic():
        state = _locked_state()
        now = timezone.now()
        Delivery.objects.filter(pk__in=batch.claimed, state=Delivery.State.SENDING).update(
            state=Delivery.State.PENDING
        )
        if state.sending_until == batch.lease_until:  # still ours
            state.sending_until = None
        pause = settings.ALERTS_RETRY_SECONDS if failed else settings.ALERTS_BATCH_PAUSE_SECONDS
        state.next_batch_at = now + dt.timedelta(seconds=pause)
        later = Delivery.objects.unsent().aggregate(at=Min("due_at"))["at"]
        if later is not None:
            _schedule_send(state, max(later, state.next_batch_at), now)
        state.save()


# -- queued runs: one at a time, however many ask ----------------------------------


@mail_task()
def send_alerts() -> str:
    """One batch of due alerts (send_due)."""
    return send_due().value


def schedule_send(at: dt.datetime | None = None) -> None:
    """Make sure a sending run happens at ``at`` (now by default), e.g. after new
    deliveries were made. Call inside the transaction that made them."""
    with transaction.atomic():
        state = _locked_state()
        now = timezone.now()
        changed = _schedule_send(state, at or now, now)
        if changed:
            state.save(update_fields=sorted(changed))


def schedule_purge(at: dt.datetime) -> None:
    with transaction.atomic():
        state = _locked_state()
        changed = _schedule(state, "next_purge_at", _enqueue_purge, at, timezone.now())
        if changed:
            state.save(update_fields=sorted(changed))


def _schedule_send(state: Dispatch, at: dt.datetime, now: dt.datetime) -> set[str]:
    return _schedule(state, "next_run_at", _enqueue_send, at, now)


def _schedule(
    state: Dispatch,
    field_name: str,
    enqueue: Callable[[dt.datetime | None], bool],
    at: dt.datetime,
    now: dt.datetime,
) -> set[str]:
    """Queue a run at ``at`` unless one is queued already between now and ``at`` (that
    one queues the next when it runs and finds it is too early)."""
    queued = getattr(state, field_name)
    if queued is not None and now < queued <= at:
        return set()
    if not enqueue(at if at > now else None):
        return set()
    setattr(state, field_name, at)
    return {field_name}


def _enqueue_send(run_after: dt.datetime | None) -> bool:
    return enqueue_later(send_alerts, run_after)


def _enqueue_purge(run_after: dt.datetime | None) -> bool:
    return enqueue_later(purge_subscribers, run_after)


def make_deliveries(alert: Alert, subscribers: list[Subscriber], now: dt.datetime) -> int:
    """A delivery per subscriber (those already there are left alone), due at once or
    at the next digest; then a sending run is queued for the first of them."""
    digest_at = next_digest_at(now)
    rows = [
        Delivery(
            alert=alert,
            subscriber=subscriber,
            digest=subscriber.frequency == Subscriber.Frequency.DAILY,
            due_at=digest_at if subscriber.frequency == Subscriber.Frequency.DAILY else now,
        )
        for subscriber in subscribers
    ]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    if rows:
        first = min(row.due_at for row in rows)
        schedule_send(first)
        schedule_purge(now + dt.timedelta(days=1))  # the delivery records' clean-up
    return len(rows)


def next_digest_at(now: dt.datetime) -> dt.datetime:
    """The next daily digest moment (``ALERTS_DIGEST_TIME`` in Europe/Amsterdam)."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    hour, minute = (int(part) for part in settings.ALERTS_DIGEST_TIME.split(":"))
    local = now.astimezone(zone)
    moment = dt.datetime.combine(local.date(), dt.time(hour, minute), tzinfo=zone)
    if moment <= local:
        moment = dt.datetime.combine(
            local.date() + dt.timedelta(days=1), dt.time(hour, minute), tzinfo=zone
        )
    return moment.astimezone(dt.UTC)


# -- the purge -------------------------------------------------------------------------


def unconfirmed_period() -> dt.timedelta:
    return dt.timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS)


def purge() -> int:
    """Delete sign-ups not confirmed within the period, and the records of deliveries
    older than ``ALERTS_DELIVERY_RETENTION_DAYS`` (what was sent to whom: not needed
    once sent; the alert itself stays, so it is never made again). Queues the next
    purge: when the oldest unconfirmed sign-up expires, at the latest in a day, while
    there is anything left to purge. Returns how many sign-ups it deleted."""
    now = timezone.now()
    _total, deleted = Subscriber.objects.unconfirmed_since(now - unconfirmed_period()).delete()
    kept = dt.timedelta(days=settings.ALERTS_DELIVERY_RETENTION_DAYS)
    Delivery.objects.filter(
        state__in=[Delivery.State.SENT, Delivery.State.DROPPED], due_at__lt=now - kept
    ).delete()
    tomorrow = now + dt.timedelta(days=1)
    next_at = tomorrow if Delivery.objects.exists() else None
    oldest = (
        Subscriber.objects.filter(confirmed_at__isnull=True)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if oldest is not None:
        expires = oldest + unconfirmed_period() + dt.timedelta(seconds=1)
        next_at = min(expires, next_at or expires)
    if next_at is not None:
        schedule_purge(next_at)
    return deleted.get("alerts.Subscriber", 0)


@task()
def purge_subscribers() -> int:
    """Delete sign-ups that were never confirmed and old delivery records; queues its
    own next run."""
    return purge()
