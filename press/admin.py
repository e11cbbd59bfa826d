"""The editors' admin: writing, reviewing, scheduling and publishing releases."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from denhaag_cms.adminkit import (
    AccessibleFieldsMixin,
    AccessibleInlineFormSet,
    LabelledDeleteFormSetMixin,
    ReadableHistoryAdmin,
)
from denhaag_cms.pagecache import ChangesPublicPagesAdmin
from press import history, services, sharelinks, uploads
from press.forms import KeepUploadsMixin
from press.models import (
    Attachment,
    City,
    CityNetwork,
    Membership,
    PressContact,
    PressRelease,
    RelatedLink,
    ShareLink,
    Theme,
)
from press.models.network import ONE_MEMBERSHIP_PER_NETWORK
from press.models.release import EARLIEST_PUBLICATION, LANGUAGE_CODES, LATEST_PUBLICATION
from press.sharelinks import may_share

# Addresses typed without a scheme ("www.100resilientcities.org") become https://.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}
Status = PressRelease.Status


def can_publish(request: HttpRequest) -> bool:
    """Whether the user may publish: they also set publication dates and change
    published releases (the workflow table in press/services.py says who)."""
    return services.may_make(request.user, "publish")


class VersionChoiceField(forms.ModelChoiceField):
    """A saved version of a release, named by when it was saved, its status and title."""

    def label_from_instance(self, obj) -> str:
        saved = date_format(timezone.localtime(obj.history_date), "j F Y H:i")
        return f"{saved} – {Status(obj.status).label} – {obj.title}"


class ShareLinkForm(forms.ModelForm):
    expires_at = forms.DateTimeField(
        label=_("valid until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        help_text=_("Amsterdam time. By default the moment of publication."),
    )

    version = VersionChoiceField(
        label=_("Which text"),
        queryset=None,
        required=False,
        empty_label=_("The current text (follows every change until publication)"),
        help_text=_("Or one saved version: the link then shows that text, whatever changes."),
    )

    class Meta:
        model = ShareLink
        fields = ["label", "language", "expires_at", "version"]

    def __init__(self, *args, release: PressRelease, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = sharelinks.versions_to_pin(release)

    def clean_expires_at(self):
        value = self.cleaned_data["expires_at"]
        sharelinks.check_expiry(value)  # the service's rule, shown at its field
        return value


class RevokeShareLinkForm(forms.Form):
    """The revoke button's value: a link's id (a number a row can have), or a 404."""

    revoke = forms.IntegerField(min_value=1, max_value=2**63 - 1)


class PublicOnForm(forms.Form):
    on = forms.DateTimeField(
        label=_("What did the public see on"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M", "%Y-%m-%d"],
        help_text=_("Amsterdam time."),
    )


class KnownRowsField(forms.ModelMultipleChoiceField):
    """Django's multiple choice of rows, refusing ids no row can have.

    Django looks the chosen ids up with `pk__in`; an id beyond 64 bits
    (`themes=9223469219282927616`, found by the fuzz tests) made SQLite raise
    OverflowError: a 500. Such an id is now the field's own "not one of the
    available choices" error.
    """

    def clean(self, value):
        for pk in value or ():
            try:
                in_range = 0 < int(pk) < 2**63
            except (TypeError, ValueError):
                continue  # Django's own check says it is not a number
            if not in_range:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super().clean(value)


class KnownRowsMixin:
    """Many-to-many fields of an admin form use KnownRowsField."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", KnownRowsField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


# Themes, press contacts, city networks, cities and memberships: public pages show them.
ReleasePartAdmin = NetworkPartAdmin = ChangesPublicPagesAdmin


@admin.register(Theme)
class ThemeAdmin(ReleasePartAdmin, TabbedTranslationAdmin):
    release_relation = "themes"
    list_display = ["name", "slug"]
    search_fields = ["name_nl", "name_en"]
    prepopulated_fields = {"slug_nl": ["name_nl"], "slug_en": ["name_en"]}


@admin.register(PressContact)
class PressContactAdmin(ReleasePartAdmin, TabbedTranslationAdmin):
    release_relation = "contacts"
    list_display = ["name", "role", "organisation", "phone", "email"]
    search_fields = ["name", "role_nl", "organisation", "email"]


