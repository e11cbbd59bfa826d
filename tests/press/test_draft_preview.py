"""Preview from the admin form, before saving, in both languages (press.drafts)."""

import pytest
from django.urls import reverse
from django.utils import translation
from pytest_django.asserts import assertInHTML

from press.models import PressRelease
from tests.conftest import make_release, make_theme
from tests.htmltree import attr, find, find_all
from tests.press.test_admin import ADD_URL, form_data

pytestmark = pytest.mark.django_db


def start_url(language: str, release: PressRelease | None = None) -> str:
    url = reverse("press:release-draft-preview-start") + f"?language={language}"
    return url + (f"&release={release.pk}" if release else "")


def preview(client, language: str, data: dict, release: PressRelease | None = None):
    """Post the form to the preview, as its button does, and follow to the page."""
    response = client.post(start_url(language, release), data)
    assert response.status_code == 303
    location = response["Location"]
    return location, client.get(location)


def test_add_form_previews_without_saving_in_both_languages(client, editor):
    client.force_login(editor)
    theme = make_theme("Kustverdediging", "Coastal defence")
    data = form_data(
        title_nl="Zandmotor groeit",
        title_en="Sand Motor grows",
        lead_en="The lead.",
        body_nl='<figure class="quote"><blockquote><p>‘Mooi’,</p></blockquote>'
        "<figcaption>aldus de wethouder.</figcaption></figure>"
        '<p><a href="www.denhaag.nl">www.denhaag.nl</a></p>',
        body_en="<p>The text.</p>",
        themes=[theme.pk],
    )
    location, response = preview(client, "nl", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert location.startswith("/nl/persberichten/voorbeeld/concept/")
    assertInHTML("<h1>Zandmotor groeit</h1>", html)
    assertInHTML("<figcaption>aldus de wethouder.</figcaption>", html)
    # sanitized as on save
    assertInHTML('<a href="https://www.denhaag.nl">www.denhaag.nl</a>', html)
    assert "Kustverdediging" in html
    assert "Voorbeeld" in html
    assertInHTML('<meta name="robots" content="noindex">', html, count=1)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    # Nothing was saved: no release, no history.
    assert not PressRelease.objects.exists()
    assert not PressRelease.history.exists()
    # The language switch stays in the preview: its English link is the same draft.
    key = location.rstrip("/").rsplit("/", 1)[1]
    with translation.override("en"):
        english = reverse("press:release-draft-preview", kwargs={"key": key})
    assert find_all(html, "a", href=english, hreflang="en")
    response = client.get(english)
    assert response.status_code == 200
    assertInHTML("<h1>Sand Motor grows</h1>", response.content.decode())
    assert attr(find(response.content.decode(), "html"), "lang") == "en"


def test_change_form_previews_the_unsaved_changes_and_keeps_the_stored_release(client, editor):
    client.force_login(editor)
    release = make_release("Oude titel", status=PressRelease.Status.DRAFT)
    before = release.body_nl
    _location, response = preview(client, "nl", form_data(title_nl="Nieuwe titel"), release)
    assert response.status_code == 200
    assertInHTML("<h1>Nieuwe titel</h1>", response.content.decode())
    release.refresh_from_db()
    assert release.title_nl == "Oude titel" and release.body_nl == before
    assert release.history.count() == 1


def test_preview_of_an_incomplete_form_says_what_to_correct(client, editor):
    client.force_login(editor)
    _location, response = preview(client, "nl", form_data(title_nl=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Het voorbeeld kan nog niet worden getoond" in html
    assert "Dit veld is verplicht." in html
    assert not PressRelease.objects.exists()


def test_preview_is_for_staff_only(client, django_user_model):
    response = client.post(start_url("nl"), form_data())
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    citizen = django_user_model.objects.create_user("burger", password="x")
    client.force_login(citizen)
    response = client.post(start_url("nl"), form_data())
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_another_session_cannot_open_a_draft_preview(client, editor, chief_editor):
    client.force_login(editor)
    location, _response = preview(client, "nl", form_data())
    client.force_login(chief_editor)  # a new session
    assert client.get(location).status_code == 404


def test_preview_buttons_on_the_add_and_the_change_form(client, editor):
    client.force_login(editor)
    html = client.get(ADD_URL).content.decode()
    start = reverse("press:release-draft-preview-start")
    assert f'formaction="{start}?language=nl"' in html
    assert f'formaction="{start}?language=en"' in html
    assert 'formtarget="_blank"' in html
    release = make_release(status=PressRelease.Status.DRAFT)
    html = client.get(reverse("admin:press_pressrelease_change", args=[release.pk])).content
    assert f'formaction="{start}?language=en&amp;release={release.pk}"' in html.decode()


def test_stored_preview_switches_language_inside_the_preview(client, editor):
    client.force_login(editor)
    release = make_release(status=PressRelease.Status.DRAFT)
    html = client.get(release.get_preview_url("nl")).content.decode()
    english = release.get_preview_url("en")
    assert english.startswith("/en/") and english != release.get_absolute_url("en")
    assert find_all(html, "a", href=english, hreflang="en")
    response = client.get(english)
    assert response.status_code == 200
    assert release.title_en in response.content.decode()


def test_no_preview_buttons_where_the_editor_may_only_read(client, editor):
    client.force_login(editor)
    published = make_release(status=PressRelease.Status.PUBLISHED)
    response = client.get(reverse("admin:press_pressrelease_change", args=[published.pk]))
    assert response.status_code == 200
    assert "formaction=" not in response.content.decode()
