"""Erase e-mail address and IP hash of reactions older than COMMENTS_RETENTION_DAYS."""

from django.conf import settings
from django.core.management.base import BaseCommand

from comments.services import purge_personal_data


class Command(BaseCommand):
    help = (
        "For reactions older than COMMENTS_RETENTION_DAYS: delete rejected and removed "
        "ones, erase e-mail address and IP hash of the rest. Safe to run as often as "
        "you like (e.g. daily)."
    )

    def handle(self, *args, **options) -> None:
        deleted, erased = purge_personal_data()
        days = settings.COMMENTS_RETENTION_DAYS
        self.stdout.write(
            f"Reactions older than {days} days: {deleted} rejected or removed deleted, "
            f"personal data erased from {erased}."
        )