class RelatedLinkInline(TranslationTabularInline):
    model = RelatedLink
    formset = AccessibleInlineFormSet
    extra = 0
    formfield_overrides = HTTPS_URLS
    fields = ["title", "url", "position"]


class AttachmentInline(TranslationTabularInline):
    model = Attachment
    formset = AccessibleInlineFormSet
    extra = 0
    fields = ["title", "file", "position"]


class ContactInline(admin.TabularInline):
    model = PressRelease.contacts.through
    formset = AccessibleInlineFormSet
    extra = 0
    autocomplete_fields = ["presscontact"]
    verbose_name = _("press contact")
    verbose_name_plural = _("press contacts ('Noot voor de redactie')")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "presscontact":
            kwargs["label"] = _("press contact")  # the column header, not "PRESSCONTACT"
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class MissingEnglishFilter(admin.SimpleListFilter):
    title = _("English text")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing")), ("present", _("Present"))]

    def queryset(self, request, queryset):
        missing = queryset.missing_english()
        if self.value() == "missing":
            return missing
        if self.value() == "present":
            return queryset.exclude(pk__in=missing.values("pk"))
        return queryset


class PressReleaseForm(KeepUploadsMixin, forms.ModelForm):
    """The release, and a status change asked of the workflow (press/services.py);
    a chosen image survives a validation error (press.forms).

    The status select offers what the workflow allows this user from the release's
    current status (PressReleaseAdmin.get_form); clean() asks the workflow whether
    the chosen change, with its note, may be made. No rule of its own.
    """

    workflow_note = forms.CharField(
        label=_("Note for your colleagues"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_(
            "With a status change: what the reviewer or the editor should know. "
            "Kept in the history. Required when you send a release back to draft."
        ),
    )

    # Only on the form of a release that is public now (PressReleaseAdmin.get_form
    # removes them otherwise): is this edit a minor change or a public one?
    change_kind = forms.ChoiceField(
        label=_("What kind of change is this?"),
        choices=[
            ("minor", _("A minor change (a typo, a broken link): no note for readers")),
            ("note", _("A public change: readers see a change note with the date")),
        ],
        initial="minor",
        required=False,
        widget=forms.RadioSelect,
    )
    change_note_nl = forms.CharField(
        label=_("Change note for readers (Dutch)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 70}),
        help_text=_(
            "Shown under the release's date with today's date, e.g. “The dates of the "
            "closure were wrong and have been corrected.”"
        ),
    )
    change_note_en = forms.CharField(
        label=_("Change note for readers (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 70}),
        help_text=_("Required when the release is in English too."),
    )
    alert_subscribers = forms.BooleanField(
        label=_("Send the change note as an alert to the subscribers of its themes"),
        required=False,
    )
    CHANGE_FIELDS = ("change_kind", "change_note_nl", "change_note_en", "alert_subscribers")

    # Set per request by PressReleaseAdmin.get_form.
    workflow_user = None
    workflow_source: str = Status.DRAFT

    def change_note(self) -> dict[str, str] | None:
        """The public change note's texts if the editor chose one; None: minor."""
        if self.cleaned_data.get("change_kind") != "note":
            return None
        return {
            code: self.cleaned_data.get(f"change_note_{code}", "")
            for code in LANGUAGE_CODES
            if f"change_note_{code}" in self.cleaned_data
        }

    def _post_clean(self) -> None:
        super()._post_clean()  # the instance now carries the edit
        texts = self.change_note() if hasattr(self, "cleaned_data") else None
        if texts is None:
            return
        if self.cleaned_data.get("status", self.workflow_source) != self.workflow_source:
            self.add_error(
                "change_kind",
                _(
                    "A change note goes with an edit of the public release, not with a "
                    "status change. Choose one of the two."
                ),
            )
            return
        try:
            # Asked of the workflow: the texts it needs, and who may.
            services.check_change_note(
                self.instance,
                {code: text.strip() for code, text in texts.items()},
                user=self.workflow_user,
                public=True,
            )
        except services.WorkflowError as error:
            for code in getattr(error, "missing", []):
                self.add_error(f"change_note_{code}", error)
        except PermissionDenied as error:
            self.add_error("change_kind", str(error))

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("status")
        if not target or target == self.workflow_source:
            return cleaned
        try:
            services.check_transition(
                self.workflow_source,
                target,
                self.workflow_user,
                note=cleaned.get("workflow_note", ""),
                # Withdrawing asks for its explanation on its confirmation page.
                explanation="-" if target == Status.WITHDRAWN else "",
            )
        except services.WorkflowError as error:
            self.add_error("workflow_note" if error.code == "note" else "status", error)
        except PermissionDenied as error:
            self.add_error("status", str(error))
        return cleaned


class TransitionForm(forms.Form):
    """What a status change asks for on its confirmation page: a note for the
    colleagues, or (withdrawing) a public explanation. Required or not as the
    workflow table says (press.services.TRANSITIONS)."""

    def __init__(self, *args, transition: services.Transition, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.transition = transition
        if transition.note == services.Note.EXPLANATION:
            for code, name in settings.LANGUAGES:
                self.fields[f"explanation_{code}"] = forms.CharField(
                    label=_("Explanation for readers (%(language)s)") % {"language": name},
                    required=code == settings.LANGUAGE_CODE,
                    widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
                    help_text=_(
                        "Shown on the release's page instead of the release, with the "
                        "date of withdrawal."
                    )
                    if code == settings.LANGUAGE_CODE
                    else _("Leave empty to show the Dutch explanation."),
                )
        elif transition.note != services.Note.NONE:
            self.fields["note"] = forms.CharField(
                label=_("Note for your colleagues"),
                required=transition.note == services.Note.REQUIRED,
                widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
                help_text=_("Kept in the release's history."),
            )

    def explanations(self) -> dict[str, str]:
        return {
            name.removeprefix("explanation_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("explanation_")
        }


@admin.register(PressRelease)
class PressReleaseAdmin(
    ChangesPublicPagesAdmin,
    KnownRowsMixin,
    AccessibleFieldsMixin,
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
    list_per_page = 50
    filter_horizontal = ["themes"]
    inlines = [ContactInline, RelatedLinkInline, AttachmentInline]
    readonly_fields = [
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
        css = {"all": ["press/admin-editor.css"]}
        js = ["press/unsaved-changes.js"]

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug_nl": ["title_nl"], "slug_en": ["title_en"]}

    # -- who may do what --------------------------------------------------------

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return services.may_make(request.user, "publish")

    def has_submit_permission(self, request: HttpRequest) -> bool:
        return services.may_make(request.user, "submit")

    def has_send_back_permission(self, request: HttpRequest) -> bool:
        return services.may_make(request.user, "send_back")

    def has_withdraw_permission(self, request: HttpRequest) -> bool:
        return services.may_make(request.user, "withdraw")

    def has_to_draft_permission(self, request: HttpRequest) -> bool:
        return services.may_make(request.user, "to_draft")

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None:
            # Published and withdrawn releases change only through a chief editor: the
            # workflow says who may change a release in which status.
            return services.may_edit(request.user, obj.status)
        return allowed

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """An earlier version. Who may change the release now gets simple-history's
        form with its Revert button; who may only read it gets the version rendered
        (never an edit form, never its HTML source), and a revert is refused.

        django-simple-history lets anyone who may *view* the history post a revert; a
        revert is a change, so it needs the right to change the release as it is now
        (the workflow's may_edit; saving asks it again, press.services)."""
        if not version_id.isdigit():  # simple-history's lookup would raise: a 500
            raise Http404(_("This version does not exist."))
        current = self.get_object(request, unquote(object_id))
        if current is not None and self.has_change_permission(request, current):
            return super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" or current is None:
            raise PermissionDenied
        if not self.has_view_permission(request, current):
            raise PermissionDenied
        version = current.history.filter(history_id=version_id).first()
        if version is None:
            raise Http404(_("This version does not exist."))
        return self.read_only_view(request, version.instance, version=version)

    def revert_disabled(self, request, obj=None) -> bool:
        current = self.get_object(request, str(obj.pk)) if obj is not None else None
        return current is None or not self.has_change_permission(request, current)

    def get_form(self, request, obj=None, **kwargs):
        # Who may not publish chooses only between draft and review (anything else is
        # a choice error), and does not see publish_at and the withdrawal notice as
        # fields at all (get_readonly_fields).
        form = super().get_form(request, obj, **kwargs)
        form.workflow_user = request.user
        form.workflow_source = self.current_status(obj)
        if "status" in form.base_fields:
            form.base_fields["status"].choices = self.status_choices(request, obj)
        if not self.currently_public(obj):
            for name in PressReleaseForm.CHANGE_FIELDS:
                form.base_fields.pop(name, None)
        return form

    @staticmethod
    def currently_public(obj: PressRelease | None) -> bool:
        """Whether the release is public now, asked of the database (a history
        revert's instance carries an old status)."""
        if obj is None or obj.pk is None:
            return False
        return PressRelease.objects.published().filter(pk=obj.pk).exists()

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if self.currently_public(obj) and self.has_change_permission(request, obj):
            fieldsets.append(
                (
                    _("This release is public: what kind of change?"),
                    {
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

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not can_publish(request):
            fields += ["publish_at", "withdrawal_notice_nl", "withdrawal_notice_en"]
        return fields

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

    # -- deleting: never a release the public saw (services.check_delete) ----------

    @staticmethod
    def delete_refused(release: PressRelease) -> str | None:
        """Why `release` may not be deleted (press.services.check_delete), or None."""
        try:
            services.check_delete(release)
        except services.WorkflowError as refusal:
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
        services.delete_release(obj)

    def delete_queryset(self, request, queryset: QuerySet) -> None:
        for release in queryset:
            services.delete_release(release)

    def get_changelist_instance(self, request):
        # The date hierarchy's ?publish_at__year=1 (or 9999) left Python's dates in
        # Django's lookup: a 500. Outside the years a release can have, the list
        # answers as for any wrong filter (Django's ?e=1 page).
        # A month or day beyond C's int (?publish_at__month=2147483648) made
        # datetime() raise OverflowError, which Django does not catch: a 500.
        year = request.GET.get(f"{self.date_hierarchy}__year")
        month = request.GET.get(f"{self.date_hierarchy}__month", "1")
        day = request.GET.get(f"{self.date_hierarchy}__day", "1")
        if year is not None:
            try:
                valid = (
                    EARLIEST_PUBLICATION.year <= int(year) < LATEST_PUBLICATION.year
                    and 1 <= int(month) <= 12
                    and 1 <= int(day) <= 31
                )
            except ValueError:
                valid = False
            if not valid:
                raise IncorrectLookupParameters
        return super().get_changelist_instance(request)

    def get_ordering(self, request):
        # What waits for a chief editor first, then the newest.
        waits_for_review = models.Case(
            models.When(status=Status.REVIEW, then=models.Value(0)), default=models.Value(1)
        )
        return [waits_for_review.asc(), "-publish_at", "-pk"]

    # -- list columns -------------------------------------------------------------

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj: PressRelease) -> str:
        if obj.is_scheduled:
            return format_html(
                "{} ({})",
                _("Scheduled"),
                timezone.localtime(obj.publish_at).strftime("%d-%m-%Y %H:%M"),
            )
        return obj.get_status_display()

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

    @admin.display(description=_("share links"))
    def share_links_link(self, obj: PressRelease) -> str:
        if not obj.pk:
            return _("Save the release to share it under embargo.")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:press_pressrelease_sharelinks", args=[obj.pk]),
            _("Share links under embargo (%(count)s)") % {"count": obj.share_links.count()},
        )

    # -- share links under embargo (press.sharelinks) ---------------------------------

    def share_links_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Make, list and revoke a release's share links. The full address of a new
        link is shown once, in the answer to the POST that made it: only its hash is
        stored. Who may make them and for how long is press.sharelinks' say
        (create_share_link); who may revoke one too (may_revoke, in every status)."""
        release = self.get_object(request, unquote(object_id))
        if release is None or not self.has_view_permission(request, release):
            raise Http404(_("This press release does not exist."))
        links = list(release.share_links.select_related("created_by", "version"))
        for link in links:
            link.release = release
            link.revocable = not link.is_revoked and sharelinks.may_revoke(request.user, link)
        allowed = may_share(request.user, release)
        if not (allowed or can_publish(request) or any(link.revocable for link in links)):
            raise PermissionDenied
        form = ShareLinkForm(
            initial={"expires_at": sharelinks.default_expiry(release)}, release=release
        )
        new_urls = []
        if request.method == "POST" and "revoke" in request.POST:
            chosen = RevokeShareLinkForm(request.POST)
            pk = chosen.cleaned_data["revoke"] if chosen.is_valid() else None
            link = next((link for link in links if link.pk == pk), None)
            if link is None:
                raise Http404(_("This share link does not exist."))
            if not sharelinks.may_revoke(request.user, link):
                raise PermissionDenied
            sharelinks.revoke(link)
            self.message_user(
                request, _("The link for “%(label)s” is revoked.") % {"label": link.label}
            )
            return HttpResponseRedirect(request.path)
        if request.method == "POST":
            if not allowed:
                raise PermissionDenied
            form = ShareLinkForm(request.POST, release=release)
            try:
                link, token = (
                    sharelinks.create_share_link(release, **form.cleaned_data, user=request.user)
                    if form.is_valid()
                    else (None, "")
                )
            except ValidationError as error:  # the moment passed between check and save
                form.add_error("expires_at", error)
                link = None
            if link is not None:
                new_urls = sharelinks.share_urls(link, token)
                form = ShareLinkForm(
                    initial={"expires_at": sharelinks.default_expiry(release)}, release=release
                )
                links.insert(0, link)
                link.revocable = True
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": release,
            "title": _("Share links for “%(title)s”") % {"title": release.title},
            "release": release,
            "may_share": allowed,
            "form": form,
            "new_urls": new_urls,
            "links": links,
            "max_days": settings.SHARE_LINK_MAX_DAYS,
        }
        response = TemplateResponse(request, "admin/press/pressrelease/share_links.html", context)
        response["Cache-Control"] = "private, no-store"
        return response

    def view_on_site(self, obj: PressRelease) -> str:
        return obj.get_absolute_url() if obj.is_published() else obj.get_preview_url()

    # -- what the public saw (press.history) ----------------------------------------

    def _viewable_release(self, request: HttpRequest, object_id: str) -> PressRelease:
        release = self.get_object(request, unquote(object_id))
        if release is None or not self.has_view_permission(request, release):
            raise Http404(_("This press release does not exist."))
        return release

    def published_versions_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Every version of the release the public saw, from–until, and which one it
        saw at a moment the office asks about (?on=…)."""
        release = self._viewable_release(request, object_id)
        versions = history.public_versions(release)
        form = PublicOnForm(request.GET if "on" in request.GET else None)
        asked = None
        if form.is_bound and form.is_valid():
            moment = form.cleaned_data["on"]
            asked = {
                "moment": moment,
                "version": next((v for v in versions if v.was_public_at(moment)), None),
            }
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": release,
            "title": _("Published versions of “%(title)s”") % {"title": release.title},
            "versions": versions,
            "form": form,
            "asked": asked,
        }
        # Never cached: admin_view marks it so (never_cache).
        return TemplateResponse(
            request, "admin/press/pressrelease/published_versions.html", context
        )

    def published_version_view(
        self, request: HttpRequest, object_id: str, version_id: int
    ) -> HttpResponse:
        """One version the public saw, rendered read-only in each of its languages."""
        release = self._viewable_release(request, object_id)
        version = next(
            (v for v in history.public_versions(release) if v.record.history_id == version_id),
            None,
        )
        if version is None:
            raise Http404(_("The public never saw this version."))
        record = version.record
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": release,
            "title": _("“%(title)s” as the public saw it") % {"title": record.title},
            "version": version,
            "languages": self.rendered_languages(record.instance),
        }
        # Never cached: admin_view marks it so (never_cache).
        return TemplateResponse(
            request, "admin/press/pressrelease/published_version.html", context
        )

    @admin.display(description=_("published versions"))
    def published_versions_link(self, obj: PressRelease) -> str:
        if not obj.pk:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:press_pressrelease_published_versions", args=[obj.pk]),
            _("What the public saw, version by version"),
        )

    def changeform_view(
        self, request: HttpRequest, object_id=None, form_url="", extra_context=None
    ):
        # The form checks the workflow before saving; the workflow checks again under
        # a row lock. When a colleague changed the release in between (withdrew it,
        # published it), the save is refused and rolled back: said to the editor in
        # their language, never a 500.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.WorkflowError as problem:
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

    # -- reading without the right to change ----------------------------------------

    def change_view(self, request: HttpRequest, object_id: str, form_url="", extra_context=None):
        if request.method in ("GET", "HEAD"):
            obj = self.get_object(request, unquote(object_id))
            if (
                obj is not None
                and self.has_view_permission(request, obj)
                and not self.has_change_permission(request, obj)
            ):
                return self.read_only_view(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    @staticmethod
    def rendered_languages(obj: PressRelease) -> list[dict]:
        """The release (or a version of it from its history) in each language it is
        written in: title, lead and the rendered body, never its HTML source."""
        return [
            {
                "code": code,
                "name": name,
                "title": getattr(obj, f"title_{code}", ""),
                "lead": getattr(obj, f"lead_{code}", ""),
                # Sanitized on save (press.sanitize): the rendered text, not its source.
                "body": mark_safe(getattr(obj, f"body_{code}", "") or ""),
            }
            for code, name in settings.LANGUAGES
            if obj.has_language(code)
        ]

    def read_only_view(
        self, request: HttpRequest, obj: PressRelease, *, version=None
    ) -> TemplateResponse:
        """A release the user may read but not change (an editor and a published or
        withdrawn release), or an earlier `version` of it (a historical record): the
        release rendered in each language, never its HTML source, with its status,
        notes, preview and history."""
        languages = self.rendered_languages(obj)
        if version is not None:
            title = _("Version of %(moment)s: %(release)s") % {
                "moment": date_format(timezone.localtime(version.history_date), "j F Y H:i"),
                "release": obj,
            }
        else:
            title = _("Read %(release)s") % {"release": obj}
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "original": obj,
            "version": version,
            "change_url": reverse("admin:press_pressrelease_change", args=[obj.pk]),
            "opts": self.model._meta,
            "languages": languages,
            "notes": self.workflow_notes(obj),
            "preview_url": obj.get_preview_url(),
            "history_url": reverse("admin:press_pressrelease_history", args=[obj.pk]),
            "versions_url": reverse("admin:press_pressrelease_published_versions", args=[obj.pk]),
            "public_url": obj.get_absolute_url() if obj.is_published() else "",
        }
        return TemplateResponse(request, "admin/press/pressrelease/read_only.html", context)

    # -- workflow: status select, actions, confirmation pages ----------------------
    # Every status change goes to press.services.change_status (one table of
    # transitions); these methods only ask it and show its answer.

    @staticmethod
    def current_status(obj: PressRelease | None) -> str:
        """The status in the database (a history revert's instance has an old one)."""
        if obj is None or obj.pk is None:
            return Status.DRAFT
        current = PressRelease.objects.filter(pk=obj.pk).values_list("status", flat=True).first()
        return current or Status.DRAFT

    def status_choices(self, request: HttpRequest, obj: PressRelease | None) -> list:
        source = self.current_status(obj)
        choices = [(source, _("%(status)s (unchanged)") % {"status": Status(source).label})]
        for transition in services.transitions_from(source, request.user):
            label = transition.label
            if transition.note == services.Note.EXPLANATION:
                label = _("%(step)s… (asks for confirmation)") % {"step": label}
            choices.append((transition.target, label))
        return choices

    def save_through_workflow(self, request: HttpRequest, obj: PressRelease, form) -> None:
        """Save the form's release; a status change goes through the workflow.

        Withdrawing is confirmed on its own page (with its public explanation): the
        other changes are saved, the status not yet, and response_change goes there.
        """
        target = obj.status
        source = self.current_status(obj)
        note = form.cleaned_data.get("workflow_note", "")
        if target in (source, Status.WITHDRAWN):
            obj._withdraw_requested = target != source
            services.save_edit(
                obj,
                user=request.user,
                note=note,
                change_note=form.change_note(),
                alert=bool(form.cleaned_data.get("alert_subscribers")),
            )
        else:
            services.change_status(obj, target, user=request.user, note=note)

    def response_change(self, request: HttpRequest, obj: PressRelease):
        if getattr(obj, "_withdraw_requested", False):
            self.message_user(
                request,
                _("Your changes are saved. Confirm the withdrawal and explain it to readers."),
                messages.WARNING,
            )
            return redirect(self.transition_url(obj, "withdraw"))
        return super().response_change(request, obj)

    def transition_url(self, obj: PressRelease, name: str) -> str:
        return reverse("admin:press_pressrelease_transition", args=[obj.pk, name])

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

    def transition_view(self, request: HttpRequest, object_id: str, name: str):
        """One status change of one release, confirmed, with its note or explanation."""
        transition = services.TRANSITIONS_BY_NAME.get(name)
        obj = self.get_object(request, unquote(object_id))
        if transition is None or obj is None:
            raise Http404(_("This page does not exist."))
        if not transition.allowed_for(request.user):
            raise PermissionDenied
        return self.confirm_transition(request, transition, [obj], single=True)

    def confirm_transition(self, request: HttpRequest, transition, releases, *, single=False):
        """The confirmation page of a status change (for the list action and for one
        release); on a confirmed POST, the change itself."""
        confirmed = request.POST.get("post") == "yes"
        form = TransitionForm(request.POST if confirmed else None, transition=transition)
        if not confirmed and transition.note == services.Note.EXPLANATION and single:
            form.initial = {
                f"explanation_{code}": getattr(releases[0], f"withdrawal_notice_{code}", "")
                for code in LANGUAGE_CODES
            }
        if confirmed and form.is_valid():
            changed, refused = 0, []
            for release in releases:
                try:
                    services.change_status(
                        release,
                        transition.target,
                        user=request.user,
                        note=form.cleaned_data.get("note", ""),
                        explanation=form.explanations(),
                    )
                    changed += 1
                except (services.WorkflowError, PermissionDenied) as problem:
                    reason = " ".join(getattr(problem, "messages", [str(problem)]))
                    refused.append(f"{release}: {reason}")
            self.report_transition(request, transition, changed, refused)
            if single:
                return redirect(reverse("admin:press_pressrelease_change", args=[releases[0].pk]))
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": transition.label,
            "transition": transition,
            "releases": releases,
            "form": form,
            "single": single,
            "opts": self.model._meta,
            "action_name": request.POST.get("action", ""),
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/press/pressrelease/transition.html", context)

    def report_transition(self, request: HttpRequest, transition, changed: int, refused) -> None:
        done = {
            "submit": ngettext_lazy(
                "%(count)d press release submitted for review.",
                "%(count)d press releases submitted for review.",
                "count",
            ),
            "send_back": ngettext_lazy(
                "%(count)d press release sent back to draft.",
                "%(count)d press releases sent back to draft.",
                "count",
            ),
            "publish": ngettext_lazy(
                "%(count)d press release published.",
                "%(count)d press releases published.",
                "count",
            ),
            "withdraw": ngettext_lazy(
                "%(count)d press release withdrawn; readers now see the explanation "
                "instead of the release.",
                "%(count)d press releases withdrawn; readers now see the explanation "
                "instead of the releases.",
                "count",
            ),
            "to_draft": ngettext_lazy(
                "%(count)d press release taken back to draft.",
                "%(count)d press releases taken back to draft.",
                "count",
            ),
        }[transition.name]
        self.message_user(request, done % {"count": changed}, messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                _("Not changed: %(releases)s") % {"releases": "; ".join(refused)},
                messages.WARNING,
            )

    def run_transition_action(self, request: HttpRequest, queryset: QuerySet, name: str):
        transition = services.TRANSITIONS_BY_NAME[name]
        releases = list(queryset)
        # Publishing needs nothing more; the others ask for their note, explanation or
        # confirmation first.
        if transition.note == services.Note.NONE or name == "publish":
            self.report_transition(
                request,
                transition,
                services.apply_to_many(releases, transition.target, user=request.user),
                [],
            )
            return None
        return self.confirm_transition(request, transition, releases)

    @admin.action(description=_("Submit for review"), permissions=["submit"])
    def submit_for_review(self, request: HttpRequest, queryset: QuerySet):
        return self.run_transition_action(request, queryset, "submit")

    @admin.action(description=_("Send back to draft with a note"), permissions=["send_back"])
    def send_back(self, request: HttpRequest, queryset: QuerySet):
        return self.run_transition_action(request, queryset, "send_back")

    @admin.action(
        description=_("Publish (now, or at the publication date set)"), permissions=["publish"]
    )
    def publish_now(self, request: HttpRequest, queryset: QuerySet):
        return self.run_transition_action(request, queryset, "publish")

    @admin.action(description=_("Withdraw…"), permissions=["withdraw"])
    def withdraw(self, request: HttpRequest, queryset: QuerySet):
        return self.run_transition_action(request, queryset, "withdraw")

    @admin.action(description=_("Back to draft"), permissions=["to_draft"])
    def to_draft(self, request: HttpRequest, queryset: QuerySet):
        return self.run_transition_action(request, queryset, "to_draft")

    @admin.display(description=_("Notes with status changes"))
    def workflow_notes(self, obj: PressRelease) -> str:
        if not obj.pk:
            return "–"
        versions = (
            obj.history.exclude(history_change_reason__isnull=True)
            .exclude(history_change_reason="")
            .select_related("history_user")
            .order_by("-history_date")[:20]
        )
        rows = [
            (
                date_format(timezone.localtime(version.history_date), "j F Y H:i"),
                version.history_user or _("unknown"),
                Status(version.status).label,
                version.history_change_reason,
            )
            for version in versions
        ]
        if not rows:
            return _("No notes yet.")
        return format_html(
            '<ul class="workflow-notes">{}</ul>',
            format_html_join("", "<li><strong>{}</strong>, {} ({}): {}</li>", rows),
        )


# -- city networks ---------------------------------------------------------------------


class MembershipInlineFormSet(LabelledDeleteFormSetMixin, forms.BaseInlineFormSet):
    """Two rows for the same city in one network get the model's own message."""

    def get_unique_error_message(self, unique_check) -> str:
        if set(unique_check) == {"city", "network"}:
            return str(ONE_MEMBERSHIP_PER_NETWORK)
        return super().get_unique_error_message(unique_check)


class MembershipInline(KnownRowsMixin, AccessibleFieldsMixin, TranslationStackedInline):
    model = Membership
    formset = MembershipInlineFormSet
    extra = 0
    autocomplete_fields = ["city", "themes", "releases"]
    fields = ["city", "joined_on", "ended_on", "announced_where", "themes", "notes", "releases"]
    show_change_link = True


@admin.register(CityNetwork)
class CityNetworkAdmin(NetworkPartAdmin, TabbedTranslationAdmin):
    list_display = ["name", "organisation", "founded_in", "website"]
    search_fields = ["name", "organisation"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = HTTPS_URLS
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "organisation", "website", "founded_in"]}),
        (_("Description"), {"fields": ["description"]}),
    ]


@admin.register(City)
class CityAdmin(NetworkPartAdmin, TabbedTranslationAdmin):
    list_display = ["name", "country"]
    search_fields = ["name_nl", "name_en", "country_nl", "country_en"]


class CurrentMembershipFilter(admin.SimpleListFilter):
    title = _("membership")
    parameter_name = "membership"

    def lookups(self, request, model_admin):
        return [("current", _("Current")), ("past", _("Ended"))]

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.current()
        if self.value() == "past":
            return queryset.past()
        return queryset


@admin.register(Membership)
class MembershipAdmin(
    NetworkPartAdmin, KnownRowsMixin, AccessibleFieldsMixin, TabbedTranslationAdmin
):
    list_display = ["city", "network", "joined_on", "ended_on", "current"]
    list_filter = [CurrentMembershipFilter, "network"]
    list_select_related = ["city", "network"]
    search_fields = ["city__name_nl", "city__name_en", "network__name"]
    date_hierarchy = "joined_on"
    autocomplete_fields = ["city", "network", "releases"]
    filter_horizontal = ["themes"]
    fieldsets = [
        (None, {"fields": ["city", "network", "joined_on", "ended_on", "announced_where"]}),
        (_("Focus"), {"fields": ["themes", "notes"]}),
        (_("Press releases about it"), {"fields": ["releases"]}),
    ]

    @admin.display(description=_("current"), boolean=True)
    def current(self, obj: Membership) -> bool:
        return obj.is_current
