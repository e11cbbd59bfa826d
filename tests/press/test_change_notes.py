"""Public change notes on published releases: the change form's
choice, the article page, the feeds, the sitemap, the alert, and what the public saw
on a date (press.history)."""

import datetime as dt
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from press import history, signals, workflow
from press.models import ChangeNote, PressRelease
from press.roles import CHIEF_EDITORS, EDITORS, MODERATORS
from tests.conftest import make_release, make_user
from tests.press.test_admin import form_data

pytestmark = pytest.mark.django_db

NOTE_NL = "De data van de afsluiting waren onjuist en zijn verbeterd."
NOTE_EN = "The dates of the closure were wrong and have been corrected."


def published(**extra) -> PressRelease:
    release = make_release(
        "Prinses Beatrixlaan afgesloten",
        publish_at=timezone.now() - dt.timedelta(days=2),
        **extra,
    )
    return release


def edit(release, user, *, title=None, note=None, alert=False):
    """An edit of the release's Dutch title through the workflow, as the form does."""
    release = PressRelease.objects.get(pk=release.pk)
    if title:
        release.title_nl = title
    return workflow.save_edit(release, user=user, change_note=note, alert=alert)


def change_url(release) -> str:
    return reverse("admin:press_pressrelease_change", args=[release.pk])


def release_form(release, **overrides) -> dict:
    """The change form as posted for `release` (both languages when it has them)."""
    values = {
        f"{name}_{code}": getattr(release, f"{name}_{code}") or ""
        for name in ("title", "slug", "lead", "body")
        for code in ("nl", "en")
    }
    moment = timezone.localtime(release.publish_at)
    return (
        form_data(
            **values,
            status=release.status,
            publish_at_0=moment.strftime("%d-%m-%Y"),
            publish_at_1=moment.strftime("%H:%M:%S"),
        )
        | overrides
    )


# -- the service ------------------------------------------------------------------


def test_a_change_note_is_kept_with_the_version_it_came_with(chief_editor):
    release = published()
    note = edit(
        release, chief_editor, title="Beatrixlaan later dicht", note={"nl": NOTE_NL, "en": NOTE_EN}
    )
    assert note.text_nl == NOTE_NL and note.text_en == NOTE_EN
    assert note.author == chief_editor
    assert note.version.title_nl == "Beatrixlaan later dicht"
    assert note.version == release.history.order_by("-history_date").first()
    assert ChangeNote.objects.filter(release=release).count() == 1


def test_a_minor_change_makes_no_note(chief_editor):
    release = published()
    assert edit(release, chief_editor, title="Prinses Beatrixlaan afgesloten.") is None
    assert not ChangeNote.objects.exists()


@pytest.mark.parametrize(
    "english, texts, missing",
    [
        (True, {"nl": NOTE_NL}, ["en"]),
        (True, {"en": NOTE_EN}, ["nl"]),
        (False, {"en": NOTE_EN}, ["nl"]),
        (True, {"nl": "   ", "en": NOTE_EN}, ["nl"]),
    ],
)
def test_a_change_note_needs_dutch_and_english_when_the_release_has_english(
    chief_editor, english, texts, missing
):
    release = published(english=english)
    with pytest.raises(workflow.WorkflowError) as error:
        edit(release, chief_editor, title="Nooit opgeslagen", note=texts)
    assert error.value.missing == missing
    assert PressRelease.objects.get(pk=release.pk).title_nl == "Prinses Beatrixlaan afgesloten"
    assert not ChangeNote.objects.exists()


def test_a_dutch_only_release_needs_only_the_dutch_note(chief_editor):
    release = published(english=False)
    note = edit(release, chief_editor, note={"nl": NOTE_NL, "en": ""})
    assert note.text_nl == NOTE_NL and not note.text_en


@pytest.mark.parametrize("state", ["draft", "scheduled", "withdrawn"])
def test_only_a_public_release_gets_a_change_note(chief_editor, releases_in_every_state, state):
    release = getattr(releases_in_every_state(), state)
    with pytest.raises(workflow.WorkflowError):
        edit(release, chief_editor, note={"nl": NOTE_NL, "en": NOTE_EN})
    assert not ChangeNote.objects.exists()


def test_an_editor_may_not_note_a_change_to_a_published_release(editor):
    release = published()
    with pytest.raises(PermissionDenied):
        edit(release, editor, note={"nl": NOTE_NL, "en": NOTE_EN})
    assert not ChangeNote.objects.exists()


# -- the alert (press.signals.change_noted) -------------------------------------------


