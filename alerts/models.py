"""E-mail alerts: subscribers (citizens and the press list), alerts and deliveries.

A subscriber's address is personal data: the row is deleted on unsubscribe (its
deliveries with it) and when it stays unconfirmed past ``ALERTS_UNCONFIRMED_DAYS``.

An ``Alert`` is one thing to tell (a release that became public, a change note), made
once per key ("release:<pk>", "change:<note pk>"); a ``Delivery`` is that alert for
one subscriber, unique per (alert, subscriber): whatever runs twice, nobody gets the
same alert twice (alerts/dispatch.py sends them).
"""

from __future__ import annotations

import re
import secrets
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from press.models import PressRelease, Theme


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


# A local part that needs no quotes (RFC 5322's dot-atom).
_DOT_ATOM = re.compile(r"[-!#$%&'*+/=?^_`{}|~0-9a-z]+(\.[-!#$%&'*+/=?^_`{}|~0-9a-z]+)*\Z")


def normalise_email(address: str) -> str:
    """One address, one row: compared without case (as every mail provider does),
    without invisible characters (a zero-width space, a soft hyphen, a direction mark:
    Unicode's format characters, pasted along and never part of a mailbox), and
    without quotes a local part does not need (``"x"@d`` is ``x@d``)."""
    address = "".join(c for c in address if unicodedata.category(c) != "Cf").strip().lower()
    local, at, domain = address.rpartition("@")
    if at and len(local) > 2 and local[0] == local[-1] == '"' and _DOT_ATOM.match(local[1:-1]):
        address = f"{local[1:-1]}@{domain}"
    return address


def mailbox_key(address: str) -> str:
    """The mailbox an address ends in, for counting what is sent to it: the stored
    form (``normalise_email``) without a sub-address (``x+tag@d`` is delivered to
    ``x@d``) and with the domain in its ASCII form (IDNA: ``bücher.de`` and
    ``xn--bcher-kva.de`` are one domain)."""
    local, _at, domain = normalise_email(address).rpartition("@")
    local = local.split("+", 1)[0]
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:  # no valid domain name: counted as written
        pass
    return f"{local}@{domain}"


def validate_mail_domain(address: str) -> None:
    """Alerts go to mailboxes at a domain name: an address at an IP address
    (``x@[127.0.0.1]``) or at a bare host name (``x@localhost``) is refused, whatever
    the syntax allows."""
    try:
        validate_email(address)
    except ValidationError:
        return  # not an address at all: EmailValidator says so
    local, _at, domain = address.rpartition("@")
    if domain.startswith("[") or "." not in domain:
        raise ValidationError(
            _(
                "Use an address at a domain name, such as name@example.nl: "
                "we do not send e-mail to an IP address or to a server name."
            ),
            code="domain",
        )
    if local.startswith('"'):
        raise ValidationError(
            _("Use an address without quotation marks or spaces before the @."),
            code="quoted",
        )


class EmailAddressFormField(forms.EmailField):
    """An address as it will be stored (``normalise_email``): so the sign-up form and
    the admin's checks (a model form's uniqueness) see what the database will get."""

    default_validators = [*forms.EmailField.default_validators, validate_mail_domain]

    def to_python(self, value) -> str:
        return normalise_email(super().to_python(value))


