"""Deployment checks of our own, run by `python manage.py check --deploy`."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register


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
