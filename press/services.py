"""Writes on press releases that reach beyond the release itself."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from comments.services import close_thread, ensure_thread
from press.models import PressRelease


def comments_close_at(release: PressRelease) -> dt.datetime | None:
    if release.publish_at is None:
        return None
    return release.publish_at + dt.timedelta(days=settings.COMMENTS_CLOSE_AFTER_DAYS)


def sync_comment_thread(release: PressRelease, *, user=None) -> None:
    """Give a published release its comment thread, closing at publication + N days.

    A release published with comments off gets no thread, or its thread is closed.
    """
    if release.status != PressRelease.Status.PUBLISHED or release.publish_at is None:
        return
    if release.comments_enabled:
        ensure_thread(release, closes_at=comments_close_at(release))
        return
    from comments.models import Thread

    thread = Thread.objects.for_object(release).first()
    if thread is not None:
        close_thread(thread, user=user, reason=gettext("Comments turned off by the editors"))


def submit_for_review(release: PressRelease) -> bool:
    """Draft → in review. Returns whether anything changed."""
    if release.status != PressRelease.Status.DRAFT:
        return False
    release.status = PressRelease.Status.REVIEW
    release.save()
    return True


def publish(release: PressRelease, *, user) -> bool:
    """Publish now, or at the publication date already set (scheduling)."""
    if release.status == PressRelease.Status.PUBLISHED:
        return False
    release.status = PressRelease.Status.PUBLISHED
    release.publish_at = release.publish_at or timezone.now()
    release.withdrawn_at = None
    release.save()
    sync_comment_thread(release, user=user)
    return True


def withdraw(release: PressRelease) -> bool:
    """Take a published release down: its address answers 410 Gone from now on."""
    if release.status != PressRelease.Status.PUBLISHED:
        return False
    release.status = PressRelease.Status.WITHDRAWN
    release.save()
    return True
