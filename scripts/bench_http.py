"""`make bench`: our public pages under load beside a minimal Wagtail site and the
physical floor, on this machine, in one run (docs/benchmarks.md explains the method).

  * ours: the production layout (deploy/run-local: nginx with TLS, production
    settings, PostgreSQL, Redis) on loopback with two gunicorns of our own, page cache
    off and on; the article, newsroom, theme page, year archive and search uncached,
    as page-cache hits and through nginx's front cache; a trivial view (/robots.txt:
    the whole middleware stack, no query);
  * the peer: a minimal Wagtail 8 news site (scripts/bench_peer/, its own virtualenv
    in .bench/) holding the seed release as one page, uncached and with Django's
    per-site cache in Redis, served by the same gunicorn settings;
  * the floor: the article's bytes as a file from nginx with one worker per core over
    plain HTTP without an access log, and from the layout's own nginx;
  * at 15 releases (the demo) and at 2,000 releases with 20,000 reactions
    (scripts/bench_data.py).

Every row is measured BENCH_ROUNDS times, the rounds interleaved (all rows once, then
again), each measurement after the load gate and with our task worker paused; the
table shows the medians. Per row: requests/s, p50/p99 latency, errors, the server's
CPU per request (utime+stime of its processes from /proc), and for our uncached pages
the queries and database time. It prints numbers and asserts nothing.

Environment (defaults): BENCH_SECONDS (10), BENCH_WARMUP (3), BENCH_ROUNDS (3),
BENCH_THREADS (2), BENCH_CONNECTIONS (50), BENCH_WORKERS (2), BENCH_SIZES ("15,2000"),
BENCH_REACTIONS (20000), BENCH_QUIET_IDLE (0.90), BENCH_QUIET_WINDOW (2),
BENCH_QUIET_WAIT (120), BENCH_DATABASE_URL (…/denhaag_cms_bench), BENCH_CACHE_URL
(redis://127.0.0.1:6379/13), BENCH_PEER_DATABASE_URL (…/bench_wagtail),
BENCH_PEER_CACHE_URL (redis://127.0.0.1:6379/14), BENCH_PORT (18500: 18500–18506).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import report, tools  # noqa: E402
from bench.floor import Floor  # noqa: E402
from bench.ours import Ours  # noqa: E402
from bench.peer import Peer  # noqa: E402
from bench.tools import PORTS, Target, say  # noqa: E402

SEED_SLUG = "den-haag-toegetreden-tot-100-resilient-cities-netwerk"
PAGES = {
    "article": f"/nl/persberichten/{SEED_SLUG}/",
    "newsroom": "/nl/",
    "theme page": "/nl/themas/kustverdediging/",
    "year archive": "/nl/archief/2016/",
    "search": "/nl/?q=kustverdediging",
}
TRIVIAL = "/robots.txt"
# Straight to gunicorn, as nginx would send it (behind one proxy, over https).
DIRECT_HEADERS = ["X-Forwarded-Proto: https", "X-Forwarded-For: 127.0.0.1", "Host: localhost"]


def targets(ours: Ours, peer: Peer, floor: Floor, peer_path: str, queries: dict) -> list[Target]:
    """The rows of one round, ours and the peer's alternating where they are compared."""
    uncached = f"http://127.0.0.1:{PORTS['ours_uncached']}"
    cached = f"http://127.0.0.1:{PORTS['ours']}"
    front = f"https://localhost:{PORTS['https']}"

    def our_app(name):
        return lambda: ours.app_pids(name)

    def our_front():
        # nginx, and the gunicorn behind it (it should hardly be asked).
        return ours.nginx_pids() + ours.app_pids("ours")

    def peer_app(name):
        return lambda: peer.pids(name)

    def row(page, layer, url, pids, headers=(), side="ours"):
        figures = queries.get(page, {}) if layer == report.UNCACHED else {}
        return Target(
            side, page, layer, url, pids, list(headers),
            figures.get("queries", ""), figures.get("db_ms"),
        )  # fmt: skip

    peer_url = f"http://127.0.0.1:{PORTS['peer']}{peer_path}"
    peer_cached_url = f"http://127.0.0.1:{PORTS['peer_cached']}{peer_path}"
    rows = [
        row("article", report.UNCACHED, uncached + PAGES["article"],
            our_app("ours_uncached"), DIRECT_HEADERS),
        row("article", report.PEER_UNCACHED, peer_url, peer_app("peer"), DIRECT_HEADERS, "peer"),
    ]  # fmt: skip
    rows += [
        row(page, report.UNCACHED, uncached + path, our_app("ours_uncached"), DIRECT_HEADERS)
        for page, path in PAGES.items()
        if page != "article"
    ]
    rows.append(
        row("trivial view (/robots.txt)", "no cache, all middleware", cached + TRIVIAL,
            our_app("ours"), DIRECT_HEADERS)
    )  # fmt: skip
    rows += [
        row("article", report.PAGE_CACHE, cached + PAGES["article"], our_app("ours"),
            DIRECT_HEADERS),
        row("article", report.PEER_CACHED, peer_cached_url, peer_app("peer_cached"),
            DIRECT_HEADERS, "peer"),
    ]  # fmt: skip
    rows += [
        row(page, report.PAGE_CACHE, cached + path, our_app("ours"), DIRECT_HEADERS)
        for page, path in PAGES.items()
        if page != "article"
    ]
    # The article through the front cache, then the same bytes as a file from the
    # layout's nginx (same server block, same TLS) and from the floor.
    article = tools.check(front + PAGES["article"], [])
    static = ours.static_root() / "bench"
    static.mkdir(exist_ok=True)
    (static / "article.html").write_bytes(article)
    floor_url = floor.serve("article.html", article)
    rows += [
        row("article", report.FRONT_CACHE, front + PAGES["article"], our_front),
        row("article's bytes", report.LAYOUT_FILE, front + "/static/bench/article.html",
            ours.nginx_pids, side="floor"),
        row("article's bytes", report.FLOOR_FILE, floor_url, floor.pids, side="floor"),
    ]  # fmt: skip
    rows += [
        row(page, report.FRONT_CACHE, front + path, our_front)
        for page, path in PAGES.items()
        if page != "article"
    ]
    return rows


