"""The restore drill (docs/operations.md, "Backups and the restore drill"): the demo
with reactions, subscriptions and a release's history, backed up with `make backup`
(pg_dump's custom format and every media file, on the file system or in an S3
bucket), restored with `make restore` into an empty database and empty storage, and
served by a second layout: the same pages, the same history, the same subscriptions,
the same image bytes.

Marked `deploy`; each layout is started by tests/deploy/conftest.py (running_layout)
on the same ports, one after the other. Its own two databases (created and dropped
here), on the server of DEPLOY_DATABASE_URL.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
import uuid
from urllib.parse import urlsplit

import psycopg
import pytest

from tests.deploy.conftest import (
    DATABASE_URL,
    ROOT,
    S3_CREDENTIALS,
    Layout,
    get,
    run_local,
    running_layout,
    s3_client,
)

pytestmark = pytest.mark.deploy

# Run in layout A: besides the demo, a reaction approved and one waiting, a confirmed
# subscription with themes and an unconfirmed one, and a release withdrawn and
# published again (two more versions in its history). Prints what to compare.
FILL = """
import json
from django.contrib.auth import get_user_model
from comments import services as comments
from comments.models import Comment, Thread
from alerts import services as alerts, tokens
from press import workflow
from press.models import PressRelease, Theme
from press.tasks import make_hero_renditions

chief, _ = get_user_model().objects.get_or_create(
    username="drill-chief", defaults={"is_staff": True, "is_superuser": True}
)
# The worker makes the demo's renditions; here, at once, so both layouts show them.
for release in PressRelease.objects.exclude(hero_image=""):
    make_hero_renditions.call(release.pk, release.hero_image.name)
thread = Thread.objects.open().first()
for body, status in (("Bewaard en teruggezet.", "approved"), ("Wacht op moderatie.", "pending")):
    comment = comments.post_comment(
        thread_id=thread.pk, name="Drill", email="drill@example.org", body=body,
        ip_address="192.0.2.1",
    )
    comments.moderate(Comment.objects.filter(pk=comment.pk), status=status, user=chief)
themes = list(Theme.objects.all()[:2])
confirmed, _kind = alerts.sign_up(
    email="lezer@example.org", language="nl", frequency="daily", all_releases=False,
    themes=themes,
)
alerts.confirm(confirmed)
alerts.sign_up(
    email="nog-niet@example.org", language="en", frequency="immediate",
    all_releases=True, themes=[],
)
release = PressRelease.objects.filter(status=PressRelease.Status.PUBLISHED).first()
workflow.change_status(
    release, PressRelease.Status.WITHDRAWN, user=chief,
    explanation={"nl": "Onjuiste cijfers."},
)
release = PressRelease.objects.get(pk=release.pk)
workflow.change_status(release, PressRelease.Status.PUBLISHED, user=chief)
print(json.dumps({"manage": tokens.make_token(confirmed)}))
"""

# Run in either layout: the public addresses to compare and what is not on a page.
STATE = """
import json
from django.urls import reverse
from django.utils import translation
from alerts.models import Subscriber
from comments.models import Comment
from press.models import ChangeNote, PressRelease, Theme

pages = []
for language in ("nl", "en"):
    with translation.override(language):
        pages.append(reverse("press:newsroom"))
        pages += [reverse("press:theme-detail", kwargs={"slug": theme.slug})
                  for theme in Theme.objects.all()]
