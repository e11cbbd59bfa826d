"""Our side: the production layout (deploy/run-local: nginx with TLS, production
settings, PostgreSQL, Redis, the task worker) on loopback, with two gunicorns of our
own in place of the layout's: one with the page cache on, listening on the layout's
socket (behind nginx's front cache) and on a loopback port, one with it off."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from . import tools
from .tools import PORTS, ROOT, say

RUN_LOCAL = ROOT / "deploy" / "run-local"
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"

HAS_PAGE_CACHE = """
import json
from django.conf import settings
print(json.dumps({"page_cache": hasattr(settings, "PAGE_CACHE_SECONDS")}))
"""

SEED = """
import json
from press.models import PressRelease
release = PressRelease.objects.get(slug_nl={slug!r})
print(json.dumps({{"id": release.pk, "slug": release.slug_nl, "title": release.title_nl,
                  "date": release.publish_at.date().isoformat(),
                  "intro": release.lead_nl, "body": release.body_nl}}))
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

# Counted in-process with Django's test client, page cache off: per page the queries
# of a fresh process's first request and of the next one, and the median database
# time (the summed time of its queries, round trips included) of 50 requests.
QUERIES = """
import json, statistics, time
from scripts.bench.tools import new_search
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
asked = iter(range(time.time_ns() // 10**6 * 100, 10**18, 100))
def get(url, new):
    if new:
        url = new_search(url, next(asked))
    requests.append([])
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return requests[-1]
out = {{}}
with connection.execute_wrapper(timed):
    for name, url in {pages}.items():
        new = name in {new_searches}
        first, second = get(url, new), get(url, new)
        times = [sum(get(url, new)) for _ in range(50)]
        out[name] = {{
            "queries": f"{{len(first)}} / {{len(second)}}",
            "db_ms": statistics.median(times) * 1000,
        }}
print(json.dumps(out))
"""


class Ours:
    def __init__(self) -> None:
        self.run_dir = Path(tempfile.mkdtemp(prefix="denhaag-bench-"))
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "AWS_", "GUNICORN_"))
            and key not in {"DATABASE_URL", "CACHE_URL", "REDIS_URL", "SITE_URL"}
        } | {
            "DATABASE_URL": tools.DATABASE_URL,
            "CACHE_URL": tools.CACHE_URL,
            "DEPLOY_HTTPS_PORT": str(PORTS["https"]),
            "DEPLOY_HTTP_PORT": str(PORTS["http"]),
            "DEPLOY_RUN_DIR": str(self.run_dir),
            # wrk is one client: the API's limit per client would answer it 429.
            "API_RATE_LIMIT": str(10**9),
        }
        self.apps: dict[str, subprocess.Popen] = {}
        self.paused: list[int] = []

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
        # The layout's gunicorn makes way for ours (same config, more addresses).
        self.run_local("app-stop")
        self.app_env = dict(self.env)
        for line in self.run_local("env").splitlines():
            name, _, value = line.removeprefix("export ").partition("=")
            self.app_env[name] = shlex.split(value)[0] if value else ""
        if not self.manage_json(HAS_PAGE_CACHE)["page_cache"]:
            sys.exit("bench: this version has no page cache (PAGE_CACHE_SECONDS)")

    def seed_release(self, slug: str) -> dict:
        return self.manage_json(SEED.format(slug=slug))

    def populate(self, size: int) -> dict:
        call = "reset()" if size <= 15 else f"reset()\npopulate({size}, {tools.REACTIONS})"
        return self.manage_json(POPULATE.format(call=call))

    def queries(self, pages: dict[str, str], new_searches: tuple[str, ...] = ()) -> dict:
        """Per page, queries and database time (QUERIES); the pages named in
        `new_searches` are asked as a search not asked before each time."""
        script = QUERIES.format(pages=pages, new_searches=new_searches)
        return self.manage_json(script, PAGE_CACHE_SECONDS="0")

    def start_apps(self) -> None:
        """Both gunicorns: the page cache on (the layout's socket, for nginx, and a
        port) and off (a port)."""
        socket = self.app_env["GUNICORN_BIND"]
        Path(socket.removeprefix("unix:")).unlink(missing_ok=True)
        self._start_app("ours", [socket, f"127.0.0.1:{PORTS['ours']}"], {})
        self._start_app(
            "ours_uncached", [f"127.0.0.1:{PORTS['ours_uncached']}"], {"PAGE_CACHE_SECONDS": "0"}
        )

    def _start_app(self, name: str, binds: list[str], extra: dict) -> None:
        log = self.run_dir / "log" / f"bench-{name}-error.log"
        env = self.app_env | extra | gunicorn_env(self.run_dir, name)
        command = [str(tools.PYTHON.parent / "gunicorn"), "--config", str(GUNICORN_CONFIG)]
        for bind in binds:
            command += ["-b", bind]
        command += ["--chdir", str(ROOT), "denhaag_cms.wsgi"]
        self.apps[name] = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL)
        tools.wait_until_up(f"http://127.0.0.1:{PORTS[name]}/healthz", self.apps[name], log)

    def stop_apps(self) -> None:
        for app in self.apps.values():
            tools.stop_process(app)
        self.apps = {}

    def app_pids(self, name: str) -> list[int]:
        return tools.with_children([self.apps[name].pid])

    def nginx_pids(self) -> list[int]:
        pid_file = self.run_dir / "nginx.pid"
        return tools.with_children([int(pid_file.read_text())]) if pid_file.exists() else []

    def static_root(self) -> Path:
        return Path(self.app_env["DJANGO_STATIC_ROOT"])

    def pause_worker(self) -> None:
        """SIGSTOP the task worker (and its children) so that it does no work while a
        measurement runs; resume_worker() lets it go on."""
        pid_file = self.run_dir / "worker.pid"
        if not pid_file.exists():
            return
        self.paused = tools.with_children([int(pid_file.read_text())])
        for pid in self.paused:
            _signal(pid, signal.SIGSTOP)

    def resume_worker(self) -> None:
        for pid in self.paused:
            _signal(pid, signal.SIGCONT)
        self.paused = []

    def stop(self) -> None:
        self.resume_worker()
        self.stop_apps()
        self.run_local("stop")


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def gunicorn_env(run_dir: Path, name: str) -> dict:
    """The same gunicorn settings for every app server of the bench, ours and the
    peer's: deploy/gunicorn.conf.py with BENCH_WORKERS sync workers, never restarted
    (so every worker's CPU is counted), the access log written to a file."""
    return {
        "GUNICORN_WORKERS": str(tools.WORKERS),
        "GUNICORN_MAX_REQUESTS": "0",
        "GUNICORN_ACCESS_LOG": str(run_dir / "log" / f"bench-{name}-access.log"),
        "GUNICORN_ERROR_LOG": str(run_dir / "log" / f"bench-{name}-error.log"),
        "GUNICORN_PIDFILE": str(run_dir / f"bench-{name}.pid"),
    }
