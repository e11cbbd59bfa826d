"""The editors' admin of press releases: writing, scheduling and deleting; its
workflow, share links and history are mixins from the modules beside it."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from denhaag_cms.adminkit import (
    AccessibleFieldsMixin,
    DateHierarchyMixin,
    ReadableHistoryAdmin,
)
from press import history, services, uploads, workflow
from press.admin.common import KnownRowsMixin, Status, can_publish
from press.admin.error_summary import error_summary
from press.admin.release_forms import (
    AttachmentInline,
    ContactInline,
    MissingEnglishFilter,
    PressReleaseForm,
    RelatedLinkInline,
)
from press.admin.sharing import ShareLinksAdmin
from press.admin.transitions import TransitionsAdmin, status_text
from press.admin.versions import VersionsAdmin
from press.models import Attachment, PressRelease
from press.models.publication import EARLIEST_PUBLICATION, LATEST_PUBLICATION
from press.models.translated import LANGUAGE_CODES


@admin.register(PressRelease)
class PressReleaseAdmin(
    TransitionsAdmin,
    ShareLinksAdmin,
    VersionsAdmin,
    KnownRowsMixin,
    AccessibleFieldsMixin,
    DateHierarchyMixin,
    ReadableHistoryAdmin,
    TabbedTranslationAdmin,
):
    form = PressReleaseForm
    list_display = [
        "title",
        "status_label",
        "publish_at",
        "is_published",
        "english",
        "updated_at",
    ]
    list_filter = ["status", MissingEnglishFilter, "themes", "comments_enabled"]
    search_fields = ["title_nl", "title_en", "lead_nl", "lead_en"]
    date_hierarchy = "publish_at"
    date_hierarchy_years = (EARLIEST_PUBLICATION.year, LATEST_PUBLICATION.year)
    list_per_page = 50
    filter_horizontal = ["themes"]
    inlines = [ContactInline, RelatedLinkInline, AttachmentInline]
    readonly_fields = [
        "publication_planned",
        "preview_link",
        "share_links_link",
        "published_versions_link",
        "withdrawn_at",
        "workflow_notes",
        "created_by",
        "created_at",
        "updated_at",
    ]
    actions = [
        "delete_selected",  # Django's, refused for a release that was public
        "submit_for_review",
        "send_back",
        "publish_now",
        "withdraw",
        "to_draft",
    ]
    exclude = ["contacts"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "dateline", "lead", "body"]}),
        (_("Image"), {"fields": ["hero_image", "hero_alt", "hero_credit"]}),
        (_("Themes"), {"fields": ["themes"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "workflow_note",
                    "publish_at",
                    "publication_planned",
                    "comments_enabled",
                    "preview_link",
                    "share_links_link",
                    "withdrawal_notice",
                    "withdrawn_at",
                    "workflow_notes",
                    "published_versions_link",
                ]
            },
        ),
        (
            _("Record"),
            {"classes": ["collapse"], "fields": ["created_by", "created_at", "updated_at"]},
        ),
    ]

    class Media:
        # The body editor's quote block, and a warning before leaving the form with
        # unsaved changes (static files: the admin's CSP runs no inline script).
        # What failed is listed at the top of a form that comes back (error_summary).
        css = {"all": ["press/admin-editor.css"]}
        js = [
            "press/unsaved-changes.js",
            "press/error-summary.js",
            "press/slug-follows-title.js",
        ]

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug_nl": ["title_nl"], "slug_en": ["title_en"]}

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None:
            # Published and withdrawn releases change only through a chief editor: the
            # workflow says who may change a release in which status.
            return workflow.may_edit(request.user, obj.status)
        return allowed

    def get_form(self, request, obj=None, **kwargs):
        # Who may not publish chooses only between draft and review (anything else is
        # a choice error), and has no publish_at field at all (later_fields); the
        # withdrawal notice is on a withdrawn release's form only, which only those who
        # may publish can change (has_change_permission).
        form = super().get_form(request, obj, **kwargs)
        form.workflow_user = request.user
        form.workflow_source = self.current_status(obj)
        if "status" in form.base_fields:
            form.base_fields["status"].choices = self.status_choices(request, obj)
        if not self.currently_public(obj):
            for name in PressReleaseForm.CHANGE_FIELDS:
                form.base_fields.pop(name, None)
        form.slug_follows_title = obj is None or obj.pk is None or not history.was_ever_public(obj)
        for code in LANGUAGE_CODES:
            slug = form.base_fields.get(f"slug_{code}")
            if slug is None:
                continue
            if form.slug_follows_title:
                # static/press/slug-follows-title.js shows it while the title is typed.
                slug.widget.attrs["data-follows-title"] = f"id_title_{code}"
                slug.help_text = _(
                    "The release's web address. It follows the title until the release "
                    "is first public, unless you change it yourself; after that, a "
                    "changed address keeps the old one working."
                )
        return form

    @staticmethod
    def currently_public(obj: PressRelease | None) -> bool:
        """Whether the release is public now, asked of the database (a history
        revert's instance carries an old status)."""
        if obj is None or obj.pk is None:
            return False
        return PressRelease.objects.published().filter(pk=obj.pk).exists()

    def later_fields(self, request, obj: PressRelease | None) -> set[str]:
        """Fields that do not apply to this release (yet), or that this user cannot
        change and that would only tell them to: not shown on the form."""
        hidden = set()
        if obj is None or obj.pk is None:
            hidden |= {"share_links_link", "workflow_notes", "created_by", "created_at"}
            hidden |= {"updated_at"}
        if obj is None or obj.status != Status.WITHDRAWN:
            hidden |= {"withdrawn_at", *self.translated("withdrawal_notice")}
        if obj is None or obj.pk is None or not history.was_ever_public(obj):
            hidden.add("published_versions_link")
        if not can_publish(request):
            # The chief editor schedules: the editor reads the moment, without the
            # field's help on how to set it.
            hidden.add("publish_at")
        else:
            hidden.add("publication_planned")
        return hidden

    @staticmethod
    def translated(name: str) -> list[str]:
        return [name, *(f"{name}_{code}" for code in LANGUAGE_CODES)]

    @admin.display(description=_("publication date"))
    def publication_planned(self, obj: PressRelease) -> str:
        if obj is None or obj.publish_at is None:
            return _("Not set: the chief editor publishes or schedules the release.")
        return date_format(timezone.localtime(obj.publish_at), "j F Y H:i")

    def get_fieldsets(self, request, obj=None):
        hidden = self.later_fields(request, obj)
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        fieldsets = [(name, options) for name, options in fieldsets if options["fields"]]
        if self.currently_public(obj) and self.has_change_permission(request, obj):
            fieldsets.append(
                (
                    _("This release is public: what kind of change?"),
                    {
                        # Shown beside the save button (change_form.html), wide.
                        "classes": ["change-decision"],
                        "fields": list(PressReleaseForm.CHANGE_FIELDS),
                        "description": _(
                            "A minor change corrects the text without a word to readers. "
                            "A public change shows your note, with its date, under the "
                            "release's date, in the feeds and in its history; every "
                            "version stays in the history."
                        ),
                    },
                )
            )
        return fieldsets

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and request.method in ("GET", "HEAD"):
            context["english_warning"] = self.english_warning(obj)
        adminform = context.get("adminform")
        if adminform is not None:
            context["error_summary"] = error_summary(
                adminform.form, context.get("inline_admin_formsets", [])
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @staticmethod
    def english_gaps(release: PressRelease) -> list[str]:
        """What a release written in English still shows in Dutch on its English
        page: a related link's text, the image's description."""
        if release.pk is None or not release.has_english:
            return []
        gaps = [
            str(_("the related link “%(title)s” has no English text") % {"title": link.title_nl})
            for link in release.links.all()
            if not link.title_en
        ]
        if release.hero_image and not release.hero_alt_en:
            gaps.append(str(_("the image has no English description (alt text)")))
        return gaps

    def english_warning(self, release: PressRelease) -> str:
        gaps = self.english_gaps(release)
        if not gaps:
            return ""
        return _("The English page shows Dutch where English is missing: %(gaps)s.") % {
            "gaps": "; ".join(gaps)
        }

    def save_related(self, request, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        warning = self.english_warning(form.instance)
        if warning:
            messages.warning(request, warning)

    def save_model(self, request, obj: PressRelease, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        # The image the row names now (not the form's initial: a history revert
        # starts from an old version).
        old_image = (
            PressRelease.objects.filter(pk=obj.pk).values_list("hero_image", flat=True).first()
            if obj.pk
            else None
        )
        image = obj.hero_image
        if image and uploads.is_stored(image) and image.name != old_image:
            # A history revert to a version whose image was replaced (and so removed
            # from the storage) since: no image rather than a broken one.
            if not image.storage.exists(image.name):
                obj.hero_image = None
                obj.hero_width = obj.hero_height = obj.hero_size = None
                messages.warning(
                    request,
                    _(
                        "The image of that version has been replaced since and no longer "
                        "exists: the release now has no image. Upload it again if you need it."
                    ),
                )
        self.save_through_workflow(request, obj, form)
        services.sync_comment_thread(obj, user=request.user)
        services.hero_image_saved(obj, old_image)

    def save_formset(self, request, form, formset, change: bool) -> None:
        if formset.model is not Attachment:
            return super().save_formset(request, form, formset, change)
        # What each existing row named before this change (form.initial: as loaded).
        old = [f.initial["file"].name for f in formset.initial_forms if f.initial.get("file")]
        super().save_formset(request, form, formset, change)
        current = list(form.instance.attachments.values_list("file", flat=True))
        storage = Attachment._meta.get_field("file").storage
        services.forget_replaced_files(storage, old, current)

    # -- deleting: never a release the public saw (workflow.check_delete) ----------

    @staticmethod
    def delete_refused(release: PressRelease) -> str | None:
        """Why `release` may not be deleted (press.workflow.check_delete), or None."""
        try:
            workflow.check_delete(release)
        except workflow.WorkflowError as refusal:
            return " ".join(refusal.messages)
        return None

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        # A release the public saw has no delete button (delete_view says why).
        return allowed and (obj is None or self.delete_refused(obj) is None)

    def delete_view(self, request: HttpRequest, object_id: str, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and super().has_delete_permission(request, obj):
            refusal = self.delete_refused(obj)
            if refusal is not None:
                self.message_user(request, refusal, messages.ERROR)
                return redirect(reverse("admin:press_pressrelease_change", args=[obj.pk]))
        return super().delete_view(request, object_id, extra_context)

    @admin.action(permissions=["delete"], description=django_delete_selected.short_description)
    def delete_selected(self, request: HttpRequest, queryset: QuerySet):
        """Django's delete action, refused as a whole (with the reasons) when a chosen
        release was public once."""
        refusals = [r for r in map(self.delete_refused, queryset) if r is not None]
        if refusals:
            self.message_user(
                request,
                _("Nothing was deleted. %(reasons)s") % {"reasons": " ".join(refusals)},
                messages.ERROR,
            )
            return None
        return django_delete_selected(self, request, queryset)

    def delete_model(self, request, obj: PressRelease) -> None:
        workflow.delete_release(obj)

    def delete_queryset(self, request, queryset: QuerySet) -> None:
        for release in queryset:
            workflow.delete_release(release)

    def get_ordering(self, request):
        # What waits for a chief editor first, then the newest.
        waits_for_review = models.Case(
            models.When(status=Status.REVIEW, then=models.Value(0)), default=models.Value(1)
        )
        return [waits_for_review.asc(), "-publish_at", "-pk"]

    # -- list columns -------------------------------------------------------------

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj: PressRelease) -> str:
        return status_text(obj.status, obj.publish_at)  # as the form's status select

    @admin.display(description=_("English"), boolean=False)
    def english(self, obj: PressRelease) -> str:
        if obj.has_english:
            return "✓"
        return format_html('<strong class="missing-english">{}</strong>', _("missing"))

    @admin.display(description=_("preview"))
    def preview_link(self, obj: PressRelease) -> str:
        if not obj.pk:
            return _("Use the preview buttons below the form: no need to save first.")
        return format_html(
            '<a href="{}" target="_blank">{}</a> · <a href="{}" target="_blank">{}</a>',
            obj.get_preview_url("nl"),
            _("Preview of the saved release in Dutch"),
            obj.get_preview_url("en"),
            _("in English"),
        )

    def view_on_site(self, obj: PressRelease) -> str:
        return obj.get_absolute_url() if obj.is_published() else obj.get_preview_url()

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/workflow/<slug:name>/",
                self.admin_site.admin_view(self.transition_view),
                name="press_pressrelease_transition",
            ),
            path(
                "<path:object_id>/published-versions/",
                self.admin_site.admin_view(self.published_versions_view),
                name="press_pressrelease_published_versions",
            ),
            path(
                "<path:object_id>/published-versions/<int:version_id>/",
                self.admin_site.admin_view(self.published_version_view),
                name="press_pressrelease_published_version",
            ),
            path(
                "<path:object_id>/share-links/",
                self.admin_site.admin_view(self.share_links_view),
                name="press_pressrelease_sharelinks",
            ),
        ]
        return own + super().get_urls()

    def changeform_view(
        self, request: HttpRequest, object_id=None, form_url="", extra_context=None
    ):
        # The form checks the workflow before saving; the workflow checks again under
        # a row lock. When a colleague changed the release in between (withdrew it,
        # published it), the save is refused and rolled back: said to the editor in
        # their language, never a 500.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except workflow.WorkflowError as problem:
            self.message_user(
                request,
                _(
                    "Nothing was saved: %(reason)s The press release changed meanwhile; "
                    "check it and try again."
                )
                % {"reason": " ".join(problem.messages)},
                messages.ERROR,
            )
            return redirect(request.get_full_path())
