"""The pages the law and the standards expect on a government site, linked from every
page's footer: accessibility, privacy and cookie statements, contact and colofon, and
/.well-known/security.txt (RFC 9116).

Their text is in templates/legal/<language>/, one file per page and language (legal
prose is written per language, not assembled from translated sentences). What the
product knows is stated from the settings, so that it cannot drift from what the site
does: the organisation and its contact details, the retention periods, the cookies.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import translate_url
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

# URL name → template name under templates/legal/<language>/.
PAGES = ("accessibility", "privacy", "cookies", "contact", "colofon")


def cookies() -> list[dict]:
    """Every cookie the site sets, by name: all functional, none for statistics or
    advertising."""
    return [
        {"name": settings.CSRF_COOKIE_NAME, "purpose": "csrf"},
        {"name": CookieStorage.cookie_name, "purpose": "messages"},
        {"name": settings.SESSION_COOKIE_NAME, "purpose": "session"},
    ]


@require_safe
def legal_page(request: HttpRequest, page: str) -> HttpResponse:
    if page not in PAGES:
        raise Http404
    language = translation.get_language()
    context = {
        "page": page,
        "alternates": [
            {
                "code": code,
                "url": translate_url(request.path, code),
                "current": code == language,
                "hreflang": True,
            }
            for code, _name in settings.LANGUAGES
        ],
        "canonical_url": settings.SITE_URL + request.path,
        "CONTACT_ADDRESS": settings.CONTACT_ADDRESS,
        "SECURITY_CONTACT": settings.SECURITY_CONTACT,
        "ACCESSIBILITY_STATUS": settings.ACCESSIBILITY_STATUS,
        "ACCESSIBILITY_AUDIT_DATE": settings.ACCESSIBILITY_AUDIT_DATE,
        "ACCESSIBILITY_REGISTER_URL": settings.ACCESSIBILITY_REGISTER_URL,
        "comments_retention_days": settings.COMMENTS_RETENTION_DAYS,
        "alerts_unconfirmed_days": settings.ALERTS_UNCONFIRMED_DAYS,
        "alerts_delivery_retention_days": settings.ALERTS_DELIVERY_RETENTION_DAYS,
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "cookies": cookies(),
    }
    return render(request, f"legal/{language}/{page}.html", context)


def security_txt_expires(now: dt.datetime | None = None) -> dt.datetime:
    """SECURITY_TXT_EXPIRES, or a year from now when it is not set (`check --deploy`
    warns then: a file that never goes stale is never reviewed)."""
    if settings.SECURITY_TXT_EXPIRES:
        expires = dt.datetime.fromisoformat(settings.SECURITY_TXT_EXPIRES)
        if timezone.is_naive(expires):
            expires = expires.replace(tzinfo=dt.UTC)
        return expires
    now = now or timezone.now()
    return (now + dt.timedelta(days=365)).replace(hour=0, minute=0, second=0, microsecond=0)


@require_safe
def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116: where to report a vulnerability, in which languages, until when."""
    expires = security_txt_expires().astimezone(dt.UTC)
    languages = ", ".join(code for code, _name in settings.LANGUAGES)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        f"Preferred-Languages: {languages}",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
