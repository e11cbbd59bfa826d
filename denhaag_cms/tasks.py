"""Background work of the project itself, run by the task worker."""

from __future__ import annotations

from django.core.mail import mail_admins

from denhaag_cms.queue import mail_task


@mail_task()
def mail_operators(subject: str, message: str) -> str:
    """A mail to the operators (``ADMINS``), from the worker: no request waits on the
    mail server for it. Without ADMINS nothing is sent (the log line that goes with
    every such mail is the record)."""
    mail_admins(subject, message, fail_silently=False)
    return "sent"
