"""The release's change form, its inlines and list filter, and the confirmation form
of a status change."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from denhaag_cms.adminkit import AccessibleInlineFormSet
from press import workflow
from press.admin.common import HTTPS_URLS, Status
from press.forms import KeepUploadsForm, KeepUploadsMixin
from press.models import Attachment, PressRelease, RelatedLink
from press.models.translated import LANGUAGE_CODES


class RelatedLinkInline(TranslationTabularInline):
    model = RelatedLink
    formset = AccessibleInlineFormSet
    extra = 0
    formfield_overrides = HTTPS_URLS
    fields = ["title", "url", "position"]


class AttachmentInline(TranslationTabularInline):
    model = Attachment
    form = KeepUploadsForm  # a chosen file survives a failed save (press.forms)
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
    """The release, and a status change asked of the workflow (press/workflow.py);
    a chosen image survives any failed save (press.forms).

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
    # removes them otherwise): is this edit a minor change or a public one? Nothing
    # is preselected: a correction that readers should hear of must not slip through
    # as a minor one because the editor never looked (clean() asks for a choice).
    change_kind = forms.ChoiceField(
        label=_("What kind of change is this?"),
        choices=[
            ("minor", _("A minor change (a typo, a broken link): no note for readers")),
            ("note", _("A public change: readers see a change note with the date")),
        ],
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
    # Until the release is first public its address follows its title, unless the
    # editor chose one of their own (PressReleaseAdmin.get_form).
    slug_follows_title = False

    def follow_titles(self, cleaned: dict) -> None:
        """A retitled release that was never public gets the new title's address:
        its slug is emptied when it was the old title's (or empty) and the editor
        left it as it was, and save() makes it from the new title."""
        for code in LANGUAGE_CODES:
            slug, title = f"slug_{code}", f"title_{code}"
            if slug not in cleaned or title not in self.changed_data:
                continue
            before = self.initial.get(slug) or ""
            derived = slugify(self.initial.get(title) or "")[:200]
            if cleaned[slug] == before and before in ("", derived):
                cleaned[slug] = ""

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
            workflow.check_change_note(
                self.instance,
                {code: text.strip() for code, text in texts.items()},
                user=self.workflow_user,
                public=True,
            )
        except workflow.WorkflowError as error:
            for code in getattr(error, "missing", []):
                self.add_error(f"change_note_{code}", error)
        except PermissionDenied as error:
            self.add_error("change_kind", str(error))

    def clean(self):
        cleaned = super().clean()
        if self.slug_follows_title:
            self.follow_titles(cleaned)
        target = cleaned.get("status")
        if not target or target == self.workflow_source:
            if "change_kind" in self.fields and not cleaned.get("change_kind"):
                self.add_error(
                    "change_kind",
                    forms.ValidationError(
                        _(
                            "Choose whether this is a minor change or a public change "
                            "that readers see with a note."
                        ),
                        code="required",
                    ),
                )
            return cleaned
        try:
            workflow.check_transition(
                self.workflow_source,
                target,
                self.workflow_user,
                note=cleaned.get("workflow_note", ""),
                # Withdrawing asks for its explanation on its confirmation page.
                explanation="-" if target == Status.WITHDRAWN else "",
            )
        except workflow.WorkflowError as error:
            self.add_error("workflow_note" if error.code == "note" else "status", error)
        except PermissionDenied as error:
            self.add_error("status", str(error))
        return cleaned


class TransitionForm(forms.Form):
    """What a status change asks for on its confirmation page: a note for the
    colleagues, or (withdrawing) a public explanation. Required or not as the
    workflow table says (press.workflow.TRANSITIONS)."""

    def __init__(self, *args, transition: workflow.Transition, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.transition = transition
        if transition.note == workflow.Note.EXPLANATION:
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
        elif transition.note != workflow.Note.NONE:
            self.fields["note"] = forms.CharField(
                label=_("Note for your colleagues"),
                required=transition.note == workflow.Note.REQUIRED,
                widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
                help_text=_("Kept in the release's history."),
            )

    def explanations(self) -> dict[str, str]:
        return {
            name.removeprefix("explanation_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("explanation_")
        }
