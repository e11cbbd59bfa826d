"""What the shared templates decide: the "Dutch only" badge and notice (one rule, on
the models), the language switch's names, the themes line, pagination links."""

import datetime as dt

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation
from pytest_django.asserts import assertInHTML

from tests.conftest import make_membership, make_network, make_release, make_theme
from tests.htmltree import find_all
from tests.press.conftest import url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("english", "language", "dutch_only"),
    [(True, "nl", False), (True, "en", False), (False, "nl", False), (False, "en", True)],
)
def test_a_release_is_dutch_only_in_a_language_it_is_not_written_in(english, language, dutch_only):
    release = make_release(english=english)
    with translation.override(language):
        assert release.dutch_only is dutch_only


def test_a_release_missing_one_english_text_is_dutch_only_in_english():
    release = make_release(body_en="")
    with translation.override("en"):
        assert release.dutch_only is True


@pytest.mark.parametrize(
    ("description_en", "language", "dutch_only"),
    [("In English.", "en", False), ("", "en", True), ("", "nl", False)],
)
def test_a_network_is_dutch_only_without_a_description_in_the_language(
    description_en, language, dutch_only
):
    network = make_network(description_en=description_en)
    with translation.override(language):
        assert network.dutch_only is dutch_only


def test_the_english_newsroom_marks_exactly_the_untranslated_releases(client):
    make_release("Vertaald")
    make_release("Alleen Nederlands", english=False)
    html = client.get("/en/").content.decode()
    assertInHTML('<span class="badge">Dutch only</span>', html, count=1)
    assert find_all(client.get("/nl/").content.decode(), "span", class_="badge") == []


@pytest.mark.parametrize(("english", "lang"), [(False, ' lang="nl"'), (True, "")])
def test_an_english_search_snippet_is_marked_dutch_when_the_release_is(english, lang, rf):
    # Snippets come from PostgreSQL's search; rendered here on any database.
    release = make_release("Zandmotor bij Kijkduin", english=english)
    release.search_snippet = "De Zandmotor groeit"
    with translation.override("en"):
        html = render_to_string(
            "press/_release_list.html",
            {"page": Paginator([release], 10).page(1)},
            request=rf.get("/en/"),
        )
    assertInHTML(f'<p class="snippet"{lang}>De Zandmotor groeit</p>', html)


@pytest.mark.parametrize(
    ("path", "current", "other_code", "other_name"),
    [("/nl/", "Nederlands", "en", "English"), ("/en/", "English", "nl", "Nederlands")],
)
def test_the_language_switch_names_each_language_in_itself(
    client, path, current, other_code, other_name
):
    html = client.get(path).content.decode()
    assertInHTML(
        f'<span aria-current="true" lang="{path[1:3]}">{path[1:3].upper()}'
        f'<span class="visually-hidden"> – {current}</span></span>',
        html,
    )
    assertInHTML(
        f'<a href="/{other_code}/" hreflang="{other_code}" lang="{other_code}">'
        f'{other_code.upper()}<span class="visually-hidden"> – {other_name}</span></a>',
        html,
    )


def test_the_language_names_come_from_django_not_from_the_settings_labels(client, settings):
    settings.LANGUAGES = [("nl", "Taal een"), ("en", "Taal twee")]
    html = client.get("/nl/").content.decode()
    assert "– English</span>" in html and "– Nederlands</span>" in html
    assert "Taal een" not in html and "Taal twee" not in html


def test_the_themes_line_is_the_same_in_the_list_and_on_the_article(client):
    theme = make_theme("Kustverdediging", "Coastal defence")
    release = make_release("Duinen versterkt")
    release.themes.add(theme)
    expected = (
        '<p class="themes"><span class="visually-hidden">Thema\'s: </span>'
        f'<a class="tag" href="{url("theme-detail", "nl", slug=theme.slug_nl)}">'
        "Kustverdediging</a></p>"
    )
    assertInHTML(expected, client.get("/nl/").content.decode())
    assertInHTML(expected, client.get(release.get_absolute_url()).content.decode())


def test_a_membership_card_lists_its_focus_themes(client, den_haag):
    theme = make_theme("Klimaatadaptatie", "Climate adaptation")
    membership = make_membership(den_haag, make_network("100 Resilient Cities"))
    membership.themes.add(theme)
    html = client.get(url("network-list", "en")).content.decode()
    assertInHTML(
        '<p class="themes"><span class="visually-hidden">Focus themes: </span>'
        f'<a class="tag" href="{url("theme-detail", "en", slug=theme.slug_en)}">'
        "Climate adaptation</a></p>",
        html,
    )


def test_pagination_keeps_the_search_and_filters_and_replaces_the_page(client, settings):
    settings.PRESS_PAGE_SIZE = 1
    for n in range(3):
        make_release(f"Zandmotor deel {n}")
    html = client.get("/nl/", {"q": "Zandmotor", "page": "2"}).content.decode()
    assertInHTML('<a rel="prev" href="?q=Zandmotor&amp;page=1">Nieuwer</a>', html)
    assertInHTML('<a rel="next" href="?q=Zandmotor&amp;page=3">Ouder</a>', html)


@pytest.mark.parametrize(
    ("path", "kept"),
    [("/nl/", "?q=Zandmotor&amp;"), ("/nl/themas/kust/", "?"), ("/nl/archief/2016/", "?")],
)
def test_page_links_carry_only_the_lists_own_filters(client, settings, path, kept):
    """Whatever else is in the address (a tracking tag, a script) stays out of the links."""
    settings.PRESS_PAGE_SIZE = 1
    theme = make_theme("Kust", slug_nl="kust")
    for n in range(3):
        release = make_release(
            f"Zandmotor deel {n}", publish_at=dt.datetime(2016, 5, n + 1, tzinfo=dt.UTC)
        )
        release.themes.add(theme)
    response = client.get(
        path, {"utm_source": "x", "q": "Zandmotor", "page": "2", "evil": '"><script>'}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assertInHTML(f'<a rel="prev" href="{kept}page=1">Nieuwer</a>', html)
    assertInHTML(f'<a rel="next" href="{kept}page=3">Ouder</a>', html)
