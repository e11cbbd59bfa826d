"""The admin speaks Dutch to editors and moderators (English when the browser asks for
it): Django's, django-simple-history's and the body editor's words included."""

import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from comments.services import ensure_thread
from press.models import PressContact, PressRelease
from tests.conftest import make_release, make_theme
from tests.htmltree import find_all, text
from tests.press.test_admin import form_data
from tests.press.test_workflow import change_data

pytestmark = pytest.mark.django_db

DUTCH = {"HTTP_ACCEPT_LANGUAGE": "nl"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}

# English interface words that editors found in the Dutch admin.
ENGLISH_WORDS = [
    "Edit Link",
    "PRESSCONTACT",
    "presscontact",
    "PressRelease_contacts object",
    "Choose thema",
    "Changed by",
    "Changed",
    "None",
    "Revert",
    "Date/time",
    "Change reason",
    "draft → review",
    "was added successfully",
    "was changed successfully",
    "De persbericht",
    "+00:00",
    "UTC",
    "Save and continue editing",
    "History",
    "View history",
    "Model name",
    "Add link",
    "Version of",
    "current version",
]


class _Text(HTMLParser):
    """What a reader meets: text outside scripts, and the texts of attributes that
    browsers show or read out."""

    SHOWN = {"title", "aria-label", "placeholder", "alt", "value"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1
        for name, value in attrs:
            if value and (name in self.SHOWN and not (tag == "input" and name == "value")):
                self.parts.append(value)
            if tag == "input" and name == "value" and ("type", "submit") in attrs and value:
                self.parts.append(value)

    def handle_endtag(self, tag) -> None:
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data) -> None:
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def visible_text(response) -> str:
    parser = _Text()
    parser.feed(response.content.decode())
    return "\n".join(parser.parts)


def assert_no_english(response) -> None:
    assert response.status_code == 200
    text = visible_text(response)
    found = [line for line in text.splitlines() for word in ENGLISH_WORDS if word in line]
    assert found == [], response.request["PATH_INFO"]


@pytest.fixture
def release_with_history(client, chief_editor):
    """A release written through the admin, then sent for review: two history rows."""
    client.force_login(chief_editor)
    contact = PressContact.objects.create(
        name="Jan de Vries", role_nl="Woordvoerder", organisation="Gemeente", email="j@x.nl"
    )
    theme = make_theme("Veiligheid")
    data = form_data(
        themes=[theme.pk],
        **{
            "PressRelease_contacts-TOTAL_FORMS": "1",
            "PressRelease_contacts-0-presscontact": str(contact.pk),
        },
    )
    response = client.post(reverse("admin:press_pressrelease_add"), data, **DUTCH)
    assert response.status_code == 302
    release = PressRelease.objects.get()
    change = reverse("admin:press_pressrelease_change", args=[release.pk])
    row = release.contacts.through.objects.get()
    data |= {
        "status": "review",
        "PressRelease_contacts-INITIAL_FORMS": "1",
        "PressRelease_contacts-0-id": str(row.pk),
        "PressRelease_contacts-0-pressrelease": str(release.pk),
        "_continue": "1",
    }
    response = client.post(change, data, follow=True, **DUTCH)
    assert response.status_code == 200
    assert PressRelease.objects.get().status == "review"
    return PressRelease.objects.get(), response


def test_messages_name_the_release_grammatically_and_say_je(release_with_history):
    _release, response = release_with_history
    # The first from adding (the add page redirected before showing it), then saving.
    messages = [strip_tags(str(message)) for message in response.context["messages"]]
    assert messages == [
        "Toegevoegd: persbericht “Nieuw persbericht”.",
        # Submitted on the form: the message says so, not just "saved".
        "“Nieuw persbericht” is ingediend: het wacht nu op beoordeling door een eindredacteur.",
    ]


def test_release_pages_have_no_english_words(client, release_with_history):
    release, _response = release_with_history
    change = reverse("admin:press_pressrelease_change", args=[release.pk])
    for url in [
        reverse("admin:press_pressrelease_changelist"),
        reverse("admin:press_pressrelease_add"),
        change,
        reverse("admin:press_pressrelease_history", args=[release.pk]),
    ]:
        assert_no_english(client.get(url, **DUTCH))


def test_what_an_editor_reads_without_the_right_to_change_is_dutch(
    client, editor, release_with_history, chief_editor
):
    """The start page, and a published release, its history and an earlier version
    read by an editor, who may not change them."""
    release, _response = release_with_history
    release.status = PressRelease.Status.PUBLISHED
    release.publish_at = timezone.now()
    release.save()
    client.force_login(editor)
    version = release.history.order_by("history_date").first()
    for url in [
        reverse("admin:index"),
        reverse("admin:press_pressrelease_change", args=[release.pk]),
        reverse("admin:press_pressrelease_history", args=[release.pk]),
        reverse("admin:press_pressrelease_simple_history", args=[release.pk, version.history_id]),
    ]:
        assert_no_english(client.get(url, **DUTCH))


