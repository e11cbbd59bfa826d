"""Load the demo newsroom: the seed release, its neighbours and the city's networks.

Safe to run twice: what exists already is left as it is, except that a demo release
without a hero image gets its drawn one (press.demo_images). The task worker makes
their renditions, as for an editor's upload (`make run` starts it): the pages show
each image once its renditions are there."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from comments.models import Comment, Thread
from comments.services import close_thread
from press import demo_data, demo_images, uploads
from press.models import (
    ChangeNote,
    City,
    CityNetwork,
    Membership,
    PressContact,
    PressRelease,
    RelatedLink,
    Theme,
)
from press.services import hero_image_saved, sync_comment_thread

AMSTERDAM = ZoneInfo(settings.TIME_ZONE)


def demo_datetime(value: str | dict, now: dt.datetime) -> dt.datetime:
    """A fixed local time ("2016-05-25T14:00") or one relative to today."""
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value).replace(tzinfo=AMSTERDAM)
    local_today = timezone.localtime(now, AMSTERDAM).replace(
        hour=value.get("hour", 10), minute=0, second=0, microsecond=0
    )
    days = value.get("days_ahead", 0) - value.get("days_ago", 0)
    return local_today + dt.timedelta(days=days)


class Command(BaseCommand):
    help = "Create the demo press releases, themes, contacts and city networks (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        now = timezone.now()
        themes = {}
        for data in demo_data.THEMES:
            theme, _created = Theme.objects.update_or_create(
                slug_nl=data["slug_nl"], defaults=data
            )
            themes[data["slug_nl"]] = theme
        contacts = {}
        for data in demo_data.CONTACTS:
            fields = {k: v for k, v in data.items() if k != "key"}
            contact, _created = PressContact.objects.update_or_create(
                email=data["email"], defaults=fields
            )
            contacts[data["key"]] = contact

        created = 0
        for data in demo_data.RELEASES:
            release = PressRelease.objects.filter(slug_nl=data["slug_nl"]).first()
            if release is not None:
                self.add_hero_image(release, data)
                continue  # never overwrite what an editor may have changed
            release = self.create_release(data, now)
            release.themes.set([themes[slug] for slug in data.get("themes", [])])
            release.contacts.set([contacts[key] for key in data.get("contacts", [])])
            for position, link in enumerate(data.get("links", [])):
                RelatedLink.objects.create(release=release, position=position, **link)
            self.after_release(release, data, now)
            created += 1
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo content: {created} press release(s) created, "
                    f"{len(demo_data.RELEASES) - created} already present."
                )
            )
        self.load_networks(themes)

    def create_release(self, data: dict, now: dt.datetime) -> PressRelease:
        text_fields = ["title", "slug", "lead", "body", "withdrawal_notice"]
        values = {
            f"{name}_{code}": data.get(f"{name}_{code}") or ""
            for name in text_fields
            for code in ("nl", "en")
        }
        release = PressRelease(
            **values,
            dateline=data.get("dateline", "Den Haag"),
            status=data["status"],
            publish_at=demo_datetime(data["publish_at"], now),
            # Demo content is loaded as it stands, not walked through the workflow.
            withdrawn_at=demo_datetime(data["withdrawn_at"], now)
            if data.get("withdrawn_at")
            else None,
            comments_enabled=data.get("comments", "closed") != "off",
        )
        self.set_hero_image(release, data)
        release.save()
        hero_image_saved(release, None)
        if release.publish_at < now:
            # As if written then: the page would otherwise say "last updated today".
            PressRelease.objects.filter(pk=release.pk).update(updated_at=release.publish_at)
            release.updated_at = release.publish_at
        return release

    @staticmethod
    def set_hero_image(release: PressRelease, data: dict) -> bool:
        """Give the release its drawn hero image (demo_data.HERO_IMAGES), unsaved;
        False when it has none."""
        image = demo_data.HERO_IMAGES.get(data["key"])
        if image is None:
            return False
        jpeg = demo_images.hero_jpeg(data["key"], image["mood"])
        # As an editor's upload would be: checked and re-encoded without metadata.
        clean = uploads.reencode_image(ContentFile(jpeg, name=f"{data['key']}.jpg"))
        release.hero_image.save(clean.name, clean, save=False)
        release.hero_alt_nl, release.hero_alt_en = image["alt_nl"], image["alt_en"]
        release.hero_credit = demo_data.HERO_CREDIT
        return True

    def add_hero_image(self, release: PressRelease, data: dict) -> None:
        """A demo release from an earlier run: its image if it has none yet (demo
        databases made before the demo had images), its renditions if not made yet."""
        if not release.hero_image:
            if not self.set_hero_image(release, data):
                return
            updated_at = release.updated_at  # not an editor's change: no "last updated"
            release.save()
            PressRelease.objects.filter(pk=release.pk).update(updated_at=updated_at)
        hero_image_saved(release, None)

    def load_networks(self, themes: dict[str, Theme]) -> None:
        """The city networks, their cities and memberships; existing ones are kept."""
        networks = {}
        for data in demo_data.NETWORKS:
            fields = {k: v for k, v in data.items() if k != "slug"}
            networks[data["slug"]], _created = CityNetwork.objects.get_or_create(
                slug=data["slug"], defaults=fields
            )
        cities = {}
        for data in demo_data.CITIES:
            fields = {k: v for k, v in data.items() if k != "key"}
            city = City.objects.filter(
                name_nl=data["name_nl"], country_nl=data["country_nl"]
            ).first()
            cities[data["key"]] = city or City.objects.create(**fields)
        release_slugs = {data["key"]: data["slug_nl"] for data in demo_data.RELEASES}
        created = 0
        for data in demo_data.MEMBERSHIPS:
            city, network = cities[data["city"]], networks[data["network"]]
            if Membership.objects.filter(city=city, network=network).exists():
                continue  # never overwrite what an editor may have changed
            fields = {
                k: v for k, v in data.items() if k not in {"city", "network", "themes", "releases"}
            }
            for name in ("joined_on", "ended_on"):
                if fields.get(name):
                    fields[name] = dt.date.fromisoformat(fields[name])
            membership = Membership.objects.create(city=city, network=network, **fields)
            membership.themes.set([themes[slug] for slug in data.get("themes", [])])
            membership.releases.set(
                PressRelease.objects.filter(
                    slug_nl__in=[release_slugs[key] for key in data.get("releases", [])]
                )
            )
            created += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"City networks: {created} membership(s) created, "
                f"{len(demo_data.MEMBERSHIPS) - created} already present."
            )
        )

    def after_release(self, release: PressRelease, data: dict, now: dt.datetime) -> None:
        """Comment threads as on the original pages: the seed's closed, the recent open;
        public change notes, each kept with the release's version."""
        for note in data.get("change_notes", []):
            noted_at = demo_datetime(note["noted_at"], now)
            # As if corrected then, through the workflow: a public revision.
            PressRelease.objects.filter(pk=release.pk).update(revised_at=noted_at)
            release.revised_at = noted_at
            ChangeNote.objects.create(
                release=release,
                text_nl=note["text_nl"],
                text_en=note["text_en"],
                noted_at=noted_at,
                version=release.history.order_by("-history_date", "-history_id").first(),
            )
        sync_comment_thread(release)
        thread = Thread.objects.for_object(release).first()
        if thread is None:
            return
        if data.get("comments") == "closed":
            close_thread(thread, user=None, reason="")
        for reaction in demo_data.REACTIONS.get(data["key"], []):
            Comment.objects.create(
                thread=thread,
                name=reaction["name"],
                body=reaction["body"],
                status=Comment.Status.APPROVED,
                submitted_at=release.publish_at + dt.timedelta(hours=reaction["hours_after"]),
                moderated_at=release.publish_at + dt.timedelta(hours=reaction["hours_after"] + 1),
            )
