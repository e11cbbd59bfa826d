"""manage.py backup and restore (denhaag_cms/backup.py) without a database server: what
they refuse before touching anything. The drill itself, with PostgreSQL and both kinds
of media storage, is tests/deploy/test_restore.py."""

import hashlib
import json

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command

from denhaag_cms.backup import MANIFEST, media_names


def test_every_media_file_is_found_at_any_depth(tmp_path):
    for name in ("a.jpg", "press/images/b.png", "__processed__/c/d.webp"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    storage = FileSystemStorage(location=tmp_path)
    assert sorted(media_names(storage)) == [
        "__processed__/c/d.webp",
        "a.jpg",
        "press/images/b.png",
    ]
    assert list(media_names(FileSystemStorage(location=tmp_path / "missing"))) == []


def backup_dir(tmp_path, media: dict[str, bytes], claimed: dict[str, str]):
    (tmp_path / "database.dump").write_bytes(b"dump")
    for name, content in media.items():
        (tmp_path / "media" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "media" / name).write_bytes(content)
    manifest = {
        "made_at": "2026-01-01T00:00:00+00:00",
        "database": {
            "file": "database.dump",
            "sha256": hashlib.sha256(b"dump").hexdigest(),
        },
        "media": claimed,
    }
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    return tmp_path


@pytest.mark.django_db
def test_restore_refuses_a_backup_that_does_not_match_its_manifest(tmp_path):
    directory = backup_dir(tmp_path, {"a.jpg": b"changed"}, {"a.jpg": "0" * 64})
    with pytest.raises(CommandError, match="a.jpg is missing or does not match"):
        call_command("restore", str(directory))


@pytest.mark.django_db
def test_restore_refuses_a_media_name_outside_the_backup(tmp_path):
    directory = backup_dir(tmp_path, {}, {"../../etc/passwd": "0" * 64})
    with pytest.raises(CommandError, match="outside the backup"):
        call_command("restore", str(directory))


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), reason="SQLite only"
)
def test_backup_needs_postgresql(tmp_path):
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("backup", str(tmp_path / "new"))


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), reason="PostgreSQL"
)
@pytest.mark.django_db
def test_restore_never_writes_over_a_database_with_tables(tmp_path):
    directory = backup_dir(tmp_path, {}, {})
    with pytest.raises(CommandError, match="the database is not empty"):
        call_command("restore", str(directory))
