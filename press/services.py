"""Writes on press releases that reach beyond the release itself."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from comments.services import close_thread_of, ensure_thread
from denhaag_cms.queue import enqueue_on_commit
from press import tasks
from press.images import delete_images_after_commit
from press.models import Membership, PressRelease
from press.uploads import delete_after_commit

AMSTERDAM = ZoneInfo(settings.TIME_ZONE)


def next_scheduled_change(now: dt.datetime) -> dt.datetime | None:
    """The next moment after `now` at which a public page changes by itself: a
    scheduled release goes public, or a membership of the city ends (at midnight,
    Amsterdam time, of its end date). The page cache ends its entries there."""
    moments = []
    release = (
        PressRelease.objects.filter(status=PressRelease.Status.PUBLISHED, publish_at__gt=now)
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    if release is not None:
        moments.append(release)
    ended_on = (
        Membership.objects.filter(ended_on__gt=timezone.localdate(now))
        .order_by("ended_on")
        .values_list("ended_on", flat=True)
        .first()
    )
    if ended_on is not None:
        moments.append(dt.datetime.combine(ended_on, dt.time(), tzinfo=AMSTERDAM))
    return min(moments, default=None)


def comments_close_at(release: PressRelease) -> dt.datetime | None:
    if release.publish_at is None:
        return None
    return release.publish_at + dt.timedelta(days=settings.COMMENTS_CLOSE_AFTER_DAYS)


def sync_comment_thread(release: PressRelease, *, user=None) -> None:
    """Keep a release's comment thread in step with the release.

    Published (also scheduled): a thread open from publication until publication +
    COMMENTS_CLOSE_AFTER_DAYS. Published with comments off, withdrawn, or back to
    draft: its thread, if any, is closed (a moderator may reopen it later).
    """
    public = release.status == PressRelease.Status.PUBLISHED and release.publish_at
    if public and release.comments_enabled:
        ensure_thread(release, opens_at=release.publish_at, closes_at=comments_close_at(release))
    elif not release.comments_enabled:
        close_thread_of(release, user=user, reason=gettext("Comments turned off by the editors"))
    else:
        close_thread_of(release, user=user, reason=gettext("The press release is not public"))


# -- who sees a release that is not public -------------------------------------------
# The public sees a release while it is published (PressRelease.objects.published(),
# is_published()). Before that and after a withdrawal only staff who may view releases
# in the admin see it: its preview, its draft preview, its attachments. This is the
# one place that says so; the views ask it (press.pages.previewers_only,
# attachment_download, press.drafts). A share link (press.sharelinks) is not a user's
# right but a token's: it opens one release in one language until it expires.


def may_see_unpublished(user) -> bool:
    """Whether `user` sees releases before publication (and after a withdrawal)."""
    return bool(user.is_active and user.is_staff and user.has_perm("press.view_pressrelease"))


def visible_releases(user) -> QuerySet[PressRelease]:
    """The releases `user` may see: every one for those who see unpublished ones,
    the published ones for everyone else."""
    if may_see_unpublished(user):
        return PressRelease.objects.all()
    return PressRelease.objects.published()


def hero_image_saved(release: PressRelease, old_name: str | None) -> None:
    """After a release is saved with the hero image it has now, `old_name` the one it
    had before (None or "" for none): once committed, remove a replaced or cleared
    image (original and renditions) and have the task worker make the renditions of
    a new one (press.tasks.make_hero_renditions). The page shows the image once they
    are made; never the original."""
    current = release.hero_image.name if release.hero_image else ""
    if old_name and old_name != current:
        delete_images_after_commit(PressRelease._meta.get_field("hero_image"), [old_name])
    if current and not release.hero_renditions_ready:
        enqueue_on_commit(tasks.make_hero_renditions, release.pk, current)


def forget_replaced_files(storage, old_names: list[str], current_names: list[str]) -> None:
    """After a change: remove from the storage, once committed, the files that the
    rows no longer name (a replaced or deleted attachment; hero images, which have
    renditions too: hero_image_saved)."""
    delete_after_commit(storage, [name for name in old_names if name not in current_names])
