"""The page cache: whole pages for anonymous readers, never stale (denhaag_cms/pagecache.py).

Every test here starts on a warm cache (the page served once and then from the cache)
and makes its change through the product's own write paths: the admin, press.services
and comments.services.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, Thread
from comments.services import close_thread, moderate, reopen_thread
from denhaag_cms import changes
from press import workflow
from press.models import PressRelease
from press.services import sync_comment_thread
from tests.conftest import (
    make_attachment,
    make_city,
    make_contact,
    make_link,
    make_membership,
    make_network,
    make_release,
    make_theme,
)
from tests.htmltree import find_all

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.COMMENTS_MIN_SECONDS = 0


def get(client: Client, url: str, **extra):
    response = client.get(url, **extra)
    return response, response.content.decode()


PER_VISITOR = re.compile(r'(name="(?:csrfmiddlewaretoken|timestamp)" value=)"[^"]*"')


def without_per_visitor_values(html: str) -> str:
    return PER_VISITOR.sub(r"\1", html)


def warm(client: Client, url: str) -> str:
    """Serve `url` twice: the second answer must come from the cache, the same page
    but for the visitor's own CSRF token and form timestamp."""
    first = client.get(url)
    assert first.status_code in (200, 410), (url, first.status_code)
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    html = second.content.decode()
    assert without_per_visitor_values(html) == without_per_visitor_values(first.content.decode())
    return html


def fresh(client: Client, url: str) -> str:
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    return response.content.decode()


@pytest.fixture
def article():
    release = make_release("Storm op komst", publish_at=timezone.now() - dt.timedelta(hours=1))
    sync_comment_thread(release)
    return release


# -- who reads and fills the cache ------------------------------------------------------


def test_anonymous_readers_get_the_page_from_the_cache_without_queries(
    client, article, django_assert_num_queries
):
    url = article.get_absolute_url("nl")
    assert client.get(url)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    assert "Storm op komst" in response.content.decode()


def test_logged_in_users_neither_read_nor_fill_the_cache(client, article, moderator):
    url = article.get_absolute_url("nl")
    warm(Client(), url)
    client.force_login(moderator)
    response, html = get(client, url)
    assert response.status_code == 200
    assert not response.has_header("X-Page-Cache")
    assert "Close comments" in html or "Reacties sluiten" in html  # the moderator's own page
    assert "private" in response["Cache-Control"]
    # and what the moderator saw did not go into the cache
    anonymous, public_html = get(Client(), url)
    assert anonymous["X-Page-Cache"] == "hit"
    assert "moderator-close" not in public_html


def test_a_post_is_never_answered_from_the_cache(client, article):
    thread = Thread.objects.for_object(article).get()
    warm(client, article.get_absolute_url("nl"))
    response = client.post(reverse("comments:post", args=[thread.pk]), {})
    assert response.status_code == 400
    assert not response.has_header("X-Page-Cache")


def test_pages_are_cached_per_language(client, article):
    dutch = warm(client, article.get_absolute_url("nl"))
    english = warm(client, article.get_absolute_url("en"))
    assert 'lang="nl"' in dutch and "Storm op komst" in dutch
    assert 'lang="en"' in english and "Press release number" in english


# -- answered before the rest of the stack (PageCacheMiddleware) ---------------------------


def answered_early(response) -> bool:
    """Answered from the cache by PageCacheMiddleware: no middleware after it ran (the
    request has no session and no user) and no view. (A 304 has no X-Page-Cache.)"""
    request = response.wsgi_request
    return (
        response.get("X-Page-Cache", "hit" if response.status_code == 304 else "") == "hit"
        and not hasattr(request, "session")
        and not hasattr(request, "user")
    )


def headers(response) -> dict:
    return {name: value for name, value in response.headers.items() if name != "X-Page-Cache"}


@pytest.fixture
def quiet_article():
    """An article without a comment form: the same page, headers and all, for every
    anonymous reader."""
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    return make_release("Brug gaat dicht", publish_at=an_hour_ago, comments_enabled=False)


