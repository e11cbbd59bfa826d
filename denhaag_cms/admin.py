"""The newsroom's admin site: login throttle page and an optional second factor.

The second factor is a TOTP authenticator app (django-otp). A staff member who has set
one up must give its code at every login. With ``REQUIRE_2FA`` (DJANGO_REQUIRE_2FA)
every staff member must: after the password, one without an app can reach only the
page that sets it up.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import BadRequest, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


def needs_second_factor(user) -> bool:
    """True while this staff member's session lacks the second factor it needs."""
    if user.is_verified():
        return False
    return settings.REQUIRE_2FA or user_has_device(user, confirmed=True)


def must_set_up_second_factor(user) -> bool:
    return settings.REQUIRE_2FA and not user_has_device(user, confirmed=True)


# Set by mozilla-django-oidc's callback when staff sign in through the organisation's
# identity provider (press/oidc.py): the provider's own multi-factor policy applies
# there, and such accounts have no password to pair with a code here.
PROVIDER_SIGN_IN_SESSION_KEY = "oidc_id_token_expiration"


def signed_in_through_provider(request: HttpRequest) -> bool:
    return settings.OIDC_ENABLED and PROVIDER_SIGN_IN_SESSION_KEY in request.session


class NewsroomLoginForm(AdminAuthenticationForm):
    """User name, password and, for staff with an authenticator app, its code."""

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("Only if you have set up an authenticator app."),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    error_messages = AdminAuthenticationForm.error_messages | {
        "token_required": _("Enter the six-digit code from your authenticator app."),
        "invalid_token": _("This code is not right, or no longer valid. Try the current one."),
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is None:  # a field was refused (a NUL, too long): nobody to ask for a code
            return cleaned_data
        devices = list(devices_for_user(user, confirmed=True))
        if not devices:
            return cleaned_data
        token = "".join((cleaned_data.get("otp_token") or "").split())
        if not token:
            raise forms.ValidationError(
                self.error_messages["token_required"], code="token_required"
            )
        for device in devices:
            if device.verify_token(token):
                user.otp_device = device  # django_otp stores it in the session at login
                return cleaned_data
        # A wrong code counts as a failed login for the throttle (django-axes).
        user_login_failed.send(
            sender=__name__,
            credentials={"username": cleaned_data.get("username")},
            request=self.request,
        )
        raise forms.ValidationError(self.error_messages["invalid_token"], code="invalid_token")


class SecondFactorSetupForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, device: TOTPDevice, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("This code is not right, or no longer valid. Try the current one."),
                code="invalid_token",
            )
        return token


class NewsroomAdminSite(admin.AdminSite):
    login_form = NewsroomLoginForm

    def admin_view(self, view, cacheable=False):
        model_admin = getattr(view, "__self__", None)
        if isinstance(model_admin, admin.ModelAdmin) and view.__name__ == "changelist_view":
            view = _refusing_unknown_selections(view, model_admin.model)
        return super().admin_view(view, cacheable)

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and (
            signed_in_through_provider(request) or not needs_second_factor(request.user)
        )

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        user = request.user
        if (
            user.is_active
            and user.is_staff
            and must_set_up_second_factor(user)
            and not signed_in_through_provider(request)
        ):
            return redirect(f"{self.name}:two-factor-setup")
        return super().login(request, extra_context)

    def get_urls(self):
        return [
            path("twee-stappen/", self.two_factor_setup, name="two-factor-setup"),
            *super().get_urls(),
        ]

    def two_factor_setup(self, request: HttpRequest) -> HttpResponse:
        """Set up an authenticator app: a QR code (and its key), then one code from it."""
        user = request.user
        if not (user.is_active and user.is_staff):
            return redirect(f"{reverse(f'{self.name}:login')}?next={request.path}")
        has_device = user_has_device(user, confirmed=True)
        if has_device and not user.is_verified():
            # Only a session that already passed the second factor may see this page.
            return redirect(f"{reverse(f'{self.name}:login')}?next={request.path}")
        context = self.each_context(request) | {
            "title": _("Two-step verification"),
            "has_device": has_device,
        }
        if not has_device:
            device, _created = TOTPDevice.objects.get_or_create(
                user=user, confirmed=False, defaults={"name": str(_("Authenticator app"))}
            )
            form = SecondFactorSetupForm(request.POST or None, device=device)
            if request.method == "POST" and form.is_valid():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                otp_login(request, device)
                messages.success(request, _("Your authenticator app is set up."))
                return redirect(f"{self.name}:index")
            context |= {
                "form": form,
                "qr_code": qr_code_data_uri(device.config_url),
                "secret": base64.b32encode(device.bin_key).decode(),
            }
        return TemplateResponse(request, "admin/two_factor_setup.html", context)


def _refusing_unknown_selections(view, model):
    """A list action's selected rows must be primary keys: Django's changelist filters
    by whatever was posted (``pk__in``), and a value that is no key (``abc``, a NUL
    character) answered 500. A 400 page instead, in the reader's language."""

    @functools.wraps(view)
    def changelist_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST":
            for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                try:
                    model._meta.pk.to_python(value)
                except ValidationError:
                    raise BadRequest("A selected row is no primary key") from None
                if "\x00" in value:
                    raise BadRequest("A selected row is no primary key")
        return view(request, *args, **kwargs)

    return changelist_view


def qr_code_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


def locked_out(
    request: HttpRequest, original_response=None, credentials: dict | None = None
) -> HttpResponse:
    """django-axes' answer to a locked-out login: a page in the reader's language."""
    cool_off: dt.timedelta = settings.AXES_COOLOFF_TIME
    context = admin.site.each_context(request) | {
        "title": _("Too many failed logins"),
        "minutes": int(cool_off.total_seconds() // 60),
    }
    return TemplateResponse(
        request, "admin/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    ).render()
