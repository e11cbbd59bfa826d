from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.forms.renderers import TemplatesSetting
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

_SALT = "comments.form-timestamp"
_SUBMISSION_SALT = "comments.submission"


def issue_timestamp(thread_id: int, issued_at: float | None = None) -> str:
    """A signed note of which thread's form was handed out, and when."""
    moment = time.time() if issued_at is None else issued_at
    return signing.dumps({"thread": thread_id, "t": moment}, salt=_SALT)


class PlainTextField(forms.CharField):
    """Text as typed: browsers send line breaks as CRLF, we count and keep them as one
    character, before the length is checked (a browser's maxlength counts them so)."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


class CommentFormRenderer(TemplatesSetting):
    """Each field as one group (`{{ field.as_field_group }}`) in the site's markup:
    label with "(optional)", help text and errors linked to the input, the honeypot
    hidden (templates/comments/_field.html)."""

    field_template_name = "comments/_field.html"


class CommentForm(forms.Form):
    default_renderer = CommentFormRenderer()
    name = forms.CharField(label=_("Name"), max_length=80)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("Never shown. Only used if we need to contact you about your reaction."),
        required=False,
    )
    body = PlainTextField(
        label=_("Your reaction"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=settings.COMMENTS_MAX_LENGTH,
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by some robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    timestamp = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, thread_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.thread_id = thread_id
        self.fields["timestamp"].initial = issue_timestamp(thread_id)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["body"].widget.attrs.update({"maxlength": settings.COMMENTS_MAX_LENGTH})

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Leave this field empty to send your reaction."))
        return ""

    def clean_timestamp(self) -> str:
        value = self.cleaned_data["timestamp"]
        try:
            data = signing.loads(value, salt=_SALT)
            age = time.time() - float(data["t"])
            thread = data["thread"]
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise forms.ValidationError(
                _("This form could not be checked. Please send your reaction again.")
            ) from None
        if thread != self.thread_id:
            raise forms.ValidationError(
                _("This form belongs to another page. Please send your reaction again.")
            )
        if age > settings.COMMENTS_FORM_MAX_AGE:
            raise forms.ValidationError(
                _("This form has expired. Your text is still here: please send it again.")
            )
        if age < settings.COMMENTS_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was very fast. Please check your reaction and send it again.")
            )
        return value

    def submission(self) -> str:
        """This form as sent: the handed-out form (its signed timestamp) with the text
        in it, as a keyed hash. Sent twice, it is one reaction; the same form with
        other text is another."""
        data = self.cleaned_data
        parts = (str(self.thread_id), data["timestamp"], data["name"], data["email"], data["body"])
        return salted_hmac(_SUBMISSION_SALT, "\x00".join(parts), algorithm="sha256").hexdigest()

    def renew_timestamp(self) -> None:
        """After an error the form goes back with a fresh timestamp and the user's text."""
        data = self.data.copy()
        data["timestamp"] = issue_timestamp(self.thread_id)
        self.data = data


class CloseForm(forms.Form):
    """The moderators' close button under a thread: a reason, and where to go back to.

    A form, not request.POST read by hand: a NUL byte in the reason made PostgreSQL
    refuse the close (a 500); CharField refuses it, and a reason longer than the
    field is refused rather than cut off.
    """

    reason = forms.CharField(
        label=_("Reason for closing (moderators)"), max_length=200, required=False
    )
    next = forms.CharField(required=False)
