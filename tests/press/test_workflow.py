"""One workflow (press/workflow.py): every status change, from the change form, the
list actions or a history revert, goes through the same table of transitions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from press import workflow
from press.models import PressRelease
from press.roles import CHIEF_EDITORS, EDITORS, MODERATORS
from tests.conftest import make_release, make_user
from tests.htmltree import find, find_all
from tests.press.test_admin import CHANGELIST_URL, form_data

pytestmark = pytest.mark.django_db

Status = PressRelease.Status


def change_url(release: PressRelease) -> str:
    return reverse("admin:press_pressrelease_change", args=[release.pk])


def change_data(release: PressRelease, **overrides) -> dict:
    """The change form as a browser sends it for `release`, unchanged."""
    release.refresh_from_db()
    data = form_data(
        title_nl=release.title_nl,
        slug_nl=release.slug_nl,
        title_en=release.title_en or "",
        slug_en=release.slug_en or "",
        lead_nl=release.lead_nl,
        lead_en=release.lead_en or "",
        body_nl=release.body_nl,
        body_en=release.body_en or "",
        status=release.status,
    )
    if release.publish_at:
        local = timezone.localtime(release.publish_at)
        data |= {
            "publish_at_0": local.strftime("%d-%m-%Y"),
            "publish_at_1": local.strftime("%H:%M:%S"),
        }
    data |= {
        "withdrawal_notice_nl": release.withdrawal_notice_nl or "",
        "withdrawal_notice_en": release.withdrawal_notice_en or "",
    }
    return data | overrides


# -- the two paths ---------------------------------------------------------------------

EXPLANATION = "Dit bericht bevatte een onjuist bedrag."
NOTE = "Graag de kop korter maken."


def through_form(client, release: PressRelease, target: str, note: str = "") -> None:
    response = client.post(
        change_url(release), change_data(release, status=target, workflow_note=note)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    if target == Status.WITHDRAWN:
        # The form saves the rest and asks for confirmation and the explanation.
        confirm = reverse("admin:press_pressrelease_transition", args=[release.pk, "withdraw"])
        assert response["Location"] == confirm
        page = client.get(confirm)
        assert "Weet je zeker" in page.content.decode()
        response = client.post(confirm, {"post": "yes", "explanation_nl": EXPLANATION})
        assert response.status_code == 302
        assert response["Location"] == change_url(release)


ACTIONS = {
    "submit": "submit_for_review",
    "send_back": "send_back",
    "publish": "publish_now",
    "withdraw": "withdraw",
    "to_draft": "to_draft",
}


def through_action(client, release: PressRelease, target: str, note: str = "") -> None:
    release.refresh_from_db()
    transition = workflow.transition_between(release.status, target)
    data = {"action": ACTIONS[transition.name], "_selected_action": [release.pk]}
    response = client.post(CHANGELIST_URL, data)
    if response.status_code == 200:  # a confirmation page
        assert response.templates[0].name == "admin/press/pressrelease/transition.html"
        data |= {"post": "yes", "note": note, "explanation_nl": EXPLANATION}
        response = client.post(CHANGELIST_URL, data)
    assert response.status_code == 302
    assert response["Location"] == CHANGELIST_URL


PATHS = {"form": through_form, "action": through_action}


def state(release: PressRelease) -> dict:
    release.refresh_from_db()
    latest = release.history.order_by("-history_date", "-history_id").first()
    return {
        "status": release.status,
        "published": release.is_published(),
        "publish_at set": release.publish_at is not None,
        "withdrawn_at set": release.withdrawn_at is not None,
        "notice": release.withdrawal_notice_nl or "",
        "note": latest.history_change_reason,
    }


CASES = [
    # source, target, note
    (Status.DRAFT, Status.REVIEW, NOTE),
    (Status.DRAFT, Status.REVIEW, ""),
    (Status.REVIEW, Status.DRAFT, NOTE),
    (Status.DRAFT, Status.PUBLISHED, ""),
    (Status.REVIEW, Status.PUBLISHED, ""),
    (Status.WITHDRAWN, Status.PUBLISHED, ""),
    (Status.PUBLISHED, Status.WITHDRAWN, ""),
    (Status.PUBLISHED, Status.DRAFT, ""),
    (Status.WITHDRAWN, Status.DRAFT, ""),
]


def release_in(status: str, chief) -> PressRelease:
    """A release that reached `status` through the workflow."""
    release = make_release(status=Status.DRAFT)
    route = {
        Status.DRAFT: [],
        Status.REVIEW: [Status.REVIEW],
        Status.PUBLISHED: [Status.PUBLISHED],
        Status.WITHDRAWN: [Status.PUBLISHED, Status.WITHDRAWN],
    }[status]
    for step in route:
        workflow.change_status(release, step, user=chief, explanation={"nl": EXPLANATION})
    return release


def test_every_transition_is_covered_by_the_cases():
    covered = {workflow.transition_between(source, target).name for source, target, _ in CASES}
    assert covered == set(workflow.TRANSITIONS_BY_NAME)
    pairs = {(s, t.target) for t in workflow.TRANSITIONS for s in t.sources}
    assert pairs == {(source, target) for source, target, _ in CASES}


@pytest.mark.parametrize("source, target, note", CASES)
def test_form_and_action_reach_the_same_state(client, chief_editor, source, target, note):
    client.force_login(chief_editor)
    by_form, by_action = release_in(source, chief_editor), release_in(source, chief_editor)
    through_form(client, by_form, target, note)
    through_action(client, by_action, target, note)
    reached = state(by_form)
    assert reached == state(by_action)
    assert reached["status"] == target
    assert reached["note"] == (note or None)
    if target == Status.PUBLISHED:
        assert reached["published"] and not reached["withdrawn_at set"]
    if target == Status.WITHDRAWN:
        assert reached["withdrawn_at set"] and reached["notice"] == EXPLANATION


@pytest.mark.parametrize(
    "paths",
    [
        ["form", "form", "form", "form"],
        ["action", "action", "action", "action"],
        ["form", "action", "form", "action"],
        ["action", "form", "action", "form"],
    ],
)
def test_gone_after_any_sequence_of_publish_and_withdraw(client, chief_editor, paths):
    client.force_login(chief_editor)
    release = make_release("Heen en weer", status=Status.DRAFT)
    url = release.get_absolute_url("nl")
    for path, target in zip(paths, [Status.PUBLISHED, Status.WITHDRAWN] * 2, strict=True):
        PATHS[path](client, release, target)
        release.refresh_from_db()
        assert release.status == target
        response = client.get(url)
        if target == Status.PUBLISHED:
            assert response.status_code == 200
            assert "Heen en weer" in response.content.decode()
            assert release.withdrawn_at is None
        else:
            assert response.status_code == 410
            html = response.content.decode()
            assert EXPLANATION in html
            assert "Ingetrokken op" in html


def test_republishing_clears_the_moment_of_withdrawal(client, chief_editor):
    client.force_login(chief_editor)
    release = release_in(Status.WITHDRAWN, chief_editor)
    assert release.withdrawn_at is not None
    through_form(client, release, Status.PUBLISHED)
    release.refresh_from_db()
    assert release.is_published() and release.withdrawn_at is None
    assert "Ingetrokken op" not in client.get(release.get_absolute_url("nl")).content.decode()


def test_history_revert_goes_through_the_workflow(client, chief_editor):
    release = release_in(Status.DRAFT, chief_editor)
    draft_version = release.history.order_by("history_date").first()
    workflow.change_status(release, Status.PUBLISHED, user=chief_editor)
    workflow.change_status(release, Status.WITHDRAWN, user=chief_editor, explanation={"nl": "x"})
    withdrawn_at = PressRelease.objects.get(pk=release.pk).withdrawn_at
    client.force_login(chief_editor)
    url = reverse(
        "admin:press_pressrelease_simple_history", args=[release.pk, draft_version.history_id]
    )
    response = client.post(url, change_data(release, status=Status.DRAFT, workflow_note="Terug"))
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.status == Status.DRAFT  # withdrawn → draft, a transition of the table
    assert release.withdrawn_at == withdrawn_at  # not the old version's value
    assert release.history.order_by("-history_date").first().history_change_reason == "Terug"


def test_history_revert_cannot_skip_the_table(client, chief_editor):
    release = release_in(Status.WITHDRAWN, chief_editor)
    workflow.change_status(release, Status.DRAFT, user=chief_editor)
    workflow.change_status(release, Status.REVIEW, user=chief_editor)
    withdrawn_version = release.history.filter(status=Status.WITHDRAWN).first()
    client.force_login(chief_editor)
    url = reverse(
        "admin:press_pressrelease_simple_history",
        args=[release.pk, withdrawn_version.history_id],
    )
    response = client.post(url, change_data(release, status=Status.WITHDRAWN))
    # In review → withdrawn is no transition: the select does not offer it.
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    release.refresh_from_db()
    assert release.status == Status.REVIEW


# -- who may do what ----------------------------------------------------------------------

MATRIX = {
    EDITORS: {"submit"},
    CHIEF_EDITORS: {"submit", "send_back", "publish", "withdraw", "to_draft"},
    MODERATORS: set(),
}


@pytest.mark.parametrize("role", MATRIX)
@pytest.mark.parametrize("name", list(workflow.TRANSITIONS_BY_NAME))
def test_permission_matrix(django_user_model, role, name):
    user = make_user(django_user_model, "someone", role)
    transition = workflow.TRANSITIONS_BY_NAME[name]
    assert workflow.may_make(user, name) == (name in MATRIX[role])
    release = release_in(transition.sources[0], make_user(django_user_model, "c", CHIEF_EDITORS))
    before = release.status
    if name in MATRIX[role]:
        workflow.change_status(
            release, transition.target, user=user, note="n", explanation={"nl": "e"}
        )
        assert PressRelease.objects.get(pk=release.pk).status == transition.target
    else:
        with pytest.raises(PermissionDenied):
            workflow.change_status(
                release, transition.target, user=user, note="n", explanation={"nl": "e"}
            )
        assert PressRelease.objects.get(pk=release.pk).status == before


def test_editor_is_offered_only_submitting(client, editor):
    client.force_login(editor)
    release = make_release(status=Status.DRAFT)
    form = client.get(change_url(release)).context["adminform"].form
    assert [value for value, _label in form.fields["status"].choices] == ["draft", "review"]
    response = client.post(change_url(release), change_data(release, status="published"))
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    assert PressRelease.objects.get(pk=release.pk).status == Status.DRAFT
    actions = client.get(CHANGELIST_URL).context["action_form"].fields["action"].choices
    assert {name for name, _label in actions} == {"", "submit_for_review"}


def test_editor_cannot_run_a_chief_editors_action(client, editor, chief_editor):
    client.force_login(editor)
    release = release_in(Status.REVIEW, chief_editor)
    data = {"action": "publish_now", "_selected_action": [release.pk], "post": "yes"}
    client.post(CHANGELIST_URL, data)
    assert PressRelease.objects.get(pk=release.pk).status == Status.REVIEW
    url = reverse("admin:press_pressrelease_transition", args=[release.pk, "send_back"])
    assert client.post(url, {"post": "yes", "note": "x"}).status_code == 403
    assert PressRelease.objects.get(pk=release.pk).status == Status.REVIEW


# -- hand-off -----------------------------------------------------------------------------


def test_sending_back_needs_a_note(client, chief_editor):
    client.force_login(chief_editor)
    release = release_in(Status.REVIEW, chief_editor)
    response = client.post(change_url(release), change_data(release, status="draft"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["workflow_note"] == [
        "Schrijf een notitie voor je collega: waarom het terug gaat."
    ]
    data = {"action": "send_back", "_selected_action": [release.pk], "post": "yes", "note": ""}
    response = client.post(CHANGELIST_URL, data)
    assert response.status_code == 200
    assert "note" in response.context["form"].errors
    assert PressRelease.objects.get(pk=release.pk).status == Status.REVIEW


def test_notes_are_kept_in_the_history_and_shown_on_the_form(client, editor, chief_editor):
    release = make_release("Met notities", status=Status.DRAFT)
    client.force_login(editor)
    through_form(client, release, Status.REVIEW, "Klaar voor jou, Karin.")
    client.force_login(chief_editor)
    through_action(client, release, Status.DRAFT, "De tweede alinea klopt niet.")
    client.force_login(editor)
    html = client.get(change_url(release)).content.decode()
    assert "Klaar voor jou, Karin." in html
    assert "De tweede alinea klopt niet." in html
    reasons = list(
        release.history.exclude(history_change_reason=None).values_list(
            "history_user__username", "status", "history_change_reason"
        )
    )
    assert ("editor", "review", "Klaar voor jou, Karin.") in reasons
    assert ("chief", "draft", "De tweede alinea klopt niet.") in reasons
    history = client.get(reverse("admin:press_pressrelease_history", args=[release.pk]))
    assert "De tweede alinea klopt niet." in history.content.decode()


def test_chief_editors_are_mailed_when_a_release_waits(
    client,
    settings,
    django_user_model,
    editor,
    immediate_tasks,
    django_capture_on_commit_callbacks,
):
    settings.SITE_URL = "https://nieuws.denhaag.nl"
    make_user(django_user_model, "karin", CHIEF_EDITORS, email="karin@denhaag.nl")
    make_user(django_user_model, "oud", CHIEF_EDITORS, email="oud@denhaag.nl", is_active=False)
    make_user(django_user_model, "geen", CHIEF_EDITORS)
    make_user(django_user_model, "piet", EDITORS, email="piet@denhaag.nl")
    release = make_release("Zandmotor groeit", status=Status.DRAFT)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        through_form(client, release, Status.REVIEW, "Graag voor 12 uur.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["karin@denhaag.nl"]
    assert "Zandmotor groeit" in message.subject
    assert "Graag voor 12 uur." in message.body
    assert f"https://nieuws.denhaag.nl{change_url(release)}" in message.body


def test_mail_is_queued_after_commit_not_sent_in_the_request(
    client, editor, dummy_tasks, django_capture_on_commit_callbacks
):
    from press.tasks import notify_chief_editors

    release = make_release(status=Status.DRAFT)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        through_action(client, release, Status.REVIEW, "Een notitie")
    assert notify_chief_editors.get_backend().results == []  # nothing before the commit
    # After the commit: the mail's task (the page cache's bump after the commit was
    # registered by the transaction's first write, make_release).
    assert len(callbacks) == 1
    for callback in callbacks:
        callback()
    results = notify_chief_editors.get_backend().results
    assert [r.args for r in results] == [[release.pk, "Een notitie", editor.pk]]
    assert mail.outbox == []


def test_start_page_shows_what_waits_and_what_is_scheduled(client, editor, chief_editor):
    waiting = release_in(Status.REVIEW, chief_editor)
    later = make_release(
        "Straks openbaar",
        status=Status.PUBLISHED,
        publish_at=timezone.now() + dt.timedelta(days=1),
    )
    make_release("Al openbaar")
    client.force_login(editor)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    html = response.content.decode()
    desk = html.split('id="press-desk"', 1)[1].split("</div>", 1)[0]
    assert "Wacht op beoordeling (1)" in desk and waiting.title_nl in desk
    assert "Gepland (1)" in desk and later.title_nl in desk
    assert "Al openbaar" not in desk


def test_releases_in_review_come_first_in_the_list(client, chief_editor):
    make_release("Nieuwste gepubliceerd")
    waiting = release_in(Status.REVIEW, chief_editor)
    waiting.title_nl = "Wacht op Karin"
    waiting.save()
    client.force_login(chief_editor)
    rows = list(client.get(CHANGELIST_URL).context["cl"].result_list)
    assert rows[0].title_nl == "Wacht op Karin"


# -- withdrawing ----------------------------------------------------------------------------


def test_withdrawing_asks_for_confirmation_and_an_explanation(client, chief_editor):
    client.force_login(chief_editor)
    release = release_in(Status.PUBLISHED, chief_editor)
    data = {"action": "withdraw", "_selected_action": [release.pk]}
    page = client.post(CHANGELIST_URL, data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Weet je zeker dat je dit persbericht wilt intrekken?" in html
    assert release.title_nl in html
    assert "410" not in html
    # The explanation is asked in both languages (the Dutch one required).
    for code in ("nl", "en"):
        assert len(find_all(html, "textarea", name=f"explanation_{code}")) == 1
    assertInHTML(
        '<label for="id_explanation_nl">Uitleg voor lezers (Nederlands):</label>',
        html,
    )
    assert PressRelease.objects.get(pk=release.pk).status == Status.PUBLISHED
    page = client.post(CHANGELIST_URL, data | {"post": "yes", "explanation_nl": "  "})
    assert page.status_code == 200
    assert "explanation_nl" in page.context["form"].errors
    assertInHTML(
        '<ul class="errorlist" id="id_explanation_nl_error"><li>Dit veld is verplicht.</li></ul>',
        page.content.decode(),
    )
    assert PressRelease.objects.get(pk=release.pk).status == Status.PUBLISHED
    response = client.post(
        CHANGELIST_URL, data | {"post": "yes", "explanation_nl": EXPLANATION}, follow=True
    )
    html = response.content.decode()
    assert "1 persbericht ingetrokken; lezers zien nu je uitleg" in html
    assert "410" not in html
    release.refresh_from_db()
    assert release.status == Status.WITHDRAWN
    public = client.get(release.get_absolute_url("nl"))
    assert public.status_code == 410
    with translation.override("nl"):
        when = date_format(timezone.localtime(release.withdrawn_at), "l j F Y")
    assert f"Ingetrokken op {when}." in public.content.decode()
    assert EXPLANATION in public.content.decode()


def test_the_form_asks_for_confirmation_before_withdrawing(client, chief_editor):
    client.force_login(chief_editor)
    release = release_in(Status.PUBLISHED, chief_editor)
    response = client.post(
        change_url(release),
        change_data(release, status=Status.WITHDRAWN, title_nl="Nieuwe titel"),
        follow=True,
    )
    html = response.content.decode()
    assert "Bevestig het intrekken" in html and "410" not in html
    release.refresh_from_db()
    assert release.title_nl == "Nieuwe titel"  # the rest is saved
    assert release.status == Status.PUBLISHED  # not yet withdrawn


def test_no_410_in_what_an_editor_reads(client, chief_editor):
    client.force_login(chief_editor)
    release = release_in(Status.WITHDRAWN, chief_editor)
    for url in (change_url(release), CHANGELIST_URL, reverse("admin:index")):
        assert "410" not in client.get(url).content.decode(), url


# -- reading without the right to change -----------------------------------------------------


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.WITHDRAWN])
def test_editor_reads_a_published_release_rendered(client, editor, chief_editor, status):
    release = release_in(status, chief_editor)
    client.force_login(editor)
    response = client.get(change_url(release))
    assert response.status_code == 200
    html = response.content.decode()
    assert release.body_nl in html  # the rendered HTML: <h2>Kop …</h2>
    assert "&lt;h2&gt;" not in html and "&lt;p&gt;" not in html
    assert find_all(find(html, "div", id="content"), "select") == []
    assert reverse("admin:press_pressrelease_history", args=[release.pk]) in html
    assert release.get_preview_url() in html
    assert client.post(change_url(release), change_data(release)).status_code == 403


def test_emptying_the_date_of_a_published_release_means_now(client, chief_editor):
    client.force_login(chief_editor)
    release = release_in(Status.PUBLISHED, chief_editor)
    data = change_data(release) | {"change_kind": "minor"}
    data.pop("publish_at_0"), data.pop("publish_at_1")
    response = client.post(change_url(release), data)
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.is_published()
    assert timezone.now() - release.publish_at < dt.timedelta(minutes=1)
    assert client.get(release.get_absolute_url("nl")).status_code == 200


def test_english_page_shows_the_dutch_explanation_when_no_english_one_is_given(
    client, chief_editor
):
    client.force_login(chief_editor)
    release = release_in(Status.PUBLISHED, chief_editor)
    data = {"action": "withdraw", "_selected_action": [release.pk], "post": "yes"}
    client.post(CHANGELIST_URL, data | {"explanation_nl": EXPLANATION, "explanation_en": ""})
    response = client.get(release.get_absolute_url("en"))
    assert response.status_code == 410
    assert EXPLANATION in response.content.decode()
    assert "Withdrawn on" in response.content.decode()


def test_confirmation_and_message_speak_of_one_release_or_several(client, chief_editor):
    client.force_login(chief_editor)
    one, two = (release_in(Status.PUBLISHED, chief_editor) for _ in range(2))
    data = {"action": "withdraw", "_selected_action": [one.pk, two.pk]}
    page = client.post(CHANGELIST_URL, data)
    assertContains(page, "Weet je zeker dat je deze persberichten wilt intrekken?")
    response = client.post(
        CHANGELIST_URL, data | {"post": "yes", "explanation_nl": EXPLANATION}, follow=True
    )
    assertContains(response, "2 persberichten ingetrokken; lezers zien nu je uitleg")
    assertNotContains(response, "persbericht(en)")
