"""City networks on the public pages, in articles, in structured data; their query budgets."""

import datetime as dt
import json
import re

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from pytest_django.asserts import assertInHTML, assertNotContains

from press.models import CityNetwork
from tests.conftest import (
    make_city,
    make_membership,
    make_network,
    make_release,
    make_theme,
)
from tests.htmltree import find, find_all
from tests.press.conftest import url

pytestmark = pytest.mark.django_db


def page_language(html: str) -> str:
    """The lang attribute of the page's <html> element."""
    return re.search(r"<html\b[^>]*\blang=\"([^\"]+)\"", html).group(1)


def alternate(code: str, path: str) -> str:
    """The <link> in the <head> that names the page's address in language `code`."""
    return f'<link rel="alternate" hreflang="{code}" href="http://testserver{path}">'


# -- public pages -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, heading, joined, announced",
    [
        ("nl", "100 Resilient Cities", "woensdag 25 mei 2016", "Washington DC en Nairobi"),
        ("en", "100 Resilient Cities", "Wednesday 25 May 2016", "Washington DC and Nairobi"),
    ],
)
def test_network_page_in_both_languages(client, resilient, code, heading, joined, announced):
    network_url = url("network-detail", code, slug="100-resilient-cities")
    response = client.get(network_url)
    assert response.status_code == 200
    assert response.context["network"] == resilient.network
    html = response.content.decode()
    assert page_language(html) == code
    assertInHTML(f"<h1>{heading}</h1>", html)
    assert joined in html and announced in html
    assert "Rockefeller Foundation" in html
    website = "http://www.100resilientcities.org"
    assertInHTML(f'<a href="{website}">{website}</a>', html)
    for other in ("nl", "en"):
        other_url = url("network-detail", other, slug="100-resilient-cities")
        assertInHTML(alternate(other, other_url), html)
    description = "Een netwerk van" if code == "nl" else "A Rockefeller Foundation network."
    assert description in html
    with translation.override(code):
        for theme in resilient.themes.all():
            assertInHTML(
                f'<a class="tag" href="{theme.get_absolute_url()}">{theme.name}</a>', html
            )
    if code == "nl":
        assertInHTML('<li><span>Seoel</span> <span class="country">(Zuid-Korea)</span></li>', html)
        assertInHTML('<li><span>Nairobi</span> <span class="country">(Kenia)</span></li>', html)
    else:
        assertInHTML(
            '<li><span>Seoul</span> <span class="country">(South Korea)</span></li>', html
        )
        assert "The Hague joined" in html


def test_network_page_lists_other_current_members_only(client, resilient):
    gone = make_city("Oudstad")
    make_membership(gone, resilient.network, ended_on=dt.date(2019, 7, 31))
    response = client.get(url("network-detail", "nl", slug=resilient.network.slug))
    assert response.status_code == 200
    members = [member.city.name_nl for member in response.context["other_members"]]
    assert sorted(members) == ["Nairobi", "Seoel"]
    assertInHTML(
        '<li><span>Nairobi</span> <span class="country">(Kenia)</span></li>',
        response.content.decode(),
    )
    assertNotContains(response, "Oudstad")


def test_network_page_without_english_description_says_so(client, resilient):
    CityNetwork.objects.filter(pk=resilient.network.pk).update(description_en="")
    html = client.get(url("network-detail", "en", slug="100-resilient-cities")).content.decode()
    assertInHTML(
        '<p class="notice" role="note">This description is only available in Dutch.</p>', html
    )
    description = "<p>Een netwerk van de Rockefeller Foundation.</p>"
    assertInHTML(f'<div class="description" lang="nl">{description}</div>', html)


def test_network_pages_404(client, den_haag):
    assert client.get(url("network-detail", "nl", slug="bestaat-niet")).status_code == 404
    # A network the city is not a member of has no page here.
    network = make_network()
    make_membership(make_city("Rotterdam"), network)
    assert client.get(url("network-detail", "en", slug=network.slug)).status_code == 404


@pytest.mark.parametrize("code", ["nl", "en"])
def test_overview_shows_current_and_past_memberships(client, resilient, code):
    ended = make_membership(
        resilient.city,
        make_network("Oud Netwerk", slug="oud-netwerk"),
        dt.date(2014, 3, 1),
        ended_on=dt.date(2019, 7, 31),
    )
    response = client.get(url("network-list", code))
    html = response.content.decode()
    assert response.status_code == 200
    assert page_language(html) == code
    for other in ("nl", "en"):
        assertInHTML(alternate(other, url("network-list", other)), html)
    assert list(response.context["current"]) == [resilient]
    assert list(response.context["past"]) == [ended]
    with translation.override(code):
        for membership in (resilient, ended):
            network = membership.network
            link = f'<a href="{network.get_absolute_url()}">{network.name}</a>'
            assertInHTML(f"<h3>{link}</h3>", html)
    end_date = "woensdag 31 juli 2019" if code == "nl" else "Wednesday 31 July 2019"
    assert end_date in html


def test_navigation_links_to_the_networks(client):
    html = client.get("/en/").content.decode()
    assertInHTML(f'<a href="{url("network-list", "en")}">Networks</a>', html)


