"""Real task workers and SMTP servers for the tests marked ``worker``.

Everything listens on loopback, on a port from ``TEST_PORT_RANGE`` (default
18100-18199), and is stopped by the fixture that started it.
"""

from __future__ import annotations

import email
import email.policy
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def free_port() -> int:
    low, high = (int(p) for p in os.environ.get("TEST_PORT_RANGE", "18100-18199").split("-"))
    for port in range(low, high + 1):
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {low}-{high}")


def became_true(condition: Callable[[], object], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> None:
    if not became_true(condition, timeout):
        raise AssertionError(f"gave up after {timeout} s waiting for {what}")


def worker_database_url() -> str:
    """The test database (as created by pytest-django), for another process."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"])
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{db['NAME']}"


class Workers:
    """`manage.py db_worker` processes on the test database, mailing to ``smtp_port``,
    running the task queues ``queues`` (comma-separated; ``*``: all of them)."""

    def __init__(
        self, count: int, *, smtp_port: int, log_dir: Path, queues: str = "*", **env: str
    ) -> None:
        self.queues = queues
        self.env = os.environ | {
            "DATABASE_URL": worker_database_url(),
            "DJANGO_DEBUG": "false",
            "DJANGO_EMAIL_BACKEND": SMTP_BACKEND,
            "DJANGO_EMAIL_HOST": "127.0.0.1",
            "DJANGO_EMAIL_PORT": str(smtp_port),
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        self.env |= env
        label = "all" if queues == "*" else queues.replace(",", "-")
        self.logs = [log_dir / f"worker-{label}-{i}.log" for i in range(count)]
        self.processes: list[subprocess.Popen] = []

    def start(self) -> Workers:
        for log in self.logs:
            self.processes.append(
                subprocess.Popen(
                    [sys.executable, "manage.py", "db_worker", "--no-reload"]
                    + ["--queue-name", self.queues, "--interval", "0.2"]
                    + ["--worker-id", f"test-worker-{log.stem}"],
                    cwd=BASE_DIR,
                    env=self.env,
                    stdout=log.open("wb"),
                    stderr=subprocess.STDOUT,
                )
            )
        return self

    def alive(self) -> bool:
        return all(process.poll() is None for process in self.processes)

    def output(self, last_lines: int = 20) -> str:
        return "\n".join(
            f"--- {log.name} (last {last_lines} lines)\n"
            + "\n".join(log.read_text(errors="replace").splitlines()[-last_lines:])
            for log in self.logs
        )

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


class HangingSMTPServer:
    """Accepts TCP connections and never says a word (not even the greeting)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.accepted: list[socket.socket] = []
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", port))
        self._listener.listen(128)
        self._listener.settimeout(0.1)
        self._running = True
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while self._running:
            try:
                conn, _address = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted.append(conn)

    def stop(self) -> None:
        self._running = False
        self._thread.join(timeout=5)
        self._listener.close()
        for conn in self.accepted:
            conn.close()


class SMTPSink:
    """A real SMTP server (aiosmtpd) that keeps what it receives."""

    def __init__(self, port: int) -> None:
        from aiosmtpd.controller import Controller

        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's chatter
        self.messages: list[email.message.EmailMessage] = []
        self.recipients: list[list[str]] = []
        self.controller = Controller(self, hostname="127.0.0.1", port=port)
        self.controller.start()

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's name)
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"

    def stop(self) -> None:
        self.controller.stop()
