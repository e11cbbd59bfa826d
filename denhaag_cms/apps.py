from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class DenHaagCmsConfig(AppConfig):
    """The project itself, as an app: it registers the project's own system checks."""

    default = True
    name = "denhaag_cms"
    verbose_name = "Den Haag CMS"

    def ready(self) -> None:
        # Registers the deployment checks and the theme's check.
        from denhaag_cms import checks, themes  # noqa: F401


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the newsroom's site (login throttle page, 2FA)."""

    default = False
    default_site = "denhaag_cms.admin.NewsroomAdminSite"
