"""Delete the images kept across a form error (press.forms) that nobody came back for."""

from django.core.management.base import BaseCommand

from press.forms import purge_stale_kept_uploads


class Command(BaseCommand):
    help = (
        "Delete the images kept after a form error (pending-uploads/ in the media "
        "storage) that are too old to be used. Safe to run as often as you like "
        "(e.g. daily)."
    )

    def handle(self, *args, **options) -> None:
        deleted = purge_stale_kept_uploads()
        self.stdout.write(f"Kept uploads too old to be used: {deleted} deleted.")
