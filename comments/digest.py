"""The moderators' digest: who gets it and what it says, the reactions waiting for
moderation since the last one. When and how it is sent is the task worker's run
(comments/tasks.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comments.models import Comment

# At most this many reactions are quoted in one digest; the rest are counted.
LISTED = 50


@dataclass(frozen=True)
class Digest:
    newest: int
    recipients: list[str]
    subject: str
    body: str


def moderator_emails() -> list[str]:
    emails = (
        get_user_model()
        .objects.with_perm("comments.moderate_comment", include_superusers=False)
        .filter(is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return sorted(set(emails))


def compose(new, newest: int, recipients: list[str]) -> Digest:
    waiting = Comment.objects.waiting().count()
    listed = list(
        new.select_related("thread")
        .prefetch_related("thread__content_object")
        .order_by("pk")[:LISTED]
    )
    count = new.count()
    lines = [
        ngettext(
            "%(count)d new reaction since the last message:",
            "%(count)d new reactions since the last message:",
            count,
        )
        % {"count": count},
        "",
    ]
    for comment in listed:
        lines += [
            _("%(name)s on “%(thread)s”, %(when)s:")
            % {
                "name": comment.name,
                "thread": comment.thread,
                "when": date_format(timezone.localtime(comment.submitted_at), "DATETIME_FORMAT"),
            },
            Truncator(comment.body).chars(300),
            "",
        ]
    if count > len(listed):
        lines += [_("… and %(count)d more.") % {"count": count - len(listed)}, ""]
    url = (
        settings.SITE_URL + reverse("admin:comments_comment_changelist") + "?status__exact=pending"
    )
    lines.append(_("Moderate them at %(url)s") % {"url": url})
    subject = ngettext(
        "%(count)d reaction waits for moderation",
        "%(count)d reactions wait for moderation",
        waiting,
    ) % {"count": waiting}
    return Digest(newest=newest, recipients=recipients, subject=subject, body="\n".join(lines))
