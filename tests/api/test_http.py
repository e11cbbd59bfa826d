"""The API speaks HTTP like the public pages and by the Dutch API Design Rules: its
version on every answer, errors as problems (never a 500), ETag and 304, the pages'
Cache-Control and page cache, CORS for any origin, a rate limit, and the language
asked for."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from press import workflow
from press.models import PressRelease
from tests.api.factories import make_newsroom
from tests.conftest import make_release

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.fixture
def newsroom(db):
    return make_newsroom()


def test_every_answer_names_the_version(client, newsroom):
    answers = [
        client.get("/api/v1/releases"),
        client.get("/api/v1/releases/999999"),
        client.get("/api/v1/releases?year=x"),
        client.options("/api/v1/releases"),
        client.get("/api/v1/openapi.json"),
    ]
    etag = answers[0]["ETag"]
    answers.append(client.get("/api/v1/releases", HTTP_IF_NONE_MATCH=etag))
    assert [a.status_code for a in answers] == [200, 404, 400, 204, 200, 304]
    assert {a["API-Version"] for a in answers} == {"1.0.0"}


@pytest.mark.parametrize(
    "url, status, invalid",
    [
        ("/api/v1/releases?year=twintig", 400, ["year"]),
        ("/api/v1/releases?year=", 400, ["year"]),
        ("/api/v1/releases?theme=-1", 400, ["theme"]),
        ("/api/v1/releases?theme=999999", 400, ["theme"]),
        ("/api/v1/releases?network=999999", 400, ["network"]),
        ("/api/v1/releases?updated-since=gisteren", 400, ["updated-since"]),
        ("/api/v1/releases?updated-since=0001-01-01T00:00:00", 400, ["updated-since"]),
        ("/api/v1/releases?page=0&page-size=1000", 400, ["page", "page-size"]),
        ("/api/v1/releases?q=" + "a" * 201, 400, ["q"]),
        ("/api/v1/releases?q=zand%00motor", 400, ["q"]),
        ("/api/v1/releases?the%00me=1", 400, ["the\x00me"]),
        ("/api/v1/releases/1%00", 404, None),
        ("/api/v1/themes?lang=fr", 400, ["lang"]),
        ("/api/v1/releases?page=99", 404, None),
        ("/api/v1/releases/", 404, None),
        ("/api/v1/persberichten", 404, None),
        ("/api/v1/releases/99999999999999999999999", 404, None),
    ],
)
def test_bad_requests_are_problems_in_both_languages(client, newsroom, url, status, invalid):
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert set(body["titles"]) == {"nl", "en"}
    assert body["titles"]["nl"] != body["titles"]["en"]
    assert body["title"] == body["titles"]["nl"]  # no Accept-Language: Dutch
    if invalid is not None:
        assert [p["name"] for p in body["invalid-params"]] == invalid


def test_a_problem_in_english(client, newsroom):
    body = client.get("/api/v1/releases?year=x", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").json()
    assert body["title"] == "Bad request"
    assert body["invalid-params"] == [{"name": "year", "reason": "A valid integer is required."}]


def test_only_reading_is_allowed(client, newsroom):
    response = client.post("/api/v1/releases", {"title": "x"})
    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
    assert "GET" in response["Allow"]


def test_etag_and_304_with_and_without_the_page_cache(client, newsroom, settings):
    for seconds in (0, 600):
        settings.PAGE_CACHE_SECONDS = seconds
        first = client.get("/api/v1/releases")
        assert first.status_code == 200 and first["ETag"]
        again = client.get("/api/v1/releases", HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
        assert again.content == b""
        other = client.get("/api/v1/releases", HTTP_IF_NONE_MATCH='"something else"')
        assert other.status_code == 200


def test_cache_control_is_the_public_pages(client, newsroom):
    """Decided by the project's cache middleware (denhaag_cms.pagecache and
    denhaag_cms.frontcache), not by the API: the same as the newsroom page's."""
    page = client.get("/nl/")
    api = client.get("/api/v1/releases")
    assert page.status_code == api.status_code == 200
    assert "public" in api["Cache-Control"] and "s-maxage" in api["Cache-Control"]
    assert api["Cache-Control"] == page["Cache-Control"]
    assert "Accept-Language" in api["Vary"]


