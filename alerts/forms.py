from __future__ import annotations

import re

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from alerts.models import EmailAddressFormField, Subscriber
from press.models import Theme


class AlertsFormRenderer(TemplatesSetting):
    """Each field as one group in the site's markup; radio buttons and check boxes in
    a fieldset with a legend (templates/alerts/_field.html)."""

    field_template_name = "alerts/_field.html"


class ThemesField(forms.ModelMultipleChoiceField):
    """Theme check boxes; a value that is no plausible primary key is a form error
    (the database would refuse a number beyond its integers with an error)."""

    def _check_values(self, value):
        for pk in value:
            if not re.fullmatch(r"[0-9]{1,18}", str(pk)):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class ChoicesForm(forms.Form):
    """What to receive, how often, in which language: the sign-up and manage pages."""

    default_renderer = AlertsFormRenderer()
    language = forms.ChoiceField(
        label=_("Language of the e-mails"),
        choices=Subscriber.Language.choices,
        widget=forms.RadioSelect,
    )
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Subscriber.Frequency.choices, widget=forms.RadioSelect
    )
    all_releases = forms.BooleanField(label=_("All press releases"), required=False)
    themes = ThemesField(
        label=_("Or only these themes"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = "en" if get_language() == "en" else "nl"
        self.fields["frequency"].initial = Subscriber.Frequency.IMMEDIATE

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("all_releases") and not data.get("themes") and "themes" in data:
            raise forms.ValidationError(
                _("Choose all press releases, or at least one theme."), code="nothing"
            )
        return data


class SignUpForm(ChoicesForm):
    email = EmailAddressFormField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send you an e-mail to confirm it. Nothing else until you confirm."),
    )
    field_order = ["email", "all_releases", "themes", "frequency", "language"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.order_fields(self.field_order)


class ManageForm(ChoicesForm):
    field_order = ["all_releases", "themes", "frequency", "language"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)
