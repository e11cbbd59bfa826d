"""The physical floor: nginx as it comes, with one worker per core
(`worker_processes auto`), serving a page's bytes as a file over plain HTTP with no
access log. Nothing that serves those bytes over HTTP on this machine can do much
better; the layout's own nginx (one worker, TLS, an access log) is measured serving
the same file beside it."""

from __future__ import annotations

import getpass
import subprocess
from pathlib import Path

from . import tools
from .tools import PORTS

CONFIG = """\
user {user};
worker_processes auto;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
daemon off;

events {{
    worker_connections 1024;
}}

http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65s;
    access_log off;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;

    server {{
        listen 127.0.0.1:{port};
        root {dir}/www;
    }}
}}
"""


class Floor:
    def __init__(self, run_dir: Path) -> None:
        self.dir = run_dir / "floor"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        (self.dir / "tmp").mkdir(parents=True, exist_ok=True)
        (self.dir / "www").mkdir(exist_ok=True)
        config = self.dir / "nginx.conf"
        config.write_text(CONFIG.format(user=getpass.getuser(), dir=self.dir, port=PORTS["floor"]))
        (self.dir / "www" / "healthz").write_text("ok\n")
        nginx = tools.found("nginx")
        command = [
            nginx,
            "-p",
            str(self.dir),
            "-c",
            str(config),
            "-e",
            str(self.dir / "error.log"),
        ]
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{PORTS['floor']}/healthz"
        tools.wait_until_up(url, self.process, self.dir / "error.log")

    def serve(self, name: str, content: bytes) -> str:
        """This content as a file; its URL."""
        (self.dir / "www" / name).write_bytes(content)
        return f"http://127.0.0.1:{PORTS['floor']}/{name}"

    def pids(self) -> list[int]:
        return tools.with_children([self.process.pid]) if self.process else []

    def stop(self) -> None:
        tools.stop_process(self.process)
        self.process = None
