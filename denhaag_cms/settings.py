"""Settings for the Den Haag press CMS.

One file for every environment: development defaults are safe and need nothing
installed (SQLite, a file-based cache); production differs only by environment
variables (see docs/operations.md).
"""

import datetime
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from js_asset import static_lazy

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
    # The admin with its login throttle and optional second factor (denhaag_cms/admin.py).
    "denhaag_cms.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # The form widgets' templates, for forms rendered from the project's templates
    # (TemplatesSetting: the comment form's field groups, comments/forms.py).
    "django.forms",
    "django_prose_editor",
    "simple_history",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "denhaag_cms",
    "imagefield",  # `manage.py process_imagefields`: hero image renditions
    "press",
    "comments",
    "alerts",
]

MIDDLEWARE = [
    # First: the load balancer's health check, before the HTTPS redirect and host check.
    "denhaag_cms.middleware.HealthCheckMiddleware",
    # A database that does not answer: a 503 page with Retry-After instead of a 500.
    "denhaag_cms.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "denhaag_cms.middleware.SecurityHeadersMiddleware",
    "denhaag_cms.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 304 for conditional GETs (ETag), also to the front cache's revalidation; then
    # anonymous readers' cached pages, answered before the rest of the stack (URL
    # resolution, sessions, users, the view) runs; then what the front cache may keep
    # (s-maxage), then Cache-Control on every response: all outside the session, CSRF
    # and messages middleware, so they see the cookies those set.
    "django.middleware.http.ConditionalGetMiddleware",
    "denhaag_cms.pagecache.PageCacheMiddleware",
    "denhaag_cms.frontcache.FrontCacheMiddleware",
    "denhaag_cms.pagecache.CacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A NUL in a GET parameter: a 400 in the page's language (PostgreSQL refuses it).
    "denhaag_cms.middleware.NulCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: django-axes answers locked-out logins (see "Admin lock-down" below).
    "axes.middleware.AxesMiddleware",
]

# Database sessions that refuse malformed keys (denhaag_cms/sessions.py).
SESSION_ENGINE = "denhaag_cms.sessions"

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
                "denhaag_cms.context_processors.site",
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
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer must not hold a request (or /healthz) for
    # ever: give up connecting after DJANGO_DB_CONNECT_TIMEOUT seconds (libpq's
    # minimum is 2), and let the server cancel any statement that runs longer than
    # DJANGO_DB_STATEMENT_TIMEOUT seconds (0: no limit, e.g. for a long migration).
    # Both end in an OperationalError, which the citizen sees as a 503 page.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "connect_timeout", env_int("DJANGO_DB_CONNECT_TIMEOUT", 3)
    )
    _statement_timeout_ms = int(float(os.environ.get("DJANGO_DB_STATEMENT_TIMEOUT") or 10) * 1000)
    DATABASES["default"]["OPTIONS"].setdefault(
        "options", f"-c statement_timeout={_statement_timeout_ms}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


_cache_socket_timeout = float(os.environ.get("DJANGO_CACHE_SOCKET_TIMEOUT") or 1)


def cache_config(url: str) -> dict:
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


CACHES = {"default": cache_config(os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", ""))}

# The task queue (Django's tasks API): work outside the request, e.g. the moderators'
# digest. Tasks live in <app>/tasks.py, or beside the work that queues its own next run
# (alerts/dispatch.py). The database backend (django-tasks-db) is the
# default in development and production: a task row is written in the same database as
# the data it is about, and `python manage.py db_worker` runs them (see docs/operations.md,
# "The task workers"). DJANGO_TASKS_BACKEND may name another backend class. Two queues:
# "mail" (everything that talks to the mail server, denhaag_cms.queue.mail_task) and
# "default" (the rest: renditions, alerts' scheduling, purges), each run by its own
# worker, so that a hanging mail server holds up mail and nothing else.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "mail"],
    }
}
# Workflow notes ("send back with a note") are kept as the history's change reason:
# a text of any length, not the library's default 100 characters.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# Django 5.2 has no django.tasks yet: the django-tasks backport provides the API.
INSTALLED_APPS.append("django_tasks")


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
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]


