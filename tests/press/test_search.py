import datetime as dt
import importlib
import re

import pytest
from django.db import connection, models
from django.utils import timezone
from pytest_django.asserts import assertInHTML

from press.models import PressRelease
from press.search import SEARCH_MARK_START, SEARCH_MARK_STOP, search_words
from tests.conftest import make_release, make_theme
from tests.htmltree import find_all, text

pytestmark = pytest.mark.django_db


def titles(queryset) -> list[str]:
    return [release.title_nl for release in queryset]


def search(query: str, language: str = "nl") -> list[str]:
    return titles(PressRelease.objects.published().search(query, language))


# -- the words of a query -------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("Kustverdediging", ["kustverdediging"]),
        ("  netwerk   Den-Haag ", ["netwerk", "den", "haag"]),
        ("kust:* & !zee | (duin)", ["kust", "zee", "duin"]),
        ("'; DROP TABLE press_pressrelease; --", ["drop", "table", "press", "pressrelease"]),
        ("é ü 2016 😀 <>", ["é", "ü", "2016"]),
        ("&|!:*()<>'\"", []),
        ("😀🌊", []),
        ("", []),
    ],
)
def test_search_words_keep_only_letters_and_digits(query, words):
    assert search_words(query) == words


def test_search_words_are_capped():
    assert len(search_words(" ".join(f"w{n}" for n in range(50)))) == 10


# -- both databases ------------------------------------------------------------------


def test_search_finds_a_word_in_title_lead_or_body_in_any_language():
    make_release("Zandmotor bij Kijkduin")
    make_release("Fietspad", lead_nl="Nieuwe fietsbrug over de Zandmotor.")
    make_release("Bomen", body_nl="<p>Ook bij de zandmotor komen bomen.</p>")
    make_release("Parkeren", body_en="<p>Parking near the Sand Motor.</p>")
    make_release("Iets anders")
    assert set(search("zandmotor")) == {"Zandmotor bij Kijkduin", "Fietspad", "Bomen"}
    assert search("parking") == ["Parkeren"]


def test_every_word_must_match():
    make_release("Zandmotor bij Kijkduin")
    make_release("Zandmotor bij Scheveningen")
    assert search("zandmotor kijkduin") == ["Zandmotor bij Kijkduin"]
    assert search("zandmotor rotterdam") == []


def test_search_respects_publication_state(releases_in_every_state):
    releases_in_every_state("Zandmotor")
    assert search("zandmotor") == ["Zandmotor openbaar"]


def test_query_without_words_finds_nothing():
    make_release("Zandmotor")
    assert search("&|!:*()") == []


