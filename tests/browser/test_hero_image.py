"""The hero image's renditions in a real browser: one of them loads, the page stays
accessible (axe-core)."""

import pytest

from press import images
from tests.browser.conftest import assert_accessible
from tests.conftest import make_image, make_release, with_renditions

pytestmark = pytest.mark.django_db(transaction=True)


def asked_renditions(page, live_server) -> list[str]:
    """The rendition addresses the browser asks the app for (press.renditions), as it
    does through nginx in production."""
    asked = []
    page.on(
        "request",
        lambda request: (
            asked.append(request.url.removeprefix(live_server.url))
            if "/renditions/" in request.url
            else None
        ),
    )
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
    asked = asked_renditions(page, live_server)
    page.goto(live_server.url + release.get_absolute_url(language))
    image = page.locator(".hero img")
    image.wait_for()
    page.wait_for_function("document.querySelector('.hero img').complete")
    assert image.evaluate("img => img.naturalWidth") > 0
    current = image.evaluate("img => img.currentSrc")
    # The best format the browser takes (Chromium: AVIF where we make it), a rendition.
    assert current.endswith(images.FORMATS[0].extension)
    assert current.startswith(f"{live_server.url}/renditions/{release.pk}/")
    assert asked and all(url.startswith(f"/renditions/{release.pk}/") for url in asked)
    original = release.hero_image.name.rsplit("/", 1)[1]
    assert not [url for url in asked if original in url]
    assert_accessible(axe, page)
