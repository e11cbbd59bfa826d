"""City networks: memberships, their admin, public pages and links to releases."""

import datetime as dt
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from press.models import City, CityNetwork, Membership, PressRelease
from press.models.network import (
    ENDS_BEFORE_START,
    ONE_MEMBERSHIP_PER_NETWORK,
    validate_web_address,
)
from press.roles import CHIEF_EDITORS, EDITORS, MODERATORS
from tests.conftest import (
    make_city,
    make_membership,
    make_network,
    make_release,
    make_theme,
    make_user,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 1, 15)
WEB_ADDRESS_MESSAGE = validate_web_address.message  # lazy: shown in the editor's language


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


# -- models and querysets ------------------------------------------------------------


def test_current_and_past_memberships(den_haag):
    ongoing = make_membership(den_haag, make_network())
    ending = make_membership(den_haag, make_network(), ended_on=TODAY + dt.timedelta(days=1))
    ended_today = make_membership(den_haag, make_network(), ended_on=TODAY)
    ended = make_membership(den_haag, make_network(), ended_on=dt.date(2019, 7, 31))
    assert set(Membership.objects.current(TODAY)) == {ongoing, ending}
    assert set(Membership.objects.past(TODAY)) == {ended_today, ended}
    assert ongoing.is_current and not ended.is_current


def test_own_city_is_the_configured_city_in_every_language(den_haag, settings):
    rotterdam = make_city("Rotterdam")
    network = make_network()
    own = make_membership(den_haag, network)
    make_membership(rotterdam, network)
    for code in ("nl", "en"):
        with translation.override(code):
            assert list(Membership.objects.of_own_city()) == [own]
            assert City.objects.own() == den_haag
    settings.CITY_NAME = "Rotterdam"
    assert City.objects.own() == rotterdam


