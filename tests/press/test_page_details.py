"""Details of the public pages a reader (or the HTML checker) notices: the feeds
linked where one reads the lists, a withdrawn release's notice in both languages,
and markup that validates (a filter form with a real address, whole seconds in a
reaction's time)."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from comments.models import Comment, Thread
from press.services import sync_comment_thread
from tests.conftest import make_release, make_theme
from tests.htmltree import attr, find, find_all, text

pytestmark = pytest.mark.django_db


def test_newsroom_and_theme_pages_show_their_feeds(client):
    theme = make_theme("Kustverdediging", "Coastal defence", slug_nl="kust", slug_en="coast")
    make_release("Zandmotor").themes.add(theme)
    html = client.get("/nl/").content.decode()
    feeds = find(html, "aside", class_="feed-subscribe")
    assert {attr(a, "href") for a in find_all(feeds, "a")} == {"/nl/rss/", "/nl/atom/"}
    html = client.get(theme.get_absolute_url()).content.decode()
    feeds = find(html, "aside", class_="feed-subscribe")
    hrefs = [attr(a, "href") for a in find_all(feeds, "a")]
    assert len(hrefs) == 4 and "/nl/rss/" in hrefs
    assert "Persberichten over Kustverdediging" in text(feeds)
    for href in hrefs:
        assert client.get(href).status_code == 200


def test_the_filter_form_names_its_address(client):
    html = client.get("/nl/").content.decode()
    form = find(html, "form", role="search")
    assert attr(form, "action") == "/nl/"


def test_a_withdrawn_release_s_notice_has_the_language_switch(client, releases_in_every_state):
    withdrawn = releases_in_every_state().withdrawn
    response = client.get(withdrawn.get_absolute_url("nl"))
    assert response.status_code == 410
    html = response.content.decode()
    switch = find(html, "nav", class_="language-switch")
    [english] = find_all(switch, "a", hreflang="en")
    assert attr(english, "href") == withdrawn.get_absolute_url("en")
    assert client.get(attr(english, "href")).status_code == 410
    # Not indexed: no hreflang alternates in the head.
    assert not find_all(html, "link", rel="alternate", hreflang="en")


def test_a_reaction_s_time_has_whole_seconds(client):
    release = make_release("Met reactie", publish_at=timezone.now() - dt.timedelta(days=1))
    sync_comment_thread(release)
    thread = Thread.objects.for_object(release).get()
    Comment.objects.create(
        thread=thread,
        name="Sanne",
        body="Mooi plan.",
        status=Comment.Status.APPROVED,
        submitted_at=timezone.now().replace(microsecond=123456),
    )
    html = client.get(release.get_absolute_url("nl")).content.decode()
    meta = find(html, "p", class_="comment-meta")
    moment = attr(find(meta, "time"), "datetime")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", moment), moment
