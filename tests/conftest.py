"""Shared fixtures: role users, small factories, a throw-away MEDIA_ROOT."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from hypothesis import settings as hypothesis_settings
from PIL import Image

from press.models import (
    Attachment,
    City,
    CityNetwork,
    Membership,
    PressContact,
    PressRelease,
    RelatedLink,
    Theme,
)
from press.roles import CHIEF_EDITORS, EDITORS, MODERATORS

_counter = itertools.count(1)

# Fuzz tests (tests/test_fuzz.py): each test bounds its own number of examples. In CI
# (CI=true) the examples are derandomized, so every run tries the same requests and a
# red build can be reproduced; locally they vary from run to run and hypothesis
# remembers failing examples in .hypothesis/ and tries them first next time.
hypothesis_settings.register_profile("dev", deadline=None, print_blob=True)
hypothesis_settings.register_profile(
    "ci", parent=hypothesis_settings.get_profile("dev"), derandomize=True, database=None
)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI", "").lower() == "true" else "dev")
)


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need PostgreSQL: skipped, with the reason, elsewhere."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" in engine:
        return
    skip = pytest.mark.skip(
        reason=f"needs PostgreSQL (this run uses {engine.rsplit('.', 1)[-1]}; "
        "set DATABASE_URL=postgres://… to run it)"
    )
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file, not memory: the task worker tests start
    real `db_worker` processes, which must see it."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3" and not db.get("TEST", {}).get("NAME"):
        db.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")


# On Django 5.2 the tasks API comes from the django-tasks backport.
TASKS_MODULE = "django_tasks"
# The project's queues (settings.TASKS): a test backend must accept the mail queue too.
TASK_QUEUES = settings.TASKS["default"]["QUEUES"]


@pytest.fixture
def immediate_tasks(settings):
    """Tasks run at once, in the process that enqueues them (no worker)."""
    settings.TASKS = {
        "default": {
            "BACKEND": f"{TASKS_MODULE}.backends.immediate.ImmediateBackend",
            "QUEUES": TASK_QUEUES,
        }
    }


@pytest.fixture
def dummy_tasks(settings):
    """Tasks are recorded, never run: `backend.results` lists them."""
    settings.TASKS = {
        "default": {
            "BACKEND": f"{TASKS_MODULE}.backends.dummy.DummyBackend",
            "QUEUES": TASK_QUEUES,
        }
    }


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _site_url(settings):
    """Pages build absolute addresses on SITE_URL: the test client's host."""
    settings.SITE_URL = "http://testserver"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """The page cache is off unless a test turns it on (tests/test_pagecache.py,
    tests/test_invalidation.py): query budgets measure a page as it is rendered."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language (Dutch): a request served in English
    leaves English active in the thread, which would make the next test's reverse()
    and messages depend on the order the tests run in."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    from denhaag_cms import cache as shared_cache

    cache.clear()
    yield
    cache.clear()
    # A cache fault a test made leaves the page cache alone for a few seconds.
    shared_cache.Faults.forget()


@pytest.fixture
def get_within_budget(client, django_assert_max_num_queries):
    """GET a page with the test's client in at most `budget` queries; the page must
    answer 200. Returns the response and the number of queries, so that a query
    budget test also looks at what the page shows (a 302, 403 or 500 runs fewer
    queries, and would pass a budget on its own).

    Not counted: the content generation's next scheduled change, which the first
    request of a generation computes for every page (denhaag_cms.changes.next_change,
    a query per app) and all others read from the cache."""

    def get(url: str, budget: int, data: dict | None = None):
        from denhaag_cms import changes

        if (gen := changes.generation()) is not None:
            changes.next_change(timezone.now(), gen)
        with django_assert_max_num_queries(budget) as queries:
            response = client.get(url, data)
        assert response.status_code == 200, (url, response.status_code)
        return response, len(queries.captured_queries)

    return get


def make_user(django_user_model, username: str, group: str | None = None, **extra):
    user = django_user_model.objects.create_user(
        username=username, password="correct horse battery", is_staff=True, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "editor", EDITORS)


@pytest.fixture
def chief_editor(django_user_model):
    return make_user(django_user_model, "chief", CHIEF_EDITORS)


@pytest.fixture
def moderator(django_user_model):
    return make_user(django_user_model, "moderator", MODERATORS)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin", password="correct horse battery", email="admin@example.invalid"
    )


def make_theme(name_nl: str = "Cybersecurity", name_en: str | None = None, **extra) -> Theme:
    n = next(_counter)
    return Theme.objects.create(
        name_nl=name_nl,
        name_en=name_en or name_nl,
        slug_nl=extra.pop("slug_nl", f"thema-{n}"),
        slug_en=extra.pop("slug_en", f"theme-{n}"),
        **extra,
    )


def make_release(
    title_nl: str | None = None,
    *,
    english: bool = True,
    status: str = PressRelease.Status.PUBLISHED,
    publish_at: dt.datetime | None = None,
    **extra,
) -> PressRelease:
    n = next(_counter)
    title_nl = title_nl or f"Persbericht nummer {n}"
    values = {
        "title_nl": title_nl,
        "lead_nl": f"Inleiding van persbericht {n}.",
        "body_nl": f"<h2>Kop {n}</h2><p>Tekst van persbericht {n}.</p>",
    }
    if english:
        values |= {
            "title_en": f"Press release number {n}",
            "lead_en": f"Lead of press release {n}.",
            "body_en": f"<h2>Heading {n}</h2><p>Text of press release {n}.</p>",
        }
    values |= extra
    if publish_at is None and status != PressRelease.Status.DRAFT:
        publish_at = timezone.now() - dt.timedelta(days=n)
    release = PressRelease(status=status, publish_at=publish_at, **values)
    release.save()
    return release


def make_archive(count: int, start: dt.datetime, every: dt.timedelta) -> None:
    """`count` published releases ("Bericht n" at bericht-n), one per `every` from
    `start`, in one bulk insert: an archive for tests of how a cost grows with it."""
    PressRelease.objects.bulk_create(
        PressRelease(
            title_nl=f"Bericht {n}",
            slug_nl=f"bericht-{n}",
            status=PressRelease.Status.PUBLISHED,
            publish_at=start + every * n,
        )
        for n in range(count)
    )


def make_contact(name: str = "Anna de Vries", **extra) -> PressContact:
    values = {"role_nl": "woordvoerder", "role_en": "spokesperson", "phone": "070 353 00 00"}
    return PressContact.objects.create(name=name, **(values | extra))


def make_link(release: PressRelease, title: str = "Meer informatie", **extra) -> RelatedLink:
    return RelatedLink.objects.create(
        release=release, title_nl=title, url=extra.pop("url", "https://example.org/"), **extra
    )


def make_attachment(release: PressRelease, title: str = "Factsheet", **extra) -> Attachment:
    upload = SimpleUploadedFile(extra.pop("name", "factsheet.pdf"), b"%PDF-1.4 demo")
    return Attachment.objects.create(release=release, title_nl=title, file=upload, **extra)


def make_city(name_nl: str = "Den Haag", name_en: str | None = None, **extra) -> City:
    """Den Haag by default: the city whose memberships the site shows (CITY_NAME)."""
    defaults = {"Den Haag": ("The Hague", "Nederland", "Netherlands")}
    english, country_nl, country_en = defaults.get(name_nl, (name_nl, "Land", "Country"))
    return City.objects.create(
        name_nl=name_nl,
        name_en=name_en or english,
        country_nl=extra.pop("country_nl", country_nl),
        country_en=extra.pop("country_en", country_en),
        **extra,
    )


def make_network(name: str | None = None, **extra) -> CityNetwork:
    n = next(_counter)
    values = {
        "name": name or f"Stedennetwerk {n}",
        "slug": f"netwerk-{n}",
        "organisation": "Rockefeller Foundation",
        "website": "https://example.org/",
        "description_nl": f"Beschrijving van netwerk {n}.",
        "description_en": f"Description of network {n}.",
    }
    values |= extra
    return CityNetwork.objects.create(**values)


def make_membership(
    city: City, network: CityNetwork, joined_on: dt.date | None = None, **extra
) -> Membership:
    return Membership.objects.create(
        city=city, network=network, joined_on=joined_on or dt.date(2016, 5, 25), **extra
    )


def with_renditions(release: PressRelease) -> PressRelease:
    """The release once the task worker has made its hero image's renditions."""
    from press import tasks

    tasks.make_hero_renditions.call(release.pk, release.hero_image.name)
    release.refresh_from_db()
    return release


