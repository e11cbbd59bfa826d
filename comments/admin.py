"""The moderators' admin: a queue of reactions (pending first) and the threads."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from comments import services
from comments.models import BlockedWord, Comment, CommentQuerySet, Thread
from denhaag_cms.adminkit import AccessibleFieldsMixin

MODERATE = "comments.moderate_comment"
CLOSE = "comments.close_thread"


class ModerationPermissions:
    """Action permissions named in @admin.action(permissions=[...])."""

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(MODERATE)

    def has_close_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(CLOSE)


def link_to_object(thread: Thread) -> str:
    target = thread.content_object
    if target is None or not hasattr(target, "get_absolute_url"):
        return str(thread)
    return format_html(
        '<a href="{}" target="_blank">{}</a>',
        target.get_absolute_url(),
        Truncator(target).chars(60),
    )


class ThreadFilter(admin.SimpleListFilter):
    """By the object a thread is about (e.g. the press release), in one query per type."""

    title = _("article")
    parameter_name = "thread"

    def lookups(self, request, model_admin):
        threads = (
            Thread.objects.filter(comments__isnull=False)
            .distinct()
            .prefetch_related("content_object")
            .order_by("-created_at")
        )
        return [(thread.pk, Truncator(str(thread)).chars(60)) for thread in threads]

    def queryset(self, request, queryset):
        if self.value():
            try:
                return queryset.filter(thread_id=int(self.value()))
            except ValueError:
                return queryset.none()
        return queryset


@admin.register(Comment)
class CommentAdmin(
    AccessibleFieldsMixin,
    ModerationPermissions,
    admin.ModelAdmin,
):
    list_display = ["excerpt", "name", "status", "held_reason", "submitted_at", "article"]
    list_filter = ["status", ThreadFilter]
    search_fields = ["name", "body"]
    date_hierarchy = "submitted_at"
    list_select_related = ["thread", "thread__content_type"]
    list_per_page = 50
    actions = ["approve", "reject", "remove"]
    fields = [
        "thread",
        "article",
        "name",
        "body",
        "submitted_at",
        "status",
        "held_reason",
        "moderated_by",
        "moderated_at",
    ]
    readonly_fields = [
        "thread",
        "article",
        "name",
        "body",
        "submitted_at",
        "held_reason",
        "moderated_by",
        "moderated_at",
    ]

    def get_ordering(self, request):
        return CommentQuerySet.PENDING_FIRST

    def get_queryset(self, request):
        # The article column shows each thread's object: fetched per type, not per row.
        return super().get_queryset(request).prefetch_related("thread__content_object")

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # reactions come from citizens, not from the admin

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self.has_moderate_permission(
            request
        )

    def save_model(self, request, obj: Comment, form, change: bool) -> None:
        if "status" in form.changed_data:
            services.moderate(
                Comment.objects.filter(pk=obj.pk), status=obj.status, user=request.user
            )
            obj.refresh_from_db()
        # Nothing else about a reaction is editable.

    @admin.display(description=_("reaction"))
    def excerpt(self, obj: Comment) -> str:
        return Truncator(obj.body).chars(80)

    @admin.display(description=_("article"))
    def article(self, obj: Comment) -> str:
        return link_to_object(obj.thread)

    def _moderate(self, request, queryset: QuerySet, status: str, message: str) -> None:
        count = services.moderate(queryset, status=status, user=request.user)
        self.message_user(request, message % {"count": count})

    @admin.action(description=_("Approve selected reactions"), permissions=["moderate"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.APPROVED, _("%(count)d approved."))

    @admin.action(description=_("Reject selected reactions"), permissions=["moderate"])
    def reject(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.REJECTED, _("%(count)d rejected."))

    @admin.action(description=_("Remove selected reactions"), permissions=["moderate"])
    def remove(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.REMOVED, _("%(count)d removed."))


class ThreadForm(forms.ModelForm):
    closed = forms.BooleanField(label=_("closed"), required=False)

    class Meta:
        model = Thread
        fields = ["closes_at", "close_reason"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["closed"].initial = self.instance.closed_at is not None
        self.fields["closes_at"].help_text = _(
            "Reopening with this empty keeps the thread open for %(days)d days."
        ) % {"days": settings.COMMENTS_CLOSE_AFTER_DAYS}

    def clean(self):
        cleaned = super().clean()
        closes_at = cleaned.get("closes_at")
        if not cleaned.get("closed") and closes_at and closes_at <= timezone.now():
            self.add_error(
                "closes_at",
                _(
                    "To keep the thread open, choose a closing moment in the future, "
                    "or leave it empty to keep it open for %(days)d more days."
                )
                % {"days": settings.COMMENTS_CLOSE_AFTER_DAYS},
            )
        return cleaned


@admin.register(Thread)
class ThreadAdmin(
    AccessibleFieldsMixin,
    ModerationPermissions,
    admin.ModelAdmin,
):
    form = ThreadForm
    # The first column links to the thread's page in the admin; the public page has a
    # column of its own (a link inside that link would leave empty links behind).
    list_display = [
        "article_title",
        "public_page",
        "is_open",
        "closes_at",
        "closed_at",
        "closed_by",
        "close_reason",
        "pending_count",
        "approved_count",
    ]
    list_filter = [("closed_at", admin.EmptyFieldListFilter), "closes_at"]
    list_select_related = ["closed_by", "content_type"]
    readonly_fields = ["article", "closed_at", "closed_by"]
    fields = ["article", "closes_at", "closed", "close_reason", "closed_at", "closed_by"]
    actions = ["close", "reopen"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                pending=Count("comments", filter=Q(comments__status=Comment.Status.PENDING)),
                approved=Count("comments", filter=Q(comments__status=Comment.Status.APPROVED)),
            )
            .prefetch_related("content_object")
        )

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # threads belong to the objects they are about

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self.has_close_permission(request)

    def save_model(self, request, obj: Thread, form, change: bool) -> None:
        reason = form.cleaned_data.get("close_reason", "")
        closes_at = form.cleaned_data.get("closes_at")
        if form.cleaned_data["closed"] and obj.closed_at is None:
            services.close_thread(obj, user=request.user, reason=reason)
        elif not form.cleaned_data["closed"] and obj.closed_at is not None:
            services.reopen_thread(obj, user=request.user, closes_at=closes_at)
        else:
            Thread.objects.filter(pk=obj.pk).update(
                closes_at=closes_at,
                close_reason=reason,
                schedule_set_by_moderator=obj.schedule_set_by_moderator
                or "closes_at" in form.changed_data,
            )

    @admin.display(description=_("article"))
    def article(self, obj: Thread) -> str:
        return link_to_object(obj)

    @admin.display(description=_("article"))
    def article_title(self, obj: Thread) -> str:
        return Truncator(str(obj.content_object or obj)).chars(60)

    @admin.display(description=_("View on site"))
    def public_page(self, obj: Thread) -> str:
        target = obj.content_object
        if target is None or not hasattr(target, "get_absolute_url"):
            return "—"
        return format_html(
            '<a href="{}" target="_blank">{}</a>', target.get_absolute_url(), _("View on site")
        )

    @admin.display(description=_("pending"), ordering="pending")
    def pending_count(self, obj) -> int:
        return obj.pending

    @admin.display(description=_("approved"), ordering="approved")
    def approved_count(self, obj) -> int:
        return obj.approved

    @admin.action(description=_("Close comments"), permissions=["close"])
    def close(self, request, queryset):
        for thread in queryset:
            services.close_thread(thread, user=request.user, reason=_("Closed by a moderator"))
        self.message_user(request, _("Comments closed."))

    @admin.action(description=_("Reopen comments"), permissions=["close"])
    def reopen(self, request, queryset):
        for thread in queryset:
            services.reopen_thread(thread, user=request.user)
        self.message_user(request, _("Comments reopened."))


@admin.register(BlockedWord)
class BlockedWordAdmin(admin.ModelAdmin):
    list_display = ["word", "created_at"]
    search_fields = ["word"]
