import datetime as dt
import importlib

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils import timezone, translation

from press.models import PressRelease, ReleaseSlug, Theme
from tests.conftest import make_archive, make_image, make_release, make_theme

pytestmark = pytest.mark.django_db


def test_scheduled_release_is_invisible_until_its_moment():
    now = timezone.now()
    release = make_release(publish_at=now + dt.timedelta(hours=1))
    assert release not in PressRelease.objects.published()
    assert release.is_scheduled
    assert not release.is_published()


def test_scheduled_release_appears_once_publish_at_has_passed():
    release = make_release(publish_at=timezone.now() + dt.timedelta(hours=1))
    PressRelease.objects.filter(pk=release.pk).update(
        publish_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert release in PressRelease.objects.published()


@pytest.mark.parametrize(
    "status",
    [PressRelease.Status.DRAFT, PressRelease.Status.REVIEW, PressRelease.Status.WITHDRAWN],
)
def test_only_published_status_is_public(status):
    release = make_release(status=status, publish_at=timezone.now() - dt.timedelta(days=1))
    assert release not in PressRelease.objects.published()


def test_changing_the_slug_remembers_the_old_one():
    release = make_release("Oude titel")
    release.slug_nl = "nieuwe-titel"
    release.save()
    assert ReleaseSlug.objects.filter(language="nl", slug="oude-titel", release=release).exists()


def test_slug_is_filled_from_the_title_in_each_language():
    release = make_release("Den Haag toegetreden tot 100 Resilient Cities netwerk")
    assert release.slug_nl == "den-haag-toegetreden-tot-100-resilient-cities-netwerk"
    assert release.slug_en.startswith("press-release-number-")


def test_untranslated_release_uses_the_dutch_slug_in_english():
    release = make_release("Alleen Nederlands", english=False)
    assert release.slug_for("en") == "alleen-nederlands"
    assert not release.has_english


def test_missing_english_queryset():
    dutch_only = make_release(english=False)
    both = make_release()
    missing = PressRelease.objects.missing_english()
    assert dutch_only in missing
    assert both not in missing


def test_withdrawn_release_is_gone_only_after_its_publication_moment():
    now = timezone.now()
    scheduled = make_release(
        publish_at=now + dt.timedelta(days=1), status=PressRelease.Status.WITHDRAWN
    )
    was_public = make_release(
        publish_at=now - dt.timedelta(days=1), status=PressRelease.Status.WITHDRAWN
    )
    public = make_release(publish_at=now - dt.timedelta(days=1))
    draft = make_release(status=PressRelease.Status.DRAFT, publish_at=now - dt.timedelta(days=1))
    assert set(PressRelease.objects.public_or_gone()) == {was_public, public}
    assert scheduled not in PressRelease.objects.public_or_gone()
    assert draft not in PressRelease.objects.public_or_gone()


def test_release_by_slug_falls_back_to_the_dutch_address():
    dutch_only = make_release("Alleen Nederlands", english=False)
    both = make_release("Beide talen")
    PressRelease.objects.filter(pk=dutch_only.pk).update(slug_en=None)  # as from a form
    assert list(PressRelease.objects.by_slug("en", "alleen-nederlands")) == [dutch_only]
    assert list(PressRelease.objects.by_slug("nl", "alleen-nederlands")) == [dutch_only]
    assert list(PressRelease.objects.by_slug("en", both.slug_en)) == [both]
    # A release with an English address is not at its Dutch one in English.
    assert not PressRelease.objects.by_slug("en", "beide-talen").exists()


def test_old_slug_leads_only_to_public_or_withdrawn_releases():
    release = make_release("Oude titel")
    release.slug_nl = "nieuwe-titel"
    release.save()
    reachable = PressRelease.objects.public_or_gone
    assert reachable().at_address("nl", "oude-titel").get() == release
    assert not reachable().at_address("en", "oude-titel").exists()
    for status in (PressRelease.Status.DRAFT, PressRelease.Status.REVIEW):
        PressRelease.objects.filter(pk=release.pk).update(status=status)
        assert not reachable().at_address("nl", "oude-titel").exists()
    PressRelease.objects.filter(pk=release.pk).update(status=PressRelease.Status.WITHDRAWN)
    assert reachable().at_address("nl", "oude-titel").exists()


def test_theme_by_slug_in_any_language():
    theme = make_theme(slug_nl="kustverdediging", slug_en="coastal-defence")
    make_theme(slug_nl="cyber", slug_en="cyber-security")
    assert list(Theme.objects.by_slug_in_any_language("kustverdediging")) == [theme]
    assert list(Theme.objects.by_slug_in_any_language("coastal-defence")) == [theme]
    assert not Theme.objects.by_slug_in_any_language("onbekend").exists()


def test_from_year_holds_the_year_in_amsterdam_time_and_nothing_out_of_range():
    # 23:30 UTC on 31 December 2015 is already 2016 in Amsterdam.
    new_year = make_release(publish_at=dt.datetime(2015, 12, 31, 23, 30, tzinfo=dt.UTC))
    assert list(PressRelease.objects.from_year(2016)) == [new_year]
    assert not PressRelease.objects.from_year(2015).exists()
    for year in (-1, 0, 1, 9999, 10000, 99999999999):
        assert not PressRelease.objects.from_year(year).exists()


NO_SLUG_ERROR = "Give the release a title with letters or digits, or fill in the address (slug)."


def test_title_without_letters_or_digits_is_a_form_error_on_the_slug():
    from django.core.exceptions import ValidationError

    release = PressRelease(title_nl="???", lead_nl="Inleiding.", body_nl="<p>Tekst.</p>")
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            release.clean()
        assert error.value.message_dict["slug_nl"] == [NO_SLUG_ERROR]
    release.slug_nl = "vraagtekens"
    release.clean()  # an address filled in by hand will do


def test_saving_a_title_without_letters_or_digits_still_gives_an_address():
    first = make_release("???", english=False)
    second = make_release("!!!", title_en="???")
    assert first.slug_nl == "persbericht-1"
    assert second.slug_nl == "persbericht-2"
    assert second.slug_for("en") == "persbericht-2"
    # Addresses another release has, or had, are skipped; its own is kept.
    taken = make_release("Gewoon", slug_nl="persbericht-3")
    taken.slug_nl = "persbericht-4"
    taken.save()
    assert ReleaseSlug.objects.filter(slug="persbericht-3").exists()
    assert make_release("…").slug_nl == "persbericht-5"
    first.slug_nl = ""
    first.save()
    assert first.slug_nl == "persbericht-1"


def test_hero_image_dimensions_and_size_are_stored_with_the_release():
    upload = make_image(size=(64, 32))
    release = make_release(hero_image=upload, hero_alt_nl="Zandmotor")
    stored = PressRelease.objects.values("hero_width", "hero_height", "hero_size").get()
    assert stored == {"hero_width": 64, "hero_height": 32, "hero_size": upload.size}
    assert release.hero_size == default_storage.size(release.hero_image.name) > 0

    bigger = make_image("groter.png", size=(120, 90))
    release.hero_image = bigger
    release.save()
    release.refresh_from_db()
    assert (release.hero_width, release.hero_height, release.hero_size) == (120, 90, bigger.size)

    release.hero_image = None
    release.save()
    release.refresh_from_db()
    assert (release.hero_width, release.hero_height, release.hero_size) == (None, None, None)


def test_saving_a_release_does_not_ask_the_storage_about_its_image_again(monkeypatch):
    release = make_release(hero_image=make_image(), hero_alt_nl="Zandmotor")
    size = release.hero_size

    def no_storage(*args, **kwargs):
        raise AssertionError("the storage was asked")

    monkeypatch.setattr(FileSystemStorage, "size", no_storage)
    monkeypatch.setattr(FileSystemStorage, "open", no_storage)
    release = PressRelease.objects.get(pk=release.pk)
    release.title_nl = "Nieuwe titel"
    release.save()
    assert release.hero_size == size


def test_migration_fills_in_the_dimensions_of_existing_hero_images():
    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("press.migrations.0004_hero_dimensions")
    upload = make_image(size=(40, 30))
    with_image = make_release(hero_image=upload, hero_alt_nl="Zandmotor")
    missing = make_release(hero_image=make_image("weg.png"), hero_alt_nl="Weg")
    default_storage.delete(missing.hero_image.name)
    without = make_release()
    PressRelease.objects.update(hero_width=None, hero_height=None, hero_size=None)

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    migration.fill_hero_dimensions(apps, editor)
    rows = dict(PressRelease.objects.values_list("pk", "hero_width"))
    assert rows == {with_image.pk: 40, missing.pk: None, without.pk: None}
    assert PressRelease.objects.get(pk=with_image.pk).hero_size == upload.size


def test_saving_a_loaded_release_does_not_read_it_again():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    release = PressRelease.objects.get(pk=make_release("Oude titel").pk)
    release.slug_nl = "nieuwe-titel"
    with CaptureQueriesContext(connection) as queries:
        release.save()
    reads = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and 'FROM "press_pressrelease"' in q["sql"]
    ]
    assert reads == []
    # … and still remembers the address it had, also on the next save.
    assert ReleaseSlug.objects.get(slug="oude-titel").release == release
    release.slug_nl = "derde-titel"
    release.save()
    assert set(ReleaseSlug.objects.values_list("slug", flat=True)) == {
        "oude-titel",
        "nieuwe-titel",
    }


