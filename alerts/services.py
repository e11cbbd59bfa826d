"""What citizens and the press office do with alerts, and what the worker does when a
release becomes public or a change note is added. Each write in one plain function."""

from __future__ import annotations

import datetime as dt
import logging
import zoneinfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from alerts import dispatch
from alerts.models import Alert, Delivery, Subscriber, normalise_email
from press.models import PressRelease, Theme

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
    from alerts.tasks import send_subscriber_mail

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
            dispatch.schedule_purge(subscriber.created_at + unconfirmed_period())
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
        dispatch.schedule_purge(next_at)
    return deleted.get("alerts.Subscriber", 0)


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


# -- what the worker does --------------------------------------------------------------


def alert_release(release_pk: int) -> int | None:
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
    from alerts.tasks import alert_release, enqueue_later

    moment = (
        PressRelease.objects.scheduled()
        .filter(pk=release_pk)
        .values_list("publish_at", flat=True)
        .first()
    )
    if moment is not None:
        enqueue_later(alert_release, moment, release_pk)


def alert_change(release_pk: int, note_pk: int, texts: dict[str, str]) -> int | None:
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
