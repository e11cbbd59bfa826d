"""Writing a release in a real browser: the title reads whole, and a draft's address
follows its title while the editor types, until they choose an address of their own."""

import pytest
from django.urls import reverse

from press.models import PressRelease
from tests.browser.test_workflow import log_in
from tests.conftest import make_release

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_draft_s_address_follows_its_title_until_the_editor_chooses_one(
    live_server, chromium, editor
):
    release = make_release("Eerste titel", status=PressRelease.Status.DRAFT, english=False)
    context, page = log_in(chromium, live_server, "editor")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("admin:press_pressrelease_change", args=[release.pk]))
    page.wait_for_load_state("load")
    title = page.locator("#id_title_nl")
    assert title.bounding_box()["width"] >= 600  # the title reads whole
    title.fill("Veertig bomen geplant in Escamp")
    assert page.input_value("#id_slug_nl") == "veertig-bomen-geplant-in-escamp"
    page.fill("#id_slug_nl", "bomen-escamp")
    title.fill("Tweeënveertig bomen geplant in Escamp")
    assert page.input_value("#id_slug_nl") == "bomen-escamp"
    context.close()
