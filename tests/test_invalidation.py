"""One invalidation rule: the models public pages show are declared once
(denhaag_cms.changes.watch, in the apps' AppConfig.ready()), and any write to them
changes the next request's page, whoever makes it.

The writes here go through the plain ORM, as `manage.py shell`, a data migration or
a new service that forgets would: no admin, no service function.
"""

from __future__ import annotations

import ast
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, isolate_apps
from django.urls import reverse
from django.utils import autoreload, timezone, translation

from comments.models import Comment, Thread
from denhaag_cms import changes
from press.models import ChangeNote, Membership, PressRelease, ReleaseSlug
from press.services import sync_comment_thread
from tests.conftest import (
    make_attachment,
    make_city,
    make_contact,
    make_image,
    make_link,
    make_membership,
    make_network,
    make_release,
    make_theme,
    with_renditions,
)

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)

# Tables public pages read that hold no content an editor or a reader changes: the
# content types are made by `migrate` (the comments app finds a release's thread by
# its content type).
NOT_CONTENT = {"contenttypes.ContentType"}


@pytest.fixture
def site(settings, immediate_tasks):
    """Everything the public pages show, once: an article with image, reactions (two
    pages of them), attachment, link, contact, change note, a former address, themes
    and a membership of the city in a network; a withdrawn release."""
    settings.COMMENTS_PAGE_SIZE = 2
    theme = make_theme("Kustverdediging", "Coastal defence")
    release = make_release(
        "Storm op komst",
        publish_at=timezone.now() - dt.timedelta(hours=1),
        hero_image=make_image(),
        hero_alt_nl="Duinen bij Kijkduin",
    )
    release = with_renditions(release)
    assert release.hero_picture is not None
    release.themes.add(theme, make_theme("Cybersecurity"))
    release.contacts.add(make_contact("Anna de Vries"))
    make_link(release, "Meer informatie")
    make_attachment(release, "Factsheet")
    ChangeNote.objects.create(
        release=release, text_nl="Tijdstip aangepast.", noted_at=timezone.now()
    )
    release.slug_nl = "storm-nadert"  # the old address answers with a 301
    release.save()
    assert ReleaseSlug.objects.filter(release=release).exists()
    sync_comment_thread(release)
    thread = Thread.objects.for_object(release).get()
    for n in range(3):
        Comment.objects.create(
            thread=thread,
            name=f"Lezer {n}",
            email="lezer@example.org",
            body=f"Reactie {n}",
            status=Comment.Status.APPROVED,
        )
    network = make_network("100 Resilient Cities")
    membership = make_membership(make_city(), network)
    membership.releases.add(release)
    membership.themes.add(theme)
    make_membership(make_city("Rotterdam"), network)
    withdrawn = make_release("Ingetrokken", status=PressRelease.Status.WITHDRAWN)
    return {"release": release, "theme": theme, "network": network, "withdrawn": withdrawn}


def public_pages(site) -> dict[str, tuple[str, set[int]]]:
    """Every kind of public page: name → (address, the statuses it may answer)."""
    release, theme = site["release"], site["theme"]
    with translation.override("nl"):
        theme_page = reverse("press:theme-detail", kwargs={"slug": theme.slug_nl})
        pages = {
            "article": (release.get_absolute_url("nl"), {200}),
            "english article": (release.get_absolute_url("en"), {200}),
            "second page of reactions": (release.get_absolute_url("nl") + "?reacties=2", {200}),
            "former address": (
                reverse("press:release-detail", kwargs={"slug": "storm-op-komst"}),
                {301},
            ),
            "withdrawn": (site["withdrawn"].get_absolute_url("nl"), {410}),
            "newsroom": (reverse("press:newsroom"), {200}),
            "newsroom of a theme": (f"{reverse('press:newsroom')}?theme={theme.slug_nl}", {200}),
            "search": (f"{reverse('press:newsroom')}?q=storm", {200}),
            "theme": (theme_page, {200}),
            "year archive": (
                reverse("press:year-archive", kwargs={"year": release.publish_at.year}),
                {200},
            ),
            "networks": (reverse("press:network-list"), {200}),
            "network": (
                reverse("press:network-detail", kwargs={"slug": site["network"].slug}),
                {200},
            ),
            "rss": (reverse("press:feed-rss"), {200}),
            "atom": (reverse("press:feed-atom"), {200}),
            "theme rss": (reverse("press:theme-feed-rss", kwargs={"slug": theme.slug_nl}), {200}),
            "sitemap": (reverse("sitemap"), {200}),
            # The API's answers (api/) go through the same page cache.
            "api releases": ("/api/v1/releases", {200}),
            "api search": ("/api/v1/releases?q=storm", {200}),
            "api release": (f"/api/v1/releases/{release.pk}", {200}),
            "api withdrawn": (f"/api/v1/releases/{site['withdrawn'].pk}", {410}),
            "api theme's releases": (f"/api/v1/themes/{theme.pk}/releases", {200}),
            "api networks": ("/api/v1/networks", {200}),
            "api network's releases": (f"/api/v1/networks/{site['network'].pk}/releases", {200}),
        }
    return pages


