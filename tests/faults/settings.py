"""Settings for the gunicorn that the fault tests start: production settings from the
environment, with plain static files so that pages render without collectstatic."""

from denhaag_cms.settings import *  # noqa: F403

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
