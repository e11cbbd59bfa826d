"""The production layout end to end (deploy/run-local): nginx with TLS in front of
gunicorn on a unix socket, production settings, PostgreSQL and Redis, the task worker.

Marked `deploy`: it needs nginx, PostgreSQL and Redis, so `make test` leaves it out
and CI runs it with `pytest -m deploy` (see .ci/run). Environment: DEPLOY_DATABASE_URL
(an existing database of its own), DEPLOY_CACHE_URL, DEPLOY_HTTPS_PORT, DEPLOY_HTTP_PORT.
"""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import stat
import subprocess
import time
import uuid
from html import unescape

import pytest

from tests.deploy.conftest import (
    BASE,
    HTTP_PORT,
    HTTPS_PORT,
    PDF_BYTES,
    ROOT,
    RUN_LOCAL,
    S3_CREDENTIALS,
    get,
    run_local,
    running_layout,
    s3_client,
)

pytestmark = pytest.mark.deploy

# Run in the layout's own environment (deploy/run-local manage shell): a published
# release with a hero image and a PDF attachment, uploaded through Django's storage.
CREATE_RELEASE = """
import base64, io, json
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from press.models import Attachment, PressRelease
from press.tasks import make_hero_renditions

PressRelease.objects.filter(slug_nl__startswith="e2e-").delete()
image = io.BytesIO()
Image.new("RGB", (120, 80), (0, 88, 60)).save(image, "PNG")
release = PressRelease(
    title_nl="Proef door de hele keten",
    slug_nl="e2e-{tag}",
    lead_nl="Een persbericht met een afbeelding en een bijlage.",
    body_nl="<p>Tekst.</p>",
    hero_alt_nl="Groen vlak",
    status=PressRelease.Status.PUBLISHED,
    publish_at=timezone.now(),
)
# As the admin's form hands it over (measured on save: width and height stored).
release.hero_image = SimpleUploadedFile("e2e-hero.png", image.getvalue(), "image/png")
release.save()
# What the task worker does after an editor's upload: the renditions readers get.
make_hero_renditions.call(release.pk, release.hero_image.name)
release = PressRelease.objects.get(pk=release.pk)
attachment = Attachment(release=release, title_nl="Factsheet")
attachment.file = SimpleUploadedFile("factsheet.pdf", base64.b64decode("{pdf}"))
attachment.save()  # sniffed as the admin's upload is: served as application/pdf
print(json.dumps({{
    "page": release.get_absolute_url(),
    "image": release.hero_picture.src,
    "original": release.hero_image.url,
    "pdf": attachment.get_absolute_url(),
    "pdf_stored": attachment.file.url,
    "pdf_size": attachment.size,
}}))
"""


# A chief editor withdraws the release (and publishes it again), through the workflow.
WITHDRAW = """
import json, time
from django.contrib.auth import get_user_model
from press import workflow
from press.models import PressRelease
chief, _ = get_user_model().objects.get_or_create(
    username="e2e-chief", defaults={{"is_staff": True, "is_superuser": True}}
)
release = PressRelease.objects.get(slug_nl="{page}".strip("/").rsplit("/", 1)[-1])
workflow.change_status(
    release, PressRelease.Status.WITHDRAWN, user=chief, explanation={{"nl": "Onjuiste cijfers."}}
)
print(json.dumps({{"at": time.time()}}))
"""
WITHDRAWING = (
    'PressRelease.Status.WITHDRAWN, user=chief, explanation={{"nl": "Onjuiste cijfers."}}'
)
REPUBLISH = WITHDRAW.replace(WITHDRAWING, "PressRelease.Status.PUBLISHED, user=chief")


@pytest.fixture(scope="module", params=["filesystem", "s3"])
def layout(request, tmp_path_factory):
    """Start the layout (media on the file system, then on S3), stop it afterwards."""
    extra = {}
    if request.param == "s3":
        endpoint = request.getfixturevalue("s3_endpoint")
        bucket = f"media-{uuid.uuid4().hex[:12]}"
        s3_client(endpoint).create_bucket(Bucket=bucket)  # private: readers go via the app
        extra = S3_CREDENTIALS | {
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": endpoint,
            "AWS_S3_ADDRESSING_STYLE": "path",
        }
    script = CREATE_RELEASE.format(tag=request.param, pdf=base64.b64encode(PDF_BYTES).decode())
    with running_layout(
        tmp_path_factory.mktemp(f"prod-{request.param}"), request.param, script, extra
    ) as layout:
        yield layout


