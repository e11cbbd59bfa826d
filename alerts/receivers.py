"""What the alerts do when press/ says something happened (press/signals.py)."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone

from alerts import tasks
from denhaag_cms.queue import enqueue_later, enqueue_on_commit

logger = logging.getLogger(__name__)


def on_release_published(sender, *, release_pk: int, public_at: dt.datetime, **kwargs) -> None:
    """Queue the alert for the moment the release becomes public. A re-scheduled
    release queues another run; the run that finds it public sends, once (the
    release's alert is made once, ever: alerts.tasks.release_alert)."""
    run_after = public_at if public_at and public_at > timezone.now() else None
    if not enqueue_later(tasks.alert_release, run_after, release_pk):
        logger.warning(
            "The task backend cannot run a task later: no alert for release %s", release_pk
        )


def on_change_noted(sender, *, release_pk: int, note_pk: int, texts: dict, **kwargs) -> None:
    enqueue_on_commit(tasks.alert_change, release_pk, note_pk, dict(texts))
