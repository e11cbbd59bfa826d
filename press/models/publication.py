"""Which releases the public may see, and when: a release's states, the one rule of
"public" (in Python and in SQL), and the queries the pages and lists ask."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connections, models
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from denhaag_cms.changes import WatchedQuerySet
from press.models.address import ReleaseSlug, slug_q
from press.models.translated import untranslated_q


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def last_public_change(prefix: str = "") -> Greatest:
    """SQL for PressRelease.last_public_change (`prefix`: a relation to releases,
    e.g. "releases__"): the later of its publication and its last public revision."""
    published = models.F(f"{prefix}publish_at")
    return Greatest(published, Coalesce(models.F(f"{prefix}revised_at"), published))


def public_since(status: str, publish_at: dt.datetime | None) -> dt.datetime | None:
    """The one rule of "public", for a release or a version of it in its history: a
    published one is public from its publication moment on, any other never (None).
    PressRelease.is_published() and press.history ask it; published_q is the same
    rule in SQL, for the querysets."""
    if status == Status.PUBLISHED and publish_at is not None:
        return publish_at
    return None


def published_q(now: dt.datetime) -> models.Q:
    return models.Q(status=Status.PUBLISHED, publish_at__lte=now)


# Publication moments the site can store and compute with: Python's dates end at
# the years 1 and 9999, and a moment near either end leaves them once converted to
# UTC (saving) or moved on by a thread's days open (a 500 for the editor).
EARLIEST_PUBLICATION = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
LATEST_PUBLICATION = dt.datetime(3000, 1, 1, tzinfo=dt.UTC)


def validate_publication_moment(value: dt.datetime) -> None:
    if not EARLIEST_PUBLICATION <= value < LATEST_PUBLICATION:
        raise ValidationError(
            _("Choose a publication date from the year 1900 up to the year 2999."),
            code="out_of_range",
        )


class PressReleaseQuerySet(WatchedQuerySet):
    def published(self) -> PressReleaseQuerySet:
        """What the public may see: published, and its moment has come."""
        return self.filter(published_q(timezone.now()))

    def in_review(self) -> PressReleaseQuerySet:
        """Waiting for a chief editor, the longest waiting first."""
        return self.filter(status=Status.REVIEW).order_by("updated_at", "pk")

    def scheduled(self) -> PressReleaseQuerySet:
        """Published with a moment still to come, the next one first."""
        return self.filter(status=Status.PUBLISHED, publish_at__gt=timezone.now()).order_by(
            "publish_at", "pk"
        )

    def public_or_gone(self, now: dt.datetime | None = None) -> PressReleaseQuerySet:
        """Published ones plus withdrawn ones (which answer 410, not 404).

        A withdrawn release counts only if it was public before it was withdrawn: a
        scheduled release withdrawn before its embargo stays unknown (404), its title
        never shown, also after the moment it would have appeared.
        """
        now = now or timezone.now()
        # One filter, not published() | filter(…): combining querysets costs an
        # article request more Python than its database work.
        return self.filter(
            published_q(now)
            | models.Q(
                models.Q(withdrawn_at__isnull=True)
                | models.Q(withdrawn_at__gte=models.F("publish_at")),
                status=Status.WITHDRAWN,
                publish_at__lte=now,
            )
        )

    def by_slug(self, code: str, slug: str) -> PressReleaseQuerySet:
        """Releases at address `slug` in language `code`; a release without a slug in
        that language is at its Dutch address (see PressRelease.slug_for)."""
        return self.filter(slug_q(code, slug))

    def at_address(self, code: str, slug: str) -> PressReleaseQuerySet:
        """Releases at address `slug` in language `code`, now or formerly (a former
        address redirects): one query for both, instead of a second lookup.

        The releases at either address are found by the addresses' indexes first
        (a union of keys), then checked against this queryset's conditions: written
        as one condition with OR EXISTS, the lookup went through every release
        (tests/press/test_article_cost.py checks the plan)."""
        current = self.model.objects.filter(slug_q(code, slug)).order_by().values("pk")
        former = ReleaseSlug.objects.filter(language=code, slug=slug).order_by().values("release")
        return self.filter(pk__in=current.union(former))

    def from_year(self, year: int) -> PressReleaseQuerySet:
        """Releases published in `year` (Amsterdam time).

        Years at or beyond the ends of Python's dates (1 and 9999 included: their
        bounds in Amsterdam time fall outside them in UTC) hold no releases; the
        lookup itself would raise ValueError or OverflowError.
        """
        if not dt.MINYEAR < year < dt.MAXYEAR:
            return self.none()
        return self.filter(publish_at__year=year)

    def publication_years(self) -> list[int]:
        """The years (in the current time zone) these releases were published in,
        the latest first.

        On PostgreSQL one query that steps from year to year down the index on
        publish_at (a loose index scan: one index probe per year, not a row per
        release, so its cost does not grow with the archive); elsewhere DISTINCT
        over the rows (Django's dates())."""
        releases = self.order_by()
        if connections[self.db].vendor != "postgresql":
            return [day.year for day in releases.dates("publish_at", "year", "DESC")]
        try:
            sql, params = releases.values("publish_at").query.sql_with_params()
        except EmptyResultSet:  # .none(), or a filter nothing can match
            return []
        zone = timezone.get_current_timezone_name()
        year_of_latest = "EXTRACT(YEAR FROM MAX(r.publish_at) AT TIME ZONE %s)::integer"
        query = f"""
            WITH RECURSIVE years(year) AS (
                SELECT {year_of_latest} FROM ({sql}) r
                UNION ALL
                SELECT (
                    SELECT {year_of_latest} FROM ({sql}) r
                    WHERE r.publish_at < make_timestamptz(years.year, 1, 1, 0, 0, 0, %s)
                ) FROM years WHERE years.year IS NOT NULL
            )
            SELECT year FROM years WHERE year IS NOT NULL"""
        with connections[self.db].cursor() as cursor:
            cursor.execute(query, (zone, *params, zone, *params, zone))
            return [year for (year,) in cursor.fetchall()]

    def for_listing(self) -> PressReleaseQuerySet:
        """For the lists: newest first, with the themes each card shows."""
        return self.prefetch_related("themes").order_by("-publish_at", "-pk")

    def search(self, query: str, language: str | None = None) -> PressReleaseQuerySet:
        """Releases matching every word of the query, in any language, the best first;
        each with a `search_snippet` in `language` (see press/search.py)."""
        from press.search import search

        return search(self, query, language)

    def missing_english(self) -> PressReleaseQuerySet:
        return self.filter(untranslated_q("en"))
