"""Fixtures and helpers of the press tests: the city and its networks."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import make_city, make_membership, make_network, make_theme


def in_dutch(message) -> str:
    """A message as the (Dutch-speaking) editors see it."""
    with translation.override("nl"):
        return str(message)


def url(name: str, code: str, **kwargs) -> str:
    with translation.override(code):
        return reverse(f"press:{name}", kwargs=kwargs or None)


@pytest.fixture
def den_haag():
    return make_city()


@pytest.fixture
def resilient(den_haag):
    """100 Resilient Cities with Den Haag and two other members, as in the seed release."""
    network = make_network(
        "100 Resilient Cities",
        slug="100-resilient-cities",
        organisation="Rockefeller Foundation",
        website="http://www.100resilientcities.org",
        founded_in=2013,
        description_nl="Een netwerk van de Rockefeller Foundation.",
        description_en="A Rockefeller Foundation network.",
    )
    membership = make_membership(
        den_haag,
        network,
        dt.date(2016, 5, 25),
        announced_where_nl="Washington DC en Nairobi",
        announced_where_en="Washington DC and Nairobi",
    )
    membership.themes.add(
        make_theme("Cybersecurity", slug_nl="cybersecurity", slug_en="cybersecurity"),
        make_theme(
            "Kustverdediging",
            "Coastal defence",
            slug_nl="kustverdediging",
            slug_en="coastal-defence",
        ),  # fmt: skip
    )
    seoul = make_city("Seoel", "Seoul", country_nl="Zuid-Korea", country_en="South Korea")
    make_membership(seoul, network)
    nairobi = make_city("Nairobi", country_nl="Kenia", country_en="Kenya")
    make_membership(nairobi, network)
    return membership
