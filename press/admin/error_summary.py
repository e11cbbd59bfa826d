"""What failed on a change form, for the list at its top: every field with an error,
in the main form and in its inlines, each with the id of its input to link to."""

from __future__ import annotations

from dataclasses import dataclass

from django.forms.forms import NON_FIELD_ERRORS
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Failure:
    label: str
    message: str
    anchor: str = ""  # the id of the input (or row) to jump to


def _field_failures(form, prefix_label: str = "") -> list[Failure]:
    failures = []
    for name, errors in form.errors.items():
        message = " ".join(str(error) for error in errors)
        if name == NON_FIELD_ERRORS or name not in form.fields:
            failures.append(Failure(prefix_label or _("The form"), message))
            continue
        bound = form[name]
        label = str(bound.label)
        if prefix_label:
            label = f"{prefix_label}: {label}"
        failures.append(Failure(label, message, bound.id_for_label or bound.auto_id))
    return failures


def error_summary(form, inline_admin_formsets) -> list[Failure]:
    """The failures of `form` (the change form's own), then of each inline's rows."""
    if not form.is_bound:
        return []
    failures = _field_failures(form)
    for inline in inline_admin_formsets:
        formset = inline.formset
        name = str(inline.opts.verbose_name).capitalize()
        for error in formset.non_form_errors():
            failures.append(Failure(name, str(error), f"{formset.prefix}-group"))
        for index, row in enumerate(formset.forms, start=1):
            if row.errors:
                row_label = _("%(inline)s, row %(number)d") % {"inline": name, "number": index}
                for failure in _field_failures(row, row_label):
                    anchor = failure.anchor or f"{formset.prefix}-{index - 1}"
                    failures.append(Failure(failure.label, failure.message, anchor))
    return failures
