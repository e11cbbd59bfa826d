"""What an article costs without the page cache: a fixed, small number of queries.

The page cache is off here (tests/conftest.py). The article's own parts (themes,
contacts, links, attachments, change notes, networks) are a fragment in the shared
cache ({% cache %} in press/release_detail.html): the first reader after a change
renders them, the budget is that of every reader after.
"""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertInHTML

from comments.models import Comment, Thread
from denhaag_cms import changes
from press.models import PressRelease
from press.services import sync_comment_thread
from scripts import bench_data
from tests.conftest import (
    make_archive,
    make_attachment,
    make_city,
    make_contact,
    make_link,
    make_membership,
    make_network,
    make_release,
    make_theme,
)

pytestmark = pytest.mark.django_db

BUDGET = 5


def full_release(themes: int, reactions: int) -> PressRelease:
    """A release with every part: themes, a contact, a link, an attachment, a
    membership of the city, and an open thread with approved reactions."""
    release = make_release(
        f"Alles erop en eraan ({themes} thema's, {reactions} reacties)",
        publish_at=timezone.now() - dt.timedelta(hours=1),
    )
    release.themes.set([make_theme(f"Thema {n}") for n in range(themes)])
    release.contacts.add(make_contact("Anna de Vries"))
    make_link(release, "Meer over de storm")
    make_attachment(release, "Factsheet storm")
    make_membership(make_city(), make_network("Kustnetwerk")).releases.add(release)
    sync_comment_thread(release)
    thread = Thread.objects.for_object(release).get()
    Comment.objects.bulk_create(
        Comment(thread=thread, name=f"Lezer {n}", body=f"Reactie {n}", status="approved")
        for n in range(reactions)
    )
    return release


def article_queries(client, release, django_assert_max_num_queries) -> tuple[int, str]:
    first = client.get(release.get_absolute_url("nl"))  # renders the article's fragments
    assert first.status_code == 200
    with django_assert_max_num_queries(BUDGET) as context:
        response = client.get(release.get_absolute_url("nl"))
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def comment_section_queries(client, release, django_assert_max_num_queries) -> int:
    """The queries of the article with its comment section rendered (a page of
    reactions not in the cache yet; the article's fragment is)."""
    with django_assert_max_num_queries(BUDGET) as context:
        response = client.get(release.get_absolute_url("nl"), {"reacties": "1"})
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(("themes", "reactions"), [(1, 1), (10, 50)])
def test_article_costs_at_most_five_queries(
    client, django_assert_max_num_queries, themes, reactions
):
    release = full_release(themes, reactions)
    count, html = article_queries(client, release, django_assert_max_num_queries)
    assert f"Thema {themes - 1}" in html
    for shown in ("Anna de Vries", "Meer over de storm", "Factsheet storm", "Kustnetwerk"):
        assert shown in html
    assert f"Reactie {min(reactions, 20) - 1}" in html
    assert 'class="comment-form"' in html


def test_article_query_count_is_the_same_with_few_or_many_parts(
    client, django_assert_max_num_queries
):
    few, _html = article_queries(client, full_release(1, 1), django_assert_max_num_queries)
    many, _html = article_queries(client, full_release(10, 50), django_assert_max_num_queries)
    assert few == many


def test_a_closed_thread_without_reactions_costs_no_count(client, django_assert_num_queries):
    release = make_release(publish_at=timezone.now() - dt.timedelta(days=30))
    sync_comment_thread(release)  # closed: 14 days have passed
    url = release.get_absolute_url("nl")
    client.get(url)  # the first reader renders the article and its comment section
    # Another page of reactions, not yet in the cache: the release, and the thread with
    # its number of reactions; nothing else.
    with django_assert_num_queries(2):
        response = client.get(url, {"reacties": "2"})
    assert response.status_code == 200
    assert "closed-notice" in response.content.decode()
    # Every reader after: the release alone; the comment section is a fragment.
    with django_assert_num_queries(1):
        assert "closed-notice" in client.get(url).content.decode()


def test_a_former_address_redirects_with_one_query(client, django_assert_num_queries):
    release = make_release("Oude titel")
    release.slug_nl = "nieuwe-titel"
    release.save()
    with django_assert_num_queries(1):
        response = client.get(reverse("press:release-detail", kwargs={"slug": "oude-titel"}))
    assert response.status_code == 301
    assert response["Location"] == release.get_absolute_url("nl")


