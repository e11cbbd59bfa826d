from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("E-mail alerts")

    def ready(self) -> None:
        from alerts import receivers
        from press import signals

        signals.release_published.connect(
            receivers.on_release_published, dispatch_uid="alerts.release_published"
        )
        signals.change_noted.connect(receivers.on_change_noted, dispatch_uid="alerts.change_noted")
