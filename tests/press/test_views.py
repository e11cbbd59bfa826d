import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.asserts import assertHTMLEqual, assertInHTML

from press.models import PressRelease, Theme
from tests.conftest import (
    make_attachment,
    make_city,
    make_contact,
    make_image,
    make_link,
    make_membership,
    make_network,
    make_release,
    make_theme,
    with_renditions,
)
from tests.htmltree import attr, find, find_all, text

pytestmark = pytest.mark.django_db


def url_in(code: str, release: PressRelease) -> str:
    return release.get_absolute_url(code)


def test_article_page_shows_the_release_in_dutch(client):
    release = make_release(
        "Den Haag toegetreden tot 100 Resilient Cities netwerk",
        publish_at=dt.datetime(2016, 5, 25, 12, 0, tzinfo=dt.UTC),
        body_nl="<h2>Cybersecurity</h2><p>Tekst.</p>"
        '<figure class="quote"><blockquote><p>Den Haag is toonaangevend.</p></blockquote>'
        "<figcaption>burgemeester Van Aartsen</figcaption></figure>",
    )
    response = client.get(url_in("nl", release))
    html = response.content.decode()
    assert response.status_code == 200
    assert attr(find(html, "html"), "lang") == "nl"
    assertInHTML("<h1>Den Haag toegetreden tot 100 Resilient Cities netwerk</h1>", html)
    assert "woensdag 25 mei 2016" in html
    assertInHTML("<h2>Cybersecurity</h2>", html)
    assertInHTML("<figcaption>burgemeester Van Aartsen</figcaption>", html)


def test_article_date_in_english_style(client):
    release = make_release(publish_at=dt.datetime(2016, 5, 25, 12, 0, tzinfo=dt.UTC))
    html = client.get(url_in("en", release)).content.decode()
    assert "Wednesday 25 May 2016" in html
    assert attr(find(html, "html"), "lang") == "en"


def test_date_is_shown_in_amsterdam_time(client):
    # 23:30 UTC on 24 May is already 25 May in Amsterdam (UTC+2 in summer).
    release = make_release(publish_at=dt.datetime(2016, 5, 24, 23, 30, tzinfo=dt.UTC))
    assert "woensdag 25 mei 2016" in client.get(url_in("nl", release)).content.decode()


def test_article_page_has_hreflang_alternates_and_language_switch(client):
    release = make_release()
    html = client.get(url_in("nl", release)).content.decode()
    nl_url, en_url = url_in("nl", release), url_in("en", release)
    assert f'hreflang="nl" href="http://testserver{nl_url}"' in html
    assert f'hreflang="en" href="http://testserver{en_url}"' in html
    assert find_all(html, "a", href=en_url, hreflang="en")
    assert en_url.startswith("/en/") and nl_url.startswith("/nl/")


def test_english_page_without_english_says_so(client):
    release = make_release("Alleen in het Nederlands", english=False)
    response = client.get(url_in("en", release))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This press release is only available in Dutch." in html
    assert f'href="{url_in("nl", release)}"' in html
    assert "Tekst van persbericht" not in html  # no Dutch body passed off as English
    assertInHTML('<h1 lang="nl">Alleen in het Nederlands</h1>', html)


