"""An editor's own desk: their drafts, what a chief editor sent back to them (with the
note), and who is told when a release is sent back or published.

"Sent back" is read from the history, not stored: a draft whose last step out of
draft-and-edits was review → draft. The note is the change reason of the version that
step saved (press.workflow.change_status keeps it there).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Q, QuerySet, Subquery

from press.models import PressRelease

Status = PressRelease.Status


@dataclass(frozen=True)
class SentBack:
    note: str
    by: str
    at: dt.datetime


def _last_step_before_draft() -> Subquery:
    """The status of a release's newest version that is not a draft."""
    versions = PressRelease.history.model.objects.filter(id=OuterRef("pk")).exclude(
        status=Status.DRAFT
    )
    return Subquery(versions.order_by("-history_date", "-history_id").values("status")[:1])


def drafts_of(user) -> QuerySet[PressRelease]:
    """The drafts `user` wrote, the last changed first, each with `sent_back`: True
    when a chief editor sent it back from review (and no one submitted it since)."""
    return (
        PressRelease.objects.filter(status=Status.DRAFT, created_by=user)
        .annotate(last_step=_last_step_before_draft())
        .order_by("-updated_at", "-pk")
    )


def sent_back(release: PressRelease) -> SentBack | None:
    """The note and who sent `release` back to draft, while it is a draft that came
    back from review; None otherwise."""
    if release.pk is None:
        return None
    stored = PressRelease.objects.filter(pk=release.pk).values_list("status", flat=True).first()
    if stored != Status.DRAFT:
        return None
    versions = release.history.order_by("-history_date", "-history_id")
    left = versions.exclude(status=Status.DRAFT).first()
    if left is None or left.status != Status.REVIEW:
        return None
    step = (
        release.history.filter(status=Status.DRAFT)
        .filter(
            Q(history_date__gt=left.history_date)
            | Q(history_date=left.history_date, history_id__gt=left.history_id)
        )
        .select_related("history_user")
        .order_by("history_date", "history_id")
        .first()
    )
    if step is None:
        return None
    user = step.history_user
    by = (user.get_full_name() or user.get_username()) if user else ""
    return SentBack(note=step.history_change_reason or "", by=by, at=step.history_date)


def people_to_tell(release: PressRelease, *, except_user_id: int | None) -> list[str]:
    """The e-mail addresses of who wrote `release` and who last submitted it for
    review, active and with an address, not the one who made the step."""
    ids = {release.created_by_id}
    submitted = (
        release.history.filter(status=Status.REVIEW)
        .order_by("-history_date", "-history_id")
        .values_list("history_user_id", flat=True)
        .first()
    )
    ids.add(submitted)
    ids -= {None, except_user_id}
    emails = (
        get_user_model()
        .objects.filter(pk__in=ids, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return sorted(set(emails))
