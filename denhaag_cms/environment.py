"""What the settings read from the environment, and the parts of them built by a
function (a cache or the media storage from a URL or variables): kept apart so that
settings.py stays a list of settings, and tests can build a cache's settings."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_pairs(name: str, separator: str) -> list[tuple[str, str]]:
    """A list of pairs: items separated by ";", each "left<separator>right", e.g.
    FOOTER_LINKS="Vacatures|https://example.nl/vacatures;Open data|https://…". Items
    without the separator or with an empty side are left out."""
    pairs = []
    for item in (os.environ.get(name) or "").split(";"):
        left, found, right = (part.strip() for part in item.partition(separator))
        if found and left and right:
            pairs.append((left, right))
    return pairs


def database_config() -> dict:
    """The database: SQLite in the checkout by default; DATABASE_URL (postgres://…) in
    production."""
    config = dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    options = config.setdefault("OPTIONS", {})
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE takes the write lock at BEGIN, so select_for_update()-style
        # critical sections (posting a comment, closing a thread) are serialised.
        options.update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL;",
            }
        )
        config["CONN_MAX_AGE"] = 0
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # A database that does not answer must not hold a request (or /healthz) for
        # ever: give up connecting after DJANGO_DB_CONNECT_TIMEOUT seconds (libpq's
        # minimum is 2), and let the server cancel any statement that runs longer than
        # DJANGO_DB_STATEMENT_TIMEOUT seconds (0: no limit, e.g. for a long migration).
        # Both end in an OperationalError, which the citizen sees as a 503 page.
        options.setdefault("connect_timeout", env_int("DJANGO_DB_CONNECT_TIMEOUT", 3))
        seconds = float(os.environ.get("DJANGO_DB_STATEMENT_TIMEOUT") or 10)
        options.setdefault("options", f"-c statement_timeout={int(seconds * 1000)}")
    return config


def logging_config() -> dict:
    """Everything to standard error, at DJANGO_LOG_LEVEL (INFO)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "handlers": {"console": {"class": "logging.StreamHandler"}},
        "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
        "loggers": {
            "django.db.backends": {"level": "INFO"},
            # No error mail from inside a request (Django's AdminEmailHandler would
            # send one to ADMINS, waiting on the mail server): errors go to the log,
            # and operators' mails go through the task queue (denhaag_cms.tasks).
            "django": {"handlers": [], "level": "INFO", "propagate": True},
        },
    }


_cache_socket_timeout = float(os.environ.get("DJANGO_CACHE_SOCKET_TIMEOUT") or 1)


def cache_config(url: str, key_prefix: str = "") -> dict:
    """The cache at `url` (redis://, file://, locmem://, dummy://; none: files in
    .cache/), its keys starting with `key_prefix`."""
    return {**_cache_backend(url), "KEY_PREFIX": key_prefix}


def _cache_backend(url: str) -> dict:
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            # Django's, with one redis.Redis per connection pool (denhaag_cms/cache.py).
            "BACKEND": "denhaag_cms.cache.ReusingRedisCache",
            "LOCATION": url,
            # A cache that is down or hangs answers with an error within these many
            # seconds instead of holding the request (the rate limits then count in
            # the database, denhaag_cms/ratelimit.py).
            "OPTIONS": {
                "socket_connect_timeout": _cache_socket_timeout,
                "socket_timeout": _cache_socket_timeout,
            },
        }
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if url.startswith("file://") or not url:
        # Without CACHE_URL (`make run`): files in .cache/ of the checkout (git-ignored),
        # which the development server and the task worker share, so that what the
        # worker finishes (an image's renditions) changes the pages the server caches.
        # Files rather than the database cache: no table to create, and no cache
        # writes inside the application's transactions or in its query counts.
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": urlsplit(url).path or str(BASE_DIR / ".cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    raise ImproperlyConfigured(f"Unsupported CACHE_URL scheme: {url.split(':', 1)[0]}")


def by_path(dotted_path: str):
    """The callable at `dotted_path`, imported when first called: settings name an
    app's code by its path, as INSTALLED_APPS does, and never import it (the apps
    import the settings). django-prose-editor's own dotted paths import the
    extension's name instead of the path given."""

    def call(*args, **kwargs):
        return import_string(dotted_path)(*args, **kwargs)

    return call


def media_storage() -> dict:
    """Where uploads go: the file system (MEDIA_ROOT) by default; an S3-compatible
    bucket through django-storages when AWS_STORAGE_BUCKET_NAME is set (see docs/operations.md,
    "Running in production"); any other storage class by DJANGO_MEDIA_STORAGE.

    The access key and secret (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) are read by
    boto3 itself, from the environment or the server's role; they are not settings.
    """
    bucket = os.environ.get("AWS_STORAGE_BUCKET_NAME")
    backend = os.environ.get("DJANGO_MEDIA_STORAGE") or (
        "storages.backends.s3.S3Storage" if bucket else ""
    )
    if not backend:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if backend != "storages.backends.s3.S3Storage":
        return {"BACKEND": backend}
    if not bucket:
        raise ImproperlyConfigured("S3 media storage needs AWS_STORAGE_BUCKET_NAME.")
    options = {
        "bucket_name": bucket,
        # Any other S3-compatible service (MinIO, Ceph, a cloud's object storage).
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        # A CDN or public host name in front of the bucket (media.denhaag.nl).
        "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
        "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
        # A key prefix inside the bucket, e.g. "media" to share a bucket.
        "location": os.environ.get("AWS_LOCATION", ""),
        # Nothing in the bucket is for readers to fetch: the app reads the files with
        # the credentials and serves them while their release may be seen (attachments,
        # press.renditions), so every object is private and the bucket needs no public
        # policy; a withdrawn release's files are not public anywhere.
        "default_acl": "private",
        # So a storage address (the admin's) is a signed, expiring one; pages never
        # link to the bucket.
        "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", True),
        # Two uploads with the same name must not replace each other (S3Storage
        # overwrites by default; the file system never does).
        "file_overwrite": False,
    }
    return {"BACKEND": backend, "OPTIONS": {k: v for k, v in options.items() if v is not None}}
