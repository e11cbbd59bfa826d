"""Moderation in one click: approve or reject a reaction from its row in the list,
the number waiting on the moderator's start page, a thread's reactions on its admin
page, and closing and reopening a thread with a message, from the admin and the page."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from comments.models import Comment, Thread
from comments.services import close_thread
from press.roles import CHIEF_EDITORS, EDITORS, MODERATORS
from tests.conftest import make_user
from tests.htmltree import attr, find, find_all, text

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/comments/comment/"


def one_click(comment: Comment, name: str) -> str:
    return reverse("admin:comments_comment_moderate", args=[comment.pk, name])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def pending(thread) -> Comment:
    return Comment.objects.create(thread=thread, name="Henk", body="Graag meer bomen.")


@pytest.fixture
def moderator(django_user_model):
    return make_user(django_user_model, "moderator", MODERATORS)


@pytest.mark.parametrize("role", [EDITORS, CHIEF_EDITORS])
def test_who_does_not_moderate_cannot_approve(client, django_user_model, pending, role):
    client.force_login(make_user(django_user_model, "someone", role))
    response = client.post(one_click(pending, "approve"))
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == Comment.Status.PENDING


def test_anonymous_is_sent_to_the_login(client, pending):
    response = client.post(one_click(pending, "approve"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    pending.refresh_from_db()
    assert pending.status == Comment.Status.PENDING


def test_a_moderator_approves_in_one_click_and_keeps_the_filters(client, moderator, pending):
    client.force_login(moderator)
    filters = "status__exact=pending&q=bomen"
    listing = client.get(f"{CHANGELIST}?{filters}").content.decode()
    # Each row's buttons submit the small form outside the list's own form.
    form = find(listing, "form", id="moderate-one")
    assert find(form, "input", name="csrfmiddlewaretoken")
    assert attr(find(form, "input", name="_changelist_filters"), "value") == filters
    buttons = find_all(listing, "button", form="moderate-one")
    assert [text(b) for b in buttons] == ["Goedkeuren", "Afwijzen"]
    assert attr(buttons[0], "formaction") == one_click(pending, "approve")

    response = client.post(one_click(pending, "approve"), {"_changelist_filters": filters})
    assert response.status_code == 302
    assert response["Location"] == f"{CHANGELIST}?{filters}"
    assert messages_of(response) == ["De reactie van Henk is goedgekeurd: lezers zien hem nu."]
    pending.refresh_from_db()
    assert pending.status == Comment.Status.APPROVED
    assert pending.moderated_by == moderator


def test_a_moderator_rejects_in_one_click(client, moderator, pending):
    client.force_login(moderator)
    response = client.post(one_click(pending, "reject"))
    assert response["Location"] == CHANGELIST
    assert messages_of(response) == ["De reactie van Henk is afgewezen: lezers zien hem niet."]
    pending.refresh_from_db()
    assert pending.status == Comment.Status.REJECTED


def test_one_click_takes_no_get_and_no_other_step(client, moderator, pending):
    client.force_login(moderator)
    assert client.get(one_click(pending, "approve")).status_code == 405
    assert client.post(one_click(pending, "remove")).status_code == 404
    pending.refresh_from_db()
    assert pending.status == Comment.Status.PENDING


def test_the_bulk_actions_are_still_there(client, moderator, pending):
    client.force_login(moderator)
    response = client.post(
        CHANGELIST, {"action": "reject", "_selected_action": [pending.pk]}, follow=True
    )
    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.status == Comment.Status.REJECTED


def test_the_moderators_start_page_counts_what_waits(client, moderator, pending, thread):
    Comment.objects.create(thread=thread, name="Ans", body="Ja!", status="approved")
    Comment.objects.create(thread=thread, name="Bo", body="Nee.")
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    desk = find(html, "div", id="moderation-desk")
    assert "Reacties om te modereren (2)" in text(desk)
    link = find(desk, "a")
    assert attr(link, "href") == f"{CHANGELIST}?status__exact=pending"
    assert text(link) == "2 reacties wachten op je"


def test_an_editor_sees_no_moderation_count(client, django_user_model, pending):
    client.force_login(make_user(django_user_model, "ed", EDITORS))
    assert 'id="moderation-desk"' not in client.get("/admin/").content.decode()


def test_the_threads_page_lists_its_reactions(client, moderator, pending, thread):
    Comment.objects.create(thread=thread, name="Ans", body="Mooi plan.", status="approved")
    client.force_login(moderator)
    html = client.get(reverse("admin:comments_thread_change", args=[thread.pk])).content.decode()
    assert "Graag meer bomen." in html and "Mooi plan." in html
    assert "Henk" in html and "Ans" in html


def test_closing_and_reopening_from_the_threads_admin_page(client, moderator, thread):
    client.force_login(moderator)
    page = reverse("admin:comments_thread_change", args=[thread.pk])
    close = reverse("admin:comments_thread_state", args=[thread.pk, "close"])
    assert find(client.get(page).content.decode(), "form", action=close)
    response = client.post(close)
    assert response["Location"] == page
    [message] = messages_of(response)
    assert message.startswith("Reacties bij “") and "zijn gesloten" in message
    thread.refresh_from_db()
    assert thread.closed_at is not None and thread.closed_by == moderator

    reopen = reverse("admin:comments_thread_state", args=[thread.pk, "reopen"])
    assert find(client.get(page).content.decode(), "form", action=reopen)
    response = client.post(reopen)
    [message] = messages_of(response)
    assert "zijn weer open, tot" in message
    thread.refresh_from_db()
    assert thread.closed_at is None and thread.is_open()


def test_an_editor_cannot_close_a_thread(client, django_user_model, thread):
    client.force_login(make_user(django_user_model, "ed", EDITORS))
    response = client.post(reverse("admin:comments_thread_state", args=[thread.pk, "close"]))
    assert response.status_code == 403
    thread.refresh_from_db()
    assert thread.closed_at is None


def test_reopening_from_the_page(client, moderator, thread):
    close_thread(thread, user=moderator, reason="Klaar")
    client.force_login(moderator)
    with translation.override("nl"):
        url = reverse("comments:reopen", args=[thread.pk])
    response = client.post(url, {"next": "/nl/ergens/#reacties"})
    assert response.status_code == 302 and response["Location"] == "/nl/ergens/#reacties"
    [message] = messages_of(response)
    assert message.startswith("Reacties zijn weer open, tot ")
    assert Thread.objects.get(pk=thread.pk).is_open()


def test_an_editor_cannot_reopen_from_the_page(client, django_user_model, thread):
    close_thread(thread, user=None)
    client.force_login(make_user(django_user_model, "ed", EDITORS))
    with translation.override("nl"):
        url = reverse("comments:reopen", args=[thread.pk])
    assert client.post(url, {"next": "/"}).status_code == 403
    assert Thread.objects.get(pk=thread.pk).closed_at is not None