def test_article_with_hero_image_and_attachment_is_served_through_nginx(layout):
    status, headers, body = get(layout, layout.release["page"])
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Server"] == "nginx"  # through nginx, not the app server
    html = body.decode()
    assert "Proef door de hele keten</h1>" in html
    # Behind the proxy the app knows the request came in over https (X-Forwarded-Proto):
    # its absolute addresses are https, on the host and port the reader used.
    assert f'hreflang="nl" href="{BASE}{layout.release["page"]}"' in html

    image_src = unescape(re.search(r'<img src="([^"]+)" srcset="[^"]+"[^>]*alt="Groen', html)[1])
    pdf_href = unescape(re.search(r'<a href="([^"]+)" download[^>]*>Factsheet', html)[1])
    # The JPEG rendition, never the original; attachments through the download view.
    assert image_src == layout.release["image"]
    assert layout.release["original"] not in html
    assert pdf_href == layout.release["pdf"]
    # Attachments go through the app's download view, which asks whether the release
    # is public (press.views.attachment_download); their stored name is random.
    assert pdf_href.startswith("/nl/persberichten/bijlagen/")
    stored = layout.release["pdf_stored"]
    # The image through the app too, which asks the same; nothing links to the storage.
    assert image_src.startswith("/renditions/")
    if layout.media == "filesystem":
        assert stored.startswith("/media/press/attachments/")
    else:
        env = layout.env
        bucket_url = f"{env['AWS_S3_ENDPOINT_URL']}/{env['AWS_STORAGE_BUCKET_NAME']}/"
        assert stored.startswith(bucket_url + "press/attachments/")
        assert bucket_url not in html
    assert "factsheet" not in stored.lower()

    status, headers, body = get(layout, image_src)
    assert status == 200
    assert headers["Content-Type"] == "image/jpeg"
    assert body.startswith(b"\xff\xd8\xff")
    assert headers["Cache-Control"] == "public, max-age=3600, s-maxage=3, stale-if-error=600"
    assert headers["X-Content-Type-Options"] == "nosniff"

    status, headers, body = get(layout, pdf_href)
    assert status == 200
    assert headers["Server"] == "nginx"
    assert headers["Content-Type"] == "application/pdf"
    assert body == PDF_BYTES
    assert int(headers["Content-Length"]) == layout.release["pdf_size"] == len(PDF_BYTES)
    # Browsers an hour, the front cache a few seconds (and a stale copy only while the
    # app cannot answer): denhaag_cms/frontcache.py.
    assert headers["Cache-Control"] == "public, max-age=3600, s-maxage=3, stale-if-error=600"
    assert headers["X-Content-Type-Options"] == "nosniff"

    # The uploads as they were uploaded are never served: not the original image (its
    # name is in its renditions'), not the attachment at its stored name; and nothing
    # from the media folder, renditions included (/media/__processed__/…).
    if layout.media == "filesystem":
        processed = sorted((layout.run_dir / "media" / "__processed__").rglob("*.jpg"))[0]
        in_media = "/media/" + str(processed.relative_to(layout.run_dir / "media"))
        for original in (layout.release["original"], stored, in_media):
            status, _headers, body = get(layout, original)
            assert status == 404, original
            assert not body.startswith((b"\x89PNG", b"\xff\xd8")) and body != PDF_BYTES


def test_a_withdrawn_releases_attachment_and_image_are_gone_through_nginx_within_seconds(
    layout,
):
    """The attachment went already; the hero image's renditions stayed public (files
    nginx or the bucket served to anyone with the address)."""
    pdf, image = layout.release["pdf"], layout.release["image"]
    for address in (pdf, image):
        assert get(layout, address)[0] == 200
        assert get(layout, address)[1]["X-Cache-Status"] == "HIT"  # kept a few seconds
    script = WITHDRAW.format(page=layout.release["page"])
    withdrawn = json.loads(run_local(layout.env, "manage", "shell", "-c", script).splitlines()[-1])
    try:
        seconds = {}
        for address in (pdf, image):
            deadline = withdrawn["at"] + 5
            while get(layout, address)[0] != 404 and time.time() < deadline:
                time.sleep(0.2)
            status, _headers, body = get(layout, address)
            seconds[address] = time.time() - withdrawn["at"]
            assert status == 404, f"{address} of the withdrawn release still served after 5 s"
            assert body != PDF_BYTES and not body.startswith(b"\xff\xd8")
        print(f"\nWithdrawn ({layout.media}): 404 through nginx after {seconds}")
    finally:
        run_local(
            layout.env, "manage", "shell", "-c", REPUBLISH.format(page=layout.release["page"])
        )


def test_static_files_are_served_by_nginx_with_a_long_cache(layout):
    _status, _headers, body = get(layout, "/nl/")
    stylesheet = re.search(r'<link rel="stylesheet" href="(/static/[^"]+\.css)"', body.decode())[1]
    # The manifest storage gave it a content hash, so it may be cached for a year.
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet)
    status, headers, css = get(layout, stylesheet)
    assert status == 200
    assert headers["Content-Type"] == "text/css"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert b"{" in css


def test_health_check_and_https_redirect(layout):
    status, headers, body = get(layout, "/healthz")
    assert status == 200
    assert json.loads(body)["status"] == "ok"
    assert "no-store" in headers["Cache-Control"]
    # Plain HTTP: the health check answers there too; everything else goes to https.
    status, _headers, body = get(layout, f"http://127.0.0.1:{HTTP_PORT}/healthz")
    assert status == 200 and json.loads(body)["status"] == "ok"
    status, headers, _body = get(layout, f"http://127.0.0.1:{HTTP_PORT}/nl/")
    assert status == 301
    assert headers["Location"] == f"https://127.0.0.1:{HTTPS_PORT}/nl/"


