"""Uploads: checked by their bytes, cleaned, unguessable, removed when replaced.

Through the admin as an editor uses it (form errors in Dutch), and the stored result
read back from the storage.
"""

import io
import re
import struct
import zipfile
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image, ImageFile

from press import uploads
from press.models import Attachment, PressRelease
from tests.conftest import make_image, make_release
from tests.press.test_admin import ADD_URL, form_data

pytestmark = pytest.mark.django_db

RANDOM_IMAGE = re.compile(r"press/images/[0-9a-f]{32}\.(jpg|png|webp)")
RANDOM_ATTACHMENT = re.compile(r"press/attachments/[0-9a-f]{32}\.[a-z]+")


# -- files to upload -----------------------------------------------------------------


def png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_bomb(width: int = 12000, height: int = 12000) -> bytes:
    """A valid 1-bit PNG of width × height pixels, all black: a few KB on disk,
    hundreds of MB once decoded. Built by hand so the test never decodes it either."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", data)
        + png_chunk(b"IEND", b"")
    )


def photo_with_gps(size=(60, 30)) -> bytes:
    """A JPEG as a phone makes it: camera, GPS position, and rotated 90° (Orientation 6)."""
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))  # left half blue
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "Canon EOS 5D Mark IV"
    exif[ExifTags.Base.Orientation] = 6
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 4.0, 48.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (4.0, 18.0, 0.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), comment=b"Vakantie Scheveningen")
    return buffer.getvalue()


def png_with_text() -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "Adres: Spui 70, geheim")
    info.add_itxt("Author", "Jan Geheim")
    buffer = io.BytesIO()
    Image.new("RGBA", (40, 20), (0, 88, 60, 128)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def a_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx() -> bytes:
    types = (
        b'<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType='
        b'"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        b"</Types>"
    )
    return a_zip({"[Content_Types].xml": types, "word/document.xml": b"<w:document/>"})


def docm() -> bytes:
    types = (
        b'<Types><Override PartName="/word/document.xml" '
        b'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
    )
    return a_zip({"[Content_Types].xml": types, "word/vbaProject.bin": b"macro"})


def odt() -> bytes:
    return a_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


# -- the admin form ------------------------------------------------------------------


def post_release(client, files: dict, **overrides):
    data = form_data(**overrides)
    if "attachments" in files:
        upload = files.pop("attachments")
        data |= {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title_nl": "Factsheet",
            "attachments-0-title_en": "",
            "attachments-0-position": "0",
            "attachments-0-file": upload,
        }
    return client.post(ADD_URL, data | files)


def stored_files() -> list[str]:
    names = []
    for folder in ("press/images", "press/attachments"):
        if default_storage.exists(folder):
            names += [f"{folder}/{name}" for name in default_storage.listdir(folder)[1]]
    return names


def form_errors(response, field: str) -> list[str]:
    return list(response.context["adminform"].form.errors.get(field, []))


def inline_errors(response) -> list[str]:
    [formset] = [
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "attachments"
    ]
    return [str(e) for form in formset.formset.forms for e in form.errors.get("file", [])]


# -- hero images -----------------------------------------------------------------------


@pytest.mark.parametrize(("width", "height"), [(12000, 12000), (7000, 7000)])
def test_decompression_bomb_is_refused_from_its_header(client, editor, monkeypatch, width, height):
    """12000×12000 (17.5 KB, ~576 MB decoded: beyond Pillow's own limit) and 7000×7000
    (49 MP: above ours, below Pillow's): refused without decoding a pixel."""
    bomb = png_bomb(width, height)
    assert len(bomb) < 60_000
    monkeypatch.setattr(
        ImageFile.ImageFile, "load", lambda self: pytest.fail("the image was decoded")
    )
    client.force_login(editor)
    upload = SimpleUploadedFile("kaart.png", bomb, content_type="image/png")
    response = post_release(client, {"hero_image": upload}, hero_alt_nl="Kaart")
    assert response.status_code == 200
    assert form_errors(response, "hero_image") == [
        "Deze afbeelding heeft te veel pixels: hoogstens 40 megapixel (bijvoorbeeld "
        "8000 × 5000). Maak haar kleiner en upload haar opnieuw."
    ]
    assert "te veel pixels" in response.content.decode()
    assert not PressRelease.objects.exists()
    assert stored_files() == []


@pytest.mark.parametrize("name", ["foto.jpg", "foto.png", "foto.svg"])
@pytest.mark.parametrize("content", [HTML, SVG, PDF, b"GIF89a\x01\x00\x01\x00"])
def test_not_an_image_is_refused_whatever_its_name(client, editor, name, content):
    client.force_login(editor)
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    response = post_release(client, {"hero_image": upload}, hero_alt_nl="Foto")
    assert response.status_code == 200
    assert form_errors(response, "hero_image") == [
        "Dit bestand is geen afbeelding die we kunnen gebruiken. "
        "Upload een JPEG-, PNG- of WebP-afbeelding."
    ]
    assert not PressRelease.objects.exists()
    assert stored_files() == []


def test_photo_loses_gps_and_camera_and_is_turned_upright(client, editor):
    original = photo_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    client.force_login(editor)
    upload = SimpleUploadedFile("vakantie-scheveningen.jpg", original, content_type="image/jpeg")
    response = post_release(client, {"hero_image": upload}, hero_alt_nl="Strand")
    assert response.status_code == 302, response.context["adminform"].form.errors
    release = PressRelease.objects.get()
    name = release.hero_image.name
    assert RANDOM_IMAGE.fullmatch(name), name
    assert "vakantie" not in name
    with default_storage.open(name) as stored:
        data = stored.read()
    for secret in (b"Canon", b"Vakantie", b"Exif"):
        assert secret not in data
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert "exif" not in image.info and "comment" not in image.info
    # Orientation 6 applied: 60×30 stored as 30×60, and the row says so.
    assert image.size == (30, 60)
    assert (release.hero_width, release.hero_height) == (30, 60)
    assert release.hero_size == len(data)
    # The blue left half is now on top.
    red, green, blue = image.convert("RGB").getpixel((15, 5))
    assert blue > 150 and red < 100


def test_png_text_chunks_are_removed_transparency_kept(client, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("logo.png", png_with_text(), content_type="image/png")
    response = post_release(client, {"hero_image": upload}, hero_alt_nl="Logo")
    assert response.status_code == 302
    release = PressRelease.objects.get()
    with default_storage.open(release.hero_image.name) as stored:
        data = stored.read()
    assert b"geheim" not in data.lower() and b"tEXt" not in data and b"iTXt" not in data
    image = Image.open(io.BytesIO(data))
    assert image.mode == "RGBA" and image.getpixel((1, 1))[3] == 128
    assert (release.hero_width, release.hero_height) == (40, 20)


# -- attachments -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF, "application/pdf"),
        (docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (odt(), "application/vnd.oasis.opendocument.text"),
        (a_zip({"kaart.pdf": PDF}), "application/zip"),
        (
            b"wijk;inwoners\nCentrum;110000\nScheveningen;55000\n",
            "text/csv; charset=utf-8",
        ),
        (b"Persbericht in platte tekst, 3 < 5.\n", "text/plain; charset=utf-8"),
        (b"jaar,bedrag\n" + b"2016,100\n" * 300_000, "text/csv; charset=utf-8"),  # 2.7 MB
        (make_image("x.png").read(), "image/png"),
    ],
)
def test_attachments_are_known_by_their_bytes(content, kind):
    upload = SimpleUploadedFile("bijlage.bin", content)
    assert uploads.sniff_attachment(upload).content_type == kind


@pytest.mark.parametrize(
    "content",
    [
        HTML,
        SVG,
        b"  \n<html><body>hi</body></html>",
        b"Zie <a href=x>hier</a>",
        b"<!-- commentaar --><p>tekst</p>",
        docm(),
        a_zip({"mimetype": b"application/x-unknown"}),
        b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)),  # a Windows program
        "tekst in latin-1: café".encode("latin-1"),
        b"jaar,bedrag\n" + b"2016,100\n" * 300_000 + b"<script>alert(1)</script>",
        b"PK\x03\x04 not really a zip",
        a_zip({"[Content_Types].xml": b" " * (2 * 1024 * 1024)}),  # too much to unpack
        b"",
    ],
)
def test_everything_else_is_refused(content):
    with pytest.raises(uploads.ValidationError):
        uploads.sniff_attachment(SimpleUploadedFile("factsheet.pdf", content))


