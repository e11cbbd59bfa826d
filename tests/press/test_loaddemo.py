import datetime as dt

import pytest
from django.core.management import call_command
from pytest_django.asserts import assertInHTML

from press.models import (
    City,
    CityNetwork,
    Membership,
    PressContact,
    PressRelease,
    RelatedLink,
    Theme,
)
from tests.press.conftest import url

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        "releases": list(
            PressRelease.objects.values_list("pk", "slug_nl", "status", "updated_at")
        ),
        "themes": Theme.objects.count(),
        "contacts": PressContact.objects.count(),
        "links": RelatedLink.objects.count(),
    }


def test_loaddemo_creates_the_seed_release_in_both_languages():
    call_command("loaddemo", verbosity=0)
    seed = PressRelease.objects.get(
        slug_nl="den-haag-toegetreden-tot-100-resilient-cities-netwerk"
    )
    assert seed.title_nl == "Den Haag toegetreden tot 100 Resilient Cities netwerk"
    assert seed.title_en == "The Hague joins 100 Resilient Cities network"
    assert seed.is_published()
    assertInHTML("<h2>Kustverdediging</h2>", seed.body_nl)
    assert "Van Aartsen" in seed.body_nl
    assert {t.slug_nl for t in seed.themes.all()} >= {"cybersecurity", "kustverdediging"}
    assertInHTML(
        '<a href="https://www.100resilientcities.org">www.100resilientcities.org</a>',
        seed.body_nl,
    )
    assert PressRelease.objects.published().count() >= 9
    assert PressRelease.objects.filter(publish_at__year__lt=2020).count() >= 3
    assert any(r.is_scheduled for r in PressRelease.objects.all())


def test_loaddemo_twice_changes_nothing():
    call_command("loaddemo", verbosity=0)
    first = snapshot()
    call_command("loaddemo", verbosity=0)
    assert snapshot() == first


def test_seed_page_renders_like_the_original(client):
    call_command("loaddemo", verbosity=0)
    seed = PressRelease.objects.get(
        slug_nl="den-haag-toegetreden-tot-100-resilient-cities-netwerk"
    )
    html = client.get(seed.get_absolute_url("nl")).content.decode()
    assert "woensdag 25 mei 2016" in html
    assertInHTML("<figcaption>aldus burgemeester Van Aartsen.</figcaption>", html)
    assert "Zie voor meer informatie" in html
    html = client.get(seed.get_absolute_url("en")).content.decode()
    assert "Wednesday 25 May 2016" in html
    assert "The Hague joins 100 Resilient Cities network" in html


# -- city networks ---------------------------------------------------------------------------


def network_snapshot() -> dict:
    return {
        "networks": list(CityNetwork.objects.values_list("pk", "slug", "name", "website")),
        "cities": list(City.objects.values_list("pk", "name_nl", "country_en")),
        "memberships": list(
            Membership.objects.values_list("pk", "city_id", "network_id", "joined_on")
        ),
        "themes": list(Membership.themes.through.objects.values_list("pk", flat=True)),
        "releases": list(Membership.releases.through.objects.values_list("pk", flat=True)),
    }


def test_loaddemo_creates_the_networks_and_changes_nothing_the_second_time(client):
    call_command("loaddemo", verbosity=0)
    own = Membership.objects.of_own_city().select_related("network")
    resilient = own.get(network__slug="100-resilient-cities")
    assert resilient.joined_on == dt.date(2016, 5, 25)
    assert resilient.announced_where_nl == "Washington DC en Nairobi"
    assert resilient.announced_where_en == "Washington DC and Nairobi"
    assert resilient.network.organisation == "Rockefeller Foundation"
    assert resilient.network.website == "http://www.100resilientcities.org"
    assert resilient.network.founded_in == 2013
    assert resilient.network.description_nl and resilient.network.description_en
    assert {t.slug_nl for t in resilient.themes.all()} == {"cybersecurity", "kustverdediging"}
    assert [r.slug_nl for r in resilient.releases.all()] == [
        "den-haag-toegetreden-tot-100-resilient-cities-netwerk"
    ]
    members = {
        (m.city.name_en, m.city.country_en)
        for m in resilient.network.memberships.select_related("city")
    }
    assert members == {
        ("The Hague", "Netherlands"),
        ("Washington", "United States"),
        ("Buenos Aires", "Argentina"),
        ("Jakarta", "Indonesia"),
        ("Nairobi", "Kenya"),
        ("Seoul", "South Korea"),
        ("Rotterdam", "Netherlands"),
    }
    parliament = own.get(network__slug="global-parliament-of-mayors")
    assert parliament.joined_on.year == 2016
    assert parliament.releases.get().title_en.startswith("Mayors from around the world")

    first = network_snapshot()
    call_command("loaddemo", verbosity=0)
    assert network_snapshot() == first

    seed = resilient.releases.get()
    html = client.get(seed.get_absolute_url("nl")).content.decode()
    assert f'href="{url("network-detail", "nl", slug="100-resilient-cities")}"' in html
    html = client.get(url("network-detail", "nl", slug="100-resilient-cities")).content.decode()
    assert "woensdag 25 mei 2016" in html and seed.title_nl in html


def test_demo_withdrawn_release_says_why_and_when(client):
    call_command("loaddemo", verbosity=0)
    release = PressRelease.objects.get(status=PressRelease.Status.WITHDRAWN)
    response = client.get(release.get_absolute_url("nl"))
    assert response.status_code == 410
    html = response.content.decode()
    assert "Ingetrokken op dinsdag 4 juni 2024." in html
    assert "de data van de afsluiting niet klopten" in html
    english = client.get(release.get_absolute_url("en")).content.decode()
    assert "Withdrawn on Tuesday 4 June 2024." in english


def test_demo_correction_shows_its_public_change_note(client):
    call_command("loaddemo", verbosity=0)
    release = PressRelease.objects.get(change_notes__isnull=False)
    response = client.get(release.get_absolute_url("nl"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bijgewerkt op woensdag 5 juni 2024" in html
    assert "De omleiding voor autoverkeer via de Juliana van Stolberglaan is toegevoegd." in html
    english = client.get(release.get_absolute_url("en")).content.decode()
    assert "Updated on Wednesday 5 June 2024" in english
    assert release.last_public_change.date().isoformat() == "2024-06-05"
