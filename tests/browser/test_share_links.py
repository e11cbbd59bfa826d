"""A share link end to end: a chief editor makes it in the admin, an anonymous reader
opens it in a browser of their own, the link is revoked and then answers 404."""

import datetime as dt

import pytest
from django.utils import timezone

from press.models import PressRelease
from tests.browser.conftest import assert_accessible
from tests.conftest import make_release

pytestmark = pytest.mark.django_db(transaction=True)


def test_chief_editor_shares_a_release_under_embargo(
    live_server, chromium, page, axe, chief_editor
):
    release = make_release(
        "Nieuw stadhuis onthuld",
        status=PressRelease.Status.PUBLISHED,
        publish_at=timezone.now() + dt.timedelta(days=2),
        comments_enabled=True,
    )
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto(f"{live_server.url}/admin/press/pressrelease/{release.pk}/change/")
    page.get_by_role("link", name="Deellinks onder embargo (0)").click()
    # The current text, or one saved version (the only one here).
    assert page.get_by_label("Welke tekst").locator("option").count() == 2
    assert_accessible(axe, page)
    page.fill("#id_label", "NOS, Jan Jansen")
    page.click("input[name=create]")
    address = page.locator("#share-url-1").input_value()
    assert "/nl/embargo/" in address
    path = address.split("://", 1)[1].split("/", 1)[1]

    reader_context = chromium.new_context(locale="nl-NL")
    reader = reader_context.new_page()
    try:
        response = reader.goto(f"{live_server.url}/{path}")
        assert response.status == 200
        assert response.headers["x-robots-tag"] == "noindex, nofollow"
        assert "Onder embargo tot" in reader.locator(".embargo-banner").inner_text()
        assert reader.get_by_role("heading", name="Nieuw stadhuis onthuld").is_visible()
        assert reader.locator("form.comment-form").count() == 0
        assert_accessible(axe, reader)

        # The list counts the opening; revoking ends the link.
        page.goto(f"{live_server.url}/admin/press/pressrelease/{release.pk}/share-links/")
        assert "/embargo/" not in page.content()  # the address was shown once
        row = page.locator("tr", has_text="NOS, Jan Jansen")
        assert row.locator("td").nth(2).inner_text() == "huidige tekst"
        assert row.locator("td").nth(4).inner_text() == "1"
        row.get_by_role("button", name="Trek de link voor NOS, Jan Jansen in").click()
        assert "ingetrokken" in page.locator("tr", has_text="NOS, Jan Jansen").inner_text()

        response = reader.goto(f"{live_server.url}/{path}")
        assert response.status == 404
        assert "Nieuw stadhuis" not in reader.content()
    finally:
        reader_context.close()