def by_path(dotted_path: str):
    """The callable at `dotted_path`, imported when first called: settings name an
    app's code by its path, as INSTALLED_APPS does, and never import it (the apps
    import the settings). django-prose-editor's own dotted paths import the
    extension's name instead of the path given."""

    def call(*args, **kwargs):
        return import_string(dotted_path)(*args, **kwargs)

    return call


# The body editor's own extension (the quotation with its speaker): its script, and the
# markup it produces for the sanitizer's allow-list (press/editor.py).
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("press/editor-quote.js")],
        "extensions": {"Quote": by_path("press.editor.quote_markup")},
    }
]
# "A ProseEditorField without sanitize=": the release body is sanitized once, in
# PressRelease.save() (press.sanitize, the allow-list derived from the editor's
# extensions), whatever writes it: the admin form, loaddemo, a history revert.
SILENCED_SYSTEM_CHECKS = ["django_prose_editor.W004"]
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

# Hero image renditions (django-imagefield, press/images.py): made by the task worker
# after the release is saved (press.tasks.make_hero_renditions), not by a signal on
# every save; stored beside the originals under __processed__/<3 hex>/<3 hex>/.
IMAGEFIELD_AUTOGENERATE = False
IMAGEFIELD_BIN_DEPTH = 2
# press.uploads has checked and re-encoded the upload already, and keeps its name.
IMAGEFIELD_VALIDATE_ON_SAVE = False
# Renditions are scaled, never cropped: the field needs no "primary point of interest".
SILENCED_SYSTEM_CHECKS += ["imagefield.I001"]


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


STORAGES = {
    "default": media_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
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
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies (load balancers) put themselves in X-Forwarded-For in front of
# the app servers. 0: use REMOTE_ADDR. Used for the rate limits and for the
# login throttle (denhaag_cms.ratelimit.client_ip); `check --deploy` warns when it is 0
# behind a proxy (denhaag_cms.W002).
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)

# --- Admin lock-down: sessions, passwords, login throttle, 2FA, CSP -------
# Staff sessions end after a working day and when the browser is closed.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_HOURS", 9) * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True  # no script of ours reads the CSRF cookie

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "denhaag_cms.passwords.ObviousWordsPasswordValidator"},
]

# Login throttle (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user
# name, or from one client address, logins from there are refused for the cool-off
# time, also with the right password. The client address is the one the comments'
# rate limit uses (DJANGO_TRUSTED_PROXY_COUNT).
# One backend: axes' lockout check, then Django's ModelBackend (see the module).
AUTHENTICATION_BACKENDS = ["denhaag_cms.backends.ThrottledModelBackend"]
# Staff sign-in with the organisation's own accounts (OpenID Connect: Entra ID, ADFS,
# Keycloak…), on when OIDC_RP_CLIENT_ID is set; password login stays beside it (for a
# city without an identity provider, and for a break-glass administrator). The same one
# backend then also takes the provider's sign-ins (press/oidc.py).
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS = ["press.oidc.OrganisationAccountBackend"]
    OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
    OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
    OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
    OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
    OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
    LOGIN_REDIRECT_URL = "/admin/"
    LOGIN_REDIRECT_URL_FAILURE = "/admin/login/"
    LOGOUT_REDIRECT_URL = "/admin/login/"