def test_contacts_inline_names_the_contact(client, release_with_history):
    release, _response = release_with_history
    response = client.get(reverse("admin:press_pressrelease_change", args=[release.pk]), **DUTCH)
    html = response.content.decode()
    assert "Jan de Vries" in html
    (heading,) = find_all(html, "th", class_="column-presscontact required")
    assert text(heading).startswith("Perscontact")
    assert "PressRelease_contacts object" not in html


def test_history_shows_field_names_status_words_and_local_times(client, release_with_history):
    release, _response = release_with_history
    response = client.get(reverse("admin:press_pressrelease_history", args=[release.pk]), **DUTCH)
    assert response.status_code == 200
    html = response.content.decode()
    assertInHTML("<strong>Status:</strong>", html)
    # The status by its name, old → new.
    assert re.search(r"Concept\s*&nbsp;&rarr;&nbsp;&nbsp;Ter beoordeling", html)
    assert "Gewijzigd" in html and "Aangemaakt" in html
    # Related objects by name, an empty value as a dash.
    assert re.search(r"—\s*&nbsp;&rarr;&nbsp;&nbsp;Jan de Vries \(Woordvoerder\)", html)
    # Moments in Amsterdam's time, the way Dutch writes them, never in UTC.
    updated = timezone.localtime(release.history.first().history_date)
    assert updated.utcoffset() != dt.timedelta(0)
    assert "UTC" not in html and "+00:00" not in html


def test_comments_admin_is_dutch(client, moderator, target_release_thread):
    client.force_login(moderator)
    thread = target_release_thread
    for url in [
        reverse("admin:comments_comment_changelist"),
        reverse("admin:comments_thread_changelist"),
        reverse("admin:comments_thread_change", args=[thread.pk]),
    ]:
        assert_no_english(client.get(url, **DUTCH))


@pytest.fixture
def target_release_thread():
    release = make_release(publish_at=timezone.now() - dt.timedelta(days=1))
    return ensure_thread(release, closes_at=timezone.now() + dt.timedelta(days=5))


def test_english_when_the_browser_asks_for_it(client, chief_editor):
    client.force_login(chief_editor)
    response = client.get(reverse("admin:press_pressrelease_changelist"), **ENGLISH)
    assert response.status_code == 200
    assert "Press releases" in response.content.decode()
    response = client.get(reverse("admin:press_pressrelease_changelist"), **DUTCH)
    assert "Persberichten" in response.content.decode()


def catalogue(client, language) -> dict:
    """The translations the admin's jsi18n script gives (none at all in English)."""
    response = client.get(reverse("admin:jsi18n"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    match = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)
    return json.loads(match.group(1)) if match else {}


def test_body_editor_and_theme_selector_get_dutch_from_the_admin_catalogue(client, chief_editor):
    client.force_login(chief_editor)
    dutch = catalogue(client, "nl")
    # django-prose-editor's link dialog and toolbar (through static/js/admin.js).
    for english, expected in {
        "Edit Link": "Link bewerken",
        "URL": "Webadres",
        "Title": "Titel",
        "Update": "Bijwerken",
        "Cancel": "Annuleren",
        "bold": "Vet",
        "insert link": "Link invoegen",
        "heading %s": "Tussenkop %s",
        "Language of the fields": "Taal van de velden",
    }.items():
        assert dutch.get(english) == expected, english
    # Django 5.2's selector help, missing from Django's own Dutch.
    assert dutch['Choose %s by selecting them and then select the "Choose" arrow button.'] == (
        "Kies %s door ze te selecteren en dan op de pijl ‘Kiezen’ te klikken."
    )
    assert "Edit Link" not in catalogue(client, "en")  # English stays English
    assert len(dutch) > 100  # Django's own Dutch is there too


def test_history_lists_no_change_a_reader_cannot_see(client, chief_editor):
    """A field first saved through the form goes from None to "": both read "—", so
    the history does not list it ("Toelichting bij intrekking: — → —"); nor a field
    the form does not show."""
    release = make_release("Zonder toelichting", status=PressRelease.Status.DRAFT)
    assert release.withdrawal_notice_nl is None
    client.force_login(chief_editor)
    change = reverse("admin:press_pressrelease_change", args=[release.pk])
    response = client.post(change, change_data(release, title_nl="Met nieuwe titel"), **DUTCH)
    assert response.status_code == 302
    response = client.get(reverse("admin:press_pressrelease_history", args=[release.pk]), **DUTCH)
    # The title once, by language (not also as the column mirroring Dutch).
    assertContains(response, "<strong>Titel:</strong>", html=True, count=1)
    assertNotContains(response, "[nl]")
    assertNotContains(response, "Toelichting bij intrekking")
