"""The moderators' admin: a queue of reactions (pending first) and the threads."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from comments import services
from comments.models import BlockedWord, Comment, CommentQuerySet, Thread
from denhaag_cms.adminkit import AccessibleFieldsMixin, DateHierarchyMixin

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


class OpenFilter(admin.SimpleListFilter):
    """Whether readers can react now (Thread.objects.open(): not closed, not past its
    closing moment), rather than Django's "empty / not empty" of a date."""

    title = _("open or closed")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("yes", _("Open")), ("no", _("Closed"))]

    def queryset(self, request, queryset):
        open_threads = Thread.objects.open().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=open_threads)
        if self.value() == "no":
            return queryset.exclude(pk__in=open_threads)
        return queryset


@admin.register(Comment)
class CommentAdmin(
    AccessibleFieldsMixin,
    DateHierarchyMixin,
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

    def get_list_display(self, request):
        # Approve or reject in one click, beside each reaction (the bulk actions stay).
        columns = list(super().get_list_display(request))
        if self.has_moderate_permission(request):
            columns.append("moderation_buttons")
        return columns

    # -- one click a reaction -------------------------------------------------------
    # Each button submits the small form the list template puts outside the list's own
    # form (forms do not nest), which carries the CSRF token and the list's filters.

    ONE_CLICK = {
        "approve": (Comment.Status.APPROVED, _("Approve")),
        "reject": (Comment.Status.REJECTED, _("Reject")),
    }

    @admin.display(description=_("moderate"))
    def moderation_buttons(self, obj: Comment) -> str:
        return format_html_join(
            "",
            '<button type="submit" form="moderate-one" class="button moderate-row" '
            'formaction="{}">{}</button>',
            (
                (reverse("admin:comments_comment_moderate", args=[obj.pk, name]), label)
                for name, (status, label) in self.ONE_CLICK.items()
                if obj.status != status
            ),
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/moderate/<slug:name>/",
                self.admin_site.admin_view(require_POST(self.moderate_view)),
                name="comments_comment_moderate",
            ),
            *super().get_urls(),
        ]

    def moderate_view(self, request: HttpRequest, object_id: str, name: str):
        """Approve or reject one reaction, then back to the list as it was filtered."""
        if name not in self.ONE_CLICK:
            raise Http404
        if not (self.has_moderate_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        comment = self.get_object(request, unquote(object_id))
        if comment is None:
            raise Http404
        status, _label = self.ONE_CLICK[name]
        services.moderate(Comment.objects.filter(pk=comment.pk), status=status, user=request.user)
        done = {
            "approve": _("The reaction of %(name)s is approved: readers see it now."),
            "reject": _("The reaction of %(name)s is rejected: readers do not see it."),
        }[name]
        self.message_user(request, done % {"name": comment.name}, messages.SUCCESS)
        url = reverse("admin:comments_comment_changelist")
        filters = request.POST.get("_changelist_filters", "")
        return HttpResponseRedirect(f"{url}?{filters}" if filters else url)

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
    closed = forms.BooleanField(label=capfirst(_("closed")), required=False)

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
    list_filter = [OpenFilter, "closes_at"]
    list_select_related = ["closed_by", "content_type"]
    readonly_fields = ["article", "closed_at", "closed_by", "reactions"]
    fields = [
        "article",
        "closes_at",
        "closed",
        "close_reason",
        "closed_at",
        "closed_by",
        "reactions",
    ]
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
            self.report_state(
                request, services.close_thread(obj, user=request.user, reason=reason)
            )
        elif not form.cleaned_data["closed"] and obj.closed_at is not None:
            self.report_state(
                request, services.reopen_thread(obj, user=request.user, closes_at=closes_at)
            )
        else:
            Thread.objects.filter(pk=obj.pk).update(
                closes_at=closes_at,
                close_reason=reason,
                schedule_set_by_moderator=obj.schedule_set_by_moderator
                or "closes_at" in form.changed_data,
            )

    # -- closing and reopening in one click, from the thread's page -----------------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/state/<slug:name>/",
                self.admin_site.admin_view(require_POST(self.state_view)),
                name="comments_thread_state",
            ),
            *super().get_urls(),
        ]

    def state_view(self, request: HttpRequest, object_id: str, name: str):
        """Close ("close") or reopen ("reopen") one thread, then back to its page."""
        if name not in ("close", "reopen"):
            raise Http404
        if not (self.has_close_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        thread = self.get_object(request, unquote(object_id))
        if thread is None:
            raise Http404
        if name == "close":
            thread = services.close_thread(
                thread, user=request.user, reason=_("Closed by a moderator")
            )
        else:
            thread = services.reopen_thread(thread, user=request.user)
        self.report_state(request, thread)
        return HttpResponseRedirect(reverse("admin:comments_thread_change", args=[thread.pk]))

    def report_state(self, request: HttpRequest, thread: Thread) -> None:
        """Say what the thread is now: closed, or open until when."""
        article = Truncator(str(thread.content_object or thread)).chars(60)
        if thread.closed_at is not None:
            message = _("Comments on “%(article)s” are closed: no one can react any more.") % {
                "article": article
            }
        else:
            message = _("Comments on “%(article)s” are open again, until %(moment)s.") % {
                "article": article,
                "moment": date_format(timezone.localtime(thread.closes_at), "j F Y H:i"),
            }
        self.message_user(request, message, messages.SUCCESS)

    @admin.display(description=_("article"))
    def article(self, obj: Thread) -> str:
        return link_to_object(obj)

    REACTIONS_SHOWN = 50

    @admin.display(description=_("reactions"))
    def reactions(self, obj: Thread) -> str:
        """The thread's reactions, newest first, each with its status; moderated in the
        list of reactions (a link to it, filtered to this thread)."""
        if obj.pk is None:
            return "–"
        shown = list(obj.comments.order_by("-submitted_at")[: self.REACTIONS_SHOWN])
        if not shown:
            return _("No reactions yet.")
        rows = format_html_join(
            "",
            "<li><strong>{}</strong> ({}, {}): {}</li>",
            (
                (
                    comment.name,
                    comment.get_status_display(),
                    date_format(timezone.localtime(comment.submitted_at), "j F Y H:i"),
                    Truncator(comment.body).chars(300),
                )
                for comment in shown
            ),
        )
        url = reverse("admin:comments_comment_changelist")
        return format_html(
            '<ul class="thread-reactions">{}</ul><p><a href="{}?thread={}">{}</a></p>',
            rows,
            url,
            obj.pk,
            _("Moderate the reactions of this thread"),
        )

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