TABLE = re.compile(r'\b(?:FROM|JOIN|UPDATE|INTO)\s+"([^"]+)"', re.IGNORECASE)


def models_read(sql: list[str]) -> set[type[models.Model]]:
    by_table = {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}
    tables = {table for statement in sql for table in TABLE.findall(statement)}
    unknown = tables - set(by_table)
    assert not unknown, f"tables no model stands for: {unknown}"
    return {by_table[table] for table in tables}


def test_every_model_the_public_pages_read_is_watched(client, site):
    """Renders every public page and maps the tables its SQL names to models: each
    must be declared (its many-to-many tables with it). Fails when a model is
    missing from an app's watch() or when a page starts to read a new one."""
    read: dict[type[models.Model], set[str]] = {}
    for name, (url, statuses) in public_pages(site).items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code in statuses, (name, url, response.status_code)
        for model in models_read([q["sql"] for q in queries.captured_queries]):
            read.setdefault(model, set()).add(name)
    # The pages really show what the fixture made (else the SQL would not name it).
    article = client.get(site["release"].get_absolute_url("nl")).content.decode()
    for shown in ("Factsheet", "Meer informatie", "Anna de Vries", "Tijdstip aangepast."):
        assert shown in article
    assert "<picture" in article, "no image"
    assert "Reactie 0" in article, "no reactions"

    watched = changes.watched_models()
    missing = {
        model._meta.label: sorted(pages)
        for model, pages in read.items()
        if model not in watched and model._meta.label not in NOT_CONTENT
    }
    assert missing == {}, f"read by public pages but not declared with watch(): {missing}"
    # What the declaration names is what the pages read (nothing declared by habit).
    for expected in (
        PressRelease,
        PressRelease.themes.through,
        PressRelease.contacts.through,
        Membership.releases.through,
        Membership.themes.through,
        ChangeNote,
        ReleaseSlug,
        Thread,
        Comment,
    ):
        assert expected in read, expected._meta.label


def test_every_watched_model_bulk_writes_through_a_watched_queryset():
    """watch() refuses a model whose manager would update in bulk unseen; related
    managers (release.links.update(…)) derive from the default manager."""
    for model in changes.watched_models():
        if model._meta.auto_created:
            continue  # a many-to-many table: see the source scan below
        assert issubclass(model._default_manager._queryset_class, changes.WatchedQuerySet)
        for manager in model._meta.managers:
            assert issubclass(manager._queryset_class, changes.WatchedQuerySet), manager

    with isolate_apps("press"):

        class Unwatched(models.Model):  # noqa: DJ008
            class Meta:
                app_label = "press"

        with pytest.raises(ImproperlyConfigured, match="WatchedQuerySet"):
            changes.watch(Unwatched)
    assert Unwatched not in changes.watched_models()


PRODUCTION_CODE = ["press", "comments", "alerts", "denhaag_cms"]
BULK_WRITES = {"update", "bulk_create", "bulk_update"}


def test_no_production_code_writes_many_to_many_tables_in_bulk():
    """The one bulk write the querysets cannot see: a many-to-many table's own
    manager (`PressRelease.themes.through.objects.bulk_create(…)`), which sends no
    m2m_changed. Production code changes relations with add/remove/set/clear."""
    offending = []
    for package in PRODUCTION_CODE:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(), str(path))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in BULK_WRITES
                    and ".through" in ast.unparse(node.func.value)
                ):
                    offending.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offending == []


# -- writes through the plain ORM show on the next request ------------------------------


