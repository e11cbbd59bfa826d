"""The hand-off in a real browser: an editor submits with a note, a chief editor finds
it on the start page, sends it back with a note, publishes it and withdraws it with a
public explanation after a confirmation page."""

import pytest
from django.urls import reverse

from press.models import PressRelease
from tests.browser.conftest import NAVIGATION_TIMEOUT
from tests.conftest import make_release

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(chromium, live_server, username: str):
    context = chromium.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return context, page


def save_status(page, label: str, note: str = "") -> None:
    page.select_option("#id_status", label=label)
    if note:
        page.fill("#id_workflow_note", note)
    page.click("input[name=_continue]")
    page.wait_for_load_state()


def test_hand_off_from_editor_to_chief_editor(live_server, chromium, editor, chief_editor):
    release = make_release("Zandmotor groeit sneller", status=PressRelease.Status.DRAFT)
    change = live_server.url + reverse("admin:press_pressrelease_change", args=[release.pk])

    editor_context, page = log_in(chromium, live_server, "editor")
    page.goto(change)
    save_status(page, "Ter beoordeling aanbieden", "Graag voor twaalf uur.")
    assert "Graag voor twaalf uur." in page.locator(".workflow-notes").inner_text()
    editor_context.close()
    release.refresh_from_db()
    assert release.status == PressRelease.Status.REVIEW

    context, page = log_in(chromium, live_server, "chief")
    desk = page.locator("#press-desk")
    assert "Wacht op beoordeling (1)" in desk.inner_text()
    desk.get_by_role("link", name="Zandmotor groeit sneller").click()
    save_status(page, "Terugsturen naar concept, met een notitie")
    assert "Schrijf een notitie voor je collega" in page.locator(".errorlist").first.inner_text()
    save_status(page, "Terugsturen naar concept, met een notitie", "Kop inkorten.")
    release.refresh_from_db()
    assert release.status == PressRelease.Status.DRAFT

    save_status(page, "Publiceren (nu, of op de ingestelde publicatiedatum)")
    release.refresh_from_db()
    assert release.is_published()

    save_status(page, "Intrekken… (vraagt om bevestiging)")
    assert "/workflow/withdraw/" in page.url
    assert "Weet je zeker" in page.content()
    page.fill("#id_explanation_nl", "De cijfers klopten niet.")
    page.click("input[type=submit][value='Ja, intrekken']")
    page.wait_for_load_state()
    assert "410" not in page.locator("#content").inner_text()
    release.refresh_from_db()
    assert release.status == PressRelease.Status.WITHDRAWN

    response = page.goto(live_server.url + release.get_absolute_url("nl"))
    assert response.status == 410
    text = page.locator("main").inner_text()
    assert "De cijfers klopten niet." in text and "Ingetrokken op" in text
    context.close()
