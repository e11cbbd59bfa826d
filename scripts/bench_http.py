"""`make bench`: the public pages under load, on this machine, in one run.

Starts the production layout (deploy/run-local: nginx with TLS, production settings,
PostgreSQL, Redis) on loopback, then its own gunicorn (2 sync workers, the layout's
config and environment) listening on the layout's socket and on a loopback TCP port,
and loads it with Debian's `wrk` (wrk, nginx and openssl installed with apt-get if
missing):

  * our article, newsroom and search straight to gunicorn, app page cache off
    (PAGE_CACHE_SECONDS=0) and on (Redis, shared by the workers), and through nginx's
    front cache;
  * baselines: a trivial view with all our middleware (/robots.txt: no query, a few
    lines of text, the whole middleware stack; /healthz would skip the stack) straight
    to gunicorn, and nginx serving the article's bytes from disk (a static file,
    same server block, same TLS as the front cache), both at every size, each next
    to what it is compared with;
  * at 15 releases (the demo) and at 2,000 releases with 20,000 reactions
    (scripts/bench_data.py).

Per row: requests/s, p50/p99 latency, errors (non-2xx/3xx answers and socket
errors), server CPU per request (utime+stime of gunicorn's master and workers, and
of nginx's, from /proc before and after the run) and queries per page (counted
in-process with Django's test client, app cache off: "N / M", the first request of
a fresh process and the next one. The second is the page's price; the first adds
what is paid once: the thread's content type per process, and storing the article's
page and its first page of reactions anew after the data changed, as populating
does) and, for the uncached rows, the page's database time (the median over 50
requests of the summed time of its queries, round trips included, measured around
each query's execution in the same process). Then the ratios to the targets of issue
12. It prints numbers and asserts nothing.

Environment (defaults): BENCH_SECONDS (15), BENCH_WARMUP (5), BENCH_THREADS (2),
BENCH_CONNECTIONS (50), BENCH_SIZES ("15,2000"), BENCH_REACTIONS (20000),
BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/denhaag_cms_bench, created if
missing; its generated releases and reactions are replaced), BENCH_CACHE_URL
(redis://127.0.0.1:6379/13, cleared), BENCH_PORT (18500: https; +1 http, +2 gunicorn).
"""

from __future__ import annotations

import json
import os
import platform
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN_LOCAL = ROOT / "deploy" / "run-local"
PYTHON = ROOT / ".venv" / "bin" / "python"

SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "5"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "50"))
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "15,2000").split(",")]
REACTIONS = int(os.environ.get("BENCH_REACTIONS", "20000"))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/denhaag_cms_bench"
)
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13")
HTTPS_PORT = int(os.environ.get("BENCH_PORT", "18500"))
HTTP_PORT = HTTPS_PORT + 1
APP_PORT = HTTPS_PORT + 2
CLK_TCK = os.sysconf("SC_CLK_TCK")

SEED_SLUG = "den-haag-toegetreden-tot-100-resilient-cities-netwerk"
PAGES = {
    "article": f"/nl/persberichten/{SEED_SLUG}/",
    "newsroom": "/nl/",
    "search": "/nl/?q=kustverdediging",
}
TRIVIAL = "/robots.txt"
DISK = "/static/bench/article.html"
# Straight to gunicorn, as nginx would send it (behind one proxy, over https).
DIRECT_HEADERS = ["X-Forwarded-Proto: https", "X-Forwarded-For: 127.0.0.1", "Host: localhost"]

# Targets of issue 12.
ARTICLE_CPU_MS = 3.5
ARTICLE_QUERIES = 5
SEARCH_DB_MS = 15
APP_CACHE_SHARE = 0.90
FRONT_CACHE_SHARE = 0.50

QUERIES = """
import json, statistics, time
from django.db import connection
from django.test import Client
client = Client(HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https")
requests = []  # per request: the time of each of its queries
def timed(execute, sql, params, many, context):
    start = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        requests[-1].append(time.perf_counter() - start)
def get(url):
    requests.append([])
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return requests[-1]
out = {{}}
with connection.execute_wrapper(timed):
    for name, url in {pages}.items():
        first, second = get(url), get(url)
        times = [sum(get(url)) for _ in range(50)]
        out[name] = {{
            "queries": f"{{len(first)}} / {{len(second)}}",
            "db_ms": statistics.median(times) * 1000,
        }}
print(json.dumps(out))
"""

HAS_PAGE_CACHE = """
import json
from django.conf import settings
print(json.dumps({"page_cache": hasattr(settings, "PAGE_CACHE_SECONDS")}))
"""

