"""Writes on press releases that reach beyond the release itself."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from comments.services import close_thread_of, ensure_thread
from denhaag_cms import pagecache
from press.models import Attachment, Membership, PressRelease
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


RELEASE_PARTS = ("themes", "contacts", "links", "attachments")


def render_release_parts(release: PressRelease) -> dict:
    """Render and store what belongs to a release (its themes line; its links,
    attachments and press contacts) in every language, so that its page does not
    fetch and render them per request. Call after the release or those change
    (the admin does after saving the release and its inlines)."""
    fresh = PressRelease.objects.prefetch_related(*RELEASE_PARTS).get(pk=release.pk)
    parts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            context = {"release": fresh, "theme_list": fresh.themes.all()}
            parts[code] = {
                "themes": render_to_string("press/_release_themes.html", context),
                "more": render_to_string("press/_release_more.html", context),
                "tags": [theme.name for theme in fresh.themes.all()],
            }
    PressRelease.objects.filter(pk=release.pk).update(parts_html=parts)
    release.parts_html = parts
    return parts


def release_parts_changed(releases: QuerySet[PressRelease]) -> None:
    """A theme or press contact changed: these releases render those parts themselves
    again until they are rendered anew (render_release_parts)."""
    releases.update(parts_html={})
    pagecache.content_changed()


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
    pagecache.content_changed()
    return True


def withdraw(release: PressRelease, *, user=None) -> bool:
    """Take a published release down: its address answers 410 Gone from now on."""
    if release.status != PressRelease.Status.PUBLISHED:
        return False
    release.status = PressRelease.Status.WITHDRAWN
    release.save()
    sync_comment_thread(release, user=user)
    pagecache.content_changed()
    return True


def delete_release(release: PressRelease) -> None:
    """Delete a release (its attachments, links and thread with it) and, once that is
    committed, its files from the media storage: hero image and attachments."""
    image_field = PressRelease._meta.get_field("hero_image")
    file_field = Attachment._meta.get_field("file")
    image = [release.hero_image.name] if release.hero_image else []
    attachments = list(release.attachments.values_list("file", flat=True))
    release.delete()
    pagecache.content_changed()
    delete_after_commit(image_field.storage, image)
    delete_after_commit(file_field.storage, attachments)


def forget_replaced_files(storage, old_names: list[str], current_names: list[str]) -> None:
    """After a change: remove from the storage, once committed, the files that the
    rows no longer name (a replaced or cleared hero image, a replaced or deleted
    attachment)."""
    delete_after_commit(storage, [name for name in old_names if name not in current_names])