def make_image(name: str = "hero.png", size: tuple[int, int] = (64, 32)) -> SimpleUploadedFile:
    """A small real PNG, for hero images."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 88, 60)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@dataclass
class ReleasesInEveryState:
    """One release in every state of the workflow: only `public` may ever be shown."""

    public: PressRelease
    draft: PressRelease
    review: PressRelease
    scheduled: PressRelease
    withdrawn: PressRelease  # was public, then withdrawn (its address answers 410)
    withdrawn_before_publication: PressRelease  # scheduled, withdrawn before it (404)

    @property
    def hidden(self) -> list[PressRelease]:
        return [
            self.draft,
            self.review,
            self.scheduled,
            self.withdrawn,
            self.withdrawn_before_publication,
        ]


@pytest.fixture
def releases_in_every_state(db):
    """Makes a ReleasesInEveryState; their Dutch titles start with `title` and say
    their state ("Zandmotor concept" …). The withdrawn release was published in 2015
    (a year with nothing public), the scheduled ones appear in more than a year."""

    def make(title: str = "") -> ReleasesInEveryState:
        def named(state: str) -> str:
            return f"{title} {state}".strip().capitalize()

        later = timezone.now() + dt.timedelta(days=400)
        withdrawn = make_release(
            named("ingetrokken"), publish_at=dt.datetime(2015, 1, 1, 12, tzinfo=dt.UTC)
        )
        withdrawn_early = make_release(named("ingetrokken voor publicatie"), publish_at=later)
        for release in (withdrawn, withdrawn_early):
            release.status = PressRelease.Status.WITHDRAWN
            release.save()
        return ReleasesInEveryState(
            public=make_release(named("openbaar")),
            draft=make_release(named("concept"), status=PressRelease.Status.DRAFT),
            review=make_release(named("ter beoordeling"), status=PressRelease.Status.REVIEW),
            scheduled=make_release(named("gepland"), publish_at=later),
            withdrawn=withdrawn,
            withdrawn_before_publication=withdrawn_early,
        )

    return make


@pytest.fixture
def start_workers(transactional_db, tmp_path):
    """Start `db_worker` processes (tests/workers.py); they are stopped, and their
    output shown, after the test. ``name``: a folder of their own for their logs;
    ``queues``: the task queues they run (all by default; the production layout runs
    ``default`` and ``mail`` in workers of their own)."""
    from tests.workers import Workers

    started = []

    def start(
        count: int, *, smtp_port: int, name: str = "", queues: str = "*", **env: str
    ) -> Workers:
        log_dir = tmp_path / name if name else tmp_path
        log_dir.mkdir(exist_ok=True)
        workers = Workers(
            count, smtp_port=smtp_port, log_dir=log_dir, queues=queues, **env
        ).start()
        started.append(workers)
        return workers

    yield start
    for workers in started:
        workers.stop()
        print(workers.output(last_lines=20))