POPULATE = """
import json
from django.core.cache import cache
from scripts.bench_data import populate, reset
{call}
cache.clear()  # this benchmark's own Redis database only (BENCH_CACHE_URL)
from comments.models import Comment
from press.models import PressRelease
print(json.dumps({{"releases": PressRelease.objects.count(),
                  "reactions": Comment.objects.count()}}))
"""


def say(text: str) -> None:
    print(f"bench: {text}", flush=True)


# What the bench runs that a fresh Debian machine may lack: the program and its package.
DEBIAN_TOOLS = {"wrk": "wrk", "nginx": "nginx-light", "openssl": "openssl"}


def _found(program: str) -> str | None:
    # nginx lives in /usr/sbin, which is not on every user's PATH.
    return shutil.which(program) or shutil.which(program, path="/usr/sbin:/sbin")


def ensure_tools() -> str:
    """wrk, nginx and openssl, installed from Debian (apt-get) where missing; wrk's
    path."""
    missing = [package for program, package in DEBIAN_TOOLS.items() if not _found(program)]
    if missing:
        say(f"installing {', '.join(missing)} from Debian (apt-get)")
        sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
        install = [*sudo, "apt-get", "install", "-y", "-qq", *missing]
        if subprocess.run(install).returncode:
            # A fresh machine may have no package lists yet.
            subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)
            subprocess.run(install, check=True)
    for program in DEBIAN_TOOLS:
        if not _found(program):
            sys.exit(f"bench: {program} is missing and could not be installed")
    return _found("wrk")


