"""Measure the public pages: time per request and queries, with many releases.

    make bench-pages                # SQLite in a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench make bench-pages

Prints numbers; it asserts nothing (the query budgets are tests in tests/). CPU ms is
the process's CPU time per request (the server's own work, also on a busy machine),
DB ms the time of its queries as Django's query log measures them (round trips
included); BENCH_RELEASES below the releases there resets the generated ones first;
"uncached" runs with the page cache off, "page cache" with anonymous pages cached.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "denhaag_cms.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

RELEASES = int(os.environ.get("BENCH_RELEASES", "2000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "50"))
REACTIONS = int(os.environ.get("BENCH_REACTIONS", "0"))


def populate() -> None:
    """The demo newsroom grown to RELEASES published releases (scripts/bench_data.py,
    the data bench_http.py measures too; BENCH_REACTIONS approved reactions, default
    none)."""
    from press.models import PressRelease
    from scripts.bench_data import populate as grow
    from scripts.bench_data import reset

    call_command("migrate", verbosity=0)
    call_command("loaddemo", verbosity=0)
    if PressRelease.objects.count() > RELEASES:  # a database grown by an earlier run
        reset()
    grow(RELEASES, REACTIONS)


def measure(client: Client, url: str) -> tuple[float, float, float, float, int]:
    """Median and 95th percentile wall time, median CPU time, median database time
    (the time Django's query log gives its queries: round trips included), in ms;
    queries."""
    client.get(url)  # warm up (and, with the page cache on, fill it)
    timings, cpu, database = [], [], []
    for _ in range(ROUNDS):
        reset_queries()
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        cpu.append((time.process_time() - start_cpu) * 1000)
        timings.append((time.perf_counter() - start) * 1000)
        database.append(sum(float(query["time"]) for query in connection.queries) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    queries = len(connection.queries)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    median = statistics.median
    return median(timings), p95, median(cpu), median(database), queries


def main() -> None:
    from press.models import PressRelease

    setup_test_environment()
    populate()
    from django.conf import settings

    settings.DEBUG = True  # record queries
    seed = PressRelease.objects.get(
        slug_nl="den-haag-toegetreden-tot-100-resilient-cities-netwerk"
    )
    # Page 50 of the newsroom, or its last page when there are fewer releases.
    last = -(-PressRelease.objects.published().count() // settings.PRESS_PAGE_SIZE)
    deep = min(50, max(1, last))
    pages = {
        "newsroom (nl)": "/nl/",
        f"newsroom page {deep}": f"/nl/?page={deep}",
        "newsroom search": "/nl/?q=kustverdediging",
        "theme page": "/nl/themas/kustverdediging/",
        "year archive": "/nl/archief/2016/",
        "article (nl)": seed.get_absolute_url("nl"),
        "article (en)": seed.get_absolute_url("en"),
    }
    client = Client()
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"database: {connection.vendor}, releases: {PressRelease.objects.count()}, "
          f"rounds: {ROUNDS}, cache: {backend}")  # fmt: skip
    # Uncached: the page cache off, every request renders (what the first reader after
    # a change costs). Cached: anonymous readers served from the page cache.
    for label, seconds in (("uncached", 0), ("page cache", 600)):
        settings.PAGE_CACHE_SECONDS = seconds
        print(f"\n{label}")
        print(
            f"{'page':<20} {'median ms':>10} {'p95 ms':>8} {'CPU ms':>8} {'DB ms':>7} "
            f"{'queries':>8}"
        )
        for name, url in pages.items():
            median, p95, cpu, database, queries = measure(client, url)
            print(
                f"{name:<20} {median:>10.1f} {p95:>8.1f} {cpu:>8.1f} {database:>7.2f} {queries:>8}"
            )


if __name__ == "__main__":
    main()