# What every public page carries (SecurityMiddleware over HTTPS, django-csp, ours,
# clickjacking, the page cache's and the front cache's).
EVERY_PAGE = {
    "Content-Security-Policy",
    "Permissions-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "Cache-Control",
    "ETag",
    "Content-Language",
    "Content-Type",
}


@pytest.mark.parametrize("page", ["article", "english article", "newsroom", "search", "withdrawn"])
def test_a_page_from_the_cache_carries_every_header_of_the_page_rendered(
    quiet_article, chief_editor, page
):
    gone = make_release("Ingetrokken bericht")
    workflow.change_status(
        gone, PressRelease.Status.WITHDRAWN, user=chief_editor, explanation={"nl": "Onjuist"}
    )
    url = {
        "article": quiet_article.get_absolute_url("nl"),
        "english article": quiet_article.get_absolute_url("en"),
        "newsroom": "/nl/",
        "search": "/nl/?q=brug",
        "withdrawn": gone.get_absolute_url("nl"),
    }[page]
    rendered = Client().get(url, secure=True)
    cached = Client().get(url, secure=True)
    assert rendered["X-Page-Cache"] == "miss"
    assert answered_early(cached)
    assert cached.status_code == rendered.status_code == (410 if page == "withdrawn" else 200)
    assert cached.content == rendered.content
    assert headers(cached) == headers(rendered)
    assert EVERY_PAGE <= set(headers(cached))
    assert "s-maxage" in cached["Cache-Control"] and "public" in cached["Cache-Control"]


def test_a_304_from_the_cache_is_the_304_of_the_page_rendered(quiet_article):
    url = quiet_article.get_absolute_url("nl")
    etag = Client().get(url)["ETag"]
    changes.content_changed()  # a new generation: the same page is rendered again
    rendered = Client().get(url, HTTP_IF_NONE_MATCH=etag)  # e.g. nginx revalidating
    cached = Client().get(url, HTTP_IF_NONE_MATCH=etag)
    assert rendered.status_code == cached.status_code == 304
    assert hasattr(rendered.wsgi_request, "session") and answered_early(cached)
    assert cached.content == b""
    assert headers(cached) == headers(rendered)
    assert cached["ETag"] == etag and "public" in cached["Cache-Control"]


