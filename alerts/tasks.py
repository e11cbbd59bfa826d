"""Background work of the alerts, run by the task worker (`manage.py db_worker`): the
alert of a release that became public or of a change note, made once and fanned out
to its subscribers' deliveries, and the subscribers' own mails. Sending the deliveries
and purging is alerts/dispatch.py's.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from alerts import dispatch, mails

# Runs queued by an earlier version name these two tasks here.
from alerts.dispatch import purge_subscribers, send_alerts  # noqa: F401
from alerts.models import Alert, Subscriber
from denhaag_cms.queue import enqueue_later, mail_task, task
from press.models import PressRelease

logger = logging.getLogger(__name__)


@task()
def alert_release(release_pk: int) -> str:
    """Queued for the moment a release becomes public (press.signals.release_published)."""
    made = release_alert(release_pk)
    return "not public" if made is None else f"{made} deliveries"


@task()
def alert_change(release_pk: int, note_pk: int, texts: dict[str, str]) -> str:
    """A change note the editor sent out (press.signals.change_noted)."""
    made = change_alert(release_pk, note_pk, texts)
    return "not public" if made is None else f"{made} deliveries"


# A confirmation the mail server did not take is tried again, each time twice as late
# (ALERTS_RETRY_SECONDS, then 2×, 4× …), this many times.
SUBSCRIBER_MAIL_ATTEMPTS = 8


@mail_task()
def send_subscriber_mail(subscriber_pk: int, kind: str, attempt: int = 1) -> str:
    """The confirmation (double opt-in) or "you are already subscribed" mail."""
    subscriber = Subscriber.objects.filter(pk=subscriber_pk).first()
    if subscriber is None:
        return "gone"
    if kind == "confirm":
        message = mails.confirmation(subscriber)
    else:
        message = mails.already_subscribed(subscriber)
    message.connection = get_connection(fail_silently=False)
    try:
        message.send()
    except Exception:
        if attempt >= SUBSCRIBER_MAIL_ATTEMPTS:
            logger.exception("Alerts: %s mail not sent, giving up", kind)
            return "failed"
        delay = settings.ALERTS_RETRY_SECONDS * 2 ** (attempt - 1)
        logger.warning("Alerts: %s mail not sent; trying again in %s s", kind, delay)
        run_after = timezone.now() + dt.timedelta(seconds=delay)
        enqueue_later(send_subscriber_mail, run_after, subscriber_pk, kind, attempt + 1)
        return "retrying"
    return "sent"


# -- what the worker does --------------------------------------------------------------


def release_alert(release_pk: int) -> int | None:
    """Make the alert for a release that is public now. None when it is not public
    (not yet: a later run, queued for its new moment, makes it; or not any more); 0
    when it was alerted before (one alert per release, ever)."""
    release = PressRelease.objects.published().filter(pk=release_pk).first()
    if release is None:
        _follow_the_schedule(release_pk)
        return None
    return _fan_out(f"release:{release.pk}", Alert.Kind.RELEASE, release, {})


def _follow_the_schedule(release_pk: int) -> None:
    """A release that is scheduled for a later moment than this run's (moved by any
    path, e.g. a history revert): queue the alert for that moment. Safe to repeat: only
    the run that finds the release public makes its alert, once."""
    moment = (
        PressRelease.objects.scheduled()
        .filter(pk=release_pk)
        .values_list("publish_at", flat=True)
        .first()
    )
    if moment is not None:
        enqueue_later(alert_release, moment, release_pk)


def change_alert(release_pk: int, note_pk: int, texts: dict[str, str]) -> int | None:
    """A change note on a public release, to the subscribers of its themes (and of all
    releases, and the press list): once per note."""
    release = PressRelease.objects.published().filter(pk=release_pk).first()
    if release is None:
        return None
    return _fan_out(f"change:{note_pk}", Alert.Kind.CHANGE, release, dict(texts))


def _fan_out(key: str, kind: str, release: PressRelease, texts: dict) -> int:
    with transaction.atomic():
        alert, created = Alert.objects.get_or_create(
            key=key, defaults={"kind": kind, "release": release, "texts": texts}
        )
        if not created:
            return 0
        subscribers = list(Subscriber.objects.for_release(release))
        return dispatch.make_deliveries(alert, subscribers, timezone.now())