# The claim that lists the person's groups at the identity provider, the claim that
# names the account, and which provider group gives which role (press/roles.py):
# "provider group=Role" pairs separated by ";", e.g.
# "nieuws-redactie=Editors;nieuws-hoofdredactie=Chief editors". Unset: groups named
# as the roles themselves give those roles.
OIDC_GROUPS_CLAIM = os.environ.get("OIDC_GROUPS_CLAIM", "groups")
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_ROLE_GROUPS = {
    group.strip(): role.strip()
    for group, _sep, role in (
        item.partition("=") for item in os.environ.get("OIDC_ROLE_GROUPS", "").split(";")
    )
    if group.strip() and role.strip()
}
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "denhaag_cms.ratelimit.client_ip"
AXES_LOCKOUT_CALLABLE = "denhaag_cms.admin.locked_out"
AXES_VERBOSE = False

# Second factor (django-otp, TOTP): staff may set up an authenticator app at
# /admin/twee-stappen/; with DJANGO_REQUIRE_2FA every staff member must.
REQUIRE_2FA = env_bool("DJANGO_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = os.environ.get("SITE_NAME", "Gemeente Den Haag")

# Content-Security-Policy (django-csp), public pages and admin. The public pages load
# only our own CSS and images (media may live on object storage, hence https: for
# images); no script runs on them. JSON-LD blocks are data, not scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "https:", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The admin (its own scripts, jQuery UI's tabs, the body editor) runs only our own
# script files too, plus the body editor's import map with the request's nonce; the
# editor and jQuery UI set style attributes, hence 'unsafe-inline' for styles only
# (denhaag_cms.middleware.ContentSecurityPolicyMiddleware).
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": CONTENT_SECURITY_POLICY["DIRECTIVES"]
    | {"script-src": ["'self'", NONCE], "style-src": ["'self'", "'unsafe-inline'"]}
}
# --- end of admin lock-down --------------------------------------------------------

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
# Seconds a connection to the mail server may block (connect, each reply). Without it a
# mail server that accepts and never answers blocks the sender for ever. Short: only
# the mail queue's worker waits on it, and every wait is a message not sent.
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 5)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "nieuwsbank@denhaag.nl")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The operators, mailed by the task worker when something needs a person (e.g. the
# alerts' sign-ups past their hourly cap): DJANGO_ADMINS=ops@example.nl,other@….
ADMINS = [(address, address) for address in env_list("DJANGO_ADMINS", [])]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # No error mail from inside a request (Django's AdminEmailHandler would send
        # one to ADMINS, waiting on the mail server): errors go to the log, and
        # operators' mails go through the task queue (denhaag_cms.tasks).
        "django": {"handlers": [], "level": "INFO", "propagate": True},
    },
}

# /healthz waits at most this many seconds for the database and the cache together
# (the load balancer's check must get an answer within 2 seconds).
HEALTH_CHECK_TIMEOUT = 1.5
# A 503 page (database not answering) asks browsers and crawlers to come back after:
RETRY_AFTER_SECONDS = 30

