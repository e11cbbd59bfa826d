"""RSS 2.0 and Atom feeds of the newsroom: all releases and one per theme.

The language prefix of the address (/nl/…, /en/…) decides the feed's language, as
for every page. A feed holds the newest FEED_SIZE published releases.

Releases without an English translation are *in* the English feeds. Journalists
who follow the English feed want to know everything the city announces, as the
English newsroom lists it too (with a "Dutch only" badge); leaving those out would
hide most of the news from them without a word. Such an item says so in its title
("… (Dutch only)"), carries the Dutch title and lead, and links straight to the
Dutch page rather than to the English notice that the text is not translated.

A release with a public change note (press.models.ChangeNote) is marked as updated:
its Atom <updated> (and in RSS an <atom:updated>) is the newest note's moment, and
its description ends with that note. A minor change (no note) changes neither:
feed readers would show the release again for a typo fix.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, rfc3339_date
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from press.models import ChangeNote, PressRelease, Theme

FEED_SIZE = 20


@dataclass(frozen=True)
class FeedScope:
    """What one request's feed is about. The Feed instance is shared by all requests,
    so per-request values (the request itself, for absolute addresses) travel here."""

    request: HttpRequest
    language: str
    theme: Theme | None = None


@dataclass(frozen=True)
class FeedItem:
    """A release as one feed item, in the feed's language (or Dutch, see above)."""

    release: PressRelease
    title: str
    lead: str
    link: str
    enclosure: Enclosure | None
    last_note: ChangeNote | None


class UpdatedRssFeed(Rss201rev2Feed):
    """RSS 2.0 has no date of change for an item: an updated item carries Atom's
    <atom:updated> (the namespace Django's RSS feed already declares)."""

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("updateddate") and item["updateddate"] != item.get("pubdate"):
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))


class ReleasesFeed(Feed):
    """RSS 2.0: the newest published press releases."""

    feed_type = UpdatedRssFeed

    def get_object(self, request: HttpRequest) -> FeedScope:
        return FeedScope(request=request, language=get_language())

    def title(self, scope: FeedScope) -> str:
        if scope.theme:
            return _("%(site)s: press releases about %(theme)s") % {
                "site": settings.SITE_NAME,
                "theme": scope.theme.name,
            }
        return _("%(site)s: press releases") % {"site": settings.SITE_NAME}

    def description(self, scope: FeedScope) -> str:
        return _("The newest press releases of %(site)s.") % {"site": settings.SITE_NAME}

    def subtitle(self, scope: FeedScope) -> str:
        return self.description(scope)

    def link(self, scope: FeedScope) -> str:
        return scope.theme.get_absolute_url() if scope.theme else reverse("press:newsroom")

    def feed_copyright(self) -> str:
        return settings.SITE_NAME

    def author_name(self) -> str:
        return settings.SITE_NAME

    def items(self, scope: FeedScope) -> list[FeedItem]:
        releases = (
            PressRelease.objects.published()
            .for_listing()
            .prefetch_related("themes", "change_notes")
        )
        if scope.theme:
            releases = releases.filter(themes=scope.theme)
        return [self._item(scope, release) for release in releases[:FEED_SIZE]]

    def _item(self, scope: FeedScope, release: PressRelease) -> FeedItem:
        if release.has_language(scope.language):
            title, lead = release.title, release.lead
            link = release.get_absolute_url(scope.language)
        else:
            title = _("%(title)s (Dutch only)") % {"title": release.title_nl}
            lead = release.lead_nl
            link = release.get_absolute_url(settings.LANGUAGE_CODE)
        notes = release.change_notes.all()  # prefetched, the newest first
        return FeedItem(
            release,
            title,
            lead,
            link,
            self._enclosure(scope.request, release),
            notes[0] if notes else None,
        )

    @staticmethod
    def _enclosure(request: HttpRequest, release: PressRelease) -> Enclosure | None:
        # The JPEG rendition the article's og:image names (press/images.py), never
        # the original, with the size recorded when it was made (never asked of the
        # storage per item); RSS: "when an enclosure's size cannot be determined,
        # use 0" (renditions made before sizes were recorded, until makerenditions).
        picture = release.hero_picture
        if picture is None:
            return None
        length = str(release.hero_share_size or 0)
        return Enclosure(request.build_absolute_uri(picture.share_url), length, "image/jpeg")

    # -- items ---------------------------------------------------------------------

    def item_title(self, item: FeedItem) -> str:
        # Plain text, escaped once by the XML writer. (Django's default escapes it
        # twice, for readers that treat RSS titles as HTML; most, feedparser among
        # them, do not, and would show "Kust &amp; zee".)
        return item.title

    def item_description(self, item: FeedItem) -> str:
        # The lead is plain text; the description (Atom: summary type="html") is HTML.
        if item.last_note is None:
            return escape(item.lead)
        updated = _("Updated on %(date)s") % {
            "date": date_format(localtime(item.last_note.noted_at), "j F Y")
        }
        return f"<p>{escape(item.lead)}</p><p>{escape(updated)}: {escape(item.last_note.text)}</p>"

    def item_link(self, item: FeedItem) -> str:
        return item.link

    # The item's id (RSS guid, Atom id) names the release, not its address: the
    # address changes with the slug, or when the English translation arrives, and
    # feed readers would show the release again as a new item.
    item_guid_is_permalink = False

    def item_guid(self, item: FeedItem) -> str:
        return f"urn:denhaag-press:release:{item.release.pk}"

    def item_pubdate(self, item: FeedItem):
        return item.release.publish_at

    def item_updateddate(self, item: FeedItem):
        # Updated for readers only by a public change note (see above).
        if item.last_note is not None:
            return item.last_note.noted_at
        return item.release.publish_at

    def item_categories(self, item: FeedItem) -> list[str]:
        return [theme.name for theme in item.release.themes.all()]

    def item_enclosures(self, item: FeedItem) -> list[Enclosure]:
        return [item.enclosure] if item.enclosure else []


class ReleasesAtomFeed(ReleasesFeed):
    """Atom: the same releases."""

    feed_type = Atom1Feed


class ThemeFeedMixin:
    def get_object(self, request: HttpRequest, slug: str) -> FeedScope:
        theme = Theme.objects.get(slug=slug)  # DoesNotExist: 404
        return FeedScope(request=request, language=get_language(), theme=theme)


class ThemeReleasesFeed(ThemeFeedMixin, ReleasesFeed):
    """RSS 2.0: the newest published press releases about one theme."""


class ThemeReleasesAtomFeed(ThemeFeedMixin, ReleasesAtomFeed):
    """Atom: the newest published press releases about one theme."""
