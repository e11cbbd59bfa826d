"""Media on S3-compatible object storage (django-storages), against a real local S3
server (moto_server): an editor's upload in the admin ends up in a private bucket, its
renditions beside it, and the article page and the feed link to the app's addresses,
which serve them from the bucket while the release is public."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import denhaag_cms.settings as project_settings
from press.models import PressRelease
from tests.conftest import make_image
from tests.deploy.conftest import PDF_BYTES, S3_CREDENTIALS, s3_client
from tests.htmltree import attr, find, find_all, text
from tests.press.test_admin import ADD_URL, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def s3_media(settings, monkeypatch, s3_endpoint):
    """Uploads go to a fresh private bucket, configured the way an operator would:
    through the environment the settings read."""
    bucket = f"media-{uuid.uuid4().hex[:12]}"
    s3_client(s3_endpoint).create_bucket(Bucket=bucket)
    for name, value in S3_CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", bucket)
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", s3_endpoint)
    monkeypatch.setenv("AWS_S3_ADDRESSING_STYLE", "path")
    settings.STORAGES = settings.STORAGES | {"default": project_settings.media_storage()}
    return bucket


def test_settings_choose_s3_only_when_a_bucket_is_configured(monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    monkeypatch.delenv("DJANGO_MEDIA_STORAGE", raising=False)
    assert project_settings.media_storage() == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "nieuws-media")
    storage = project_settings.media_storage()
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "nieuws-media"
    # Same-named uploads must not replace each other; every object is private (readers
    # get files through the app), a storage address (the admin's) is signed.
    assert storage["OPTIONS"]["file_overwrite"] is False
    assert storage["OPTIONS"]["default_acl"] == "private"
    assert storage["OPTIONS"]["querystring_auth"] is True


def bucket_keys(s3, bucket: str, prefix: str) -> set[str]:
    listing = s3.list_objects_v2(Bucket=bucket, Prefix=prefix)
    return {item["Key"] for item in listing.get("Contents", [])}


def test_admin_upload_goes_to_the_bucket_and_the_page_links_to_it(
    client,
    chief_editor,
    s3_media,
    s3_endpoint,
    immediate_tasks,
    django_capture_on_commit_callbacks,
):
    client.force_login(chief_editor)
    data = form_data(
        title_nl="Kustverdediging versterkt",
        status="published",
        hero_image=make_image("duinen.png", (120, 80)),
        hero_alt_nl="Duinen bij Kijkduin",
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title_nl": "Factsheet kustverdediging",
            "attachments-0-title_en": "",
            "attachments-0-position": "0",
            "attachments-0-file": SimpleUploadedFile(
                "factsheet.pdf", PDF_BYTES, content_type="application/pdf"
            ),
        },
    )
    with django_capture_on_commit_callbacks(execute=True):  # the renditions' task
        response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.context and response.context.get("errors")
    release = PressRelease.objects.get()
    attachment = release.attachments.get()
    assert release.hero_renditions_ready

    s3 = s3_client(s3_endpoint)
    image_object = s3.get_object(Bucket=s3_media, Key=release.hero_image.name)
    pdf_object = s3.get_object(Bucket=s3_media, Key=attachment.file.name)
    assert image_object["ContentType"] == "image/png"
    assert pdf_object["ContentType"] == "application/pdf"
    assert pdf_object["Body"].read() == PDF_BYTES
    # Kept with the row, so pages never ask the bucket for them.
    assert (release.hero_width, release.hero_height) == (120, 80)
    assert attachment.size == len(PDF_BYTES)

    page = client.get(release.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    hero = find(html, "img", alt="Duinen bij Kijkduin")
    image_src = attr(hero, "src")
    (pdf_link,) = [a for a in find_all(html, "a", download=True) if "Factsheet" in text(a)]
    pdf_href = attr(pdf_link, "href")
    bucket_url = f"{s3_endpoint}/{s3_media}/"
    # The JPEG rendition (120 wide: never upscaled), through the app; not the original,
    # and no address in the bucket.
    assert image_src == release.hero_picture.share_url
    assert image_src.startswith(f"/renditions/{release.pk}/") and image_src.endswith(".jpg")
    assert bucket_url not in html
    assert pdf_href == attachment.get_absolute_url()

    # What the page links to comes from the bucket, with its exact type and nosniff.
    types = {".avif": "image/avif", ".webp": "image/webp", ".jpg": "image/jpeg"}
    picture = find(html, "picture")
    for element in find_all(picture, "source") + find_all(picture, "img"):
        for candidate in attr(element, "srcset").split(", "):
            address = candidate.split()[0]
            response = client.get(address)
            assert response.status_code == 200, candidate
            assert response["Content-Type"] == types[address[address.rindex(".") :]], address
            assert response["X-Content-Type-Options"] == "nosniff"
            assert b"".join(response.streaming_content)
    download = client.get(pdf_href)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF_BYTES
    # The bucket itself gives nothing to an anonymous reader, original or rendition.
    rendition_key = next(iter(bucket_keys(s3, s3_media, "__processed__/")))
    for key in (release.hero_image.name, rendition_key, attachment.file.name):
        grantees = s3.get_object_acl(Bucket=s3_media, Key=key)["Grants"]
        public = [g for g in grantees if g["Grantee"].get("URI", "").endswith("/AllUsers")]
        assert public == [], key

    feed = client.get(reverse("press:feed-rss"))
    assert feed.status_code == 200
    assert f'url="http://testserver{image_src}"' in feed.content.decode()  # the enclosure


def test_replacing_the_image_and_deleting_the_attachment_work_on_s3(
    client,
    chief_editor,
    s3_media,
    s3_endpoint,
    immediate_tasks,
    django_capture_on_commit_callbacks,
):
    """The edits an editor makes later go through the storage API too (S3Storage has
    no local path: code that asked for one would fail here)."""
    client.force_login(chief_editor)
    attachment_file = SimpleUploadedFile("bijlage.pdf", PDF_BYTES)
    data = form_data(
        title_nl="Eerste versie",
        status="published",
        hero_image=make_image("eerste.png"),
        hero_alt_nl="Eerste beeld",
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title_nl": "Bijlage",
            "attachments-0-position": "0",
            "attachments-0-file": attachment_file,
        },
    )
    with django_capture_on_commit_callbacks(execute=True):  # the renditions' task
        response = client.post(ADD_URL, data)
    assert response.status_code == 302
    release = PressRelease.objects.get()
    first_image = release.hero_image.name
    attachment = release.attachments.get()
    s3 = s3_client(s3_endpoint)
    first = release.hero_image.name
    first_stem = first.rsplit("/", 1)[1].rsplit(".", 1)[0]
    first_renditions = {
        key for key in bucket_keys(s3, s3_media, "__processed__/") if f"/{first_stem}-" in key
    }
    assert first_renditions and release.hero_renditions_ready
    change_url = reverse("admin:press_pressrelease_change", args=[release.pk])
    data = form_data(
        title_nl="Eerste versie",
        slug_nl=release.slug_nl,
        status="published",
        hero_image=make_image("tweede.png", (90, 60)),
        hero_alt_nl="Tweede beeld",
        change_kind="minor",  # a published release's edit: the editor's decision
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "1",
            "attachments-0-id": str(attachment.pk),
            "attachments-0-release": str(release.pk),
            "attachments-0-title_nl": "Bijlage",
            "attachments-0-position": "0",
            "attachments-0-DELETE": "on",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url, data)
    assert response.status_code == 302, response.context and response.context.get("errors")
    release.refresh_from_db()
    assert release.attachments.count() == 0
    assert (release.hero_width, release.hero_height) == (90, 60)
    s3.head_object(Bucket=s3_media, Key=release.hero_image.name)
    # The replaced image is gone from the bucket with its renditions (listed, no .path).
    keys = bucket_keys(s3, s3_media, "")
    assert first not in keys
    assert not first_renditions & keys
    assert release.hero_renditions_ready

    page = client.get(release.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    (hero,) = find_all(html, "img", width="90", height="60", alt="Tweede beeld")
    assert attr(hero, "src").startswith(f"/renditions/{release.pk}/")
    assert client.get(attr(hero, "src")).status_code == 200
    assert release.hero_image.name != first_image  # the second upload, stored anew
    assert "Bijlage" not in html
