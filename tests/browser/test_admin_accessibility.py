"""The admin pages editors and moderators use, in a real browser: no serious or
critical axe-core violation (WCAG 2.1 A/AA), the Dutch body editor, and lists that
fit a 1280 px screen and a 390 px phone."""

import datetime as dt

import pytest
from django.utils import timezone

from comments.models import Comment, Thread
from press.models import PressContact, PressRelease
from press.services import sync_comment_thread
from tests.browser.conftest import assert_no_serious_violations
from tests.conftest import make_release, make_theme

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery"


def log_in(page, live_server, username: str) -> None:
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


@pytest.fixture
def desk():
    """A published release with a contact, a theme, history and a thread with reactions."""
    release = make_release(
        "Den Haag toegetreden tot 100 Resilient Cities netwerk",
        publish_at=timezone.now() - dt.timedelta(days=1),
    )
    release.themes.add(make_theme("Veiligheid"))
    release.contacts.add(
        PressContact.objects.create(name="Jan de Vries", role_nl="Woordvoerder", email="j@x.nl")
    )
    release.title_nl = "Den Haag toegetreden tot het 100 Resilient Cities netwerk"
    release.save()
    sync_comment_thread(release)
    thread = Thread.objects.for_object(release).get()
    for n in range(3):
        Comment.objects.create(thread=thread, name=f"Lezer {n}", body=f"Reactie {n}")
    return release, thread


# Every body editor on the page is set up (django-prose-editor replaced its textarea
# with its toolbar and text box) and admin.js has named both.
EDITORS_READY = """() => [...document.querySelectorAll("textarea[data-django-prose-editor]")]
    .every((field) => {
        const editor = field.closest(".prose-editor");
        return editor !== null
            && editor.querySelector(".prose-menubar__button[aria-label]") !== null
            && editor.querySelector("[contenteditable][aria-label]") !== null;
    })"""


def wait_for_admin_scripts(page) -> None:
    """admin.js runs on load; the body editors set themselves up asynchronously after
    it, and admin.js then names their controls."""
    page.wait_for_load_state("load")
    page.wait_for_function(EDITORS_READY)


def test_login_page(live_server, page, axe):
    page.goto(live_server.url + "/admin/login/")
    assert_no_serious_violations(axe, page)


def test_release_pages(live_server, page, axe, chief_editor, desk):
    release, _thread = desk
    log_in(page, live_server, "chief")
    base = live_server.url + "/admin/press/pressrelease/"
    for url in [base, base + "add/", f"{base}{release.pk}/change/"]:
        page.goto(url)
        wait_for_admin_scripts(page)
        assert_no_serious_violations(axe, page)
        if url != base:
            # The English tab too.
            page.locator(".ui-tabs-nav a", has_text="EN").first.click()
            assert page.locator("#id_title_en").is_visible()
            assert_no_serious_violations(axe, page)
    page.goto(f"{base}{release.pk}/history/")
    assert_no_serious_violations(axe, page)


def test_editor_toolbar_before_its_icon_font(live_server, page, axe, chief_editor, desk):
    """A toolbar button that can do nothing where the cursor is (undo with nothing to
    undo, a link without a selection) is greyed out and announced as unavailable; it
    passes axe also while the icon font is not there yet (its text then reads "undo"
    instead of showing the icon): an inactive control owes no contrast."""
    log_in(page, live_server, "chief")
    page.route("**/material-icons*.woff2", lambda route: route.abort())
    page.goto(live_server.url + "/admin/press/pressrelease/add/")
    wait_for_admin_scripts(page)
    toolbar = page.locator(".prose-editor", has=page.locator("#id_body_nl"))
    undo = toolbar.locator(".prose-menubar__button[title='Ongedaan maken']")
    bold = toolbar.locator(".prose-menubar__button[title='Vet']")
    assert "disabled" in undo.get_attribute("class")
    assert undo.get_attribute("aria-disabled") == "true"
    assert bold.get_attribute("aria-disabled") is None
    assert_no_serious_violations(axe, page)
    # Something typed can be undone: the button is available again, and says so.
    toolbar.get_by_role("textbox").click()
    page.keyboard.type("Den Haag")
    assert "disabled" not in undo.get_attribute("class")
    assert undo.get_attribute("aria-disabled") is None
    assert_no_serious_violations(axe, page)


@pytest.fixture
def workflow(desk):
    """A release in every step of the hand-off: one waits for review (with a note),
    one is a draft, one is scheduled; the desk's published release has an earlier
    version and a quote block."""
    release, _thread = desk
    Status = PressRelease.Status
    review = make_release("Zandmotor groeit sneller", status=Status.REVIEW)
    review._change_reason = "Graag voor twaalf uur."
    review.save()
    draft = make_release("Nieuwe fietsroute", status=Status.DRAFT)
    make_release("Strandseizoen begint", publish_at=timezone.now() + dt.timedelta(days=3))
    release.body_nl = (
        '<figure class="quote"><blockquote><p>‘Den Haag is weerbaar’,</p></blockquote>'
        "<figcaption>aldus burgemeester Van Aartsen.</figcaption></figure>"
    )
    release.save()
    return {"published": release, "review": review, "draft": draft}


