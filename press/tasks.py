"""Background work of the press app, run by the task worker (`manage.py db_worker`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from denhaag_cms.queue import mail_task, task
from press import notify
from press.images import make_renditions, share_size
from press.models import PressRelease


@task()
def make_hero_renditions(release_id: int, image_name: str) -> int:
    """Make the renditions of a release's hero image `image_name` (press.images), then
    record that they are there, so its pages show it. Nothing when the release is
    gone or has another image by now (its own task makes that one's). Safe to run
    again: renditions already in the storage are kept. Returns how many it saw."""
    release = PressRelease.objects.filter(pk=release_id, hero_image=image_name).first()
    if release is None or not release.hero_width or not release.hero_height:
        return 0
    names = make_renditions(release.hero_image, release.hero_width, release.hero_height)
    # Only if the image is still the same: a replacement may have come meanwhile. Its
    # pages show the image from then on (the page cache watches the release).
    PressRelease.objects.filter(pk=release_id, hero_image=image_name).update(
        hero_rendered=image_name,
        hero_share_size=share_size(release.hero_image, release.hero_width, release.hero_height),
    )
    return len(names)


@mail_task()
def notify_chief_editors(release_id: int, note: str = "", user_id: int | None = None) -> int:
    """Mail the chief editors that a release waits for their review."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    name = (user.get_full_name() or user.get_username()) if user else ""
    return notify.send_review_request(release_id, note, name)


@mail_task()
def notify_editor(release_id: int, step: str, note: str = "", user_id: int | None = None) -> int:
    """Mail a release's editor that it was sent back (with the note) or published."""
    return notify.send_step_notice(release_id, step, note, user_id)
