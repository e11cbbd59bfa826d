from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from denhaag_cms.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, custom format) and every media file (file "
        "system or bucket) into a new directory, with a manifest of checksums."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory: Path, **options) -> None:
        try:
            manifest = backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"backup in {directory}: database and {len(manifest['media'])} media files"
        )
