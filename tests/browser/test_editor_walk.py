"""The editors' desk end to end, as its people use it, in a real browser: an editor writes
a release with an image, a quotation with its speaker and a link typed without a scheme,
in both languages; previews both before saving; saves and submits it with a note. A
chief editor learns of it (by e-mail and on the start page), sends it back with a note;
the editor reads the note and submits again; the chief editor publishes it and the
public pages show it. The editor then reads the published release and an earlier version
of it, read-only. Last, a chief editor withdraws another release with a public
explanation on the confirmation page: its address answers 410 with the explanation and
the date, and no page an editor reads says "410".

Each step is screenshotted (the `steps` fixture): when the walk fails, every step's
screenshot and the failing page are kept in test-artifacts/ (CI keeps the folder).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from press.models import PressRelease
from tests.conftest import make_release

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery"
ADMIN_RELEASES = "/admin/press/pressrelease/"


@pytest.fixture
def sign_in(chromium, live_server):
    """Opens a browser of its own (a Dutch one) for each person, logged in."""
    contexts = []

    def sign_in_as(username: str):
        context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url("**/admin/")
        return page

    yield sign_in_as
    for context in contexts:
        context.close()


def hero_png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1200, 600), (0, 88, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def body_editor(page, code: str):
    return page.locator(".prose-editor", has=page.locator(f"#id_body_{code}"))


def write_body(page, code: str, opening: str, quote: str, speaker: str, more: str) -> None:
    """Type a body as an editor does: a paragraph, a quotation made a quote block
    with the toolbar's button and its speaker in its own field, and a line whose
    address (typed without https://) becomes a link through the link dialog."""
    editor = body_editor(page, code)
    box = editor.get_by_role("textbox")
    box.click()
    page.keyboard.type(opening)
    page.keyboard.press("Enter")
    page.keyboard.type(quote)
    editor.locator("button[title='Citaat met spreker']").click()
    box.locator("figure.quote figcaption").click()
    page.keyboard.type(speaker)
    page.keyboard.press("Enter")  # leaves the quote block
    page.keyboard.type(f"{more} www.denhaag.nl")
    for _ in "www.denhaag.nl":
        page.keyboard.press("Shift+ArrowLeft")
    editor.locator("button[title='Link invoegen']").click()
    dialog = page.locator("dialog[open]")
    dialog.get_by_label("Webadres").fill("www.denhaag.nl")
    dialog.get_by_role("button", name="Bijwerken").click()
    page.keyboard.press("End")
    assert box.locator("a", has_text="www.denhaag.nl").count() == 1


def assert_article(page, title: str, speaker: str, quote: str) -> None:
    """The article as a reader sees it: the quotation as figure, blockquote and
    figcaption with the speaker, the address typed without a scheme as https://."""
    article = page.locator("main")
    assert article.locator("h1").inner_text() == title
    figure = article.locator("figure.quote")
    assert figure.count() == 1
    assert quote in figure.locator("blockquote").inner_text()
    assert figure.locator("figcaption").inner_text() == speaker
    link = article.get_by_role("link", name="www.denhaag.nl")
    assert link.get_attribute("href") == "https://www.denhaag.nl"


def open_preview(page, button: str):
    with page.context.expect_page() as new_tab:
        page.get_by_role("button", name=button, exact=True).click()
    preview = new_tab.value
    preview.wait_for_load_state()
    assert preview.locator(".preview-banner").is_visible()
    return preview


def save_status(page, label: str, note: str = "") -> None:
    page.select_option("#id_status", label=label)
    if note:
        page.fill("#id_workflow_note", note)
    page.get_by_role("button", name="Opslaan en opnieuw bewerken").click()
    page.wait_for_load_state()


def no_410(page) -> None:
    assert "410" not in page.locator("#content").inner_text()


NL = {
    "title": "Den Haag oefent met hoogwater",
    "lead": "De stad test haar plannen voor een storm.",
    "opening": "Op dinsdag oefenen de diensten samen.",
    "quote": "‘We zijn voorbereid’,",
    "speaker": "aldus burgemeester Van Aartsen.",
    "more": "Zie voor meer informatie:",
}
EN = {
    "title": "The Hague practises for high water",
    "lead": "The city tests its plans for a storm.",
    "opening": "On Tuesday the services practise together.",
    "quote": "‘We are prepared’,",
    "speaker": "said Mayor Van Aartsen.",
    "more": "For more information see:",
}


def test_an_editor_and_a_chief_editor_take_a_release_from_draft_to_withdrawn(
    live_server, sign_in, steps, editor, chief_editor, immediate_tasks, tmp_path
):
    chief_editor.email = "eindredactie@example.invalid"
    chief_editor.save()
    other = make_release(
        "Verkeerde cijfers over afval", publish_at=timezone.now() - dt.timedelta(days=2)
    )
    image = tmp_path / "hoogwater.png"
    image.write_bytes(hero_png())

    # -- the editor writes, in both languages --------------------------------------
    page = sign_in("editor")
    page.goto(live_server.url + ADMIN_RELEASES + "add/")
    page.fill("#id_title_nl", NL["title"])
    page.fill("#id_lead_nl", NL["lead"])
    write_body(page, "nl", NL["opening"], NL["quote"], NL["speaker"], NL["more"])
    page.set_input_files("#id_hero_image", str(image))
    page.fill("#id_hero_alt_nl", "Illustratie: golven tegen de duinen")
    page.fill("#id_hero_credit", "Gemeente Den Haag")
    steps(page, "Dutch text with quote, link and image")

    # The language switch above the form turns every field's tab to English.
    page.get_by_label("Taal van de velden").select_option(label="en")
    page.fill("#id_title_en", EN["title"])
    page.fill("#id_lead_en", EN["lead"])
    write_body(page, "en", EN["opening"], EN["quote"], EN["speaker"], EN["more"])
    page.fill("#id_hero_alt_en", "Illustration: waves against the dunes")
    page.locator("#id_title_en").click()  # the editor writes its field on blur
    steps(page, "English text")

    # -- both previews, before anything is saved --------------------------------------
    preview = open_preview(page, "Voorbeeld: Nederlands")
    assert_article(preview, NL["title"], NL["speaker"], NL["quote"])
    steps(preview, "Dutch preview before saving")
    preview.close()
    preview = open_preview(page, "Voorbeeld: Engels")
    assert "/en/" in preview.url
    assert_article(preview, EN["title"], EN["speaker"], EN["quote"])
    steps(preview, "English preview before saving")
    preview.close()
    assert list(PressRelease.objects.all()) == [other]  # nothing saved

    # -- saved as a draft, then submitted with a note ---------------------------------
    page.get_by_role("button", name="Opslaan en opnieuw bewerken").click()
    page.wait_for_url("**/change/")
    release = PressRelease.objects.exclude(pk=other.pk).get()
    assert release.status == PressRelease.Status.DRAFT
    assert release.hero_image and release.hero_alt_en == "Illustration: waves against the dunes"
    assert 'href="https://www.denhaag.nl"' in release.body_nl
    assert 'href="https://www.denhaag.nl"' in release.body_en
    steps(page, "saved as a draft")
    save_status(page, "Ter beoordeling aanbieden", "Graag voor twaalf uur: de oefening is morgen.")
    assert "Graag voor twaalf uur" in page.locator(".workflow-notes").inner_text()
    steps(page, "submitted for review with a note")
    release.refresh_from_db()
    assert release.status == PressRelease.Status.REVIEW

    # -- the note reaches the chief editor ---------------------------------------------
    assert [message.to for message in mail.outbox] == [["eindredactie@example.invalid"]]
    assert NL["title"] in mail.outbox[0].subject
    assert "Graag voor twaalf uur: de oefening is morgen." in mail.outbox[0].body
    chief = sign_in("chief")
    desk = chief.locator("#press-desk")
    assert "Wacht op beoordeling (1)" in desk.inner_text()
    steps(chief, "the chief editor's start page")
    desk.get_by_role("link", name=NL["title"]).click()
    chief.wait_for_url(f"**{ADMIN_RELEASES}{release.pk}/change/")
    assert "Graag voor twaalf uur" in chief.locator(".workflow-notes").inner_text()

    # -- sent back with a note; the editor reads it ---------------------------------
    save_status(chief, "Terugsturen naar concept, met een notitie", "Kop korter, graag.")
    release.refresh_from_db()
    assert release.status == PressRelease.Status.DRAFT
    steps(chief, "sent back with a note")
    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Persberichten").first.click()
    page.get_by_role("link", name=NL["title"]).click()
    assert "Kop korter, graag." in page.locator(".workflow-notes").inner_text()
    steps(page, "the editor reads the chief editor's note")
    page.fill("#id_title_nl", "Den Haag oefent hoogwater")
    save_status(page, "Ter beoordeling aanbieden")
    release.refresh_from_db()
    assert release.status == PressRelease.Status.REVIEW
    assert len(mail.outbox) == 2

    # -- published; the public pages show it ----------------------------------------
    chief.goto(live_server.url + "/admin/")
    chief.locator("#press-desk").get_by_role("link", name="Den Haag oefent hoogwater").click()
    save_status(chief, "Publiceren (nu, of op de ingestelde publicatiedatum)")
    release.refresh_from_db()
    assert release.is_published()
    steps(chief, "published")
    response = chief.goto(live_server.url + release.get_absolute_url("nl"))
    assert response.status == 200
    assert_article(chief, "Den Haag oefent hoogwater", NL["speaker"], NL["quote"])
    hero = chief.locator(".hero img")
    assert hero.get_attribute("alt") == "Illustratie: golven tegen de duinen"
    steps(chief, "the public Dutch page")
    response = chief.goto(live_server.url + release.get_absolute_url("en"))
    assert response.status == 200
    assert_article(chief, EN["title"], EN["speaker"], EN["quote"])
    steps(chief, "the public English page")

    # -- the editor reads the published release, and an earlier version, read-only --
    page.goto(live_server.url + f"{ADMIN_RELEASES}{release.pk}/change/")
    assert page.locator("#id_title_nl").count() == 0
    rendered = page.locator(".rendered-release[lang=nl]")
    assert rendered.locator("figure.quote figcaption").inner_text() == NL["speaker"]
    steps(page, "the editor reads the published release")
    page.get_by_role("link", name="Geschiedenis").first.click()
    page.locator("#change-history tbody tr").last.get_by_role("link").first.click()
    assert "Versie van" in page.locator("h1").inner_text()
    assert page.locator(".rendered-release[lang=nl] h3").inner_text() == NL["title"]
    assert page.locator("input[type=submit][value='Terugzetten']").count() == 0
    assert page.locator("#id_title_nl").count() == 0
    steps(page, "the editor reads an earlier version")

    # -- another release withdrawn, with an explanation --------------------------------
    chief.goto(live_server.url + f"{ADMIN_RELEASES}{other.pk}/change/")
    save_status(chief, "Intrekken… (vraagt om bevestiging)")
    chief.wait_for_url(f"**/{other.pk}/workflow/withdraw/")
    assert "Weet je zeker" in chief.locator("#content").inner_text()
    no_410(chief)
    steps(chief, "the withdrawal asks for confirmation")
    chief.fill("#id_explanation_nl", "De cijfers over het afval klopten niet.")
    chief.fill("#id_explanation_en", "The figures on waste were wrong.")
    chief.get_by_role("button", name="Ja, intrekken").click()
    chief.wait_for_url(f"**{ADMIN_RELEASES}{other.pk}/change/")
    assert "ingetrokken" in chief.locator(".messagelist").inner_text()
    no_410(chief)
    steps(chief, "withdrawn")
    other.refresh_from_db()
    assert other.status == PressRelease.Status.WITHDRAWN
    with translation.override("nl"):
        day_nl = date_format(timezone.localtime(other.withdrawn_at), "l j F Y")
    with translation.override("en"):
        day_en = date_format(timezone.localtime(other.withdrawn_at), "l j F Y")
    response = chief.goto(live_server.url + other.get_absolute_url("nl"))
    assert response.status == 410
    text = chief.locator("main").inner_text()
    assert "De cijfers over het afval klopten niet." in text
    assert f"Ingetrokken op {day_nl}." in text
    assert "410" not in text
    steps(chief, "the withdrawn release's Dutch page")
    response = chief.goto(live_server.url + other.get_absolute_url("en"))
    assert response.status == 410
    text = chief.locator("main").inner_text()
    assert "The figures on waste were wrong." in text and f"Withdrawn on {day_en}." in text
    # What the editor reads of it: the explanation, and no "410".
    page.goto(live_server.url + f"{ADMIN_RELEASES}{other.pk}/change/")
    assert "De cijfers over het afval klopten niet." in page.locator("#content").inner_text()
    no_410(page)
    steps(page, "the editor reads the withdrawn release")
    assert reverse("admin:press_pressrelease_change", args=[other.pk]) in page.url
