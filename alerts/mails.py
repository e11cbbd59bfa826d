"""The alerts' e-mails, in the subscriber's language: subject, plain text and HTML.

Every mail to a subscriber carries the links to manage the subscription and to leave
it, and the one-click unsubscribe headers of RFC 8058 (List-Unsubscribe with the https
address, List-Unsubscribe-Post), so a mail program offers "unsubscribe" itself.
Addresses are absolute, on ``SITE_URL``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from alerts.models import Alert, Subscriber
from alerts.tokens import make_token


def absolute(url_name: str, token: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(url_name, kwargs={"token": token})


def links(subscriber: Subscriber) -> dict[str, str]:
    token = make_token(subscriber)
    language = subscriber.language
    return {
        "confirm_url": absolute("alerts:confirm", token, language),
        "manage_url": absolute("alerts:manage", token, language),
        "unsubscribe_url": absolute("alerts:unsubscribe", token, language),
    }


def _message(
    subscriber: Subscriber, template: str, subject: str, context: dict, *, list_headers: bool
) -> EmailMultiAlternatives:
    context = {"subscriber": subscriber, "SITE_NAME": settings.SITE_NAME, **context}
    text = render_to_string(f"alerts/mail/{template}.txt", context)
    html = render_to_string(f"alerts/mail/{template}.html", context)
    headers = {"Auto-Submitted": "auto-generated"}
    if list_headers:
        headers |= {
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    # A subject is one header line: a line break (a title typed or pasted with one)
    # would make Django refuse the message (BadHeaderError).
    subject = " ".join(subject.split())
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[subscriber.email], headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation(subscriber: Subscriber) -> EmailMultiAlternatives:
    """The one mail an unconfirmed address gets: the double opt-in."""
    with translation.override(subscriber.language):
        context = links(subscriber) | {"days": settings.ALERTS_UNCONFIRMED_DAYS}
        subject = _("Confirm your e-mail alerts from %(site)s") % {"site": settings.SITE_NAME}
        return _message(subscriber, "confirm", subject, context, list_headers=False)


def already_subscribed(subscriber: Subscriber) -> EmailMultiAlternatives:
    """Sent instead of a confirmation when a confirmed address signs up again: the
    sign-up page never tells anyone whether an address is on the list."""
    with translation.override(subscriber.language):
        context = links(subscriber)
        subject = _("Your e-mail alerts from %(site)s") % {"site": settings.SITE_NAME}
        return _message(subscriber, "already", subject, context, list_headers=True)


def _item(alert: Alert, language: str) -> dict:
    release = alert.release
    with translation.override(language):
        return {
            "alert": alert,
            "title": release.title,
            "lead": release.lead,
            "date": date_format(timezone.localtime(release.publish_at), "DATE_FORMAT"),
            "url": settings.SITE_URL + release.get_absolute_url(language),
            "dutch_only": not release.has_language(language),
            "note": alert.texts.get(language) or alert.texts.get(settings.LANGUAGE_CODE, ""),
        }


def single(subscriber: Subscriber, alert: Alert) -> EmailMultiAlternatives:
    """One release, or one change note, at once."""
    with translation.override(subscriber.language):
        item = _item(alert, subscriber.language)
        if alert.kind == Alert.Kind.CHANGE:
            subject = _("Correction: %(title)s") % {"title": item["title"]}
        else:
            subject = item["title"]
        context = links(subscriber) | {"item": item}
        return _message(subscriber, "single", subject, context, list_headers=True)


def digest(subscriber: Subscriber, alerts: list[Alert]) -> EmailMultiAlternatives:
    """The daily digest: every release and change since the last one."""
    with translation.override(subscriber.language):
        items = [_item(alert, subscriber.language) for alert in alerts]
        today = date_format(timezone.localtime(), "DATE_FORMAT")
        subject = _("Press releases of %(date)s") % {"date": today}
        context = links(subscriber) | {"items": items}
        return _message(subscriber, "digest", subject, context, list_headers=True)