@pytest.fixture
def sent():
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    signals.change_noted.connect(receiver)
    yield calls
    signals.change_noted.disconnect(receiver)


def test_the_alert_is_sent_once_after_commit_with_the_note(
    chief_editor, sent, django_capture_on_commit_callbacks
):
    release = published()
    with django_capture_on_commit_callbacks(execute=True):
        note = edit(release, chief_editor, note={"nl": NOTE_NL, "en": NOTE_EN}, alert=True)
        assert sent == []  # not before the commit
    assert sent == [
        {
            "signal": signals.change_noted,
            "release_pk": release.pk,
            "note_pk": note.pk,
            "texts": {"nl": NOTE_NL, "en": NOTE_EN},
        }
    ]


@pytest.mark.parametrize(
    "note, alert",
    [(None, True), (None, False), ({"nl": NOTE_NL, "en": NOTE_EN}, False)],
    ids=["minor-with-alert-ticked", "minor", "note-without-alert"],
)
def test_no_alert_without_a_note_and_the_editors_choice(
    chief_editor, sent, django_capture_on_commit_callbacks, note, alert
):
    release = published()
    with django_capture_on_commit_callbacks(execute=True):
        edit(release, chief_editor, title="Anders", note=note, alert=alert)
    assert sent == []


def test_no_alert_when_the_edit_is_rolled_back(
    chief_editor, sent, django_capture_on_commit_callbacks
):
    release = published()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                edit(release, chief_editor, note={"nl": NOTE_NL, "en": NOTE_EN}, alert=True)
                raise RuntimeError("the request failed after the save")
        except RuntimeError:
            pass
    assert callbacks == []
    assert sent == []
    assert not ChangeNote.objects.exists()


# -- the article page --------------------------------------------------------------


def test_the_article_shows_updated_on_and_the_notes_newest_first(client, chief_editor):
    release = published()
    first = edit(release, chief_editor, note={"nl": "Eerste correctie.", "en": "First fix."})
    second = edit(release, chief_editor, note={"nl": "Tweede correctie.", "en": "Second fix."})
    ChangeNote.objects.filter(pk=first.pk).update(
        noted_at=dt.datetime(2024, 6, 3, 22, 30, tzinfo=dt.UTC)  # 4 June, 00:30 Amsterdam
    )
    ChangeNote.objects.filter(pk=second.pk).update(
        noted_at=dt.datetime(2024, 6, 5, 8, 0, tzinfo=dt.UTC)
    )
    response = client.get(release.get_absolute_url("nl"))
    assert response.status_code == 200
    assertInHTML(
        """<div class="release-updates">
          <p class="updated"><strong>Bijgewerkt op woensdag 5 juni 2024</strong></p>
          <ul class="change-notes">
            <li><time datetime="2024-06-05T10:00:00+02:00">woensdag 5 juni 2024, 10:00</time>:
              Tweede correctie.</li>
            <li><time datetime="2024-06-04T00:30:00+02:00">dinsdag 4 juni 2024, 00:30</time>:
              Eerste correctie.</li>
          </ul></div>""",
        response.content.decode(),
    )
    english = client.get(release.get_absolute_url("en"))
    assertInHTML(
        '<p class="updated"><strong>Updated on Wednesday 5 June 2024</strong></p>',
        english.content.decode(),
    )
    assertContains(english, "Second fix.")
    assertNotContains(english, "Tweede correctie.")


def test_a_release_without_notes_says_nothing_of_updates(client, chief_editor):
    release = published()
    edit(release, chief_editor, title="Met een typfout minder")
    response = client.get(release.get_absolute_url("nl"))
    assertContains(response, "Met een typfout minder")
    assertNotContains(response, "Bijgewerkt op")


def test_the_notes_cost_the_article_no_query(client, chief_editor, django_assert_max_num_queries):
    from tests.press.test_article_cost import BUDGET, full_release

    release = full_release(3, 5)
    for n in range(5):
        edit(release, chief_editor, note={"nl": f"Correctie {n}.", "en": f"Fix {n}."})
    client.get(release.get_absolute_url("nl"))  # renders the article's fragments
    with django_assert_max_num_queries(BUDGET):
        response = client.get(release.get_absolute_url("nl"))
    assert response.status_code == 200
    for n in range(5):
        assertContains(response, f"Correctie {n}.")


# -- feeds and sitemap ---------------------------------------------------------------


