"""Deleting a release: never one the public saw (Archiefwet: the office shows what it
published and when), in the admin (one and several at once) and in the service."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from press import history, workflow
from press.models import ChangeNote, PressRelease
from tests.conftest import make_release

pytestmark = pytest.mark.django_db

Status = PressRelease.Status
REFUSED_NL = "is openbaar geweest en blijft daarom bewaard (Archiefwet): trek het in"


def noted(chief_editor) -> PressRelease:
    """Published, then corrected with a public change note."""
    release = make_release("Afsluiting 8 juli", status=Status.DRAFT)
    workflow.change_status(release, Status.PUBLISHED, user=chief_editor)
    release = PressRelease.objects.get(pk=release.pk)
    release.title_nl = "Afsluiting 15 juli"
    workflow.save_edit(
        release, user=chief_editor, change_note={"nl": "De datum was onjuist.", "en": "Wrong."}
    )
    return release


def withdrawn(chief_editor) -> PressRelease:
    release = noted(chief_editor)
    workflow.change_status(
        release, Status.WITHDRAWN, user=chief_editor, explanation={"nl": "Onjuist bericht."}
    )
    return release


def back_to_draft(chief_editor) -> PressRelease:
    """Public once, taken back to draft: only its history says it was public."""
    release = noted(chief_editor)
    workflow.change_status(release, Status.DRAFT, user=chief_editor)
    return release


WAS_PUBLIC = [noted, withdrawn, back_to_draft]


def delete_url(release) -> str:
    return reverse("admin:press_pressrelease_delete", args=[release.pk])


def change_url(release) -> str:
    return reverse("admin:press_pressrelease_change", args=[release.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize("make", WAS_PUBLIC)
def test_the_service_keeps_a_release_that_was_public(chief_editor, make):
    release = make(chief_editor)
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.delete_release(release)
    assert refused.value.code == "was_public"
    assert PressRelease.objects.filter(pk=release.pk).exists()
    assert ChangeNote.objects.filter(release=release).count() == 1


@pytest.mark.parametrize("make", WAS_PUBLIC)
def test_the_admin_refuses_to_delete_a_release_that_was_public(client, chief_editor, make):
    release = make(chief_editor)
    client.force_login(chief_editor)
    for method in (client.get, client.post):
        response = method(delete_url(release), {"post": "yes"}, follow=True)
        assert response.redirect_chain == [(change_url(release), 302)]
        assert response.status_code == 200
        (message,) = messages_of(response)
        assert "“Afsluiting 15 juli” " + REFUSED_NL in message
    assert PressRelease.objects.filter(pk=release.pk).exists()
    assert ChangeNote.objects.filter(release=release).count() == 1
    # Its change page offers no delete link.
    page = client.get(change_url(release))
    assert page.status_code == 200
    assertNotContains(page, delete_url(release))


def test_the_delete_action_deletes_nothing_when_one_was_public(client, chief_editor):
    draft = make_release("Nooit gepubliceerd", status=Status.DRAFT)
    public = noted(chief_editor)
    client.force_login(chief_editor)
    for confirmed in ({}, {"post": "yes"}):
        response = client.post(
            reverse("admin:press_pressrelease_changelist"),
            {"action": "delete_selected", "_selected_action": [draft.pk, public.pk]} | confirmed,
            follow=True,
        )
        assert response.status_code == 200
        (message,) = messages_of(response)
        assert message.startswith("Er is niets verwijderd.")
        assert REFUSED_NL in message
    assert PressRelease.objects.filter(pk__in=[draft.pk, public.pk]).count() == 2
    assert ChangeNote.objects.filter(release=public).count() == 1


def test_a_release_never_public_is_deleted(client, chief_editor, releases_in_every_state):
    states = releases_in_every_state()
    never = [states.draft, states.review, states.scheduled, states.withdrawn_before_publication]
    assert [history.was_ever_public(r) for r in never] == [False] * 4
    assert history.was_ever_public(states.public) and history.was_ever_public(states.withdrawn)
    client.force_login(chief_editor)
    page = client.get(change_url(states.draft))
    assertContains(page, delete_url(states.draft))
    response = client.post(delete_url(states.draft), {"post": "yes"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:press_pressrelease_changelist")
    response = client.post(
        reverse("admin:press_pressrelease_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [r.pk for r in never[1:]],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert set(PressRelease.objects.values_list("pk", flat=True)) == {
        states.public.pk,
        states.withdrawn.pk,
    }


def test_a_scheduled_release_withdrawn_before_its_moment_may_go(chief_editor, monkeypatch):
    """Never public: withdrawn before its moment came, also once that moment passed."""
    release = make_release(status=Status.DRAFT)
    release.publish_at = timezone.now() + dt.timedelta(hours=1)
    workflow.change_status(release, Status.PUBLISHED, user=chief_editor)
    workflow.change_status(
        release, Status.WITHDRAWN, user=chief_editor, explanation={"nl": "Gaat niet door."}
    )
    release.refresh_from_db()
    assert not history.was_ever_public(release)
    later = timezone.now() + dt.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert not history.was_ever_public(release)
    workflow.delete_release(release)
    assert not PressRelease.objects.filter(pk=release.pk).exists()


# -- "public": one rule for the release and its history --------------------------------


def test_the_history_and_the_release_agree_on_public(releases_in_every_state):
    states = releases_in_every_state()
    now = timezone.now()
    published = set(PressRelease.objects.published().values_list("pk", flat=True))
    for release in [states.public, *states.hidden]:
        seen_now = any(v.was_public_at(now) for v in history.public_versions(release))
        assert seen_now == release.is_published() == (release.pk in published), release
    assert published == {states.public.pk}