def test_the_public_article_is_the_one_a_preview_renders(client, superuser):
    """The public page's article (a cached fragment) is the same HTML the staff
    preview renders every time from the same templates."""
    release = full_release(3, 0)
    public = client.get(release.get_absolute_url("nl"))
    assert public.status_code == 200
    client.force_login(superuser)
    preview = client.get(release.get_preview_url("nl"))
    assert preview.status_code == 200
    article = re.compile(r'<article class="release">.*?</article>', re.DOTALL)
    stored = article.search(public.content.decode())[0]
    assert stored == article.search(preview.content.decode())[0]
    for shown in ("Thema 2", "Factsheet storm", "Anna de Vries", "Kustnetwerk"):
        assert shown in stored


def test_a_membership_that_ends_reads_as_past_from_its_end_date(client, monkeypatch):
    release = make_release(publish_at=timezone.now() - dt.timedelta(hours=1))
    ends = timezone.localdate() + dt.timedelta(days=3)
    membership = make_membership(make_city(), make_network("Kustnetwerk"), ended_on=ends)
    membership.releases.add(release)
    assertContains(client.get(release.get_absolute_url("nl")), "lid sinds")
    later = timezone.now() + dt.timedelta(days=4)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = client.get(release.get_absolute_url("nl"))
    assert response.status_code == 200
    assertContains(response, "was lid van")


def test_a_theme_renamed_in_the_admin_shows_on_the_next_request(client, superuser):
    release = full_release(1, 0)
    theme = release.themes.get()
    assertContains(client.get(release.get_absolute_url("nl")), "Thema 0")
    client.force_login(superuser)
    response = client.post(
        reverse("admin:press_theme_change", args=[theme.pk]),
        {"name_nl": "Noodweer", "name_en": "Storm", "slug_nl": "noodweer", "slug_en": "storm"},
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(release.get_absolute_url("nl")).content.decode()
    assert "Noodweer" in page and "Thema 0" not in page


def test_the_seed_article_costs_at_most_five_queries(client, django_assert_max_num_queries):
    call_command("loaddemo", verbosity=0)
    seed = PressRelease.objects.get(
        slug_nl="den-haag-toegetreden-tot-100-resilient-cities-netwerk"
    )
    count, html = article_queries(client, seed, django_assert_max_num_queries)
    assert "100 Resilient Cities" in html
    assert "closed-notice" in html


def test_the_seed_article_costs_as_much_at_two_thousand_releases(
    client, django_assert_max_num_queries
):
    """The bench's volume (scripts/bench_data.py): 2,000 releases and 20,000
    reactions, a tenth of them under the seed article."""
    call_command("loaddemo", verbosity=0)
    seed = PressRelease.objects.get(slug_nl=bench_data.SEED_SLUG)
    bench_data.populate(PressRelease.objects.count(), 20)  # a few reactions under it
    few, _html = article_queries(client, seed, django_assert_max_num_queries)
    few_rendered = comment_section_queries(client, seed, django_assert_max_num_queries)
    bench_data.populate(2000, 20000)
    changes.content_changed()  # written in bulk, outside the admin
    many, html = article_queries(client, seed, django_assert_max_num_queries)
    many_rendered = comment_section_queries(client, seed, django_assert_max_num_queries)
    # the release (the article and its comment section are fragments)
    assert few == many == 1
    # rendered: the release; the thread with its number of reactions; the page of them
    assert few_rendered == many_rendered == 3
    thread = Thread.objects.for_object(seed).get()
    shown = thread.comments.approved().count()
    assert shown > 1000
    assertInHTML(f'<span class="count">({shown})</span>', html)
    first = thread.comments.approved()[0]  # in the order the page shows them
    assertInHTML(f'<strong class="comment-name">{first.name}</strong>', html)
    assert "100 Resilient Cities" in html


def _plan(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.postgres
def test_the_article_is_found_by_its_address_not_among_all_releases(
    client, django_assert_num_queries
):
    """The lookup of the release at an address (now or formerly) goes through the
    addresses' indexes: its cost does not grow with the archive. Written as one
    condition with OR EXISTS, it read every public release and kept the one with
    the address."""
    start = timezone.now() - dt.timedelta(days=2000)
    make_archive(600, start, dt.timedelta(days=3))
    release = make_release("Het gezochte bericht")
    client.get(release.get_absolute_url("nl"))  # the first reader renders the article
    with django_assert_num_queries(1) as captured:  # the release (the rest: fragments)
        response = client.get(release.get_absolute_url("nl"))
    assert response.status_code == 200
    assert "Het gezochte bericht" in response.content.decode()
    plan = _plan(captured.captured_queries[0]["sql"])
    assert "Index Cond: ((slug_nl)::text = " in plan, plan
    assert "press_pressrelease_publish_at" not in plan, plan
    assert "Seq Scan on press_pressrelease " not in plan, plan
