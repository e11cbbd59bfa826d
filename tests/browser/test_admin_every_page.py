"""Every admin page each role opens, in a real browser at 1280 px and at 390 px: no
serious or critical axe-core violation (WCAG 2.2 A/AA). The pages are found as the
role finds them, by following the admin's own links from its start page (lists, add
forms, a change form of each kind, histories, share links, published versions,
status changes and delete confirmations), with the inlines filled: a release with a
related link without English, an attachment and a press contact; a thread with its
reactions; a network with its memberships."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from alerts.models import PressListContact
from comments.models import BlockedWord, Comment, Thread
from press import sharelinks, workflow
from press.models import Attachment, PressContact, PressRelease
from press.roles import PRESS_OFFICE
from press.services import sync_comment_thread
from tests.alerts.conftest import make_subscriber
from tests.browser.conftest import assert_no_serious_violations
from tests.browser.test_workflow import log_in
from tests.conftest import (
    make_city,
    make_image,
    make_link,
    make_membership,
    make_network,
    make_release,
    make_theme,
    make_user,
    with_renditions,
)

pytestmark = pytest.mark.django_db(transaction=True)

Status = PressRelease.Status
WIDTHS = [(1280, 800), (390, 844)]
# The kinds of admin address a role opens; of those naming an object, the first of
# each kind and model is checked (one change form of each model, one history …).
PAGE = re.compile(
    r"^/admin/(?:"
    r"[a-z-]+/"  # an app's index, the second factor's page
    r"|[a-z_]+/[a-z_]+/(?:add/)?"  # a list, an add form
    r"|(?P<model>[a-z_]+/[a-z_]+)/\d+/(?P<kind>change|history|delete|share-links"
    r"|published-versions|workflow/[a-z_]+|history/\d+|published-versions/\d+)/"
    r")$"
)
NOT_PAGES = ("/logout/", "/password_change/", "/jsi18n/", "/r/", "/admin/auth/")
MOST_PAGES = 60


@pytest.fixture
def newsroom(editor, chief_editor):
    """What a newsroom's admin holds on an ordinary day, every inline filled."""
    theme = make_theme("Kustverdediging", "Coastal defence")
    release = make_release(
        "Zandmotor groeit sneller dan verwacht",
        publish_at=timezone.now() - dt.timedelta(days=1),
        hero_image=make_image("zandmotor.png", (400, 200)),
        hero_alt_nl="De Zandmotor bij Kijkduin",
        created_by=editor,
    )
    with_renditions(release)
    release.themes.add(theme)
    release.contacts.add(
        PressContact.objects.create(name="Jan de Vries", role_nl="Woordvoerder", email="j@x.nl")
    )
    make_link(release, "Kaart van de Zandmotor", url="https://example.org/kaart")
    attachment = Attachment(release=release, title_nl="Factsheet", position=0)
    attachment.file.save("factsheet.txt", ContentFile(b"Feiten over de Zandmotor."), save=False)
    attachment.save()
    release = PressRelease.objects.get(pk=release.pk)
    release.lead_nl = "De Zandmotor groeit sneller dan verwacht: 42 hectare."
    workflow.save_edit(
        release, user=chief_editor, change_note={"nl": "Het getal klopt nu.", "en": "Fixed."}
    )
    review = make_release("Strandseizoen begint", status=Status.DRAFT, created_by=editor)
    workflow.change_status(review, Status.REVIEW, user=editor, note="Graag voor twaalf uur.")
    draft = make_release("Nieuwe fietsroute", status=Status.DRAFT, created_by=editor)
    sharelinks.create_share_link(
        draft,
        label="NOS",
        language="nl",
        expires_at=timezone.now() + dt.timedelta(days=2),
        user=chief_editor,
    )
    sync_comment_thread(release)
    thread = Thread.objects.for_object(release).get()
    Comment.objects.create(thread=thread, name="Sanne", body="Mooi!", status="approved")
    Comment.objects.create(thread=thread, name="Henk", body="Wanneer is het klaar?")
    BlockedWord.objects.create(word="oplichter")
    network = make_network("100 Resilient Cities")
    make_membership(make_city(), network)
    make_subscriber("fatima@example.org", themes=[theme])
    PressListContact.objects.create(email="redactie@krant.example", name="Jan Journalist")
    return release


def pages_of(page, base: str, must_see: list[str]) -> list[str]:
    """The admin pages this role reaches from its start page, as it finds them,
    after the pages `must_see` (the objects whose inlines are filled)."""
    queue, seen, first = ["/admin/", *must_see], [], set()
    while queue and len(seen) < MOST_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.append(path)
        page.goto(base + path)
        links = page.eval_on_selector_all(
            "a[href^='/admin/']", "links => links.map(link => link.getAttribute('href'))"
        )
        for href in links:
            href = href.split("?")[0].split("#")[0]
            match = PAGE.match(href)
            if match is None or any(part in href for part in NOT_PAGES) or href in seen:
                continue
            if match["model"]:
                kind = (match["model"], re.sub(r"\d+", "n", match["kind"]))
                if kind in first:
                    continue
                first.add(kind)
            queue.append(href)
    return seen