def test_the_feeds_mark_a_noted_release_as_updated(client, chief_editor):
    publish_at = dt.datetime(2024, 6, 3, 10, 0, tzinfo=dt.UTC)
    release = make_release("Beatrixlaan", publish_at=publish_at)
    note = edit(release, chief_editor, note={"nl": NOTE_NL, "en": NOTE_EN})
    atom = feedparser.parse(client.get("/nl/atom/").content).entries[0]
    assert dt.datetime.fromisoformat(atom.published) == publish_at
    assert abs(dt.datetime.fromisoformat(atom.updated) - note.noted_at) < dt.timedelta(seconds=1)
    assert NOTE_NL in atom.summary
    rss = client.get("/en/rss/").content
    item = ET.fromstring(rss).find("channel/item")
    updated = item.findtext("{http://www.w3.org/2005/Atom}updated")
    assert abs(dt.datetime.fromisoformat(updated) - note.noted_at) < dt.timedelta(seconds=1)
    assert NOTE_EN in item.findtext("description")
    assert item.findtext("pubDate") == "Mon, 03 Jun 2024 10:00:00 +0000"


def test_a_minor_change_does_not_mark_the_feed_item_updated(client, chief_editor):
    publish_at = dt.datetime(2024, 6, 3, 10, 0, tzinfo=dt.UTC)
    release = make_release("Beatrixlaan", publish_at=publish_at)
    edit(release, chief_editor, title="Beatrixlaan (typfout)")
    atom = feedparser.parse(client.get("/nl/atom/").content).entries[0]
    assert atom.title == "Beatrixlaan (typfout)"
    assert dt.datetime.fromisoformat(atom.updated) == publish_at
    item = ET.fromstring(client.get("/nl/rss/").content).find("channel/item")
    assert item.find("{http://www.w3.org/2005/Atom}updated") is None


def lastmod(client, release) -> str:
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(client.get("/sitemap.xml").content)
    location = "https://persberichten.denhaag.example" + release.get_absolute_url("nl")
    for url in root.findall("sm:url", ns):
        if url.findtext("sm:loc", namespaces=ns).endswith(release.get_absolute_url("nl")):
            return url.findtext("sm:lastmod", namespaces=ns)
    raise AssertionError(f"{location} is not in the sitemap")


@pytest.mark.parametrize("note", [None, {"nl": NOTE_NL, "en": NOTE_EN}], ids=["minor", "noted"])
def test_the_sitemap_lastmod_follows_every_change_of_the_public_text(client, chief_editor, note):
    """Our choice: a typo fix changes what the public reads too, so search engines are
    told; only the feeds wait for a public change note."""
    release = make_release(publish_at=dt.datetime(2024, 6, 3, 10, 0, tzinfo=dt.UTC))
    assert lastmod(client, release) == "2024-06-03"
    edit(release, chief_editor, title="Verbeterd", note=note)
    assert lastmod(client, release) == timezone.localdate().isoformat()


def test_an_edit_of_a_scheduled_release_keeps_its_publication_as_lastmod(chief_editor):
    release = make_release(publish_at=timezone.now() + dt.timedelta(days=3))
    edit(release, chief_editor, title="Nog niet openbaar")
    release.refresh_from_db()
    assert release.revised_at is None
    assert release.last_public_change == release.publish_at


# -- the change form --------------------------------------------------------------


def test_the_change_form_asks_what_kind_of_change_only_when_public(
    client, chief_editor, releases_in_every_state
):
    client.force_login(chief_editor)
    releases = releases_in_every_state()
    response = client.get(change_url(releases.public))
    assert "change_kind" in response.context["adminform"].form.fields
    assertContains(response, "Wijzigingsnotitie voor lezers (Nederlands)")
    for release in (releases.draft, releases.scheduled, releases.withdrawn):
        response = client.get(change_url(release))
        assert "change_kind" not in response.context["adminform"].form.fields
        assertNotContains(response, "change_note_nl")