def test_scheduled_release_is_404_before_and_200_after(client):
    release = make_release(publish_at=timezone.now() + dt.timedelta(hours=2))
    assert client.get(url_in("nl", release)).status_code == 404
    assert release.title_nl not in client.get(reverse("press:newsroom")).content.decode()
    PressRelease.objects.filter(pk=release.pk).update(
        publish_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert client.get(url_in("nl", release)).status_code == 200
    with translation.override("nl"):
        newsroom = client.get(reverse("press:newsroom")).content.decode()
    assert release.title_nl in newsroom


def test_draft_is_404(client):
    release = make_release(status=PressRelease.Status.DRAFT)
    assert client.get(url_in("nl", release)).status_code == 404


def test_old_slug_redirects_permanently(client):
    release = make_release("Eerste titel")
    old_url = url_in("nl", release)
    release.slug_nl = "tweede-titel"
    release.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == url_in("nl", release)
    assert response["Location"].endswith("/tweede-titel/")


def test_english_address_moves_when_the_english_title_arrives(client):
    release = make_release("Eerst alleen Nederlands", english=False)
    dutch_slug_in_english = url_in("en", release)
    release.title_en, release.lead_en, release.body_en = "Now in English", "Lead", "<p>B</p>"
    release.save()
    response = client.get(dutch_slug_in_english)
    assert response.status_code == 301
    assert response["Location"].endswith("/now-in-english/")


def test_withdrawn_release_answers_410_with_a_notice(client):
    release = make_release("Ingetrokken bericht")
    release.status = PressRelease.Status.WITHDRAWN
    release.withdrawal_notice_nl = "Dit bericht bevatte een fout."
    release.save()
    response = client.get(url_in("nl", release))
    assert response.status_code == 410
    html = response.content.decode()
    assert "Dit bericht bevatte een fout." in html
    assert attr(find(html, "html"), "lang") == "nl"


def test_unknown_release_is_404_in_the_page_language(client):
    response = client.get("/en/press-releases/does-not-exist/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    response = client.get("/nl/persberichten/bestaat-niet/")
    assert response.status_code == 404
    assert attr(find(response.content.decode(), "html"), "lang") == "nl"


def test_newsroom_lists_newest_first_and_paginates(client, settings):
    settings.PRESS_PAGE_SIZE = 2
    old = make_release("Archiefstuk", publish_at=timezone.now() - dt.timedelta(days=30))
    new = make_release("Vers bericht", publish_at=timezone.now() - dt.timedelta(days=1))
    middle = make_release("Midden", publish_at=timezone.now() - dt.timedelta(days=10))
    page1 = client.get("/nl/").content.decode()
    assert page1.index(new.title_nl) < page1.index(middle.title_nl)
    assert old.title_nl not in page1
    page2 = client.get("/nl/?page=2").content.decode()
    assert old.title_nl in page2
    assert client.get("/nl/?page=99").status_code == 404
    assert client.get("/nl/?page=abc").status_code == 404


def test_newsroom_filters_by_theme_and_year(client):
    theme = make_theme("Kustverdediging", "Coastal defence", slug_nl="kustverdediging")
    in_theme = make_release("Zandmotor", publish_at=dt.datetime(2016, 6, 1, tzinfo=dt.UTC))
    in_theme.themes.add(theme)
    other = make_release("Fietspad", publish_at=dt.datetime(2016, 7, 1, tzinfo=dt.UTC))
    later = make_release("Later", publish_at=dt.datetime(2020, 7, 1, tzinfo=dt.UTC))

    def listed(query: str) -> list[PressRelease]:
        response = client.get(f"/nl/{query}")
        assert response.status_code == 200
        return list(response.context["page"].object_list)

    assert listed("") == [later, other, in_theme]
    assert listed("?theme=kustverdediging") == [in_theme]
    assert listed("?year=2016") == [other, in_theme]
    assert listed("?year=2020") == [later]
    assert listed("?theme=kustverdediging&year=2020") == []
    html = client.get("/nl/?theme=kustverdediging").content.decode()
    assert url_in("nl", in_theme) in html
    assert url_in("nl", other) not in html and url_in("nl", later) not in html


def test_bad_filter_gets_a_clear_answer_not_a_500(client):
    response = client.get("/nl/?theme=bestaat-niet&year=abc")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error"' in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?theme=kustverdediging&year=2016",
        "?theme=bestaat-niet&year=abc",
        '?q="Zand" %26 <motor>',
        "?q=" + "zand" * 51,
    ],
)
def test_the_filter_fields_are_djangos_widgets(client, query):
    """The newsroom's search field and selects are Django's widgets, rendered by its
    templates: every option, the selected one, the value, the error attributes."""
    from django import forms

    from press.views import NewsroomFilter

    make_theme("Kustverdediging", "Coastal defence", slug_nl="kustverdediging")
    make_theme("Zee & <strand>", slug_nl="zee")
    make_release("Zandmotor", publish_at=dt.datetime(2016, 6, 1, tzinfo=dt.UTC))
    response = client.get(f"/nl/{query}")
    assert response.status_code == (400 if "abc" in query or len(query) > 200 else 200)
    form = response.context["form"]
    assert isinstance(form.fields["year"].widget, forms.Select)
    djangos = {
        "q": lambda widget: forms.TextInput(attrs=widget.attrs),
        "theme": lambda widget: forms.Select(choices=widget.choices),
        "year": lambda widget: forms.Select(choices=widget.choices),
    }
    for name, widget in djangos.items():
        plain = str(form[name])
        form.fields[name].widget = widget(form.fields[name].widget)
        assertHTMLEqual(plain, str(form[name]))
        assert plain in response.content.decode()
    assert isinstance(form, NewsroomFilter)
    assert find_all(response.content.decode(), "option", value="2016")


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("/nl/", ["Alle thema's", "Kustverdediging", "Veiligheid", "Wonen"]),
        ("/en/", ["All themes", "Coastal defence", "Housing", "Safety"]),
    ],
)
def test_the_theme_select_is_in_the_pages_language_and_order(client, path, names):
    make_theme("Wonen", "Housing")
    make_theme("Veiligheid", "Safety")
    make_theme("Kustverdediging", "Coastal defence")
    (select,) = find_all(client.get(path).content.decode(), "select", name="theme")
    assert [text(option) for option in find_all(select, "option")] == names