pages += [release.get_absolute_url("nl") for release in PressRelease.objects.published()]
history = [
    [str(record.history_date), record.history_type, record.status, record.title_nl]
    for record in PressRelease.history.order_by("history_date", "history_id")
]
print(json.dumps({
    "pages": sorted(set(pages)),
    "history": history,
    "notes": sorted(str(note.pk) + note.text for note in ChangeNote.objects.all()),
    "reactions": sorted(
        [c.thread_id, c.body, c.status, str(c.submitted_at)] for c in Comment.objects.all()
    ),
    "subscriptions": sorted(
        [s.email, s.language, s.frequency, s.all_releases, str(s.confirmed_at),
         sorted(t.slug_nl for t in s.themes.all())]
        for s in Subscriber.objects.all()
    ),
    "images": sorted({
        release.hero_picture.src for release in PressRelease.objects.published()
        if release.hero_image and release.hero_picture
    }),
}))
"""

# Differ on every request, not with the data: the form's signed moment and CSRF token,
# a CSP nonce.
PER_REQUEST = re.compile(
    r'(name="(?:csrfmiddlewaretoken|timestamp)" value=")[^"]*"|(nonce=")[^"]*"'
)


def shell(layout: Layout, script: str) -> dict:
    output = run_local(layout.env, "manage", "shell", "--no-imports", "-c", script)
    return json.loads(output.strip().splitlines()[-1])


def seen(layout: Layout, manage_token: str, bucket: str = "") -> dict:
    """What a reader sees and what the database holds, in a form both layouts share."""
    state = shell(layout, STATE)
    pages = {}
    for uri in state["pages"] + [f"/nl/alerts/manage/{manage_token}/"]:
        status, _headers, body = get(layout, uri)
        text = PER_REQUEST.sub(lambda m: (m[1] or m[2]) + '"', body.decode())
        pages[uri] = (status, text.replace(bucket, "BUCKET") if bucket else text)
    images = {}
    for src in state.pop("images"):
        status, _headers, body = get(layout, src)
        images[urlsplit(src).path.replace(bucket, "BUCKET") if bucket else src] = (
            status,
            body,
        )
    return state | {"pages": pages, "images": images}


def make(target: str, env: dict, **variables: str) -> None:
    result = subprocess.run(
        ["make", "--no-print-directory", target]
        + [f"{name}={value}" for name, value in variables.items()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    print(result.stdout.strip().splitlines()[-1])


def admin(sql: str) -> None:
    server = DATABASE_URL.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(sql)


@pytest.fixture
def databases():
    """Two new, empty databases (the site and the one restored into); their URLs."""
    names = [f"drill_{uuid.uuid4().hex[:10]}_{part}" for part in ("a", "b")]
    for name in names:
        admin(f'CREATE DATABASE "{name}"')
    try:
        yield [DATABASE_URL.rsplit("/", 1)[0] + f"/{name}" for name in names]
    finally:
        for name in names:
            admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.parametrize("media", ["filesystem", "s3"])
def test_a_backup_restored_into_an_empty_database_and_storage_shows_the_same_site(
    media, databases, tmp_path, request
):
    extra_a, extra_b, buckets = {}, {}, ["", ""]
    if media == "s3":
        endpoint = request.getfixturevalue("s3_endpoint")
        buckets = [f"drill-{uuid.uuid4().hex[:10]}-{part}" for part in ("a", "b")]
        for bucket in buckets:
            s3_client(endpoint).create_bucket(Bucket=bucket)  # private, as in production
        extra_a, extra_b = (
            S3_CREDENTIALS
            | {
                "AWS_STORAGE_BUCKET_NAME": bucket,
                "AWS_S3_ENDPOINT_URL": endpoint,
                "AWS_S3_ADDRESSING_STYLE": "path",
            }
            for bucket in buckets
        )
    run_a, run_b, backup = tmp_path / "site", tmp_path / "restored", tmp_path / "backup"

    with running_layout(run_a, media, FILL, extra_a | {"DATABASE_URL": databases[0]}) as site:
        before = seen(site, site.release["manage"], buckets[0])
        started = time.monotonic()
        make("backup", site.env, BACKUP_DIR=str(backup))
        backup_seconds = time.monotonic() - started
    manifest = json.loads((backup / "manifest.json").read_text())

    # A new machine: an empty database, empty storage, the site's secret key (from the
    # password vault: signed links in mails already sent must keep working).
    run_b.mkdir()
    shutil.copy(run_a / "secret-key", run_b / "secret-key")
    env_b = dict(site.env) | {"DEPLOY_RUN_DIR": str(run_b), "DATABASE_URL": databases[1]}
    env_b = {key: value for key, value in env_b.items() if not key.startswith("AWS_")}
    env_b |= extra_b
    started = time.monotonic()
    make("restore", env_b, BACKUP=str(backup))
    restore_seconds = time.monotonic() - started

    with running_layout(run_b, media, 'print("{}")', env_b) as restored:
        after = seen(restored, site.release["manage"], buckets[1])

    if media == "s3":
        stored = s3_client(extra_b["AWS_S3_ENDPOINT_URL"]).list_objects_v2(Bucket=buckets[1])
        assert {item["Key"] for item in stored.get("Contents", [])} == set(manifest["media"])
    print(
        f"\nrestore drill ({media}): {len(manifest['media'])} media files, "
        f"{(backup / 'database.dump').stat().st_size} bytes of database dump, "
        f"{len(before['pages'])} pages, {len(before['history'])} versions in the history, "
        f"{len(before['reactions'])} reactions, {len(before['subscriptions'])} subscriptions, "
        f"{len(before['images'])} images; backup {backup_seconds:.1f} s, "
        f"restore {restore_seconds:.1f} s"
    )
    assert all(status == 200 for status, _body in before["pages"].values())
    assert len(before["history"]) > 2 and before["subscriptions"] and before["reactions"]
    assert before["images"] and manifest["media"]
    for key in ("history", "notes", "reactions", "subscriptions"):
        assert after[key] == before[key], key
    assert after["images"] == before["images"]
    differing = [uri for uri in before["pages"] if after["pages"].get(uri) != before["pages"][uri]]
    assert differing == []
