"""What the deploy tests share: a local S3 server (moto's server mode) for the
media-storage tests, and the production layout (deploy/run-local) started and stopped
around a module's tests (test_layout, test_front_cache)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import HTTPRedirectHandler, HTTPSHandler, Request, build_opener

import pytest

# moto_server listens here (loopback only); TEST_S3_PORT moves it.
S3_PORT = int(os.environ.get("TEST_S3_PORT", "18390"))
S3_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_S3_REGION_NAME": "us-east-1",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory) -> str:
    """Start moto_server on loopback for this session; its address."""
    executable = shutil.which("moto_server", path=str(Path(sys.executable).parent))
    if executable is None:
        pytest.fail("moto_server is missing: `pip install --group dev` (moto[server])")
    if _port_open(S3_PORT):
        pytest.fail(f"port {S3_PORT} is taken; set TEST_S3_PORT to a free port")
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [executable, "-H", "127.0.0.1", "-p", str(S3_PORT)], stdout=out, stderr=out
        )
    try:
        deadline = time.monotonic() + 30
        while not _port_open(S3_PORT):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"moto_server did not start: {log.read_text()}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{S3_PORT}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def s3_client(endpoint: str):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def _pdf() -> bytes:
    """A small, well-formed PDF (one empty page), its cross-reference table computed."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


PDF_BYTES = _pdf()


# -- the production layout (deploy/run-local), for test_layout and test_front_cache --

ROOT = Path(__file__).resolve().parents[2]
RUN_LOCAL = ROOT / "deploy" / "run-local"
HTTPS_PORT = int(os.environ.get("DEPLOY_HTTPS_PORT", "18343"))
HTTP_PORT = int(os.environ.get("DEPLOY_HTTP_PORT", "18380"))
DATABASE_URL = os.environ.get(
    "DEPLOY_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/denhaag_cms_e2e"
)
CACHE_URL = os.environ.get("DEPLOY_CACHE_URL", "redis://127.0.0.1:6379/14")
BASE = f"https://localhost:{HTTPS_PORT}"


@dataclass
class Layout:
    run_dir: Path
    env: dict
    media: str
    release: dict

    def pid(self, name: str) -> int:
        return int((self.run_dir / f"{name}.pid").read_text())


def run_local(env: dict, *args: str, timeout: int = 240) -> str:
    result = subprocess.run(
        [str(RUN_LOCAL), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(
    layout: Layout, url: str, method: str = "GET", **headers: str
) -> tuple[int, Message, bytes]:
    """GET (or `method`) through nginx, trusting the layout's own certificate;
    redirects not followed."""
    context = ssl.create_default_context(cafile=str(layout.run_dir / "tls.crt"))
    opener = build_opener(HTTPSHandler(context=context), NoRedirect)
    if url.startswith("/"):
        url = BASE + url
    try:
        request = Request(url, headers={"Accept-Encoding": "identity"} | headers, method=method)
        with opener.open(request, timeout=20) as r:
            return r.status, r.headers, r.read()
    except HTTPError as error:
        return error.code, error.headers, error.read()


def layout_env(run_dir: Path, extra: dict[str, str]) -> dict[str, str]:
    """This process's environment without the project's settings, then the layout's."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "AWS_", "GUNICORN_"))
        and key not in {"DATABASE_URL", "CACHE_URL", "REDIS_URL", "SITE_URL"}
    }
    return (
        env
        | {
            "DATABASE_URL": DATABASE_URL,
            "CACHE_URL": CACHE_URL,
            "DEPLOY_HTTPS_PORT": str(HTTPS_PORT),
            "DEPLOY_HTTP_PORT": str(HTTP_PORT),
            "DEPLOY_RUN_DIR": str(run_dir),
        }
        | extra
    )


@contextmanager
def running_layout(
    run_dir: Path, media: str, script: str, extra: dict[str, str] | None = None
) -> Iterator[Layout]:
    """Start the layout in `run_dir`, run `script` in its `manage shell` (its last line
    of output is JSON: the Layout's `release`), and stop it cleanly afterwards: no
    process left, no port open, no socket left behind."""
    for port in (HTTPS_PORT, HTTP_PORT):
        if port_open(port):
            pytest.fail(f"port {port} is taken; set DEPLOY_HTTPS_PORT/DEPLOY_HTTP_PORT")
    env = layout_env(run_dir, extra or {})
    try:
        run_local(env, "start")
        output = run_local(env, "manage", "shell", "--no-imports", "-c", script)
        yield Layout(run_dir, env, media, json.loads(output.strip().splitlines()[-1]))
    finally:
        pids = [
            int(path.read_text()) for path in run_dir.glob("*.pid") if path.read_text().strip()
        ]
        run_local(env, "stop", timeout=120)
        assert not [pid for pid in pids if Path(f"/proc/{pid}").exists()]
        assert not port_open(HTTPS_PORT) and not port_open(HTTP_PORT)
        assert not (run_dir / "gunicorn.sock").exists()