def test_each_language_keeps_its_own_theme_order(client):
    """The themes are remembered until the content changes; the order of each
    language's names is its own, whichever language asked first."""
    make_theme("Wonen", "Housing")
    make_theme("Veiligheid", "Safety")
    for path, names in (
        ("/nl/", ["Veiligheid", "Wonen"]),
        ("/en/", ["Housing", "Safety"]),
    ):
        (select,) = find_all(client.get(path).content.decode(), "select", name="theme")
        assert [text(option) for option in find_all(select, "option")][1:] == names


def test_theme_page_and_year_archive(client):
    theme = make_theme("Kustverdediging", "Coastal defence", slug_nl="kustverdediging",
                       slug_en="coastal-defence")  # fmt: skip
    release = make_release("Zandmotor", publish_at=dt.datetime(2016, 6, 1, tzinfo=dt.UTC))
    release.themes.add(theme)
    response = client.get("/nl/themas/kustverdediging/")
    assert response.status_code == 200 and "Zandmotor" in response.content.decode()
    assert client.get("/en/themes/coastal-defence/").status_code == 200
    assert client.get("/en/themes/kustverdediging/").status_code == 301
    assert client.get("/nl/themas/onbekend/").status_code == 404
    response = client.get("/nl/archief/2016/")
    assert response.status_code == 200 and "Zandmotor" in response.content.decode()
    assert client.get("/nl/archief/1999/").status_code == 404


def test_a_theme_without_an_english_address_is_served_not_redirected_to_itself(client):
    """The admin requires both addresses; a theme that lacks its English one anyway
    (an import, a raw update) falls back to its Dutch one in English: the page is
    served there, not redirected to the same address for ever."""
    theme = make_theme("Kustverdediging", slug_nl="kustverdediging")
    Theme.objects.filter(pk=theme.pk).update(slug_en="")
    release = make_release("Zandmotor")
    release.themes.add(theme)
    response = client.get("/en/themes/kustverdediging/")
    assert response.status_code == 200
    assert release.title_en in response.content.decode()
    assert client.get("/nl/themas/kustverdediging/").status_code == 200