def ensure_database() -> None:
    url = urllib.parse.urlsplit(DATABASE_URL)
    name = url.path.lstrip("/")
    args = ["-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432)]
    args += ["-U", url.username or "postgres"]
    exists = subprocess.run(
        [
            "psql",
            *args,
            "-d",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname='{name}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if exists != "1":
        say(f"creating the database {name}")
        subprocess.run(["createdb", *args, name], check=True)


class Layout:
    def __init__(self) -> None:
        self.run_dir = Path(tempfile.mkdtemp(prefix="denhaag-bench-"))
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "AWS_", "GUNICORN_"))
            and key not in {"DATABASE_URL", "CACHE_URL", "REDIS_URL", "SITE_URL"}
        } | {
            "DATABASE_URL": DATABASE_URL,
            "CACHE_URL": CACHE_URL,
            "DEPLOY_HTTPS_PORT": str(HTTPS_PORT),
            "DEPLOY_HTTP_PORT": str(HTTP_PORT),
            "DEPLOY_RUN_DIR": str(self.run_dir),
        }
        self.app: subprocess.Popen | None = None

    def run_local(self, *args: str, env: dict | None = None) -> str:
        result = subprocess.run(
            [str(RUN_LOCAL), *args],
            cwd=ROOT,
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode:
            sys.exit(f"bench: run-local {args[0]} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    def manage_json(self, script: str, **extra: str) -> dict:
        out = self.run_local("manage", "shell", "--no-imports", "-c", script, env=self.env | extra)
        return json.loads(out.strip().splitlines()[-1])

    def start(self) -> None:
        say(f"starting the layout (deploy/run-local) in {self.run_dir}")
        self.run_local("start")
        # The layout's gunicorn makes way for ours (same config, one more address).
        self.run_local("app-stop")
        self.app_env = dict(self.env)
        for line in self.run_local("env").splitlines():
            name, _, value = line.removeprefix("export ").partition("=")
            self.app_env[name] = shlex.split(value)[0] if value else ""

    def start_app(self, page_cache: bool) -> None:
        env = self.app_env | {
            "GUNICORN_WORKERS": "2",
            "GUNICORN_MAX_REQUESTS": "0",  # no restarts: every worker's CPU is counted
            "GUNICORN_ACCESS_LOG": str(self.run_dir / "log" / "bench-access.log"),
            "GUNICORN_ERROR_LOG": str(self.run_dir / "log" / "bench-error.log"),
        }
        if not page_cache:
            env["PAGE_CACHE_SECONDS"] = "0"
        socket = env["GUNICORN_BIND"].removeprefix("unix:")
        Path(socket).unlink(missing_ok=True)
        gunicorn = PYTHON.parent / "gunicorn"
        command = [str(gunicorn), "--config", str(ROOT / "deploy" / "gunicorn.conf.py")]
        command += ["--chdir", str(ROOT), "--pid", str(self.run_dir / "bench-gunicorn.pid")]
        command += ["-b", env["GUNICORN_BIND"], "-b", f"127.0.0.1:{APP_PORT}", "denhaag_cms.wsgi"]
        self.app = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while subprocess.run(
            ["curl", "-fsS", "-o", "/dev/null", f"http://127.0.0.1:{APP_PORT}/healthz"],
            capture_output=True,
        ).returncode:
            if self.app.poll() is not None or time.monotonic() > deadline:
                sys.exit("bench: gunicorn did not start; see " + env["GUNICORN_ERROR_LOG"])
            time.sleep(0.3)

    def stop_app(self) -> None:
        if self.app and self.app.poll() is None:
            self.app.send_signal(signal.SIGTERM)
            try:
                self.app.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.app.kill()
                self.app.wait()
        self.app = None

    def stop(self) -> None:
        self.stop_app()
        self.run_local("stop")

    def pids(self) -> list[int]:
        roots = []
        if self.app:
            roots.append(self.app.pid)
        nginx = self.run_dir / "nginx.pid"
        if nginx.exists():
            roots.append(int(nginx.read_text()))
        pids = list(roots)
        for pid in roots:
            out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
            pids += [int(p) for p in out.split()]
        return pids


def cpu_ticks(pids: list[int]) -> int:
    """utime+stime of these processes, and of their children already reaped
    (a worker that ended), from /proc/<pid>/stat."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(fields[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
    return total


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(text: str) -> dict:
    def latency(percent: str) -> float:
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        return float(match[1]) * UNITS[match[2]] if match else float("nan")

    requests = re.search(r"(\d+) requests in", text)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    return {
        "requests": int(requests[1]) if requests else 0,
        "rps": float(rate[1]) if rate else 0.0,
        "p50": latency("50"),
        "p99": latency("99"),
        "non2xx": int(non2xx[1]) if non2xx else 0,
        "socket_errors": sum(int(n) for n in socket.groups()) if socket else 0,
    }


def load(wrk: str, layout: Layout, url: str, headers: list[str]) -> dict:
    args = [wrk, f"-t{THREADS}", f"-c{CONNECTIONS}", "--timeout", "10s", "--latency"]
    for header in headers:
        args += ["-H", header]
    if WARMUP:
        subprocess.run([*args, f"-d{WARMUP}s", url], capture_output=True, check=True)
    pids = layout.pids()
    before = cpu_ticks(pids)
    out = subprocess.run([*args, f"-d{SECONDS}s", url], capture_output=True, text=True, check=True)
    used = cpu_ticks(pids) - before
    result = parse_wrk(out.stdout)
    if not result["requests"] or os.environ.get("BENCH_VERBOSE"):
        print(out.stdout, out.stderr, sep="\n", flush=True)
    result["cpu_ms"] = used / CLK_TCK * 1000 / result["requests"] if result["requests"] else 0
    return result


def check(url: str, headers: list[str], expect: int = 200) -> bytes:
    args = ["curl", "-sS", "-k", "-o", "-", "-w", "%{http_code}"]
    for header in headers:
        args += ["-H", header]
    out = subprocess.run([*args, url], capture_output=True, check=True).stdout
    body, status = out[:-3], int(out[-3:])
    if status != expect:
        sys.exit(f"bench: {url} answered {status}, not {expect}")
    return body


def main() -> None:
    wrk = ensure_tools()
    ensure_database()
    layout = Layout()
    rows: list[dict] = []
    direct = f"http://127.0.0.1:{APP_PORT}"
    front = f"https://localhost:{HTTPS_PORT}"
    try:
        layout.start()
        has_page_cache = layout.manage_json(HAS_PAGE_CACHE)["page_cache"]
        if not has_page_cache:
            say("this version has no app page cache (PAGE_CACHE_SECONDS): no app-cache rows")
        for size in SIZES:
            reactions = REACTIONS if size > 15 else 0
            call = "reset()" if size <= 15 else f"populate({size}, {reactions})"
            if size > 15:
                call = f"reset()\n{call}"
            counts = layout.manage_json(POPULATE.format(call=call))
            label = f"{counts['releases']} releases, {counts['reactions']} reactions"
            say(f"data: {label}")
            queries = layout.manage_json(QUERIES.format(pages=PAGES), PAGE_CACHE_SECONDS="0")

            size = counts["releases"]  # the demo has 16, not 15

            def measure(page, layer, url, headers, count, size=size, label=label) -> None:
                say(f"{label}: {page}, {layer}")
                result = load(wrk, layout, url, headers)
                row = {"data": size, "page": page, "layer": layer, "queries": "", "db_ms": None}
                if isinstance(count, dict):  # the page's own figures, uncached only
                    row |= count if layer == "no cache" else {}
                else:
                    row["queries"] = count
                rows.append(row | result)

            # Without the app's page cache, then with it (where this version has one);
            # the front cache and the disk baseline in front of the last of these.
            # The baselines at every size, each beside what it is compared with: the
            # trivial view just before the app cache's pages (same gunicorn), the
            # article's bytes of this size from disk just after the front cache's
            # (the machine's speed drifts over the minutes between sizes).
            modes = [False, True] if has_page_cache else [False]
            for page_cache in modes:
                layout.start_app(page_cache)
                layer = "app cache (Redis)" if page_cache else "no cache"
                if page_cache == modes[-1]:
                    check(direct + TRIVIAL, DIRECT_HEADERS)
                    measure(
                        "trivial view (/robots.txt)", "no cache", direct + TRIVIAL,
                        DIRECT_HEADERS, 0,
                    )  # fmt: skip
                for name, path in PAGES.items():
                    check(direct + path, DIRECT_HEADERS)
                    measure(name, layer, direct + path, DIRECT_HEADERS, queries[name])
                if page_cache == modes[-1]:
                    for name, path in PAGES.items():
                        check(front + path, [])
                        measure(name, "front cache (nginx)", front + path, [], queries[name])
                    article = check(direct + PAGES["article"], DIRECT_HEADERS)
                    static = Path(layout.app_env["DJANGO_STATIC_ROOT"]) / "bench"
                    static.mkdir(exist_ok=True)
                    (static / "article.html").write_bytes(article)
                    check(front + DISK, [])
                    measure("article bytes from disk", "nginx", front + DISK, [], "–")
                layout.stop_app()
    finally:
        layout.stop()
        shutil.rmtree(layout.run_dir, ignore_errors=True)
    report(rows)


def report(rows: list[dict]) -> None:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        model = cpu
    print()
    print(f"# make bench, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"machine: {model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}")
    print(f"wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s after a {WARMUP} s warm-up; "
          "gunicorn 2 sync workers; PostgreSQL; Redis")  # fmt: skip
    print()
    print(
        "| releases | page | layer | requests/s | p50 ms | p99 ms | errors "
        "| CPU ms/request | queries | DB ms |"
    )
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        errors = r["non2xx"] + r["socket_errors"]
        db_ms = "" if r["db_ms"] is None else f"{r['db_ms']:.1f}"
        print(
            f"| {r['data']} | {r['page']} | {r['layer']} | {r['rps']:,.0f} | {r['p50']:.2f} | "
            f"{r['p99']:.2f} | {errors} | {r['cpu_ms']:.2f} | {r['queries']} | {db_ms} |"
        )

    def find(page: str, layer: str, data: int | None = None) -> dict | None:
        return next(
            (
                r
                for r in rows
                if r["page"] == page and r["layer"] == layer and data in (None, r["data"])
            ),
            None,
        )

    print()
    print("Targets (issue 12):")
    for size in sorted({r["data"] for r in rows}):
        trivial = find("trivial view (/robots.txt)", "no cache", size)
        disk = find("article bytes from disk", "nginx", size)
        article = find("article", "no cache", size)
        if article:
            print(
                f"  {size:>5} releases  article, no cache: {article['cpu_ms']:.2f} ms CPU/request "
                f"(target ≤ {ARTICLE_CPU_MS}: {article['cpu_ms'] / ARTICLE_CPU_MS:.0%} of it), "
                f"{article['queries']} queries (target ≤ {ARTICLE_QUERIES})"
            )
        search = find("search", "no cache", size)
        if search and search["db_ms"] is not None:
            print(
                f"  {size:>5} releases  search, no cache: {search['db_ms']:.1f} ms database "
                f"time (target at 2,000 releases ≤ {SEARCH_DB_MS})"
            )
        newsroom = find("newsroom", "no cache", size)
        if newsroom and newsroom["db_ms"] is not None:
            print(
                f"  {size:>5} releases  newsroom, no cache: {newsroom['db_ms']:.1f} ms database "
                "time (target: flat from 15 to 2,000 releases)"
            )
        cached = find("article", "app cache (Redis)", size)
        if cached and trivial:
            share = cached["rps"] / trivial["rps"]
            print(
                f"  {size:>5} releases  article, app cache: {share:.0%} of the trivial "
                f"view's requests/s (target ≥ {APP_CACHE_SHARE:.0%})"
            )
        fronted = find("article", "front cache (nginx)", size)
        if fronted and disk:
            share = fronted["rps"] / disk["rps"]
            print(
                f"  {size:>5} releases  article, front cache: {share:.0%} of nginx from "
                f"disk (target ≥ {FRONT_CACHE_SHARE:.0%})"
            )


if __name__ == "__main__":
    main()
