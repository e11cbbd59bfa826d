"""Background work of the press app, run by the task worker (`manage.py db_worker`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from denhaag_cms.queue import task
from press import notify


@task()
def notify_chief_editors(release_id: int, note: str = "", user_id: int | None = None) -> int:
    """Mail the chief editors that a release waits for their review."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    name = (user.get_full_name() or user.get_username()) if user else ""
    return notify.send_review_request(release_id, note, name)
