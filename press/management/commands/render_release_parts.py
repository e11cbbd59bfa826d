"""Render the stored parts (themes line, links, attachments, press contacts) of every
release: once after deploying the migration that added them (press 0006), or after
changing the templates press/_release_themes.html or press/_release_more.html.

Idempotent; the admin keeps them up to date from then on."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from press.models import PressRelease
from press.services import render_release_parts


class Command(BaseCommand):
    help = "Render the stored parts of every press release (after a deploy or template change)."

    def handle(self, *args, **options) -> None:
        count = 0
        for release in PressRelease.objects.only("pk").iterator(chunk_size=200):
            render_release_parts(release)
            count += 1
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Rendered the parts of {count} release(s)."))