def test_html_named_pdf_is_refused_in_the_form(client, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("factsheet.pdf", HTML, content_type="application/pdf")
    response = post_release(client, {"attachments": upload})
    assert response.status_code == 200
    assert inline_errors(response) == [
        "Dit bestand bevat webpaginacode (HTML, SVG of XML) en kan niet als bijlage "
        "worden toegevoegd, wat de naam ook is. Voeg het als PDF toe."
    ]
    assert "webpaginacode" in response.content.decode()
    assert not PressRelease.objects.exists() and stored_files() == []


def test_pdf_named_docx_is_stored_as_pdf_under_a_random_name(client, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("Factsheet kustverdediging.docx", PDF)
    response = post_release(client, {"attachments": upload})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.filename == "Factsheet_kustverdediging.pdf"
    assert RANDOM_ATTACHMENT.fullmatch(attachment.file.name), attachment.file.name
    assert "factsheet" not in attachment.file.name.lower()
    assert attachment.extension == "PDF"


def test_image_attachment_loses_its_metadata(client, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("persfoto.jpg", photo_with_gps())
    assert post_release(client, {"attachments": upload}).status_code == 302
    attachment = Attachment.objects.get()
    with default_storage.open(attachment.file.name) as stored:
        data = stored.read()
    assert b"Canon" not in data and not Image.open(io.BytesIO(data)).getexif()
    assert attachment.content_type == "image/jpeg"
    assert attachment.filename == "persfoto.jpg"


# -- not reachable before publication ----------------------------------------------------


def attach(release: PressRelease, name: str = "Factsheet kust.pdf", content: bytes = PDF):
    return Attachment.objects.create(
        release=release, title_nl="Factsheet", file=SimpleUploadedFile(name, content)
    )


def test_draft_attachment_answers_404_until_publication(client, editor, chief_editor):
    from press.workflow import change_status

    release = make_release(status=PressRelease.Status.DRAFT)
    attachment = attach(release)
    url = attachment.get_absolute_url()
    assert url == reverse(
        "press:attachment-download",
        kwargs={"pk": attachment.pk, "filename": "Factsheet_kust.pdf"},
    )
    assert "kust" not in attachment.file.name
    assert client.get(url).status_code == 404

    client.force_login(editor)  # staff preview
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF
    client.logout()

    change_status(release, PressRelease.Status.PUBLISHED, user=chief_editor)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="Factsheet_kust.pdf"'
    # Browsers may keep it an hour; the front cache (nginx) only a few seconds, so a
    # withdrawal reaches it as soon as it reaches the pages (denhaag_cms/frontcache.py).
    assert response["Cache-Control"] == "public, max-age=3600, s-maxage=3, stale-if-error=600"
    assert b"".join(response.streaming_content) == PDF
    page = client.get(release.get_absolute_url("nl")).content.decode()
    assert f'href="{url}"' in page
    assert attachment.file.url not in page


def test_attachment_of_scheduled_or_withdrawn_release_answers_404(client, chief_editor):
    import datetime as dt

    from django.utils import timezone

    from press.workflow import change_status

    scheduled = make_release(publish_at=timezone.now() + dt.timedelta(days=1))
    assert client.get(attach(scheduled).get_absolute_url()).status_code == 404
    published = make_release()
    attachment = attach(published)
    assert client.get(attachment.get_absolute_url()).status_code == 200
    change_status(
        published,
        PressRelease.Status.WITHDRAWN,
        user=chief_editor,
        explanation={"nl": "Dit bericht bevatte een fout."},
    )
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_office_files_are_downloaded_with_their_sniffed_type(client):
    attachment = attach(make_release(), "Begroting 2016.xlsx", docx())
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == 'attachment; filename="Begroting_2016.xlsx"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_wrong_name_or_missing_file_answers_404(client):
    attachment = attach(make_release())
    url = attachment.get_absolute_url()
    assert client.get(url.replace("Factsheet_kust.pdf", "iets.pdf")).status_code == 404
    default_storage.delete(attachment.file.name)
    assert client.get(url).status_code == 404


# -- replaced and deleted files leave the storage ------------------------------------------


def change_url(release: PressRelease) -> str:
    return reverse("admin:press_pressrelease_change", args=[release.pk])


def change(client, release: PressRelease, files: dict | None = None, **overrides):
    """The change form as the editor sends it, with the one attachment row if any."""
    data = form_data(title_nl=release.title_nl, slug_nl=release.slug_nl, **overrides)
    attachment = release.attachments.first()
    if attachment is not None:
        data |= {
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "1",
            "attachments-0-id": str(attachment.pk),
            "attachments-0-release": str(release.pk),
            "attachments-0-title_nl": attachment.title_nl,
            "attachments-0-title_en": "",
            "attachments-0-position": "0",
        }
    return client.post(change_url(release), data | (files or {}))


def jpeg(name: str = "foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, photo_with_gps(), content_type="image/jpeg")


def test_replaced_and_cleared_hero_images_leave_the_storage(
    client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        post_release(client, {"hero_image": jpeg()}, hero_alt_nl="Strand")
    release = PressRelease.objects.get()
    first = release.hero_image.name
    assert stored_files() == [first]

    with django_capture_on_commit_callbacks(execute=True):
        response = change(client, release, {"hero_image": jpeg("nieuw.jpg")}, hero_alt_nl="Zee")
    assert response.status_code == 302
    release.refresh_from_db()
    second = release.hero_image.name
    assert second != first
    assert stored_files() == [second]

    # Saving without touching the image keeps it.
    with django_capture_on_commit_callbacks(execute=True):
        assert change(client, release, hero_alt_nl="Zee").status_code == 302
    assert stored_files() == [second]

    with django_capture_on_commit_callbacks(execute=True):
        response = change(client, release, {"hero_image-clear": "on"})
    assert response.status_code == 302
    release.refresh_from_db()
    assert not release.hero_image
    assert stored_files() == []


def test_replaced_and_deleted_attachments_leave_the_storage(
    client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        post_release(client, {"attachments": SimpleUploadedFile("a.pdf", PDF)})
    release = PressRelease.objects.get()
    first = release.attachments.get().file.name
    assert stored_files() == [first]

    with django_capture_on_commit_callbacks(execute=True):
        response = change(
            client, release, {"attachments-0-file": SimpleUploadedFile("b.pdf", PDF)}
        )
    assert response.status_code == 302
    second = release.attachments.get().file.name
    assert second != first
    assert stored_files() == [second]

    with django_capture_on_commit_callbacks(execute=True):
        response = change(client, release, {"attachments-0-DELETE": "on"})
    assert response.status_code == 302
    assert not release.attachments.exists()
    assert stored_files() == []


def test_deleted_releases_leave_the_storage(
    client, chief_editor, django_capture_on_commit_callbacks
):
    # Drafts: a release that was public is never deleted (tests/press/test_deleting.py).
    draft = PressRelease.Status.DRAFT
    one = make_release(hero_image=make_image("een.png"), hero_alt_nl="Een", status=draft)
    attach(one)
    two = make_release(hero_image=make_image("twee.png"), hero_alt_nl="Twee", status=draft)
    attach(two)
    keep = make_release(hero_image=make_image("blijft.png"), hero_alt_nl="Blijft")
    kept = [keep.hero_image.name]
    assert len(stored_files()) == 5
    client.force_login(chief_editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:press_pressrelease_delete", args=[one.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not PressRelease.objects.filter(pk=one.pk).exists()
    assert len(stored_files()) == 3

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:press_pressrelease_changelist"),
            {"action": "delete_selected", "_selected_action": [two.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert stored_files() == kept


def test_nothing_leaves_the_storage_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks,
):
    from django.db import transaction

    from press.workflow import delete_release

    release = make_release(
        hero_image=make_image("een.png"), hero_alt_nl="Een", status=PressRelease.Status.DRAFT
    )
    pk, image = release.pk, release.hero_image.name
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            delete_release(release)
            raise RuntimeError("the delete fails after all")
    assert callbacks == []
    assert PressRelease.objects.filter(pk=pk).exists()
    assert stored_files() == [image]


def test_revert_to_a_version_whose_image_was_removed_shows_no_broken_image(
    client, chief_editor, django_capture_on_commit_callbacks
):
    client.force_login(chief_editor)
    with django_capture_on_commit_callbacks(execute=True):
        post_release(client, {"hero_image": jpeg()}, hero_alt_nl="Strand")
    release = PressRelease.objects.get()
    first = release.hero_image.name
    with django_capture_on_commit_callbacks(execute=True):
        change(client, release, {"hero_image": jpeg("nieuw.jpg")}, hero_alt_nl="Zee")
    release.refresh_from_db()
    second = release.hero_image.name
    assert stored_files() == [second]
    [first_version] = release.history.filter(hero_image=first).order_by("history_date")[:1]
    url = reverse(
        "admin:press_pressrelease_simple_history", args=[release.pk, first_version.history_id]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            form_data(title_nl=release.title_nl, slug_nl=release.slug_nl, hero_alt_nl="Strand"),
            follow=True,
        )
    assert response.status_code == 200
    assert "bestaat niet meer" in response.content.decode()
    release.refresh_from_db()
    assert not release.hero_image
    assert release.hero_width is None and release.hero_height is None
    assert stored_files() == []
    preview = client.get(release.get_preview_url()).content.decode()
    assert "/media/press/images/" not in preview