def test_nginx_appends_the_client_address_to_x_forwarded_for(layout):
    """With DJANGO_TRUSTED_PROXY_COUNT=1 the app takes the last entry: the address
    nginx saw, not what the client wrote in front of it."""
    probe = f"/nl/?probe={uuid.uuid4().hex}"
    status, _headers, _body = get(layout, probe, **{"X-Forwarded-For": "203.0.113.9"})
    assert status == 200
    # gunicorn writes the line after it has sent the response: wait for it, bounded.
    log = layout.run_dir / "log" / "gunicorn-access.log"
    deadline = time.monotonic() + 5
    while probe not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    line = next(line for line in log.read_text().splitlines() if probe in line)
    assert line.startswith(f'203.0.113.9, 127.0.0.1 "GET {probe} HTTP/1.1" 200 ')


def test_private_media_are_never_served_directly(layout):
    private = layout.run_dir / "media" / "private"
    private.mkdir(parents=True, exist_ok=True)
    (private / "concept.pdf").write_bytes(PDF_BYTES)
    status, _headers, body = get(layout, "/media/private/concept.pdf")
    assert status == 404
    assert body != PDF_BYTES


def listening_pids() -> dict[int, list[str]]:
    """Listening TCP sockets by pid: {pid: ["127.0.0.1:18343", …]}."""
    out = subprocess.run(["ss", "-Hltnp"], capture_output=True, text=True, check=True).stdout
    pids: dict[int, list[str]] = {}
    for line in out.splitlines():
        local = line.split()[3]
        for pid in re.findall(r"pid=(\d+)", line):
            pids.setdefault(int(pid), []).append(local)
    return pids


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def test_app_server_is_reachable_only_through_nginx(layout):
    gunicorn = layout.pid("gunicorn")
    app_pids = {gunicorn, *children(gunicorn)}
    assert len(app_pids) >= 2  # the master and its workers
    listening = listening_pids()
    # gunicorn has no TCP port at all: only the unix socket, for our user and group.
    assert not app_pids & listening.keys(), {p: listening[p] for p in app_pids & listening.keys()}
    sock = layout.run_dir / "gunicorn.sock"
    mode = sock.stat().st_mode
    assert stat.S_ISSOCK(mode)
    assert mode & 0o007 == 0, oct(mode)
    # nginx listens on loopback only, on its two ports.
    nginx = layout.pid("nginx")
    nginx_addresses = set()
    for pid in (nginx, *children(nginx)):
        nginx_addresses |= set(listening.get(pid, []))
    assert nginx_addresses == {f"127.0.0.1:{HTTPS_PORT}", f"127.0.0.1:{HTTP_PORT}"}


def test_task_worker_runs_when_the_project_has_one(layout):
    has_worker = (
        subprocess.run(
            [str(RUN_LOCAL), "manage", "help", "db_worker"],
            cwd=ROOT,
            env=layout.env,
            capture_output=True,
        ).returncode
        == 0
    )
    status = run_local(layout.env, "status")
    if has_worker:
        assert f"worker: running ({layout.pid('worker')})" in status
        # Mail has a worker of its own (a hanging mail server holds up nothing else).
        assert f"worker-mail: running ({layout.pid('worker-mail')})" in status
    else:
        assert "worker: stopped" in status
    assert f"gunicorn: running ({layout.pid('gunicorn')})" in status


def test_healthz_answers_in_time_while_every_app_worker_is_blocked(layout):
    """/healthz was answered by the same two sync workers as the pages: with them all
    blocked (a hanging database, a flood) nginx gave its 504 after 5 s. It has a
    server of its own now. Here the whole app server is frozen (SIGSTOP)."""
    gunicorn = layout.pid("gunicorn")
    assert layout.pid("health") not in {gunicorn, *children(gunicorn)}
    os.killpg(gunicorn, signal.SIGSTOP)  # its own session: the master and its workers
    try:
        timings = []
        for url in ("/healthz", f"http://127.0.0.1:{HTTP_PORT}/healthz"):
            started = time.monotonic()
            status, headers, body = get(layout, url)
            timings.append(time.monotonic() - started)
            assert status == 200, (url, status, body[:200])
            assert json.loads(body) == {"status": "ok", "database": "ok", "cache": "ok"}
            assert "no-store" in headers["Cache-Control"]
        print(f"\n/healthz with every app worker stopped: {[round(t, 2) for t in timings]} s")
        assert max(timings) < 2
    finally:
        os.killpg(gunicorn, signal.SIGCONT)
    assert get(layout, "/nl/")[0] == 200


def test_gunicorns_access_log_has_no_share_link_token(layout):
    token = "A" * 20 + "b-_" + "9" * 20  # a share link's shape (unknown: the app's 404)
    status, _headers, _body = get(layout, f"/nl/embargo/{token}/")
    assert status == 404
    log = layout.run_dir / "log" / "gunicorn-access.log"
    deadline = time.monotonic() + 5
    while "/nl/embargo/[token]/" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "/nl/embargo/[token]/" in log.read_text()
    assert token not in log.read_text()
