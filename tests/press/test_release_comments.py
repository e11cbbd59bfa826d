"""The comment thread under a press release (press uses comments through one API)."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertInHTML

from comments.models import Comment, Thread
from comments.services import close_thread
from press.models import PressRelease
from press.services import sync_comment_thread
from tests.conftest import make_release

pytestmark = pytest.mark.django_db


def published_with_thread(**extra):
    release = make_release(publish_at=timezone.now() - dt.timedelta(days=1), **extra)
    sync_comment_thread(release)
    return release, Thread.objects.for_object(release).first()


def test_publication_gives_a_thread_closing_after_the_configured_days():
    release, thread = published_with_thread()
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    assert thread.closes_at == release.publish_at + dt.timedelta(days=days)
    assert thread.is_open()


def test_rescheduling_moves_the_closing_moment():
    release, thread = published_with_thread()
    release.publish_at = timezone.now() + dt.timedelta(days=2)
    release.save()
    sync_comment_thread(release)
    thread.refresh_from_db()
    assert thread.closes_at == release.publish_at + dt.timedelta(
        days=settings.COMMENTS_CLOSE_AFTER_DAYS
    )


def test_draft_gets_no_thread():
    release = make_release(status="draft")
    sync_comment_thread(release)
    assert not Thread.objects.for_object(release).exists()


def test_comments_off_shows_no_thread_and_closes_an_existing_one(client):
    release, thread = published_with_thread()
    release.comments_enabled = False
    release.save()
    sync_comment_thread(release)
    thread.refresh_from_db()
    assert not thread.is_open()
    html = client.get(release.get_absolute_url("nl")).content.decode()
    assert 'id="reacties"' not in html


def test_article_shows_approved_reactions_oldest_first_and_the_form(client):
    release, thread = published_with_thread()
    now = timezone.now()
    Comment.objects.create(thread=thread, name="Tweede", body="b", status="approved",
                           submitted_at=now)  # fmt: skip
    Comment.objects.create(thread=thread, name="Eerste", body="a", status="approved",
                           submitted_at=now - dt.timedelta(hours=1))  # fmt: skip
    Comment.objects.create(thread=thread, name="Wacht nog", body="c", status="pending")
    Comment.objects.create(thread=thread, name="Afgewezen", body="d", status="rejected")
    html = client.get(release.get_absolute_url("nl")).content.decode()
    assert html.index("Eerste") < html.index("Tweede")
    assert "Wacht nog" not in html and "Afgewezen" not in html
    assertInHTML('<h2 id="comments-title">Reacties <span class="count">(2)</span></h2>', html)
    assertInHTML('<strong class="comment-name">Eerste</strong>', html)
    assert 'name="body"' in html and 'name="website"' in html


def test_closed_thread_shows_the_notice_instead_of_the_form(client):
    release, thread = published_with_thread()
    close_thread(thread, user=None)
    html = client.get(release.get_absolute_url("nl")).content.decode()
    assertInHTML('<p class="closed-notice" role="note">Je kunt niet meer reageren.</p>', html)
    assert 'name="body"' not in html
    html = client.get(release.get_absolute_url("en")).content.decode()
    assertInHTML('<p class="closed-notice" role="note">You can no longer respond.</p>', html)


def test_script_and_html_in_a_reaction_are_shown_inert(client):
    release, thread = published_with_thread()
    Comment.objects.create(
        thread=thread,
        name="<script>alert('naam')</script>",
        body='<img src=x onerror=alert(1)> <a href="javascript:x()">klik</a>\nhttp://evil.example',
        status="approved",
    )
    html = client.get(release.get_absolute_url("nl")).content.decode()
    assert "<script>alert('naam')" not in html
    assert "&lt;script&gt;alert(&#x27;naam&#x27;)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    assert 'href="javascript:x()"' not in html
    assert 'href="http://evil.example"' not in html  # links stay plain text
    # Shown as text, line break kept, the address not a link.
    body = (
        "<p>&lt;img src=x onerror=alert(1)&gt; &lt;a href=&quot;javascript:x()&quot;&gt;klik"
        "&lt;/a&gt;<br>http://evil.example</p>"
    )
    assertInHTML(f'<div class="comment-body">{body}</div>', html)


def test_moderator_sees_a_close_button_the_public_does_not(client, moderator):
    release, _thread = published_with_thread()
    assert "moderator-close" not in client.get(release.get_absolute_url("nl")).content.decode()
    client.force_login(moderator)
    assert "moderator-close" in client.get(release.get_absolute_url("nl")).content.decode()


def test_reactions_paginate(client, settings):
    settings.COMMENTS_PAGE_SIZE = 2
    release, thread = published_with_thread()
    for n in range(3):
        Comment.objects.create(thread=thread, name=f"Persoon {n}", body="x", status="approved",
                               submitted_at=timezone.now() + dt.timedelta(minutes=n))  # fmt: skip
    html = client.get(release.get_absolute_url("nl")).content.decode()
    assert "Persoon 1" in html and "Persoon 2" not in html
    html = client.get(release.get_absolute_url("nl") + "?reacties=2").content.decode()
    assert "Persoon 2" in html and "Persoon 0" not in html
    assert client.get(release.get_absolute_url("nl") + "?reacties=abc").status_code == 200


def test_article_query_budget_does_not_grow_with_reactions(get_within_budget):
    release, thread = published_with_thread()
    Comment.objects.create(thread=thread, name="Een", body="x", status="approved")
    url = release.get_absolute_url("nl")
    get_within_budget(url, 15)  # the first reader renders and stores the page
    response, one = get_within_budget(url, 15)
    assertInHTML('<strong class="comment-name">Een</strong>', response.content.decode())
    for n in range(49):
        Comment.objects.create(thread=thread, name=f"P{n}", body="x", status="approved")
    get_within_budget(url, 15)  # the reactions changed: stored anew
    response, fifty = get_within_budget(url, one)
    assert fifty == one
    html = response.content.decode()
    assertInHTML('<h2 id="comments-title">Reacties <span class="count">(50)</span></h2>', html)


def test_scheduled_release_has_a_thread_that_opens_with_it(client):
    release = make_release(publish_at=timezone.now() + dt.timedelta(days=1))
    sync_comment_thread(release)
    thread = Thread.objects.for_object(release).get()
    assert thread.opens_at == release.publish_at
    assert thread not in Thread.objects.open()


def test_withdrawing_closes_the_thread(chief_editor):
    from press.workflow import change_status

    release, thread = published_with_thread()
    change_status(
        release,
        PressRelease.Status.WITHDRAWN,
        user=chief_editor,
        explanation={"nl": "Dit bericht bevatte een fout."},
    )
    thread.refresh_from_db()
    assert not thread.is_open()
    assert thread.closed_by == chief_editor


def test_deleting_a_release_deletes_its_thread_and_reactions():
    release, thread = published_with_thread()
    Comment.objects.create(thread=thread, name="Jan", body="x")
    release.delete()
    assert not Thread.objects.filter(pk=thread.pk).exists()
    assert not Comment.objects.exists()


def test_a_moderators_reopen_survives_an_edit_of_the_release(moderator):
    from comments.services import reopen_thread

    release, thread = published_with_thread()
    close_thread(thread, user=moderator)
    reopen_thread(thread, user=moderator)
    release.title_nl = "Typfout hersteld"
    release.save()
    sync_comment_thread(release)
    thread.refresh_from_db()
    # The automatic closing moment is kept (reopening never leaves it open for ever).
    assert thread.is_open() and thread.closes_at == release.publish_at + dt.timedelta(
        days=settings.COMMENTS_CLOSE_AFTER_DAYS
    )


def test_a_moderator_who_closes_the_thread_is_told_so_on_the_article(client, moderator):
    """The visitor's messages show on the article where every page shows them, once,
    and are gone on the next page."""
    release, thread = published_with_thread()
    url = release.get_absolute_url("nl")
    client.force_login(moderator)
    assert "moderator-close" in client.get(url).content.decode()
    response = client.post(
        reverse("comments:close", args=[thread.pk]), {"next": url + "#reacties", "reason": ""}
    )
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assertInHTML(
        '<div class="wrap" role="status"><p class="message message-success">'
        "Reacties zijn gesloten: niemand kan meer reageren.</p></div>",
        html,
    )
    assertInHTML('<p class="closed-notice" role="note">Je kunt niet meer reageren.</p>', html)
    assert (
        "Reacties zijn gesloten: niemand kan meer reageren."
        not in client.get(url).content.decode()
    )
