"""E-mail to the chief editors when a release waits for their review.

Sent by the task worker (press/tasks.py), never inside the editor's request.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from press.models import PressRelease
from press.roles import CHIEF_EDITORS


def chief_editor_emails() -> list[str]:
    """Active members of the Chief editors group with an e-mail address."""
    emails = (
        get_user_model()
        .objects.filter(groups__name=CHIEF_EDITORS, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return sorted(set(emails))


def send_review_request(release_id: int, note: str = "", submitted_by: str = "") -> int:
    """Tell the chief editors that a release waits for review. Returns how many were
    mailed (0 when the release is gone or no longer in review: nothing to say)."""
    release = PressRelease.objects.filter(pk=release_id).first()
    recipients = chief_editor_emails()
    if release is None or release.status != PressRelease.Status.REVIEW or not recipients:
        return 0
    link = settings.SITE_URL + reverse("admin:press_pressrelease_change", args=[release.pk])
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Waiting for review: %(title)s") % {"title": release.title_nl}
        lines = [
            _("%(name)s submitted a press release for review:")
            % {"name": submitted_by or _("An editor")},
            "",
            release.title_nl,
            "",
        ]
        if note:
            lines += [_("Note:"), note, ""]
        lines += [_("Review it in the admin:"), link]
    send_mail(subject, "\n".join(lines), None, recipients)
    return len(recipients)
