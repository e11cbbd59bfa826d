"""E-mail alerts in a real browser: a citizen signs up, confirms from the mail, gets the
next release's alert and leaves with the mail's link; every page accessible."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from press import workflow
from press.models import PressRelease
from tests.browser.conftest import assert_no_serious_violations
from tests.conftest import make_release, make_theme

pytestmark = pytest.mark.django_db(transaction=True)


def link(message, name: str) -> str:
    [found] = re.findall(r"(https?://\S+/alerts/" + name + r"/\S+/)", message.body)
    return found


def test_citizen_signs_up_confirms_and_gets_the_next_release(
    live_server, page, axe, settings, chief_editor, immediate_tasks
):
    settings.SITE_URL = live_server.url
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    coast = make_theme("Kustverdediging", "Coastal defence")
    make_theme("Cybersecurity")

    page.goto(live_server.url + "/nl/")
    page.get_by_role("link", name="Persberichten per e-mail").click()
    assert page.get_by_role("heading", level=1).inner_text() == "E-mailalerts"
    assert_no_serious_violations(axe, page)

    # A mistake first: no theme chosen.
    page.get_by_label("E-mailadres").fill("fatima@example.org")
    page.get_by_role("button", name="Aanmelden").click()
    assert "Kies alle persberichten, of ten minste één thema." in page.content()
    assert_no_serious_violations(axe, page)
    page.get_by_label("Kustverdediging").check()
    page.get_by_role("button", name="Aanmelden").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kijk in je e-mail"
    assert_no_serious_violations(axe, page)

    [confirmation] = mail.outbox
    assert confirmation.to == ["fatima@example.org"]
    page.goto(link(confirmation, "confirm"))
    assert page.get_by_role("heading", level=1).inner_text() == "Bevestig je e-mailalerts"
    assert_no_serious_violations(axe, page)
    page.get_by_role("button", name="Bevestigen").click()
    assert "Je aanmelding is bevestigd." in page.content()
    assert page.get_by_role("heading", level=1).inner_text() == "Je e-mailalerts"
    assert page.get_by_label("Kustverdediging").is_checked()
    assert_no_serious_violations(axe, page)

    # The next release about the coast is published: the alert arrives.
    release = make_release(
        "Zandmotor groeit", status=PressRelease.Status.REVIEW, publish_at=timezone.now()
    )
    release.themes.set([coast])
    workflow.change_status(release, PressRelease.Status.PUBLISHED, user=chief_editor)
    alerts = [m for m in mail.outbox if m.subject == "Zandmotor groeit"]
    assert [m.to for m in alerts] == [["fatima@example.org"]]
    [alert] = alerts
    page.goto(re.search(r"(http://\S+/persberichten/\S+/)", alert.body).group(1))
    assert page.get_by_role("heading", level=1).inner_text() == "Zandmotor groeit"

    # And leaves, with the mail's link.
    page.goto(link(alert, "unsubscribe"))
    assert_no_serious_violations(axe, page)
    page.get_by_role("button", name="Afmelden").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Je bent afgemeld"
    assert_no_serious_violations(axe, page)


def test_press_office_admin_pages_are_accessible(live_server, page, axe, django_user_model):
    from alerts.models import PressListContact
    from press.roles import PRESS_OFFICE
    from tests.alerts.conftest import make_subscriber
    from tests.browser.test_admin_accessibility import log_in, wait_for_admin_scripts
    from tests.conftest import make_user

    make_user(django_user_model, "pers", PRESS_OFFICE)
    subscriber = make_subscriber("fatima@example.org", themes=[make_theme("Kust")])
    contact = PressListContact.objects.create(email="jan@krant.example", name="Jan")
    log_in(page, live_server, "pers")
    for path in [
        "/admin/alerts/subscriber/",
        f"/admin/alerts/subscriber/{subscriber.pk}/change/",
        "/admin/alerts/presslistcontact/",
        "/admin/alerts/presslistcontact/add/",
        f"/admin/alerts/presslistcontact/{contact.pk}/change/",
    ]:
        page.goto(live_server.url + path)
        wait_for_admin_scripts(page)
        assert_no_serious_violations(axe, page)
    assert "jan@krant.example" in page.content()