def test_the_year_archive_links_the_other_years_in_its_language(client):
    for year in (2015, 2016, 2017):
        make_release(publish_at=dt.datetime(year, 6, 1, tzinfo=dt.UTC))
    for path, links in [
        ("/nl/archief/2016/", ["/nl/archief/2017/", "/nl/archief/2015/"]),
        ("/en/archive/2016/", ["/en/archive/2017/", "/en/archive/2015/"]),
        ("/nl/archief/2017/", ["/nl/archief/2016/", "/nl/archief/2015/"]),
    ]:
        (nav,) = find_all(client.get(path).content.decode(), "nav", class_="years")
        assert [attr(a, "href") for a in find_all(nav, "a")] == links
        (current,) = find_all(nav, "span", aria_current="page")
        assert text(current) == path[-5:-1]


def test_article_shows_contacts_links_and_themes(client):
    release = make_release()
    release.contacts.add(make_contact("Anna de Vries"))
    make_link(release, "100 Resilient Cities", url="http://www.100resilientcities.org")
    release.themes.add(make_theme("Cybersecurity"))
    html = client.get(url_in("nl", release)).content.decode()
    assert "Anna de Vries" in html
    assert "Noot voor de redactie" in html
    assert 'href="http://www.100resilientcities.org"' in html
    assert "Cybersecurity" in html


