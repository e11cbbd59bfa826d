import datetime as dt
import json
import re

import pytest
from django.template import Context, Template
from django.test.html import Element
from pytest_django.asserts import assertInHTML

from press.models import PressRelease
from tests.conftest import make_image, make_release, make_theme, with_renditions
from tests.htmltree import attr, find, find_all

pytestmark = pytest.mark.django_db

PUBLISHED = dt.datetime(2016, 5, 25, 12, 0, tzinfo=dt.UTC)


def head(html: str) -> Element:
    return find(html, "head")


def meta(html: str, key: str) -> list[str]:
    """The content of every <meta property|name="key"> in the page's head."""
    return [
        attr(element, "content")
        for element in find_all(head(html), "meta", property=key)
        + find_all(head(html), "meta", name=key)
    ]


def json_ld(html: str) -> dict:
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def test_article_has_canonical_description_and_open_graph(client):
    release = make_release("Den Haag toegetreden", publish_at=PUBLISHED)
    release.themes.add(make_theme("Cybersecurity"))
    url = "http://testserver" + release.get_absolute_url("nl")
    html = client.get(release.get_absolute_url("nl")).content.decode()
    assertInHTML(f'<link rel="canonical" href="{url}">', str(head(html)), count=1)
    assert meta(html, "description") == [release.lead_nl]
    assert meta(html, "og:type") == ["article"]
    assert meta(html, "og:title") == ["Den Haag toegetreden"]
    assert meta(html, "og:description") == [release.lead_nl]
    assert meta(html, "og:url") == [url]
    assert meta(html, "og:locale") == ["nl_NL"]
    assert meta(html, "og:locale:alternate") == ["en_GB"]
    assert meta(html, "og:site_name") == ["Gemeente Den Haag"]
    assert meta(html, "article:published_time") == ["2016-05-25T14:00:00+02:00"]
    modified = dt.datetime.fromisoformat(meta(html, "article:modified_time")[0])
    assert abs(modified - release.last_public_change) < dt.timedelta(seconds=1)
    assert meta(html, "article:tag") == ["Cybersecurity"]
    assert meta(html, "og:image") == []
    assert meta(html, "twitter:card") == ["summary"]
    assert meta(html, "twitter:title") == ["Den Haag toegetreden"]


def test_english_article_previews_in_english(client):
    release = make_release(publish_at=PUBLISHED)
    html = client.get(release.get_absolute_url("en")).content.decode()
    assert meta(html, "og:locale") == ["en_GB"]
    assert meta(html, "og:locale:alternate") == ["nl_NL"]
    assert meta(html, "og:title") == [release.title_en]
    assert meta(html, "og:url") == ["http://testserver" + release.get_absolute_url("en")]
    data = json_ld(html)
    assert data["inLanguage"] == "en"
    assert data["headline"] == release.title_en


def test_hero_image_makes_a_large_card_with_alt_text(client):
    release = make_release(
        hero_image=make_image(size=(1300, 650)), hero_alt_nl="De Zandmotor vanuit de lucht"
    )
    with_renditions(release)
    html = client.get(release.get_absolute_url("nl")).content.decode()
    # The 1200 wide JPEG rendition, never the original.
    image = "http://testserver" + release.hero_picture.share_url
    assert image.endswith(".jpg")
    assert image != "http://testserver" + release.hero_image.url
    assert meta(html, "og:image") == [image]
    assert meta(html, "og:image:width") == ["1200"]
    assert meta(html, "og:image:height") == ["600"]
    assert meta(html, "og:image:alt") == ["De Zandmotor vanuit de lucht"]
    assert meta(html, "twitter:card") == ["summary_large_image"]
    assert meta(html, "twitter:image") == [image]
    assert meta(html, "twitter:image:alt") == ["De Zandmotor vanuit de lucht"]
    assert json_ld(html)["image"] == [image]


