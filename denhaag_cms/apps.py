from django.contrib.admin.apps import AdminConfig


class NewsroomAdminConfig(AdminConfig):
    """django.contrib.admin with the newsroom's site (login throttle page, 2FA)."""

    default_site = "denhaag_cms.admin.NewsroomAdminSite"