def measure_size(ours: Ours, peer: Peer, floor: Floor, peer_path: str, size: int) -> list[dict]:
    """Every row BENCH_ROUNDS times, the rounds one after the other, at this size (the
    releases there, as counted: the demo has 16)."""
    counts = ours.populate(size)
    size = counts["releases"]
    say(f"data: {size} releases, {counts['reactions']} reactions")
    queries = ours.queries(PAGES)
    ours.start_apps()
    rows: list[dict] = []
    try:
        round_targets = targets(ours, peer, floor, peer_path, queries)
        for target in round_targets:
            tools.check(target.url, target.headers)  # answers 200, and fills the caches
        ours.pause_worker()
        for number in range(1, tools.ROUNDS + 1):
            for target in round_targets:
                say(f"{size} releases, round {number}: {target.page}, {target.layer}")
                result = tools.load(target)
                figures = {key: value for key, value in vars(target).items() if key != "pids"}
                rows.append(figures | result | {"size": size, "reactions": counts["reactions"]})
    finally:
        ours.resume_worker()
        ours.stop_apps()
    return rows


def main() -> None:
    tools.ensure_tools()
    tools.ensure_database(tools.DATABASE_URL)
    ours = Ours()
    peer = Peer(ours.run_dir)
    floor = Floor(ours.run_dir)
    rows: list[dict] = []
    try:
        ours.start()
        peer_path = peer.build(ours.seed_release(SEED_SLUG))
        peer.start()
        floor.start()
        for size in tools.SIZES:
            rows += measure_size(ours, peer, floor, peer_path, size)
    finally:
        floor.stop()
        peer.stop()
        ours.stop()
        shutil.rmtree(ours.run_dir, ignore_errors=True)
    report.report(rows)


if __name__ == "__main__":
    main()
