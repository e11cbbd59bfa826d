"""Real parts, really stopped or hung, on loopback: our own redis-server, a TCP proxy
that can hang, a gunicorn, and a small HTTP poster that talks to them like a browser.

Ports come from FAULT_TEST_PORTS (default 18200-18299), never the shared services'.
"""

from __future__ import annotations

import html
import http.client
import os
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.utils.crypto import get_random_string

from comments.forms import issue_timestamp

ROOT = Path(__file__).resolve().parents[2]
_port_lock = threading.Lock()
_ports_taken: set[int] = set()


def free_port() -> int:
    """A free loopback port from FAULT_TEST_PORTS ("first-last")."""
    first, last = (int(p) for p in os.environ.get("FAULT_TEST_PORTS", "18200-18299").split("-"))
    with _port_lock:
        for port in range(first, last + 1):
            if port in _ports_taken:
                continue
            with socket.socket() as probe:
                try:
                    probe.bind(("127.0.0.1", port))
                except OSError:
                    continue
            _ports_taken.add(port)
            return port
    raise RuntimeError(f"no free port in {first}-{last}")


def wait_for_port(port: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


# Our own Redis --------------------------------------------------------------------


class RedisServer:
    """A redis-server of our own (never the shared one), to stop and start again."""

    def __init__(self, port: int, workdir: Path) -> None:
        self.port = port
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],  # fmt: skip
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def redis_server(tmp_path):
    if shutil.which("redis-server") is None:
        message = "redis-server is not installed (apt-get install redis-server)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = RedisServer(free_port(), tmp_path)
    server.start()
    yield server
    server.stop()


# A TCP proxy that can hang ---------------------------------------------------------


class HangingProxy:
    """Forwards 127.0.0.1:port to ``upstream``; while ``hung`` (or without an upstream)
    it accepts connections and never answers, and stops passing on bytes of the
    connections it already has: a peer that is there and says nothing."""

    def __init__(self, upstream: tuple[str, int] | None) -> None:
        self.upstream = upstream
        self.hung = upstream is None
        self.port = free_port()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._sockets: list[socket.socket] = [self._listener]
        self._stopped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _address = self._listener.accept()
            except OSError:
                return
            self._sockets.append(client)
            if self.hung:
                continue  # held open, never answered
            upstream = socket.create_connection(self.upstream)
            self._sockets.append(upstream)
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, client: socket.socket, upstream: socket.socket) -> None:
        peers = {client: upstream, upstream: client}
        while not self._stopped.is_set():
            if self.hung:
                time.sleep(0.05)
                continue
            try:
                readable, _w, _x = select.select(list(peers), [], [], 0.05)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return self._close(client, upstream)
                    peers[sock].sendall(data)
            except OSError:
                return self._close(client, upstream)

    @staticmethod
    def _close(*sockets: socket.socket) -> None:
        for sock in sockets:
            try:
                sock.close()
            except OSError:
                pass

    def stop(self) -> None:
        self._stopped.set()
        self._close(*self._sockets)


# A gunicorn of our own -------------------------------------------------------------


class Gunicorn:
    def __init__(self, env: dict[str, str]) -> None:
        self.port = free_port()
        self.log = tempfile.TemporaryFile()
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
        clean.pop("CACHE_URL", None)
        clean.pop("REDIS_URL", None)
        settings_env = {
            "DJANGO_SETTINGS_MODULE": "tests.faults.settings",
            "DJANGO_SECRET_KEY": "fault-test-" + "k" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_LOG_LEVEL": "WARNING",
            # Unless a test names one: not the file cache of a `make run` in this checkout.
            "CACHE_URL": "locmem://",
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "denhaag_cms.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--threads",
                "4",
                "--timeout",
                "30",
            ],  # fmt: skip
            cwd=ROOT,
            env=clean | settings_env | env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,  # a file, not a pipe: a full pipe would stop the server
        )
        try:
            self._wait_until_serving()
        except TimeoutError:
            self.stop()
            raise

    def _wait_until_serving(self, timeout: float = 30) -> None:
        """The master listens before its worker has loaded Django: wait for an answer
        from a page that needs neither database nor cache."""
        wait_for_port(self.port, timeout)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                request(self.url, "/robots.txt", timeout=timeout)
                return
            except OSError:
                time.sleep(0.1)
        raise TimeoutError(f"gunicorn on port {self.port} does not answer")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture
def gunicorn():
    started: list[Gunicorn] = []

    def start(**env: str) -> Gunicorn:
        server = Gunicorn(env)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


# Talking to a server like a browser ------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    text: str
    seconds: float


def request(base_url: str, path: str, *, method="GET", form=None, cookie="", timeout=35):
    parts = urlsplit(base_url)
    body = urlencode(form) if form is not None else None
    headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    started = time.monotonic()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        headers = {k.lower(): v for k, v in response.getheaders()}
        return Answer(response.status, headers, text, time.monotonic() - started)
    finally:
        conn.close()


@dataclass
class Tally:
    """What the posters saw: each reaction's text and the answer it got."""

    acknowledged: list[str] = field(default_factory=list)  # 303 to the thank-you page
    kept: list[str] = field(default_factory=list)  # 503 with the text in the page
    other: list[tuple[int, str]] = field(default_factory=list)
    errors_500: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def requests(self) -> int:
        return len(self.acknowledged) + len(self.kept) + len(self.other)


class Poster:
    """Posts reactions as a browser would: a CSRF cookie and token, a signed form
    timestamp from half a minute ago, a different text each time."""

    def __init__(self, base_url: str, thread_id: int, path: str) -> None:
        self.base_url = base_url
        self.thread_id = thread_id
        self.path = path
        self.csrf = get_random_string(32)

    def post(self, text: str, tally: Tally) -> Answer:
        form = {
            "csrfmiddlewaretoken": self.csrf,
            "name": "Fatima",
            "email": "fatima@example.org",
            "body": text,
            "website": "",
            "timestamp": issue_timestamp(self.thread_id, issued_at=time.time() - 30),
        }
        answer = request(
            self.base_url, self.path, method="POST", form=form, cookie=f"csrftoken={self.csrf}"
        )
        with tally.lock:
            if answer.status == 303 and "/bedankt/" in answer.headers.get("location", ""):
                tally.acknowledged.append(text)
            elif answer.status == 503 and html.escape(text) in answer.text:
                tally.kept.append(text)
            else:
                tally.other.append((answer.status, text))
            if answer.status >= 500 and answer.status != 503:
                tally.errors_500 += 1
        return answer


_figures: list[str] = []


def report(title: str, **figures) -> None:
    """The figures of a fault test, shown at the end of every pytest run."""
    line = ", ".join(f"{name.replace('_', ' ')}: {value}" for name, value in figures.items())
    _figures.append(f"{title}: {line}")
    print(f"\n[fault figures] {title}: {line}")


def pytest_terminal_summary(terminalreporter) -> None:
    if _figures:
        terminalreporter.section("fault figures")
        for line in _figures:
            terminalreporter.write_line(line)


def public_thread():
    """The open thread of a published release (comments ask the owner if it is public)."""
    import datetime as dt

    from django.utils import timezone

    from comments.models import Thread
    from press.services import sync_comment_thread
    from tests.conftest import make_release

    # Published an hour ago: its thread is open for COMMENTS_CLOSE_AFTER_DAYS.
    release = make_release("Storm op komst", publish_at=timezone.now() - dt.timedelta(hours=1))
    sync_comment_thread(release)
    return Thread.objects.for_object(release).get()
