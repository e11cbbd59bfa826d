"""What every part of `make bench` shares: settings, the Debian tools, the database,
the load gate, CPU time from /proc, and running wrk."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
WORK_DIR = ROOT / ".bench"  # git-ignored: the peer's virtualenv and project

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "3"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "50"))
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "15,2000").split(",")]
REACTIONS = int(os.environ.get("BENCH_REACTIONS", "20000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
# The load gate: the share of the whole machine's CPU time that must be idle over
# BENCH_QUIET_WINDOW seconds before a measurement starts, and how long to wait for it.
QUIET_IDLE = float(os.environ.get("BENCH_QUIET_IDLE", "0.90"))
QUIET_WINDOW = float(os.environ.get("BENCH_QUIET_WINDOW", "2"))
QUIET_WAIT = float(os.environ.get("BENCH_QUIET_WAIT", "120"))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/denhaag_cms_bench"
)
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13")
PEER_DATABASE_URL = os.environ.get(
    "BENCH_PEER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_wagtail"
)
PEER_CACHE_URL = os.environ.get("BENCH_PEER_CACHE_URL", "redis://127.0.0.1:6379/14")
PORT = int(os.environ.get("BENCH_PORT", "18500"))
PORTS = {
    "https": PORT,  # the layout's nginx, TLS
    "http": PORT + 1,  # the layout's nginx, plain HTTP
    "ours": PORT + 2,  # our gunicorn, page cache on (also on the layout's socket)
    "ours_uncached": PORT + 3,  # our gunicorn, page cache off
    "peer": PORT + 4,  # Wagtail, uncached
    "peer_cached": PORT + 5,  # Wagtail with Django's per-site cache
    "floor": PORT + 6,  # nginx, worker_processes auto, plain HTTP, no access log
}
CLK_TCK = os.sysconf("SC_CLK_TCK")


def say(text: str) -> None:
    print(f"bench: {text}", flush=True)


# What the bench runs that a fresh Debian machine may lack: the program and its package.
DEBIAN_TOOLS = {
    "wrk": "wrk",
    "nginx": "nginx-light",
    "openssl": "openssl",
    "psql": "postgresql-client",
}


def found(program: str) -> str | None:
    # nginx lives in /usr/sbin, which is not on every user's PATH.
    return shutil.which(program) or shutil.which(program, path="/usr/sbin:/sbin")


def ensure_tools() -> None:
    """wrk, nginx, openssl and psql, installed from Debian (apt-get) where missing."""
    missing = [package for program, package in DEBIAN_TOOLS.items() if not found(program)]
    if missing:
        say(f"installing {', '.join(missing)} from Debian (apt-get)")
        sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
        # Another apt-get may hold dpkg's lock for a while: wait for it.
        install = [*sudo, "apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y", "-qq"]
        install += missing
        if subprocess.run(install).returncode:
            # A fresh machine may have no package lists yet.
            subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)
            subprocess.run(install, check=True)
    for program in DEBIAN_TOOLS:
        if not found(program):
            sys.exit(f"bench: {program} is missing and could not be installed")


def ensure_database(database_url: str) -> None:
    """The PostgreSQL database of this URL, created if missing."""
    url = urllib.parse.urlsplit(database_url)
    name = url.path.lstrip("/")
    args = ["-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432)]
    args += ["-U", url.username or "postgres"]
    query = f"SELECT 1 FROM pg_database WHERE datname='{name}'"
    exists = subprocess.run(
        ["psql", *args, "-d", "postgres", "-tAc", query],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if exists != "1":
        say(f"creating the database {name}")
        subprocess.run(["createdb", *args, name], check=True)


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while subprocess.run(["curl", "-fsS", "-o", "/dev/null", url], capture_output=True).returncode:
        if process.poll() is not None or time.monotonic() > deadline:
            sys.exit(f"bench: {url} did not come up; see {log}")
        time.sleep(0.3)


def stop_process(process: subprocess.Popen | None) -> None:
    """SIGTERM (gunicorn's and nginx's graceful stop), then SIGKILL after 40 s."""
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def with_children(pids: list[int]) -> list[int]:
    """These processes and their children (gunicorn's and nginx's workers)."""
    found_pids = list(pids)
    for pid in pids:
        out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
        found_pids += [int(p) for p in out.split()]
    return found_pids


def cpu_ticks(pids: list[int]) -> int:
    """utime+stime of these processes, and of their children already reaped (a
    worker that ended), from /proc/<pid>/stat."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(fields[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
    return total


