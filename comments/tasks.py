"""Background work of the comments app, run by the task worker (`manage.py db_worker`).

The moderators' digest (its text: comments/digest.py): one e-mail about the waiting
reactions, at most one per ``COMMENTS_DIGEST_MINUTES``, sent by the task worker, never
by a request.

A waiting reaction makes sure one run is queued (``digest_wanted``): after its commit it
queues a run only if none is queued already (``ModeratorDigest.next_run_at``), so a
thousand reactions queue one run, not a thousand; the run decides whether a digest is
due, and queues the next one for the end of the interval. The decision is taken under
a lock on the one ``ModeratorDigest`` row, so two workers, a retry or runs enqueued at
once never mail the same reactions twice. The worker that sends takes a lease
(``sending_until``), commits, closes its database connection and only then talks to
the mail server (bounded by ``EMAIL_TIMEOUT``): a hanging mail server holds no database
connection, lock or transaction. A failed attempt is retried after
``COMMENTS_DIGEST_RETRY_SECONDS``, without a restart. It runs on the mail queue, with a
worker of its own (denhaag_cms.queue.MAIL_QUEUE).

Delivery is at least once: a worker killed between the mail server's "OK" and its
commit leaves the lease to expire, and the same reactions are mailed again.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils import timezone, translation

from comments.digest import Digest, compose, moderator_emails
from comments.models import Comment, ModeratorDigest
from denhaag_cms.queue import enqueue_on_commit, mail_task

logger = logging.getLogger(__name__)


class Outcome(enum.StrEnum):
    SENT = "sent"
    NOTHING_NEW = "nothing new"
    NOT_YET = "not yet due"
    BUSY = "another worker is sending"
    NO_RECIPIENTS = "no moderator with an e-mail address"
    FAILED = "mail server failed"


@mail_task()
def send_moderator_digest() -> str:
    """Mail the moderators the waiting reactions, if a digest is due (send_digest)."""
    return send_digest().value


def enqueue_digest(*, run_after: dt.datetime | None = None) -> bool:
    """Queue a digest run after the current transaction commits, at once or at
    ``run_after``. False when the configured backend cannot run a task later (the
    immediate backend)."""
    task_ = send_moderator_digest
    if run_after is not None:
        if not task_.get_backend().supports_defer:
            return False
        task_ = task_.using(run_after=run_after)
    enqueue_on_commit(task_)
    return True


def digest_wanted() -> None:
    """A reaction waits for moderation: once the current transaction commits, queue a
    digest run unless one is queued already (a run at any moment, or one queued at
    once less than a lease ago that a busy worker has not reached yet)."""
    transaction.on_commit(_queue_run_unless_queued)


def _queue_run_unless_queued() -> None:
    now = timezone.now()
    # One conditional UPDATE: of reactions posted at the same moment, one queues.
    taken = (
        ModeratorDigest.objects.filter(pk=1)
        .filter(Q(next_run_at__isnull=True) | Q(next_run_at__lt=now - lease()))
        .update(next_run_at=now)
    )
    if not taken:
        _state, taken = ModeratorDigest.objects.get_or_create(pk=1, defaults={"next_run_at": now})
    if not taken:
        return
    try:
        send_moderator_digest.enqueue()
    except Exception:
        logger.exception("Could not enqueue the moderators' digest")
        ModeratorDigest.objects.filter(pk=1, next_run_at=now).update(next_run_at=None)


def interval() -> dt.timedelta:
    return dt.timedelta(minutes=settings.COMMENTS_DIGEST_MINUTES)


def retry_delay() -> dt.timedelta:
    return dt.timedelta(seconds=settings.COMMENTS_DIGEST_RETRY_SECONDS)


def lease() -> dt.timedelta:
    """How long a worker may take to send; past it another worker may try again.

    The SMTP timeout bounds each step (connect, each reply), a send has a few of them.
    """
    timeout = getattr(settings, "EMAIL_TIMEOUT", None) or 10
    return dt.timedelta(seconds=max(60, 10 * timeout))


def send_digest() -> Outcome:
    """Mail the moderators a digest if one is due. Safe to run any number of times."""
    digest = _claim()
    if not isinstance(digest, Digest):
        return digest
    _release_database_connection()
    try:
        send_mail(
            subject=digest.subject,
            message=digest.body,
            from_email=None,
            recipient_list=digest.recipients,
        )
    except Exception:
        logger.exception(
            "Moderators' digest not sent; trying again in %s s",
            settings.COMMENTS_DIGEST_RETRY_SECONDS,
        )
        _finish(digest, sent=False)
        return Outcome.FAILED
    _finish(digest, sent=True)
    return Outcome.SENT


def _locked_state() -> ModeratorDigest:
    ModeratorDigest.objects.get_or_create(pk=1)
    return ModeratorDigest.objects.select_for_update().get(pk=1)


def _claim() -> Digest | Outcome:
    """Under the lock: decide whether a digest is due and, if so, take the lease and
    gather everything the mail needs, so that no query runs while it is sent."""
    with transaction.atomic():
        state = _locked_state()
        now = timezone.now()
        changed = {"next_run_at"} if _clear_past_run(state, now) else set()
        try:
            if state.sending_until and state.sending_until > now:
                # The sender reschedules what it did not cover; should it die, this
                # run's successor takes over once the lease has expired.
                changed |= _schedule(state, state.sending_until, now)
                return Outcome.BUSY
            new = Comment.objects.waiting().filter(pk__gt=state.announced_up_to)
            newest = new.aggregate(newest=Max("pk"))["newest"]
            if newest is None:
                return Outcome.NOTHING_NEW
            due_at = max(
                state.last_sent_at + interval() if state.last_sent_at else now,
                state.retry_at or now,
            )
            if now < due_at:
                changed |= _schedule(state, due_at, now)
                return Outcome.NOT_YET
            recipients = moderator_emails()
            if not recipients:
                state.announced_up_to = newest
                changed.add("announced_up_to")
                logger.warning("Reactions wait for moderation, but no moderator has an e-mail")
                return Outcome.NO_RECIPIENTS
            state.sending_until = now + lease()
            changed.add("sending_until")
            with translation.override(settings.LANGUAGE_CODE):  # moderators work in Dutch
                return compose(new.filter(pk__lte=newest), newest, recipients)
        finally:
            if changed:
                state.save(update_fields=sorted(changed))


def _release_database_connection() -> None:
    """Close this worker's database connection before it waits on the mail server.

    Not inside a transaction (a caller's atomic block): there it stays open, and the
    caller answers for it. The next query opens a new connection.
    """
    if not connection.in_atomic_block:
        connection.close()


def _finish(digest: Digest, *, sent: bool) -> None:
    with transaction.atomic():
        state = _locked_state()
        now = timezone.now()
        state.sending_until = None
        if sent:
            state.announced_up_to = max(state.announced_up_to, digest.newest)
            state.last_sent_at = now
            state.retry_at = None
            if Comment.objects.waiting().filter(pk__gt=state.announced_up_to).exists():
                _schedule(state, now + interval(), now)
        else:
            state.retry_at = now + retry_delay()
            _schedule(state, state.retry_at, now)
        state.save()


def _clear_past_run(state: ModeratorDigest, now: dt.datetime) -> bool:
    if state.next_run_at is not None and state.next_run_at <= now:
        state.next_run_at = None
        return True
    return False


def _schedule(state: ModeratorDigest, at: dt.datetime, now: dt.datetime) -> set[str]:
    """Make sure a run happens at ``at``: one enqueued run, however many ask for it."""
    if state.next_run_at is not None and now < state.next_run_at <= at:
        return set()  # an earlier run is queued; it schedules the next one if needed
    if not enqueue_digest(run_after=at):
        return set()
    state.next_run_at = at
    return {"next_run_at"}
