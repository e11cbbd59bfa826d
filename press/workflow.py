"""The workflow of a press release: which status changes exist and who may make
each (TRANSITIONS), the one function that makes them (change_status), an edit that is
no status change (save_edit) and deleting, only what the public never saw."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from denhaag_cms.queue import enqueue_on_commit
from press import history, signals
from press.images import delete_images_after_commit
from press.models import Attachment, ChangeNote, PressRelease, ShareLink
from press.services import sync_comment_thread
from press.tasks import notify_chief_editors, notify_editor
from press.uploads import delete_after_commit

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
# After these a release's share links are all revoked (change_status): withdrawn, or
# back to draft from published (also scheduled) or withdrawn. A link is for one
# publication; "send_back" (review → draft) keeps them, nothing was published.
ENDS_SHARE_LINKS = frozenset({"withdraw", "to_draft"})


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


# Who may change what a release says (an edit, a history revert) in each status: who
# may write releases while it is a draft or in review; once it has been public, only
# who may publish it (an editor reads a published or withdrawn release, read-only).
EDIT_PERMISSIONS: dict[str, str] = {
    Status.DRAFT: CHANGE_PERMISSION,
    Status.REVIEW: CHANGE_PERMISSION,
    Status.PUBLISHED: PUBLISH_PERMISSION,
    Status.WITHDRAWN: PUBLISH_PERMISSION,
}


def may_edit(user, status: str) -> bool:
    """Whether `user` may change a release that is in `status` now (in the database:
    a history revert's instance carries the status of its old version)."""
    permission = EDIT_PERMISSIONS[status]
    return bool(user is not None and user.is_active and user.has_perm(permission))


def _check_edit(user, status: str) -> None:
    if not may_edit(user, status):
        raise PermissionDenied(
            gettext("Only chief editors can change a %(status)s press release.")
            % {"status": Status(status).label.lower()}
        )


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


class StoredState(NamedTuple):
    status: str
    withdrawn_at: dt.datetime | None
    publish_at: dt.datetime | None
    saved: bool


def _stored_state(release: PressRelease) -> StoredState:
    """The release's status, moments of withdrawal and publication as stored, its row
    locked until the caller's transaction ends; for a release not saved yet, a draft
    without them."""
    current = (
        PressRelease.objects.select_for_update()
        .filter(pk=release.pk)
        .values("status", "withdrawn_at", "publish_at")
        .first()
    )
    if current is None:
        return StoredState(Status.DRAFT, None, None, saved=False)
    return StoredState(**current, saved=True)


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
        stored = _stored_state(release)
        source, withdrawn_at = stored.status, stored.withdrawn_at
        transition = check_transition(
            source,
            target,
            user,
            note=note,
            explanation=explanation.get(settings.LANGUAGE_CODE, ""),
        )
        _check_edit(user, source)  # the other changes saved with it
        release.status = transition.target
        release.withdrawn_at = withdrawn_at
        if transition.target == Status.PUBLISHED:
            release.publish_at = release.publish_at or timezone.now()
            release.withdrawn_at = None
        elif transition.target == Status.WITHDRAWN:
            release.withdrawn_at = timezone.now()
            for code, text in explanation.items():
                setattr(release, f"withdrawal_notice_{code}", text)
        release._change_reason = note.strip() or None
        release._history_user = user
        if transition.target == Status.PUBLISHED:
            release.revised_at = timezone.now()  # the public text (re)appears
        release.save()
        if transition.name in ENDS_SHARE_LINKS:
            # A share link never opens the text that is reworked after a withdrawal
            # or a return to draft (press.sharelinks).
            ShareLink.objects.filter(release=release).revoke()
        # Every status change passes this point: the public pages show it at once.
        sync_comment_thread(release, user=user)
        if transition.name == "submit":
            enqueue_on_commit(notify_chief_editors, release.pk, note.strip(), user.pk)
        if transition.name in ("send_back", "publish"):
            enqueue_on_commit(notify_editor, release.pk, transition.name, note.strip(), user.pk)
        if transition.target == Status.PUBLISHED:
            release_pk, public_at = release.pk, release.publish_at
            transaction.on_commit(
                lambda: signals.release_published.send(
                    sender=PressRelease, release_pk=release_pk, public_at=public_at
                )
            )
    return transition


def save_edit(
    release: PressRelease,
    *,
    user,
    note: str = "",
    change_note: dict[str, str] | None = None,
    alert: bool = False,
) -> ChangeNote | None:
    """Save an edit that is no status change (the change form, a history revert).

    The status and `withdrawn_at` stay as they are in the database (a history
    revert's instance carries old ones); a published release whose publication date
    was emptied is published now (the same rule as on publication). PermissionDenied
    when `user` may not change the release in its current status (may_edit).

    An edit of a public release changes what readers see: `revised_at` records it
    (the sitemap's lastmod). Without `change_note` it is a minor change (a typo:
    no note for readers). With `change_note` ({language: text}) it is a public
    change: the note is kept with the version saved (ChangeNote) and shown on the
    release's page and in the feeds. Its Dutch text is required, and its English
    text when the release has English; only a public release gets one, and only
    from who may edit it (may_edit). With `alert`, once committed, the release's
    subscribers are told (press.signals.change_noted). Every version stays in the
    history: what the public saw on a date is asked of press.history.
    """
    texts = {code: text.strip() for code, text in (change_note or {}).items() if text}
    with transaction.atomic():
        stored = _stored_state(release)
        release.status, release.withdrawn_at = stored.status, stored.withdrawn_at
        _check_edit(user, release.status)
        public = stored.saved and PressRelease.objects.published().filter(pk=release.pk).exists()
        if change_note is not None:
            check_change_note(release, texts, user=user, public=public)
        if release.status == Status.PUBLISHED and release.publish_at is None:
            release.publish_at = timezone.now()
        if public:
            release.revised_at = timezone.now()
        release._change_reason = note.strip() or None
        release._history_user = user
        release.save()
        sync_comment_thread(release, user=user)
        if release.status == Status.PUBLISHED and release.publish_at != stored.publish_at:
            # A published release moved to another moment (re-scheduled): said as a
            # publication for the new moment, like a re-publication.
            release_pk, public_at = release.pk, release.publish_at
            transaction.on_commit(
                lambda: signals.release_published.send(
                    sender=PressRelease, release_pk=release_pk, public_at=public_at
                )
            )
        if change_note is None:
            return None
        return add_change_note(release, texts, user=user, alert=alert)


def check_change_note(release: PressRelease, texts: dict[str, str], *, user, public: bool) -> None:
    """A public change note may go with this edit: WorkflowError or PermissionDenied
    (with a message for the editor) if not."""
    if not public:
        raise WorkflowError(
            gettext("Only a public press release gets a public change note."),
            code="change_note_not_public",
        )
    if not may_edit(user, release.status):
        raise PermissionDenied(gettext("You may not change this press release."))
    missing = [
        code
        for code, _name in settings.LANGUAGES
        if (code == settings.LANGUAGE_CODE or release.has_language(code)) and not texts.get(code)
    ]
    if missing:
        names = dict(settings.LANGUAGES)
        error = WorkflowError(
            gettext("Write the change note for readers in: %(languages)s.")
            % {"languages": ", ".join(str(names[code]) for code in missing)},
            code="change_note_text",
        )
        error.missing = missing
        raise error


def add_change_note(
    release: PressRelease, texts: dict[str, str], *, user, alert: bool
) -> ChangeNote:
    """Keep the note with the version just saved and (alert) tell the subscribers
    once committed. Called by save_edit."""
    version = release.history.order_by("-history_date", "-history_id").first()
    change = ChangeNote(
        release=release,
        noted_at=version.history_date if version else timezone.now(),
        author=user,
        version=version,
        alert_requested=alert,
    )
    for code, text in texts.items():
        setattr(change, f"text_{code}", text)
    change.save()
    if alert:
        release_pk, note_pk = release.pk, change.pk
        transaction.on_commit(
            lambda: signals.change_noted.send(
                sender=PressRelease, release_pk=release_pk, note_pk=note_pk, texts=texts
            )
        )
    return change


def apply_to_many(releases, target: str, *, user, **kwargs) -> int:
    changed = 0
    for release in releases:
        try:
            change_status(release, target, user=user, **kwargs)
        except (WorkflowError, PermissionDenied):
            continue
        changed += 1
    return changed


def check_delete(release: PressRelease) -> None:
    """WorkflowError (with a message for the editor) when `release` may not be
    deleted: the public saw it once (press.history.was_ever_public). The office must
    be able to show what it published and when (Archiefwet): such a release, its
    history and its change notes stay; withdrawing it takes it down."""
    if history.was_ever_public(release):
        raise WorkflowError(
            gettext(
                "“%(release)s” has been public, so it is kept for the record "
                "(Archiefwet): withdraw it instead of deleting it."
            )
            % {"release": release},
            code="was_public",
        )


def delete_release(release: PressRelease) -> None:
    """Delete a release that was never public (check_delete: WorkflowError
    otherwise), its attachments, links and thread with it, and, once that is
    committed, its files from the media storage: hero image and attachments."""
    check_delete(release)
    file_field = Attachment._meta.get_field("file")
    image = [release.hero_image.name] if release.hero_image else []
    attachments = list(release.attachments.values_list("file", flat=True))
    release.delete()
    delete_images_after_commit(PressRelease._meta.get_field("hero_image"), image)
    delete_after_commit(file_field.storage, attachments)
