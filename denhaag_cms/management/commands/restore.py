from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from denhaag_cms.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup (manage.py backup) into an empty database and an empty media "
        "storage, after checking it against its manifest; then run migrate."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory: Path, **options) -> None:
        try:
            restored = restore(directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"restored the backup of {restored['made_at']}: database and "
            f"{restored['media']} media files"
        )
