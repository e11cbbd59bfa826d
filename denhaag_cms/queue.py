"""Django's tasks API, from one import for every app's ``tasks.py``.

On Django 5.2 the ``django-tasks`` backport offers the API that Django 6 ships as
``django.tasks``; moving to Django 6 changes these imports only. Queue work only after
the data it is about is committed
(``enqueue_on_commit``), so a worker never looks for a row that is not there yet.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django_tasks import task, task_backends
from django_tasks.base import Task

__all__ = [
    "MAIL_QUEUE",
    "Task",
    "enqueue_later",
    "enqueue_on_commit",
    "mail_task",
    "task",
    "task_backends",
]

logger = logging.getLogger(__name__)

# Every task that talks to the mail server runs on this queue, with a worker of its own
# (`db_worker --queue-name mail`): a mail server that hangs holds that worker for
# EMAIL_TIMEOUT per try, never the renditions, the alerts' scheduling or the purges on
# the default queue.
MAIL_QUEUE = "mail"


def mail_task(**kwargs: Any):
    """``@task(...)`` on the mail queue: ``@mail_task()``."""
    return task(queue_name=MAIL_QUEUE, **kwargs)


def enqueue_on_commit(task_: Task, *args: Any, **kwargs: Any) -> None:
    """Enqueue ``task_`` once the current transaction commits (at once outside one).

    A queue that cannot take the task is logged, never raised: the caller's write is
    already committed, and a request must not answer 500 for work that comes after it.
    """

    def enqueue() -> None:
        try:
            task_.enqueue(*args, **kwargs)
        except Exception:
            logger.exception("Could not enqueue task %s", task_.module_path)

    transaction.on_commit(enqueue)


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
