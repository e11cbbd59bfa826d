"""The lists' cards are rendered once and kept by the process (press.cards): whatever a
reader would notice reaches the lists at once, and a list's queries do not grow with
its releases."""

import datetime as dt

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.autoreload import file_changed
from pytest_django.asserts import assertInHTML

from press import cards
from press.models import PressRelease, Theme
from tests.conftest import make_city, make_membership, make_network, make_release, make_theme
from tests.htmltree import find_all, text
from tests.press.conftest import url

pytestmark = pytest.mark.django_db


def titles(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200
    return [text(h3) for h3 in find_all(response.content.decode(), "h3")]


@pytest.mark.parametrize("code", ["nl", "en"])
def test_a_list_shows_a_retitled_release_at_once(client, code):
    release = make_release("Zandmotor groeit", title_en="Sand Motor grows")
    assert titles(client, f"/{code}/") == [getattr(release, f"title_{code}")]
    assert cards._cards  # kept
    setattr(release, f"title_{code}", "Zandmotor groeit sneller")
    release.save()
    assert titles(client, f"/{code}/") == ["Zandmotor groeit sneller"]


def test_a_list_shows_an_edit_that_did_not_go_through_save(client):
    """Kept under the release's row as loaded, not under its last save."""
    release = make_release("Zandmotor groeit")
    client.get("/nl/")
    PressRelease.objects.filter(pk=release.pk).update(lead_nl="Een nieuwe inleiding.")
    html = client.get("/nl/").content.decode()
    assertInHTML("<p>Een nieuwe inleiding.</p>", html)


def test_a_list_shows_a_renamed_or_moved_theme_at_once(client):
    theme = make_theme("Kust", "Coast", slug_nl="kust", slug_en="coast")
    make_release("Zandmotor groeit").themes.add(theme)
    for path in ("/nl/", "/en/", "/nl/themas/kust/"):
        client.get(path)
    Theme.objects.filter(pk=theme.pk).update(name_nl="Kustverdediging", slug_en="coastal-defence")
    tag = '<a class="tag" href="{}">{}</a>'
    for path in ("/nl/", "/nl/themas/kust/"):
        html = client.get(path).content.decode()
        assertInHTML(tag.format("/nl/themas/kust/", "Kustverdediging"), html)
    html = client.get("/en/").content.decode()
    assertInHTML(tag.format("/en/themes/coastal-defence/", "Coast"), html)


def test_a_list_shows_a_release_in_a_theme_added_to_it_at_once(client):
    release = make_release("Zandmotor groeit")
    client.get("/nl/")
    release.themes.add(make_theme("Kustverdediging"))
    html = client.get("/nl/").content.decode()
    assert [text(a) for a in find_all(html, "a", class_="tag")] == ["Kustverdediging"]


@pytest.mark.parametrize(
    ("code", "names"),
    [
        ("nl", ["Kustverdediging", "Veiligheid", "Wonen"]),
        ("en", ["Coastal defence", "Housing", "Safety"]),
    ],
)
def test_a_cards_themes_are_in_the_pages_language_and_order_on_every_list(client, code, names):
    """The newsroom takes them from its filter's themes, the other lists fetch them."""
    release = make_release(publish_at=dt.datetime(2016, 6, 1, tzinfo=dt.UTC))
    for name_nl, name_en in [
        ("Wonen", "Housing"),
        ("Veiligheid", "Safety"),
        ("Kustverdediging", "Coastal defence"),
    ]:
        release.themes.add(make_theme(name_nl, name_en))
    for path in (f"/{code}/", url("year-archive", code, year=2016)):
        html = client.get(path).content.decode()
        assert [text(a) for a in find_all(html, "a", class_="tag")] == names


def test_the_english_list_shows_a_translation_at_once(client):
    release = make_release("Zandmotor groeit", english=False)
    html = client.get("/en/").content.decode()
    assertInHTML('<span class="badge">Dutch only</span>', html)
    assertInHTML(
        f'<a href="{release.get_absolute_url("en")}" lang="nl">Zandmotor groeit</a>', html
    )
    release.title_en, release.lead_en = "The Sand Motor grows", "A new lead."
    release.body_en = "<p>In English.</p>"
    release.slug_en = "sand-motor-grows"
    release.save()
    html = client.get("/en/").content.decode()
    assert find_all(html, "span", class_="badge") == []
    assertInHTML(f'<a href="{release.get_absolute_url("en")}">The Sand Motor grows</a>', html)
    assert release.get_absolute_url("en").endswith("/sand-motor-grows/")
    assertInHTML("<p>A new lead.</p>", html)
    assert titles(client, "/nl/") == ["Zandmotor groeit"]  # the Dutch card is its own


def test_a_changed_card_template_reaches_the_lists(client, settings, tmp_path):
    """A deploy is a new process; a test or the runserver's reloader changing the
    templates forgets the kept cards."""
    make_release("Zandmotor groeit")
    assert titles(client, "/nl/") == ["Zandmotor groeit"]
    folder = tmp_path / "press"
    folder.mkdir()
    (folder / "_release_card.html").write_text(
        '<li class="release-card"><h3>Nieuw: {{ release.title }}</h3></li>'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    assert titles(client, "/nl/") == ["Nieuw: Zandmotor groeit"]


def test_the_reloader_forgets_the_kept_cards(client, settings):
    make_release("Zandmotor groeit")
    client.get("/nl/")
    assert cards._cards
    file_changed.send(sender=None, file_path=settings.BASE_DIR / "locale/nl/LC_MESSAGES/django.mo")
    assert not cards._cards


def test_each_search_result_gets_its_own_snippet(rf):
    """Snippets come from PostgreSQL's search; rendered here on any database. The kept
    card holds a slot for it: the same release in another search shows that
    search's snippet."""
    release = make_release("Zandmotor bij Kijkduin")
    for words, marked in [("zand", "Zandmotor"), ("kijk", "Kijkduin")]:
        release.search_snippet = f"De \ue000{marked}\ue001 groeit <snel>"
        html = render_to_string(
            "press/_release_list.html",
            {"page": Paginator([release], 10).page(1), "query": words},
            request=rf.get("/nl/"),
        )
        (snippet,) = find_all(html, "p", class_="snippet")
        assert [text(mark) for mark in find_all(snippet, "mark")] == [marked]
        assert f"<mark>{marked}</mark> groeit &lt;snel&gt;" in html
    release.search_snippet = ""
    with translation.override("nl"):
        html = render_to_string(
            "press/_release_list.html", {"page": Paginator([release], 10).page(1)}
        )
    assert find_all(html, "p", class_="snippet") == []
    assertInHTML(f"<p>{release.lead_nl}</p>", html)


def test_the_process_keeps_a_bounded_number_of_cards(client, monkeypatch, settings):
    settings.PRESS_PAGE_SIZE = 5
    monkeypatch.setattr(cards, "MAX_CARDS", 4)
    for n in range(5):
        make_release(f"Persbericht {n}")
    newest_first = [f"Persbericht {n}" for n in range(5)]
    assert titles(client, "/nl/") == newest_first
    assert len(cards._cards) == 4
    assert titles(client, "/nl/") == newest_first


@pytest.mark.parametrize(
    ("path", "budget"),
    [
        ("/nl/", 5),
        ("/en/", 5),
        ("/nl/?q=Zandmotor", 5),
        ("/nl/?theme=kust&year=2016", 5),
        ("/nl/themas/kust/", 4),
        ("/nl/archief/2016/", 4),
        ("network", 6),
    ],
)
def test_a_lists_queries_do_not_grow_with_its_releases(get_within_budget, settings, path, budget):
    """The themes of all cards in one query, kept cards or not."""
    settings.PRESS_PAGE_SIZE = 30
    theme = make_theme("Kust", slug_nl="kust")
    membership = make_membership(make_city(), make_network("100 Resilient Cities"))
    if path == "network":
        path = url("network-detail", "nl", slug=membership.network.slug)

    def add(count: int) -> None:
        for _ in range(count):
            n = PressRelease.objects.count()
            release = make_release(
                f"Zandmotor deel {n}", publish_at=dt.datetime(2016, 5, 1 + n, tzinfo=dt.UTC)
            )
            release.themes.add(theme, make_theme(f"Extra {n}"))
            membership.releases.add(release)

    add(2)
    response, few = get_within_budget(path, budget)
    assert len(response.context["page"].object_list) == 2
    add(20)
    response, cold = get_within_budget(path, few)
    assert len(response.context["page"].object_list) == 22
    assert "Extra 19" in response.content.decode()
    response, kept = get_within_budget(path, few)  # every card kept
    assert few == cold == kept
