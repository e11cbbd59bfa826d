"""Reading without the right to change: an editor who opens a published or withdrawn
release, or an earlier version of it in the history, reads it rendered (never an edit
form, never its HTML source), and a revert by someone who may not change the release
is refused, by the admin and by the workflow (press.workflow.may_edit)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from press import workflow
from press.models import PressRelease
from tests.conftest import make_release
from tests.press.test_workflow import change_data

pytestmark = pytest.mark.django_db

Status = PressRelease.Status
QUOTE = (
    '<figure class="quote"><blockquote><p>‘Den Haag is weerbaar’,</p></blockquote>'
    "<figcaption>aldus de burgemeester.</figcaption></figure>"
)


def version_url(release: PressRelease, version) -> str:
    return reverse(
        "admin:press_pressrelease_simple_history", args=[release.pk, version.history_id]
    )


@pytest.fixture
def published_twice():
    """A published release with an earlier version carrying a quote and another title."""
    release = make_release("Eerste titel", body_nl=QUOTE)
    release.title_nl = "Tweede titel"
    release.body_nl = "<p>Nieuwe tekst.</p>"
    release.save()
    return release, release.history.order_by("history_date").first()


def assert_no_edit_form(response) -> None:
    assertNotContains(response, 'name="title_nl"')
    assertNotContains(response, 'name="_save"')
    assertNotContains(response, "Terugzetten")
    assertNotContains(response, "&lt;figure")  # the body's source, shown as text


def test_editor_reads_an_earlier_version_rendered(client, editor, published_twice):
    release, first = published_twice
    client.force_login(editor)
    response = client.get(version_url(release, first))
    assert response.status_code == 200
    assert response.templates[0].name == "admin/press/pressrelease/read_only.html"
    assert response.context["version"] == first
    assert_no_edit_form(response)
    # The old version's text, rendered: the quote with its speaker, the old title.
    assertInHTML(QUOTE, response.content.decode())
    assertContains(response, "<h3>Eerste titel</h3>", html=True)
    assertNotContains(response, "Nieuwe tekst.")
    assertContains(response, "Alleen eindredacteuren kunnen")
    # Back to the history and to the release as it is now.
    history = reverse("admin:press_pressrelease_history", args=[release.pk])
    assertContains(
        response, f'<a href="{history}" class="historylink">Geschiedenis</a>', html=True
    )


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.WITHDRAWN])
def test_editor_reads_the_current_release_rendered(client, editor, status):
    release = make_release("Gelezen bericht", body_nl=QUOTE, status=status)
    client.force_login(editor)
    response = client.get(reverse("admin:press_pressrelease_change", args=[release.pk]))
    assert response.status_code == 200
    assert response.templates[0].name == "admin/press/pressrelease/read_only.html"
    assert response.context["version"] is None
    assert_no_edit_form(response)
    assertInHTML(QUOTE, response.content.decode())


def test_editor_cannot_revert_a_published_release(client, editor, published_twice):
    release, first = published_twice
    client.force_login(editor)
    response = client.post(
        version_url(release, first), change_data(release, title_nl="Eerste titel")
    )
    assert response.status_code == 403
    release.refresh_from_db()
    assert release.title_nl == "Tweede titel"
    assert release.history.count() == 2


def test_editor_may_revert_a_draft_with_the_revert_form(client, editor):
    release = make_release("Eerste concept", status=Status.DRAFT)
    release.title_nl = "Tweede concept"
    release.save()
    first = release.history.order_by("history_date").first()
    client.force_login(editor)
    response = client.get(version_url(release, first))
    assert response.status_code == 200
    assertContains(
        response,
        '<input type="submit" value="Terugzetten" class="default" name="_save">',
        html=True,
    )
    response = client.post(
        version_url(release, first), change_data(release, title_nl="Eerste concept")
    )
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.title_nl == "Eerste concept" and release.status == Status.DRAFT


def test_chief_editor_gets_the_revert_form(client, chief_editor, published_twice):
    release, first = published_twice
    client.force_login(chief_editor)
    response = client.get(version_url(release, first))
    assert response.status_code == 200
    assertContains(response, 'name="title_nl"')
    assertContains(
        response,
        '<input type="submit" value="Terugzetten" class="default" name="_save">',
        html=True,
    )


@pytest.mark.parametrize("version_id", ["999999", "abc"])
@pytest.mark.parametrize("user", ["editor", "chief_editor"])
def test_a_version_that_does_not_exist_is_not_found(
    client, request, published_twice, user, version_id
):
    release, _first = published_twice
    client.force_login(request.getfixturevalue(user))
    url = reverse("admin:press_pressrelease_simple_history", args=[release.pk, version_id])
    response = client.get(url)
    assert response.status_code == 404
    assertContains(response, "bestaat niet", status_code=404)


def test_the_workflow_refuses_an_edit_by_who_may_not_change_the_release(editor, chief_editor):
    """Not only the admin: saving an edit asks the workflow, with the status in the
    database (a revert's instance carries its old version's status)."""
    release = make_release("Gepubliceerd")
    old = release.history.order_by("history_date").first().instance
    old.status = Status.DRAFT
    old.title_nl = "Teruggezet"
    with pytest.raises(PermissionDenied):
        workflow.save_edit(old, user=editor)
    release.refresh_from_db()
    assert release.title_nl == "Gepubliceerd" and release.status == Status.PUBLISHED
    workflow.save_edit(old, user=chief_editor)
    release.refresh_from_db()
    assert release.title_nl == "Teruggezet" and release.status == Status.PUBLISHED


@pytest.mark.parametrize(
    "status, editor_may",
    [
        (Status.DRAFT, True),
        (Status.REVIEW, True),
        (Status.PUBLISHED, False),
        (Status.WITHDRAWN, False),
    ],
)
def test_who_may_edit_in_which_status(editor, chief_editor, moderator, status, editor_may):
    assert workflow.may_edit(editor, status) is editor_may
    assert workflow.may_edit(chief_editor, status) is True
    assert workflow.may_edit(moderator, status) is False
