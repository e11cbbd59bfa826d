"""The hero image's renditions in a real browser: one of them loads, the page stays
accessible (axe-core)."""

import mimetypes

import pytest
from django.core.files.storage import default_storage

from press import images
from tests.browser.conftest import assert_accessible
from tests.conftest import make_image, make_release, with_renditions

pytestmark = pytest.mark.django_db(transaction=True)


def serve_media(page, live_server) -> list[str]:
    """The live server serves no media outside DEBUG: answer /media/ requests from the
    media storage, as nginx or the object storage does in production. Returns the
    names the browser asked for."""
    asked = []

    def handle(route):
        name = route.request.url.split("/media/", 1)[1]
        asked.append(name)
        with default_storage.open(name) as file:
            body = file.read()
        route.fulfill(body=body, content_type=mimetypes.guess_type(name)[0] or "image/avif")

    page.route(f"{live_server.url}/media/**", handle)
    return asked


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_article_image_loads_from_a_rendition(live_server, page, axe, language):
    release = with_renditions(
        make_release(
            hero_image=make_image(size=(1300, 650)),
            hero_alt_nl="Illustratie: de kust",
            hero_alt_en="Illustration: the coast",
            hero_credit="Gemeente Den Haag",
        )
    )
    asked = serve_media(page, live_server)
    page.goto(live_server.url + release.get_absolute_url(language))
    image = page.locator(".hero img")
    image.wait_for()
    page.wait_for_function("document.querySelector('.hero img').complete")
    assert image.evaluate("img => img.naturalWidth") > 0
    current = image.evaluate("img => img.currentSrc")
    # The best format the browser takes (Chromium: AVIF where we make it), a rendition.
    assert current.endswith(images.FORMATS[0].extension)
    assert "/__processed__/" in current
    assert asked and all(name.startswith("__processed__/") for name in asked)
    assert release.hero_image.name not in asked
    assert_accessible(axe, page)
