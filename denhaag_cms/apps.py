from django.apps import AppConfig
from django.conf import settings
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils import autoreload


class DenHaagCmsConfig(AppConfig):
    """The project itself, as an app: it registers the project's own system checks,
    and what changes the page cache's content generation besides the apps' models."""

    default = True
    name = "denhaag_cms"
    verbose_name = "Den Haag CMS"

    def ready(self) -> None:
        from denhaag_cms import (
            changes,
            checks,  # noqa: F401 - registers the deployment checks
            themes,  # noqa: F401 - registers the theme's check
        )

        post_migrate.connect(changes.migrated, dispatch_uid="denhaag_cms.changes.migrated")
        if settings.DEBUG:
            # The development server's reloader: a template edit shows on the next request.
            autoreload.file_changed.connect(
                changes.source_changed, dispatch_uid="denhaag_cms.changes.source_changed"
            )


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the newsroom's site (login throttle page, 2FA)."""

    default = False
    default_site = "denhaag_cms.admin.NewsroomAdminSite"
