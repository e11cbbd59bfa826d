"""Staff sign-in with the organisation's accounts: the provider's groups claim decides
the roles at every sign-in (press/oidc.py), tested on the backend's own steps with
crafted claims (no provider, no network)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.test import RequestFactory

from press.oidc import OrganisationAccountBackend
from press.roles import CHIEF_EDITORS, EDITORS, MODERATORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(settings):
    settings.OIDC_RP_CLIENT_ID = "nieuws"
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://login.example.nl/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://login.example.nl/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://login.example.nl/jwks"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_GROUPS_CLAIM = "groups"
    settings.OIDC_USERNAME_CLAIM = "preferred_username"
    settings.OIDC_ROLE_GROUPS = {
        "nieuws-redactie": EDITORS,
        "nieuws-hoofdredactie": CHIEF_EDITORS,
        "nieuws-moderatie": MODERATORS,
    }
    return OrganisationAccountBackend()


def claims(*groups: str, username: str = "a.jansen") -> dict:
    return {
        "sub": "4c1e",
        "preferred_username": username,
        "email": "a.jansen@example.nl",
        "given_name": "Anna",
        "family_name": "Jansen",
        "groups": list(groups),
    }


def roles(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_a_first_sign_in_creates_a_staff_account_with_the_mapped_roles(backend):
    signed_in = claims("nieuws-redactie", "nieuws-moderatie", "alle-medewerkers")
    assert backend.verify_claims(signed_in)
    assert not backend.filter_users_by_claims(signed_in).exists()
    user = backend.create_user(signed_in)
    user.refresh_from_db()
    assert user.username == "a.jansen"
    assert (user.email, user.first_name, user.last_name) == (
        "a.jansen@example.nl",
        "Anna",
        "Jansen",
    )
    assert user.is_staff and not user.is_superuser
    assert not user.has_usable_password()
    assert roles(user) == {EDITORS, MODERATORS}
    assert user.has_perm("press.change_pressrelease")
    assert not user.has_perm("press.publish_pressrelease")


def test_each_sign_in_sets_the_roles_the_claim_gives_now(backend):
    user = backend.create_user(claims("nieuws-redactie"))
    other = Group.objects.create(name="Fotografen")  # not a role: left alone
    user.groups.add(other)

    later = claims("nieuws-hoofdredactie")
    assert list(backend.filter_users_by_claims(later)) == [user]
    user = backend.update_user(user, later)
    assert roles(user) == {CHIEF_EDITORS, "Fotografen"}
    assert user.is_staff

    # Taken out of every newsroom group at the provider: no role, no admin.
    gone = claims("alle-medewerkers")
    assert backend.verify_claims(gone)  # an existing account, to take its roles away
    user = backend.update_user(user, gone)
    user.refresh_from_db()
    assert roles(user) == {"Fotografen"}
    assert not user.is_staff


def test_nobody_gets_an_account_without_a_role(backend):
    assert not backend.verify_claims(claims("alle-medewerkers", username="b.smit"))
    nameless = claims("nieuws-redactie", username="") | {"email": ""}
    assert not backend.verify_claims(nameless)
    # Without the name claim the e-mail address names the account.
    assert backend.verify_claims(claims("nieuws-redactie", username=""))


def test_unset_mapping_takes_groups_named_as_the_roles(backend, settings):
    settings.OIDC_ROLE_GROUPS = {}
    user = backend.create_user(claims(MODERATORS, "nieuws-redactie"))
    assert roles(user) == {MODERATORS}


def test_password_sign_in_still_works_through_the_same_backend(backend, django_user_model):
    django_user_model.objects.create_user("beheer", password="een lang wachtwoord 42")
    request = RequestFactory().post("/admin/login/")
    user = backend.authenticate(request, username="beheer", password="een lang wachtwoord 42")
    assert user is not None and user.username == "beheer"
    # Without code and state from the provider, no provider sign-in is attempted.
    assert backend.authenticate(RequestFactory().get("/oidc/callback/")) is None


def test_the_admin_login_offers_the_organisation_account_only_when_configured(
    client, settings, backend
):
    html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "organisatieaccount" not in html

    settings.OIDC_ENABLED = True
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.example.nl/authorize"
    settings.ROOT_URLCONF = "tests.press.oidc_urls"
    html = client.get("/admin/login/?next=/admin/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Inloggen met je organisatieaccount" in html
    assert 'href="/oidc/authenticate/?next=/admin/"' in html
    assert 'id="login-form"' in html  # the password login stays

    response = client.get("/oidc/authenticate/?next=/admin/")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    query = parse_qs(location.query)
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        "https://login.example.nl/authorize"
    )
    assert query["client_id"] == ["nieuws"]
    assert query["redirect_uri"] == ["http://testserver/oidc/callback/"]
    assert query["state"] and query["nonce"]


def test_a_provider_sign_in_needs_no_second_code_of_ours(client, settings, backend):
    """The provider enforces its own multi-factor policy; a password sign-in of the
    same kind of account still needs the authenticator app with DJANGO_REQUIRE_2FA."""
    settings.OIDC_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = ["press.oidc.OrganisationAccountBackend"]
    settings.REQUIRE_2FA = True
    user = backend.create_user(claims("nieuws-redactie"))
    client.force_login(user, backend="press.oidc.OrganisationAccountBackend")
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]

    session = client.session
    session["oidc_id_token_expiration"] = 0  # what the provider's callback leaves
    session.save()
    assert client.get("/admin/").status_code == 200


def test_the_library_flow_creates_then_updates_one_account(backend, monkeypatch):
    """mozilla-django-oidc's own get_or_create_user, with the provider's userinfo
    answer crafted: the first sign-in creates, the next updates, a roleless stranger
    is refused."""
    answers = iter([claims("nieuws-redactie"), claims("nieuws-moderatie"), claims(username="x.y")])
    monkeypatch.setattr(backend, "get_userinfo", lambda *args: next(answers))
    first = backend.get_or_create_user("access", "id", {})
    second = backend.get_or_create_user("access", "id", {})
    assert first.pk == second.pk
    assert roles(second) == {MODERATORS}
    with pytest.raises(SuspiciousOperation):
        backend.get_or_create_user("access", "id", {})
