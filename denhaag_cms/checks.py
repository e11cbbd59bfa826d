"""Deployment checks of our own, run by `python manage.py check --deploy`."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.utils import timezone

from denhaag_cms.legal import security_txt_expires


@register(Tags.security, deploy=True)
def check_site_url(app_configs=None, **kwargs) -> list[Warning]:
    """SITE_URL goes into moderators' e-mails, feeds and structured data."""
    parts = urlsplit(settings.SITE_URL)
    if parts.scheme != "https" or parts.hostname in {None, "localhost", "127.0.0.1", "::1"}:
        return [
            Warning(
                "SITE_URL is not the public https:// address of the site.",
                hint="Set SITE_URL, e.g. https://nieuws.denhaag.nl",
                id="denhaag_cms.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_trusted_proxy_count(app_configs=None, **kwargs) -> list[Warning]:
    """Behind a proxy, REMOTE_ADDR is the proxy's: every citizen would share one
    rate-limit bucket and one login-throttle address unless the proxies are counted."""
    if settings.BEHIND_PROXY and settings.TRUSTED_PROXY_COUNT <= 0:
        return [
            Warning(
                "DJANGO_BEHIND_PROXY is on but DJANGO_TRUSTED_PROXY_COUNT is 0: all "
                "visitors share the proxy's address for rate limits and the login throttle.",
                hint=(
                    "Set DJANGO_TRUSTED_PROXY_COUNT to the number of proxies that append "
                    "to X-Forwarded-For (1 for one nginx or load balancer); "
                    "see docs/operations.md."
                ),
                id="denhaag_cms.W002",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_security_txt(app_configs=None, **kwargs) -> list[Warning]:
    """RFC 9116: security.txt holds until its Expires; one that is never reviewed, or
    about to lapse, tells researchers nothing they can trust."""
    if not settings.SECURITY_TXT_EXPIRES:
        return [
            Warning(
                "SECURITY_TXT_EXPIRES is not set: /.well-known/security.txt expires a "
                "year from each request, so nobody has to review it.",
                hint="Set SECURITY_TXT_EXPIRES (e.g. 2027-06-30T00:00:00Z), at most a year ahead.",
                id="denhaag_cms.W010",
            )
        ]
    if security_txt_expires() - timezone.now() < dt.timedelta(days=30):
        return [
            Warning(
                "/.well-known/security.txt expires within 30 days (SECURITY_TXT_EXPIRES).",
                hint="Check its Contact and set SECURITY_TXT_EXPIRES a few months ahead.",
                id="denhaag_cms.W011",
            )
        ]
    return []
