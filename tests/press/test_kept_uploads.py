"""A chosen image survives a validation error (press.forms), through the admin."""

import io
import os
import re
import time

import pytest
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from press.forms import KEPT_MAX_AGE, KEPT_PREFIX, KEPT_SALT, keep_upload
from press.models import PressRelease
from tests.conftest import make_image, with_renditions
from tests.press.test_admin import ADD_URL, form_data

pytestmark = pytest.mark.django_db


def kept_reference(html: str) -> str:
    (reference,) = re.findall(r'name="hero_image-kept" value="([^"]+)"', html)
    return reference


def pending_files() -> list[str]:
    try:
        return default_storage.listdir(KEPT_PREFIX.rstrip("/"))[1]
    except FileNotFoundError:
        return []


def test_image_chosen_with_a_missing_alt_text_is_kept_and_saved(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, form_data(hero_image=make_image("zandmotor.png")))
    html = response.content.decode()
    assert response.status_code == 200  # the form again, with its error
    assert "hero_alt_nl" in html and "errorlist" in html
    assert not PressRelease.objects.exists()
    # The form says the image is kept, and carries it.
    assert "zandmotor.png" in html
    reference = kept_reference(html)
    assert len(pending_files()) == 1
    # The editor adds the alt text and saves, without choosing the image again.
    response = client.post(
        ADD_URL, form_data(hero_alt_nl="De Zandmotor", **{"hero_image-kept": reference})
    )
    assert response.status_code == 302
    release = PressRelease.objects.get()
    assert release.hero_image
    assert release.hero_width == 64 and release.hero_height == 32
    assert default_storage.exists(release.hero_image.name)
    assert pending_files() == []  # the kept copy is gone
    # Readers see it as renditions, once the task worker has made them.
    release = with_renditions(release)
    html = client.get(release.get_preview_url("nl")).content.decode()
    assert f'src="{release.hero_picture.src}"' in html
    assert 'alt="De Zandmotor"' in html


def test_kept_image_can_be_dropped(client, editor):
    client.force_login(editor)
    html = client.post(ADD_URL, form_data(hero_image=make_image())).content.decode()
    data = form_data(**{"hero_image-kept": kept_reference(html), "hero_image-kept-forget": "on"})
    assert client.post(ADD_URL, data).status_code == 302
    assert not PressRelease.objects.get().hero_image