# --- The organisation: any municipality by configuration -----------------------------
# Name, logo, contact details, footer links and theme come from the environment; the
# defaults are the demo's (The Hague). The footer's legal pages (press/legal… see
# denhaag_cms/legal.py) state these and the retention periods below.
# The site and its publisher (used in pages, feeds and structured data).
SITE_NAME = os.environ.get("SITE_NAME", "Gemeente Den Haag")
# The city whose memberships of city networks the site shows (its Dutch name, as
# entered for the City in the admin).
CITY_NAME = os.environ.get("CITY_NAME", "Den Haag")
# The logo in the page header: a path under static/ or an absolute address; empty: the
# name alone. Its alternative text is the organisation's name unless given.
SITE_LOGO = os.environ.get("SITE_LOGO", "")
SITE_LOGO_ALT = os.environ.get("SITE_LOGO_ALT", "")
# The press office (contact page, colofon, privacy statement).
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "persvoorlichting@denhaag.nl")
CONTACT_PHONE = os.environ.get("CONTACT_PHONE", "14 070")
CONTACT_ADDRESS = os.environ.get("CONTACT_ADDRESS", "Spui 70, 2511 BT Den Haag")
# The organisation's own website, and more footer links: "label|address" pairs
# separated by ";", e.g. "Vacatures|https://example.nl/vacatures;Open data|https://…".
ORGANISATION_URL = os.environ.get("ORGANISATION_URL", "https://www.denhaag.nl/")
FOOTER_LINKS = [
    tuple(part.strip() for part in item.split("|", 1))
    for item in os.environ.get("FOOTER_LINKS", "").split(";")
    if "|" in item
]
# NL Design System theme: which organisation's design tokens the public pages use
# (denhaag_cms/themes.py lists them).
SITE_THEME = os.environ.get("SITE_THEME", "denhaag")
# /.well-known/security.txt (RFC 9116): where to report a vulnerability (a mailto: or
# https: address), and until when the file holds (ISO 8601, e.g. 2027-06-30T00:00:00Z).
# Unset, the file expires a year from the request and `check --deploy` warns.
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "mailto:security@denhaag.nl")
SECURITY_TXT_EXPIRES = os.environ.get("SECURITY_TXT_EXPIRES", "")
# The accessibility statement: its status in the national register (e.g. "A", "B"),
# the date of the last audit, and the statement's entry in the register, if any.
ACCESSIBILITY_STATUS = os.environ.get("ACCESSIBILITY_STATUS", "")
ACCESSIBILITY_AUDIT_DATE = os.environ.get("ACCESSIBILITY_AUDIT_DATE", "")
ACCESSIBILITY_REGISTER_URL = os.environ.get("ACCESSIBILITY_REGISTER_URL", "")
# How long a shared cache in front (nginx's proxy_cache) may serve a public page
# without asking the app again: the worst-case delay before an anonymous reader sees a
# change through it (denhaag_cms/frontcache.py, docs/operations.md). 0: never shared.
FRONT_CACHE_SECONDS = env_int("DJANGO_FRONT_CACHE_SECONDS", 3)
# How long after that a shared copy may stand in for an app that cannot answer (down,
# timing out, a 5xx): `stale-if-error`. Long enough for a restart, short enough that
# an old answer does not come back after a long outage.
FRONT_CACHE_STALE_SECONDS = env_int("DJANGO_FRONT_CACHE_STALE_SECONDS", 600)

# Unset, it is the development server's address: `make run PORT=8001` passes PORT on, so
# the moderators' mail and the JSON-LD publisher name the port the server listens on.
SITE_URL = os.environ.get(
    "SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}"
).rstrip("/")

# Every cache key (pages, the content generation, rate limits) starts with the site's
# own prefix: two deployments sharing one Redis (staging and production, two
# municipalities) never see each other's pages. By default the site's address.
CACHES["default"]["KEY_PREFIX"] = os.environ.get("DJANGO_CACHE_KEY_PREFIX") or (
    urlsplit(SITE_URL).netloc.lower() + urlsplit(SITE_URL).path
)

# Newsroom
PRESS_PAGE_SIZE = 10
# Whole public pages for anonymous readers in the shared cache (denhaag_cms/pagecache.py):
# at most this many seconds, and never past a change (0 turns the page cache off).
# Keep it well below COMMENTS_FORM_MAX_AGE: nothing else limits a page's age.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)

# Embargoed share links (press.sharelinks): how long a link is valid when the release
# has no publication moment yet, and the longest any link may be valid.
SHARE_LINK_DEFAULT_DAYS = env_int("SHARE_LINK_DEFAULT_DAYS", 7)
SHARE_LINK_MAX_DAYS = env_int("SHARE_LINK_MAX_DAYS", 14)