def test_newsroom_search_shows_count_and_query(client):
    make_release("Zandmotor bij Kijkduin")
    make_release("Zandmotor bij Scheveningen")
    make_release("Fietspad")
    response = client.get("/en/", {"q": "zandmotor"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 results for 'zandmotor'" in html
    assert "Fietspad" not in html
    html = client.get("/en/", {"q": "kijkduin"}).content.decode()
    assert "1 result for 'kijkduin'" in html
    html = client.get("/en/", {"q": "<i>kijkduin</i>"}).content.decode()
    assert "1 result for '&lt;i&gt;kijkduin&lt;/i&gt;'" in html


def test_search_combines_with_theme_and_year_and_keeps_them_when_paging(client, settings):
    settings.PRESS_PAGE_SIZE = 2
    theme = make_theme("Kustverdediging", slug_nl="kustverdediging")
    for n in range(5):
        release = make_release(
            f"Zandmotor deel {n}", publish_at=dt.datetime(2016, 6, 1 + n, tzinfo=dt.UTC)
        )
        release.themes.add(theme)
    make_release("Zandmotor zonder thema", publish_at=dt.datetime(2016, 7, 1, tzinfo=dt.UTC))
    in_theme_later = make_release(
        "Zandmotor later", publish_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    in_theme_later.themes.add(theme)
    params = {"q": "zandmotor", "theme": "kustverdediging", "year": "2016"}
    html = client.get("/nl/", params).content.decode()
    assert "5 resultaten voor" in html
    assert "zonder thema" not in html and "Zandmotor later" not in html
    next_link = re.search(r'<a rel="next" href="\?([^"]+)"', html).group(1)
    assert "q=zandmotor" in next_link
    assert "theme=kustverdediging" in next_link
    assert "year=2016" in next_link
    assert "page=2" in next_link
    page3 = client.get("/nl/", params | {"page": 3})
    assert len(page3.context["page"].object_list) == 1


ODD_QUERIES = [
    "!!!",
    "'",
    '"',
    "&|!:*()<>'\"",
    "kust:*",
    "kust & | ! zee",
    "a:b:c",
    "((((",
    "\\",
    "%",
    "_",
    "' OR 1=1 --",
    "'; DROP TABLE press_pressrelease; --",
    "SELECT * FROM auth_user",
    "<script>alert(1)</script>",
    "😀",
    "🌊 kust 🌊",
    "de het een",  # only Dutch stop words
    "x" * 200,
    "\u200b\u00ad",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_get_a_friendly_page(client, query):
    make_release("Zandmotor bij de kust")
    for language in ("nl", "en"):
        response = client.get(f"/{language}/", {"q": query})
        assert response.status_code == 200, query
        html = response.content.decode()
        assert 'class="result-count"' in html
        assert "<script>alert(1)" not in html


def test_overlong_query_is_a_form_error(client):
    response = client.get("/nl/", {"q": "x" * 201})
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()


def test_binary_query_is_a_bad_request_in_the_readers_language(client):
    # A NUL in any parameter is answered before the view (NulCharacterMiddleware).
    response = client.get("/nl/", {"q": "kust\x00zee"})
    assert response.status_code == 400
    assert "<h1>Ongeldig verzoek</h1>" in response.content.decode()


def test_empty_query_shows_the_newsroom(client):
    make_release("Zandmotor")
    for query in ("", "   "):
        response = client.get("/nl/", {"q": query})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Zandmotor" in html
        assert 'class="result-count"' not in html


def test_no_results_page_says_so(client):
    make_release("Zandmotor")
    html = client.get("/en/", {"q": "nergens"}).content.decode()
    assert "0 results for 'nergens'" in html
    assert "No press releases match your search." in html


def test_search_result_never_renders_markup_from_a_release(client):
    make_release(
        "Zandmotor",
        lead_nl="Over de zandmotor <script>alert('lead')</script>",
        body_nl="<p>De zandmotor &lt;script&gt;alert('body')&lt;/script&gt;</p>",
    )
    PressRelease.objects.update(body_nl="<p>zandmotor <script>alert('raw')</script></p>")
    html = client.get("/nl/", {"q": "zandmotor"}).content.decode()
    assert "1 resultaat voor" in html
    assert "<script>alert(" not in html


def test_search_page_query_count_does_not_grow_with_results(settings, get_within_budget):
    settings.PRESS_PAGE_SIZE = 30
    theme = make_theme("Kustverdediging", slug_nl="kustverdediging")

    def add(count: int) -> None:
        start = PressRelease.objects.count()
        for n in range(start, start + count):  # one address per release
            make_release("Zandmotor", slug_nl=f"zandmotor-{n}").themes.add(theme)

    add(2)
    response, few = get_within_budget("/nl/", 8, {"q": "zandmotor"})
    assert len(response.context["page"].object_list) == 2
    assert "2 resultaten voor" in response.content.decode()
    add(23)
    response, many = get_within_budget("/nl/", 8, {"q": "zandmotor"})
    assert len(response.context["page"].object_list) == 25
    assert "25 resultaten voor" in response.content.decode()
    assert few == many


# -- PostgreSQL: full-text search ----------------------------------------------------


@pytest.mark.postgres
def test_search_finds_by_stem():
    make_release("Den Haag toegetreden tot 100 Resilient Cities netwerk")
    make_release("Fietspad", english=False)
    assert search("netwerken") == ["Den Haag toegetreden tot 100 Resilient Cities netwerk"]
    make_release("Bruggen", english=False, body_nl="<p>Er komen twee nieuwe bruggen.</p>")
    assert search("brug") == ["Bruggen"]
    # English fields are stemmed with the English configuration.
    make_release("Engels", title_en="Cities sharing their networks")
    assert search("shared") == ["Engels"]


@pytest.mark.postgres
def test_search_finds_by_prefix():
    make_release("Zandmotor", body_nl="<p>Een nieuwe manier van kustverdediging.</p>")
    make_release("Fietspad")
    assert search("kustverd") == ["Zandmotor"]
    assert search("Kustverd zandm") == ["Zandmotor"]


@pytest.mark.postgres
def test_search_ranks_by_relevance():
    make_release(
        "Nieuws uit de stad",
        body_nl="<p>Ook over de zandmotor.</p>",
        publish_at=timezone.now() - dt.timedelta(days=1),
    )
    make_release("Zandmotor groeit", publish_at=timezone.now() - dt.timedelta(days=30))
    assert search("zandmotor") == ["Zandmotor groeit", "Nieuws uit de stad"]


@pytest.mark.postgres
def test_search_snippet_highlights_matching_words(client):
    make_release(
        "Zandmotor",
        body_nl="<h2>Kust</h2><p>Een nieuwe manier van kustverdediging &amp; natuur.</p>",
    )
    (release,) = PressRelease.objects.published().search("kustverd", "nl")
    assert f"{SEARCH_MARK_START}kustverdediging{SEARCH_MARK_STOP}" in release.search_snippet
    html = client.get("/nl/", {"q": "kustverd"}).content.decode()
    (snippet,) = find_all(html, "p", class_="snippet")
    assert text(snippet).endswith("Een nieuwe manier van kustverdediging & natuur")
    assert [text(mark) for mark in find_all(snippet, "mark")] == ["kustverdediging"]
    assertInHTML("<h2>Kust</h2>", html, count=0)


@pytest.mark.postgres
def test_search_snippet_is_escaped(client):
    make_release(
        "Zandmotor",
        lead_nl="Zandmotor: 5 < 6 & 7 > 3 <b>vet</b>",
        body_nl="<p>De zandmotor &lt;script&gt;alert(1)&lt;/script&gt; groeit &amp; bloeit.</p>",
    )
    html = client.get("/nl/", {"q": "zandmotor"}).content.decode()
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S).group(1)
    assert "<mark>Zandmotor</mark>: 5 &lt; 6 &amp; 7 &gt; 3" in snippet
    assert "groeit &amp; bloeit" in snippet
    assert re.sub(r"</?mark>", "", snippet).count("<") == 0
    # Even markup that bypassed the sanitizer on save never comes back as markup.
    PressRelease.objects.update(body_nl="<p>zandmotor <script>alert(2)</script> & meer</p>")
    html = client.get("/nl/", {"q": "zandmotor"}).content.decode()
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S).group(1)
    assert "<script>" not in html
    assert re.sub(r"</?mark>", "", snippet).count("<") == 0


@pytest.mark.postgres
def test_search_snippet_follows_the_page_language(client):
    make_release("Zandmotor", body_en="<p>The Sand Motor protects the coast.</p>")
    make_release("Alleen Nederlands", english=False, body_nl="<p>De kust is beschermd.</p>")
    html = client.get("/en/", {"q": "coast"}).content.decode()
    assert "protects the <mark>coast</mark>" in html
    html = client.get("/en/", {"q": "kust"}).content.decode()
    assert find_all(html, "p", class_="snippet", lang="nl")
    assert "De <mark>kust</mark> is beschermd" in html


@pytest.mark.postgres
def test_search_uses_the_gin_index():
    """The search reads the stored, indexed column of migration 0005."""
    migration = importlib.import_module("press.migrations.0005_search_vector")
    make_release("Zandmotor", body_nl="<p>Een nieuwe manier van kustverdediging.</p>")
    published_at = timezone.now() - dt.timedelta(days=1)
    PressRelease.objects.bulk_create(
        PressRelease(
            title_nl=f"Bericht {n}",
            slug_nl=f"bericht-{n}",
            lead_nl="Over fietspaden.",
            body_nl=f"<p>Tekst {n} over verkeer.</p>",
            status=PressRelease.Status.PUBLISHED,
            publish_at=published_at,
        )
        for n in range(500)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE press_pressrelease")
        cursor.execute("SET LOCAL enable_seqscan = off")
    queryset = PressRelease.objects.published().search("kustverd", "nl")
    assert titles(queryset) == ["Zandmotor"]
    # The search condition on its own (the planner may combine it with the
    # publish_at index when both are present): it must be answerable from the index.
    plan = PressRelease.objects.search("kustverd", "nl").explain()
    assert f"Bitmap Index Scan on {migration.INDEX_NAME}" in plan, plan


@pytest.mark.postgres
def test_stored_search_column_is_the_documented_document():
    """Migration 0005's SQL is the documented document (title A, lead B, body C; the
    Dutch fields in `dutch`, the English ones in `english`), and the column follows
    every change (also a bulk update) without a job."""
    from django.contrib.postgres.search import SearchVector
    from django.db.models.functions import Cast

    from press.search import SEARCH_CONFIGS, SEARCHED_FIELDS, stored_search_document

    search_document = None
    for code, config in SEARCH_CONFIGS.items():
        for name, weight in SEARCHED_FIELDS.items():
            part = SearchVector(f"{name}_{code}", config=config, weight=weight)
            search_document = part if search_document is None else search_document + part

    release = make_release("Zandmotor", body_en="<p>The Sand Motor protects the coast.</p>")
    PressRelease.objects.filter(pk=release.pk).update(lead_nl="Nieuwe duinen groeien.")
    row = (
        PressRelease.objects.filter(pk=release.pk)
        .annotate(
            computed=Cast(search_document, models.TextField()),
            stored=Cast(stored_search_document(PressRelease), models.TextField()),
        )
        .values("computed", "stored")
        .get()
    )
    assert row["stored"] == row["computed"]
    assert "duin" in row["stored"]


@pytest.mark.postgres
def test_search_document_is_kept_in_the_row():
    """Migration 0016: the search document stays in the release's row (STORAGE MAIN)
    instead of out of line in the TOAST table, so a search matching most releases
    does not look up each one's document there, twice (for the match and the rank)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute"
            " WHERE attrelid = 'press_pressrelease'::regclass AND attname = 'search_vector'"
        )
        assert cursor.fetchone() == ("m",)


def test_search_pages_follow_the_ranking_and_end_with_a_404(client, settings):
    """Each page of a search holds the next results in the order of their rank, none
    twice, each page says how many there are, and a page past the last is a 404, not
    an empty page."""
    settings.PRESS_PAGE_SIZE = 2
    for n in range(5):
        make_release(f"Zandmotor {n}", publish_at=timezone.now() - dt.timedelta(days=n + 1))
    shown = []
    for number in (1, 2, 3):
        response = client.get("/nl/", {"q": "zandmotor", "page": number})
        assert response.status_code == 200
        assert "5 resultaten voor" in response.content.decode()
        shown += [release.title_nl for release in response.context["page"].object_list]
    # Equally relevant: the newest first.
    assert shown == [f"Zandmotor {n}" for n in range(5)]
    assert client.get("/nl/", {"q": "zandmotor", "page": 4}).status_code == 404
