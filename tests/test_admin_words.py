"""The admin's words as the desk reads them: sentence case, "je", names instead of
numbers and codes, a history that reads as text, and no choice that looks like
another."""

import datetime as dt
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from alerts.models import PressListContact
from comments.models import Thread
from press import workflow
from press.models import PressRelease
from press.roles import PRESS_OFFICE
from press.services import sync_comment_thread
from tests.alerts.conftest import make_subscriber
from tests.conftest import make_release, make_user
from tests.htmltree import attr, find_all, text

pytestmark = pytest.mark.django_db
DUTCH = {"HTTP_ACCEPT_LANGUAGE": "nl"}


def test_titles_and_add_buttons_in_sentence_case(client, chief_editor):
    client.force_login(chief_editor)
    html = client.get(reverse("admin:press_pressrelease_add"), **DUTCH).content.decode()
    assert "<h1>Persbericht toevoegen</h1>" in html
    assert "<title>Persbericht toevoegen |" in html
    html = client.get(reverse("admin:press_theme_changelist"), **DUTCH).content.decode()
    [tools] = find_all(html, "ul", class_="object-tools")
    [add] = find_all(tools, "a", class_="addlink")
    assert text(add).strip() == "Thema toevoegen"


def test_an_inline_s_add_button_does_not_say_another(client, chief_editor):
    client.force_login(chief_editor)
    html = client.get(reverse("admin:press_pressrelease_add"), **DUTCH).content.decode()
    texts = [
        json.loads(attr(element, "data-inline-formset"))["options"]["addText"]
        for element in find_all(html, "div", data_inline_formset=True)
    ]
    assert "Perscontact toevoegen" in texts
    assert not [t for t in texts if t.startswith("Nog een")]


def test_the_clock_warning_says_je(client, chief_editor):
    client.force_login(chief_editor)
    response = client.get(reverse("admin:jsi18n"), **DUTCH)
    catalogue = json.loads(
        re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S).group(1)
    )
    behind = catalogue["Note: You are %s hour behind server time."]
    assert behind[0] == "Let op: je loopt %s uur achter op de tijd van de server (Amsterdam)."
    assert " u " not in " ".join(behind)


def test_history_names_fields_without_codes_shows_whole_texts_and_public_notes(
    client, chief_editor
):
    long_lead = "Het college wil " + "meer groen in de wijken en " * 8 + "minder steen."
    release = make_release("Groene wijken", lead_nl="Kort.", lead_en="Short.")
    release = PressRelease.objects.get(pk=release.pk)
    release.lead_nl, release.lead_en = long_lead, "Longer."
    workflow.save_edit(
        release, user=chief_editor, change_note={"nl": "De inleiding is aangevuld.", "en": "x"}
    )
    client.force_login(chief_editor)
    response = client.get(reverse("admin:press_pressrelease_history", args=[release.pk]), **DUTCH)
    html = response.content.decode()
    changes = [" ".join(text(item).split()) for item in find_all(html, "li")]
    assert f"Intro: Kort. → {long_lead}" in changes, changes
    assert "Intro (Engels): Short. → Longer." in changes
    assert "[nl]" not in html and "[en]" not in html and "chars]" not in html
    [note] = find_all(html, "p", class_="public-change-note")
    assert "Wijzigingsnotitie voor lezers: De inleiding is aangevuld." in text(note)


def test_share_link_versions_are_distinct_and_a_scheduled_one_says_so(client, chief_editor):
    moment = timezone.now() + dt.timedelta(days=2)
    release = make_release("Strandseizoen", status=PressRelease.Status.DRAFT)
    for status in (PressRelease.Status.REVIEW, PressRelease.Status.PUBLISHED):
        release.status = status
        release.publish_at = moment
        release.save()  # a status change: the same text again
    client.force_login(chief_editor)
    url = reverse("admin:press_pressrelease_sharelinks", args=[release.pk])
    html = client.get(url, **DUTCH).content.decode()
    [select] = find_all(html, "select", name="version")
    options = [text(option).strip() for option in find_all(select, "option")][1:]
    assert len(options) == 1, options
    assert "Ingepland" in options[0] and "Gepubliceerd" not in options[0]
    assert "Geldig tot" in html and "geldig tot:" not in html


def test_thread_filter_asks_open_or_closed(client, moderator):
    release = make_release("Met reacties", publish_at=timezone.now() - dt.timedelta(days=1))
    sync_comment_thread(release)
    closed = make_release("Gesloten draad", publish_at=timezone.now() - dt.timedelta(days=1))
    sync_comment_thread(closed)
    Thread.objects.for_object(closed).update(closed_at=timezone.now())
    client.force_login(moderator)
    changelist = reverse("admin:comments_thread_changelist")
    html = client.get(changelist, **DUTCH).content.decode()
    assert "Niet leeg" not in html and "Op open of gesloten" in html
    html = client.get(changelist + "?open=no", **DUTCH).content.decode()
    assert "Gesloten draad" in html and "Met reacties" not in html
    thread = Thread.objects.for_object(release).get()
    response = client.get(reverse("admin:comments_thread_change", args=[thread.pk]), **DUTCH)
    label = '<label class="vCheckboxLabel" for="id_closed">Gesloten</label>'
    assert label in response.content.decode()


def test_press_list_words(client, django_user_model):
    user = make_user(django_user_model, "pers", PRESS_OFFICE)
    assert Group.objects.filter(name=PRESS_OFFICE).exists()
    client.force_login(user)
    PressListContact.objects.create(email="redactie@krant.example", name="Jan")
    response = client.post(
        reverse("admin:alerts_presslistcontact_add"),
        {"name": "Jan", "organisation": "", "email": "redactie@krant.example", "language": "nl"},
        **DUTCH,
    )
    html = response.content.decode()
    assert "Dit e-mailadres staat al op de perslijst of is al aangemeld voor alerts." in html
    assert "Er bestaat al een" not in html
    html = client.get(reverse("admin:alerts_presslistcontact_changelist"), **DUTCH)
    html = html.content.decode()
    assert "Geselecteerde contacten op de perslijst verwijderen" in html
    subscriber = make_subscriber()
    html = client.get(reverse("admin:alerts_subscriber_change", args=[subscriber.pk]), **DUTCH)
    [heading] = find_all(html.content.decode(), "h2")[:1]
    assert text(heading).startswith("Abonnee sinds ")
