"""Nothing an editor chose is lost, in a real browser: a hero image and an attachment
survive two failed saves (one in the form, one in the attachments inline), the list
of what failed at the top of the form leads to each failing field, and after the
good save the public page shows the image and offers the PDF."""

import io

import pytest
from django.utils import timezone
from PIL import Image

from press import workflow
from press.models import PressRelease
from tests.browser.test_hero_image import asked_renditions
from tests.browser.test_release_form import body_editor, log_in
from tests.conftest import with_renditions

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def in_view(page, selector: str) -> bool:
    return page.locator(selector).evaluate(
        """element => {
            const box = element.getBoundingClientRect();
            return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
        }"""
    )


def kept_files(page) -> str:
    return " ".join(page.locator(".kept-upload").all_inner_texts())


def test_image_and_attachment_survive_two_failed_saves(
    live_server, page, editor, chief_editor, tmp_path
):
    page.set_viewport_size({"width": 1280, "height": 900})
    jpeg = tmp_path / "strand.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 600), (200, 180, 120)).save(buffer, "JPEG")
    jpeg.write_bytes(buffer.getvalue())
    pdf = tmp_path / "factsheet.pdf"
    pdf.write_bytes(PDF)

    log_in(page, live_server)
    page.goto(live_server.url + "/admin/press/pressrelease/add/")
    page.fill("#id_title_nl", "Zandsuppletie Scheveningen")
    page.fill("#id_lead_nl", "Het strand wordt opgehoogd.")
    body_editor(page).get_by_role("textbox").click()
    page.keyboard.type("De werkzaamheden duren zes weken.")
    page.set_input_files("#id_hero_image", str(jpeg))
    page.locator("#attachments-group .add-row a").click()
    page.fill("#id_attachments-0-title_nl", "Factsheet")
    page.set_input_files("#id_attachments-0-file", str(pdf))

    # 1. No description for the image: the form comes back, both files kept.
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert "Niets opgeslagen: 1 veld vraagt je aandacht" in summary.inner_text()
    assert "strand.jpg" in kept_files(page) and "factsheet.pdf" in kept_files(page)
    summary.get_by_role("link").first.click()
    assert in_view(page, "#id_hero_alt_nl")
    assert not PressRelease.objects.exists()

    # 2. The description is filled in; a second attachment row has no file: fails in
    # the inline, far down the page; both files are still kept.
    page.fill("#id_hero_alt_nl", "Het strand bij Scheveningen")
    page.locator("#attachments-group .add-row a").click()
    page.fill("#id_attachments-1-title_nl", "Kaart")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert "strand.jpg" in kept_files(page) and "factsheet.pdf" in kept_files(page)
    link = summary.get_by_role("link", name="Bijlage, rij 2: Bestand")
    link.click()
    assert in_view(page, "#id_attachments-1-file")
    assert not PressRelease.objects.exists()

    # 3. The empty row goes; the good save stores the image and the PDF.
    page.locator("#attachments-1 .inline-deletelink").click()
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_url("**/admin/press/pressrelease/")
    release = PressRelease.objects.get()
    assert release.hero_image and release.hero_alt_nl == "Het strand bij Scheveningen"
    (attachment,) = release.attachments.all()
    assert attachment.file.read() == PDF

    # On the public page, once a chief editor published it: the image and the PDF.
    release.publish_at = timezone.now()
    workflow.change_status(release, PressRelease.Status.PUBLISHED, user=chief_editor)
    release = with_renditions(release)
    asked = asked_renditions(page, live_server)
    page.goto(live_server.url + release.get_absolute_url("nl"))
    image = page.get_by_role("img", name="Het strand bij Scheveningen")
    image.wait_for()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert any(url.startswith(f"/renditions/{release.pk}/") for url in asked)
    download = page.get_by_role("link", name="Factsheet")
    response = page.request.get(live_server.url + download.get_attribute("href"))
    assert response.status == 200 and response.body() == PDF
