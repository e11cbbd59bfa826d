"""Hero images as renditions (press/images.py): made once by the task worker, shown in
<picture> with srcset, shared as the 1200 wide JPEG; the original is never served."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from pytest_django.asserts import assertInHTML

from press import images, services, workflow
from press.models import PressRelease
from tests.conftest import make_image, make_release, with_renditions
from tests.htmltree import attr, find, find_all
from tests.press.test_uploads import change, post_release

pytestmark = pytest.mark.django_db

FORMATS = {"AVIF", "WEBP", "JPEG"} if images.AVIF in images.FORMATS else {"WEBP", "JPEG"}


def rendered_files() -> list[str]:
    """Every rendition in the media storage."""
    found = []

    def walk(folder: str) -> None:
        folders, files = default_storage.listdir(folder)
        found.extend(f"{folder}/{name}" for name in files)
        for sub in folders:
            walk(f"{folder}/{sub}")

    if default_storage.exists("__processed__"):
        walk("__processed__")
    return sorted(found)


def opened(name: str) -> tuple[str, tuple[int, int]]:
    with default_storage.open(name) as file:
        image = Image.open(io.BytesIO(file.read()))
        return image.format, image.size


def fetched(client, url: str) -> tuple[str, tuple[int, int]]:
    """The image a reader gets at `url` (through the app)."""
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200, url
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    return image.format, image.size


def srcset_urls(srcset: str) -> list[tuple[str, int]]:
    return [(part.split()[0], int(part.split()[1][:-1])) for part in srcset.split(", ")]


def test_renditions_at_every_width_and_format_after_saving(
    immediate_tasks, django_capture_on_commit_callbacks
):
    # Thin images encode fast; 1700 wide gets every width.
    release = make_release(hero_image=make_image(size=(1700, 100)), hero_alt_nl="Kust")
    assert not release.hero_renditions_ready
    with django_capture_on_commit_callbacks(execute=True):
        services.hero_image_saved(release, None)
    release.refresh_from_db()
    assert release.hero_rendered == release.hero_image.name
    made = {opened(name) for name in rendered_files()}
    assert made == {
        (fmt, (width, round(100 * width / 1700)))
        for fmt in FORMATS
        for width in (480, 800, 1200, 1600)
    }


def test_renditions_are_never_wider_than_the_original(client):
    release = with_renditions(
        make_release(hero_image=make_image(size=(600, 300)), hero_alt_nl="Kust")
    )
    # 480 wide, and one at its own width for every wider slot; nothing upscaled.
    assert {opened(name) for name in rendered_files()} == {
        (fmt, size) for fmt in FORMATS for size in ((480, 240), (600, 300))
    }
    picture = release.hero_picture
    assert [w for _url, w in srcset_urls(picture.srcset)] == [480, 600]
    assert (picture.share_width, picture.share_height) == (600, 300)


def test_the_article_shows_the_renditions_in_a_picture(client):
    release = with_renditions(
        make_release(hero_image=make_image(size=(1300, 650)), hero_alt_nl="De Zandmotor")
    )
    html = client.get(release.get_absolute_url("nl")).content.decode()
    (picture,) = re.findall(r"<picture>.*?</picture>", html, re.S)
    sources = re.findall(r'<source type="([^"]+)" srcset="([^"]+)" sizes="([^"]+)">', picture)
    assert [mime for mime, _s, _z in sources] == [
        fmt.mime_type for fmt in images.FORMATS if fmt is not images.JPEG
    ]
    (img,) = re.findall(r"<img [^>]*>", picture)
    assert 'width="1300" height="650" alt="De Zandmotor" fetchpriority="high"' in img
    assert "loading=" not in img  # above the fold: not lazy
    jpeg_srcset = re.search(r'srcset="([^"]+)"', img).group(1)
    expected = {"image/avif": "AVIF", "image/webp": "WEBP"}
    for mime, srcset, sizes in [*sources, ("image/jpeg", jpeg_srcset, images.SIZES)]:
        assert sizes == images.SIZES
        entries = srcset_urls(srcset)
        assert [w for _url, w in entries] == [480, 800, 1200, 1300]
        for url, width in entries:
            fmt, size = fetched(client, url)
            assert fmt == expected.get(mime, "JPEG")
            assert size[0] == width
    assert 'src="' + release.hero_picture.share_url + '"' in img


def test_og_image_is_the_1200_jpeg_rendition(client):
    release = with_renditions(
        make_release(hero_image=make_image(size=(1700, 100)), hero_alt_nl="Kust")
    )
    html = client.get(release.get_absolute_url("nl")).content.decode()
    og = attr(find(html, "meta", property="og:image"), "content")
    assert fetched(client, og) == ("JPEG", (1200, 71))
    assertInHTML('<meta property="og:image:width" content="1200">', html, count=1)
    assertInHTML('<meta property="og:image:height" content="71">', html, count=1)
    assertInHTML(f'<meta name="twitter:image" content="{og}">', html, count=1)


def test_the_original_is_nowhere_public(client):
    release = with_renditions(
        make_release(hero_image=make_image(size=(900, 450)), hero_alt_nl="Kust")
    )
    original = release.hero_image.url
    html = client.get(release.get_absolute_url("nl")).content.decode()
    assert len(find_all(html, "picture")) == 1
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(block)["image"] == ["http://testserver" + release.hero_picture.share_url]
    for url in ("/nl/", "/en/", "/nl/rss/", "/nl/atom/", "/sitemap.xml",
                release.get_absolute_url("nl"), release.get_absolute_url("en")):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert original not in response.content.decode(), url


def test_until_the_renditions_are_made_the_page_shows_no_image(client, dummy_tasks):
    release = make_release(hero_image=make_image(size=(900, 450)), hero_alt_nl="Kust")
    html = client.get(release.get_absolute_url("nl")).content.decode()
    assert release.title_nl in html
    assert find_all(html, "picture") == []
    assert find_all(html, "meta", property="og:image") == []
    assert release.hero_image.url not in html


def test_article_with_renditions_costs_no_query_and_no_storage_call(
    client, monkeypatch, django_assert_max_num_queries
):
    plain = make_release("Zonder beeld")
    with_image = with_renditions(
        make_release("Met beeld", hero_image=make_image(size=(1300, 650)), hero_alt_nl="Kust")
    )
    client.get(plain.get_absolute_url("nl"))  # warm up (sessions, caches)
    with django_assert_max_num_queries(20) as without:
        response = client.get(plain.get_absolute_url("nl"))
    assert response.status_code == 200

    budget = len(without.captured_queries)  # before the next request resets the log

    def no_storage(*args, **kwargs):
        raise AssertionError("the storage was asked")

    for method in ("exists", "open", "size", "listdir"):
        monkeypatch.setattr(FileSystemStorage, method, no_storage)
    client.get(with_image.get_absolute_url("nl"))  # renders and stores the page
    with django_assert_max_num_queries(budget):
        response = client.get(with_image.get_absolute_url("nl"))
    assert response.status_code == 200
    assert len(find_all(response.content.decode(), "picture")) == 1
    assert "Met beeld" in response.content.decode()


def test_replacing_or_clearing_the_image_removes_its_renditions(
    client, editor, immediate_tasks, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        post_release(client, {"hero_image": make_image(size=(500, 250))}, hero_alt_nl="Strand")
    release = PressRelease.objects.get()
    first = release.hero_image.name
    first_stem = first.rsplit("/", 1)[1].rsplit(".", 1)[0]
    assert release.hero_rendered == first
    assert len(rendered_files()) == 2 * len(FORMATS)  # 480 and 500 wide
    assert all(f"/{first_stem}-" in name for name in rendered_files())

    with django_capture_on_commit_callbacks(execute=True):
        response = change(
            client, release, {"hero_image": make_image("nieuw.png", (400, 200))}, hero_alt_nl="Zee"
        )
    assert response.status_code == 302
    release.refresh_from_db()
    second_stem = release.hero_image.name.rsplit("/", 1)[1].rsplit(".", 1)[0]
    assert release.hero_rendered == release.hero_image.name != first
    assert not default_storage.exists(first)
    assert len(rendered_files()) == len(FORMATS)  # 400 wide only
    assert all(f"/{second_stem}-" in name for name in rendered_files())
    assert [w for _url, w in srcset_urls(release.hero_picture.srcset)] == [400]

    with django_capture_on_commit_callbacks(execute=True):
        response = change(client, release, {"hero_image-clear": "on"})
    assert response.status_code == 302
    assert rendered_files() == []


def test_deleting_a_release_removes_its_renditions(django_capture_on_commit_callbacks):
    release = with_renditions(
        make_release(hero_image=make_image(), hero_alt_nl="Kust", status=PressRelease.Status.DRAFT)
    )
    assert rendered_files()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.delete_release(release)
    assert rendered_files() == []
    assert not default_storage.exists(release.hero_image.name)


def test_the_task_leaves_a_replaced_image_alone():
    release = make_release(hero_image=make_image(), hero_alt_nl="Kust")
    old = release.hero_image.name
    release.hero_image = make_image("nieuw.png")
    release.save()
    from press import tasks

    assert tasks.make_hero_renditions.call(release.pk, old) == 0
    release.refresh_from_db()
    assert release.hero_rendered == ""


def test_makerenditions_makes_the_missing_ones():
    release = make_release(hero_image=make_image(size=(500, 250)), hero_alt_nl="Kust")
    call_command("makerenditions", verbosity=0)
    release.refresh_from_db()
    assert release.hero_renditions_ready
    assert len(rendered_files()) == 2 * len(FORMATS)
    # The feeds' enclosure length: the shared JPEG's size, recorded with it.
    share = images.rendition_names(release.hero_image, release.hero_width, release.hero_height)[
        release.hero_picture.share_url.rsplit("/", 1)[1]
    ]
    assert release.hero_share_size == default_storage.size(share) > 0


def test_loaddemo_gives_the_demo_releases_hero_images(
    client, dummy_tasks, django_capture_on_commit_callbacks
):
    from press import tasks

    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddemo", verbosity=0)
    seed = PressRelease.objects.get(
        slug_nl="den-haag-toegetreden-tot-100-resilient-cities-netwerk"
    )
    assert (seed.hero_width, seed.hero_height) == (1600, 900)
    assert seed.hero_alt_nl == "Illustratie: de skyline van Den Haag aan zee bij zonsondergang"
    assert seed.hero_alt_en == "Illustration: the skyline of The Hague by the sea at sunset"
    assert seed.hero_credit == "Gemeente Den Haag (illustratie, demo)"
    with_images = PressRelease.objects.exclude(hero_image="")
    assert with_images.count() >= 10
    # Each image's renditions are queued for the task worker (`make run` starts it).
    queued = tasks.make_hero_renditions.get_backend().results
    assert sorted(tuple(result.args) for result in queued) == sorted(
        with_images.values_list("pk", "hero_image")
    )
    tasks.make_hero_renditions.call(seed.pk, seed.hero_image.name)
    html = client.get(seed.get_absolute_url("nl")).content.decode()
    (picture,) = find_all(html, "picture")
    assert find_all(
        picture, "img", alt="Illustratie: de skyline van Den Haag aan zee bij zonsondergang"
    )
    assert "Afbeelding: Gemeente Den Haag (illustratie, demo)" in html
    assert seed.hero_image.url not in html

    # Idempotent: a second run adds no image and queues only what is not made yet.
    names = set(with_images.values_list("hero_image", flat=True))
    queued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddemo", verbosity=0)
    assert set(with_images.values_list("hero_image", flat=True)) == names
    assert seed.pk not in {result.args[0] for result in queued}
    assert len(queued) == len(names) - 1


# -- the images follow their release ---------------------------------------------------


def hero_addresses(client, url: str) -> list[str]:
    """Every rendition address the page at `url` shows (srcsets and the <img>'s src)."""
    html = client.get(url).content.decode()
    (picture,) = re.findall(r"<picture>.*?</picture>", html, re.S)
    addresses = {attr(find(picture, "img"), "src")}
    for element in find_all(picture, "source") + find_all(picture, "img"):
        addresses |= {address for address, _w in srcset_urls(attr(element, "srcset"))}
    return sorted(addresses)


def test_a_withdrawn_or_unpublished_releases_images_answer_404(client, chief_editor):
    """A withdrawn release's hero image stayed public: its renditions were files
    served to anyone who had their address."""
    release = with_renditions(
        make_release(hero_image=make_image(size=(900, 450)), hero_alt_nl="Kust")
    )
    addresses = hero_addresses(client, release.get_absolute_url("nl"))
    assert len(addresses) == len(images.rendition_keys(900, 450))  # every width and format
    for address in addresses:
        assert address.startswith(f"/renditions/{release.pk}/")
        response = client.get(address)
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=3600, s-maxage=3, stale-if-error=600"
        assert response["X-Content-Type-Options"] == "nosniff"
    ending = {".avif": "image/avif", ".webp": "image/webp", ".jpg": "image/jpeg"}
    assert {client.get(a)["Content-Type"] for a in addresses} == {
        ending[a[a.rindex(".") :]] for a in addresses
    }

    workflow.change_status(
        release, PressRelease.Status.WITHDRAWN, user=chief_editor, explanation={"nl": "Fout."}
    )
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 404, address
        assert not response.has_header("Content-Disposition")
    # Back to draft, or scheduled for later: not public either.
    PressRelease.objects.filter(pk=release.pk).update(
        status=PressRelease.Status.PUBLISHED, publish_at=timezone.now() + dt.timedelta(days=1)
    )
    assert {client.get(a).status_code for a in addresses} == {404}
    # Staff who may see unpublished releases see it in the preview, never cached.
    client.force_login(chief_editor)
    response = client.get(addresses[0])
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_only_the_releases_own_renditions_are_served(client):
    release = with_renditions(make_release(hero_image=make_image(size=(600, 300))))
    other = with_renditions(make_release(hero_image=make_image(size=(600, 300))))
    theirs = hero_addresses(client, other.get_absolute_url("nl"))[0]
    name = theirs.rsplit("/", 1)[1]
    assert client.get(f"/renditions/{other.pk}/{name}").status_code == 200
    assert client.get(f"/renditions/{release.pk}/{name}").status_code == 404
    original = release.hero_image.name.rsplit("/", 1)[1]
    assert client.get(f"/renditions/{release.pk}/{original}").status_code == 404
    assert client.get(f"/renditions/{release.pk}/..%2F..%2Fsettings.py").status_code == 404


def test_the_front_caches_revalidation_is_a_304(client):
    release = with_renditions(make_release(hero_image=make_image(size=(600, 300))))
    address = hero_addresses(client, release.get_absolute_url("nl"))[0]
    etag = client.get(address)["ETag"]
    response = client.get(address, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert "s-maxage=3" in response["Cache-Control"]


def test_a_share_link_shows_the_image_before_publication_and_not_after_withdrawal(
    client, chief_editor
):
    from tests.press.test_share_links import embargo_url, scheduled, share

    release = with_renditions(scheduled(hero_image=make_image(size=(600, 300))))
    _link, token = share(release)
    addresses = hero_addresses(client, embargo_url(token))
    assert all(a.startswith(f"/nl/embargo/{token}/afbeeldingen/") for a in addresses)
    public = f"/renditions/{release.pk}/{addresses[0].rsplit('/', 1)[1]}"
    assert client.get(public).status_code == 404  # not public before its moment
    response = client.get(addresses[0])
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    # Public now: the link's address leads to the public one.
    PressRelease.objects.filter(pk=release.pk).update(publish_at=timezone.now())
    response = client.get(addresses[0])
    assert response.status_code == 302 and response["Location"] == public
    workflow.change_status(
        release, PressRelease.Status.WITHDRAWN, user=chief_editor, explanation={"nl": "Fout."}
    )
    assert client.get(addresses[0]).status_code == 404
    assert client.get(public).status_code == 404
