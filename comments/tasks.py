"""Background work of the comments app, run by the task worker (`manage.py db_worker`)."""

from __future__ import annotations

import datetime as dt

from comments import digest
from denhaag_cms.queue import enqueue_on_commit, task


@task()
def send_moderator_digest() -> str:
    """Mail the moderators the waiting reactions, if a digest is due (comments/digest.py)."""
    return digest.send_digest().value


def enqueue_digest(*, run_after: dt.datetime | None = None) -> bool:
    """Queue a digest run after the current transaction commits, at once or at
    ``run_after``. False when the configured backend cannot run a task later (the
    immediate backend)."""
    task_ = send_moderator_digest
    if run_after is not None:
        if not task_.get_backend().supports_defer:
            return False
        task_ = task_.using(run_after=run_after)
    enqueue_on_commit(task_)
    return True
