"""The table of medians over the rounds, and the ratios to the peer and the floor."""

from __future__ import annotations

import math
import os
import platform
import statistics
import subprocess
import time
from pathlib import Path

from . import tools

UNCACHED = "uncached"
PAGE_CACHE = "page cache hit (Redis)"
FRONT_CACHE = "front cache (nginx)"
PEER_UNCACHED = "Wagtail, uncached"
PEER_CACHED = "Wagtail, per-site cache (Redis)"
LAYOUT_FILE = "the layout's nginx, file (TLS)"
FLOOR_FILE = "nginx auto workers, file (HTTP)"

# What the page must stay under, at both sizes.
QUERY_BUDGET = {
    "search": 6,
    "search, a new query each time": 6,
    "API list": 9,
    "API release": 8,
}
QUERY_BUDGET_DEFAULT = 5
FRONT_CACHE_SHARE = 0.75


def medians(rows: list[dict]) -> list[dict]:
    """One row per (size, side, page, layer), in the order first measured: the
    median of each figure over the rounds, the errors summed, the least idle gate."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault((row["size"], row["side"], row["page"], row["layer"]), []).append(row)
    out = []
    for runs in groups.values():
        first = runs[0]
        out.append(
            first
            | {key: _median(run[key] for run in runs) for key in ("rps", "cpu_ms", "p50", "p99")}
            | {
                "rps_low": min(run["rps"] for run in runs),
                "rps_high": max(run["rps"] for run in runs),
                "errors": sum(run["errors"] for run in runs),
                "idle": min(run["idle"] for run in runs),
                "rounds": len(runs),
            }
        )
    return out


def _median(values) -> float:
    """The median of the rounds that have the figure (a round that served no request
    has no CPU per request)."""
    numbers = [value for value in values if not math.isnan(value)]
    return statistics.median(numbers) if numbers else math.nan


def _machine() -> str:
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        model = platform.processor() or platform.machine()
    nginx = subprocess.run([tools.found("nginx"), "-v"], capture_output=True, text=True).stderr
    return (
        f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"{nginx.strip().removeprefix('nginx version: ')}"
    )


def report(rows: list[dict]) -> None:
    table = medians(rows)
    print()
    print(f"# make bench, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"machine: {_machine()}")
    print(
        f"wrk -t{tools.THREADS} -c{tools.CONNECTIONS} -d{tools.SECONDS}s after a "
        f"{tools.WARMUP} s warm-up; medians of {tools.ROUNDS} interleaved round(s); gunicorn "
        f"{tools.WORKERS} sync workers (deploy/gunicorn.conf.py) for us and the peer; "
        f"load gate {tools.QUIET_IDLE:.0%} idle; PostgreSQL; Redis"
    )
    for size, reactions in dict.fromkeys((r["size"], r["reactions"]) for r in rows):
        print(f"data: {size} releases, {reactions} reactions")
    print()
    print(
        "| releases | page | layer | requests/s | (low–high) | p50 ms | p99 ms | errors "
        "| CPU ms/request | queries | DB ms |"
    )
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in table:
        db_ms = "" if r["db_ms"] is None else f"{r['db_ms']:.1f}"
        noisy = " (not quiet)" if r["idle"] < tools.QUIET_IDLE else ""
        print(
            f"| {r['size']} | {r['page']} | {r['layer']}{noisy} | {r['rps']:,.0f} "
            f"| {r['rps_low']:,.0f}–{r['rps_high']:,.0f} | {r['p50']:.2f} | {r['p99']:.2f} "
            f"| {r['errors']} | {r['cpu_ms']:.2f} | {r['queries']} | {db_ms} |"
        )
    ratios(table)


def ratios(table: list[dict]) -> None:
    def find(size: int, page: str, layer: str) -> dict | None:
        return next(
            (r for r in table if (r["size"], r["page"], r["layer"]) == (size, page, layer)),
            None,
        )

    sizes = sorted({r["size"] for r in table})
    pages = list(dict.fromkeys(r["page"] for r in table if r["layer"] == UNCACHED))
    print()
    print("Ratios (medians of the same run):")
    for size in sizes:
        peer = find(size, "article", PEER_UNCACHED)
        peer_cached = find(size, "article", PEER_CACHED)
        print(f"  {size} releases:")
        if peer:
            line = f"Wagtail's article: {peer['rps']:,.0f} req/s, {peer['cpu_ms']:.2f} ms CPU"
            if peer_cached:
                line += f"; its per-site cache: {peer_cached['rps']:,.0f} req/s"
            print(f"    {line}")
        for page in pages:
            ours = find(size, page, UNCACHED)
            if ours and peer:
                queries = ours["queries"].split(" / ")[-1]
                budget = QUERY_BUDGET.get(page, QUERY_BUDGET_DEFAULT)
                print(
                    f"    {page}, uncached: {ours['cpu_ms']:.2f} ms CPU = "
                    f"{ours['cpu_ms'] / peer['cpu_ms']:.2f} × Wagtail's article (target < 1); "
                    f"{queries} queries (target ≤ {budget})"
                )
        for page in pages:
            hit = find(size, page, PAGE_CACHE)
            if hit and peer_cached:
                print(
                    f"    {page}, page cache hit: {hit['rps']:,.0f} req/s = "
                    f"{hit['rps'] / peer_cached['rps']:.2f} × Wagtail's per-site cache "
                    "(target ≥ 1)"
                )
        front = find(size, "article", FRONT_CACHE)
        layout_file = find(size, "article's bytes", LAYOUT_FILE)
        floor_file = find(size, "article's bytes", FLOOR_FILE)
        if front and layout_file:
            print(
                f"    article, front cache: {front['rps'] / layout_file['rps']:.0%} of the "
                f"layout's nginx serving the same bytes (target ≥ {FRONT_CACHE_SHARE:.0%})"
                + (f", {front['rps'] / floor_file['rps']:.0%} of the floor" if floor_file else "")
            )
    for page in ("newsroom", "search", "search, a new query each time"):
        times = [find(size, page, UNCACHED) for size in sizes]
        if all(times) and len(times) > 1:
            steps = " → ".join(f"{t['db_ms']:.1f}" for t in times)
            sizes_text = " → ".join(str(s) for s in sizes)
            print(f"  {page}, database time: {steps} ms at {sizes_text} releases (target: flat)")
