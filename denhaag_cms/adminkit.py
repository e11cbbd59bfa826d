"""What every admin page of the newsroom shares: labelled controls (WCAG 2.1 AA) and
history pages that read as the editors speak (field names, status names, local times).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin import widgets as admin_widgets
from django.contrib.admin.options import IncorrectLookupParameters
from django.db import models
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_prose_editor.fields import ProseEditorField
from modeltranslation.translator import NotRegistered, translator
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper


def label_split_datetime(formfield: forms.Field | None) -> None:
    """Django's split date/time widget has one <label> for two inputs: name both."""
    if formfield is None or not isinstance(formfield.widget, admin_widgets.AdminSplitDateTime):
        return
    date_widget, time_widget = formfield.widget.widgets
    label = str(formfield.label or "")
    date_widget.attrs["aria-label"] = _("%(field)s: date") % {"field": label}
    time_widget.attrs["aria-label"] = _("%(field)s: time") % {"field": label}


class AccessibleFieldsMixin:
    """For ModelAdmin and inlines: every input has an accessible name."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        label_split_datetime(formfield)
        return formfield


class LabelledDeleteFormSetMixin:
    """A tabular inline's inputs sit under column headers, without a <label>: each
    is named by its column (and its row, once saved), its delete box too."""

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        name = str(form.instance) if form.instance.pk else ""
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = (
                _("Delete %(row)s") % {"row": name} if name else _("Delete this row")
            )
        for field_name, field in form.fields.items():
            if field_name == "DELETE" or field.widget.is_hidden or not field.label:
                continue
            label = str(field.label)
            for widget in getattr(field.widget, "widgets", None) or [field.widget]:
                widget.attrs.setdefault(
                    "aria-label",
                    _("%(field)s of %(row)s") % {"field": label, "row": name} if name else label,
                )


class AccessibleInlineFormSet(LabelledDeleteFormSetMixin, forms.BaseInlineFormSet):
    pass


# The history shows a changed text whole: longer than any text a release has.
WHOLE_TEXT = 10**7


def _mirror_columns(model) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


class ReadableHistoryHelper(HistoricalRecordContextHelper):
    """The changes column of a history page in words: a status by its name, a moment
    in the site's time zone, an empty value as a dash, yes/no for booleans, related
    objects by name; a field by its name ("Titel", "Titel (Engels)"), a text whole
    (a rich text as its words, without its markup), never cut to "[25 chars]"."""

    def __init__(self, model, historical_record, **kwargs) -> None:
        kwargs.setdefault("max_displayed_delta_change_chars", WHOLE_TEXT)
        super().__init__(model, historical_record, **kwargs)

    def format_delta_change(self, change):
        formatted = super().format_delta_change(change)
        field = self.model._meta.get_field(change.field)
        original = getattr(field, "translated_field", None)
        language = getattr(field, "language", None)
        if original is None or language is None:
            return formatted
        name = capfirst(original.verbose_name)
        if language != settings.LANGUAGE_CODE:
            language_name = str(dict(settings.LANGUAGES).get(language, language))
            name = _("%(field)s (%(language)s)") % {"field": name, "language": language_name}
        return dataclasses.replace(formatted, field=name)

    def prepare_delta_change_value(self, change, value) -> Any:
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if isinstance(value, str) and isinstance(field, ProseEditorField):
            value = " ".join(strip_tags(value.replace("<", " <")).split())
        if value is None or value == "" or value == []:
            return "—"
        if isinstance(value, list):  # themes, contacts: "Veiligheid, Wonen"
            return ", ".join(str(item) for item in value)
        if getattr(field, "choices", None) and not isinstance(value, list):
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, dt.datetime):
            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return formats.date_format(value, "DATETIME_FORMAT")
        if isinstance(value, dt.date):
            return formats.date_format(value, "DATE_FORMAT")
        if isinstance(field, models.ForeignKey):
            related = field.related_model._default_manager.filter(pk=value).first()
            return str(related) if related is not None else value
        return value

    def context_for_delta_changes(self, delta) -> list[dict[str, Any]]:
        # A value that only went from None to "" (a field first saved through a form)
        # reads "— → —": no change a reader can see, so none is listed. A translated
        # field's own column ("title") mirrors its default language ("title_nl"):
        # listed once, as "Titel", beside "Titel (Engels)".
        mirrored = _mirror_columns(self.model)
        return [
            change
            for change, raw in zip(
                super().context_for_delta_changes(delta), delta.changes, strict=True
            )
            if change["old"] != change["new"] and raw.field not in mirrored
        ]


class ReadableHistoryAdmin(SimpleHistoryAdmin):
    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryHelper(self.model, historical_record)


class DateHierarchyMixin:
    """Django's date hierarchy without a 500 for dates Python cannot hold.

    ?<field>__year=1 or 9999 (its bounds leave Python's dates once in UTC), or a year,
    month or day beyond C's int (?joined_on__year=2147483648) made Django's lookup raise
    ValueError or OverflowError, which it does not catch: a 500. Outside
    `date_hierarchy_years` (first, last + 1), or with a month or day no date has, the
    list answers as for any wrong filter (Django's ?e=1 page)."""

    date_hierarchy_years: tuple[int, int] = (1900, 3000)

    def get_changelist_instance(self, request):
        if self.date_hierarchy:
            first, after = self.date_hierarchy_years
            bounds = {"year": (first, after - 1), "month": (1, 12), "day": (1, 31)}
            for part, (low, high) in bounds.items():
                value = request.GET.get(f"{self.date_hierarchy}__{part}")
                if value is None:
                    continue
                try:
                    valid = low <= int(value) <= high
                except ValueError:
                    valid = False
                if not valid:
                    raise IncorrectLookupParameters
        return super().get_changelist_instance(request)