@pytest.fixture
def cached(settings):
    """The page cache on; `cached(url)` serves `url` until it comes from the cache."""
    settings.PAGE_CACHE_SECONDS = 600
    reader = Client()

    def warm(url: str) -> str:
        reader.get(url)
        response = reader.get(url)
        assert response["X-Page-Cache"] == "hit", url
        return response.content.decode()

    def next_request(url: str) -> str:
        response = reader.get(url)
        assert response["X-Page-Cache"] == "miss", url
        return response.content.decode()

    warm.next_request = next_request
    return warm


@pytest.fixture
def article():
    release = make_release("Storm op komst", publish_at=timezone.now() - dt.timedelta(hours=1))
    sync_comment_thread(release)
    return release


def test_a_save_from_the_shell(cached, article):
    url = article.get_absolute_url("nl")
    assert "Storm op komst" in cached(url) and "Storm op komst" in cached("/nl/")
    release = PressRelease.objects.get(pk=article.pk)
    release.title_nl = "Zware storm op komst"
    release.save()
    assert "Zware storm op komst" in cached.next_request(url)
    assert "Zware storm op komst" in cached.next_request("/nl/")


def test_a_delete_from_the_shell(cached, article):
    other = make_release("Brug gaat dicht")
    thread = Thread.objects.for_object(article).get()
    reaction = Comment.objects.create(
        thread=thread, name="Jan", body="Wat een wind", status=Comment.Status.APPROVED
    )
    url = article.get_absolute_url("nl")
    assert "Brug gaat dicht" in cached("/nl/") and "Wat een wind" in cached(url)
    other.delete()
    assert "Brug gaat dicht" not in cached.next_request("/nl/")
    reaction.delete()
    assert "Wat een wind" not in cached.next_request(url)


def test_a_relation_added_from_the_shell(cached, article):
    theme = make_theme("Kustverdediging")
    url = reverse("press:theme-detail", kwargs={"slug": theme.slug_nl})
    assert "Storm op komst" not in cached(url)
    article.themes.add(theme)
    assert "Storm op komst" in cached.next_request(url)
    article.themes.remove(theme)
    assert "Storm op komst" not in cached.next_request(url)


def test_a_reaction_approved_with_save(cached, article):
    thread = Thread.objects.for_object(article).get()
    comment = Comment.objects.create(
        thread=thread, name="Fatima", email="f@example.org", body="Blijf binnen!"
    )
    url = article.get_absolute_url("nl")
    assert "Blijf binnen!" not in cached(url)
    comment.status = Comment.Status.APPROVED
    comment.save()
    assert "Blijf binnen!" in cached.next_request(url)


def test_a_membership_changed_from_the_shell(cached, article):
    network = make_network("Eurocities")
    membership = make_membership(make_city(), network)
    url = reverse("press:network-detail", kwargs={"slug": network.slug})
    assert article.title_nl not in cached(url)
    membership.releases.add(article)
    assert article.title_nl in cached.next_request(url)


def test_bulk_writes_on_watched_models(cached, article):
    """update(), bulk_create() and bulk_update() send no signals: the querysets of
    watched models bump the generation themselves."""
    cached("/nl/")
    PressRelease.objects.filter(pk=article.pk).update(title_nl="Bijgewerkt met update")
    assert "Bijgewerkt met update" in cached.next_request("/nl/")

    article.refresh_from_db()
    article.title_nl = "Bijgewerkt met bulk_update"
    PressRelease.objects.bulk_update([article], ["title_nl"])
    assert "Bijgewerkt met bulk_update" in cached.next_request("/nl/")

    url = article.get_absolute_url("nl")
    cached(url)
    thread = Thread.objects.for_object(article).get()
    Comment.objects.bulk_create(
        [Comment(thread=thread, name="Jan", body="Met bulk_create", status="approved")]
    )
    assert "Met bulk_create" in cached.next_request(url)

    cached(url)
    assert article.links.update(title_nl="x") == 0  # no rows: nothing changed
    assert Client().get(url)["X-Page-Cache"] == "hit"


def test_writes_to_fields_no_page_shows_keep_the_cache(cached, article):
    """A reaction's e-mail and IP hash (erased after the retention period) and the
    stored HTML of a page are declared hidden: writing only them changes nothing."""
    thread = Thread.objects.for_object(article).get()
    comment = Comment.objects.create(
        thread=thread, name="Jan", email="jan@example.org", body="Goed zo", status="approved"
    )
    url = article.get_absolute_url("nl")
    cached(url)
    Comment.objects.filter(pk=comment.pk).update(email="", ip_hash="")
    comment.email = "x@example.org"
    comment.save(update_fields=["email"])
    assert Client().get(url)["X-Page-Cache"] == "hit"
    comment.status = Comment.Status.REMOVED
    comment.save(update_fields=["status", "email"])
    assert "Goed zo" not in cached.next_request(url)


