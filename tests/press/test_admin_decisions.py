"""The release form's decisions and answers: a public release's edit is minor or
public by choice (never by default), each status change says what it did, and the
form names the status as the list does."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from press.models import ChangeNote, PressRelease
from tests.conftest import make_release
from tests.press.test_change_notes import NOTE_EN, NOTE_NL, change_url, published, release_form

pytestmark = pytest.mark.django_db

Status = PressRelease.Status
CHANGELIST = reverse("admin:press_pressrelease_changelist")


def messages_of(response) -> list[str]:
    return [strip_tags(str(message)) for message in response.context["messages"]]


def release_in(
    status: str, publish_at: dt.datetime | None = None, title: str = "Prinses Beatrixlaan dicht"
) -> PressRelease:
    return make_release(
        title,
        status=status,
        publish_at=publish_at or timezone.now() - dt.timedelta(days=2),
    )


def moment_of(release) -> str:
    return timezone.localtime(release.publish_at).strftime("%d-%m-%Y %H:%M")


# -- a correction is a decision ------------------------------------------------------


def test_nothing_is_preselected_and_saving_without_a_choice_is_refused(client, chief_editor):
    release = published()
    client.force_login(chief_editor)
    html = client.get(change_url(release)).content.decode()
    radios = re.findall(r'<input type="radio" name="change_kind"[^>]*>', html)
    assert len(radios) == 2 and not [radio for radio in radios if "checked" in radio]
    response = client.post(change_url(release), release_form(release, lead_nl="Nu 42 woningen."))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["change_kind"] == [
        "Kies of dit een kleine wijziging is of een openbare wijziging die lezers met een "
        "notitie zien."
    ]
    # The list at the top names it and links to it.
    html = response.content.decode()
    assert 'href="#id_change_kind"' in html
    assert "Niets opgeslagen: 1 veld vraagt je aandacht" in html
    release.refresh_from_db()
    assert release.lead_nl != "Nu 42 woningen."


def test_the_decision_sits_after_the_inlines_beside_the_save_button(client, chief_editor):
    release = published()
    client.force_login(chief_editor)
    html = client.get(change_url(release)).content.decode()
    decision = html.index('name="change_kind"')
    assert html.index('id="attachments-group"') < decision < html.index('name="_save"')
    assert html.count('name="change_kind"') == 2  # once: not in the fields above as well


@pytest.mark.parametrize("kind", ["minor", "note"])
def test_either_choice_saves(client, chief_editor, kind):
    release = published()
    client.force_login(chief_editor)
    data = release_form(
        release,
        lead_nl="Nu 42 woningen.",
        change_kind=kind,
        change_note_nl=NOTE_NL,
        change_note_en=NOTE_EN,
    )
    assert client.post(change_url(release), data).status_code == 302
    release.refresh_from_db()
    assert release.lead_nl == "Nu 42 woningen."
    assert ChangeNote.objects.filter(release=release).exists() == (kind == "note")


def test_a_status_change_of_a_public_release_needs_no_decision(client, chief_editor):
    release = published()
    client.force_login(chief_editor)
    response = client.post(change_url(release), release_form(release, status=Status.DRAFT))
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.status == Status.DRAFT


# -- every status change says what it did ---------------------------------------------


def test_submitting_on_the_form_says_submitted(client, editor):
    release = release_in(Status.DRAFT)
    client.force_login(editor)
    data = release_form(release, status=Status.REVIEW)
    response = client.post(change_url(release), data, follow=True)
    assert messages_of(response) == [
        f"“{release}” is ingediend: het wacht nu op beoordeling door een eindredacteur."
    ]


def test_sending_back_says_so_with_the_note(client, chief_editor):
    release = release_in(Status.REVIEW)
    client.force_login(chief_editor)
    data = release_form(release, status=Status.DRAFT, workflow_note="Kop korter, graag.")
    response = client.post(change_url(release), data, follow=True)
    assert messages_of(response) == [
        f"“{release}” is teruggestuurd naar concept, met je notitie: Kop korter, graag."
    ]


def test_publishing_says_published(client, chief_editor):
    release = release_in(Status.REVIEW, timezone.now() - dt.timedelta(hours=1))
    client.force_login(chief_editor)
    data = release_form(release, status=Status.PUBLISHED)
    response = client.post(change_url(release), data, follow=True)
    assert messages_of(response) == [f"“{release}” is gepubliceerd: lezers zien het nu."]


def test_scheduling_says_when_and_the_form_agrees_with_the_list(client, chief_editor):
    later = (timezone.now() + dt.timedelta(days=5)).replace(second=0, microsecond=0)
    release = release_in(Status.REVIEW, later)
    client.force_login(chief_editor)
    data = release_form(release, status=Status.PUBLISHED)
    response = client.post(change_url(release), data, follow=True)
    moment = moment_of(release)
    assert messages_of(response) == [
        f"“{release}” is ingepland voor {moment}: het wordt dan vanzelf openbaar."
    ]
    listed = f"Ingepland ({moment})"
    assert listed in client.get(CHANGELIST).content.decode()
    form = client.get(change_url(release)).context["adminform"].form
    assert dict(form.fields["status"].choices)[Status.PUBLISHED] == f"{listed} (ongewijzigd)"


def test_the_editors_read_only_page_names_a_scheduled_release_as_the_list(client, editor):
    later = (timezone.now() + dt.timedelta(days=5)).replace(second=0, microsecond=0)
    release = release_in(Status.PUBLISHED, later)
    client.force_login(editor)
    response = client.get(change_url(release))
    assert response.context["status_text"] == f"Ingepland ({moment_of(release)})"
    assert f"<dd>Ingepland ({moment_of(release)})</dd>" in response.content.decode()


def test_withdrawing_and_back_to_draft_say_so(client, chief_editor):
    release = published()
    client.force_login(chief_editor)
    url = reverse("admin:press_pressrelease_transition", args=[release.pk, "withdraw"])
    response = client.post(
        url, {"post": "yes", "explanation_nl": "Onjuist.", "explanation_en": ""}, follow=True
    )
    assert messages_of(response) == [
        f"“{release}” is ingetrokken; lezers zien nu de uitleg in plaats van het persbericht."
    ]
    url = reverse("admin:press_pressrelease_transition", args=[release.pk, "to_draft"])
    response = client.post(url, {"post": "yes", "note": ""}, follow=True)
    assert messages_of(response) == [
        f"“{release}” is teruggezet naar concept: lezers zien het niet meer."
    ]
    release.refresh_from_db()
    assert release.status == Status.DRAFT


def test_publishing_from_the_list_tells_published_from_scheduled(client, chief_editor):
    now = release_in(Status.REVIEW, timezone.now() - dt.timedelta(hours=1), "Nu")
    later = release_in(Status.REVIEW, timezone.now() + dt.timedelta(days=3), "Straks")
    already = release_in(Status.PUBLISHED, timezone.now() + dt.timedelta(days=4), "Al gepland")
    client.force_login(chief_editor)
    data = {"action": "publish_now", "_selected_action": [now.pk, later.pk, already.pk]}
    response = client.post(CHANGELIST, data, follow=True)
    assert messages_of(response) == [
        "1 persbericht gepubliceerd.",
        f"Ingepland, vanzelf openbaar op het gekozen moment: “{later}” op {moment_of(later)}",
    ]
