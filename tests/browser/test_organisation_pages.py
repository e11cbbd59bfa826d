"""The footer's legal pages and the shipped themes in a real browser: axe-core's
WCAG 2.2 A/AA rules (target size included), and the contact link in the same place on
every page (consistent help, 3.2.6)."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.conftest import assert_accessible
from tests.conftest import make_release

pytestmark = pytest.mark.django_db(transaction=True)

LEGAL = ["accessibility", "privacy", "cookies", "contact", "colofon"]


@pytest.mark.parametrize("theme", ["denhaag", "voorbeeld"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_legal_pages_and_newsroom_are_accessible_in_every_shipped_theme(
    live_server, page, axe, settings, theme, language
):
    settings.SITE_THEME = theme
    make_release("Nieuwe fietsenstalling bij het station")
    with translation.override(language):
        addresses = [reverse("press:newsroom"), *(reverse(name) for name in LEGAL)]
    contact_boxes = set()
    for address in addresses:
        page.goto(live_server.url + address)
        assert page.locator("body").get_attribute("class") == f"{theme}-theme"
        assert_accessible(axe, page)
        footer_links = page.locator("footer nav a")
        assert footer_links.first.get_attribute("href") == addresses[4]
        contact_boxes.add(footer_links.count())
    assert len(contact_boxes) == 1  # the same footer everywhere


def test_the_tokens_colour_the_page(live_server, page, settings):
    """The theme's tokens reach the page: the header is the primary action colour of
    the chosen theme, not a colour of site.css's own."""
    colours = {}
    for theme in ("denhaag", "voorbeeld"):
        settings.SITE_THEME = theme
        page.goto(live_server.url + "/nl/")
        colours[theme] = page.evaluate(
            "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
        )
    fallback = "rgb(0, 88, 60)"  # site.css's own green, used without tokens
    assert fallback not in colours.values()
    assert colours["denhaag"] != colours["voorbeeld"]
