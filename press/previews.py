"""Rich previews of an article page: canonical address, Open Graph, Twitter card and
schema.org NewsArticle data, for search engines and for links shared on social media.

Addresses are absolute, on SITE_URL (never the request's Host: pages are cached and
shown to everyone).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language

from press.models import PressRelease

# Open Graph wants a territory with the language.
OG_LOCALES = {"nl": "nl_NL", "en": "en_GB"}
DESCRIPTION_WORDS = 30


def _iso(value) -> str | None:
    """ISO 8601 with the Amsterdam offset: 2016-05-25T14:00:00+02:00."""
    return timezone.localtime(value).replace(microsecond=0).isoformat() if value else None


def absolute(url: str) -> str:
    """`url` on SITE_URL, unless it is absolute already (media on object storage)."""
    return url if "://" in url else settings.SITE_URL + url


def article_preview(request: HttpRequest, release: PressRelease, themes: list[str]) -> dict:
    """Everything the <head> of a release's page says about it, in the page's language.

    Only for a release that is translated into that language: the notice page of an
    untranslated one is not indexed and gets none of this. `themes`: their names.
    """
    code = get_language()
    url = absolute(release.get_absolute_url(code))
    description = Truncator(release.lead).words(DESCRIPTION_WORDS)
    # The JPEG rendition at SHARE_WIDTH (press/images.py), never the original.
    picture = release.hero_picture
    image_url = absolute(picture.share_url) if picture else ""
    published, modified = _iso(release.publish_at), _iso(release.last_public_change)
    publisher = {"@type": "Organization", "name": settings.SITE_NAME, "url": settings.SITE_URL}
    structured = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": release.title,
        "description": release.lead,
        "inLanguage": code,
        "datePublished": published,
        "dateModified": modified or published,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "publisher": publisher,
        "author": publisher,
    }
    if image_url:
        structured["image"] = [image_url]
    if themes:
        structured["keywords"] = themes
    return {
        "url": url,
        "title": release.title,
        "description": description,
        "image_url": image_url,
        # From the dimensions stored with the release (never read from the image).
        "image_width": picture.share_width if picture else None,
        "image_height": picture.share_height if picture else None,
        "image_alt": release.hero_alt,
        "locale": OG_LOCALES.get(code, code),
        "alternate_locales": [
            OG_LOCALES.get(other, other)
            for other, _name in settings.LANGUAGES
            if other != code and release.has_language(other)
        ],
        "published": published,
        "modified": modified,
        "tags": themes,
        "structured_data": structured,
    }
