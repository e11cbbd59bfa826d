"""Pages in a real browser: accessibility (axe-core, WCAG 2.2 AA) and behaviour."""

import datetime as dt

import pytest

from tests.browser.conftest import assert_accessible
from tests.conftest import make_contact, make_link, make_release, make_theme

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seed_like_release():
    release = make_release(
        "Den Haag toegetreden tot 100 Resilient Cities netwerk",
        publish_at=dt.datetime(2016, 5, 25, 12, 0, tzinfo=dt.UTC),
        body_nl="<h2>Cybersecurity</h2><p>Tekst.</p><blockquote><p>Citaat.</p>"
        "<p>— burgemeester Van Aartsen</p></blockquote><h2>Andere steden</h2><p>Meer.</p>",
    )
    release.themes.add(make_theme("Cybersecurity"))
    release.contacts.add(make_contact())
    make_link(release, "100 Resilient Cities", url="http://www.100resilientcities.org")
    return release


@pytest.mark.parametrize("language", ["nl", "en"])
def test_article_page_is_accessible(live_server, page, axe, seed_like_release, language):
    page.goto(live_server.url + seed_like_release.get_absolute_url(language))
    assert page.locator("h1").count() == 1
    assert_accessible(axe, page)


def test_newsroom_is_accessible(live_server, page, axe, seed_like_release):
    make_release("Nog een bericht")
    page.goto(live_server.url + "/nl/")
    assert page.locator(".release-card").count() == 2
    assert_accessible(axe, page)


def test_english_only_in_dutch_notice_is_accessible(live_server, page, axe):
    release = make_release("Alleen Nederlands", english=False)
    page.goto(live_server.url + release.get_absolute_url("en"))
    assert "only available in Dutch" in page.content()
    assert_accessible(axe, page)


def test_language_switch_lands_on_the_same_release(live_server, page, seed_like_release):
    page.goto(live_server.url + seed_like_release.get_absolute_url("nl"))
    page.get_by_role("link", name="EN – English").click()
    page.wait_for_url("**/en/**")
    assert page.locator("h1").inner_text() == seed_like_release.title_en
    assert page.locator("html").get_attribute("lang") == "en"


def test_filters_work_without_javascript(live_server, page_without_js, seed_like_release):
    make_release("Fietspad", publish_at=dt.datetime(2020, 3, 1, tzinfo=dt.UTC))
    page = page_without_js
    page.goto(live_server.url + "/nl/")
    page.select_option("#id_year", "2016")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_url("**year=2016**")
    assert seed_like_release.title_nl in page.content()
    assert "Fietspad" not in page.content()


def test_editor_gets_a_rich_text_editor_and_language_tabs(live_server, page, editor):
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.goto(live_server.url + "/admin/press/pressrelease/add/")
    assert page.locator(".prose-editor").count() >= 1
    assert page.locator(".ui-tabs-nav").count() >= 1


def test_search_results_are_accessible(live_server, page, axe, seed_like_release):
    make_release("Nog een bericht", body_nl="<p>Over de Resilient Cities en de kust.</p>")
    page.goto(live_server.url + "/nl/")
    page.fill("#id_q", "resilient")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_url("**q=resilient**")
    assert page.locator(".release-card").count() == 2
    assert page.locator(".result-count").count() == 1
    assert_accessible(axe, page)
