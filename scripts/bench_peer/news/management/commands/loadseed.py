"""The seed release as the site's one news page, replacing an earlier copy.

manage.py loadseed release.json   # {"slug", "title", "date", "intro", "body"}
"""

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Site

from news.models import NewsPage


class Command(BaseCommand):
    help = "Load the seed release as a published NewsPage under the site's root page."

    def add_arguments(self, parser):
        parser.add_argument("path")

    @transaction.atomic
    def handle(self, path, **options):
        release = json.loads(Path(path).read_text())
        for old in NewsPage.objects.filter(slug=release["slug"]):
            old.delete()
        home = Site.objects.get(is_default_site=True).root_page
        page = NewsPage(
            title=release["title"],
            slug=release["slug"],
            date=dt.date.fromisoformat(release["date"]),
            intro=release["intro"],
            body=release["body"],
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        self.stdout.write(page.url)
