"""Benchmark data: the demo newsroom grown to N published releases and M approved
reactions, with bulk_create (a few seconds for 2,000 releases and 20,000 reactions).

Run inside Django (scripts/bench_http.py does it through `deploy/run-local manage shell`):

    from scripts.bench_data import populate; populate(2000, 20000)

Idempotent: releases and reactions already there count. The seed release's closed
thread gets a tenth of the reactions (its page shows the first page of them); the
rest go to closed threads on the generated releases (closed: no comment form, so
every article page is the same for every reader).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

SEED_SLUG = "den-haag-toegetreden-tot-100-resilient-cities-netwerk"
PREFIX = "benchmarkbericht-"


def reset() -> None:
    """Back to the demo newsroom: the generated releases, threads and reactions gone."""
    from comments.models import Comment, Thread
    from press.models import PressRelease

    generated = PressRelease.objects.filter(slug_nl__startswith=PREFIX)
    content_type = ContentType.objects.get_for_model(PressRelease)
    threads = Thread.objects.filter(
        content_type=content_type, object_id__in=generated.values("pk")
    )
    Comment.objects.filter(name__startswith="Lezer ", body__startswith="Reactie ").delete()
    threads.delete()
    generated.delete()
    _tidy()


def _tidy() -> None:
    """The planner's statistics and the visibility map (which the index-only scans of
    the count and the years rely on) up to date, and deleted rows cleared away, now
    rather than whenever autovacuum comes by: stale statistics (estimating 22
    published releases of 2,000) made the newsroom's years and count 3-4 times slower
    in one run, and 2,000 just-deleted releases doubled the small newsroom's search
    time in another; the bench measured those, not the pages. (VACUUM cannot run in
    a transaction: the tests call this in one.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


def populate(releases: int, reactions: int) -> dict[str, int]:
    from comments.models import Comment, Thread
    from press.models import PressRelease, Theme

    existing = PressRelease.objects.count()
    template = PressRelease.objects.get(slug_nl=SEED_SLUG)
    if existing < releases:
        base = template.publish_at - dt.timedelta(days=1)
        batch = [
            PressRelease(
                title_nl=f"Benchmarkbericht {n} over kustverdediging en netwerken",
                title_en=f"Benchmark release {n} about coastal defence and networks",
                lead_nl=template.lead_nl,
                lead_en=template.lead_en,
                body_nl=template.body_nl,
                body_en=template.body_en,
                slug_nl=f"{PREFIX}{n}",
                slug_en=f"benchmark-release-{n}",
                status=PressRelease.Status.PUBLISHED,
                # Spread over the years, so the archive has many years and pages.
                publish_at=base - dt.timedelta(days=n * 3),
            )
            for n in range(existing, releases)
        ]
        PressRelease.objects.bulk_create(batch, batch_size=500)
        themes = list(Theme.objects.all())
        through = PressRelease.themes.through
        if themes:
            through.objects.bulk_create(
                [
                    through(pressrelease_id=pk, theme_id=themes[pk % len(themes)].pk)
                    for pk in PressRelease.objects.filter(slug_nl__startswith=PREFIX).values_list(
                        "pk", flat=True
                    )
                ],
                batch_size=1000,
                ignore_conflicts=True,
            )

    content_type = ContentType.objects.get_for_model(PressRelease)
    now = timezone.now()
    with_thread = set(
        Thread.objects.filter(content_type=content_type).values_list("object_id", flat=True)
    )
    Thread.objects.bulk_create(
        [
            Thread(
                content_type=content_type,
                object_id=pk,
                opens_at=publish_at,
                closes_at=publish_at + dt.timedelta(days=14),
                closed_at=publish_at + dt.timedelta(days=14),
            )
            for pk, publish_at in PressRelease.objects.filter(slug_nl__startswith=PREFIX)
            .exclude(pk__in=with_thread)
            .values_list("pk", "publish_at")
        ],
        batch_size=1000,
    )
    missing = reactions - Comment.objects.count()
    if missing > 0:
        seed_thread = Thread.objects.get(content_type=content_type, object_id=template.pk)
        threads = list(
            Thread.objects.filter(
                content_type=content_type,
                object_id__in=PressRelease.objects.filter(slug_nl__startswith=PREFIX).values("pk"),
            ).values_list("pk", flat=True)
        ) or [seed_thread.pk]
        comments = []
        for n in range(missing):
            thread = seed_thread.pk if n % 10 == 0 else threads[n % len(threads)]
            comments.append(
                Comment(
                    thread_id=thread,
                    name=f"Lezer {n}",
                    body=f"Reactie {n}: goed dat de gemeente hier werk van maakt.",
                    status=Comment.Status.APPROVED,
                    submitted_at=now - dt.timedelta(minutes=n),
                )
            )
        Comment.objects.bulk_create(comments, batch_size=2000)
    _tidy()
    return {
        "releases": PressRelease.objects.count(),
        "reactions": Comment.objects.count(),
    }
