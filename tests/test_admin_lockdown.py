"""The admin locked down: login throttle, sessions that end, strong passwords, 2FA."""

import datetime as dt
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import make_user
from tests.htmltree import attr, find, text

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
LOGIN = "/admin/login/"
SESSION_CLOCK = "django.contrib.sessions.backends.db.timezone.now"


def log_in(client, username, password=PASSWORD, **extra):
    data = {"username": username, "password": password, "next": "/admin/"}
    return client.post(LOGIN, data | extra.pop("data", {}), **extra)


def assert_logged_in(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    assert text(find(response.text, "title")).startswith("Nieuws beheren |")


def assert_not_logged_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


# --- Login throttle (django-axes) ------------------------------------------------


def test_120_wrong_passwords_lock_the_account_also_for_the_right_one(client, editor):
    statuses = [log_in(client, "editor", "wrong password").status_code for _ in range(120)]
    # The form again, with its error, then locked from the fifth failure on.
    assert statuses[:4] == [200] * 4
    assert set(statuses[4:]) == {429}

    response = log_in(client, "editor")
    assert response.status_code == 429
    assert "Te veel mislukte inlogpogingen" in response.text
    assert "15 minuten" in response.text
    assert_not_logged_in(client)


def test_the_lockout_ends_after_the_cool_off_time(client, editor):
    for _ in range(5):
        log_in(client, "editor", "wrong password")
    assert log_in(client, "editor").status_code == 429
    later = timezone.now() + dt.timedelta(minutes=16)
    with mock.patch("axes.handlers.proxy.now", return_value=later):
        response = log_in(client, "editor")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_lockout_page_speaks_english_to_an_english_browser(client, editor):
    for _ in range(5):
        log_in(client, "editor", "wrong password")
    response = log_in(client, "editor", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many failed logins" in response.text
    assert "blocked for 15 minutes" in response.text
    assert attr(find(response.text, "html"), "lang") == "en"


def test_a_locked_user_name_is_locked_from_every_address(client, editor):
    for _ in range(5):
        log_in(client, "editor", "wrong password", REMOTE_ADDR="198.51.100.1")
    response = log_in(client, "editor", REMOTE_ADDR="198.51.100.2")
    assert response.status_code == 429


def test_another_user_from_another_address_is_not_affected(client, editor, chief_editor):
    for _ in range(120):
        log_in(client, "editor", "wrong password", REMOTE_ADDR="198.51.100.1")
    response = log_in(client, "chief", REMOTE_ADDR="198.51.100.2")
    assert response.status_code == 302
    assert_logged_in(client)


def test_one_address_trying_many_user_names_is_locked(client, editor):
    for n in range(5):
        log_in(client, f"guess{n}", "wrong password", REMOTE_ADDR="198.51.100.7")
    response = log_in(client, "editor", REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert_not_logged_in(client)


def test_throttle_uses_the_client_address_behind_the_trusted_proxy(client, editor, settings):
    """The same rule as the comments' rate limit (denhaag_cms.ratelimit.client_ip)."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for n in range(5):
        log_in(client, f"guess{n}", "x", HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    # Another citizen behind the same proxy is not locked out; the attacker is.
    ok = log_in(client, "editor", HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    assert ok.status_code == 302
    client.logout()
    locked = log_in(client, "editor", HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    assert locked.status_code == 429


# --- Sessions ----------------------------------------------------------------------


def test_staff_session_ends_after_a_working_day_and_with_the_browser(client, editor):
    response = log_in(client, "editor")
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # gone when the browser closes
    assert_logged_in(client)

    after_8_hours = timezone.now() + dt.timedelta(hours=8)
    with mock.patch(SESSION_CLOCK, return_value=after_8_hours):
        assert client.get("/admin/").status_code == 200
    after_9_hours = timezone.now() + dt.timedelta(hours=9, minutes=1)
    with mock.patch(SESSION_CLOCK, return_value=after_9_hours):
        response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


# --- Passwords ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        "denhaag-nieuws",
        "Den Haag Nieuws!",
        "Welkom2026!!!",
        "gemeente-persbericht",
        "Password123456",
    ],
)
def test_obvious_city_passwords_are_refused_in_dutch(password, editor):
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        validate_password(password, editor)
    assert any("makkelijk te raden" in message for message in refused.value.messages)


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("kort-wachtw", "te kort"),
        ("1234567890123457", "alleen cijfers"),
        ("annadevries2026", "lijkt te veel"),
        ("1qaz2wsx3edc", "te algemeen"),
    ],
)
def test_weak_passwords_are_refused(password, reason, django_user_model):
    user = make_user(django_user_model, "annadevries", email="anna.de.vries@example.org")
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert any(reason in message for message in refused.value.messages), refused.value.messages


def test_the_configured_city_is_an_obvious_word_too(editor, settings):
    validate_password("zwolle-persbericht-ijssel", editor)  # not yet obvious: accepted
    settings.SITE_NAME = "Gemeente Zwolle"
    settings.CITY_NAME = "Zwolle"
    with pytest.raises(ValidationError):
        validate_password("zwolle-persbericht-ijssel", editor)


def test_a_strong_password_with_a_city_word_in_it_is_accepted(editor):
    validate_password("fietsbel-zeewind-denhaag-kraanvogel", editor)


def test_editor_changing_to_denhaag_nieuws_gets_the_form_back(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "denhaag-nieuws",
            "new_password2": "denhaag-nieuws",
        },
    )
    assert response.status_code == 200
    assert "makkelijk te raden" in response.text
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


# --- Second factor (django-otp) -----------------------------------------------------


def add_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_without_2fa_required_a_password_is_enough(client, editor, settings):
    settings.REQUIRE_2FA = False
    response = log_in(client, "editor")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert_logged_in(client)


def test_staff_with_an_app_must_give_its_code(client, editor, settings):
    settings.REQUIRE_2FA = False
    device = add_device(editor)
    response = log_in(client, "editor")
    assert response.status_code == 200
    assert "Voer de code van zes cijfers" in response.text
    assert_not_logged_in(client)

    response = log_in(client, "editor", data={"otp_token": "000000"})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.text
    assert_not_logged_in(client)

    device.refresh_from_db()
    device.throttle_reset()  # django-otp waits a second or more after a wrong code
    response = log_in(client, "editor", data={"otp_token": code(device)})
    assert response.status_code == 302
    assert_logged_in(client)


def test_wrong_codes_count_for_the_login_throttle(client, editor, settings):
    add_device(editor)
    for _ in range(5):
        log_in(client, "editor", data={"otp_token": "000000"})
    assert log_in(client, "editor", data={"otp_token": "000000"}).status_code == 429


def test_with_2fa_required_staff_without_an_app_must_set_one_up(client, editor, settings):
    settings.REQUIRE_2FA = True
    response = log_in(client, "editor")
    assert response.status_code == 302
    # The password alone opens nothing but the set-up page.
    response = client.get("/admin/press/pressrelease/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == "/admin/twee-stappen/"

    page = client.get("/admin/twee-stappen/")
    assert page.status_code == 200
    assert "Scan deze QR-code" in page.text
    assert 'src="data:image/svg+xml;base64,' in page.text
    device = TOTPDevice.objects.get(user=editor, confirmed=False)

    wrong = client.post("/admin/twee-stappen/", {"token": "000000"})
    assert wrong.status_code == 200
    assert "Deze code klopt niet" in wrong.text
    assert client.get("/admin/").status_code == 302

    device.refresh_from_db()
    device.throttle_reset()  # django-otp waits a second or more after a wrong code
    done = client.post("/admin/twee-stappen/", {"token": code(device)})
    assert done.status_code == 302
    assert done["Location"] == "/admin/"
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert_logged_in(client)


def test_with_2fa_required_the_code_is_asked_at_every_login(client, editor, settings):
    settings.REQUIRE_2FA = True
    device = add_device(editor)
    assert log_in(client, "editor").status_code == 200
    assert_not_logged_in(client)
    assert log_in(client, "editor", data={"otp_token": code(device)}).status_code == 302
    assert_logged_in(client)


def test_a_password_alone_cannot_replace_an_existing_app(client, editor, settings):
    settings.REQUIRE_2FA = True
    add_device(editor)
    client.force_login(editor)  # a session that passed the password, not the code
    response = client.get("/admin/twee-stappen/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert TOTPDevice.objects.filter(user=editor).count() == 1
