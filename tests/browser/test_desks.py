"""Each role's start page and its one-click steps, in a real browser: the editor finds
a release sent back to them with the chief editor's note, fixes it and submits it
again; the moderator approves one reaction and rejects another from the list, and
closes and reopens a thread from the article and from the admin."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, Thread
from press import workflow
from press.models import PressRelease
from press.services import sync_comment_thread
from tests.browser.conftest import assert_no_serious_violations
from tests.browser.test_workflow import log_in, save_status
from tests.conftest import make_release

pytestmark = pytest.mark.django_db(transaction=True)

Status = PressRelease.Status
NOTE = "Het zijn 42 bomen, niet 40. Pas de kop aan."


def test_editor_fixes_what_was_sent_back(live_server, chromium, steps, axe, editor, chief_editor):
    release = make_release("Veertig bomen in Escamp", status=Status.DRAFT, created_by=editor)
    workflow.change_status(release, Status.REVIEW, user=editor)
    workflow.change_status(release, Status.DRAFT, user=chief_editor, note=NOTE)
    make_release("Nog een concept", status=Status.DRAFT, created_by=editor)

    context, page = log_in(chromium, live_server, "editor")
    steps(page, "start page")
    assert_no_serious_violations(axe, page)
    returned = page.locator("#press-desk .desk-sent-back")
    assert "Teruggestuurd naar jou (1)" in returned.inner_text()
    assert NOTE in returned.inner_text()
    assert "Mijn concepten (1)" in page.locator("#press-desk").inner_text()
    returned.get_by_role("link", name="Veertig bomen in Escamp").click()
    page.wait_for_load_state()
    steps(page, "the release with its note")
    assert_no_serious_violations(axe, page)
    note = page.locator(".sent-back-note")
    assert NOTE in note.inner_text()
    assert "Teruggestuurd naar jou door chief" in note.inner_text()
    # At the top of the form, in view without scrolling.
    box = note.bounding_box()
    assert box is not None and box["y"] < page.viewport_size["height"]

    page.fill("#id_title_nl", "42 bomen in Escamp")
    save_status(page, "Ter beoordeling aanbieden")
    steps(page, "submitted again")
    success = page.locator(".messagelist .success")
    assert success.count() >= 1 and "42 bomen in Escamp" in success.first.inner_text()
    assert page.locator(".sent-back-note").count() == 0
    release.refresh_from_db()
    assert release.status == Status.REVIEW and release.title_nl == "42 bomen in Escamp"

    page.goto(live_server.url + reverse("admin:index"))
    steps(page, "start page after resubmitting")
    desk = page.locator("#press-desk")
    assert page.locator("#press-desk .desk-sent-back").count() == 0
    assert "Wacht op beoordeling (1)" in desk.inner_text()
    assert "42 bomen in Escamp" in desk.locator("#desk-review + ul").inner_text()
    context.close()


@pytest.fixture
def discussed_release(settings):
    settings.COMMENTS_MIN_SECONDS = 0
    release = make_release("Koelere pleinen", publish_at=timezone.now() - dt.timedelta(days=1))
    sync_comment_thread(release)
    thread = Thread.objects.for_object(release).get()
    Comment.objects.create(thread=thread, name="Henk", body="Graag meer bomen.")
    Comment.objects.create(thread=thread, name="Ans", body="Koop eerst een parasol.")
    Comment.objects.create(thread=thread, name="Fatima", body="Mooi plan!", status="approved")
    return release


def test_moderator_approves_rejects_closes_and_reopens(
    live_server, chromium, steps, axe, moderator, discussed_release
):
    thread = Thread.objects.for_object(discussed_release).get()
    context, page = log_in(chromium, live_server, "moderator")
    steps(page, "start page")
    assert_no_serious_violations(axe, page)
    desk = page.locator("#moderation-desk")
    assert "Reacties om te modereren (2)" in desk.inner_text()
    desk.get_by_role("link", name="2 reacties wachten op je").click()
    page.wait_for_load_state()
    assert "status__exact=pending" in page.url
    assert_no_serious_violations(axe, page)

    henk = page.locator("#result_list tbody tr", has_text="Graag meer bomen.")
    henk.get_by_role("button", name="Goedkeuren").click()
    page.wait_for_load_state()
    steps(page, "approved Henk's")
    assert "status__exact=pending" in page.url  # back to the list as it was filtered
    assert "De reactie van Henk is goedgekeurd" in page.locator(".messagelist").inner_text()
    assert page.locator("#result_list tbody tr").count() == 1

    ans = page.locator("#result_list tbody tr", has_text="Koop eerst een parasol.")
    ans.get_by_role("button", name="Afwijzen").click()
    page.wait_for_load_state()
    steps(page, "rejected Ans's")
    assert "De reactie van Ans is afgewezen" in page.locator(".messagelist").inner_text()
    assert page.locator("#result_list").count() == 0  # nothing waits any more
    statuses = dict(thread.comments.values_list("name", "status"))
    assert statuses == {"Henk": "approved", "Ans": "rejected", "Fatima": "approved"}

    # From the article.
    page.goto(live_server.url + discussed_release.get_absolute_url("nl"))
    assert "Graag meer bomen." in page.locator("#reacties").inner_text()
    page.fill("#close-reason", "Discussie afgerond")
    page.get_by_role("button", name="Reacties sluiten").click()
    page.wait_for_load_state()
    steps(page, "closed from the article")
    assert "Reacties zijn gesloten" in page.locator("[role=status]").inner_text()
    assert "Je kunt niet meer reageren." in page.content()
    page.get_by_role("button", name="Reacties heropenen").click()
    page.wait_for_load_state()
    steps(page, "reopened from the article")
    assert_no_serious_violations(axe, page)
    assert "Reacties zijn weer open, tot" in page.locator("[role=status]").inner_text()
    assert page.locator("#id_body").count() == 1
    assert Thread.objects.get(pk=thread.pk).is_open()

    # From the admin: the thread's page lists its reactions, and closes and reopens it.
    page.goto(live_server.url + reverse("admin:comments_thread_change", args=[thread.pk]))
    steps(page, "the thread in the admin")
    assert_no_serious_violations(axe, page)
    for body in ("Graag meer bomen.", "Koop eerst een parasol.", "Mooi plan!"):
        assert body in page.locator("#content-main").inner_text()
    page.get_by_role("button", name="Reacties sluiten").click()
    page.wait_for_load_state()
    assert "zijn gesloten" in page.locator(".messagelist").inner_text()
    assert Thread.objects.get(pk=thread.pk).closed_at is not None
    page.get_by_role("button", name="Reacties heropenen").click()
    page.wait_for_load_state()
    steps(page, "reopened in the admin")
    assert "zijn weer open, tot" in page.locator(".messagelist").inner_text()
    assert Thread.objects.get(pk=thread.pk).is_open()
    context.close()
