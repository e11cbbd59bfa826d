"""What becomes of a sign-up from the public form, decided by the task worker.

The form's page does the same work for every address (validate, count the client,
queue this): whether an address is new, waiting or confirmed, and whether it gets a
mail at all, is decided here, so neither the answer nor its timing says anything
about an address. Two limits keep the form from being a way to flood a mailbox or
the mail server's reputation:

- per mailbox (``ALERTS_MAILS_PER_ADDRESS`` a day), counted on ``mailbox_key``: case,
  sub-addresses, quotes, invisible characters and IDNA spellings are one mailbox;
- for the whole site (``ALERTS_SIGNUP_MAILS_PER_HOUR``): past it, sign-ups are not
  mailed until the hour is over, and the operators are told once that hour (an
  ERROR in the log and a mail to ADMINS, through the task queue).
"""

from __future__ import annotations

import logging

from django.conf import settings

from alerts import services
from alerts.models import mailbox_key
from denhaag_cms import ratelimit
from denhaag_cms.queue import enqueue_on_commit, task
from denhaag_cms.tasks import mail_operators
from press.models import Theme

logger = logging.getLogger(__name__)

HOUR = 60 * 60
DAY = 24 * HOUR


@task()
def sign_up(
    email: str, language: str, frequency: str, all_releases: bool, theme_pks: list[int]
) -> str:
    """A sign-up from the public form: sign the address up and queue its mail, unless
    a limit says no. Returns what happened (the task's result, for the operators)."""
    if not ratelimit.hit(
        "alerts-mailbox", mailbox_key(email), limit=settings.ALERTS_MAILS_PER_ADDRESS, window=DAY
    ):
        return "not mailed: this mailbox had its mails for today"
    if not ratelimit.hit(
        "alerts-mails", "site", limit=settings.ALERTS_SIGNUP_MAILS_PER_HOUR, window=HOUR
    ):
        _tell_operators()
        return "not mailed: the site's mails of this hour are sent"
    services.sign_up(
        email=email,
        language=language,
        frequency=frequency,
        all_releases=all_releases,
        themes=list(Theme.objects.filter(pk__in=theme_pks)),
    )
    return "signed up"


def _tell_operators() -> None:
    """Once an hour, not once per refused sign-up."""
    if not ratelimit.hit("alerts-mails-alarm", "site", limit=1, window=HOUR):
        return
    cap = settings.ALERTS_SIGNUP_MAILS_PER_HOUR
    text = (
        f"More than {cap} sign-ups for e-mail alerts came in within an hour "
        "(ALERTS_SIGNUP_MAILS_PER_HOUR). Until the hour is over, sign-ups get no "
        "confirmation mail and are not stored; the sign-up page answers as always. "
        "Many sign-ups at once may be someone using the form to flood mailboxes: "
        "look at the web server's log for where they come from."
    )
    logger.error("Alerts: %s", text)
    enqueue_on_commit(mail_operators, "E-mail alerts: too many sign-ups this hour", text)