def _cpu_times() -> tuple[int, int]:
    """The whole machine's (idle, total) ticks since boot (/proc/stat's first line;
    idle includes iowait)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return values[3] + values[4], sum(values[:8])


def idle_share(window: float) -> float:
    idle_before, total_before = _cpu_times()
    time.sleep(window)
    idle_after, total_after = _cpu_times()
    return (idle_after - idle_before) / max(total_after - total_before, 1)


def wait_until_quiet() -> float:
    """The load gate: wait until the machine's CPUs were at least QUIET_IDLE idle over
    the last QUIET_WINDOW seconds, for at most QUIET_WAIT seconds; the idle share
    seen. /proc/stat rather than the load average: the 1-minute average still counts
    the previous measurement for a minute after it ended."""
    deadline = time.monotonic() + QUIET_WAIT
    while True:
        idle = idle_share(QUIET_WINDOW)
        if idle >= QUIET_IDLE:
            return idle
        if time.monotonic() >= deadline:
            say(
                f"WARNING: the machine did not get quiet within {QUIET_WAIT:.0f} s "
                f"({idle:.0%} idle, the gate wants {QUIET_IDLE:.0%}, load average "
                f"{os.getloadavg()[0]:.2f}); measuring anyway, the row is marked"
            )
            return idle


def drain(pids: list[int], limit: float = 60) -> None:
    """Wait until these processes stop using CPU: requests that the warm-up left queued
    in the server's backlog would otherwise be served, and their CPU counted, during
    the measurement, whose requests do not include them."""
    deadline = time.monotonic() + limit
    ticks = cpu_ticks(pids)
    while time.monotonic() < deadline:
        time.sleep(0.25)
        ticks, before = cpu_ticks(pids), ticks
        if ticks == before:
            return


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(text: str) -> dict:
    requests = re.search(r"(\d+) requests in", text)

    def latency(percent: str) -> float:
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        if not match or not requests or not int(requests[1]):
            return float("nan")  # wrk prints 0 when no request completed
        return float(match[1]) * UNITS[match[2]]

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
        "errors": (int(non2xx[1]) if non2xx else 0)
        + (sum(int(n) for n in socket.groups()) if socket else 0),
    }


NEW_SEARCH_SCRIPT = Path(__file__).with_name("new_search.lua")
_MARKS = ("%2E", "%2C", "%3B", "%3A", "%21", "%3F")


def new_search(url: str, number: int) -> str:
    """`url` (a search) made new with `number`: punctuation appended to its words,
    which the search ignores. As scripts/bench/new_search.lua does for wrk."""
    suffix = ""
    while number > 0:
        suffix += _MARKS[number % 6]
        number //= 6
    return url + suffix


@dataclass
class Target:
    """One row of the table: a URL, and the server processes whose CPU it costs."""

    side: str  # "ours", "peer" or "floor"
    page: str
    layer: str
    url: str
    pids: Callable[[], list[int]]
    headers: list[str] = field(default_factory=list)
    queries: str = ""
    db_ms: float | None = None
    new_search: bool = False  # every request a search not asked before (new_search.lua)


def check(url: str, headers: list[str], expect: int = 200) -> bytes:
    args = ["curl", "-sS", "-k", "-o", "-", "-w", "%{http_code}"]
    for header in headers:
        args += ["-H", header]
    out = subprocess.run([*args, url], capture_output=True, check=True).stdout
    body, status = out[:-3], int(out[-3:])
    if status != expect:
        sys.exit(f"bench: {url} answered {status}, not {expect}")
    return body


def load(target: Target) -> dict:
    """The load gate, a warm-up, then wrk for SECONDS with the server's CPU counted."""
    wrk = found("wrk")
    args = [wrk, f"-t{THREADS}", f"-c{CONNECTIONS}", "--timeout", "10s", "--latency"]
    for header in target.headers:
        args += ["-H", header]
    if target.new_search:
        args += ["-s", str(NEW_SEARCH_SCRIPT)]

    def url() -> list[str]:  # with the new-search script: a number no run used before
        return [target.url, str(time.time_ns() // 10**6)] if target.new_search else [target.url]

    idle = wait_until_quiet()
    pids = target.pids()
    if WARMUP:
        subprocess.run([*args, f"-d{WARMUP}s", *url()], capture_output=True, check=True)
        drain(pids)
    before = cpu_ticks(pids)
    out = subprocess.run(
        [*args, f"-d{SECONDS}s", *url()], capture_output=True, text=True, check=True
    )
    used = cpu_ticks(pids) - before
    result = parse_wrk(out.stdout)
    if not result["requests"] or os.environ.get("BENCH_VERBOSE"):
        print(out.stdout, out.stderr, sep="\n", flush=True)
    requests = result["requests"]
    result["cpu_ms"] = used / CLK_TCK * 1000 / requests if requests else float("nan")
    result["idle"] = idle
    return result