def test_unwatched_models_do_not_change_the_pages(cached, article):
    from alerts.models import Subscriber

    url = article.get_absolute_url("nl")
    cached(url)
    Subscriber.objects.create(email="lezer@example.org", language="nl")
    assert Client().get(url)["X-Page-Cache"] == "hit"


@pytest.mark.django_db(transaction=True)
def test_a_transaction_bumps_once_more_after_its_commit():
    """At once (for the same connection) and after the commit (for everyone: a
    reader who filled the cache with the old rows meanwhile used the new number),
    once however many rows the transaction wrote."""
    release = make_release("Storm op komst")
    before = changes.generation()
    with transaction.atomic():
        release.title_nl = "Een"
        release.save()
        release.themes.add(make_theme())
        ChangeNote.objects.create(release=release, text_nl="Nota", noted_at=timezone.now())
        inside = changes.generation()
        assert inside > before
        assert [entry[1] for entry in connection.run_on_commit].count(changes._bump) == 1
    assert changes.generation() == inside + 1


def test_a_migration_run_changes_the_generation():
    """Data migrations write through historical models, which no receiver of ours
    hears: the run itself changes the generation."""
    from django.core.management.sql import emit_post_migrate_signal

    before = changes.generation()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert changes.generation() > before


def test_a_file_changed_under_the_development_server(settings, cached, article):
    """The autoreloader's file_changed (a template edited under `make run`): the next
    request renders anew, and the reloader still decides as before (our receiver
    answers None; Django's template receiver answers True, so no restart)."""
    from denhaag_cms import apps as project_apps

    settings.DEBUG = True
    project_apps.DenHaagCmsConfig.ready(apps.get_app_config("denhaag_cms"))
    try:
        url = article.get_absolute_url("nl")
        cached(url)
        template = ROOT / "templates" / "press" / "_article.html"
        results = autoreload.file_changed.send(sender=None, file_path=template)
        ours = [answer for receiver, answer in results if receiver is changes.source_changed]
        assert ours == [None]
        assert any(answer for _receiver, answer in results)  # a template: no restart
        cached.next_request(url)
    finally:
        autoreload.file_changed.disconnect(dispatch_uid="denhaag_cms.changes.source_changed")


def test_the_file_changed_receiver_is_only_connected_under_debug():
    assert not settings.DEBUG
    receivers = autoreload.file_changed._live_receivers(None)
    receivers = receivers[0] if isinstance(receivers, tuple) else receivers
    assert changes.source_changed not in receivers


@pytest.mark.django_db(transaction=True)
def test_renditions_the_worker_makes_show_at_once_under_make_run(settings, tmp_path, dummy_tasks):
    """`make run`'s cache (files, no CACHE_URL) is the task worker's too: the worker,
    another process, marks the renditions made, and the server's next request shows
    the image, not the page it cached before."""
    from denhaag_cms.environment import cache_config
    from tests.workers import worker_database_url

    cache_url = f"file://{tmp_path / 'cache'}"
    settings.CACHES = {"default": cache_config(cache_url) | {"KEY_PREFIX": "make-run"}}
    settings.PAGE_CACHE_SECONDS = 600
    release = make_release("Storm op komst", hero_image=make_image(), hero_alt_nl="Duinen")
    url = release.get_absolute_url("nl")
    reader = Client()
    reader.get(url)
    before = reader.get(url)
    assert before["X-Page-Cache"] == "hit" and "<picture" not in before.content.decode()

    task = "from press.tasks import make_hero_renditions as t; t.call({}, {!r})"
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            task.format(release.pk, release.hero_image.name),
        ],
        cwd=ROOT,
        env=os.environ
        | {
            "DATABASE_URL": worker_database_url(),
            "CACHE_URL": cache_url,
            "DJANGO_CACHE_KEY_PREFIX": "make-run",
            "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        },
        check=True,
        capture_output=True,
    )
    after = reader.get(url)
    assert after["X-Page-Cache"] == "miss"
    assert "<picture" in after.content.decode()
