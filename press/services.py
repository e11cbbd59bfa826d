"""Writes on press releases that reach beyond the release itself."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from comments.services import close_thread_of, ensure_thread
from denhaag_cms.queue import enqueue_on_commit
from press.models import Attachment, PressRelease
from press.tasks import notify_chief_editors
from press.uploads import delete_after_commit


def comments_close_at(release: PressRelease) -> dt.datetime | None:
    if release.publish_at is None:
        return None
    return release.publish_at + dt.timedelta(days=settings.COMMENTS_CLOSE_AFTER_DAYS)


def sync_comment_thread(release: PressRelease, *, user=None) -> None:
    """Keep a release's comment thread in step with the release.

    Published (also scheduled): a thread open from publication until publication +
    COMMENTS_CLOSE_AFTER_DAYS. Published with comments off, withdrawn, or back to
    draft: its thread, if any, is closed (a moderator may reopen it later).
    """
    public = release.status == PressRelease.Status.PUBLISHED and release.publish_at
    if public and release.comments_enabled:
        ensure_thread(release, opens_at=release.publish_at, closes_at=comments_close_at(release))
    elif not release.comments_enabled:
        close_thread_of(release, user=user, reason=gettext("Comments turned off by the editors"))
    else:
        close_thread_of(release, user=user, reason=gettext("The press release is not public"))


# -- the workflow ---------------------------------------------------------------------
#
# One table says which status changes exist and who may make each. The change form,
# the list actions, the withdraw confirmation page and a history revert all call
# change_status(); nothing else sets `status`, `publish_at` (on publication) or
# `withdrawn_at`.

Status = PressRelease.Status
CHANGE_PERMISSION = "press.change_pressrelease"
PUBLISH_PERMISSION = "press.publish_pressrelease"


class Note(enum.StrEnum):
    """What a transition asks of the person making it."""

    NONE = "none"
    OPTIONAL = "optional"  # a note for the colleagues, kept in the history
    REQUIRED = "required"
    EXPLANATION = "explanation"  # a public explanation (withdrawal_notice), required


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    permission: str
    label: Promise
    note: Note = Note.OPTIONAL

    def allowed_for(self, user) -> bool:
        return bool(user is not None and user.is_active and user.has_perm(self.permission))


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "submit", (Status.DRAFT,), Status.REVIEW, CHANGE_PERMISSION, _("Submit for review")
    ),
    Transition(
        "send_back",
        (Status.REVIEW,),
        Status.DRAFT,
        PUBLISH_PERMISSION,
        _("Send back to draft with a note"),
        Note.REQUIRED,
    ),
    Transition(
        "publish",
        (Status.DRAFT, Status.REVIEW, Status.WITHDRAWN),
        Status.PUBLISHED,
        PUBLISH_PERMISSION,
        _("Publish (now, or at the publication date set)"),
    ),
    Transition(
        "withdraw",
        (Status.PUBLISHED,),
        Status.WITHDRAWN,
        PUBLISH_PERMISSION,
        _("Withdraw"),
        Note.EXPLANATION,
    ),
    Transition(
        "to_draft",
        (Status.PUBLISHED, Status.WITHDRAWN),
        Status.DRAFT,
        PUBLISH_PERMISSION,
        _("Back to draft"),
    ),
)
TRANSITIONS_BY_NAME = {transition.name: transition for transition in TRANSITIONS}


class WorkflowError(ValidationError):
    """A status change that does not exist, or lacks its note or explanation."""


def transition_between(source: str, target: str) -> Transition | None:
    for transition in TRANSITIONS:
        if source in transition.sources and transition.target == target:
            return transition
    return None


def transitions_from(source: str, user) -> list[Transition]:
    """The status changes `user` may make to a release in status `source`."""
    return [t for t in TRANSITIONS if source in t.sources and t.allowed_for(user)]


def may_make(user, name: str) -> bool:
    return TRANSITIONS_BY_NAME[name].allowed_for(user)


def check_transition(
    source: str, target: str, user, *, note: str = "", explanation: str = ""
) -> Transition:
    """The transition from `source` to `target` if `user` may make it with what they
    gave; PermissionDenied or WorkflowError (with a message for the editor) if not."""
    transition = transition_between(source, target)
    if transition is None:
        raise WorkflowError(
            gettext("A press release cannot go from “%(source)s” to “%(target)s”.")
            % {"source": Status(source).label, "target": Status(target).label},
            code="no_transition",
        )
    if not transition.allowed_for(user):
        raise PermissionDenied(
            gettext("You may not do this: %(step)s.") % {"step": transition.label}
        )
    if transition.note == Note.REQUIRED and not note.strip():
        raise WorkflowError(
            gettext("Write a note for your colleague: why it goes back."), code="note"
        )
    if transition.note == Note.EXPLANATION and not explanation.strip():
        raise WorkflowError(
            gettext("Explain to readers why the press release is withdrawn."),
            code="explanation",
        )
    return transition


def change_status(
    release: PressRelease,
    target: str,
    *,
    user,
    note: str = "",
    explanation: dict[str, str] | None = None,
) -> Transition:
    """Move `release` to status `target` by the table above, and save it (with any
    other change made to the instance, as one version in the history).

    The current status is read from the database under a row lock, never trusted
    from the instance (a history revert's instance carries an old one). Derived
    fields are set here and only here: `publish_at` becomes now when it is empty on
    publication, `withdrawn_at` is set on withdrawal and cleared on publication.
    The note is kept in the history (the version's change reason).
    """
    explanation = {code: text.strip() for code, text in (explanation or {}).items()}
    with transaction.atomic():
        current = (
            PressRelease.objects.select_for_update()
            .filter(pk=release.pk)
            .values("status", "withdrawn_at")
            .first()
        )
        source = current["status"] if current else Status.DRAFT
        transition = check_transition(
            source,
            target,
            user,
            note=note,
            explanation=explanation.get(settings.LANGUAGE_CODE, ""),
        )
        release.status = transition.target
        release.withdrawn_at = current["withdrawn_at"] if current else None
        if transition.target == Status.PUBLISHED:
            release.publish_at = release.publish_at or timezone.now()
            release.withdrawn_at = None
        elif transition.target == Status.WITHDRAWN:
            release.withdrawn_at = timezone.now()
            for code, text in explanation.items():
                setattr(release, f"withdrawal_notice_{code}", text)
        release._change_reason = note.strip() or None
        release._history_user = user
        release.save()
        # The page cache (when the public pages get one) is invalidated here: every
        # status change passes this point.
        sync_comment_thread(release, user=user)
        if transition.name == "submit":
            enqueue_on_commit(notify_chief_editors, release.pk, note.strip(), user.pk)
    return transition


def save_edit(release: PressRelease, *, user, note: str = "") -> None:
    """Save an edit that is no status change (the change form, a history revert).

    The status and `withdrawn_at` stay as they are in the database (a history
    revert's instance carries old ones); a published release whose publication date
    was emptied is published now (the same rule as on publication).
    """
    with transaction.atomic():
        current = (
            PressRelease.objects.select_for_update()
            .filter(pk=release.pk)
            .values("status", "withdrawn_at")
            .first()
        )
        release.status = current["status"] if current else Status.DRAFT
        release.withdrawn_at = current["withdrawn_at"] if current else None
        if release.status == Status.PUBLISHED and release.publish_at is None:
            release.publish_at = timezone.now()
        release._change_reason = note.strip() or None
        release._history_user = user
        release.save()
        # With a page cache for the public pages, invalidate here too (an edit of a
        # published release changes its page).
        sync_comment_thread(release, user=user)


def apply_to_many(releases, target: str, *, user, **kwargs) -> int:
    changed = 0
    for release in releases:
        try:
            change_status(release, target, user=user, **kwargs)
        except (WorkflowError, PermissionDenied):
            continue
        changed += 1
    return changed


def submit_for_review(release: PressRelease, *, user, note: str = "") -> bool:
    """Draft → in review. Returns whether anything changed."""
    return bool(apply_to_many([release], Status.REVIEW, user=user, note=note))


def send_back(release: PressRelease, *, user, note: str) -> bool:
    """In review → draft, with a note for the editor."""
    return bool(apply_to_many([release], Status.DRAFT, user=user, note=note))


def publish(release: PressRelease, *, user, note: str = "") -> bool:
    """Publish now, or at the publication date already set (scheduling)."""
    return bool(apply_to_many([release], Status.PUBLISHED, user=user, note=note))


def withdraw(
    release: PressRelease, *, user, explanation: str | dict[str, str], note: str = ""
) -> bool:
    """Take a published release down, with a public explanation (Dutch, or a dict
    per language): its address then says it was withdrawn, why and when."""
    if isinstance(explanation, str):
        explanation = {settings.LANGUAGE_CODE: explanation}
    return bool(
        apply_to_many([release], Status.WITHDRAWN, user=user, note=note, explanation=explanation)
    )


def delete_release(release: PressRelease) -> None:
    """Delete a release (its attachments, links and thread with it) and, once that is
    committed, its files from the media storage: hero image and attachments."""
    image_field = PressRelease._meta.get_field("hero_image")
    file_field = Attachment._meta.get_field("file")
    image = [release.hero_image.name] if release.hero_image else []
    attachments = list(release.attachments.values_list("file", flat=True))
    release.delete()
    delete_after_commit(image_field.storage, image)
    delete_after_commit(file_field.storage, attachments)


def forget_replaced_files(storage, old_names: list[str], current_names: list[str]) -> None:
    """After a change: remove from the storage, once committed, the files that the
    rows no longer name (a replaced or cleared hero image, a replaced or deleted
    attachment)."""
    delete_after_commit(storage, [name for name in old_names if name not in current_names])
