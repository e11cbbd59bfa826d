from django.apps import AppConfig


class DenHaagCmsConfig(AppConfig):
    """The project itself, as an app: it registers the project's own system checks."""

    name = "denhaag_cms"
    verbose_name = "Den Haag CMS"

    def ready(self) -> None:
        from denhaag_cms import checks  # noqa: F401 - registers the deployment checks
