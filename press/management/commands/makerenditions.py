"""Make the hero image renditions that are missing (or all again, with --force).

For images from before renditions existed, after a change of press/images.py
(widths, formats, quality: new renditions get new names), or after the media storage
lost them. Runs in this process, not on the task queue."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from press.images import make_renditions, share_size
from press.models import PressRelease


class Command(BaseCommand):
    help = "Make the missing renditions of every press release's hero image."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Make every rendition again, also those already in the storage.",
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        releases = PressRelease.objects.exclude(hero_image="").exclude(hero_width=None)
        done = failed = 0
        for release in releases.order_by("-publish_at", "-pk").iterator():
            image = release.hero_image
            try:
                make_renditions(image, release.hero_width, release.hero_height, force=force)
            except Exception as error:  # a damaged or lost original: report, go on
                failed += 1
                self.stderr.write(f"{release.pk} {image.name}: {error}")
                continue
            PressRelease.objects.filter(pk=release.pk, hero_image=image.name).update(
                hero_rendered=image.name,
                hero_share_size=share_size(image, release.hero_width, release.hero_height),
            )
            done += 1
        self.stdout.write(f"Hero images: {done} with renditions, {failed} failed.")
