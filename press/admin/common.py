"""What the press admins share: who may publish, and many-to-many fields that refuse
ids no row can have."""

from __future__ import annotations

from django import forms
from django.db import models
from django.http import HttpRequest

from press import workflow
from press.models import PressRelease

# Addresses typed without a scheme ("www.100resilientcities.org") become https://.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}
Status = PressRelease.Status


def can_publish(request: HttpRequest) -> bool:
    """Whether the user may publish: they also set publication dates and change
    published releases (the workflow table in press/workflow.py says who)."""
    return workflow.may_make(request.user, "publish")


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
