"""City networks in the admin: validation as the editors see it, and who may do what."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from press.models import City, CityNetwork, Membership
from press.models.network import (
    ENDS_BEFORE_START,
    ONE_MEMBERSHIP_PER_NETWORK,
    validate_web_address,
)
from press.roles import CHIEF_EDITORS, EDITORS, MODERATORS
from tests.conftest import (
    make_membership,
    make_network,
    make_release,
    make_theme,
    make_user,
)
from tests.press.conftest import in_dutch

pytestmark = pytest.mark.django_db

WEB_ADDRESS_MESSAGE = validate_web_address.message  # lazy: shown in the editor's language


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
