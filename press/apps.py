from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "press"
    verbose_name = _("Newsroom")

    def ready(self) -> None:
        from press.roles import ensure_roles

        post_migrate.connect(ensure_roles, dispatch_uid="press.ensure_roles")

        from denhaag_cms import changes
        from press import models
        from press.services import next_scheduled_change

        changes.register_schedule(next_scheduled_change)
        # What public pages show (denhaag_cms.changes): any write to these changes
        # them. Releases with their translated fields and hero image (the worker marks
        # its renditions made on the row), and their themes, press contacts, links,
        # attachments, former addresses, change notes; the city networks, cities and
        # memberships. Not share links: the pages they open are never cached.
        changes.watch(models.PressRelease)
        changes.watch(
            models.Theme,
            models.PressContact,
            models.RelatedLink,
            models.Attachment,
            models.ReleaseSlug,
            models.ChangeNote,
            models.CityNetwork,
            models.City,
            models.Membership,
        )
