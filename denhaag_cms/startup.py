from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_insecure_production() -> None:
    """A served site without DEBUG must have its own secret key."""
    if not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true for local development); "
            "see docs/operations.md."
        )
