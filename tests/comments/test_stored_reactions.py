"""The first page of reactions is rendered once per language and change, stored on the
thread (Thread.first_page_html), and never shown out of date (issue 12)."""

import datetime as dt
import re

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from comments.forms import issue_timestamp
from comments.models import Comment, Thread
from comments.services import moderate
from press.services import render_release_parts, sync_comment_thread
from tests.conftest import make_release

pytestmark = pytest.mark.django_db


@pytest.fixture
def release():
    release = make_release(publish_at=timezone.now() - dt.timedelta(hours=1))
    sync_comment_thread(release)
    thread = Thread.objects.for_object(release).get()
    Comment.objects.bulk_create(
        Comment(thread=thread, name=f"Lezer {n}", body=f"Reactie {n}", status="approved")
        for n in range(3)
    )
    render_release_parts(release)
    return release


def thread_of(release) -> Thread:
    return Thread.objects.for_object(release).get()


def test_the_first_reader_stores_the_page_the_next_reads_it(
    client, release, django_assert_num_queries
):
    url = release.get_absolute_url("nl")
    first = client.get(url)
    assert first.status_code == 200
    stored = thread_of(release).first_page_html
    assert set(stored) == {"nl"}
    assert "Reactie 2" in stored["nl"]["html"]
    # The release and the thread (with its stored page): no query for the reactions.
    with django_assert_num_queries(2):
        second = client.get(url)
    assertContains(second, '<strong class="comment-name">Lezer 2</strong>', html=True)
    assert _without_tokens(second) == _without_tokens(first)


def _without_tokens(response) -> str:
    return re.sub(
        r'(name="(?:csrfmiddlewaretoken|timestamp)" value=)"[^"]*"',
        r"\1",
        response.content.decode(),
    )


def test_each_language_has_its_own_stored_page(client, release):
    client.get(release.get_absolute_url("nl"))
    response = client.get(release.get_absolute_url("en"))
    assert response.status_code == 200
    stored = thread_of(release).first_page_html
    assert set(stored) == {"nl", "en"}
    assert "Reactie van Lezer 0" in stored["nl"]["html"]
    assert "Reaction by Lezer 0" in stored["en"]["html"]


def test_a_new_approved_reaction_shows_at_once(client, release, moderator):
    url = release.get_absolute_url("nl")
    client.get(url)
    waiting = Comment.objects.create(
        thread=thread_of(release), name="Nieuwkomer", body="Net goedgekeurd", status="pending"
    )
    assertNotContains(client.get(url), "Net goedgekeurd")
    moderate(Comment.objects.filter(pk=waiting.pk), status="approved", user=moderator)
    response = client.get(url)
    assertContains(response, "Net goedgekeurd")
    assertContains(response, '<span class="count">(4)</span>', html=True)


def test_a_removed_reaction_disappears_at_once(client, release, moderator):
    url = release.get_absolute_url("nl")
    assertContains(client.get(url), "Reactie 1")
    moderate(Comment.objects.filter(body="Reactie 1"), status="removed", user=moderator)
    response = client.get(url)
    assert response.status_code == 200
    assertNotContains(response, "Reactie 1")
    assertContains(response, "Reactie 2")


def test_a_removal_and_an_approval_together_still_show(client, release, moderator):
    """The number of reactions stays the same: the fingerprint still changes."""
    url = release.get_absolute_url("nl")
    client.get(url)
    thread = thread_of(release)
    waiting = Comment.objects.create(thread=thread, name="N", body="Vervanger", status="pending")
    Comment.objects.filter(body="Reactie 0").update(status="removed")  # no moderation time
    Comment.objects.filter(pk=waiting.pk).update(status="approved")
    response = client.get(url)
    assertContains(response, "Vervanger")
    assertNotContains(response, "Reactie 0")


def test_the_empty_form_is_rendered_once_but_each_visitor_gets_own_tokens(release):
    """The form's HTML is kept per thread and language; the CSRF token and the signed
    moment are filled in for every response."""
    other = make_release("Tweede bericht", publish_at=timezone.now() - dt.timedelta(hours=1))
    sync_comment_thread(other)
    render_release_parts(other)
    forms = {}
    for page in (release, other, release):
        visitor = Client()
        response = visitor.get(page.get_absolute_url("nl"))
        assert response.status_code == 200
        html = response.content.decode()
        action = re.search(r'<form class="comment-form" method="post" action="([^"]+)"', html)[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
        stamp = re.search(r'name="timestamp" value="([^"]+)"', html)[1]
        assert action == reverse("comments:post", args=[thread_of(page).pk])
        assert token and "\ue010" not in html
        forms.setdefault(page.pk, []).append((token, stamp))
    (first, again) = forms[release.pk]
    assert first[0] != again[0]  # another visitor, another CSRF token
    assert (
        signing.loads(again[1], salt="comments.form-timestamp")["thread"] == thread_of(release).pk
    )


def test_the_stored_thread_follows_its_closing_moment_and_a_reopen(client, release):
    """The thread's first page as readers see it is stored with whether it is open:
    when the closing moment passes (nothing about its reactions changes) the next
    reader gets the notice, not the stored form; reopened, the form is back."""
    url = release.get_absolute_url("nl")
    for _ in range(2):  # the second one reads the stored section
        html = client.get(url).content.decode()
        assert 'class="comment-form"' in html and "closed-notice" not in html
    Thread.objects.filter(pk=thread_of(release).pk).update(
        closes_at=timezone.now() - dt.timedelta(seconds=1)
    )
    for _ in range(2):
        html = client.get(url).content.decode()
        assert "Je kunt niet meer reageren." in html and 'class="comment-form"' not in html
    Thread.objects.filter(pk=thread_of(release).pk).update(
        closes_at=timezone.now() + dt.timedelta(days=1)
    )
    assert 'class="comment-form"' in client.get(url).content.decode()


def test_a_reader_posts_from_a_stored_thread_with_their_own_token(release):
    """Another visitor's request stored the thread's section; this visitor's form
    carries their own CSRF token and signed moment, and posting with it works."""
    url = release.get_absolute_url("nl")
    Client().get(url)  # stores the section
    reader = Client(enforce_csrf_checks=True)
    html = reader.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    stamp = re.search(r'name="timestamp" value="([^"]+)"', html)[1]
    signed = signing.loads(stamp, salt="comments.form-timestamp")
    assert signed["thread"] == thread_of(release).pk
    # As if the reader took their time to write (the form refuses a bot's speed).
    backdated = issue_timestamp(signed["thread"], issued_at=signed["t"] - 60)
    response = reader.post(
        reverse("comments:post", args=[thread_of(release).pk]),
        {
            "csrfmiddlewaretoken": token,
            "timestamp": backdated,
            "name": "Fatima",
            "email": "fatima@example.org",
            "body": "Goed plan!",
            "website": "",
        },
    )
    assert response.status_code == 303  # to the thank-you page
    assert Comment.objects.filter(name="Fatima", status="pending").exists()