# Comments (comments/)
COMMENTS_CLOSE_AFTER_DAYS = env_int("COMMENTS_CLOSE_AFTER_DAYS", 14)
COMMENTS_PREMODERATE = env_bool("COMMENTS_PREMODERATE", True)
COMMENTS_RETENTION_DAYS = env_int("COMMENTS_RETENTION_DAYS", 365)
COMMENTS_MAX_LENGTH = 2000
COMMENTS_MAX_LINKS = 1  # more links than this: held for moderation
COMMENTS_MIN_SECONDS = 3  # a form sent back faster than this was not filled in by hand
COMMENTS_FORM_MAX_AGE = 4 * 60 * 60  # a form older than this must be sent again
# Reactions per client (an IPv4 address, an IPv6 /64) …
COMMENTS_RATE_LIMIT = env_int("COMMENTS_RATE_LIMIT", 5)
COMMENTS_RATE_WINDOW = env_int("COMMENTS_RATE_WINDOW", 10 * 60)  # … per this many seconds
COMMENTS_PAGE_SIZE = 20
# Moderators get one e-mail (a digest of the waiting reactions) at most every this many
# minutes, sent by the task worker; after a failed attempt it is tried again after
# COMMENTS_DIGEST_RETRY_SECONDS.
COMMENTS_DIGEST_MINUTES = env_int("COMMENTS_DIGEST_MINUTES", 15)
COMMENTS_DIGEST_RETRY_SECONDS = env_int("COMMENTS_DIGEST_RETRY_SECONDS", 60)

# E-mail alerts (alerts/): sending is batched and throttled by the task worker
# (alerts/dispatch.py): at most ALERTS_BATCH_SIZE subscribers per batch, then a pause
# of ALERTS_BATCH_PAUSE_SECONDS; after a failing mail server the next try comes after
# ALERTS_RETRY_SECONDS. One batch holds a lease of ALERTS_SEND_LEASE_SECONDS (0: worked
# out from EMAIL_TIMEOUT and the batch size); a worker that dies mid-batch is taken
# over when it ends.
ALERTS_BATCH_SIZE = env_int("ALERTS_BATCH_SIZE", 50)
ALERTS_BATCH_PAUSE_SECONDS = float(os.environ.get("ALERTS_BATCH_PAUSE_SECONDS") or 10)
ALERTS_RETRY_SECONDS = float(os.environ.get("ALERTS_RETRY_SECONDS") or 15)
ALERTS_SEND_LEASE_SECONDS = float(os.environ.get("ALERTS_SEND_LEASE_SECONDS") or 0)
# A message the mail server did not take (a 4xx answer, the connection lost while it
# was sent) is tried again with a later batch, at most this many times; then dropped.
ALERTS_MAX_ATTEMPTS = env_int("ALERTS_MAX_ATTEMPTS", 8)
# The daily digest goes out at this time (Europe/Amsterdam).
ALERTS_DIGEST_TIME = os.environ.get("ALERTS_DIGEST_TIME", "07:00")
# A sign-up not confirmed within this many days is deleted, address and all.
ALERTS_UNCONFIRMED_DAYS = env_int("ALERTS_UNCONFIRMED_DAYS", 7)
# Records of what was sent to whom are deleted after this many days.
ALERTS_DELIVERY_RETENTION_DAYS = env_int("ALERTS_DELIVERY_RETENTION_DAYS", 30)
# Sign-ups per client (an IPv4 address, an IPv6 /64) per window (seconds), mails to
# one mailbox per day, and sign-up mails of the whole site per hour: past that, the
# operators (ADMINS) are told, once an hour (alerts/signups.py).
ALERTS_SIGNUP_RATE_LIMIT = env_int("ALERTS_SIGNUP_RATE_LIMIT", 5)
ALERTS_SIGNUP_RATE_WINDOW = env_int("ALERTS_SIGNUP_RATE_WINDOW", 10 * 60)
ALERTS_MAILS_PER_ADDRESS = env_int("ALERTS_MAILS_PER_ADDRESS", 3)
ALERTS_SIGNUP_MAILS_PER_HOUR = env_int("ALERTS_SIGNUP_MAILS_PER_HOUR", 200)
