import datetime as dt

import feedparser
import pytest
from django.utils import timezone

from press import images
from tests.conftest import make_image, make_release, make_theme, with_renditions
from tests.htmltree import find

pytestmark = pytest.mark.django_db


def parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


def test_rss_feed_lists_published_releases_newest_first(client):
    old = make_release("Oud bericht", publish_at=timezone.now() - dt.timedelta(days=9))
    new = make_release("Nieuw bericht", publish_at=timezone.now() - dt.timedelta(days=1))
    response, feed = parse(client, "/nl/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20"
    assert feed.feed.language == "nl"
    assert feed.feed.link == "http://testserver/nl/"
    assert [entry.title for entry in feed.entries] == ["Nieuw bericht", "Oud bericht"]
    first, second = feed.entries
    assert first.link == f"http://testserver{new.get_absolute_url('nl')}"
    assert first.summary == new.lead_nl
    assert second.link == f"http://testserver{old.get_absolute_url('nl')}"


def test_atom_feed_carries_published_and_updated(client):
    publish_at = dt.datetime(2016, 5, 25, 12, 0, tzinfo=dt.UTC)
    release = make_release("Den Haag toegetreden", publish_at=publish_at)
    response, feed = parse(client, "/nl/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10"
    entry = feed.entries[0]
    assert entry.title == "Den Haag toegetreden"
    assert entry.link == f"http://testserver{release.get_absolute_url('nl')}"
    assert entry.summary == release.lead_nl
    published = dt.datetime.fromisoformat(entry.published)
    updated = dt.datetime.fromisoformat(entry.updated)
    assert published == publish_at
    # Not updated for readers until a public change note (tests/press/test_change_notes.py).
    assert updated == publish_at


def test_rss_pubdate_is_the_publication_moment(client):
    make_release(publish_at=dt.datetime(2016, 5, 25, 12, 0, tzinfo=dt.UTC))
    _response, feed = parse(client, "/nl/rss/")
    assert feed.entries[0].published == "Wed, 25 May 2016 12:00:00 +0000"


@pytest.mark.parametrize("url", ["/nl/rss/", "/nl/atom/", "/en/rss/", "/en/atom/"])
def test_feeds_never_show_unpublished_scheduled_or_withdrawn(client, url, releases_in_every_state):
    public = releases_in_every_state().public
    _response, feed = parse(client, url)
    assert [entry.link for entry in feed.entries] == [
        f"http://testserver{public.get_absolute_url(url[1:3])}"
    ]


def test_feed_holds_the_newest_twenty(client):
    releases = [
        make_release(f"Bericht {n}", publish_at=timezone.now() - dt.timedelta(hours=n))
        for n in range(1, 23)
    ]
    _response, feed = parse(client, "/nl/rss/")
    assert len(feed.entries) == 20
    assert [entry.title for entry in feed.entries] == [r.title_nl for r in releases[:20]]


def test_english_feed_is_in_english(client):
    release = make_release("Nederlandse titel")
    _response, feed = parse(client, "/en/rss/")
    assert feed.feed.language == "en"
    entry = feed.entries[0]
    assert entry.title == release.title_en
    assert entry.summary == release.lead_en
    assert entry.link == f"http://testserver{release.get_absolute_url('en')}"
    assert "/en/press-releases/" in entry.link


def test_english_feed_keeps_dutch_only_releases_marked_and_linked_to_dutch(client):
    release = make_release("Alleen in het Nederlands", english=False)
    for url in ("/en/rss/", "/en/atom/"):
        _response, feed = parse(client, url)
        entry = feed.entries[0]
        assert entry.title == "Alleen in het Nederlands (Dutch only)"
        assert entry.summary == release.lead_nl
        assert entry.link == f"http://testserver{release.get_absolute_url('nl')}"
        assert entry.link.startswith("http://testserver/nl/persberichten/")


def test_theme_feeds_hold_only_the_theme(client):
    theme = make_theme("Kustverdediging", "Coastal defence", slug_nl="kustverdediging",
                       slug_en="coastal-defence")  # fmt: skip
    in_theme = make_release("Zandmotor")
    in_theme.themes.add(theme)
    make_release("Fietspad")
    for url in (
        "/nl/themas/kustverdediging/rss/",
        "/nl/themas/kustverdediging/atom/",
        "/en/themes/coastal-defence/rss/",
        "/en/themes/coastal-defence/atom/",
    ):
        _response, feed = parse(client, url)
        assert len(feed.entries) == 1, url
        assert feed.entries[0].link.endswith(in_theme.get_absolute_url(url[1:3]))
        assert [tag.term for tag in feed.entries[0].tags] == [theme.name_nl if "/nl/" in url
                                                              else theme.name_en]  # fmt: skip
    assert client.get("/nl/themas/onbekend/rss/").status_code == 404
    assert client.get("/en/themes/kustverdediging/rss/").status_code == 404


def test_hero_image_is_the_enclosure_as_its_shared_rendition(client):
    release = make_release(
        hero_image=make_image("zandmotor.png", size=(1300, 100)), hero_alt_nl="De Zandmotor"
    )
    with_renditions(release)
    make_release("Zonder beeld")
    for url in ("/nl/rss/", "/nl/atom/"):
        response, feed = parse(client, url)
        with_image = next(e for e in feed.entries if e.title == release.title_nl)
        (enclosure,) = with_image.enclosures
        # The 1200 wide JPEG that og:image names, never the original.
        assert enclosure.href == f"http://testserver{release.hero_picture.share_url}"
        assert enclosure.href.endswith(".jpg")
        assert enclosure.type == "image/jpeg"
        assert release.hero_image.url not in response.content.decode()
        without = next(e for e in feed.entries if e.title == "Zonder beeld")
        assert without.enclosures == []


def test_enclosure_length_is_the_jpeg_s_size_and_not_asked_of_the_storage(client, monkeypatch):
    from django.core.files.storage import FileSystemStorage, default_storage

    release = with_renditions(
        make_release(hero_image=make_image("zandmotor.png"), hero_alt_nl="Zand")
    )
    share_name = images.rendition_names(
        release.hero_image, release.hero_width, release.hero_height
    )[release.hero_picture.share_url.rsplit("/", 1)[1]]
    size = default_storage.size(share_name)
    assert size > 0

    def no_storage(*args, **kwargs):
        raise AssertionError("the storage was asked")

    for method in ("size", "open", "exists", "listdir"):
        monkeypatch.setattr(FileSystemStorage, method, no_storage)
    for url in ("/nl/rss/", "/en/atom/"):
        _response, feed = parse(client, url)
        (enclosure,) = feed.entries[0].enclosures
        # The size recorded when the rendition was made.
        assert enclosure.href.endswith(".jpg")
        assert int(enclosure.length) == size


def test_titles_and_leads_with_markup_characters_survive(client):
    make_release("Kust & zee: <nieuw> plan", lead_nl="Zand & water <script>x</script>")
    for url in ("/nl/rss/", "/nl/atom/"):
        _response, feed = parse(client, url)
        entry = feed.entries[0]
        assert entry.title == "Kust & zee: <nieuw> plan", url
        # The summary is HTML: the lead's text, escaped, never markup.
        assert entry.summary_detail.type == "text/html"
        assert entry.summary == "Zand &amp; water &lt;script&gt;x&lt;/script&gt;", url


def test_feeds_are_advertised_on_newsroom_and_theme_pages(client):
    make_theme("Kustverdediging", slug_nl="kustverdediging")
    html = client.get("/nl/").content.decode()
    assert find(html, "link", rel="alternate", type="application/rss+xml", href="/nl/rss/")
    assert find(html, "link", rel="alternate", type="application/atom+xml", href="/nl/atom/")
    html = client.get("/nl/themas/kustverdediging/").content.decode()
    assert 'href="/nl/themas/kustverdediging/rss/"' in html
    assert 'href="/nl/themas/kustverdediging/atom/"' in html
    html = client.get("/en/").content.decode()
    assert 'href="/en/rss/"' in html


def test_item_id_stays_the_same_when_the_address_changes(client):
    release = make_release("Eerste titel", english=False)
    urn = f"urn:denhaag-press:release:{release.pk}"
    urls = ("/nl/rss/", "/nl/atom/", "/en/rss/", "/en/atom/")
    before = {url: parse(client, url)[1].entries[0] for url in urls}
    release.slug_nl = "tweede-titel"
    release.title_en, release.lead_en, release.body_en = "In English", "Lead.", "<p>Text.</p>"
    release.save()
    for url in urls:
        _response, feed = parse(client, url)
        (entry,) = feed.entries
        assert entry.link != before[url].link, url  # the address did change
        assert entry.id == before[url].id == urn, url
        assert entry.guidislink is False, url
    assert b'<guid isPermaLink="false">' + urn.encode() + b"</guid>" in client.get(urls[0]).content
