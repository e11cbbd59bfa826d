"""Comment threads on any object, and the comments in them.

This app knows nothing of press releases: a Thread points at its object through a
generic relation, and its owner decides when it closes (``closes_at``) and whether
the public may know of it at all (the owner's ``is_public()``, see owner_is_public).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from denhaag_cms.changes import WatchedQuerySet


def owner_is_public(owner: models.Model | None) -> bool:
    """Whether the public may know of the thread of ``owner``: the one visibility rule
    of this app, and it is the owner's.

    An owning model provides ``is_public(self) -> bool`` (a press release: published
    and its moment has come). This app copies no publish rule: it asks. An owner
    that is gone, or that has no such method, is not public (fail closed), so every
    comment page of its thread answers 404.
    """
    is_public = getattr(owner, "is_public", None)
    return callable(is_public) and bool(is_public())


# "Open" (a thread accepts reactions) is one rule, written twice only because one copy
# is read by the database and one by a row in hand: not closed by a moderator, its
# opening moment (if any) has come, and its closing moment (if any) has not.
# ThreadQuerySet.open() and Thread.is_open() are the two spellings; both take the
# same `now`, and tests/comments/test_thread_open_rule.py checks that they agree for
# every combination of moments, the boundaries included.


def _approved_reactions():
    """The approved reactions of the thread of the outer query."""
    return Comment.objects.filter(thread=OuterRef("pk"), status=Comment.Status.APPROVED).order_by()


class ThreadQuerySet(WatchedQuerySet):
    def open(self, now: dt.datetime | None = None) -> ThreadQuerySet:
        """The threads that accept reactions at ``now`` (default: this moment)."""
        now = now or timezone.now()
        return self.filter(
            Q(closed_at__isnull=True),
            Q(opens_at__isnull=True) | Q(opens_at__lte=now),
            Q(closes_at__isnull=True) | Q(closes_at__gt=now),
        )

    def with_approved_count(self) -> ThreadQuerySet:
        return self.annotate(
            approved_count=Coalesce(
                Subquery(
                    _approved_reactions()
                    .values("thread")
                    # COUNT(*): answered from the index on thread and status alone.
                    .annotate(n=models.Count("*"))
                    .values("n")[:1]
                ),
                0,
            )
        )

    def for_object(self, obj: models.Model) -> ThreadQuerySet:
        content_type = ContentType.objects.get_for_model(obj)
        return self.filter(content_type=content_type, object_id=obj.pk)


class Thread(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    opens_at = models.DateTimeField(
        _("opens at"),
        null=True,
        blank=True,
        help_text=_("Before this moment the thread is not shown and accepts nothing."),
    )
    closes_at = models.DateTimeField(
        _("closes at"),
        null=True,
        blank=True,
        help_text=_("After this moment nobody can react. Empty: no automatic closing."),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    close_reason = models.CharField(_("reason for closing"), max_length=200, blank=True)
    schedule_set_by_moderator = models.BooleanField(
        _("closing moment set by a moderator"),
        default=False,
        help_text=_("Then the owner (e.g. a release's publication date) no longer moves it."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment thread")
        verbose_name_plural = _("comment threads")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_thread_per_object"
            )
        ]
        permissions = [("close_thread", _("Can close and reopen comment threads"))]

    def __str__(self) -> str:
        return str(self.content_object or f"{self.content_type} #{self.object_id}")

    def is_visible(self) -> bool:
        """Whether the public may know of this thread: its owner decides."""
        return owner_is_public(self.content_object)

    def is_open(self, now: dt.datetime | None = None) -> bool:
        """Whether it accepts reactions at ``now``: ThreadQuerySet.open() for this row
        (the owner's schedule and a moderator's close). Visibility is separate: see
        is_visible()."""
        now = now or timezone.now()
        return (
            self.closed_at is None
            and (self.opens_at is None or self.opens_at <= now)
            and (self.closes_at is None or self.closes_at > now)
        )

    is_open.boolean = True  # type: ignore[attr-defined]
    is_open.short_description = _("open")  # type: ignore[attr-defined]


class CommentQuerySet(WatchedQuerySet):
    # The moderation queue's order: waiting reactions first, then newest first.
    PENDING_FIRST = [
        models.Case(models.When(status="pending", then=0), default=1).asc(),
        models.F("submitted_at").desc(),
    ]

    def approved(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.APPROVED)

    def waiting(self) -> CommentQuerySet:
        """Reactions waiting for a moderator."""
        return self.filter(status=Comment.Status.PENDING)

    def never_public(self) -> CommentQuerySet:
        return self.filter(status__in=[Comment.Status.REJECTED, Comment.Status.REMOVED])

    def past_retention(self) -> CommentQuerySet:
        cutoff = timezone.now() - dt.timedelta(days=settings.COMMENTS_RETENTION_DAYS)
        return self.filter(submitted_at__lt=cutoff)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        REMOVED = "removed", _("Removed")

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="comments", verbose_name=_("thread")
    )
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Never shown."))
    body = models.TextField(_("reaction"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    held_reason = models.CharField(_("held because"), max_length=200, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    ip_hash = models.CharField(
        _("IP address (keyed hash)"),
        max_length=64,
        blank=True,
        help_text=_("A keyed hash of the sender's IP address; the address itself is never kept."),
    )
    # Which handed-out form, sent with which text (CommentForm.submission): the same
    # form sent twice (a double click, or the proxy passing a POST on to another app
    # server after the first one failed mid-request) stores one reaction. A database
    # default, so code that does not know this column yet can still insert rows while
    # a rolling deploy is under way (docs/operations.md, "Migrations").
    submission = models.CharField(
        max_length=64, blank=True, default="", db_default="", editable=False
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        ordering = ["submitted_at", "pk"]
        indexes = [
            models.Index(fields=["thread", "status", "submitted_at"]),
            # A thread's last moderation.
            models.Index(fields=["thread", "moderated_at"], name="comments_thread_moderated"),
        ]
        permissions = [("moderate_comment", _("Can approve, reject and remove reactions"))]

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:60]}"


class BlockedWord(models.Model):
    """A word that holds a reaction for moderation (also without pre-moderation)."""

    word = models.CharField(_("word"), max_length=60, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("blocked word")
        verbose_name_plural = _("blocked words")
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word

    def save(self, *args, **kwargs) -> None:
        self.normalise()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        # Before the uniqueness check, so "Oplichter" meets an existing "oplichter".
        self.normalise()

    def normalise(self) -> None:
        self.word = (self.word or "").strip().lower()


class ModeratorDigest(models.Model):
    """One row: how far the moderators' digest e-mail has come (see comments/tasks.py).

    The task worker locks it to decide, once for all workers, whether a digest is due;
    ``sending_until`` is the lease of the worker that is talking to the mail server.
    """

    announced_up_to = models.BigIntegerField(
        _("announced up to"), default=0, help_text=_("The newest reaction in a sent digest.")
    )
    last_sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)
    sending_until = models.DateTimeField(_("being sent until"), null=True, blank=True)
    retry_at = models.DateTimeField(_("retry at"), null=True, blank=True)
    next_run_at = models.DateTimeField(_("next run at"), null=True, blank=True)

    class Meta:
        verbose_name = _("moderators' digest")
        verbose_name_plural = _("moderators' digests")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
