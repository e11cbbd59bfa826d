"""The site's icon, and the development server's address (`make run PORT=…`)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_django.asserts import assertInHTML

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db


def test_favicon_is_served_with_a_long_cache(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert response.content == (ROOT / "static" / "favicon.ico").read_bytes()
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    # A week in browsers; a shared cache in front may add its short s-maxage.
    shared = {"s-maxage=3", "stale-if-error=600"}
    assert cache_control - shared == {"public", "max-age=604800"}


def test_pages_link_the_icon(client):
    html = client.get("/nl/").content.decode()
    assertInHTML('<link rel="icon" href="/static/favicon.ico" sizes="16x16 32x32">', html, count=1)


def site_url(**environ: str) -> str:
    """settings.SITE_URL in a fresh process with this environment."""
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT")}
    env |= {"DJANGO_DEBUG": "true", "DJANGO_SETTINGS_MODULE": "denhaag_cms.settings"}
    env |= environ
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_site_url_in_development_follows_the_port():
    assert site_url() == "http://127.0.0.1:8000"
    assert site_url(PORT="8001") == "http://127.0.0.1:8001"
    assert site_url(PORT="8001", SITE_URL="https://nieuws.example.nl/") == (
        "https://nieuws.example.nl"
    )


def make_dry_run(*args: str) -> str:
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_make_run_serves_on_port_and_passes_it_on():
    commands = make_dry_run("run", "PORT=8001")
    assert "manage.py runserver 127.0.0.1:8001" in commands
    assert "DJANGO_DEBUG=true PORT=8001 .venv/bin/python manage.py db_worker" in commands
    # A worker per queue: mail has its own, so a hanging mail server holds up only mail.
    worker = "PORT=8001 .venv/bin/python manage.py db_worker --no-reload --queue-name"
    assert f"{worker} default" in commands and f"{worker} mail" in commands
    assert "runserver 127.0.0.1:8000" not in make_dry_run("run", "PORT=8001")
    assert "manage.py runserver 127.0.0.1:8000" in make_dry_run("run")


def test_make_demoaccounts_reset_runs_in_development_with_the_venv():
    commands = make_dry_run("demoaccounts-reset")
    assert "DJANGO_DEBUG=true PORT=8000 .venv/bin/python manage.py demoaccounts --reset" in (
        commands
    )