class EmailAddressField(models.EmailField):
    """A subscriber's address, always stored through ``normalise_email``: in its form
    field, in the model's ``full_clean`` (before the uniqueness check), and on save."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_email(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = self.to_python(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": EmailAddressFormField, **kwargs})


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self) -> SubscriberQuerySet:
        return self.filter(confirmed_at__isnull=False)

    def for_release(self, release: PressRelease) -> SubscriberQuerySet:
        """Confirmed subscribers who want this release: all releases, one of its
        themes, or the press list (every release)."""
        themes = release.themes.values("pk")
        return (
            self.confirmed()
            .filter(
                models.Q(all_releases=True)
                | models.Q(press_list=True)
                | models.Q(themes__in=themes)
            )
            .distinct()
        )

    def unconfirmed_since(self, moment) -> SubscriberQuerySet:
        return self.filter(confirmed_at__isnull=True, created_at__lt=moment)


class Subscriber(models.Model):
    class Language(models.TextChoices):
        DUTCH = "nl", _("Dutch")
        ENGLISH = "en", _("English")

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("At once, one e-mail per release")
        DAILY = "daily", _("Once a day, a digest")

    email = EmailAddressField(_("e-mail address"), max_length=254, unique=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    all_releases = models.BooleanField(_("all press releases"), default=False)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    press_list = models.BooleanField(
        _("press list"),
        default=False,
        editable=False,
        help_text=_("Added by the press office: receives every release at once."),
    )
    name = models.CharField(
        _("name"), max_length=120, blank=True, help_text=_("Press list only: who this is.")
    )
    organisation = models.CharField(_("organisation"), max_length=160, blank=True)
    # Part of the signed token in the links (manage, unsubscribe, confirm; alerts.tokens).
    # The token itself is never stored.
    nonce = models.CharField(max_length=32, default=new_nonce, editable=False)
    # The latest sign-up: a repeated one before confirming starts the period to confirm
    # (ALERTS_UNCONFIRMED_DAYS, dispatch.purge) again.
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]
        permissions = [("view_address", _("Can see subscribers' e-mail addresses"))]

    def __str__(self) -> str:
        # Named by when they signed up: a number says nothing to the press office.
        return _("Subscriber since %(moment)s") % {
            "moment": date_format(timezone.localtime(self.created_at), "j F Y H:i")
        }

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def masked_email(self) -> str:
        """The address as roles without the right to see it see it: j…@e…"""
        local, _at, domain = self.email.partition("@")
        return f"{local[:1]}…@{domain[:1]}…"


class PressListContactManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(press_list=True)


class PressListContact(Subscriber):
    """A journalist on the press list: added by the press office, confirmed by it
    (no double opt-in), every release at once."""

    objects = PressListContactManager()

    class Meta:
        proxy = True
        verbose_name = _("press list contact")
        verbose_name_plural = _("press list contacts")

    def __str__(self) -> str:
        return self.name or super().__str__()

    def save(self, *args, **kwargs) -> None:
        self.press_list = True
        self.all_releases = True
        self.frequency = Subscriber.Frequency.IMMEDIATE
        self.confirmed_at = self.confirmed_at or timezone.now()
        super().save(*args, **kwargs)


class Alert(models.Model):
    class Kind(models.TextChoices):
        RELEASE = "release", _("New press release")
        CHANGE = "change", _("Change note")

    key = models.CharField(_("key"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    release = models.ForeignKey(
        PressRelease, verbose_name=_("press release"), on_delete=models.CASCADE
    )
    # A change note's text per language (the note lives in press/, by its key).
    texts = models.JSONField(_("texts"), default=dict, blank=True)
    created_at = models.DateTimeField(_("made at"), default=timezone.now)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.key


class DeliveryQuerySet(models.QuerySet):
    def unsent(self) -> DeliveryQuerySet:
        return self.filter(state__in=[Delivery.State.PENDING, Delivery.State.SENDING])

    def due(self, now) -> DeliveryQuerySet:
        return self.unsent().filter(due_at__lte=now)


class Delivery(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        DROPPED = "dropped", _("Not sent (withdrawn, refused or given up)")

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    digest = models.BooleanField(default=False)
    due_at = models.DateTimeField(db_index=True)
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "subscriber"], name="alerts_one_delivery_per_subscriber"
            )
        ]

    def __str__(self) -> str:
        return f"{self.alert_id} → {self.subscriber_id}: {self.state}"


class Dispatch(models.Model):
    """The one row that serialises sending (pk=1): who sends now (a lease), when the
    next batch may start (the throttle), and which runs are queued."""

    sending_until = models.DateTimeField(null=True, blank=True)
    next_batch_at = models.DateTimeField(null=True, blank=True)
    next_run_at = models.DateTimeField(null=True, blank=True)
    next_purge_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("dispatch state")

    def __str__(self) -> str:
        return f"dispatch (sending until {self.sending_until})"
