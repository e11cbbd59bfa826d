from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "press"
    verbose_name = _("Newsroom")

    def ready(self) -> None:
        from press.roles import ensure_roles

        post_migrate.connect(ensure_roles, dispatch_uid="press.ensure_roles")

        from denhaag_cms import pagecache
        from press.services import next_scheduled_change

        pagecache.register_schedule(next_scheduled_change)
