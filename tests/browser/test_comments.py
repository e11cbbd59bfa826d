"""Reacting under a release in a real browser, without JavaScript, and accessibly."""

import datetime as dt

import pytest
from django.utils import timezone

from comments.models import Comment, Thread
from comments.services import close_thread
from press.services import sync_comment_thread
from tests.browser.conftest import assert_accessible
from tests.conftest import make_release

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def open_release(settings):
    settings.COMMENTS_MIN_SECONDS = 0
    release = make_release("Koelere pleinen", publish_at=timezone.now() - dt.timedelta(days=1))
    sync_comment_thread(release)
    thread = Thread.objects.for_object(release).get()
    Comment.objects.create(thread=thread, name="Fatima", body="Goed idee!", status="approved")
    return release


def test_citizen_reacts_without_javascript(live_server, page_without_js, open_release):
    page = page_without_js
    page.goto(live_server.url + open_release.get_absolute_url("nl"))
    page.fill("#id_name", "Henk")
    page.fill("#id_body", "Graag meer bomen.\nEn bankjes.")
    page.get_by_role("button", name="Reactie versturen").click()
    page.wait_for_load_state()
    assert "Je reactie verschijnt na moderatie." in page.content()
    comment = Comment.objects.get(name="Henk")
    assert comment.status == Comment.Status.PENDING
    assert comment.body == "Graag meer bomen.\nEn bankjes."


def test_article_with_reactions_and_form_is_accessible(live_server, page, axe, open_release):
    page.goto(live_server.url + open_release.get_absolute_url("nl"))
    assert page.locator(".comment").count() == 1
    assert_accessible(axe, page)


def test_closed_thread_is_accessible_and_has_no_form(live_server, page, axe, open_release):
    close_thread(Thread.objects.for_object(open_release).get(), user=None)
    page.goto(live_server.url + open_release.get_absolute_url("en"))
    assert "You can no longer respond." in page.content()
    assert page.locator("#id_body").count() == 0
    assert_accessible(axe, page)


def test_moderator_closes_comments_from_the_article(live_server, page, moderator, open_release):
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "moderator")
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.goto(live_server.url + open_release.get_absolute_url("nl"))
    page.fill("#close-reason", "Discussie afgerond")
    page.get_by_role("button", name="Reacties sluiten").click()
    page.wait_for_load_state()
    assert "Je kunt niet meer reageren." in page.content()
    thread = Thread.objects.for_object(open_release).get()
    assert thread.closed_at is not None and thread.close_reason == "Discussie afgerond"