def test_desk_and_confirmation_pages(live_server, page, axe, chief_editor, workflow):
    """The start page with what waits and what is scheduled, and each status change's
    confirmation page (with a note, with a missing note, with the withdrawal's
    explanation)."""
    log_in(page, live_server, "chief")
    desk = page.locator("#press-desk")
    assert "Wacht op beoordeling (1)" in desk.inner_text() and "Gepland (1)" in desk.inner_text()
    assert_no_serious_violations(axe, page)
    base = live_server.url + "/admin/press/pressrelease/"
    pages = [
        (workflow["draft"], "submit", "Ter beoordeling aanbieden"),
        (workflow["review"], "send_back", "Notitie voor je collega's"),
        (workflow["published"], "withdraw", "Uitleg voor lezers"),
    ]
    for release, name, expected in pages:
        page.goto(f"{base}{release.pk}/workflow/{name}/")
        assert expected in page.locator("#content").inner_text()
        assert_no_serious_violations(axe, page)
    # Sent without the required note (spaces pass the browser's check): the page with
    # its error message.
    page.goto(f"{base}{workflow['review'].pk}/workflow/send_back/")
    page.fill("#id_note", "   ")
    page.get_by_role("button", name="Terugsturen naar concept, met een notitie").click()
    page.wait_for_load_state()
    assert "Dit veld is verplicht" in page.locator(".errorlist").inner_text()
    assert_no_serious_violations(axe, page)


def test_read_only_pages(live_server, page, axe, editor, workflow):
    """What an editor reads of a release they may not change: the release rendered,
    an earlier version of it, its history."""
    release = workflow["published"]
    log_in(page, live_server, "editor")
    assert "Wacht op beoordeling (1)" in page.locator("#press-desk").inner_text()
    assert_no_serious_violations(axe, page)
    base = f"{live_server.url}/admin/press/pressrelease/{release.pk}/"
    page.goto(base + "change/")
    assert page.locator(".rendered-release figure.quote figcaption").count() == 1
    assert_no_serious_violations(axe, page)
    earliest = release.history.order_by("history_date").first()
    page.goto(f"{base}history/{earliest.history_id}/")
    assert page.locator(".read-only-version").is_visible()
    assert_no_serious_violations(axe, page)
    page.goto(base + "history/")
    assert_no_serious_violations(axe, page)


def test_moderation_pages(live_server, page, axe, moderator, desk):
    _release, thread = desk
    log_in(page, live_server, "moderator")
    for path in [
        "/admin/comments/comment/",
        "/admin/comments/thread/",
        f"/admin/comments/thread/{thread.pk}/change/",
    ]:
        page.goto(live_server.url + path)
        wait_for_admin_scripts(page)
        assert_no_serious_violations(axe, page)


def test_body_editor_speaks_dutch(live_server, page, chief_editor):
    log_in(page, live_server, "chief")
    page.goto(live_server.url + "/admin/press/pressrelease/add/")
    wait_for_admin_scripts(page)
    editor = page.locator(".prose-editor", has=page.locator("#id_body_nl"))
    titles = editor.locator(".prose-menubar__button").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('title'))"
    )
    dutch = {
        "Vet",
        "Cursief",
        "Opsomming",
        "Genummerde lijst",
        "Citaat met spreker",
        "Link invoegen",
    }
    assert dutch <= set(titles), titles
    assert not {"bold", "italic", "unordered list", "blockquote", "insert link"} & set(titles)
    assert editor.get_by_role("textbox").get_attribute("aria-label").startswith("Tekst")
    # The block type menu: sub-headings and paragraph.
    editor.locator(".prose-menubar__selected").first.click()
    options = editor.locator(".prose-menubar__option")
    assert options.all_inner_texts() == ["Tussenkop 2", "Tussenkop 3", "Alinea"]
    page.keyboard.press("Escape")
    # The link dialog.
    editor.get_by_role("textbox").click()
    page.keyboard.type("Den Haag")
    page.keyboard.press("Shift+Home")
    editor.locator(".prose-menubar__button[title='Link invoegen']").click()
    dialog = page.locator("dialog[open]")
    assert dialog.is_visible()
    text = dialog.inner_text()
    assert "Link bewerken" in text and "Webadres" in text and "Bijwerken" in text
    assert "Edit Link" not in text and "Update" not in text
    # The theme selector's help, from Django's catalogue filled in by ours.
    assert "Kies thema's door ze te selecteren" in page.locator(".field-themes").inner_text()


@pytest.mark.parametrize("width,height", [(1280, 800), (390, 844)])
@pytest.mark.parametrize(
    "username,path,last_column",
    [
        ("chief", "/admin/press/pressrelease/", "Bijgewerkt op"),
        ("moderator", "/admin/comments/thread/", "Goedgekeurd"),
    ],
)
def test_lists_fit_the_screen(
    live_server, page, chief_editor, moderator, desk, width, height, username, path, last_column
):
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, live_server, username)
    page.goto(live_server.url + path)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} is {overflow}px wider than the screen at {width}px"
    header = page.locator("#result_list thead th").last
    assert last_column.lower() in header.inner_text().lower()
    if width >= 1280:
        # The whole list is in view, its last column included.
        box = header.bounding_box()
        assert box["x"] + box["width"] <= width, f"{last_column} is cut off"
    else:
        # On a phone the list scrolls inside its own box; the page does not.
        header.scroll_into_view_if_needed()
        assert header.is_visible()
