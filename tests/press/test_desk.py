"""An editor's own desk: their drafts and what was sent back to them (with the note)
on the start page and on the release's form, and the mails when a chief editor sends
a release back or publishes it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from press.models import PressRelease
from press.tasks import notify_editor
from tests.conftest import make_release
from tests.htmltree import find, text
from tests.press.test_workflow import change_url, through_form

pytestmark = pytest.mark.django_db

Status = PressRelease.Status
NOTE = "De kop klopt niet: het zijn 42 bomen."


def sent_back_by(client, chief_editor, editor, title="Meer bomen in Escamp"):
    """A release `editor` wrote and submitted, sent back by `chief_editor` with NOTE."""
    release = make_release(title, status=Status.DRAFT, created_by=editor)
    client.force_login(editor)
    through_form(client, release, Status.REVIEW)
    client.force_login(chief_editor)
    through_form(client, release, Status.DRAFT, NOTE)
    return release


def desk_of(client) -> str:
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.content.decode().split('id="press-desk"', 1)[1].split('id="content-main"')[0]


def test_start_page_lists_my_drafts_and_what_was_sent_back_with_the_note(
    client, editor, chief_editor
):
    returned = sent_back_by(client, chief_editor, editor)
    mine = make_release("Mijn eigen concept", status=Status.DRAFT, created_by=editor)
    make_release("Concept van een ander", status=Status.DRAFT, created_by=chief_editor)
    client.force_login(editor)
    desk = desk_of(client)
    sent_back = desk.split('id="desk-sent-back"', 1)[1].split("</section>")[0]
    assert "Teruggestuurd naar jou (1)" in sent_back
    assert returned.title_nl in sent_back and NOTE in sent_back and "door chief" in sent_back
    drafts = desk.split('id="desk-drafts"', 1)[1].split("</section>")[0]
    assert "Mijn concepten (1)" in drafts and mine.title_nl in drafts
    assert returned.title_nl not in drafts  # it is listed once, with its note
    assert "Concept van een ander" not in desk


def test_resubmitted_release_is_no_longer_sent_back(client, editor, chief_editor):
    release = sent_back_by(client, chief_editor, editor)
    client.force_login(editor)
    through_form(client, release, Status.REVIEW)
    desk = desk_of(client)
    assert 'id="desk-sent-back"' not in desk
    review = desk.split('id="desk-review"', 1)[1].split("</section>")[0]
    assert release.title_nl in review
    assert "sent-back-note" not in client.get(change_url(release)).content.decode()


def test_the_note_is_at_the_top_of_the_form(client, editor, chief_editor):
    release = sent_back_by(client, chief_editor, editor)
    client.force_login(editor)
    html = client.get(change_url(release)).content.decode()
    note = text(find(html, "div", class_="sent-back-note"))
    assert "Teruggestuurd naar jou door chief" in note
    assert NOTE in note
    # Above the first field, not down in the publication fieldset.
    assert html.index("sent-back-note") < html.index('name="title_nl"')


def test_an_edit_after_the_send_back_keeps_the_note(client, editor, chief_editor):
    release = sent_back_by(client, chief_editor, editor)
    client.force_login(editor)
    through_form(client, release, Status.DRAFT)  # saved, not yet submitted
    html = client.get(change_url(release)).content.decode()
    assert NOTE in text(find(html, "div", class_="sent-back-note"))


def test_a_draft_never_in_review_shows_no_note(client, editor):
    release = make_release(status=Status.DRAFT, created_by=editor)
    client.force_login(editor)
    assert "sent-back-note" not in client.get(change_url(release)).content.decode()


# -- mails ----------------------------------------------------------------------------------


def test_sending_back_queues_a_mail_after_the_commit(
    client, editor, chief_editor, dummy_tasks, django_capture_on_commit_callbacks
):
    release = make_release(status=Status.REVIEW, created_by=editor)
    client.force_login(chief_editor)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        through_form(client, release, Status.DRAFT, NOTE)
    assert notify_editor.get_backend().results == []  # nothing before the commit
    for callback in callbacks:
        callback()
    results = notify_editor.get_backend().results
    assert [r.args for r in results] == [[release.pk, "send_back", NOTE, chief_editor.pk]]
    assert mail.outbox == []  # queued, not sent in the request


def test_the_task_mails_the_editor_the_note(client, settings, editor, chief_editor):
    settings.SITE_URL = "https://nieuws.denhaag.nl"
    editor.email = "piet@denhaag.nl"
    editor.save()
    chief_editor.email = "karin@denhaag.nl"
    chief_editor.save()
    release = sent_back_by(client, chief_editor, editor)
    mail.outbox.clear()
    assert notify_editor.call(release.pk, "send_back", NOTE, chief_editor.pk) == 1
    [message] = mail.outbox
    assert message.to == ["piet@denhaag.nl"]  # not the chief editor who sent it back
    assert message.subject == f"Teruggestuurd naar jou: {release.title_nl}"
    assert NOTE in message.body
    assert f"https://nieuws.denhaag.nl{change_url(release)}" in message.body


def test_publishing_mails_the_editor_through_the_queue(
    client, editor, chief_editor, immediate_tasks, django_capture_on_commit_callbacks
):
    editor.email = "piet@denhaag.nl"
    editor.save()
    release = make_release("Zandmotor groeit", status=Status.REVIEW, created_by=editor)
    client.force_login(chief_editor)
    with django_capture_on_commit_callbacks(execute=True):
        through_form(client, release, Status.PUBLISHED)
    [message] = [m for m in mail.outbox if m.to == ["piet@denhaag.nl"]]
    assert message.subject == "Gepubliceerd: Zandmotor groeit"
    assert "heeft je persbericht gepubliceerd" in message.body


def test_scheduling_says_when(client, editor, chief_editor):
    editor.email = "piet@denhaag.nl"
    editor.save()
    moment = timezone.now() + dt.timedelta(days=3)
    release = make_release("Later", status=Status.PUBLISHED, publish_at=moment, created_by=editor)
    assert notify_editor.call(release.pk, "publish", "", chief_editor.pk) == 1
    assert mail.outbox[0].subject == "Ingepland: Later"


def test_no_mail_once_the_release_moved_on(client, editor, chief_editor):
    editor.email = "piet@denhaag.nl"
    editor.save()
    release = make_release(status=Status.REVIEW, created_by=editor)  # resubmitted since
    assert notify_editor.call(release.pk, "send_back", NOTE, chief_editor.pk) == 0
    assert mail.outbox == []


def test_who_publishes_their_own_release_gets_no_mail(chief_editor):
    chief_editor.email = "karin@denhaag.nl"
    chief_editor.save()
    release = make_release(status=Status.PUBLISHED, created_by=chief_editor)
    assert notify_editor.call(release.pk, "publish", "", chief_editor.pk) == 0
