"""`manage.py demoaccounts`: one local account per role, for development only."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from press.roles import CHIEF_EDITORS, EDITORS, MODERATORS, PRESS_OFFICE

pytestmark = pytest.mark.django_db

ACCOUNTS = {
    "redacteur": EDITORS,
    "eindredacteur": CHIEF_EDITORS,
    "moderator": MODERATORS,
    "persvoorlichting": PRESS_OFFICE,
}


def demoaccounts(*args: str) -> str:
    out = io.StringIO()
    call_command("demoaccounts", *args, stdout=out)
    return out.getvalue()


def passwords(output: str) -> dict[str, str]:
    """{username: password} as printed."""
    found = {}
    for line in output.splitlines():
        if "password:" in line:
            username = line.split()[0]
            found[username] = line.rsplit("password: ", 1)[1].strip()
    return found


def test_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="local development only"):
        demoaccounts()
    assert not get_user_model().objects.exists()


def signs_in(client, username: str, password: str) -> bool:
    """Through the admin's login form, as a person does (the login throttle, django-axes,
    needs the request)."""
    client.logout()
    response = client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
    )
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_creates_one_staff_account_per_role_and_prints_the_passwords_once(settings, client):
    settings.DEBUG = True
    printed = passwords(demoaccounts())
    assert set(printed) == set(ACCOUNTS)
    for username, group in ACCOUNTS.items():
        user = get_user_model().objects.get(username=username)
        assert user.is_staff and not user.is_superuser
        assert [g.name for g in user.groups.all()] == [group]
        assert signs_in(client, username, printed[username])

    again = demoaccounts()
    assert passwords(again) == {}
    assert "exists" in again and "`make demoaccounts-reset`" in again
    assert signs_in(client, "redacteur", printed["redacteur"])


def test_reset_gives_new_passwords(settings, client):
    settings.DEBUG = True
    first = passwords(demoaccounts())
    second = passwords(demoaccounts("--reset"))
    assert set(second) == set(ACCOUNTS)
    for username in ACCOUNTS:
        assert second[username] != first[username]
        assert not signs_in(client, username, first[username])
        assert signs_in(client, username, second[username])
    assert get_user_model().objects.count() == len(ACCOUNTS)