def test_a_kept_image_that_is_gone_keeps_the_form_invalid(client, editor):
    client.force_login(editor)
    html = client.post(ADD_URL, form_data(hero_image=make_image("zandmotor.png"))).content
    reference = kept_reference(html.decode())
    for name in pending_files():
        default_storage.delete(KEPT_PREFIX + name)
    response = client.post(
        ADD_URL, form_data(hero_alt_nl="De Zandmotor", **{"hero_image-kept": reference})
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "zandmotor.png" in html and "kies hem opnieuw" in html
    assert not PressRelease.objects.exists()


def test_a_forged_reference_is_refused(client, editor):
    client.force_login(editor)
    data = form_data(hero_alt_nl="x", **{"hero_image-kept": "pending-uploads/../secret:abc"})
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "kies hem opnieuw" in response.content.decode()
    assert not PressRelease.objects.exists()


def test_change_form_keeps_the_image_too(client, editor):
    client.force_login(editor)
    assert client.post(ADD_URL, form_data()).status_code == 302
    release = PressRelease.objects.get()
    url = reverse("admin:press_pressrelease_change", args=[release.pk])
    html = client.post(url, form_data(hero_image=make_image("nieuw.png"))).content.decode()
    reference = kept_reference(html)
    data = form_data(hero_alt_nl="Nieuw", **{"hero_image-kept": reference})
    assert client.post(url, data).status_code == 302
    release.refresh_from_db()
    assert release.hero_image and release.hero_alt_nl == "Nieuw"


def test_a_preview_does_not_use_up_the_kept_image(client, editor):
    client.force_login(editor)
    html = client.post(ADD_URL, form_data(hero_image=make_image())).content.decode()
    reference = kept_reference(html)
    data = form_data(hero_alt_nl="Zandmotor", **{"hero_image-kept": reference})
    start = reverse("press:release-draft-preview-start") + "?language=nl"
    response = client.post(start, data)
    assert client.get(response["Location"]).status_code == 200
    assert len(pending_files()) == 1
    assert client.post(ADD_URL, data).status_code == 302
    assert PressRelease.objects.get().hero_image


def test_kept_uploads_nobody_came_back_for_are_purged(client, editor):
    """An abandoned form's image is deleted once its reference is too old to be used;
    one still within its day stays, and the form can still save with it."""
    call_command("purge_pending_uploads", stdout=io.StringIO())  # nothing kept: nothing to do
    client.force_login(editor)
    abandoned = keep_upload(make_image("verlaten.png"))
    response = client.post(ADD_URL, form_data(hero_image=make_image("zandmotor.png")))
    reference = kept_reference(response.content.decode())
    assert len(pending_files()) == 2
    old_name = signing.loads(abandoned, salt=KEPT_SALT)["name"]
    long_ago = time.time() - KEPT_MAX_AGE - 2 * 60 * 60
    os.utime(default_storage.path(old_name), (long_ago, long_ago))
    out = io.StringIO()
    call_command("purge_pending_uploads", stdout=out)
    assert out.getvalue() == "Kept uploads too old to be used: 1 deleted.\n"
    assert not default_storage.exists(old_name)
    assert len(pending_files()) == 1
    # The young one still does its work.
    response = client.post(
        ADD_URL, form_data(hero_alt_nl="De Zandmotor", **{"hero_image-kept": reference})
    )
    assert response.status_code == 302
    assert PressRelease.objects.get().hero_image
    assert pending_files() == []


PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def attachment_row(index: int = 0, **values) -> dict:
    row = {
        f"attachments-{index}-id": "",
        f"attachments-{index}-release": "",
        f"attachments-{index}-title_nl": "Factsheet",
        f"attachments-{index}-title_en": "",
        f"attachments-{index}-position": "0",
    }
    return row | {f"attachments-{index}-{name}": value for name, value in values.items()}


def kept_references(html: str) -> dict[str, str]:
    return dict(re.findall(r'name="([\w-]+)-kept" value="([^"]+)"', html))


def test_image_and_attachment_survive_failures_in_the_form_and_in_the_inline(client, editor):
    """An error in the main form, then one in another attachment row: the image and
    the PDF chosen at first are kept through both, and saved with the release."""
    client.force_login(editor)
    pdf = SimpleUploadedFile("factsheet.pdf", PDF, "application/pdf")
    data = form_data(
        hero_image=make_image("strand.png"),
        **{"attachments-TOTAL_FORMS": "1"},
        **attachment_row(0, file=pdf),
    )
    html = client.post(ADD_URL, data).content.decode()  # no alt text for the image
    kept = kept_references(html)
    assert set(kept) == {"hero_image", "attachments-0-file"}
    assert "strand.png" in html and "factsheet.pdf" in html
    # The alt text is filled in, but a second attachment row has no file.
    data = form_data(
        hero_alt_nl="Het strand",
        **{"attachments-TOTAL_FORMS": "2", "hero_image-kept": kept["hero_image"]},
        **attachment_row(0, **{"file-kept": kept["attachments-0-file"]}),
        **attachment_row(1, title_nl="Kaart"),
    )
    response = client.post(ADD_URL, data)
    html = response.content.decode()
    assert response.status_code == 200 and not PressRelease.objects.exists()
    kept = kept_references(html)
    assert set(kept) == {"hero_image", "attachments-0-file"}
    assert "strand.png" in html and "factsheet.pdf" in html
    # The editor removes the empty row and saves: everything is there.
    data = form_data(
        hero_alt_nl="Het strand",
        **{"attachments-TOTAL_FORMS": "1", "hero_image-kept": kept["hero_image"]},
        **attachment_row(0, **{"file-kept": kept["attachments-0-file"]}),
    )
    assert client.post(ADD_URL, data).status_code == 302
    release = PressRelease.objects.get()
    assert release.hero_image and default_storage.exists(release.hero_image.name)
    (attachment,) = release.attachments.all()
    assert attachment.filename == "factsheet.pdf"
    assert attachment.file.read() == PDF
    assert pending_files() == []


def test_a_kept_attachment_can_be_dropped(client, editor):
    client.force_login(editor)
    pdf = SimpleUploadedFile("factsheet.pdf", PDF, "application/pdf")
    data = form_data(**{"attachments-TOTAL_FORMS": "1"}, **attachment_row(0, file=pdf))
    data["title_nl"] = ""
    kept = kept_references(client.post(ADD_URL, data).content.decode())
    data = form_data(
        **{"attachments-TOTAL_FORMS": "1"},
        **attachment_row(0, **{"file-kept": kept["attachments-0-file"], "file-kept-forget": "on"}),
    )
    response = client.post(ADD_URL, data)
    # Without its file the row is incomplete: said, not saved without it.
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()
    assert not PressRelease.objects.exists()
