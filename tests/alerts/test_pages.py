"""The citizens' pages: sign up (double opt-in), confirm, manage, unsubscribe."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.asserts import assertContains, assertInHTML

from alerts import dispatch, signups
from alerts.models import Subscriber
from alerts.tasks import send_subscriber_mail
from tests.alerts.conftest import make_subscriber, token
from tests.conftest import make_theme

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "nl", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"alerts:{name}", kwargs=kwargs or None)


def sign_up(client: Client, theme=None, **data):
    payload = {
        "email": "Fatima@Example.org",
        "language": "nl",
        "frequency": "immediate",
        "themes": [theme.pk] if theme else [],
    }
    payload |= data
    return client.post(url("sign-up"), payload, REMOTE_ADDR=data.pop("ip", "127.0.0.1"))


def link_in(message, name: str) -> str:
    """The path of the link to page ``name`` in a mail."""
    [found] = re.findall(r"http://testserver(/\S+/alerts/" + name + r"/\S+/)", message.body)
    return found


@pytest.fixture
def theme():
    return make_theme("Kustverdediging", "Coastal defence")


def test_sign_up_page_in_dutch_and_english_never_cached(client, theme):
    response = client.get(url("sign-up"))
    assert response.status_code == 200
    assertContains(response, "<h1>E-mailalerts</h1>", html=True)
    assertContains(response, "Kustverdediging")
    assertContains(response, "als je het niet binnen 7 dagen bevestigt")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    response = client.get(url("sign-up", "en"))
    assertContains(response, "<h1>E-mail alerts</h1>", html=True)
    assertContains(response, "Coastal defence")


def test_newsroom_footer_links_to_the_sign_up(client):
    response = client.get(reverse("press:newsroom"))
    assertContains(
        response,
        f'<a class="utrecht-link-list__link utrecht-link" href="{url("sign-up")}">'
        "Persberichten per e-mail</a>",
        html=True,
    )


def test_sign_up_sends_only_the_confirmation(
    client, theme, immediate_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, theme)
    assert response.status_code == 303
    assert response["Location"] == url("sign-up-sent")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "fatima@example.org"
    assert not subscriber.is_confirmed
    assert list(subscriber.themes.all()) == [theme]
    [message] = mail.outbox
    assert message.to == ["fatima@example.org"]
    assert message.subject == "Bevestig je e-mailalerts van Gemeente Den Haag"
    assert link_in(message, "confirm") == url("confirm", token=token(subscriber))
    assert "List-Unsubscribe" not in message.extra_headers
    page = client.get(response["Location"])
    assertContains(page, "<h1>Kijk in je e-mail</h1>", html=True)


def test_form_errors_in_the_readers_language(client):
    response = client.post(
        url("sign-up"), {"email": "geen-adres", "language": "nl", "frequency": "daily"}
    )
    assert response.status_code == 400
    assertContains(response, "Voer een geldig e-mailadres in.", status_code=400)
    assertContains(response, "Kies alle persberichten, of ten minste één thema.", status_code=400)
    assert Subscriber.objects.count() == 0
    response = client.post(
        url("sign-up", "en"),
        {"email": "", "language": "en", "frequency": "daily", "all_releases": "on"},
    )
    assertContains(response, "This field is required.", status_code=400)


def test_signing_up_again_reveals_nothing_and_changes_nothing(
    client, theme, immediate_tasks, django_capture_on_commit_callbacks
):
    other = make_theme("Cybersecurity")
    subscriber = make_subscriber("fatima@example.org", themes=[other])
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, theme)
    assert response.status_code == 303
    assert response["Location"] == url("sign-up-sent")  # the same answer as a new address
    subscriber.refresh_from_db()
    assert list(subscriber.themes.all()) == [other]
    [message] = mail.outbox
    assert message.subject == "Je e-mailalerts van Gemeente Den Haag"
    assert "ontvangt ze al" in message.body
    assert link_in(message, "manage") == url("manage", token=token(subscriber))


def test_sign_up_is_rate_limited_per_address_and_per_ip(
    client, theme, settings, immediate_tasks, django_capture_on_commit_callbacks
):
    settings.ALERTS_SIGNUP_RATE_LIMIT = 4
    settings.ALERTS_MAILS_PER_ADDRESS = 2
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [sign_up(client, theme).status_code for _ in range(4)]
    assert statuses == [303] * 4
    assert len(mail.outbox) == 2  # no more mails to one address, and nothing said
    response = sign_up(client, theme, email="ander@example.org")
    assertContains(response, "Er kwamen veel aanmeldingen", status_code=429)
    assert not Subscriber.objects.filter(email="ander@example.org").exists()


def test_confirm_asks_on_get_and_confirms_on_post(client, theme):
    subscriber = make_subscriber(confirmed=False, themes=[theme])
    address = url("confirm", token=token(subscriber))
    response = client.get(address)
    assertContains(response, "<h1>Bevestig je e-mailalerts</h1>", html=True)
    subscriber.refresh_from_db()
    assert not subscriber.is_confirmed  # a mail scanner opening the link confirms nothing
    response = client.post(address)
    assert response.status_code == 303
    assert response["Location"] == url("manage", token=token(subscriber))
    subscriber.refresh_from_db()
    assert subscriber.is_confirmed
    page = client.get(response["Location"])
    assertContains(page, "Je aanmelding is bevestigd.")


def test_manage_page_changes_the_choices(client, theme):
    subscriber = make_subscriber(themes=[theme])
    address = url("manage", token=token(subscriber))
    response = client.get(address)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response.context["form"].initial["themes"] == [theme]
    assertContains(response, subscriber.email)
    response = client.post(address, {"language": "en", "frequency": "daily", "all_releases": "on"})
    assert response.status_code == 303 and response["Location"] == address
    subscriber.refresh_from_db()
    assert (subscriber.language, subscriber.frequency, subscriber.all_releases) == (
        "en",
        "daily",
        True,
    )
    response = client.post(address, {"language": "en", "frequency": "daily"})
    assertContains(response, "Kies alle persberichten, of ten minste één thema.", status_code=400)


def test_made_up_and_stale_links(client):
    response = client.get(url("manage", token="made-up"))
    assert response.status_code == 404
    beyond = signing.Signer(salt="alerts.subscriber").sign_object(
        [10**30, "x"]
    )  # signed, no such row
    assert client.get(url("manage", token=beyond)).status_code == 404
    subscriber = make_subscriber()
    address = url("manage", token=token(subscriber))
    number = subscriber.pk
    subscriber.delete()
    response = client.get(address)
    assertContains(response, "Deze link werkt niet meer", status_code=410)
    # Someone else gets the same number later: the old link is not theirs.
    make_subscriber(pk=number)
    assertContains(client.get(address), "Deze link werkt niet meer", status_code=410)


def test_one_click_unsubscribe_rfc_8058(client, theme, settings):
    """A mail program POSTs `List-Unsubscribe=One-Click` to the header's https address:
    no CSRF token, no cookie, no login. The address is deleted; a second POST answers
    the same."""
    from alerts import mails

    settings.SITE_URL = "https://nieuws.denhaag.nl"
    subscriber = make_subscriber(themes=[theme])
    message = mails.already_subscribed(subscriber)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = message.extra_headers["List-Unsubscribe"]
    assert header == f"<https://nieuws.denhaag.nl{url('unsubscribe', token=token(subscriber))}>"
    path = header.removeprefix("<https://nieuws.denhaag.nl").removesuffix(">")
    mail_program = Client(enforce_csrf_checks=True)
    for _ in range(2):
        response = mail_program.post(
            path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
        assertContains(response, "<h1>Je bent afgemeld</h1>", html=True)
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_unsubscribe_link_asks_first(client):
    subscriber = make_subscriber()
    address = url("unsubscribe", token=token(subscriber))
    response = client.get(address)
    assert response.status_code == 200
    assertInHTML('<button type="submit">Afmelden</button>', response.content.decode())
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert client.post(url("unsubscribe", token="made-up")).status_code == 404


def test_language_switch_keeps_the_subscribers_page(client):
    subscriber = make_subscriber()
    key = token(subscriber)
    response = client.get(url("manage", token=key))
    english = url("manage", "en", token=key)
    assert {"code": "en", "url": english, "current": False, "hreflang": False} in response.context[
        "alternates"
    ]
    assert client.get(english).status_code == 200


def test_pages_with_an_address_are_never_in_the_page_cache(client, settings):
    """With the page cache on, each subscriber's page shows their own address, and no
    response may be kept by a shared cache."""
    settings.PAGE_CACHE_SECONDS = 600
    first, second = make_subscriber(), make_subscriber()
    for subscriber in (first, second, first):
        response = client.get(url("manage", token=token(subscriber)))
        assertContains(response, subscriber.email)
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    response = client.get(url("sign-up"))
    assert "no-store" in response["Cache-Control"]


def test_a_sign_up_request_never_waits_on_the_mail_server(
    client, theme, settings, django_capture_on_commit_callbacks
):
    """The sign-up and its confirmation are tasks for the worker (the database queue):
    the request answers without talking to any mail server, also when there is none."""
    from django_tasks_db.models import DBTaskResult

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, theme)
    assert response.status_code == 303 and response["Location"] == url("sign-up-sent")
    [queued] = DBTaskResult.objects.all()
    assert (queued.task_path, queued.status) == ("alerts.signups.sign_up", "READY")
    assert mail.outbox == []
    # The worker runs it: the address is stored and its confirmation queued.
    with django_capture_on_commit_callbacks(execute=True):
        signups.sign_up.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
    queued = DBTaskResult.objects.filter(task_path="alerts.tasks.send_subscriber_mail")
    assert [(r.args_kwargs["args"], r.status) for r in queued] == [
        ([Subscriber.objects.get().pk, "confirm"], "READY")
    ]
    assert mail.outbox == []


def test_links_lead_where_the_subscription_stands(client):
    unconfirmed, confirmed = make_subscriber(confirmed=False), make_subscriber()
    response = client.get(url("manage", token=token(unconfirmed)))
    assert response.status_code == 303
    assert response["Location"] == url("confirm", token=token(unconfirmed))
    response = client.get(url("confirm", token=token(confirmed)))
    assert response.status_code == 303
    assert response["Location"] == url("manage", token=token(confirmed))
    response = client.get(url("confirm", token=token(unconfirmed)))
    assert response.status_code == 200  # the button; a bad token for it: 404
    address = url("unsubscribe", token=token(confirmed))
    client.post(address)
    response = client.get(address)  # the link again, once gone: said so, no error
    assertContains(response, "<h1>Je bent afgemeld</h1>", html=True)


def test_a_theme_that_is_not_one_is_a_form_error(client, theme):
    response = sign_up(client, themes=["99999999999999999999999", "x"])
    assert response.status_code == 400
    assert "themes" in response.context["form"].errors
    assert Subscriber.objects.count() == 0


def test_a_themes_page_links_to_the_sign_up_with_that_theme(client, theme):
    response = client.get(theme.get_absolute_url())
    address = f"{url('sign-up')}?theme={theme.slug_nl}"
    assertContains(
        response,
        f'<a href="{address}">Persberichten over Kustverdediging per e-mail</a>',
        html=True,
    )
    response = client.get(address)
    assert response.status_code == 200
    assert response.context["form"].initial["themes"] == [theme]
    response = client.get(url("sign-up"), {"theme": "bestaat-niet"})
    assert response.context["form"].initial["themes"] == []


def test_signing_up_again_before_confirming_restarts_the_period(
    client, theme, settings, dummy_tasks, monkeypatch, django_capture_on_commit_callbacks
):
    """Someone who signs up again on day 6.9 gets a fresh confirmation mail and a fresh
    period with it: the purge counts from the latest sign-up, not the first."""
    settings.ALERTS_UNCONFIRMED_DAYS = 7
    first = make_subscriber("fatima@example.org", confirmed=False)
    start = timezone.now()
    Subscriber.objects.filter(pk=first.pk).update(created_at=start - dt.timedelta(days=6.9))
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, theme)  # Fatima@Example.org
    assert response.status_code == 303
    assert response["Location"] == url("sign-up-sent")
    [request] = send_subscriber_mail.get_backend().results
    with django_capture_on_commit_callbacks(execute=True):
        request.task.call(*request.args, **request.kwargs)  # as the worker would
    queued = {r.task.name: r for r in send_subscriber_mail.get_backend().results}
    assert queued["send_subscriber_mail"].args == [first.pk, "confirm"]
    # The purge is queued for the end of the new period.
    assert abs(
        queued["purge_subscribers"].task.run_after - (start + dt.timedelta(days=7))
    ) < dt.timedelta(minutes=1)
    # Hours later the first sign-up's week is over: the address is kept.
    monkeypatch.setattr(timezone, "now", lambda: start + dt.timedelta(hours=6))
    assert dispatch.purge() == 0
    assert Subscriber.objects.filter(pk=first.pk, confirmed_at=None).exists()
    # A week after the second sign-up, it goes.
    monkeypatch.setattr(timezone, "now", lambda: start + dt.timedelta(days=7, minutes=1))
    assert dispatch.purge() == 1
    assert not Subscriber.objects.exists()
