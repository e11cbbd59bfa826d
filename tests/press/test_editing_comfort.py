"""The release form as an editor works in it: the address follows the title until the
release is first public, the form shows only what applies, a saved image as a
picture, a warning where English is partly missing, and a preview before saving
with the chosen image and attachments and no dangling punctuation."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertInHTML

from press.models import PressRelease
from tests.conftest import make_image, make_link, make_release, with_renditions
from tests.htmltree import attr, find_all, text
from tests.press.test_admin import ADD_URL, form_data
from tests.press.test_change_notes import release_form
from tests.press.test_draft_preview import preview

pytestmark = pytest.mark.django_db
Status = PressRelease.Status


def change_url(release) -> str:
    return reverse("admin:press_pressrelease_change", args=[release.pk])


def draft_form(release, **overrides) -> dict:
    data = form_data(**{k: v for k, v in release_form(release).items() if "publish_at" not in k})
    return data | {"status": release.status} | overrides


# -- the address follows the title until the release is first public -----------------


def test_a_retitled_draft_gets_the_new_title_s_address(client, chief_editor):
    release = make_release("Eerste titel", status=Status.DRAFT, english=False)
    assert release.slug_nl == "eerste-titel"
    client.force_login(chief_editor)
    response = client.post(change_url(release), draft_form(release, title_nl="Betere titel"))
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.slug_nl == "betere-titel"


def test_an_address_the_editor_chose_stays(client, chief_editor):
    release = make_release(
        "Eerste titel", status=Status.DRAFT, english=False, slug_nl="mijn-adres"
    )
    client.force_login(chief_editor)
    client.post(change_url(release), draft_form(release, title_nl="Betere titel"))
    release.refresh_from_db()
    assert release.slug_nl == "mijn-adres"


def test_once_public_a_retitle_keeps_the_address(client, chief_editor):
    release = make_release("Eerste titel", english=False)
    client.force_login(chief_editor)
    data = release_form(release, title_nl="Betere titel", change_kind="minor")
    assert client.post(change_url(release), data).status_code == 302
    release.refresh_from_db()
    assert release.slug_nl == "eerste-titel"
    assert client.get(release.get_absolute_url("nl")).status_code == 200


# -- the form shows what applies ---------------------------------------------------------


def test_the_add_form_shows_no_fields_that_apply_later(client, chief_editor):
    client.force_login(chief_editor)
    html = client.get(ADD_URL).content.decode()
    for name in ("withdrawal_notice_nl", "withdrawn_at", "published_versions_link"):
        assert f"field-{name}" not in html, name
    assert "field-title_nl" in html and "field-publish_at" in html


def test_an_editor_reads_the_publication_date_without_being_told_to_set_it(client, editor):
    release = make_release(
        "Ingepland", status=Status.REVIEW, publish_at=timezone.now() + dt.timedelta(days=3)
    )
    client.force_login(editor)
    html = client.get(change_url(release)).content.decode()
    assert "Met een moment in de toekomst plan je" not in html
    assert "field-publish_at" not in html
    assert "field-publication_planned" in html
    assert timezone.localtime(release.publish_at).strftime("%Y %H:%M") in html


def test_a_saved_image_shows_as_a_picture_not_a_path(client, chief_editor):
    release = with_renditions(
        make_release("Met beeld", status=Status.DRAFT, hero_image=make_image(), hero_alt_nl="Duin")
    )
    client.force_login(chief_editor)
    html = client.get(change_url(release)).content.decode()
    [thumbnail] = find_all(html, "img", **{"class": "image-thumbnail"})
    assert attr(thumbnail, "src").startswith(f"/renditions/{release.pk}/")  # a rendition
    assert release.hero_image.name not in html


# -- English partly missing ---------------------------------------------------------------


def test_the_editor_is_warned_when_english_is_partly_missing(client, chief_editor):
    release = make_release("Tweetalig", status=Status.DRAFT)
    make_link(release, "Kaart van de wijk", url="https://example.org/kaart")
    client.force_login(chief_editor)
    html = client.get(change_url(release)).content.decode()
    assert "De Engelse pagina toont Nederlands waar Engels ontbreekt" in html
    assert "Kaart van de wijk" in html
    release.links.update(title_en="Map of the district")
    html = client.get(change_url(release)).content.decode()
    assert "waar Engels ontbreekt" not in html


# -- preview before saving ------------------------------------------------------------------


def test_preview_shows_the_chosen_image_and_attachment_without_dangling_comma(client, editor):
    client.force_login(editor)
    data = form_data(title_nl="Strand schoon", hero_alt_nl="Het strand") | {
        "hero_image": make_image("strand.png"),
        "attachments-TOTAL_FORMS": "1",
        "attachments-0-title_nl": "Factsheet",
        "attachments-0-title_en": "",
        "attachments-0-position": "0",
        "attachments-0-file": make_image("factsheet.png"),
    }
    _location, response = preview(client, "nl", data)
    html = response.content.decode()
    assert response.status_code == 200
    [meta] = find_all(html, "p", **{"class": "meta"})
    assert re.sub(r"\s+", " ", text(meta)).strip() == "Persbericht · Den Haag"
    [image] = find_all(html, "img", alt="Het strand")
    assert client.get(attr(image, "src")).status_code == 200
    [link] = [a for a in find_all(html, "a") if text(a).strip() == "Factsheet"]
    file = client.get(attr(link, "href"))
    assert file.status_code == 200 and b"PNG" in b"".join(file.streaming_content)
    assert not PressRelease.objects.exists()
    # The preview's files are the editor's: not for an anonymous visitor.
    client.logout()
    assert client.get(attr(image, "src")).status_code == 302
    assertInHTML("<h1>Strand schoon</h1>", html)