def test_a_release_made_from_its_history_compares_with_the_stored_row():
    """An instance not loaded through the ORM (a history revert) asks the database
    what the stored addresses are."""
    release = make_release("Eerste titel")
    first = release.history.earliest().instance
    release.slug_nl = "tweede-titel"
    release.save()
    first.save()  # back to eerste-titel
    assert PressRelease.objects.get(pk=release.pk).slug_nl == "eerste-titel"
    assert ReleaseSlug.objects.get(slug="tweede-titel").release_id == release.pk
    assert not ReleaseSlug.objects.filter(slug="eerste-titel").exists()


def test_withdrawn_release_without_a_stamp_is_gone_only_once_its_moment_came(client):
    """A withdrawn release without withdrawn_at (withdrawn before the stamp existed)
    answers 410 only if its publication moment has come; before that it stays 404."""
    release = make_release("Geheim plan", publish_at=timezone.now() + dt.timedelta(days=1))
    PressRelease.objects.filter(pk=release.pk).update(
        status=PressRelease.Status.WITHDRAWN, withdrawn_at=None
    )
    assert release not in PressRelease.objects.public_or_gone()
    response = client.get(release.get_absolute_url("nl"))
    assert response.status_code == 404
    assert "Geheim plan" not in response.content.decode()
    PressRelease.objects.filter(pk=release.pk).update(
        publish_at=timezone.now() - dt.timedelta(days=1)
    )
    assert release in PressRelease.objects.public_or_gone()
    assert client.get(release.get_absolute_url("nl")).status_code == 410


