"""The peer: a minimal Wagtail news site (scripts/bench_peer/) holding the seed
release as one page, built in its own virtualenv under .bench/ and served by the
same gunicorn settings as ours, uncached and with Django's per-site cache."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import tools
from .ours import GUNICORN_CONFIG, gunicorn_env
from .tools import PORTS, ROOT, WORK_DIR, say

TEMPLATE = ROOT / "scripts" / "bench_peer"
VENV = WORK_DIR / "venv"
SITE = WORK_DIR / "peer"
# Django's own Redis backend needs redis-py; psycopg for PostgreSQL.
REQUIREMENTS = ["wagtail==8.0.1", "gunicorn", "psycopg[binary]", "redis"]


class Peer:
    def __init__(self, run_dir: Path) -> None:
        self.run_dir = run_dir
        self.apps: dict[str, subprocess.Popen] = {}
        self.env = {
            key: os.environ[key] for key in ("PATH", "HOME", "LANG", "TMPDIR") if key in os.environ
        } | {
            "PEER_DATABASE_URL": tools.PEER_DATABASE_URL,
            "PEER_CACHE_URL": tools.PEER_CACHE_URL,
            "DJANGO_SETTINGS_MODULE": "peersite.settings",
        }

    def build(self, release: dict) -> str:
        """The virtualenv (made once, again when REQUIREMENTS change), the project
        copied from its template, migrated, and the release loaded; the page's path."""
        stamp = VENV / "bench-requirements.txt"
        wanted = "\n".join(REQUIREMENTS) + "\n"
        if not stamp.exists() or stamp.read_text() != wanted:
            say(f"building the peer's virtualenv in {VENV}: {' '.join(REQUIREMENTS)}")
            shutil.rmtree(VENV, ignore_errors=True)
            # The interpreter running the bench makes it (a virtualenv of the base Python).
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
            pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "-q", *REQUIREMENTS]
            log = WORK_DIR / "pip.log"
            with log.open("w") as out:
                if subprocess.run(pip, stdout=out, stderr=subprocess.STDOUT).returncode:
                    sys.exit(f"bench: pip could not install the peer; see {log}")
            stamp.write_text(wanted)
        shutil.rmtree(SITE, ignore_errors=True)
        shutil.copytree(TEMPLATE, SITE, ignore=shutil.ignore_patterns("__pycache__"))
        tools.ensure_database(tools.PEER_DATABASE_URL)
        say("peer: makemigrations, migrate, loadseed")
        self.manage("makemigrations", "news", "-v", "0")
        self.manage("migrate", "--no-input", "-v", "0")
        seed = SITE / "release.json"
        seed.write_text(json.dumps(release))
        return self.manage("loadseed", str(seed)).strip().splitlines()[-1]

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [str(VENV / "bin" / "python"), "manage.py", *args],
            cwd=SITE,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            sys.exit(f"bench: peer manage.py {args[0]} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    def start(self) -> None:
        """Two gunicorns: uncached, and with the per-site cache (its cache emptied
        first, so that it holds only what this build serves)."""
        self.manage("shell", "-c", "from django.core.cache import cache; cache.clear()")
        self._start("peer", {})
        self._start("peer_cached", {"PEER_SITE_CACHE": "1"})

    def _start(self, name: str, extra: dict) -> None:
        bind = f"127.0.0.1:{PORTS[name]}"
        env = self.env | extra | gunicorn_env(self.run_dir, name) | {"GUNICORN_BIND": bind}
        command = [str(VENV / "bin" / "gunicorn"), "--config", str(GUNICORN_CONFIG)]
        command += ["-b", bind, "--chdir", str(SITE), "peersite.wsgi"]
        self.apps[name] = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL)
        log = self.run_dir / "log" / f"bench-{name}-error.log"
        # Wagtail's default root page has no template of its own; its login page does.
        tools.wait_until_up(f"http://127.0.0.1:{PORTS[name]}/admin/login/", self.apps[name], log)

    def pids(self, name: str) -> list[int]:
        return tools.with_children([self.apps[name].pid])

    def stop(self) -> None:
        for app in self.apps.values():
            tools.stop_process(app)
        self.apps = {}