def test_answers_come_from_the_page_cache_and_a_change_shows_at_once(settings, newsroom):
    settings.PAGE_CACHE_SECONDS = 600
    reader = Client()
    release = newsroom["full"]
    url = f"/api/v1/releases/{release.pk}"
    for address in (url, "/api/v1/releases"):
        reader.get(address)
        assert reader.get(address)["X-Page-Cache"] == "hit"
    # Saved from the shell: no service, no admin.
    release.title_nl = "Zandmotor groeit harder"
    release.save()
    response = reader.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert response.json()["texts"]["nl"]["title"] == "Zandmotor groeit harder"
    listed = reader.get("/api/v1/releases")
    assert listed["X-Page-Cache"] == "miss"
    assert "Zandmotor groeit harder" in listed.content.decode()
    # Withdrawn: the next request says so.
    PressRelease.objects.filter(pk=release.pk).update(
        status=PressRelease.Status.WITHDRAWN, withdrawn_at=timezone.now()
    )
    assert reader.get(url).status_code == 410
    assert release.pk not in [r["id"] for r in reader.get("/api/v1/releases").json()["results"]]


def test_cors_for_any_origin_without_credentials(client, newsroom):
    response = client.get("/api/v1/releases", HTTP_ORIGIN="https://nieuws.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "API-Version" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/releases/1",
        HTTP_ORIGIN="https://nieuws.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    # No session is read or made: nothing for a credentialed request to carry.
    assert not client.get("/api/v1/releases").cookies


def test_the_rate_limit_answers_429_with_retry_after(client, newsroom, settings):
    settings.API_RATE_LIMIT = 3
    settings.API_RATE_WINDOW = 60
    statuses = [client.get("/api/v1/themes").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/releases")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response["Content-Type"] == PROBLEM
    assert response.json()["titles"]["en"] == "Too many requests"
    assert response["API-Version"] == "1.0.0"
    # Another network is counted apart.
    assert client.get("/api/v1/themes", REMOTE_ADDR="192.0.2.9").status_code == 200


def test_the_language_asked_for(client, newsroom):
    theme_id = newsroom["theme"].pk
    dutch = client.get(f"/api/v1/themes/{theme_id}")
    english = client.get(f"/api/v1/themes/{theme_id}", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.8")
    chosen = client.get(f"/api/v1/themes/{theme_id}?lang=nl", HTTP_ACCEPT_LANGUAGE="en")
    assert (dutch.json()["name"], dutch["Content-Language"]) == ("Kustverdediging", "nl")
    assert (english.json()["name"], english["Content-Language"]) == ("Coastal defence", "en")
    assert (chosen.json()["name"], chosen["Content-Language"]) == ("Kustverdediging", "nl")
    assert english.json()["page_url"].startswith("http://testserver/en/")


def test_a_release_has_every_public_part(client, newsroom):
    release = newsroom["full"]
    body = client.get(f"/api/v1/releases/{release.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    nl = body["texts"]["nl"]
    assert nl["title"] == "Zandmotor groeit"
    assert nl["page_url"] == f"http://testserver{release.get_absolute_url('nl')}"
    assert body["texts"]["en"]["page_url"] == f"http://testserver{release.get_absolute_url('en')}"
    assert [s["heading"] for s in nl["sections"]] == [None, "Zand"]
    assert nl["quotes"] == [{"text": "‘Goed nieuws’,", "speaker": "aldus de wethouder."}]
    assert [t["name"] for t in body["themes"]] == ["Coastal defence"]
    assert body["contacts"][0]["name"] == "Anna de Vries"
    assert body["contacts"][0]["role"] == "spokesperson"
    assert body["links"] == [{"title": "Meer informatie", "url": "https://example.org/zandmotor"}]
    attachment = body["attachments"][0]
    assert attachment["content_type"] == "application/pdf"
    assert attachment["size"] == len(b"%PDF-1.4 demo")
    assert Client().get(attachment["url"]).status_code == 200
    assert [n["text"] for n in body["change_notes"]] == ["Figures updated."]
    assert [n["name"] for n in body["networks"]] == ["100 Resilient Cities"]
    hero = body["hero_image"]
    assert (hero["alt"], hero["credit"]) == ("Dunes at Kijkduin", "Gemeente Den Haag")
    assert {r["content_type"] for r in hero["renditions"]} >= {"image/webp", "image/jpeg"}
    assert all(r["url"].startswith("http://testserver/media/") for r in hero["renditions"])
    assert body["published_at"] == timezone.localtime(release.publish_at).isoformat()
    assert body["modified_at"] == body["published_at"] and body["revised_at"] is None


def test_updated_since_finds_releases_published_or_revised_since(client, newsroom):
    now = timezone.now()
    old = make_release("Oud bericht", publish_at=now - dt.timedelta(days=30))
    since = (now - dt.timedelta(days=10)).isoformat()
    ids = lambda: {  # noqa: E731
        r["id"] for r in client.get("/api/v1/releases", {"updated-since": since}).json()["results"]
    }
    assert old.pk not in ids()
    PressRelease.objects.filter(pk=old.pk).update(revised_at=now - dt.timedelta(days=1))
    assert old.pk in ids()


def test_lists_cost_the_same_queries_whatever_the_archive(client, newsroom):
    """Every release with all its parts (themes, contacts, links, attachments, notes,
    networks, reactions' thread): the list's queries do not grow with its length."""
    full = newsroom["full"]

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    small = {url: queries(url) for url in ("/api/v1/releases", "/api/v1/networks")}
    for n in range(25):
        release = make_release(f"Bericht {n}", hero_image=None)
        release.themes.add(newsroom["theme"])
        release.contacts.add(*full.contacts.all())
        newsroom["network"].memberships.get().releases.add(release)
    large = {url: queries(url + "?page-size=30") for url in small}
    assert large == small
    assert client.get("/api/v1/releases?page-size=30").json()["total"] == 27


def test_query_budget(client, newsroom, django_assert_max_num_queries):
    for n in range(30):
        make_release(f"Bericht {n}").themes.add(newsroom["theme"])
    # A count, the page, and one query for each kind of part (themes, contacts,
    # links, attachments, change notes, networks, threads); the content type of
    # releases (for their threads) Django keeps per process after the first request.
    ContentType.objects.get_for_model(PressRelease)
    with django_assert_max_num_queries(9):
        response = client.get("/api/v1/releases?page-size=100")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 32
    with django_assert_max_num_queries(8):
        response = client.get(f"/api/v1/releases/{newsroom['full'].pk}")
    assert response.status_code == 200
    assert response.json()["contacts"]
    with django_assert_max_num_queries(10):
        response = client.get(f"/api/v1/themes/{newsroom['theme'].pk}/releases")
    assert response.status_code == 200


def test_a_scheduled_release_appears_at_its_moment_on_a_warm_cache(
    settings, monkeypatch, chief_editor
):
    settings.PAGE_CACHE_SECONDS = 600
    real_now = timezone.now
    offset = [dt.timedelta(0)]
    monkeypatch.setattr(timezone, "now", lambda: real_now() + offset[0])
    scheduled = make_release(
        "Brug gaat dicht", status="draft", publish_at=timezone.now() + dt.timedelta(hours=1)
    )
    workflow.change_status(scheduled, PressRelease.Status.PUBLISHED, user=chief_editor)
    reader = Client()
    url = f"/api/v1/releases/{scheduled.pk}"
    reader.get("/api/v1/releases")
    assert reader.get("/api/v1/releases")["X-Page-Cache"] == "hit"
    assert reader.get(url).status_code == 404  # a 404 is not kept in the page cache
    offset[0] = dt.timedelta(hours=1, seconds=1)
    response = reader.get("/api/v1/releases")
    assert response["X-Page-Cache"] == "miss"
    assert scheduled.pk in [r["id"] for r in response.json()["results"]]
    assert reader.get(url).status_code == 200
