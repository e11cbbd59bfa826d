"""Settings for the Den Haag press CMS.

One file for every environment: development defaults are safe and need nothing
installed (SQLite, local-memory cache); production differs only by environment
variables (see README.md, "Production").
"""

import os
from pathlib import Path

import dj_database_url
import django
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

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


DEBUG = env_bool("DJANGO_DEBUG", False)

# Management commands and tests run without a key; the web application refuses to
# start without one unless DEBUG is on (see denhaag_cms/wsgi.py), and
# `check --deploy` flags the development key (security.W009).
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-this-key-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_prose_editor",
    "simple_history",
    "denhaag_cms",
    "press",
    "comments",
]

MIDDLEWARE = [
    # First: the load balancer's health check, before the HTTPS redirect and host check.
    "denhaag_cms.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "denhaag_cms.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "denhaag_cms.urls"
WSGI_APPLICATION = "denhaag_cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "press.context_processors.site",
            ],
        },
    },
]

# Database: SQLite by default; DATABASE_URL (postgres://…) in production.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so select_for_update()-style
    # critical sections (posting a comment, closing a thread) are serialised.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _cache_config(url: str) -> dict:
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "denhaag-cms",
        }
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if url.startswith("locmem://") or not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ImproperlyConfigured(f"Unsupported CACHE_URL scheme: {url.split(':', 1)[0]}")


CACHES = {"default": _cache_config(os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", ""))}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Dutch first, English second; stored in UTC, shown in Amsterdam.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "nl"
MODELTRANSLATION_LANGUAGES = ("nl", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("nl",)
# modeltranslation's language tabs need jQuery UI: served from our own static files,
# no third-party CDN in the admin.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if os.environ.get("DJANGO_MEDIA_STORAGE"):
    # Object storage in production, e.g. "storages.backends.s3.S3Storage"
    # (install django-storages and configure it with its own AWS_* variables).
    STORAGES["default"] = {"BACKEND": os.environ["DJANGO_MEDIA_STORAGE"]}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security. Production runs behind a TLS-terminating load balancer.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies (load balancers) put themselves in X-Forwarded-For in front of
# the app servers. 0: use REMOTE_ADDR. Used for rate limiting comments.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)

_smtp_backend = "django.core.mail.backends.smtp.EmailBackend"
_email_backend = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else _smtp_backend,
)
_email_host = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
_email_port = env_int("DJANGO_EMAIL_PORT", 25)
if django.VERSION >= (6, 1):
    # Django 6.1 configures outgoing mail with MAILERS; its EMAIL_BACKEND, EMAIL_HOST
    # and EMAIL_PORT are deprecated and may not be combined with MAILERS.
    MAILERS = {
        "default": {
            "BACKEND": _email_backend,
            "OPTIONS": (
                {"host": _email_host, "port": _email_port}
                if _email_backend == _smtp_backend
                else {}
            ),
        }
    }
else:  # Django 5.2 and 6.0
    EMAIL_BACKEND = _email_backend
    EMAIL_HOST = _email_host
    EMAIL_PORT = _email_port
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "nieuwsbank@denhaag.nl")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# The site and its publisher (used in pages, feeds and structured data).
SITE_NAME = os.environ.get("SITE_NAME", "Gemeente Den Haag")
# The city whose memberships of city networks the site shows (its Dutch name, as
# entered for the City in the admin).
CITY_NAME = "Den Haag"
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Newsroom
PRESS_PAGE_SIZE = 10

# Comments (comments/)
COMMENTS_CLOSE_AFTER_DAYS = env_int("COMMENTS_CLOSE_AFTER_DAYS", 14)
COMMENTS_PREMODERATE = env_bool("COMMENTS_PREMODERATE", True)
COMMENTS_RETENTION_DAYS = env_int("COMMENTS_RETENTION_DAYS", 365)
COMMENTS_MAX_LENGTH = 2000
COMMENTS_MAX_LINKS = 1  # more links than this: held for moderation
COMMENTS_MIN_SECONDS = 3  # a form sent back faster than this was not filled in by hand
COMMENTS_FORM_MAX_AGE = 4 * 60 * 60  # a form older than this must be sent again
COMMENTS_RATE_LIMIT = env_int("COMMENTS_RATE_LIMIT", 5)  # reactions per IP address …
COMMENTS_RATE_WINDOW = env_int("COMMENTS_RATE_WINDOW", 10 * 60)  # … per this many seconds
COMMENTS_PAGE_SIZE = 20
# Mail moderators from a background thread so that a slow mail server never slows a post.
COMMENTS_NOTIFY_IN_BACKGROUND = True
