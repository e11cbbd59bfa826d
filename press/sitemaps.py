"""The sitemap (/sitemap.xml): every public page of the newsroom, in every language it
exists in, each with its hreflang alternates.

A page's lastmod is the last change of what the public reads there: a release's
publication or a later edit saved while it was public, a typo fix included (search
engines should fetch the corrected text too). See PressRelease.last_public_change;
the feeds, by contrast, mark an item as updated only for a public change note.

Only PressRelease.objects.published() ever appears: no drafts, scheduled or
withdrawn releases. A release without an English translation is listed in Dutch
only: its English address is a notice page that is not indexed (noindex), so it is
neither a <url> nor an hreflang alternate.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.db.models import Max
from django.db.models.functions import ExtractYear
from django.urls import path, reverse

from denhaag_cms.legal import PAGES as LEGAL_PAGES
from press.models import PressRelease, Theme
from press.models.publication import last_public_change


class I18nSitemap(Sitemap):
    """One <url> per item and language, with hreflang alternates and x-default.

    The framework's x-default strips the language prefix ("/persberichten/…"), but
    our URL segments are translated, so that address would only resolve for readers
    whose browser prefers Dutch. x-default is the default language's address
    instead, as in the <head> of every page.
    """

    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, page=1, site=None, protocol=None) -> list[dict]:
        # The public method the sitemap view calls for each page of the sitemap.
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            by_language = {alt["lang_code"]: alt for alt in url["alternates"]}
            if "x-default" in by_language and settings.LANGUAGE_CODE in by_language:
                default = by_language[settings.LANGUAGE_CODE]["location"]
                by_language["x-default"]["location"] = default
        return urls


class NewsroomSitemap(I18nSitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self) -> list[dict]:
        last = PressRelease.objects.published().aggregate(last=Max(last_public_change()))["last"]
        return [{"url_name": "press:newsroom", "last_updated": last}]

    def location(self, item: dict) -> str:
        return reverse(item["url_name"])

    def lastmod(self, item: dict) -> dt.datetime | None:
        return item["last_updated"]


class ThemeSitemap(I18nSitemap):
    """Themes with at least one published release (the others are empty pages)."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return (
            Theme.objects.filter(releases__in=PressRelease.objects.published())
            .annotate(last_updated=Max(last_public_change("releases__")))
            .order_by("pk")
        )

    def lastmod(self, theme: Theme) -> dt.datetime:
        return theme.last_updated


class YearArchiveSitemap(I18nSitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self) -> list[dict]:
        return list(
            PressRelease.objects.published()
            .annotate(year=ExtractYear("publish_at"))
            .order_by()
            .values("year")
            .annotate(last_updated=Max(last_public_change()))
            .order_by("-year")
        )

    def location(self, item: dict) -> str:
        return reverse("press:year-archive", kwargs={"year": item["year"]})

    def lastmod(self, item: dict) -> dt.datetime:
        return item["last_updated"]


class ReleaseSitemap(I18nSitemap):
    priority = 0.8

    def items(self):
        return PressRelease.objects.published().order_by("-publish_at", "-pk")

    def get_languages_for_item(self, release: PressRelease) -> list[str]:
        """Only the languages the release is written in."""
        return [code for code in self._languages() if release.has_language(code)]

    def location(self, release: PressRelease) -> str:
        # Called with the item's language active (i18n = True).
        return release.get_absolute_url()

    def lastmod(self, release: PressRelease) -> dt.datetime:
        return release.last_public_change


class LegalSitemap(I18nSitemap):
    """The footer's statements, contact and colophon (denhaag_cms/legal.py)."""

    changefreq = "yearly"
    priority = 0.2

    def items(self) -> tuple[str, ...]:
        return LEGAL_PAGES

    def location(self, name: str) -> str:
        return reverse(name)


sitemaps = {
    "newsroom": NewsroomSitemap,
    "themes": ThemeSitemap,
    "years": YearArchiveSitemap,
    "releases": ReleaseSitemap,
    "legal": LegalSitemap,
}

# Included by the project's URLconf outside i18n_patterns: one sitemap for both languages.
urlpatterns = [path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap")]
