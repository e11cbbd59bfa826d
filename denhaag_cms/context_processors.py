from django.conf import settings
from django.http import HttpRequest

from denhaag_cms.themes import current_theme


def site(request: HttpRequest) -> dict:
    """The organisation every page names (settings, from the environment) and the
    NL Design System theme its pages wear."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SITE_LOGO": settings.SITE_LOGO,
        "SITE_LOGO_ALT": settings.SITE_LOGO_ALT or settings.SITE_NAME,
        "ORGANISATION_URL": settings.ORGANISATION_URL,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "CONTACT_PHONE": settings.CONTACT_PHONE,
        "FOOTER_LINKS": settings.FOOTER_LINKS,
        "THEME": current_theme(),
        "OIDC_ENABLED": settings.OIDC_ENABLED,
    }
