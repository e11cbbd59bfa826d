import pytest
from django.core.management import call_command

from press.models import PressContact, PressRelease, RelatedLink, Theme

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
    assert "<h2>Kustverdediging</h2>" in seed.body_nl
    assert "Van Aartsen" in seed.body_nl
    assert {t.slug_nl for t in seed.themes.all()} >= {"cybersecurity", "kustverdediging"}
    assert seed.links.filter(url__contains="100resilientcities.org").exists()
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
    assert "<figcaption>burgemeester Van Aartsen</figcaption>" in html
    assert "Zie voor meer informatie" in html
    html = client.get(seed.get_absolute_url("en")).content.decode()
    assert "Wednesday 25 May 2016" in html
    assert "The Hague joins 100 Resilient Cities network" in html


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
