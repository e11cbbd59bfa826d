"""E-mail about the workflow: to the chief editors when a release waits for their
review; to its editor when it is sent back or published.

Sent by the task worker (press/tasks.py), never inside the editor's request.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from press import desk
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


def send_step_notice(
    release_id: int, step: str, note: str = "", user_id: int | None = None
) -> int:
    """Tell who wrote a release (and who submitted it) that a chief editor sent it
    back (`step` "send_back", with the note) or published it ("publish"). Returns how
    many were mailed: 0 when the release is gone or has moved on since (nothing true
    to say any more), or no one else is to be told."""
    release = PressRelease.objects.filter(pk=release_id).first()
    wanted = {"send_back": PressRelease.Status.DRAFT, "publish": PressRelease.Status.PUBLISHED}
    if release is None or release.status != wanted.get(step):
        return 0
    recipients = desk.people_to_tell(release, except_user_id=user_id)
    if not recipients:
        return 0
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    link = settings.SITE_URL + reverse("admin:press_pressrelease_change", args=[release.pk])
    with translation.override(settings.LANGUAGE_CODE):
        name = (user.get_full_name() or user.get_username()) if user else _("A chief editor")
        if step == "send_back":
            subject = _("Sent back to you: %(title)s") % {"title": release.title_nl}
            lines = [
                _("%(name)s sent your press release back to draft:") % {"name": name},
                "",
                release.title_nl,
                "",
                _("Note:"),
                note,
                "",
                _("Change it and submit it again in the admin:"),
                link,
            ]
        else:
            if release.is_scheduled:
                moment = date_format(timezone.localtime(release.publish_at), "l j F Y H:i")
                subject = _("Scheduled: %(title)s") % {"title": release.title_nl}
                said = _("%(name)s scheduled your press release for %(moment)s:") % {
                    "name": name,
                    "moment": moment,
                }
            else:
                subject = _("Published: %(title)s") % {"title": release.title_nl}
                said = _("%(name)s published your press release:") % {"name": name}
            lines = [said, "", release.title_nl, ""]
            if note:
                lines += [_("Note:"), note, ""]
            lines += [_("In the admin:"), link]
    send_mail(subject, "\n".join(lines), None, recipients)
    return len(recipients)