def test_news_article_json_ld(client, settings):
    settings.SITE_NAME = "Gemeente Den Haag"
    release = make_release("Den Haag toegetreden", publish_at=PUBLISHED)
    url = "http://testserver" + release.get_absolute_url("nl")
    data = json_ld(client.get(release.get_absolute_url("nl")).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Den Haag toegetreden"
    assert data["description"] == release.lead_nl
    assert data["inLanguage"] == "nl"
    assert data["datePublished"] == "2016-05-25T14:00:00+02:00"
    modified = dt.datetime.fromisoformat(data["dateModified"])
    assert modified.utcoffset() is not None
    assert abs(modified - release.last_public_change) < dt.timedelta(seconds=1)
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Gemeente Den Haag"
    assert "image" not in data


def test_json_ld_cannot_break_out_of_its_script(client):
    release = make_release(
        "Titel </script><script>alert(1)</script>", lead_nl="Lead & <!-- commentaar -->"
    )
    html = client.get(release.get_absolute_url("nl")).content.decode()
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<" not in block and ">" not in block and "&" not in block
    data = json.loads(block)
    assert data["headline"] == "Titel </script><script>alert(1)</script>"
    assert data["description"] == "Lead & <!-- commentaar -->"
    assert "<script>alert(1)" not in html


def test_jsonld_filter_escapes_markup_characters():
    rendered = Template("{% load press %}{{ data|jsonld }}").render(
        Context({"data": {"a": "</script><b>&</b>", "n": 1, "list": ["é"]}})
    )
    opening = '<script type="application/ld+json">'
    assert rendered.startswith(opening) and rendered.endswith("</script>")
    payload = rendered[len(opening) : -len("</script>")]
    assert "<" not in payload and ">" not in payload and "&" not in payload
    assert json.loads(payload) == {"a": "</script><b>&</b>", "n": 1, "list": ["é"]}


def test_absolute_addresses_come_from_site_url_not_the_request(client, settings):
    """A cached page is shown to everyone: its addresses never carry a request's Host."""
    settings.SITE_URL = "https://nieuws.denhaag.nl"
    settings.ALLOWED_HOSTS = ["other.example"]
    release = make_release()
    html = client.get(
        release.get_absolute_url("nl"), secure=False, HTTP_HOST="other.example"
    ).content.decode()
    url = "https://nieuws.denhaag.nl" + release.get_absolute_url("nl")
    assertInHTML(f'<link rel="canonical" href="{url}">', html, count=1)
    assert meta(html, "og:url") == [url]
    assertInHTML(f'<link rel="alternate" hreflang="nl" href="{url}">', html)
    assert '"@id": "' + url + '"' in html or url in html.split("application/ld+json")[1]
    assert "other.example" not in html


def test_untranslated_english_page_has_no_preview_and_is_not_an_alternate(client):
    release = make_release("Alleen Nederlands", english=False)
    html = client.get(release.get_absolute_url("en")).content.decode()
    assert meta(html, "robots") == ["noindex"]
    assert meta(html, "og:type") == []
    assert 'rel="canonical"' not in html
    assert "application/ld+json" not in html
    dutch = client.get(release.get_absolute_url("nl")).content.decode()
    assert 'hreflang="en" href=' not in head(dutch)  # no hreflang to a noindex page
    assert f'href="{release.get_absolute_url("en")}" hreflang="en"' in dutch  # still switchable
    assert meta(dutch, "og:locale:alternate") == []


def test_staff_preview_has_no_canonical(client, editor):
    draft = make_release(status=PressRelease.Status.DRAFT)
    client.force_login(editor)
    html = client.get(draft.get_preview_url()).content.decode()
    assert meta(html, "robots") == ["noindex"]
    assert 'rel="canonical"' not in html


def test_list_pages_have_a_canonical_address(client, settings):
    settings.PRESS_PAGE_SIZE = 1
    theme = make_theme("Kustverdediging", slug_nl="kustverdediging")
    for n in range(2):
        release = make_release(
            f"Bericht {n}", publish_at=dt.datetime(2016, 6, 1 + n, tzinfo=dt.UTC)
        )
        release.themes.add(theme)

    def canonical(url: str) -> str:
        (href,) = re.findall(
            r'<link rel="canonical" href="([^"]+)">', client.get(url).content.decode()
        )
        return href

    assert canonical("/nl/") == "http://testserver/nl/"
    assert canonical("/nl/?page=2") == "http://testserver/nl/?page=2"
    assert canonical("/en/") == "http://testserver/en/"
    # A filtered or searched list points to the newsroom itself.
    assert canonical("/nl/?q=bericht&page=2") == "http://testserver/nl/"
    assert canonical("/nl/?theme=kustverdediging") == "http://testserver/nl/"
    assert (
        canonical("/nl/themas/kustverdediging/") == "http://testserver/nl/themas/kustverdediging/"
    )
    assert canonical("/nl/themas/kustverdediging/?page=2") == (
        "http://testserver/nl/themas/kustverdediging/?page=2"
    )
    assert canonical("/nl/archief/2016/") == "http://testserver/nl/archief/2016/"
