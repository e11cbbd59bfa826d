"""What the public saw: a release's published versions, from its history.

django-simple-history keeps every saved version of a release, with all its text in
every language (press.translation). A version was public from the moment it was
saved (or its publication date, if later) until the next version was saved, if it
was published then; nothing in the workflow deletes a version (press.services), and
a version that carries a public change note is protected (ChangeNote.version).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from press.models import ChangeNote, PressRelease
from press.models.publication import public_since


@dataclass
class PublicVersion:
    record: object  # a HistoricalPressRelease
    public_from: dt.datetime
    public_until: dt.datetime | None  # None: still what the public sees
    notes: list[ChangeNote] = field(default_factory=list)

    def was_public_at(self, moment: dt.datetime) -> bool:
        return self.public_from <= moment and (
            self.public_until is None or moment < self.public_until
        )


def public_versions(release: PressRelease, now: dt.datetime | None = None) -> list[PublicVersion]:
    """Every version of `release` the public saw, the newest first, with from–until."""
    now = now or timezone.now()
    records = list(release.history.order_by("history_date", "history_id"))
    notes: dict[int, list[ChangeNote]] = {}
    for note in release.change_notes.all():
        notes.setdefault(note.version_id, []).append(note)
    versions = []
    for index, record in enumerate(records):
        until = records[index + 1].history_date if index + 1 < len(records) else None
        since = public_since(record.status, record.publish_at)  # the one rule of "public"
        if record.history_type == "-" or since is None:
            continue
        start = max(record.history_date, since)
        if start > now or (until is not None and start >= until):
            continue  # scheduled, and replaced or still waiting before its moment came
        versions.append(PublicVersion(record, start, until, notes.get(record.history_id, [])))
    versions.reverse()
    return versions


def was_ever_public(release: PressRelease) -> bool:
    """Whether the public ever saw `release`: it is public now or withdrawn after it
    was (PressRelease.objects.public_or_gone()), or its history holds a version the
    public saw (taken back to draft since). Such a release is kept for the record
    (press.workflow.delete_release)."""
    return PressRelease.objects.public_or_gone().filter(pk=release.pk).exists() or bool(
        public_versions(release)
    )
