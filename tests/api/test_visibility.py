"""Nothing unpublished is visible through the API: not in a list, a count, a filter,
a search, a theme's or a network's releases, nor at its own address (a 404 like an
id that never was), whoever asks; a withdrawn release that was public answers 410
with its public explanation and date; a share link's token opens nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from press import sharelinks
from press.models import PressRelease
from tests.api.factories import make_newsroom
from tests.conftest import make_release
from tests.press.test_share_links import sharer

pytestmark = pytest.mark.django_db

TITLE = "Zandmotor"


@pytest.fixture
def newsroom(releases_in_every_state):
    """Releases in every state, all with the same theme, about the same network and
    with the word of the search; the public ones: one in both languages, and one whose
    English translation was deleted."""
    made = make_newsroom()
    states = releases_in_every_state(TITLE)
    translation_deleted = make_release(f"{TITLE} vertaling verwijderd")
    for field in ("title_en", "lead_en", "body_en", "slug_en"):
        setattr(translation_deleted, field, "")
    translation_deleted.save()
    public = [states.public, translation_deleted]
    membership = made["network"].memberships.get()
    for release in [*public, *states.hidden]:
        release.themes.add(made["theme"])
        membership.releases.add(release)
    states.withdrawn.withdrawal_notice_nl = "Bevatte onjuiste cijfers."
    states.withdrawn.withdrawal_notice_en = "Contained wrong figures."
    states.withdrawn.withdrawn_at = timezone.now() - dt.timedelta(days=1)
    states.withdrawn.save()
    return made | {"states": states, "public": public}


def every_list(newsroom) -> dict[str, str]:
    theme, network = newsroom["theme"].pk, newsroom["network"].pk
    public = newsroom["states"].public
    year = timezone.localtime(public.publish_at).year
    return {
        "all": "/api/v1/releases",
        "theme": f"/api/v1/releases?theme={theme}",
        "network": f"/api/v1/releases?network={network}",
        "year": f"/api/v1/releases?year={year}",
        "withdrawn one's year": "/api/v1/releases?year=2015",
        "updated since": "/api/v1/releases?updated-since=2000-01-01T00:00:00Z",
        "search": f"/api/v1/releases?q={TITLE}",
        "search for a state": "/api/v1/releases?q=concept",
        "theme's releases": f"/api/v1/themes/{theme}/releases",
        "network's releases": f"/api/v1/networks/{network}/releases",
        "everything at once": (
            f"/api/v1/releases?theme={theme}&network={network}&q={TITLE}"
            "&updated-since=2000-01-01T00:00:00Z"
        ),
    }


def listed(client, url: str, **headers) -> tuple[int, set[int]]:
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.content)
    page = response.json()
    return page["total"], {release["id"] for release in page["results"]}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_lists_counts_filters_and_search_show_only_public_releases(client, newsroom, language):
    states = newsroom["states"]
    public = {release.pk for release in newsroom["public"]}
    hidden = {release.pk for release in states.hidden}
    for name, url in every_list(newsroom).items():
        total, ids = listed(client, url, HTTP_ACCEPT_LANGUAGE=language)
        assert not ids & hidden, name
        assert total == len(ids), name  # the count counts nothing hidden either
        if name in ("all", "updated since"):
            assert ids == public | {newsroom["full"].pk, newsroom["dutch_only"].pk}, name
        elif name not in ("withdrawn one's year", "search for a state"):
            assert public <= ids, name
    assert listed(client, "/api/v1/releases?year=2015") == (0, set())
    assert listed(client, "/api/v1/releases?q=concept") == (0, set())


def test_hidden_releases_are_not_found_and_the_withdrawn_one_is_gone(client, newsroom):
    states = newsroom["states"]
    for release in (states.draft, states.review, states.scheduled):
        response = client.get(f"/api/v1/releases/{release.pk}")
        assert response.status_code == 404, release.title
        assert response["Content-Type"] == "application/problem+json"
        # The same answer as an id that never was: nothing of the release in it.
        never = client.get("/api/v1/releases/999999")
        assert response.json() | {"instance": ""} == never.json() | {"instance": ""}
        assert release.title_nl.encode() not in response.content
    early = states.withdrawn_before_publication
    assert client.get(f"/api/v1/releases/{early.pk}").status_code == 404

    gone = client.get(f"/api/v1/releases/{states.withdrawn.pk}", HTTP_ACCEPT_LANGUAGE="en")
    assert gone.status_code == 410
    assert gone["Content-Type"] == "application/problem+json"
    body = gone.json()
    assert body["detail"] == "Contained wrong figures."
    assert body["titles"] == {"nl": "Persbericht ingetrokken", "en": "Press release withdrawn"}
    assert body["withdrawn_at"].startswith(
        timezone.localtime(states.withdrawn.withdrawn_at).date().isoformat()
    )
    dutch = client.get(f"/api/v1/releases/{states.withdrawn.pk}?lang=nl").json()
    assert dutch["detail"] == "Bevatte onjuiste cijfers."


def test_public_releases_in_one_or_two_languages(client, newsroom):
    states = newsroom["states"]
    both = client.get(f"/api/v1/releases/{states.public.pk}").json()
    assert both["languages"] == ["nl", "en"] and both["dutch_only"] is False
    assert set(both["texts"]) == {"nl", "en"}
    deleted = next(r for r in newsroom["public"] if r is not states.public)
    one = client.get(f"/api/v1/releases/{deleted.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert one["languages"] == ["nl"] and one["dutch_only"] is True
    assert set(one["texts"]) == {"nl"}
    assert one["texts"]["nl"]["title"] == f"{TITLE} vertaling verwijderd"


def test_related_objects_show_no_hidden_release(client, newsroom):
    """A theme and a network answer the same whatever hidden releases they have;
    a network the city is no member of is not there."""
    theme, network = newsroom["theme"], newsroom["network"]
    hidden_titles = [r.title_nl for r in newsroom["states"].hidden]
    for url in (
        f"/api/v1/themes/{theme.pk}",
        "/api/v1/themes",
        f"/api/v1/networks/{network.pk}",
        "/api/v1/networks",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert not any(title.encode() in response.content for title in hidden_titles), url
    networks = client.get("/api/v1/networks").json()
    assert [n["id"] for n in networks["results"]] == [network.pk]
    other = newsroom["other_network"].pk
    assert client.get(f"/api/v1/networks/{other}").status_code == 404
    assert client.get(f"/api/v1/networks/{other}/releases").status_code == 404
    assert client.get(f"/api/v1/releases?network={other}").status_code == 400


def test_a_share_link_or_a_staff_session_opens_nothing(client, newsroom, chief_editor):
    scheduled = newsroom["states"].scheduled
    link, token = sharelinks.create_share_link(
        scheduled,
        label="NOS",
        language="both",
        expires_at=sharelinks.default_expiry(scheduled),
        user=sharer(),
    )
    for url in (
        f"/api/v1/releases/{scheduled.pk}?token={token}",
        f"/api/v1/releases/{scheduled.pk}?share={token}",
        f"/api/v1/releases?q=gepland&token={token}",
    ):
        response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert scheduled.title_nl.encode() not in response.content, url
    client.force_login(chief_editor)
    assert client.get(f"/api/v1/releases/{scheduled.pk}").status_code == 404
    assert scheduled.pk not in listed(client, "/api/v1/releases")[1]
    assert PressRelease.objects.published().filter(pk=scheduled.pk).count() == 0
