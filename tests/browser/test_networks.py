"""The city-network pages in a real browser: accessibility (axe-core, WCAG 2.1 AA)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.conftest import assert_accessible
from tests.conftest import make_city, make_membership, make_network, make_release, make_theme

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def resilient():
    network = make_network(
        "100 Resilient Cities",
        slug="100-resilient-cities",
        website="http://www.100resilientcities.org",
        founded_in=2013,
    )
    membership = make_membership(
        make_city(),
        network,
        dt.date(2016, 5, 25),
        announced_where_nl="Washington DC en Nairobi",
        announced_where_en="Washington DC and Nairobi",
    )
    membership.themes.add(make_theme("Cybersecurity"), make_theme("Kustverdediging"))
    make_membership(make_city("Rotterdam", country_nl="Nederland"), network)
    membership.releases.add(make_release("Den Haag toegetreden tot 100 Resilient Cities netwerk"))
    make_membership(
        membership.city,
        make_network("Oud netwerk"),
        dt.date(2014, 1, 1),
        ended_on=dt.date(2019, 7, 31),
    )
    return membership


def address(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(f"press:{name}", kwargs=kwargs or None)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_network_page_is_accessible(live_server, page, axe, resilient, language):
    page.goto(live_server.url + address("network-detail", language, slug="100-resilient-cities"))
    assert page.locator("h1").inner_text() == "100 Resilient Cities"
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(axe, page)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_network_overview_is_accessible(live_server, page, axe, resilient, language):
    page.goto(live_server.url + address("network-list", language))
    assert page.locator(".network-card").count() == 2
    assert_accessible(axe, page)


def test_article_box_leads_to_the_network_page(live_server, page, axe, resilient):
    release = resilient.releases.get()
    page.goto(live_server.url + release.get_absolute_url("nl"))
    assert_accessible(axe, page)
    page.locator(".network-box").get_by_role("link", name="100 Resilient Cities").click()
    page.wait_for_url("**/100-resilient-cities/")
    assert page.locator("h1").inner_text() == "100 Resilient Cities"
