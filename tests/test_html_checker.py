"""The public pages as the Nu HTML Checker (vnu, the W3C's validator) reads them: no
error on the newsroom with its filters, an article with a fresh reaction (and the page
that thanks for it), a theme, the archive, the networks, a withdrawn release and the
alerts' sign-up.

vnu runs on Java from the npm package vnu-jar: .ci/run installs both. Where they are
missing the test is skipped, except under CI=true, where it fails.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from comments.forms import issue_timestamp
from comments.models import Comment, Thread
from press.services import sync_comment_thread
from tests.conftest import make_city, make_membership, make_network, make_release, make_theme

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
VNU_JAR = Path(
    os.environ.get("VNU_JAR", ROOT / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
)


def vnu_command() -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        message = (
            f"The Nu HTML Checker needs Java and {VNU_JAR} (npm install --prefix "
            ".cache/vnu vnu-jar; apt-get install default-jre-headless), as .ci/run does."
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


@pytest.fixture
def public_pages(client, settings) -> dict[str, str]:
    """The pages' HTML by address: every kind of public page, with content."""
    settings.COMMENTS_MIN_SECONDS = 0
    theme = make_theme("Kustverdediging", "Coastal defence", slug_nl="kust", slug_en="coast")
    release = make_release("Zandmotor groeit", publish_at=timezone.now() - dt.timedelta(days=1))
    release.themes.add(theme)
    sync_comment_thread(release)
    thread = Thread.objects.for_object(release).get()
    Comment.objects.create(
        thread=thread,
        name="Sanne",
        body="Mooi plan.\nIk kom kijken.",
        status=Comment.Status.APPROVED,
        submitted_at=timezone.now().replace(microsecond=654321),
    )
    withdrawn = make_release("Ingetrokken bericht", publish_at=timezone.now() - dt.timedelta(2))
    withdrawn.status = withdrawn.Status.WITHDRAWN
    withdrawn.save()
    network = make_network("100 Resilient Cities")
    make_membership(make_city(), network)
    year = timezone.localtime(release.publish_at).year
    paths = [
        "/nl/",
        "/en/",
        f"/nl/?q=zandmotor&theme=kust&year={year}",
        "/nl/?q=niets+gevonden",
        release.get_absolute_url("nl"),
        release.get_absolute_url("en"),
        theme.get_absolute_url(),
        reverse("press:year-archive", kwargs={"year": year}),
        reverse("press:network-list"),
        network.get_absolute_url(),
        withdrawn.get_absolute_url("nl"),
        reverse("alerts:sign-up"),
    ]
    pages = {path: client.get(path).content.decode() for path in paths}
    # A fresh reaction, as a reader sends it: the page that thanks for it.
    with translation.override("nl"):
        post = reverse("comments:post", kwargs={"thread_id": thread.pk})
    response = client.post(
        post,
        {
            "name": "Fatima",
            "email": "fatima@example.org",
            "body": "Goed plan!",
            "website": "",
            "timestamp": issue_timestamp(thread.pk, issued_at=time.time() - 30),
        },
    )
    assert response.status_code in (302, 303), response.status_code
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    pages[f"{response['Location']} (after a reaction)"] = thanks.content.decode()
    for path, html in pages.items():
        assert html.lstrip().lower().startswith("<!doctype html>"), path
    return pages


def test_public_pages_have_no_html_errors(public_pages, tmp_path):
    command = vnu_command()
    files = {}
    for number, (path, html) in enumerate(public_pages.items()):
        file = tmp_path / f"page-{number}.html"
        file.write_text(html, encoding="utf-8")
        files[file.name] = path
    result = subprocess.run(
        [*command, *(str(tmp_path / name) for name in files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(Path(m.get('url', '')).name, m.get('url'))}:{m.get('lastLine')}: "
        f"{m['message']}"
        f" ({m.get('extract', '').strip()[:120]})"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors)
