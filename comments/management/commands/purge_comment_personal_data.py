"""Erase e-mail address and IP hash of reactions older than COMMENTS_RETENTION_DAYS."""

from django.conf import settings
from django.core.management.base import BaseCommand

from comments.services import purge_personal_data


class Command(BaseCommand):
    help = (
        "Erase the e-mail address and IP hash of reactions older than "
        "COMMENTS_RETENTION_DAYS. Safe to run as often as you like (e.g. daily)."
    )

    def handle(self, *args, **options) -> None:
        count = purge_personal_data()
        self.stdout.write(
            f"Personal data erased from {count} reaction(s) older than "
            f"{settings.COMMENTS_RETENTION_DAYS} days."
        )