def test_preview_is_for_staff_only(client, editor):
    draft = make_release(status=PressRelease.Status.DRAFT)
    response = client.get(draft.get_preview_url())
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(editor)
    response = client.get(draft.get_preview_url())
    assert response.status_code == 200
    assert draft.title_nl in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_root_redirects_to_a_language(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/en/"


def test_article_query_budget_does_not_grow(get_within_budget):
    def article_with(count: int) -> PressRelease:
        release = make_release()
        for n in range(count):
            release.themes.add(make_theme(f"Thema {n}"))
            release.contacts.add(make_contact(f"Woordvoerder {n}"))
            make_link(release, f"Link {n}")
        return release

    small, large = article_with(1), article_with(10)
    response, few = get_within_budget(small.get_absolute_url("nl"), 12)
    assert response.context["release"] == small
    response, many = get_within_budget(large.get_absolute_url("nl"), few)
    assert response.context["release"] == large
    html = response.content.decode()
    assert "Woordvoerder 9" in html and "Link 9" in html
    assert many == few


def test_newsroom_query_budget_does_not_grow(get_within_budget, settings):
    settings.PRESS_PAGE_SIZE = 20
    theme = make_theme("Cybersecurity")
    releases = [make_release() for _ in range(2)]
    for release in releases:
        release.themes.add(theme)
    response, few = get_within_budget("/nl/", 10)
    assert list(response.context["page"].object_list) == releases
    for n in range(15):
        releases.append(make_release())
        releases[-1].themes.add(theme, make_theme(f"Extra {n}"))
    response, many = get_within_budget("/nl/", few)
    assert list(response.context["page"].object_list) == releases
    assert "Extra 14" in response.content.decode()
    assert many == few


@pytest.mark.parametrize(
    ("url", "budget"),
    [("/nl/", 5), ("/nl/?q=storm", 6), ("/nl/themas/storm/", 5), ("year", 5)],
)
def test_lists_stay_within_their_query_budget_at_any_size(get_within_budget, url, budget):
    """The newsroom, its search, a theme page and a year archive: at most five queries
    (search six), as many for three releases as for eighteen, each card with its
    themes; a search counts its results only when they do not fit on one page."""
    theme = make_theme("Storm", slug_nl="storm")
    moment = timezone.now() - dt.timedelta(days=1)
    if url == "year":
        url = reverse("press:year-archive", kwargs={"year": timezone.localtime(moment).year})

    def add(count: int, start: int) -> None:
        for n in range(start, start + count):
            release = make_release(f"Storm op komst {n}", publish_at=moment)
            release.themes.add(theme, make_theme(f"Extra {n}"))

    add(3, 0)
    response, few = get_within_budget(url, budget)
    html = response.content.decode()
    assert "Storm op komst 2" in html and "Extra 2" in html
    add(15, 3)
    response, many = get_within_budget(url, budget)
    html = response.content.decode()
    assert "Storm op komst 17" in html and "Extra 17" in html
    assert many == few + (1 if "?q=" in url else 0)


def test_hero_image_needs_a_description():
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    release = make_release()
    release.hero_image = SimpleUploadedFile("foto.png", b"not checked here")
    with pytest.raises(ValidationError) as error:
        release.clean()
    assert "hero_alt_nl" in error.value.message_dict


def test_public_pages_send_a_content_security_policy(client):
    release = make_release()
    response = client.get(release.get_absolute_url("nl"))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_only_the_admin_gets_the_admin_policy(client, superuser):
    """The admin's styles may be inline (its editor sets style attributes); the
    public pages' never, also when the site lives under a script prefix."""
    from django.urls import set_script_prefix

    release = make_release()
    public = client.get(release.get_absolute_url("nl"))
    assert "'unsafe-inline'" not in public["Content-Security-Policy"]
    client.force_login(superuser)
    admin = client.get("/admin/")
    assert admin.status_code == 200
    assert "style-src 'self' 'unsafe-inline'" in admin["Content-Security-Policy"]
    # Under a script prefix, as the WSGI handler sets it (the test client does not).
    set_script_prefix("/nieuws/")
    try:
        prefixed = client.get("/admin/", SCRIPT_NAME="/nieuws")
        public = client.get(
            release.get_absolute_url("nl").removeprefix("/nieuws"), SCRIPT_NAME="/nieuws"
        )
    finally:
        set_script_prefix("/")
    assert prefixed.status_code == public.status_code == 200
    assert "style-src 'self' 'unsafe-inline'" in prefixed["Content-Security-Policy"]
    assert "'unsafe-inline'" not in public["Content-Security-Policy"]


def test_release_withdrawn_before_its_embargo_stays_unknown(client):
    release = make_release("Geheim plan", publish_at=timezone.now() + dt.timedelta(days=2))
    release.status = PressRelease.Status.WITHDRAWN
    release.save()
    response = client.get(url_in("nl", release))
    assert response.status_code == 404
    assert "Geheim plan" not in response.content.decode()


@pytest.mark.parametrize("status", [PressRelease.Status.DRAFT, PressRelease.Status.REVIEW])
def test_old_slug_of_an_unpublished_release_does_not_redirect(client, status):
    release = make_release("Eerste titel")
    old_url = url_in("nl", release)
    release.slug_nl = "geheime-nieuwe-titel"
    release.status = status
    release.save()
    response = client.get(old_url)
    assert response.status_code == 404
    assert "geheime-nieuwe-titel" not in response.get("Location", "")


def test_old_slug_of_a_scheduled_release_does_not_redirect(client):
    release = make_release("Eerste titel")
    old_url = url_in("nl", release)
    release.slug_nl = "nog-niet-openbaar"
    release.publish_at = timezone.now() + dt.timedelta(days=1)
    release.save()
    assert client.get(old_url).status_code == 404


def test_old_slug_of_a_withdrawn_release_leads_to_its_notice(client):
    release = make_release("Eerste titel")
    old_url = url_in("nl", release)
    release.slug_nl = "tweede-titel"
    release.status = PressRelease.Status.WITHDRAWN
    release.save()
    response = client.get(old_url, follow=True)
    assert response.redirect_chain == [(url_in("nl", release), 301)]
    assert response.status_code == 410


def test_english_address_of_a_dutch_only_release_without_english_slug(client):
    release = make_release("Alleen Nederlands", english=False)
    PressRelease.objects.filter(pk=release.pk).update(slug_en=None)
    response = client.get("/en/press-releases/alleen-nederlands/")
    assert response.status_code == 200
    assert "This press release is only available in Dutch." in response.content.decode()


@pytest.mark.parametrize("year", ["0", "1", "10", "9999", "10000", "99999999999"])
def test_year_archive_out_of_range_or_empty_is_404(client, year):
    make_release(publish_at=dt.datetime(2016, 6, 1, tzinfo=dt.UTC))
    assert client.get(f"/nl/archief/{year}/").status_code == 404
    assert client.get(f"/en/archive/{year}/").status_code == 404


def hreflang_links(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def language_switch(html: str) -> dict[str, str]:
    nav = html.split('<nav class="language-switch"', 1)[1].split("</nav>", 1)[0]
    return {code: href for href, code in re.findall(r'<a href="([^"]*)" hreflang="([^"]+)"', nav)}


def canonical(html: str) -> str:
    return re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)


@pytest.mark.parametrize(
    "query",
    ["?theme=kustverdediging", "?year=2016", "?q=zandmotor", "?theme=kustverdediging&page=1"],
)
def test_filtered_newsroom_links_to_the_other_language_without_its_filters(client, query):
    theme = make_theme("Kustverdediging", "Coastal defence", slug_nl="kustverdediging",
                       slug_en="coastal-defence")  # fmt: skip
    make_release("Zandmotor", publish_at=dt.datetime(2016, 6, 1, tzinfo=dt.UTC)).themes.add(theme)
    response = client.get(f"/nl/{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert language_switch(html) == {"en": "/en/"}
    assert hreflang_links(html) == {
        "nl": "http://testserver/nl/",
        "en": "http://testserver/en/",
        "x-default": "http://testserver/nl/",
    }
    assert canonical(html) == "http://testserver/nl/"
    assert client.get(language_switch(html)["en"]).status_code == 200


def test_paginated_lists_name_the_same_page_in_every_language(client, settings):
    settings.PRESS_PAGE_SIZE = 1
    theme = make_theme("Kustverdediging", "Coastal defence", slug_nl="kustverdediging",
                       slug_en="coastal-defence")  # fmt: skip
    for day in (1, 2):
        make_release(publish_at=dt.datetime(2016, 6, day, tzinfo=dt.UTC)).themes.add(theme)
    pages = {
        "/nl/?page=2": "/en/?page=2",
        "/nl/themas/kustverdediging/?page=2": "/en/themes/coastal-defence/?page=2",
        "/nl/archief/2016/?page=2": "/en/archive/2016/?page=2",
    }
    for dutch, english in pages.items():
        html = client.get(dutch).content.decode()
        assert canonical(html) == f"http://testserver{dutch}"
        assert hreflang_links(html)["nl"] == canonical(html)
        assert hreflang_links(html)["en"] == f"http://testserver{english}"
        assert language_switch(html) == {"en": english}
        assert client.get(english).status_code == 200
    # Page 1 is the list's own address, without ?page=1.
    html = client.get("/nl/?page=1").content.decode()
    assert canonical(html) == "http://testserver/nl/"
    assert language_switch(html) == {"en": "/en/"}


def test_article_alternates_leave_tracking_parameters_behind(client):
    release = make_release()
    html = client.get(url_in("nl", release) + "?utm_source=nieuwsbrief").content.decode()
    assert language_switch(html) == {"en": url_in("en", release)}
    assert hreflang_links(html)["nl"] == f"http://testserver{url_in('nl', release)}"


def test_head_requests_get_the_same_answer_as_get_without_a_body(client, editor):
    theme = make_theme("Kustverdediging", slug_nl="kustverdediging")
    release = make_release(publish_at=dt.datetime(2016, 6, 1, tzinfo=dt.UTC))
    release.themes.add(theme)
    withdrawn = make_release(status=PressRelease.Status.WITHDRAWN)
    network = make_network(slug="100-resilient-cities")
    make_membership(make_city(), network).releases.add(release)
    urls = [
        "/healthz",
        "/robots.txt",
        "/sitemap.xml",
        "/nl/",
        "/en/",
        "/nl/?theme=kustverdediging",
        "/nl/themas/kustverdediging/",
        "/nl/archief/2016/",
        "/nl/archief/1999/",
        url_in("nl", release),
        url_in("en", release),
        url_in("nl", withdrawn),
        "/nl/rss/",
        "/nl/atom/",
        "/nl/themas/kustverdediging/rss/",
        reverse("press:network-list"),
        network.get_absolute_url(),
    ]
    statuses = {}
    for url in urls:
        get = client.get(url)
        head = client.head(url)
        statuses[url] = head.status_code
        assert head.status_code == get.status_code != 405, url
        assert head.content == b"", url
        assert head["Content-Type"] == get["Content-Type"], url
    assert set(statuses.values()) == {200, 404, 410}
    assert list(statuses.values()).count(404) == 1  # the empty year
    client.force_login(editor)
    assert client.head(release.get_preview_url()).status_code == 200


def test_public_pages_refuse_to_be_posted_to(client):
    release = make_release()
    for url in ("/healthz", "/robots.txt", "/nl/", "/nl/archief/2016/", url_in("nl", release)):
        assert client.post(url).status_code == 405, url


def test_release_titled_without_letters_or_digits_appears_everywhere(client):
    release = make_release("???", title_en="!!!")
    assert url_in("nl", release).endswith("/persbericht-1/")
    pages = ["/nl/", "/en/", "/nl/rss/", "/en/atom/", "/sitemap.xml"]
    for url in [*pages, url_in("nl", release), url_in("en", release)]:
        assert client.get(url).status_code == 200, url
    assert url_in("nl", release) in client.get("/nl/").content.decode()


def test_article_page_takes_the_hero_image_size_from_the_database(client):
    from django.core.files.storage import default_storage

    release = make_release(hero_image=make_image(size=(64, 32)), hero_alt_nl="De Zandmotor")
    with_renditions(release)
    # Gone from the storage (or slow object storage): the page does not read it.
    default_storage.delete(release.hero_image.name)
    response = client.get(url_in("nl", release))
    assert response.status_code == 200
    assert 'width="64" height="32" alt="De Zandmotor" fetchpriority="high">' in (
        response.content.decode()
    )


def test_a_hero_image_without_stored_dimensions_is_not_read_on_any_page(client):
    from django.core.files.storage import default_storage

    release = with_renditions(make_release(hero_image=make_image(), hero_alt_nl="De Zandmotor"))
    # Not measured (from before the dimensions were stored, or not readable) and gone.
    PressRelease.objects.update(hero_width=None, hero_height=None)
    default_storage.delete(release.hero_image.name)
    for url in ("/nl/", "/nl/rss/", "/sitemap.xml", url_in("nl", release)):
        assert client.get(url).status_code == 200, url
    html = client.get(url_in("nl", release)).content.decode()
    # Without its size no renditions are known: no image, and never the original.
    assert release.title_nl in html
    assert find_all(html, "picture") == []
    assert release.hero_image.url not in html


def release_with_dutch_only_extras(**extra) -> PressRelease:
    """An English release whose link, attachment, contact role and image description
    are only in Dutch."""
    release = make_release(
        hero_image=make_image(), hero_alt_nl="De Zandmotor vanuit de lucht", **extra
    )
    with_renditions(release)
    make_link(release, "Meer over de Zandmotor", url="https://example.org/zandmotor")
    make_attachment(release, "Kaart van de kust")
    release.contacts.add(make_contact("Anna de Vries", role_en=""))
    return release


def test_dutch_fallback_text_on_an_english_page_is_marked_dutch(client):
    release = release_with_dutch_only_extras()
    html = client.get(url_in("en", release)).content.decode()
    assert find_all(html, "img", alt="De Zandmotor vanuit de lucht", lang="nl")
    assertInHTML(
        '<a href="https://example.org/zandmotor" lang="nl">Meer over de Zandmotor</a>', html
    )
    (download,) = find_all(html, "a", download=True)
    assert (text(download), attr(download, "lang")) == ("Kaart van de kust", "nl")
    (contact,) = find_all(find(html, "aside", class_="press-contacts"), "li")
    assertInHTML("<strong>Anna de Vries</strong>", str(contact))
    assertInHTML('<span lang="nl">woordvoerder</span>', str(contact))


def test_translated_or_dutch_text_is_not_marked(client):
    release = release_with_dutch_only_extras(hero_alt_en="The Sand Engine from the air")
    link, attachment, contact = (
        release.links.get(),
        release.attachments.get(),
        release.contacts.get(),
    )
    link.title_en, attachment.title_en, contact.role_en = (
        "About the Sand Engine",
        "Map",
        "spokesman",
    )
    link.save(), attachment.save(), contact.save()
    english = client.get(url_in("en", release)).content.decode()
    (hero,) = find_all(english, "img", alt="The Sand Engine from the air")
    assert attr(hero, "lang") is None
    assertInHTML('<a href="https://example.org/zandmotor">About the Sand Engine</a>', english)
    (download,) = find_all(english, "a", download=True)
    assert (text(download), attr(download, "lang")) == ("Map", None)
    (contact,) = find_all(find(english, "aside", class_="press-contacts"), "li")
    assert text(contact).startswith("Anna de Vries , spokesman (Gemeente Den Haag)")
    assert find_all(contact, "*", lang=True) == []
    dutch = client.get(url_in("nl", release_with_dutch_only_extras())).content.decode()
    (hero,) = find_all(dutch, "img", alt="De Zandmotor vanuit de lucht")
    assert attr(hero, "lang") is None
    assertInHTML('<a href="https://example.org/zandmotor">Meer over de Zandmotor</a>', dutch)
    (download,) = find_all(dutch, "a", download=True)
    assert (text(download), attr(download, "lang")) == ("Kaart van de kust", None)
    (contact,) = find_all(find(dutch, "aside", class_="press-contacts"), "li")
    assert text(contact).startswith("Anna de Vries , woordvoerder (Gemeente Den Haag)")
    assert find_all(contact, "*", lang=True) == []
    assert find_all(find(dutch, "main"), "*", lang=True) == []


def withdrawn(**extra) -> PressRelease:
    release = make_release("Ingetrokken <bericht>", **extra)
    release.status = PressRelease.Status.WITHDRAWN
    release.withdrawal_notice_nl = "Dit bericht bevatte een fout."
    release.save()
    return release


def test_withdrawn_notice_in_dutch_on_the_english_page_is_marked_dutch(client):
    release = withdrawn(english=False)
    html = client.get(url_in("en", release)).content.decode()
    assertInHTML(
        'The press release “<span lang="nl">Ingetrokken &lt;bericht&gt;</span>” '
        "is no longer available.",
        str(find(html, "main")),
    )
    assertInHTML('<p class="notice" lang="nl">Dit bericht bevatte een fout.</p>', html)


def test_withdrawn_notice_translated_or_in_dutch_is_not_marked(client):
    release = withdrawn()
    release.withdrawal_notice_en = "This release contained an error."
    release.save()
    html = client.get(url_in("en", release)).content.decode()
    assert f"The press release “{release.title_en}” is no longer available." in html
    assertInHTML('<p class="notice">This release contained an error.</p>', html)
    html = client.get(
        url_in("nl", withdrawn(english=False, slug_nl="ingetrokken-2"))
    ).content.decode()
    assert "Het persbericht “Ingetrokken &lt;bericht&gt;” is niet meer beschikbaar." in html
    assertInHTML('<p class="notice">Dit bericht bevatte een fout.</p>', html)


def test_release_withdrawn_before_its_embargo_stays_unknown_afterwards(client):
    release = make_release("Embargo", publish_at=timezone.now() + dt.timedelta(days=1))
    release.status = PressRelease.Status.WITHDRAWN
    release.save()  # withdrawn now, a day before its publication moment
    # Time passes: the moment it would have appeared is now behind us.
    PressRelease.objects.filter(pk=release.pk).update(
        withdrawn_at=timezone.now() - dt.timedelta(days=2),
        publish_at=timezone.now() - dt.timedelta(days=1),
    )
    response = client.get(release.get_absolute_url("nl"))
    assert response.status_code == 404
    assert "Embargo" not in response.content.decode()
