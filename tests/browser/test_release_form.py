"""The release form in a real browser: the quote block with its speaker field, and the
warning before leaving a form with unsaved changes (both need the browser)."""

import pytest

from press.models import PressRelease

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, username: str = "editor") -> None:
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def body_editor(page):
    return page.locator(".prose-editor", has=page.locator("#id_body_nl"))


def test_quote_block_has_its_own_speaker_field(live_server, page, editor):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_server)
    page.goto(live_server.url + "/admin/press/pressrelease/add/")
    page.fill("#id_title_nl", "Weerbare stad")
    page.fill("#id_lead_nl", "De inleiding.")
    box = body_editor(page).get_by_role("textbox")
    box.click()
    page.keyboard.type("‘Den Haag is weerbaar’,")
    body_editor(page).locator("button[title='Citaat met spreker']").click()
    quote = box.locator("figure.quote")
    assert quote.count() == 1
    # The cursor stays at the end of the quotation; a second paragraph in it
    # starting with "- " stays text, no list.
    in_quote = "() => !!window.getSelection().anchorNode.parentElement.closest('blockquote')"
    page.wait_for_function(in_quote)
    page.keyboard.press("Enter")
    page.keyboard.type("- geen opsomming")
    assert box.locator("ul").count() == 0
    # The speaker has a field of its own; Enter there leaves the quote block.
    quote.locator("figcaption").click()
    page.keyboard.type("aldus burgemeester Van Aartsen.")
    page.keyboard.press("Enter")
    page.keyboard.type("Daarna gewone tekst.")
    page.locator("#id_title_nl").click()  # the editor writes its field on blur
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_url("**/admin/press/pressrelease/")

    release = PressRelease.objects.get()
    assert release.body_nl == (
        '<figure class="quote"><blockquote><p>‘Den Haag is weerbaar’,</p>'
        "<p>- geen opsomming</p></blockquote>"
        "<figcaption>aldus burgemeester Van Aartsen.</figcaption></figure>"
        "<p>Daarna gewone tekst.</p>"
    )
    # Opened again, the editor shows the quote block with its speaker.
    page.goto(live_server.url + f"/admin/press/pressrelease/{release.pk}/change/")
    caption = body_editor(page).locator("figure.quote figcaption")
    assert caption.inner_text() == "aldus burgemeester Van Aartsen."
    assert errors == []


def test_leaving_a_changed_form_asks_first_but_saving_does_not(live_server, page, editor):
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", on_dialog)
    log_in(page, live_server)
    add = live_server.url + "/admin/press/pressrelease/add/"

    # Unchanged: leaving asks nothing.
    page.goto(add)
    page.goto(live_server.url + "/admin/")
    assert dialogs == []

    # Changed: leaving asks.
    page.goto(add)
    page.fill("#id_title_nl", "Half geschreven")
    page.locator("#id_title_nl").press("End")
    page.evaluate("() => { window.location.href = '/admin/'; }")
    page.wait_for_url("**/admin/")
    assert dialogs == ["beforeunload"]

    # Saving a changed form does not ask.
    dialogs.clear()
    page.goto(add)
    page.fill("#id_title_nl", "Af")
    page.fill("#id_lead_nl", "De inleiding.")
    body_editor(page).get_by_role("textbox").click()
    page.keyboard.type("De tekst.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_url("**/admin/press/pressrelease/")
    assert dialogs == []
    assert PressRelease.objects.get().title_nl == "Af"


def test_preview_button_opens_the_unsaved_form_in_a_new_tab(live_server, page, editor):
    log_in(page, live_server)
    page.goto(live_server.url + "/admin/press/pressrelease/add/")
    page.fill("#id_title_nl", "Nog niet opgeslagen")
    page.fill("#id_lead_nl", "De inleiding.")
    body_editor(page).get_by_role("textbox").click()
    page.keyboard.type("De tekst.")
    page.locator("#id_title_nl").click()
    with page.context.expect_page() as new_tab:
        page.get_by_role("button", name="Voorbeeld: Nederlands").click()
    preview = new_tab.value
    preview.wait_for_load_state()
    assert "/nl/persberichten/voorbeeld/concept/" in preview.url
    assert preview.locator("h1").inner_text() == "Nog niet opgeslagen"
    assert preview.locator(".preview-banner").is_visible()
    # The language switch stays in the preview.
    preview.locator(".language-switch a[hreflang=en]").click()
    preview.wait_for_url("**/en/press-releases/preview/draft/**")
    assert not PressRelease.objects.exists()
    # The form itself stays as it was, still unsaved.
    assert page.locator("#id_title_nl").input_value() == "Nog niet opgeslagen"


def test_a_public_release_asks_minor_or_public_beside_the_save_button(
    live_server, page, chief_editor
):
    from tests.press.test_change_notes import published

    release = published()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, "chief")
    page.goto(live_server.url + f"/admin/press/pressrelease/{release.pk}/change/")
    minor = page.get_by_label("Een kleine wijziging (een typfout, een kapotte link)")
    public = page.get_by_label("Een openbare wijziging: lezers zien een wijzigingsnotitie")
    assert not minor.is_checked() and not public.is_checked()
    # Each choice reads on one line, not folded into the label column.
    for radio in (minor, public):
        label = page.locator(f"label[for='{radio.get_attribute('id')}']")
        assert label.bounding_box()["height"] < 30
    # Below the inlines, just above the save button.
    decision = page.locator("fieldset.change-decision").bounding_box()
    attachments = page.locator("#attachments-group").bounding_box()
    save = page.get_by_role("button", name="Opslaan", exact=True).bounding_box()
    assert attachments["y"] < decision["y"] < save["y"]
    # Saving without a choice: the list at the top leads to the question.
    page.fill("#id_lead_nl", "Nu 42 woningen.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_load_state()
    page.locator(".error-summary").get_by_role("link", name="Wat voor wijziging is dit?").click()
    box = page.locator("#id_change_kind").bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 900
    release.refresh_from_db()
    assert release.lead_nl != "Nu 42 woningen."
