"""`make bench`: our public pages under load beside a minimal Wagtail site and the
physical floor, on this machine, in one run (docs/benchmarks.md explains the method).

  * ours: the production layout (deploy/run-local: nginx with TLS, production
    settings, PostgreSQL, Redis) on loopback with two gunicorns of our own, page cache
    off and on; the article, newsroom, theme page, year archive and search uncached,
    as page-cache hits and through nginx's front cache; a search with words not asked
    before in every request (scripts/bench/new_search.lua), uncached; a trivial view
    (/robots.txt: the whole middleware stack, no query);
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
    # The API (api/): its list; the seed release's address is added per size (its id
    # changes when the data is made again).
    "API list": "/api/v1/releases",
}
# The search again, every request with words not asked before (the same matches):
# what a search costs that no fragment holds yet. Uncached only.
NEW_SEARCH = "search, a new query each time"
TRIVIAL = "/robots.txt"
# Straight to gunicorn, as nginx would send it (behind one proxy, over https).
DIRECT_HEADERS = ["X-Forwarded-Proto: https", "X-Forwarded-For: 127.0.0.1", "Host: localhost"]


def targets(
    ours: Ours, peer: Peer, floor: Floor, peer_path: str, queries: dict, pages: dict[str, str]
) -> list[Target]:
    """The rows of one round, in the order measured: each of the peer's and the
    floor's rows right after our row it is compared with."""
    uncached = f"http://127.0.0.1:{PORTS['ours_uncached']}"
    cached = f"http://127.0.0.1:{PORTS['ours']}"
    front = f"https://localhost:{PORTS['https']}"
    article, others = list(pages.items())[:1], list(pages.items())[1:]

    def ours_rows(layer: str, base: str, pids, pages, headers=DIRECT_HEADERS) -> list[Target]:
        rows = []
        for page, path in pages:
            # The in-process figures belong to the uncached page.
            figures = queries.get(page, {}) if layer == report.UNCACHED else {}
            target = Target("ours", page, layer, base + path, pids, headers)
            target.queries, target.db_ms = figures.get("queries", ""), figures.get("db_ms")
            rows.append(target)
        return rows

    def uncached_pids():
        return ours.app_pids("ours_uncached")

    def cached_pids():
        return ours.app_pids("ours")

    def front_pids():
        # nginx, and the gunicorn behind it (which a front-cache hit should not reach).
        return ours.nginx_pids() + ours.app_pids("ours")

    def peer_row(layer: str, name: str) -> Target:
        url = f"http://127.0.0.1:{PORTS[name]}{peer_path}"
        return Target("peer", "article", layer, url, lambda: peer.pids(name), DIRECT_HEADERS)

    # The article's bytes as the front cache serves them, as a file for the layout's
    # nginx (same server block, same TLS) and for the floor.
    body = tools.check(front + PAGES["article"], [])
    static = ours.static_root() / "bench"
    static.mkdir(exist_ok=True)
    (static / "article.html").write_bytes(body)
    layout_file = front + "/static/bench/article.html"
    floor_file = floor.serve("article.html", body)
    trivial = [("trivial view (/robots.txt)", TRIVIAL)]
    new_search = ours_rows(
        report.UNCACHED, uncached, uncached_pids, [(NEW_SEARCH, PAGES["search"])]
    )
    for target in new_search:
        target.new_search = True

    return [
        *ours_rows(report.UNCACHED, uncached, uncached_pids, article),
        peer_row(report.PEER_UNCACHED, "peer"),
        *ours_rows(report.UNCACHED, uncached, uncached_pids, others),
        *new_search,
        *ours_rows("no cache, all middleware", cached, cached_pids, trivial),
        *ours_rows(report.PAGE_CACHE, cached, cached_pids, article),
        peer_row(report.PEER_CACHED, "peer_cached"),
        *ours_rows(report.PAGE_CACHE, cached, cached_pids, others),
        *ours_rows(report.FRONT_CACHE, front, front_pids, article, headers=[]),
        Target("floor", "article's bytes", report.LAYOUT_FILE, layout_file, ours.nginx_pids),
        Target("floor", "article's bytes", report.FLOOR_FILE, floor_file, floor.pids),
        *ours_rows(report.FRONT_CACHE, front, front_pids, others, headers=[]),
    ]


def measure_size(ours: Ours, peer: Peer, floor: Floor, peer_path: str, size: int) -> list[dict]:
    """Every row BENCH_ROUNDS times, the rounds one after the other, at this size (the
    rows labelled with the releases counted there)."""
    counts = ours.populate(size)
    size = counts["releases"]
    say(f"data: {size} releases, {counts['reactions']} reactions")
    seed_id = ours.seed_release(SEED_SLUG)["id"]
    pages = PAGES | {"API release": f"/api/v1/releases/{seed_id}"}
    queries = ours.queries(pages | {NEW_SEARCH: PAGES["search"]}, (NEW_SEARCH,))
    ours.start_apps()
    rows: list[dict] = []
    try:
        round_targets = targets(ours, peer, floor, peer_path, queries, pages)
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
