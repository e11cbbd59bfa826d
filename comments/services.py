"""The writes of the comments app, each in one transaction.

Posting and closing both lock the thread row (``select_for_update``; on SQLite every
transaction is ``BEGIN IMMEDIATE``, see settings), and posting checks inside that lock
that the thread is still open. So no reaction is stored after a close, and every
reaction whose author was thanked is stored.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from django.conf import settings
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from comments.models import BlockedWord, Comment, Thread
from comments.tasks import digest_wanted

logger = logging.getLogger(__name__)

_LINK = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
_WORD = re.compile(r"\w+", re.UNICODE)


class ThreadClosed(Exception):
    """The thread no longer accepts reactions."""


def ip_hash(ip_address: str) -> str:
    """A keyed hash of an IP address: comparable for rate limits, never reversible."""
    # The algorithm is explicit because Django 2028 changes salted_hmac's default to
    # sha256 (deprecated since 6.1): hashes already stored must stay comparable.
    return salted_hmac("comments.ip-address", ip_address or "", algorithm="sha1").hexdigest()


def ensure_thread(
    obj: models.Model, *, closes_at: dt.datetime | None, opens_at: dt.datetime | None = None
) -> Thread:
    """The call an owning app makes: give ``obj`` a thread open from ``opens_at``
    (None: at once) until ``closes_at`` (None: until a moderator closes it).

    The owner's moments follow the owner (e.g. a rescheduled release), except what a
    moderator decided: a closed thread stays closed, a closing moment a moderator set
    stays.
    """
    with transaction.atomic():
        thread = Thread.objects.for_object(obj).select_for_update().first()
        if thread is None:
            return Thread.objects.create(
                content_object=obj, opens_at=opens_at, closes_at=closes_at
            )
        changed = []
        if thread.opens_at != opens_at:
            thread.opens_at = opens_at
            changed.append("opens_at")
        if not thread.schedule_set_by_moderator and thread.closes_at != closes_at:
            thread.closes_at = closes_at
            changed.append("closes_at")
        if changed:
            thread.save(update_fields=changed)
        return thread


def close_thread_of(obj: models.Model, *, user=None, reason: str = "") -> None:
    """Close ``obj``'s thread, if it has one (e.g. when the object stops being public)."""
    thread = Thread.objects.for_object(obj).first()
    if thread is not None:
        close_thread(thread, user=user, reason=reason)


def hold_reason(body: str) -> str:
    """Why a reaction must wait for a moderator even without pre-moderation."""
    if len(_LINK.findall(body)) > settings.COMMENTS_MAX_LINKS:
        return _("more links than allowed")
    words = {word.lower() for word in _WORD.findall(body)}
    blocked = set(BlockedWord.objects.filter(word__in=words).values_list("word", flat=True))
    if blocked:
        return _("contains a blocked word: %(words)s") % {"words": ", ".join(sorted(blocked))}
    return ""


def post_comment(
    *, thread_id: int, name: str, email: str, body: str, ip_address: str, submission: str = ""
) -> Comment:
    """Store a reaction if, and only if, the thread is open at this moment; a
    `submission` stored already (the same form sent again) is that reaction, not a
    second one."""
    reason = hold_reason(body)
    with transaction.atomic():
        # The thread's row lock also orders two copies of one submission: the second
        # finds the first once it has committed.
        thread = Thread.objects.select_for_update().get(pk=thread_id)
        if submission:
            stored = Comment.objects.filter(thread=thread, submission=submission).first()
            if stored is not None:
                return stored
        if not thread.is_open():
            raise ThreadClosed
        premoderate = settings.COMMENTS_PREMODERATE or bool(reason)
        comment = Comment.objects.create(
            thread=thread,
            name=name,
            email=email,
            body=body,
            status=Comment.Status.PENDING if premoderate else Comment.Status.APPROVED,
            held_reason=reason,
            ip_hash=ip_hash(ip_address),
            submission=submission,
        )
        if comment.status == Comment.Status.PENDING:
            # The worker mails the moderators a digest; never this request.
            digest_wanted()
    return comment


def close_thread(thread: Thread, *, user, reason: str = "") -> Thread:
    with transaction.atomic():
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        if locked.closed_at is None:
            locked.closed_at = timezone.now()
            locked.closed_by = user
            locked.close_reason = reason
            locked.save(update_fields=["closed_at", "closed_by", "close_reason"])
    return locked


def reopen_thread(thread: Thread, *, user, closes_at: dt.datetime | None = None) -> Thread:
    """Open a closed thread again, until ``closes_at``.

    Without ``closes_at`` the thread keeps its automatic closing moment if that is
    still ahead, or else gets a new one COMMENTS_CLOSE_AFTER_DAYS from now: reopening
    never silently leaves a thread open for ever. The closing moment is then the
    moderator's: the owner no longer moves it.
    """
    with transaction.atomic():
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        if closes_at is None:
            closes_at = default_reopen_closes_at(locked)
        locked.closed_at = None
        locked.closed_by = None
        locked.close_reason = ""
        locked.closes_at = closes_at
        locked.schedule_set_by_moderator = True
        locked.save(
            update_fields=[
                "closed_at",
                "closed_by",
                "close_reason",
                "closes_at",
                "schedule_set_by_moderator",
            ]
        )
    return locked


def default_reopen_closes_at(thread: Thread) -> dt.datetime:
    """When a reopened thread closes if the moderator names no moment."""
    now = timezone.now()
    if thread.closes_at is not None and thread.closes_at > now:
        return thread.closes_at
    return now + dt.timedelta(days=settings.COMMENTS_CLOSE_AFTER_DAYS)


def moderate(comments: QuerySet[Comment], *, status: str, user) -> int:
    """Approve, reject or remove reactions; returns how many changed."""
    with transaction.atomic():
        changed = comments.exclude(status=status).update(
            status=status, moderated_by=user, moderated_at=timezone.now()
        )
    return changed


def next_scheduled_change(now: dt.datetime) -> dt.datetime | None:
    """The next moment after `now` at which a thread opens or closes by itself (the
    page cache ends its entries there)."""
    moments = [
        Thread.objects.filter(closed_at__isnull=True, **{f"{name}__gt": now})
        .order_by(name)
        .values_list(name, flat=True)
        .first()
        for name in ("opens_at", "closes_at")
    ]
    return min((m for m in moments if m is not None), default=None)


def purge_personal_data() -> tuple[int, int]:
    """After the retention period: delete reactions that were never public, and erase
    e-mail address and IP hash of the others. Returns (deleted, erased)."""
    old = Comment.objects.past_retention()
    deleted, _by_model = old.never_public().delete()
    erased = old.exclude(email="", ip_hash="").update(email="", ip_hash="")
    return deleted, erased
