"""The sign-up is no weapon: no way to flood a mailbox, the mail server or the
operators, not with Redis down either, and no way to learn who is on the list."""

from __future__ import annotations

import logging
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from pytest_django.asserts import assertContains

from alerts.models import Subscriber
from tests.alerts.conftest import make_subscriber
from tests.alerts.test_pages import url
from tests.conftest import make_theme
from tests.test_ratelimit import DOWN

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme():
    return make_theme("Kustverdediging", "Coastal defence")


@pytest.fixture
def post(client, theme, immediate_tasks, django_capture_on_commit_callbacks):
    """Sign up as a browser would, the worker running the queued tasks at once."""

    def post(email: str, ip: str = "203.0.113.7", language: str = "nl"):
        payload = {
            "email": email,
            "language": language,
            "frequency": "immediate",
            "themes": [theme.pk],
        }
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url("sign-up", language), payload, REMOTE_ADDR=ip)

    return post


def confirmations() -> list:
    return [m for m in mail.outbox if m.subject.startswith("Bevestig je e-mailalerts")]


def test_one_mailbox_under_many_spellings_gets_its_mails_and_no_more(post, settings):
    settings.ALERTS_MAILS_PER_ADDRESS = 3
    spellings = [
        "fatima@example.org",
        "Fatima@Example.ORG",
        "fatima+1@example.org",
        "fatima+2@example.org",
        '"fatima"@example.org',
        "fatima\u200b@example.org",
        "fa\u00adtima@example.org",
        "fatima@exam\u200bple.org",
        "fatima+nieuws@EXAMPLE.org",
    ]
    # Each from another client: the per-client limit is not what stops them.
    answers = [post(email, ip=f"198.51.100.{n}").status_code for n, email in enumerate(spellings)]
    assert answers == [303] * len(spellings)
    assert len(mail.outbox) == 3
    assert [m.to for m in mail.outbox] == [
        ["fatima@example.org"],
        ["fatima@example.org"],
        ["fatima+1@example.org"],
    ]
    # Quotes and invisible characters make no other address: one row for them.
    post("Fatima\u200b@example.org ", ip="198.51.100.99")
    post('"fatima"@example.org', ip="198.51.100.98")
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "fatima+1@example.org",
        "fatima@example.org",
    ]


def test_an_international_domain_is_one_mailbox_in_either_spelling(post, settings):
    settings.ALERTS_MAILS_PER_ADDRESS = 1
    assert post("jan@bücher.de", ip="198.51.100.1").status_code == 303
    assert post("jan@xn--bcher-kva.de", ip="198.51.100.2").status_code == 303
    assert post("JAN@BÜCHER.DE", ip="198.51.100.3").status_code == 303
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("address", ["fatima@[127.0.0.1]", "fatima@[::1]", "root@localhost"])
def test_an_address_at_an_ip_address_or_a_server_name_is_a_form_error(post, address):
    response = post(address)
    assertContains(response, "Gebruik een adres met een domeinnaam", status_code=400)
    response = post(address, language="en")
    assertContains(response, "Use an address at a domain name", status_code=400)
    assert mail.outbox == []
    assert not Subscriber.objects.exists()


def test_a_quoted_address_that_is_not_a_plain_one_is_a_form_error(post):
    response = post('"fatima.."@example.org')
    assertContains(response, "zonder aanhalingstekens", status_code=400)
    assert mail.outbox == []


def test_one_ipv6_64_is_one_client(post, settings):
    settings.ALERTS_SIGNUP_RATE_LIMIT = 4
    answers = [post(f"burger{n}@example.org", ip=f"2001:db8:5:6::{n + 1:x}") for n in range(12)]
    assert [a.status_code for a in answers] == [303] * 4 + [429] * 8
    assertContains(answers[-1], "Er kwamen veel aanmeldingen", status_code=429)
    assert len(mail.outbox) == 4
    assert post("nog-een@example.org", ip="2001:db8:5:7::1").status_code == 303


def test_with_the_cache_down_ten_sign_ups_from_one_client_mail_one_address_no_more(post, settings):
    """Redis down: the limits count in the database instead of letting all through."""
    settings.ALERTS_SIGNUP_RATE_LIMIT = 5
    settings.ALERTS_MAILS_PER_ADDRESS = 3
    with override_settings(CACHES=DOWN):
        answers = [post("slachtoffer@example.org").status_code for _ in range(10)]
        elsewhere = [post("slachtoffer@example.org", ip=f"198.51.100.{n}") for n in range(5)]
    assert answers == [303] * 5 + [429] * 5
    assert [a.status_code for a in elsewhere] == [303] * 5
    assert len(mail.outbox) == 3
    assert mail.outbox[0].to == ["slachtoffer@example.org"]


def test_past_the_hourly_cap_nothing_is_mailed_and_the_operators_hear_once(post, settings, caplog):
    settings.ALERTS_SIGNUP_MAILS_PER_HOUR = 3
    settings.ADMINS = [("Beheer", "beheer@example.org")]
    with caplog.at_level(logging.WARNING, logger="alerts"):
        answers = [post(f"burger{n}@example.org", ip=f"198.51.100.{n}") for n in range(8)]
    assert [a.status_code for a in answers] == [303] * 8  # the page says nothing
    assert len(confirmations()) == 3
    assert Subscriber.objects.count() == 3
    [to_operators] = [m for m in mail.outbox if m.to == ["beheer@example.org"]]
    assert "too many sign-ups this hour" in to_operators.subject
    assert "ALERTS_SIGNUP_MAILS_PER_HOUR" in to_operators.body
    [logged] = [r for r in caplog.records if r.name == "alerts.signups"]
    assert logged.levelno == logging.ERROR
    assert len(mail.outbox) == 4


def _shape(queries) -> list[str]:
    """The statements, without their values (addresses, moments, numbers)."""
    return [re.sub(r"'(?:[^']|'')*'|\b\d+(\.\d+)?\b", "?", q["sql"]) for q in queries]


def test_a_confirmed_a_waiting_and_a_new_address_get_the_same_answer_from_the_same_work(
    client, theme, django_capture_on_commit_callbacks
):
    """No oracle: the request does the same queries for every address (the worker
    finds out which it is), so neither its answer nor its time tells them apart."""
    make_subscriber("bekend@example.org", themes=[theme])
    make_subscriber("wacht@example.org", themes=[theme], confirmed=False)
    seen = {}
    for n, email in enumerate(["bekend@example.org", "wacht@example.org", "nieuw@example.org"]):
        payload = {"email": email, "language": "nl", "frequency": "daily", "themes": [theme.pk]}
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True),
        ):
            response = client.post(url("sign-up"), payload, REMOTE_ADDR=f"198.51.100.{n}")
        seen[email] = (response.status_code, response["Location"], _shape(queries))
    assert seen["bekend@example.org"] == seen["nieuw@example.org"] == seen["wacht@example.org"]
    status, location, shape = seen["nieuw@example.org"]
    assert (status, location) == (303, url("sign-up-sent"))
    assert any("django_tasks_database_dbtaskresult" in sql for sql in shape)
