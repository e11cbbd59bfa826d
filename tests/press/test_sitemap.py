import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import make_release, make_theme

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
BASE = "http://testserver"


def sitemap(client) -> dict[str, dict]:
    """{loc: {"lastmod": …, "alternates": {hreflang: href}}} from /sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    urls = {}
    for url in root.findall("sm:url", NS):
        loc = url.findtext("sm:loc", namespaces=NS)
        assert loc not in urls, f"{loc} listed twice"
        urls[loc] = {
            "lastmod": url.findtext("sm:lastmod", namespaces=NS),
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link", NS)
                if link.get("rel") == "alternate"
            },
        }
    return urls


def test_sitemap_lists_every_public_page_in_both_languages(client):
    theme = make_theme("Kustverdediging", "Coastal defence", slug_nl="kustverdediging",
                       slug_en="coastal-defence")  # fmt: skip
    release = make_release("Zandmotor", publish_at=dt.datetime(2016, 6, 1, 10, tzinfo=dt.UTC))
    release.themes.add(theme)
    urls = sitemap(client)
    nl_release, en_release = release.get_absolute_url("nl"), release.get_absolute_url("en")
    expected = {
        "/nl/",
        "/en/",
        "/nl/themas/kustverdediging/",
        "/en/themes/coastal-defence/",
        "/nl/archief/2016/",
        "/en/archive/2016/",
        nl_release,
        en_release,
        # The footer's legal pages.
        "/nl/toegankelijkheidsverklaring/",
        "/en/accessibility-statement/",
        "/nl/privacyverklaring/",
        "/en/privacy-statement/",
        "/nl/cookieverklaring/",
        "/en/cookie-statement/",
        "/nl/contact/",
        "/en/contact/",
        "/nl/colofon/",
        "/en/colophon/",
    }
    assert set(urls) == {BASE + path for path in expected}
    assert urls[BASE + nl_release]["alternates"] == {
        "nl": BASE + nl_release,
        "en": BASE + en_release,
        "x-default": BASE + nl_release,
    }
    assert urls[BASE + "/en/themes/coastal-defence/"]["alternates"] == {
        "nl": BASE + "/nl/themas/kustverdediging/",
        "en": BASE + "/en/themes/coastal-defence/",
        "x-default": BASE + "/nl/themas/kustverdediging/",
    }
    assert urls[BASE + "/nl/"]["alternates"]["en"] == BASE + "/en/"
    assert urls[BASE + "/en/privacy-statement/"]["alternates"]["nl"] == (
        BASE + "/nl/privacyverklaring/"
    )


def test_sitemap_lastmod_is_the_publication_until_the_public_text_changes(client):
    """A save that is no edit of the public text (here: a script's) moves nothing;
    edits through the workflow do: tests/press/test_change_notes.py."""
    release = make_release(publish_at=dt.datetime(2024, 3, 9, 12, 0, tzinfo=dt.UTC))
    release.save()
    assert release.updated_at.date() != dt.date(2024, 3, 9)
    urls = sitemap(client)
    assert urls[BASE + release.get_absolute_url("nl")]["lastmod"] == "2024-03-09"
    assert urls[BASE + "/nl/"]["lastmod"] == "2024-03-09"


def test_dutch_only_release_has_no_english_url_or_alternate(client):
    release = make_release("Alleen Nederlands", english=False)
    urls = sitemap(client)
    nl_url = BASE + release.get_absolute_url("nl")
    assert nl_url in urls
    assert BASE + release.get_absolute_url("en") not in urls
    assert urls[nl_url]["alternates"] == {"nl": nl_url, "x-default": nl_url}


def test_sitemap_never_lists_unpublished_scheduled_or_withdrawn(client, releases_in_every_state):
    releases = releases_in_every_state()
    theme_without_public = make_theme("Leeg", slug_nl="leeg", slug_en="empty")
    releases.draft.themes.add(theme_without_public)
    text = client.get("/sitemap.xml").content.decode()
    assert releases.public.get_absolute_url("nl") in text
    for release in releases.hidden:
        assert release.slug_nl not in text
        assert release.slug_en not in text
    assert "/leeg/" not in text and "/empty/" not in text
    assert "/archief/2015/" not in text  # only a withdrawn release in that year
    assert "/voorbeeld/" not in text and "/preview/" not in text


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_robots_txt_and_sitemap_use_https_when_the_request_does(client):
    make_release()
    assert "Sitemap: https://testserver/sitemap.xml" in (
        client.get("/robots.txt", secure=True).content.decode()
    )
    text = client.get("/sitemap.xml", secure=True).content.decode()
    assert "<loc>https://testserver/nl/</loc>" in text
    assert "http://testserver" not in text