def check_both_widths(axe, page) -> None:
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        assert_no_serious_violations(axe, page)


def check_every_page(
    chromium,
    live_server,
    axe,
    username: str,
    must_see: list[str],
    actions: list[tuple[str, str, str]] = (),
) -> None:
    """Every page the role reaches, and the confirmation page of each list action
    (changelist, action, the row's text) as the role asks for it: row ticked, action
    chosen, "Uitvoeren"."""
    context, page = log_in(chromium, live_server, username)
    paths = pages_of(page, live_server.url, must_see)
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
        check_both_widths(axe, page)
    for changelist, action, row in actions:
        page.set_viewport_size({"width": WIDTHS[0][0], "height": WIDTHS[0][1]})
        page.goto(live_server.url + changelist)
        page.locator("#result_list tr", has_text=row).locator("input.action-select").check()
        page.select_option("select[name=action]", action)
        page.get_by_role("button", name="Uitvoeren").click()
        page.wait_for_load_state("load")
        assert page.locator("input[name=post]").count() == 1, f"{action}: {page.url}"
        check_both_widths(axe, page)
    context.close()


def test_every_page_an_editor_opens(live_server, chromium, axe, editor, newsroom):
    draft = PressRelease.objects.get(title_nl="Nieuwe fietsroute")
    check_every_page(
        chromium,
        live_server,
        axe,
        "editor",
        [
            reverse("admin:press_pressrelease_change", args=[draft.pk]),
            reverse("admin:press_pressrelease_transition", args=[draft.pk, "submit"]),
            # A release the editor may only read, with its history.
            reverse("admin:press_pressrelease_change", args=[newsroom.pk]),
        ],
        [("/admin/press/pressrelease/", "submit_for_review", "Nieuwe fietsroute")],
    )


def test_every_page_a_chief_editor_opens(live_server, chromium, axe, chief_editor, newsroom):
    release = newsroom
    review = PressRelease.objects.get(title_nl="Strandseizoen begint")
    draft = PressRelease.objects.get(title_nl="Nieuwe fietsroute")
    check_every_page(
        chromium,
        live_server,
        axe,
        "chief",
        [
            reverse("admin:press_pressrelease_change", args=[release.pk]),
            reverse("admin:press_pressrelease_sharelinks", args=[release.pk]),
            reverse("admin:press_pressrelease_published_versions", args=[release.pk]),
            reverse("admin:press_pressrelease_transition", args=[release.pk, "withdraw"]),
            reverse("admin:press_pressrelease_transition", args=[review.pk, "send_back"]),
            reverse("admin:press_pressrelease_delete", args=[draft.pk]),
        ],
        [
            ("/admin/press/pressrelease/", "withdraw", "Zandmotor groeit"),
            ("/admin/press/pressrelease/", "send_back", "Strandseizoen begint"),
            ("/admin/press/city/", "delete_selected", "Den Haag"),
        ],
    )


def test_every_page_a_moderator_opens(live_server, chromium, axe, moderator, newsroom):
    thread = Thread.objects.get()
    check_every_page(
        chromium,
        live_server,
        axe,
        "moderator",
        [
            reverse("admin:comments_thread_change", args=[thread.pk]),
            reverse("admin:comments_comment_change", args=[thread.comments.first().pk]),
        ],
        [
            ("/admin/comments/blockedword/", "delete_selected", "oplichter"),
        ],
    )


def test_every_page_a_press_officer_opens(live_server, chromium, axe, django_user_model, newsroom):
    make_user(django_user_model, "pers", PRESS_OFFICE)
    check_every_page(
        chromium,
        live_server,
        axe,
        "pers",
        [reverse("admin:alerts_presslistcontact_add")],
        [("/admin/alerts/presslistcontact/", "delete_selected", "Jan Journalist")],
    )


def test_a_share_link_is_copied_with_one_click(live_server, chromium, chief_editor, newsroom):
    draft = PressRelease.objects.get(title_nl="Nieuwe fietsroute")
    context, page = log_in(chromium, live_server, "chief")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + reverse("admin:press_pressrelease_sharelinks", args=[draft.pk]))
    page.fill("#id_label", "Omroep West")
    page.click("input[name=create]")
    page.wait_for_load_state()
    field = page.locator("input.share-url").first
    page.get_by_role("button", name="Link kopiëren").first.click()
    page.wait_for_function("document.querySelector('.copy-status').textContent !== ''")
    assert page.locator(".copy-status").first.inner_text() == "Gekopieerd"
    assert page.evaluate("navigator.clipboard.readText()") == field.input_value()
    context.close()