def test_ended_membership_page_is_marked_as_past(client, den_haag):
    membership = make_membership(
        den_haag, make_network(), dt.date(2014, 3, 1), ended_on=dt.date(2019, 7, 31)
    )
    html = client.get(url("network-detail", "en", slug=membership.network.slug)).content.decode()
    assert "no longer a member" in html and "Wednesday 31 July 2019" in html


# -- releases and networks, both ways ---------------------------------------------------


def test_article_box_leads_to_the_network_page(client, resilient):
    release = make_release("Den Haag toegetreden tot 100 Resilient Cities netwerk")
    resilient.releases.add(release)
    for code in ("nl", "en"):
        response = client.get(release.get_absolute_url(code))
        assert response.status_code == 200
        network_url = url("network-detail", code, slug="100-resilient-cities")
        assertInHTML(
            f'<a href="{network_url}">100 Resilient Cities</a>', response.content.decode()
        )


def test_article_without_membership_has_no_box(client, resilient):
    release = make_release()
    # Linked only to another city's membership: not one of the city's own networks.
    resilient.network.memberships.exclude(pk=resilient.pk).first().releases.add(release)
    html = client.get(release.get_absolute_url("nl")).content.decode()
    assert "network-box" not in html


def test_network_page_lists_published_releases_about_it_newest_first(
    client, resilient, releases_in_every_state
):
    older = make_release("Ouder bericht", publish_at=timezone.now() - dt.timedelta(days=300))
    newer = make_release("Nieuwer bericht", publish_at=timezone.now() - dt.timedelta(days=3))
    unrelated = make_release("Ander onderwerp")
    other_member = resilient.network.memberships.exclude(pk=resilient.pk).first()
    states = releases_in_every_state("Netwerk")
    resilient.releases.add(older, newer, *states.hidden)
    other_member.releases.add(newer)  # linked twice: listed once
    response = client.get(resilient.network.get_absolute_url())
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [newer, older]
    html = response.content.decode()
    assertInHTML(f'<a href="{older.get_absolute_url("nl")}">Ouder bericht</a>', html)
    for hidden in (*states.hidden, unrelated):
        assert hidden.title_nl not in html


# -- structured data ----------------------------------------------------------------------


def jsonld_of(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_network_page_carries_json_ld(client, resilient):
    html = client.get(url("network-detail", "en", slug="100-resilient-cities")).content.decode()
    data = jsonld_of(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "The Hague"
    member_of = data["memberOf"]
    assert member_of["@type"] == "Organization"
    assert member_of["name"] == "100 Resilient Cities"
    assert member_of["url"] == "http://www.100resilientcities.org"
    assert member_of["founder"] == {"@type": "Organization", "name": "Rockefeller Foundation"}


def test_jsonld_filter_cannot_be_broken_out_of():
    data = {"name": "</script><script>alert('x')</script> & <!-- Ü"}
    html = Template("{% load press %}{{ data|jsonld }}").render(Context({"data": data}))
    opening, closing = '<script type="application/ld+json">', "</script>"
    assert html.startswith(opening) and html.endswith(closing)
    content = html[len(opening) : -len(closing)]
    assert not set("<>&") & set(content) and content.isascii()
    assert json.loads(content) == data


# -- query budgets ------------------------------------------------------------------------


def test_network_page_queries_do_not_grow(get_within_budget, resilient):
    network = resilient.network
    resilient.releases.add(make_release())
    page_url = network.get_absolute_url()
    few = get_within_budget(page_url, 6)[1]
    for n in range(25):
        make_membership(make_city(f"Stad {n}"), network)
    for _ in range(8):
        release = make_release()
        release.themes.add(make_theme())
        resilient.releases.add(release)
    many = get_within_budget(page_url, few)[1]
    assert many == few


def test_overview_queries_do_not_grow(get_within_budget, den_haag):
    theme = make_theme()
    for ended_on in (None, dt.date(2019, 7, 31)):
        make_membership(den_haag, make_network(), ended_on=ended_on).themes.add(theme)
    overview = url("network-list", "nl")
    few = get_within_budget(overview, 5)[1]
    for n in range(12):
        network = make_network()
        membership = make_membership(den_haag, network, ended_on=dt.date(2019, 1, n + 1))
        membership.themes.add(make_theme())
        make_membership(make_city(f"Stad {n}"), network)
    many = get_within_budget(overview, few)[1]
    assert many == few


def test_article_queries_do_not_grow_with_memberships(client, get_within_budget, den_haag):
    release = make_release()
    make_membership(den_haag, make_network()).releases.add(release)
    article = release.get_absolute_url("nl")
    client.get(article)  # the first reader keeps its article in the cache
    # The release and its comment thread: the article comes from the cache.
    few = get_within_budget(article, 2)[1]
    for n in range(10):
        network = make_network()
        make_membership(den_haag, network).releases.add(release)
        make_membership(make_city(f"Stad {n}"), network).releases.add(release)
    client.get(article)  # the first reader after it renders the article anew
    many = get_within_budget(article, few)[1]
    assert many == few
    assert client.get(article).content.decode().count("lid sinds") == 11
    html = client.get(article).content.decode()
    box = find(html, "aside", class_="network-box")
    assert len(find_all(box, "li")) == 11  # the city's own memberships only