def test_who_is_never_answered_early(client, quiet_article, moderator):
    url = quiet_article.get_absolute_url("nl")
    page = warm(Client(), url)
    client.force_login(moderator)
    staff = client.get(url)
    messages = Client(HTTP_COOKIE="messages=x").get(url)
    credentials = Client().get(url, HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz")
    for response in (staff, messages, credentials):
        assert response.status_code == 200
        assert not response.has_header("X-Page-Cache")
        assert response["Cache-Control"] == "private, no-cache"
        assert "Brug gaat dicht" in response.content.decode()
    assert staff.wsgi_request.user == moderator
    # and what they saw did not go into the cache
    again = Client().get(url)
    assert answered_early(again) and again.content.decode() == page


def test_parameters_the_page_does_not_read_share_its_cached_page(client):
    make_release("Brug gaat dicht")
    page = warm(client, "/nl/")
    tracked = client.get("/nl/?utm_source=nieuwsbrief")
    # The same cached page, from the view's @public_page (the middleware's key has
    # every parameter given): no second copy of the page for every campaign.
    assert tracked.status_code == 200 and tracked["X-Page-Cache"] == "hit"
    assert not answered_early(tracked)
    assert tracked.content.decode() == page


def test_a_warm_cache_keeps_the_host_check_and_the_https_redirect(settings, quiet_article):
    url = quiet_article.get_absolute_url("nl")
    warm(Client(), url)
    assert answered_early(Client().get(url))
    settings.ALLOWED_HOSTS = ["nieuws.denhaag.nl"]
    assert Client().get(url).status_code == 400  # testserver is no longer ours
    settings.SECURE_SSL_REDIRECT = True
    redirect = Client().get(url, HTTP_HOST="nieuws.denhaag.nl")
    assert redirect.status_code == 301
    assert redirect["Location"] == f"https://nieuws.denhaag.nl{url}"
    assert answered_early(Client().get(url, HTTP_HOST="nieuws.denhaag.nl", secure=True))


def test_a_page_with_a_comment_form_is_answered_by_its_view(article):
    """Its CSRF token is the visitor's own, and the cookie for it is set by the CSRF
    middleware: such a page is not answered before that middleware."""
    url = article.get_absolute_url("nl")
    warm(Client(), url)
    response = Client().get(url)
    assert response["X-Page-Cache"] == "hit" and not answered_early(response)
    assert response.cookies["csrftoken"].value
    assert comment_form(response.content.decode()).fields["csrfmiddlewaretoken"]


# -- the comment form on a cached page ------------------------------------------------------


class FormParser(HTMLParser):
    """The fields of the forms on a page: name → value (last one wins)."""

    def __init__(self, form_class: str = "") -> None:
        super().__init__()
        self.form_class = form_class
        self.inside = not form_class
        self.fields: dict[str, str | list[str]] = {}
        self.action = ""
        self._select = ""
        self._multiple = False
        self._textarea = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.form_class and self.form_class in (a.get("class") or ""):
            self.inside = True
            self.action = a.get("action", "")
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields[name] = a.get("value", "on")
            elif kind not in ("submit", "file", "button"):
                self.fields[name] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""
        elif tag == "select" and name:
            self._select = name
            self._multiple = "multiple" in a
            if not self._multiple:
                self.fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            if self._multiple:
                self.fields.setdefault(self._select, []).append(a.get("value", ""))
            else:
                self.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form" and self.form_class:
            self.inside = False
        elif tag == "select":
            self._select = ""
        elif tag == "textarea":
            self._textarea = ""

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def comment_form(html: str) -> FormParser:
    parser = FormParser("comment-form")
    parser.feed(html)
    return parser


def test_a_visitor_posts_a_reaction_from_a_page_another_visitors_request_cached(article):
    url = article.get_absolute_url("nl")
    first_visitor = Client(enforce_csrf_checks=True)
    first = fresh(first_visitor, url)
    second_visitor = Client(enforce_csrf_checks=True)
    response = second_visitor.get(url)
    assert response["X-Page-Cache"] == "hit"
    second = response.content.decode()
    # The page is the same, the per-visitor values are the visitor's own.
    mine, theirs = comment_form(second), comment_form(first)
    assert mine.fields["csrfmiddlewaretoken"] and mine.fields["timestamp"]
    assert mine.fields["timestamp"] != theirs.fields["timestamp"]
    assert mine.fields["csrfmiddlewaretoken"] != theirs.fields["csrfmiddlewaretoken"]
    assert "\ue010" not in second
    data = mine.fields | {"name": "Fatima", "body": "Blijf binnen!", "website": ""}
    posted = second_visitor.post(mine.action, data)
    assert posted.status_code == 303
    thread = Thread.objects.for_object(article).get()
    assert mine.action == reverse("comments:post", args=[thread.pk])
    assert posted["Location"].startswith(reverse("comments:thanks", args=[thread.pk]))
    assert Comment.objects.filter(name="Fatima", body="Blijf binnen!").exists()


# -- every kind of change is seen at once ---------------------------------------------------


def admin_form(client: Client, url: str) -> dict:
    parser = FormParser()
    html = client.get(url).content.decode()
    parser.feed(html.split('id="content-main"', 1)[1])
    parser.fields.pop("csrfmiddlewaretoken", None)
    parser.fields.pop("_selected_action", None)
    if 'name="change_kind"' in html:  # a public release's edit: minor or public, chosen
        parser.fields["change_kind"] = "minor"
    return parser.fields | {"_save": "1"}


def admin_save(client: Client, obj, **changes) -> None:
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    response = client.post(url, admin_form(client, url) | changes)
    assert response.status_code == 302, response.content.decode()[-3000:]


def test_editing_a_release_and_its_translation_in_the_admin(client, superuser, article):
    dutch, english = article.get_absolute_url("nl"), article.get_absolute_url("en")
    reader = Client()
    for url in (dutch, english, "/nl/", "/en/"):
        warm(reader, url)
    client.force_login(superuser)
    admin_save(client, article, title_nl="Zware storm op komst", title_en="Severe gale ahead")
    assert "Zware storm op komst" in fresh(reader, dutch)
    assert "Severe gale ahead" in fresh(reader, english)
    assert "Zware storm op komst" in fresh(reader, "/nl/")
    assert "Severe gale ahead" in fresh(reader, "/en/")


def test_links_and_attachments_changed_in_the_release_form(client, superuser, article):
    make_link(article, "Oude link")
    make_attachment(article, "Oude factsheet")
    url = article.get_absolute_url("nl")
    reader = Client()
    assert "Oude link" in warm(reader, url) and "Oude factsheet" in warm(reader, url)
    client.force_login(superuser)
    admin_save(
        client,
        article,
        **{"links-0-title_nl": "Nieuwe link", "attachments-0-DELETE": "on"},
    )
    html = fresh(reader, url)
    assert "Nieuwe link" in html and "Oude link" not in html
    assert "Oude factsheet" not in html


@pytest.mark.parametrize("kind", ["theme", "contact", "network", "city"])
def test_renaming_what_an_article_shows(client, superuser, article, kind):
    theme = make_theme("Weer")
    article.themes.add(theme)
    contact = make_contact("Anna de Vries")
    article.contacts.add(contact)
    city = make_city()
    network = make_network("Kustnetwerk")
    make_membership(city, network).releases.add(article)
    url = article.get_absolute_url("nl")
    reader = Client()
    html = warm(reader, url)
    assert all(text in html for text in ("Weer", "Anna de Vries", "Kustnetwerk"))
    client.force_login(superuser)
    if kind == "theme":
        admin_save(client, theme, name_nl="Noodweer")
        expected = "Noodweer"
    elif kind == "contact":
        admin_save(client, contact, name="Bert Jansen")
        expected = "Bert Jansen"
    elif kind == "network":
        admin_save(client, network, name="Delta-netwerk")
        expected = "Delta-netwerk"
    else:  # the city's English name, on the English page
        url = article.get_absolute_url("en")
        assert "The Hague has been a member" in warm(reader, url)
        admin_save(client, city, name_en="The Hague (city)")
        expected = "The Hague (city) has been a member"
    assert expected in fresh(reader, url)


def test_publishing_and_withdrawing(chief_editor):
    draft = make_release("Nog geheim", status="draft")
    reader = Client()
    assert "Nog geheim" not in warm(reader, "/nl/")
    workflow.change_status(draft, PressRelease.Status.PUBLISHED, user=chief_editor)
    assert "Nog geheim" in fresh(reader, "/nl/")
    url = draft.get_absolute_url("nl")
    warm(reader, url)
    workflow.change_status(
        draft, PressRelease.Status.WITHDRAWN, user=chief_editor, explanation={"nl": "Onjuist"}
    )
    response = reader.get(url)
    assert response.status_code == 410
    assert response["X-Page-Cache"] == "miss"
    assert "Nog geheim" not in fresh(reader, "/nl/")


def test_approving_and_removing_a_reaction(article, moderator):
    thread = Thread.objects.for_object(article).get()
    comment = Comment.objects.create(thread=thread, name="Kees", body="Zandzakken liggen klaar.")
    url = article.get_absolute_url("nl")
    reader = Client()
    assert "Zandzakken" not in warm(reader, url)
    moderate(Comment.objects.filter(pk=comment.pk), status=Comment.Status.APPROVED, user=moderator)
    assert "Zandzakken liggen klaar." in fresh(reader, url)
    warm(reader, url)
    moderate(Comment.objects.filter(pk=comment.pk), status=Comment.Status.REMOVED, user=moderator)
    assert "Zandzakken" not in fresh(reader, url)


def test_closing_and_reopening_a_thread(article, moderator):
    thread = Thread.objects.for_object(article).get()
    url = article.get_absolute_url("nl")
    reader = Client()
    assert 'class="comment-form"' in warm(reader, url)
    close_thread(thread, user=moderator)
    html = fresh(reader, url)
    assert 'class="comment-form"' not in html and "closed-notice" in html
    warm(reader, url)
    reopen_thread(thread, user=moderator)
    assert 'class="comment-form"' in fresh(reader, url)


# -- changes that come with time, no job running --------------------------------------------


@pytest.fixture
def clock(monkeypatch):
    """Move the clock forward: timezone.now() is what every publish and open rule reads."""
    real_now = timezone.now
    offset = [dt.timedelta(0)]
    monkeypatch.setattr(timezone, "now", lambda: real_now() + offset[0])

    def forward(delta: dt.timedelta) -> None:
        offset[0] += delta

    return forward


def test_a_scheduled_release_appears_at_its_moment_on_a_warm_cache(clock, chief_editor):
    scheduled = make_release(
        "Brug gaat dicht", status="draft", publish_at=timezone.now() + dt.timedelta(hours=1)
    )
    workflow.change_status(scheduled, PressRelease.Status.PUBLISHED, user=chief_editor)
    reader = Client()
    assert "Brug gaat dicht" not in warm(reader, "/nl/")
    clock(dt.timedelta(minutes=59))
    assert "Brug gaat dicht" not in warm(reader, "/nl/")
    clock(dt.timedelta(minutes=1, seconds=1))
    assert "Brug gaat dicht" in fresh(reader, "/nl/")
    assert reader.get(scheduled.get_absolute_url("nl")).status_code == 200


def test_a_thread_closes_at_its_moment_on_a_warm_cache(clock, settings):
    release = make_release(publish_at=timezone.now() - dt.timedelta(days=1))
    sync_comment_thread(release)
    closes_at = Thread.objects.for_object(release).get().closes_at
    url = release.get_absolute_url("nl")
    reader = Client()
    assert 'class="comment-form"' in warm(reader, url)
    clock(closes_at - timezone.now() - dt.timedelta(seconds=5))
    assert 'class="comment-form"' in warm(reader, url)
    clock(dt.timedelta(seconds=6))
    html = fresh(reader, url)
    assert 'class="comment-form"' not in html and "closed-notice" in html


# -- what browsers and proxies are told ----------------------------------------------------


def test_conditional_get_answers_304_from_the_cache_and_fresh(client, article):
    url = article.get_absolute_url("nl")
    first = client.get(url)
    etag = first["ETag"]
    assert etag
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    # after a change the old ETag no longer matches
    close_thread(Thread.objects.for_object(article).get(), user=None)
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_every_public_response_says_how_long_it_may_be_kept(client, article, chief_editor):
    public = "max-age=0"
    gone = make_release("Ingetrokken bericht")
    workflow.change_status(
        gone, PressRelease.Status.WITHDRAWN, user=chief_editor, explanation={"nl": "Onjuist"}
    )
    closed = make_release("Gesloten reacties", comments_enabled=False)
    for url, status in [
        ("/nl/", 200),
        (closed.get_absolute_url("nl"), 200),
        ("/nl/persberichten/bestaat-niet/", 404),
        ("/nl/bestaat-ook-niet/", 404),
        (gone.get_absolute_url("nl"), 410),
    ]:
        response = client.get(url)
        assert response.status_code == status, url
        assert "public" in response["Cache-Control"] and public in response["Cache-Control"], url
        assert "must-revalidate" in response["Cache-Control"], url
    # A page with a comment form sets the visitor's CSRF cookie: no shared cache may keep it.
    with_form = client.get(article.get_absolute_url("nl"))
    assert with_form.cookies and with_form["Cache-Control"] == "private, no-cache"


def test_cached_pages_never_carry_the_visitors_host(settings, article):
    settings.SITE_URL = "https://nieuws.denhaag.nl"
    settings.ALLOWED_HOSTS = ["a.example", "b.example"]
    url = article.get_absolute_url("nl")
    Client(HTTP_HOST="a.example").get(url)
    html = Client(HTTP_HOST="b.example").get(url).content.decode()
    assert "a.example" not in html and "b.example" not in html
    assert re.search(r'rel="canonical" href="https://nieuws\.denhaag\.nl/nl/', html)


def test_the_newsroom_counts_and_lists_years_once_per_change(
    client, chief_editor, django_assert_max_num_queries
):
    make_release("Oud bericht", publish_at=timezone.now() - dt.timedelta(days=400))
    client.get("/nl/")  # computes the years and the count
    with django_assert_max_num_queries(10) as context:
        response = client.get("/nl/?page=1")  # another page: rendered, same content
    assert response["X-Page-Cache"] == "miss"
    sql = " ".join(q["sql"] for q in context.captured_queries).upper()
    assert "COUNT(" not in sql and "DISTINCT" not in sql
    old_year = str((timezone.now() - dt.timedelta(days=400)).year)
    assert find_all(response.content.decode(), "option", value=old_year)
    earlier = make_release(
        "Heel oud", status="draft", publish_at=dt.datetime(2001, 5, 1, tzinfo=dt.UTC)
    )
    workflow.change_status(earlier, PressRelease.Status.PUBLISHED, user=chief_editor)
    html = fresh(client, "/nl/")
    assert find_all(html, "option", value="2001")
    assert "Heel oud" in fresh(client, "/nl/archief/2001/")


def test_text_that_looks_like_a_hole_is_dropped_not_an_error(article, moderator):
    thread = Thread.objects.for_object(article).get()
    comment = Comment.objects.create(
        thread=thread, name="Slim", body="a\ue010comment-form-issued:x\ue011b \ue010nope:1\ue011c"
    )
    moderate(Comment.objects.filter(pk=comment.pk), status=Comment.Status.APPROVED, user=moderator)
    reader = Client()
    for _ in range(2):
        response = reader.get(article.get_absolute_url("nl"))
        assert response.status_code == 200
        assert "ab c" in response.content.decode()


def test_a_history_revert_is_seen_at_once(client, superuser, article):
    theme = make_theme("Storm")
    article.themes.add(theme)
    client.force_login(superuser)
    admin_save(client, article, title_nl="Eerste versie")
    first = article.history.order_by("-history_date").first()
    admin_save(client, article, title_nl="Tweede versie")
    reader = Client()
    assert "Tweede versie" in warm(reader, article.get_absolute_url("nl"))
    url = reverse("admin:press_pressrelease_simple_history", args=[article.pk, first.history_id])
    response = client.post(url, admin_form(client, url))
    assert response.status_code == 302
    html = fresh(reader, article.get_absolute_url("nl"))
    assert "Eerste versie" in html and "Tweede versie" not in html
    assert ">Storm<" in html  # the article's themes, also after a revert


# -- the comment section as a fragment, with the page cache off ------------------------------


@pytest.fixture
def fragments_only(settings):
    """No page cache: the article is rendered for every request, its reactions and form
    come from a {% cache %} fragment in the shared cache."""
    settings.PAGE_CACHE_SECONDS = 0


def test_the_comment_section_from_its_fragment_is_each_visitors_own(
    fragments_only, article, django_assert_max_num_queries
):
    url = article.get_absolute_url("nl")
    first_visitor = Client(enforce_csrf_checks=True)
    second_visitor = Client(enforce_csrf_checks=True)
    theirs = comment_form(first_visitor.get(url).content.decode())
    with django_assert_max_num_queries(1):  # the release; the thread is in the fragment
        response = second_visitor.get(url)
    html = response.content.decode()
    mine = comment_form(html)
    assert "\ue010" not in html
    assert mine.fields["timestamp"] and mine.fields["timestamp"] != theirs.fields["timestamp"]
    assert mine.fields["csrfmiddlewaretoken"] != theirs.fields["csrfmiddlewaretoken"]
    assert response.cookies["csrftoken"].value
    data = mine.fields | {"name": "Fatima", "body": "Blijf binnen!", "website": ""}
    assert second_visitor.post(mine.action, data).status_code == 303
    assert Comment.objects.filter(name="Fatima", body="Blijf binnen!").exists()


def test_the_comment_sections_fragment_follows_reactions_pages_and_moderators(
    fragments_only, settings, article, moderator
):
    settings.COMMENTS_PAGE_SIZE = 1
    thread = Thread.objects.for_object(article).get()
    first = Comment.objects.create(thread=thread, name="Kees", body="Zandzakken liggen klaar.")
    second = Comment.objects.create(thread=thread, name="Ans", body="De dijk houdt het.")
    url = article.get_absolute_url("nl")
    reader = Client()
    reader.get(url)
    moderate(Comment.objects.filter(pk=first.pk), status=Comment.Status.APPROVED, user=moderator)
    assert "Zandzakken liggen klaar." in reader.get(url).content.decode()
    moderate(Comment.objects.filter(pk=second.pk), status=Comment.Status.APPROVED, user=moderator)
    pages = {reader.get(url, {"reacties": n}).content.decode() for n in (1, 2)}
    assert {("Zandzakken" in page, "De dijk houdt" in page) for page in pages} == {
        (True, False),
        (False, True),
    }
    close_thread(thread, user=moderator)
    html = reader.get(url).content.decode()
    assert 'class="comment-form"' not in html and "closed-notice" in html
    # A moderator's page is not the readers' fragment: it offers to reopen the thread.
    reopen = reverse("comments:reopen", args=[thread.pk])
    staff = Client()
    staff.force_login(moderator)
    assert reopen in staff.get(url).content.decode()
    assert reopen not in reader.get(url).content.decode()


def test_a_search_asked_again_is_not_searched_again_until_the_content_changes(
    fragments_only, client, django_assert_max_num_queries
):
    theme = make_theme("Kustverdediging", slug_nl="kustverdediging")
    dunes = make_release("Zandmotor beschermt de kust", slug_nl="zandmotor")
    dunes.themes.add(theme)
    make_release("Zandmotor in het buitenland", slug_nl="zandmotor-buitenland")
    first = client.get("/nl/", {"q": "zandmotor"}).content.decode()
    assert "2 resultaten voor" in first
    with django_assert_max_num_queries(1) as context:
        again = client.get("/nl/", {"q": "zandmotor"}).content.decode()
    assert "pressrelease" not in " ".join(q["sql"] for q in context.captured_queries)
    assert again == first
    english = client.get("/en/", {"q": "zandmotor"}).content.decode()
    assert "2 results for" in english and "Press release number" in english
    assert "Zandmotor beschermt" not in english
    # The words as typed, the selects and the page are what the results are kept by.
    assert (
        "1 resultaat voor 'Zandmotor kust'"
        in client.get("/nl/", {"q": "Zandmotor kust"}).content.decode()
    )
    in_theme = client.get("/nl/", {"q": "zandmotor", "theme": "kustverdediging"})
    assert "1 resultaat voor" in in_theme.content.decode()
    assert client.get("/nl/", {"q": "zandmotor", "page": 2}).status_code == 404
    # A change through the plain ORM shows in the next search.
    dunes.title_nl = "Zandmotor groeit"
    dunes.save()
    html = client.get("/nl/", {"q": "zandmotor"}).content.decode()
    assert "Zandmotor groeit" in html and "Zandmotor beschermt" not in html
