"""Backups and their restore: the database (pg_dump's custom format) and every media
file, on the file system or in the bucket (through Django's storage, so whatever
STORAGES says), in one directory with a manifest of what it holds and their checksums
(docs/operations.md, "Backups and the restore drill").

    manage.py backup DIRECTORY     (make backup)
    manage.py restore DIRECTORY    (make restore): into an empty database and storage
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.db import connection
from django.utils import timezone

from denhaag_cms import changes

DUMP = "database.dump"
MEDIA = "media"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """What an operator must fix first; nothing was changed."""


def _database() -> tuple[list[str], dict[str, str]]:
    """pg_dump's and pg_restore's connection arguments and environment, from the
    settings' default database."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError("backups need PostgreSQL (DATABASE_URL=postgres://…)")
    args = [f"--dbname={db['NAME']}"]
    if db.get("HOST"):
        args.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        args.append(f"--port={db['PORT']}")
    if db.get("USER"):
        args.append(f"--username={db['USER']}")
    env = os.environ | ({"PGPASSWORD": db["PASSWORD"]} if db.get("PASSWORD") else {})
    return args, env


def media_names(storage: Storage = default_storage, directory: str = "") -> Iterator[str]:
    """Every file in the storage, at any depth."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:  # a media directory not made yet: nothing in it
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for name in sorted(directories):
        yield from media_names(storage, f"{directory}/{name}" if directory else name)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _inside(root: Path, name: str) -> Path:
    path = (root / name).resolve()
    if not path.is_relative_to(root.resolve()):
        raise BackupError(f"a media name outside the backup: {name!r}")
    return path


def backup(directory: Path) -> dict:
    """Write the database and the media into `directory` (new); the manifest."""
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty")
    args, env = _database()
    media_root = directory / MEDIA
    media_root.mkdir(parents=True)
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={directory / DUMP}", *args],
        env=env,
        check=True,
    )
    media = {}
    for name in media_names():
        target = _inside(media_root, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, target.open("wb") as out:
            shutil.copyfileobj(source, out)
        media[name] = _sha256(target)
    manifest = {
        "made_at": timezone.now().isoformat(),
        "database": {"file": DUMP, "sha256": _sha256(directory / DUMP)},
        "media": media,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def _checked_manifest(directory: Path) -> dict:
    try:
        manifest = json.loads((directory / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"no readable {MANIFEST} in {directory}: {error}") from None
    if _sha256(directory / manifest["database"]["file"]) != manifest["database"]["sha256"]:
        raise BackupError("the database dump does not match its checksum")
    for name, digest in manifest["media"].items():
        path = _inside(directory / MEDIA, name)
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(f"media file {name} is missing or does not match its checksum")
    return manifest


def restore(directory: Path) -> dict:
    """Put a backup into an empty database and an empty storage; what was restored."""
    manifest = _checked_manifest(directory)
    args, env = _database()
    if connection.introspection.table_names():
        raise BackupError("the database is not empty: restore into a new one (createdb)")
    if next(media_names(), None) is not None:
        raise BackupError("the media storage is not empty: restore into an empty one")
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", *args, str(directory / DUMP)],
        env=env,
        check=True,
    )
    for name in manifest["media"]:
        with _inside(directory / MEDIA, name).open("rb") as file:
            saved = default_storage.save(name, File(file, name=name))
        if saved != name:
            raise BackupError(f"media file {name} was stored as {saved}")
    # Pages cached from whatever this site showed before are not what it shows now.
    changes.content_changed()
    return {"media": len(manifest["media"]), "made_at": manifest["made_at"]}
