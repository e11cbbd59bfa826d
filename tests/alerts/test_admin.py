"""Subscribers and the press list in the admin: who sees what, in Dutch and English.

The choice (alerts/admin.py, docs/operations.md): only the Press office role
(``alerts.view_address``) and superusers see, search and delete subscribers'
addresses, and keep the press list;
chief editors see subscriptions without addresses; editors and moderators nothing.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from alerts.models import PressListContact, Subscriber
from press.roles import CHIEF_EDITORS, EDITORS, MODERATORS, PRESS_OFFICE
from tests.alerts.conftest import make_subscriber
from tests.conftest import make_theme, make_user

pytestmark = pytest.mark.django_db

SUBSCRIBERS = reverse("admin:alerts_subscriber_changelist")
PRESS_LIST = reverse("admin:alerts_presslistcontact_changelist")
ADD_PRESS = reverse("admin:alerts_presslistcontact_add")

# role: (subscriber list status, sees addresses, press list status)
MATRIX = {
    "superuser": (200, True, 200),
    PRESS_OFFICE: (200, True, 200),
    CHIEF_EDITORS: (200, False, 403),
    EDITORS: (403, False, 403),
    MODERATORS: (403, False, 403),
}


@pytest.fixture
def user_for(django_user_model):
    def make(role: str):
        if role == "superuser":
            return django_user_model.objects.create_superuser(
                username="admin", password="correct horse battery", email="a@example.invalid"
            )
        return make_user(django_user_model, "user", role)

    return make


@pytest.fixture
def data():
    theme = make_theme("Kustverdediging")
    citizen = make_subscriber("fatima.citizen@example.org", themes=[theme])
    journalist = PressListContact.objects.create(
        email="redactie@krant.example", name="Jan Journalist", organisation="De Krant"
    )
    return citizen, journalist


@pytest.mark.parametrize("role", MATRIX)
def test_permission_matrix(client, user_for, data, role):
    citizen, journalist = data
    list_status, sees_addresses, press_status = MATRIX[role]
    client.force_login(user_for(role))

    response = client.get(SUBSCRIBERS, {"q": "fatima"})
    assert response.status_code == list_status
    if list_status == 200:
        html = response.content.decode()
        assert (citizen.email in html) == sees_addresses
        assert journalist.email not in html  # the press list has its own page
        if not sees_addresses:
            assert citizen.masked_email in html
            # No search by address either: it would tell who is subscribed.
            assert response.context["cl"].search_fields == []
        assert response.context["cl"].result_count == 1
        detail = client.get(reverse("admin:alerts_subscriber_change", args=[citizen.pk]))
        assert detail.status_code == 200
        assert (citizen.email in detail.content.decode()) == sees_addresses

    delete = client.post(
        reverse("admin:alerts_subscriber_delete", args=[citizen.pk]), {"post": "yes"}
    )
    assert delete.status_code == (302 if sees_addresses else 403)
    assert Subscriber.objects.filter(pk=citizen.pk).exists() != sees_addresses

    response = client.get(PRESS_LIST)
    assert response.status_code == press_status
    if press_status == 200:
        assert journalist.email in response.content.decode()
    response = client.post(
        ADD_PRESS,
        {
            "name": "Piet",
            "organisation": "Omroep",
            "email": "Piet@Omroep.example",
            "language": "nl",
        },
    )
    added = PressListContact.objects.filter(email="piet@omroep.example").first()
    if press_status == 200:
        assert response.status_code == 302 and response["Location"] == PRESS_LIST
        assert added.is_confirmed and added.all_releases and added.press_list
    else:
        assert response.status_code == 403 and added is None


def test_citizens_subscriptions_are_not_added_or_edited_in_the_admin(client, user_for, data):
    citizen, _journalist = data
    client.force_login(user_for("superuser"))
    assert client.get(reverse("admin:alerts_subscriber_add")).status_code == 403
    response = client.post(
        reverse("admin:alerts_subscriber_change", args=[citizen.pk]), {"email": "x@example.org"}
    )
    assert response.status_code == 403
    citizen.refresh_from_db()
    assert citizen.email == "fatima.citizen@example.org"


@pytest.mark.parametrize(
    ("language", "title", "column"),
    [
        ("nl", "Contacten op de perslijst", "Organisatie"),
        ("en", "Press list contacts", "Organisation"),
    ],
)
def test_press_list_admin_in_dutch_and_english(client, user_for, data, language, title, column):
    client.force_login(user_for(PRESS_OFFICE))
    response = client.get(PRESS_LIST, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    assert title in html and column in html
    response = client.get(SUBSCRIBERS, HTTP_ACCEPT_LANGUAGE=language)
    assert ("Abonnees" if language == "nl" else "Subscribers") in response.content.decode()


@pytest.mark.parametrize(
    "lookup",
    [
        "email__startswith",
        "email",
        "email__iregex",
        "email__gt",
        "nonce__startswith",
        "nonce",
    ],
)
def test_chief_editor_cannot_filter_by_address_through_the_url(client, user_for, data, lookup):
    """Filtering by any field through the URL is Django's default: without the right to
    see addresses it would be an oracle (a count of 1 for the right prefix)."""
    citizen, _journalist = data
    client.force_login(user_for(CHIEF_EDITORS))
    value = citizen.nonce[:3] if lookup.startswith("nonce") else "fatima"
    response = client.get(SUBSCRIBERS, {lookup: value})
    assert response.status_code == 400
    # No list, so no count and no masked address to tell a match from none.
    assert citizen.masked_email not in response.content.decode()
    assert response.context is None or "cl" not in response.context


def test_press_office_may_filter_by_address_through_the_url(client, user_for, data):
    citizen, _journalist = data
    client.force_login(user_for(PRESS_OFFICE))
    found = client.get(SUBSCRIBERS, {"email__startswith": "fatima"})
    assert found.status_code == 200
    assert found.context["cl"].result_count == 1
    assertContains(found, citizen.email)
    none = client.get(SUBSCRIBERS, {"email__startswith": "zzz"})
    assert none.status_code == 200
    assert none.context["cl"].result_count == 0


def test_chief_editor_cannot_search_or_order_by_address(client, user_for, data):
    """Neither the search box nor a column's ordering tells an address apart: the list
    comes in the same order whatever is asked."""
    citizen, _journalist = data
    # Addresses in the reverse order of sign-up, so ordering by address would show.
    make_subscriber("aaa.first@example.org")
    make_subscriber("zzz.last@example.org")
    client.force_login(user_for(CHIEF_EDITORS))
    default = client.get(SUBSCRIBERS)
    assert default.status_code == 200
    expected = [s.pk for s in default.context["cl"].result_list]
    assert len(expected) == 3
    for query in [{"q": "fatima"}, {"q": "zzz"}, {"o": "1"}, {"o": "-1"}, {"o": "1.2"}]:
        response = client.get(SUBSCRIBERS, query)
        assert response.status_code == 200, query
        assert [s.pk for s in response.context["cl"].result_list] == expected, query
        assert response.context["cl"].result_count == 3, query


@pytest.mark.parametrize(
    ("language", "error"),
    [
        ("nl", "Dit e-mailadres staat al op de perslijst of is al aangemeld voor alerts."),
        ("en", "This e-mail address is already on the press list or subscribed to alerts."),
    ],
)
def test_press_contact_with_an_address_known_in_other_capitals_is_a_form_error(
    client, user_for, language, error
):
    """Addresses are one row whatever their capitals: the form's uniqueness check sees
    the address as it is stored, and answers in the editor's language (not a 500 on
    the database's unique constraint)."""
    make_subscriber("jan@nos.nl")
    client.force_login(user_for(PRESS_OFFICE))
    response = client.post(
        ADD_PRESS,
        {"name": "Jan", "organisation": "NOS", "email": "  Jan@NOS.nl ", "language": "nl"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == [error]
    assertContains(response, error)
    assert Subscriber.objects.filter(email__iexact="jan@nos.nl").count() == 1
    assert not PressListContact.objects.exists()
