"""What citizens do with alerts: sign up, confirm, change, unsubscribe. Each write in
one plain function. What the worker does is in alerts/tasks.py and alerts/dispatch.py."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from alerts import dispatch
from alerts.models import Subscriber, normalise_email
from alerts.tasks import send_subscriber_mail
from press.models import Theme

logger = logging.getLogger(__name__)


def sign_up(
    *,
    email: str,
    language: str,
    frequency: str,
    all_releases: bool,
    themes: list[Theme],
) -> tuple[Subscriber, str]:
    """Sign an address up, unconfirmed. Returns the subscriber and which mail it gets:
    "confirm" (new or still unconfirmed: its choices are replaced and its period to
    confirm starts again) or "already" (a confirmed subscription is never changed by
    an anonymous form: that mail has the link to change it). The caller shows the
    same page either way."""

    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email=normalise_email(email),
            defaults={"language": language, "frequency": frequency, "all_releases": all_releases},
        )
        if subscriber.is_confirmed:
            kind = "already"
        else:
            kind = "confirm"
            if not created:
                subscriber.language, subscriber.frequency = language, frequency
                subscriber.all_releases = all_releases
                # A fresh confirmation mail, a fresh period to confirm it: the purge
                # counts from the latest sign-up (Subscriber.created_at).
                subscriber.created_at = timezone.now()
                subscriber.save()
            subscriber.themes.set(themes)
            dispatch.schedule_purge(subscriber.created_at + dispatch.unconfirmed_period())
        transaction.on_commit(lambda: _enqueue_mail(send_subscriber_mail, subscriber.pk, kind))
    return subscriber, kind


def _enqueue_mail(task_, subscriber_pk: int, kind: str) -> None:
    try:
        task_.enqueue(subscriber_pk, kind)
    except Exception:
        logger.exception("Could not enqueue the %s mail", kind)


def confirm(subscriber: Subscriber) -> None:
    """The double opt-in's second step. From now on the address gets alerts (for
    releases that become public from now on)."""
    if subscriber.confirmed_at is None:
        Subscriber.objects.filter(pk=subscriber.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
        subscriber.refresh_from_db()


def change(
    subscriber: Subscriber, *, language: str, frequency: str, all_releases: bool, themes
) -> None:
    subscriber.language, subscriber.frequency = language, frequency
    subscriber.all_releases = all_releases
    with transaction.atomic():
        subscriber.save(update_fields=["language", "frequency", "all_releases"])
        subscriber.themes.set(themes)


def unsubscribe(subscriber_pk: int) -> None:
    """Delete the address and everything about it (its deliveries too). Idempotent."""
    Subscriber.objects.filter(pk=subscriber_pk).delete()
