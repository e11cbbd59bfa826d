"""Settings of the test suite: the project's settings (denhaag_cms/settings.py, read
from the environment as always) with what only the tests need on top. pytest uses
this module (DJANGO_SETTINGS_MODULE in pyproject.toml); the project's settings never
ask whether they run under a test runner."""

import os

from denhaag_cms.settings import *  # noqa: F403
from denhaag_cms.settings import ALLOWED_HOSTS, CACHES, STORAGES

# The test client's host name.
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]

# Without CACHE_URL (CI also runs some tests on Redis): each test process its own cache
# in memory, emptied around every test (tests/conftest.py), never the files of a
# `make run` in the same checkout.
if not (os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"],
        }
    }

# Hashing passwords slowly on purpose is a cost the tests need not pay.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# No collectstatic before the tests: static files come straight from the app
# directories, without whitenoise's manifest.
STORAGES = STORAGES | {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
}

# The test client and the browser tests' live server speak plain HTTP; the tests of
# the production behaviour (tests/test_healthz.py, tests/test_deploy.py) turn it on.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