def test_english_fields_left_empty_count_as_missing():
    both = make_release("Tweetalig")
    empty = make_release("Leeg Engels")
    PressRelease.objects.filter(pk=empty.pk).update(title_en="", lead_en="", body_en="")
    never = make_release("Nooit vertaald", english=False)
    assert set(PressRelease.objects.missing_english()) == {empty, never}
    assert both.has_english and not PressRelease.objects.get(pk=empty.pk).has_english


def test_publication_years_are_the_public_years_in_amsterdam_time_latest_first():
    """The newsroom's year filter: the years with public releases, in the city's time
    (New Year's night in Amsterdam is still the old year in UTC), gaps left out, and
    neither drafts, withdrawn nor scheduled releases counted."""
    utc = dt.UTC
    make_release(publish_at=dt.datetime(2019, 12, 31, 23, 30, tzinfo=utc))  # 2020 here
    make_release(publish_at=dt.datetime(2017, 6, 1, 12, 0, tzinfo=utc))
    make_release(publish_at=dt.datetime(2017, 1, 1, 0, 30, tzinfo=utc))
    make_release(publish_at=dt.datetime(2016, 12, 31, 22, 30, tzinfo=utc))  # 2016 here
    make_release(publish_at=dt.datetime(2012, 3, 1, tzinfo=utc), status="draft")
    make_release(publish_at=dt.datetime(2011, 3, 1, tzinfo=utc), status="withdrawn")
    make_release(publish_at=timezone.now() + dt.timedelta(days=400))
    assert PressRelease.objects.published().publication_years() == [2020, 2017, 2016]
    assert PressRelease.objects.none().publication_years() == []
    assert PressRelease.objects.published().filter(publish_at__year=2017).publication_years() == [
        2017
    ]


@pytest.mark.postgres
def test_publication_years_step_down_the_index_instead_of_reading_every_release(
    django_assert_max_num_queries,
):
    """One query, answered by a probe of an index on publish_at per year: its
    cost grows with the years, not with the releases (issue 12: the newsroom's
    database time flat from 15 to 2,000 releases)."""
    from django.db import connection

    start = dt.datetime(2000, 1, 2, tzinfo=dt.UTC)
    make_archive(600, start, dt.timedelta(days=7))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE press_pressrelease")
    with django_assert_max_num_queries(1) as captured:
        years = PressRelease.objects.published().publication_years()
    assert years == list(range(2011, 1999, -1))
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + captured.captured_queries[0]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index" in plan and "Seq Scan on press_pressrelease" not in plan, plan
