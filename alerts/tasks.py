"""Background work of the alerts, run by the task worker (`manage.py db_worker`)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import get_connection
from django.utils import timezone

from alerts import dispatch, mails, services, signups
from alerts.models import Subscriber
from denhaag_cms.queue import Task, enqueue_on_commit, task

logger = logging.getLogger(__name__)


@task()
def sign_up(
    email: str, language: str, frequency: str, all_releases: bool, theme_pks: list[int]
) -> str:
    """A sign-up from the public form (alerts/signups.py decides what it becomes)."""
    return signups.receive(
        email=email,
        language=language,
        frequency=frequency,
        all_releases=all_releases,
        theme_pks=theme_pks,
    )


@task()
def alert_release(release_pk: int) -> str:
    """Queued for the moment a release becomes public (press.signals.release_published)."""
    made = services.alert_release(release_pk)
    return "not public" if made is None else f"{made} deliveries"


@task()
def alert_change(release_pk: int, note_pk: int, texts: dict[str, str]) -> str:
    """A change note the editor sent out (press.signals.change_noted)."""
    made = services.alert_change(release_pk, note_pk, texts)
    return "not public" if made is None else f"{made} deliveries"


@task()
def send_alerts() -> str:
    """One batch of due alerts (alerts/dispatch.py)."""
    return dispatch.send_due().value


@task()
def purge_subscribers() -> int:
    """Delete sign-ups that were never confirmed and old delivery records; queues its
    own next run."""
    return services.purge()


# A confirmation the mail server did not take is tried again, each time twice as late
# (ALERTS_RETRY_SECONDS, then 2×, 4× …), this many times.
SUBSCRIBER_MAIL_ATTEMPTS = 8


@task()
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


def enqueue_later(task_: Task, run_after: dt.datetime | None, *args) -> bool:
    """Queue ``task_`` after the current transaction commits, at once or at
    ``run_after``. False when the backend cannot run a task later (the immediate
    backend of some tests): the caller then does not count on that run."""
    if run_after is not None:
        if not task_.get_backend().supports_defer:
            return False
        task_ = task_.using(run_after=run_after)
    enqueue_on_commit(task_, *args)
    return True
