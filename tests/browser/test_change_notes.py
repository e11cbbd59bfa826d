"""A public change of a published release, in a real browser: the change form's
choice (and its errors), the article with its notes, and the published versions,
with no serious or critical axe-core violation."""

import datetime as dt

import pytest
from django.utils import timezone

from press.models import ChangeNote
from tests.browser.conftest import assert_no_serious_violations
from tests.browser.test_admin_accessibility import log_in, wait_for_admin_scripts
from tests.conftest import make_release

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def release():
    release = make_release(
        "Prinses Beatrixlaan afgesloten", publish_at=timezone.now() - dt.timedelta(days=1)
    )
    return release


def test_a_public_change_with_its_note(live_server, page, axe, chief_editor, release):
    log_in(page, live_server, "chief")
    page.goto(f"{live_server.url}/admin/press/pressrelease/{release.pk}/change/")
    wait_for_admin_scripts(page)
    page.get_by_label(
        "Een openbare wijziging: lezers zien een wijzigingsnotitie met de datum"
    ).check()
    page.fill("#id_change_note_nl", "De data waren onjuist en zijn verbeterd.")
    assert_no_serious_violations(axe, page)

    # Without the English note: a form error in Dutch, nothing saved.
    page.click("input[name=_continue]")
    wait_for_admin_scripts(page)
    missing = "Schrijf de wijzigingsnotitie voor lezers in: Engels."
    assert page.get_by_text(missing, exact=True).is_visible()  # at the field
    assert missing in page.locator(".error-summary").inner_text()  # and at the top
    assert not ChangeNote.objects.exists()
    assert_no_serious_violations(axe, page)

    page.fill("#id_change_note_en", "The dates were wrong and have been corrected.")
    page.click("input[name=_continue]")
    wait_for_admin_scripts(page)
    assert ChangeNote.objects.get().text_en == "The dates were wrong and have been corrected."

    page.goto(live_server.url + release.get_absolute_url("nl"))
    assert page.locator(".release-updates").get_by_text("Bijgewerkt op").is_visible()
    assert page.get_by_text("De data waren onjuist en zijn verbeterd.").is_visible()
    assert_no_serious_violations(axe, page)

    page.goto(f"{live_server.url}/admin/press/pressrelease/{release.pk}/published-versions/")
    assert page.locator(".published-version-list tbody tr").count() == 2
    assert_no_serious_violations(axe, page)
    # A minute from now: what the public sees now (the moment is asked to the minute).
    soon = timezone.localtime() + dt.timedelta(minutes=1)
    page.fill("#id_on", soon.strftime("%Y-%m-%dT%H:%M"))
    page.click(".public-on input[type=submit]")
    page.locator(".public-on-answer a").click()
    assert (
        "Het publiek ziet deze versie sinds"
        in page.locator(".published-version .help").inner_text()
    )
    assert page.locator(".rendered-release h3").first.inner_text() == (
        "Prinses Beatrixlaan afgesloten"
    )
    assert "De data waren onjuist" in page.locator(".release-status").inner_text()
    assert_no_serious_violations(axe, page)