def test_a_public_change_through_the_form(
    client, chief_editor, sent, django_capture_on_commit_callbacks
):
    client.force_login(chief_editor)
    release = published()
    data = release_form(
        release,
        title_nl="Prinses Beatrixlaan later afgesloten",
        change_kind="note",
        change_note_nl=NOTE_NL,
        change_note_en=NOTE_EN,
        alert_subscribers="on",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(release), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:press_pressrelease_changelist")
    note = ChangeNote.objects.get(release=release)
    assert (note.text_nl, note.text_en, note.alert_requested) == (NOTE_NL, NOTE_EN, True)
    assert note.version.title_nl == "Prinses Beatrixlaan later afgesloten"
    assert [call["note_pk"] for call in sent] == [note.pk]
    assertContains(client.get(release.get_absolute_url("nl")), NOTE_NL)


def test_a_minor_change_through_the_form(client, chief_editor):
    client.force_login(chief_editor)
    release = published()
    response = client.post(
        change_url(release), release_form(release, title_nl="Zonder typfout", change_kind="minor")
    )
    assert response.status_code == 302
    assert PressRelease.objects.get(pk=release.pk).title_nl == "Zonder typfout"
    assert not ChangeNote.objects.exists()


@pytest.mark.parametrize(
    "texts, field, language",
    [
        ({"change_note_nl": "", "change_note_en": NOTE_EN}, "change_note_nl", "Nederlands"),
        ({"change_note_nl": NOTE_NL, "change_note_en": " "}, "change_note_en", "Engels"),
    ],
)
def test_a_public_change_without_its_text_is_a_dutch_form_error(
    client, chief_editor, texts, field, language
):
    client.force_login(chief_editor)
    release = published()
    data = release_form(release, title_nl="Niet opgeslagen", change_kind="note", **texts)
    response = client.post(change_url(release), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors == {field: [f"Schrijf de wijzigingsnotitie voor lezers in: {language}."]}
    assert PressRelease.objects.get(pk=release.pk).title_nl == "Prinses Beatrixlaan afgesloten"
    assert not ChangeNote.objects.exists()


def test_a_change_note_with_a_status_change_is_a_form_error(client, chief_editor):
    client.force_login(chief_editor)
    release = published()
    data = release_form(
        release, status="draft", change_kind="note", change_note_nl=NOTE_NL, change_note_en=NOTE_EN
    )
    response = client.post(change_url(release), data)
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["change_kind"]
    assert PressRelease.objects.get(pk=release.pk).status == "published"


@pytest.mark.parametrize(
    "role, status",
    [(CHIEF_EDITORS, 302), (EDITORS, 403), (MODERATORS, 403)],
)
def test_who_may_add_a_change_note(client, django_user_model, role, status):
    """Whoever may change the published release (press.workflow.may_edit)."""
    client.force_login(make_user(django_user_model, "someone", role))
    release = published()
    data = release_form(
        release, change_kind="note", change_note_nl=NOTE_NL, change_note_en=NOTE_EN
    )
    response = client.post(change_url(release), data)
    assert response.status_code == status
    assert ChangeNote.objects.filter(release=release).exists() == (status == 302)


# -- what the public saw on a date ---------------------------------------------------


def at(day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2024, 6, day, hour, 0, tzinfo=dt.UTC)


@pytest.fixture
def corrected_twice(chief_editor, monkeypatch):
    """Published on 3 June with wrong dates, corrected on 4 June (note) and again on
    6 June (a minor fix). The clock is Django's (timezone.now), also the history's."""
    clock = [at(1)]
    monkeypatch.setattr(timezone, "now", lambda: clock[0])
    release = make_release("Afsluiting 8 juli", status="draft")
    clock[0] = at(3)
    workflow.change_status(release, "published", user=chief_editor)
    clock[0] = at(4)
    edit(release, chief_editor, title="Afsluiting 15 juli", note={"nl": NOTE_NL, "en": NOTE_EN})
    clock[0] = at(6)
    edit(release, chief_editor, title="Afsluiting 15 juli (Beatrixlaan)")
    clock[0] = at(10)
    return release


def public_on(client, release: PressRelease, moment: dt.datetime):
    """The version the admin's "What did the public see on" answers for `moment`
    (asked in Amsterdam time, to the minute), or None."""
    url = reverse("admin:press_pressrelease_published_versions", args=[release.pk])
    response = client.get(url, {"on": timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 200
    return response.context["asked"]["version"]


def test_what_the_public_saw_on_a_date(corrected_twice, client, chief_editor):
    release = corrected_twice
    client.force_login(chief_editor)
    assert public_on(client, release, at(2)) is None  # a draft then
    assert public_on(client, release, at(3, 15)).record.title_nl == "Afsluiting 8 juli"
    on_5th = public_on(client, release, at(5))
    assert on_5th.record.title_nl == "Afsluiting 15 juli"
    assert [note.text_nl for note in on_5th.notes] == [NOTE_NL]
    now = public_on(client, release, at(9))
    assert now.record.title_nl == "Afsluiting 15 juli (Beatrixlaan)"
    assert now.public_until is None
    assert [(v.public_from, v.public_until) for v in history.public_versions(release)] == [
        (at(6), None),
        (at(4), at(6)),
        (at(3), at(4)),
    ]


def test_the_published_versions_page(client, corrected_twice, editor):
    client.force_login(editor)  # may read the release, not change it
    url = reverse("admin:press_pressrelease_published_versions", args=[corrected_twice.pk])
    response = client.get(url, {"on": "2024-06-05T12:00"})
    assert response.status_code == 200
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    answer = response.context["asked"]["version"]
    assert answer.record.title_nl == "Afsluiting 15 juli"
    assertContains(response, "Op 5 juni 2024 12:00 zag het publiek deze versie:")
    assert [v.record.title_nl for v in response.context["versions"]] == [
        "Afsluiting 15 juli (Beatrixlaan)",
        "Afsluiting 15 juli",
        "Afsluiting 8 juli",
    ]
    version_url = reverse(
        "admin:press_pressrelease_published_version",
        args=[corrected_twice.pk, answer.record.history_id],
    )
    page = client.get(version_url)
    assert page.status_code == 200
    assertInHTML("<h3>Afsluiting 15 juli</h3>", page.content.decode())
    assertContains(page, NOTE_NL)
    assertNotContains(page, "Afsluiting 8 juli")


def test_asking_about_a_moment_the_release_was_not_public(client, corrected_twice, editor):
    client.force_login(editor)
    url = reverse("admin:press_pressrelease_published_versions", args=[corrected_twice.pk])
    response = client.get(url, {"on": "2024-06-02T12:00"})
    assertContains(response, "Op 2 juni 2024 12:00 was het persbericht niet openbaar.")
    bad = client.get(url, {"on": "morgen"})
    assert bad.status_code == 200
    assert bad.context["form"].errors


def test_a_version_the_public_never_saw_is_not_found(client, corrected_twice, chief_editor):
    client.force_login(chief_editor)
    draft = corrected_twice.history.order_by("history_date").first()  # the draft of 1 June
    url = reverse(
        "admin:press_pressrelease_published_version", args=[corrected_twice.pk, draft.history_id]
    )
    assert client.get(url).status_code == 404


def test_a_moderator_does_not_see_the_published_versions(client, corrected_twice, moderator):
    client.force_login(moderator)
    url = reverse("admin:press_pressrelease_published_versions", args=[corrected_twice.pk])
    assert client.get(url).status_code == 404


def test_a_noted_version_is_never_deleted_from_the_history(corrected_twice):
    from django.db.models import ProtectedError

    note = ChangeNote.objects.get()
    with pytest.raises(ProtectedError):
        note.version.delete()


def test_a_history_revert_of_a_public_release_asks_the_same(client, chief_editor):
    """Reverting a public release to an earlier version is an edit of the public
    text: the same choice, the same note, kept with the reverted version."""
    release = published()
    first = release.history.order_by("history_date").first()
    edit(release, chief_editor, title="Verkeerde titel")
    client.force_login(chief_editor)
    url = reverse("admin:press_pressrelease_simple_history", args=[release.pk, first.history_id])
    assert "change_kind" in client.get(url).context["adminform"].form.fields
    data = release_form(
        PressRelease.objects.get(pk=release.pk),
        title_nl="Prinses Beatrixlaan afgesloten",
        change_kind="note",
        change_note_nl="De titel is teruggezet.",
        change_note_en="The title was restored.",
    )
    response = client.post(url, data)
    assert response.status_code == 302
    note = ChangeNote.objects.get()
    assert note.version.title_nl == "Prinses Beatrixlaan afgesloten"
    assertContains(client.get(release.get_absolute_url("nl")), "De titel is teruggezet.")


def test_a_release_withdrawn_by_a_colleague_meanwhile_is_not_saved_and_the_editor_is_told(
    client, chief_editor, monkeypatch
):
    """The form saw a public release; by the time the change is saved a colleague has
    withdrawn it: nothing is saved (no note on a withdrawn release), and the editor
    reads why on the change form, in Dutch (no 500)."""
    client.force_login(chief_editor)
    release = published()
    real_save_edit = workflow.save_edit

    def colleague_withdraws_first(obj, **kwargs):
        PressRelease.objects.filter(pk=obj.pk).update(status=PressRelease.Status.WITHDRAWN)
        return real_save_edit(obj, **kwargs)

    monkeypatch.setattr(workflow, "save_edit", colleague_withdraws_first)
    data = release_form(
        release,
        title_nl="Niet opgeslagen",
        change_kind="note",
        change_note_nl=NOTE_NL,
        change_note_en=NOTE_EN,
    )
    response = client.post(change_url(release), data)
    assert response.status_code == 302
    assert response["Location"] == change_url(release)
    assert PressRelease.objects.get(pk=release.pk).title_nl == "Prinses Beatrixlaan afgesloten"
    assert not ChangeNote.objects.exists()
    page = client.get(change_url(release))
    assertContains(page, "Er is niets opgeslagen")