def test_membership_cannot_end_before_it_starts(den_haag):
    membership = Membership(
        city=den_haag,
        network=make_network(),
        joined_on=dt.date(2016, 5, 25),
        ended_on=dt.date(2016, 5, 24),
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert error.value.message_dict["ended_on"] == [str(ENDS_BEFORE_START)]
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()  # the database says no too


def test_one_membership_per_city_and_network(den_haag):
    network = make_network()
    make_membership(den_haag, network)
    duplicate = Membership(city=den_haag, network=network, joined_on=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert str(ONE_MEMBERSHIP_PER_NETWORK) in error.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_website_must_be_http_or_https():
    network = make_network(website="ftp://example.org/")
    with pytest.raises(ValidationError) as error:
        network.full_clean()
    assert error.value.message_dict["website"] == [WEB_ADDRESS_MESSAGE]


# -- admin: validation as the editors see it ------------------------------------------

NETWORK_ADD_URL = reverse("admin:press_citynetwork_add")
MEMBERSHIP_ADD_URL = reverse("admin:press_membership_add")


def inline_management(total: int = 0, initial: int = 0) -> dict:
    return {
        "memberships-TOTAL_FORMS": str(total),
        "memberships-INITIAL_FORMS": str(initial),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }


def network_form(**overrides) -> dict:
    data = {
        "name": "Global Parliament of Mayors",
        "slug": "global-parliament-of-mayors",
        "organisation": "Global Parliament of Mayors",
        "website": "https://globalparliamentofmayors.org",
        "founded_in": "2016",
        "description_nl": "Burgemeesters uit de hele wereld.",
        "description_en": "Mayors from around the world.",
        **inline_management(),
    }
    return data | overrides


def inline_row(index: int, city: City, **overrides) -> dict:
    row = {
        "city": str(city.pk),
        "joined_on": "2016-09-10",
        "ended_on": "",
        "announced_where_nl": "Den Haag",
        "announced_where_en": "The Hague",
        "notes_nl": "",
        "notes_en": "",
        "id": "",
    } | overrides
    return {f"memberships-{index}-{key}": value for key, value in row.items()}


def membership_form(city: City, network: CityNetwork, **overrides) -> dict:
    return {
        "city": str(city.pk),
        "network": str(network.pk),
        "joined_on": "2016-05-25",
        "ended_on": "",
        "announced_where_nl": "Washington DC en Nairobi",
        "announced_where_en": "Washington DC and Nairobi",
        "notes_nl": "",
        "notes_en": "",
    } | overrides


def test_editor_adds_a_network_with_the_city_as_member(client, editor, den_haag):
    client.force_login(editor)
    theme = make_theme()
    release = make_release()
    data = network_form(
        website="www.globalparliamentofmayors.org",  # no scheme: https:// is assumed
        **inline_management(total=1),
        **inline_row(0, den_haag, themes=[str(theme.pk)], releases=[str(release.pk)]),
    )
    response = client.post(NETWORK_ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    network = CityNetwork.objects.get()
    assert network.website == "https://www.globalparliamentofmayors.org"
    membership = network.memberships.get()
    assert membership.city == den_haag and membership.announced_where_en == "The Hague"
    assert list(membership.themes.all()) == [theme]
    assert list(release.memberships.all()) == [membership]


@pytest.mark.parametrize(
    "website, message",
    [
        ("ftp://example.org/", WEB_ADDRESS_MESSAGE),
        ("javascript:alert(1)", None),  # not a web address at all: Django's own message
    ],
)
def test_network_website_must_be_a_web_address(client, editor, website, message):
    client.force_login(editor)
    response = client.post(NETWORK_ADD_URL, network_form(website=website))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "website" in errors
    if message:
        assert errors["website"] == [in_dutch(message)]
        assert escape(in_dutch(message)) in response.content.decode()
    assert not CityNetwork.objects.exists()


def test_membership_ending_before_it_started_is_refused(client, editor, den_haag):
    client.force_login(editor)
    network = make_network()
    response = client.post(
        MEMBERSHIP_ADD_URL, membership_form(den_haag, network, ended_on="2016-05-24")
    )
    assert response.status_code == 200
    message = in_dutch(ENDS_BEFORE_START)
    assert response.context["adminform"].form.errors["ended_on"] == [message]
    assert escape(message) in response.content.decode()
    assert not Membership.objects.exists()


def test_second_membership_of_the_same_network_is_refused(client, editor, den_haag):
    client.force_login(editor)
    network = make_network()
    make_membership(den_haag, network)
    response = client.post(MEMBERSHIP_ADD_URL, membership_form(den_haag, network))
    assert response.status_code == 200
    message = in_dutch(ONE_MEMBERSHIP_PER_NETWORK)
    assert response.context["adminform"].form.non_field_errors() == [message]
    assert escape(message) in response.content.decode()
    assert Membership.objects.count() == 1


def test_inline_refuses_a_city_that_is_already_a_member(client, editor, den_haag):
    client.force_login(editor)
    network = make_network()
    existing = make_membership(den_haag, network)
    change_url = reverse("admin:press_citynetwork_change", args=[network.pk])
    data = network_form(
        name=network.name,
        slug=network.slug,
        **inline_management(total=2, initial=1),
        **inline_row(
            0, den_haag, id=str(existing.pk), network=str(network.pk), joined_on="2016-05-25"
        ),  # fmt: skip
        **inline_row(1, den_haag, network=str(network.pk)),
    )
    response = client.post(change_url, data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    message = in_dutch(ONE_MEMBERSHIP_PER_NETWORK)
    assert message in str(formset.errors) + str(formset.non_form_errors())
    assert escape(message) in response.content.decode()
    assert Membership.objects.count() == 1
    network.refresh_from_db()
    assert network.name != "Global Parliament of Mayors"  # nothing saved


def test_inline_refuses_the_same_city_twice_in_a_new_network(client, editor, den_haag):
    client.force_login(editor)
    data = network_form(
        **inline_management(total=2),
        **inline_row(0, den_haag),
        **inline_row(1, den_haag, joined_on="2018-01-01"),
    )
    response = client.post(NETWORK_ADD_URL, data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    message = in_dutch(ONE_MEMBERSHIP_PER_NETWORK)
    assert formset.non_form_errors() == [message]
    assert escape(message) in response.content.decode()
    assert not CityNetwork.objects.exists() and not Membership.objects.exists()


def test_inline_refuses_a_membership_ending_before_it_started(client, editor, den_haag):
    client.force_login(editor)
    data = network_form(
        **inline_management(total=1), **inline_row(0, den_haag, ended_on="2016-01-01")
    )
    response = client.post(NETWORK_ADD_URL, data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    message = in_dutch(ENDS_BEFORE_START)
    assert formset.errors[0]["ended_on"] == [message]
    assert escape(message) in response.content.decode()
    assert not CityNetwork.objects.exists() and not Membership.objects.exists()


@pytest.mark.parametrize(
    "role, status",
    [(EDITORS, 200), (CHIEF_EDITORS, 200), (MODERATORS, 403)],
)
@pytest.mark.parametrize("model", ["citynetwork", "city", "membership"])
def test_network_admin_access_by_role(client, django_user_model, role, status, model):
    client.force_login(make_user(django_user_model, "someone", role))
    assert client.get(reverse(f"admin:press_{model}_changelist")).status_code == status
    assert client.get(reverse(f"admin:press_{model}_add")).status_code == status


def test_moderator_cannot_change_a_network(client, moderator, resilient):
    client.force_login(moderator)
    change_url = reverse("admin:press_citynetwork_change", args=[resilient.network.pk])
    assert client.get(change_url).status_code == 403
    response = client.post(change_url, network_form(name="Gewijzigd"))
    assert response.status_code == 403
    resilient.network.refresh_from_db()
    assert resilient.network.name == "100 Resilient Cities"


def test_only_chief_editors_delete_networks(client, editor, chief_editor, resilient):
    delete_url = reverse("admin:press_citynetwork_delete", args=[resilient.network.pk])
    client.force_login(editor)
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert CityNetwork.objects.exists()
    client.force_login(chief_editor)
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not CityNetwork.objects.exists() and not Membership.objects.exists()


def test_network_admin_pages_render(client, editor, resilient):
    client.force_login(editor)
    network = resilient.network
    for admin_url in [
        reverse("admin:press_citynetwork_changelist"),
        reverse("admin:press_citynetwork_change", args=[network.pk]),
        reverse("admin:press_membership_changelist") + "?membership=current",
        reverse("admin:press_membership_changelist") + "?membership=past",
        reverse("admin:press_membership_change", args=[resilient.pk]),
        reverse("admin:press_city_changelist"),
    ]:
        assert client.get(admin_url).status_code == 200, admin_url


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
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{code}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert joined in html and announced in html
    assert "Rockefeller Foundation" in html
    assert '<a href="http://www.100resilientcities.org">' in html
    for other in ("nl", "en"):
        other_url = url("network-detail", other, slug="100-resilient-cities")
        assert f'hreflang="{other}" href="http://testserver{other_url}"' in html
    description = "Een netwerk van" if code == "nl" else "A Rockefeller Foundation network."
    assert description in html
    themes = resilient.themes.all()
    with translation.override(code):
        for theme in themes:
            assert f'href="{theme.get_absolute_url()}"' in html
    if code == "nl":
        assert "Seoel" in html and "(Zuid-Korea)" in html and "(Kenia)" in html
    else:
        assert "Seoul" in html and "(South Korea)" in html and "The Hague joined" in html


def test_network_page_lists_other_current_members_only(client, resilient):
    gone = make_city("Oudstad")
    make_membership(gone, resilient.network, ended_on=dt.date(2019, 7, 31))
    html = client.get(resilient.network.get_absolute_url()).content.decode()
    members = html[html.index('id="members-title"') :]
    assert "Nairobi" in members and "Oudstad" not in members
    assert "Den Haag" not in members[: members.index("</section>")]


def test_network_page_without_english_description_says_so(client, resilient):
    CityNetwork.objects.filter(pk=resilient.network.pk).update(description_en="")
    html = client.get(url("network-detail", "en", slug="100-resilient-cities")).content.decode()
    assert "This description is only available in Dutch." in html
    assert '<div class="description" lang="nl">' in html


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
    assert f'<html lang="{code}">' in html
    for other in ("nl", "en"):
        assert f'hreflang="{other}" href="http://testserver{url("network-list", other)}"' in html
    with translation.override(code):
        assert f'href="{resilient.network.get_absolute_url()}"' in html
        assert f'href="{ended.network.get_absolute_url()}"' in html
    past = html[html.index('id="past-title"') :]
    assert "Oud Netwerk" in past and "100 Resilient Cities" not in past
    end_date = "woensdag 31 juli 2019" if code == "nl" else "Wednesday 31 July 2019"
    assert end_date in past
    assert 'class="network-card past"' in past
    current = html[html.index('id="current-title"') : html.index('id="past-title"')]
    assert "100 Resilient Cities" in current and "Oud Netwerk" not in current


def test_navigation_links_to_the_networks(client):
    html = client.get("/en/").content.decode()
    assert f'href="{url("network-list", "en")}"' in html


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
        html = client.get(release.get_absolute_url(code)).content.decode()
        box = re.search(r'<aside class="network-box".*?</aside>', html, re.DOTALL)
        assert box, code
        assert "<h2" in box.group()
        network_url = url("network-detail", code, slug="100-resilient-cities")
        assert f'<a href="{network_url}">100 Resilient Cities</a>' in box.group()


def test_article_without_membership_has_no_box(client, resilient):
    release = make_release()
    # Linked only to another city's membership: not one of the city's own networks.
    resilient.network.memberships.exclude(pk=resilient.pk).first().releases.add(release)
    html = client.get(release.get_absolute_url("nl")).content.decode()
    assert "network-box" not in html


def test_network_page_lists_published_releases_about_it_newest_first(client, resilient):
    older = make_release("Ouder bericht", publish_at=timezone.now() - dt.timedelta(days=300))
    newer = make_release("Nieuwer bericht", publish_at=timezone.now() - dt.timedelta(days=3))
    draft = make_release("Concept", status=PressRelease.Status.DRAFT)
    scheduled = make_release("Gepland", publish_at=timezone.now() + dt.timedelta(days=2))
    withdrawn = make_release("Ingetrokken", status=PressRelease.Status.WITHDRAWN)
    unrelated = make_release("Ander onderwerp")
    other_member = resilient.network.memberships.exclude(pk=resilient.pk).first()
    resilient.releases.add(older, newer, draft, scheduled, withdrawn)
    other_member.releases.add(newer)  # linked twice: listed once
    html = client.get(resilient.network.get_absolute_url()).content.decode()
    releases = html[html.index('id="releases-title"') :]
    assert releases.index("Nieuwer bericht") < releases.index("Ouder bericht")
    assert releases.count("Nieuwer bericht") == 1
    assert f'href="{older.get_absolute_url("nl")}"' in releases
    for hidden in (draft, scheduled, withdrawn, unrelated):
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


def count_queries(django_assert_max_num_queries, client, page_url: str, budget: int) -> int:
    with django_assert_max_num_queries(budget) as context:
        response = client.get(page_url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_network_page_queries_do_not_grow(client, resilient, django_assert_max_num_queries):
    network = resilient.network
    resilient.releases.add(make_release())
    page_url = network.get_absolute_url()
    few = count_queries(django_assert_max_num_queries, client, page_url, 6)
    for n in range(25):
        make_membership(make_city(f"Stad {n}"), network)
    for _ in range(8):
        release = make_release()
        release.themes.add(make_theme())
        resilient.releases.add(release)
    many = count_queries(django_assert_max_num_queries, client, page_url, few)
    assert many == few


def test_overview_queries_do_not_grow(client, den_haag, django_assert_max_num_queries):
    theme = make_theme()
    for ended_on in (None, dt.date(2019, 7, 31)):
        make_membership(den_haag, make_network(), ended_on=ended_on).themes.add(theme)
    overview = url("network-list", "nl")
    few = count_queries(django_assert_max_num_queries, client, overview, 5)
    for n in range(12):
        network = make_network()
        membership = make_membership(den_haag, network, ended_on=dt.date(2019, 1, n + 1))
        membership.themes.add(make_theme())
        make_membership(make_city(f"Stad {n}"), network)
    many = count_queries(django_assert_max_num_queries, client, overview, few)
    assert many == few


def test_article_queries_do_not_grow_with_memberships(
    client, den_haag, django_assert_max_num_queries
):
    release = make_release()
    make_membership(den_haag, make_network()).releases.add(release)
    article = release.get_absolute_url("nl")
    # 6 today (the release and its five prefetches); room for the comment thread.
    few = count_queries(django_assert_max_num_queries, client, article, 8)
    for n in range(10):
        network = make_network()
        make_membership(den_haag, network).releases.add(release)
        make_membership(make_city(f"Stad {n}"), network).releases.add(release)
    many = count_queries(django_assert_max_num_queries, client, article, few)
    assert many == few
    html = client.get(article).content.decode()
    box = html[html.index('<aside class="network-box"') : html.index("</aside>")]
    assert box.count("<li>") == 11  # the city's own memberships only


# -- demo content ---------------------------------------------------------------------------


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
