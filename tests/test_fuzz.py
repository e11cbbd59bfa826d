"""Fuzzing with hypothesis: whatever a visitor or an editor sends, the site never
answers 500.

Every public address of the URLconf (test_every_public_address_is_fuzzed keeps the
list complete), every GET parameter and request header the site reads, the comment
form, the alerts' pages and forms, the moderators' close button, the admin's release
form and every admin changelist's filters. A NUL character (PostgreSQL refuses it in
text) in a GET parameter is a 400, in a form field a form error. The client
re-raises an unhandled exception, so a failure shows the traceback and hypothesis
shrinks it to the smallest request.

Profiles (tests/conftest.py): a bounded number of examples per test; derandomized
under CI=true, so CI runs the same examples every time.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import time
from urllib.parse import quote, urlencode

import pytest
from django.contrib import admin
from django.core import signing
from django.test import RequestFactory
from django.test.utils import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from alerts.tokens import make_token
from comments.forms import _SALT, issue_timestamp
from comments.models import Comment, Thread
from press.models import PressRelease
from press.services import sync_comment_thread
from tests.alerts.conftest import make_subscriber
from tests.conftest import make_city, make_membership, make_network, make_release, make_theme
from tests.press.test_admin import ADD_URL, form_data

pytestmark = pytest.mark.django_db


# The database and the client fixture are set up once per test, not per example:
# every example of a test sees the same site (and what earlier examples posted).
# FUZZ_SCALE=10 tries ten times as many examples per test (a longer local hunt).
FUZZ_SCALE = int(os.environ.get("FUZZ_SCALE") or 1)


def fuzz(examples: int) -> hypothesis_settings:
    """A bounded number of examples; the profile (tests/conftest.py) gives the rest."""
    return hypothesis_settings(
        max_examples=examples * FUZZ_SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# -- strategies --------------------------------------------------------------------------

# Text as a browser or a robot may send it: any Unicode (NUL bytes, right-to-left marks,
# emoji, combining marks), but not lone surrogates, which no UTF-8 request can carry.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)
# Text with a NUL character in it: PostgreSQL refuses those in text (SQLite does not).
nul_text = st.one_of(
    st.just("\x00"),
    st.tuples(any_text, any_text).map(lambda parts: f"{parts[0]}\x00{parts[1]}"),
)
# Header values reach Django decoded as ISO-8859-1 (PEP 3333).
header_text = st.text(st.characters(max_codepoint=255), max_size=80)
slug_like = st.from_regex(r"[-a-zA-Z0-9_]{1,40}", fullmatch=True)
numbers = st.one_of(
    st.integers(-5, 30).map(str),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["0", "1.5", "1e9", "NaN", "inf", "-0", "٣", "²", "0x10", " 2", "last"]),
    any_text,
)
languages = st.sampled_from(["nl", "en"])


def segment(values: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A path segment: usually a value the converter accepts, sometimes odd Unicode."""
    return st.one_of(values, any_text.filter(bool)).map(lambda v: quote(v, safe=""))


@pytest.fixture
def site(db):
    """A small newsroom: a release with a thread, a theme, a network of the city."""
    theme = make_theme("Kustverdediging", "Coastal defence", slug_nl="kust", slug_en="coast")
    release = make_release("Haagse stranden veilig", publish_at=timezone.now() - dt.timedelta(1))
    release.themes.add(theme)
    sync_comment_thread(release)
    network = make_network("100 Resilient Cities", slug="100rc")
    make_membership(make_city(), network)
    thread = Thread.objects.for_object(release).get()
    return {"release": release, "theme": theme, "network": network, "thread": thread}


def public_paths(site: dict) -> dict[str, st.SearchStrategy[str]]:
    """Per public URL name: a strategy for its path, in either language."""
    release, theme, network = site["release"], site["theme"], site["network"]
    thread_id = site["thread"].pk
    slugs = st.one_of(
        st.sampled_from([release.slug_nl, release.slug_en, theme.slug_nl, theme.slug_en]),
        st.just(network.slug),
        slug_like,
    )
    ids = st.one_of(st.just(thread_id), st.integers(0, 10**6), st.integers(2**31, 10**25)).map(str)
    years = st.one_of(
        st.integers(0, 3000), st.sampled_from([1, 9999, 10000, 2**63]), st.integers()
    ).map(lambda y: str(abs(y)))
    tokens = st.one_of(
        slug_like,
        ids,
        st.just("WzEsImFiYyJd:1xXDcL:Pfm9oOYxYtcxLloSLQ901dJzj-PuXwIQ9qpUPqXZQRE"),
        st.builds(
            lambda data: signing.Signer(salt="alerts.subscriber").sign_object(data), json_values
        ),
    )

    def localized(nl: str, en: str, *parts: st.SearchStrategy[str]):
        return st.tuples(languages, *[segment(p) for p in parts]).map(
            lambda t: (nl if t[0] == "nl" else en).format(*t[1:])
        )

    return {
        "healthz": st.just("/healthz"),
        "sitemap": st.just("/sitemap.xml"),
        "robots-txt": st.just("/robots.txt"),
        "favicon": st.just("/favicon.ico"),
        "security-txt": st.just("/.well-known/security.txt"),
        "accessibility": localized(
            "/nl/toegankelijkheidsverklaring/", "/en/accessibility-statement/"
        ),
        "privacy": localized("/nl/privacyverklaring/", "/en/privacy-statement/"),
        "cookies": localized("/nl/cookieverklaring/", "/en/cookie-statement/"),
        "contact": localized("/nl/contact/", "/en/contact/"),
        "colofon": localized("/nl/colofon/", "/en/colophon/"),
        "press:newsroom": st.sampled_from(["/nl/", "/en/", "/", ""]),
        "press:feed-rss": localized("/nl/rss/", "/en/rss/"),
        "press:feed-atom": localized("/nl/atom/", "/en/atom/"),
        "press:theme-detail": localized("/nl/themas/{}/", "/en/themes/{}/", slugs),
        "press:theme-feed-rss": localized("/nl/themas/{}/rss/", "/en/themes/{}/rss/", slugs),
        "press:theme-feed-atom": localized("/nl/themas/{}/atom/", "/en/themes/{}/atom/", slugs),
        "press:year-archive": localized("/nl/archief/{}/", "/en/archive/{}/", years),
        "press:network-list": localized("/nl/netwerken/", "/en/networks/"),
        "press:network-detail": localized("/nl/netwerken/{}/", "/en/networks/{}/", slugs),
        "press:release-preview": localized(
            "/nl/persberichten/voorbeeld/{}/", "/en/press-releases/preview/{}/", ids
        ),
        # Staff only (a 302 to the login for anyone else): the preview of an unsaved form.
        "press:release-draft-preview-start": localized(
            "/nl/persberichten/voorbeeld/concept/", "/en/press-releases/preview/draft/"
        ),
        "press:release-draft-preview": localized(
            "/nl/persberichten/voorbeeld/concept/{}/",
            "/en/press-releases/preview/draft/{}/",
            slugs,
        ),
        "press:release-draft-file": localized(
            "/nl/persberichten/voorbeeld/concept/{}/bestanden/{}",
            "/en/press-releases/preview/draft/{}/files/{}",
            slugs,
            slugs,
        ),
        "press:release-detail": localized(
            "/nl/persberichten/{}/", "/en/press-releases/{}/", slugs
        ),
        "press:attachment-download": localized(
            "/nl/persberichten/bijlagen/{}/{}", "/en/press-releases/attachments/{}/{}", ids, slugs
        ),
        # Share links: any token-like text answers 404 (tests/press/test_share_links.py
        # opens real ones).
        "press:embargo": localized(
            "/nl/embargo/{}/", "/en/embargo/{}/", st.one_of(slug_like, st.just("A" * 43), ids)
        ),
        "press:embargo-attachment": localized(
            "/nl/embargo/{}/bijlagen/{}/{}",
            "/en/embargo/{}/attachments/{}/{}",
            st.one_of(slug_like, st.just("A" * 43)),
            ids,
            slugs,
        ),
        "press:embargo-rendition": localized(
            "/nl/embargo/{}/afbeeldingen/{}",
            "/en/embargo/{}/images/{}",
            st.one_of(slug_like, st.just("A" * 43)),
            slugs,
        ),
        # A release's hero image renditions (any name that is not one answers 404).
        "press-media:rendition": st.tuples(segment(ids), segment(slugs)).map(
            lambda t: "/renditions/{}/{}".format(*t)
        ),
        "comments:thanks": localized("/nl/reacties/{}/bedankt/", "/en/reactions/{}/thanks/", ids),
        # POST only: a GET answers 405; their bodies are fuzzed below.
        "comments:post": localized("/nl/reacties/{}/plaatsen/", "/en/reactions/{}/post/", ids),
        "comments:close": localized("/nl/reacties/{}/sluiten/", "/en/reactions/{}/close/", ids),
        "comments:reopen": localized(
            "/nl/reacties/{}/heropenen/", "/en/reactions/{}/reopen/", ids
        ),
        # The API (one address for both languages; tests/api/test_contract.py fuzzes
        # it against its OpenAPI document).
        **{
            f"api:{name}": st.tuples(st.just(path), segment(ids)).map(lambda t: t[0].format(t[1]))
            for name, path in {
                "release-list": "/api/v1/releases",
                "release-detail": "/api/v1/releases/{}",
                "theme-list": "/api/v1/themes",
                "theme-detail": "/api/v1/themes/{}",
                "theme-releases": "/api/v1/themes/{}/releases",
                "network-list": "/api/v1/networks",
                "network-detail": "/api/v1/networks/{}",
                "network-releases": "/api/v1/networks/{}/releases",
                "openapi": "/api/v1/openapi.json",
                "docs": "/api/v1/docs",
            }.items()
        },
        # E-mail alerts: any token-like text answers 404 (tests/alerts/ opens real ones).
        "alerts:sign-up": localized("/nl/alerts/", "/en/alerts/"),
        "alerts:sign-up-sent": localized("/nl/alerts/sent/", "/en/alerts/sent/"),
        **{
            f"alerts:{name}": localized(
                f"/nl/alerts/{name}/{{}}/", f"/en/alerts/{name}/{{}}/", tokens
            )
            for name in ("confirm", "manage", "unsubscribe")
        },
    }


# Every GET parameter the public pages read, and a few they do not.
PARAMETERS = ["q", "theme", "year", "page", "reacties", "p", "published", "published_at"]
PARAMETERS += ["network", "updated-since", "page-size", "lang"]  # the API's
query_values = st.one_of(
    numbers, any_text, nul_text, slug_like, st.sampled_from(["kust", "coast", "2026"])
)
queries = st.one_of(
    st.dictionaries(st.sampled_from(PARAMETERS), query_values, max_size=4).map(
        lambda d: urlencode(d)
    ),
    # Raw query strings: bytes that are not UTF-8, repeated keys, stray separators.
    st.binary(max_size=40).map(lambda b: quote(b, safe="=&;")),
    st.lists(st.sampled_from(PARAMETERS), max_size=3).map(
        lambda keys: "&".join(f"{k}=1&{k}=x" for k in keys)
    ),
)


def public_url_names() -> set[str]:
    """The names of every address in the URLconf, outside the admin."""
    names: set[str] = set()

    def walk(patterns, namespace: str = "") -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    return names


def test_every_public_address_is_fuzzed(site):
    assert public_url_names() == set(public_paths(site))


def assert_not_500(response) -> None:
    assert response.status_code < 500, response.content[:500]


# -- GET: paths, parameters, headers ------------------------------------------------------


@fuzz(100)
@given(data=st.data())
def test_any_public_get_is_never_a_500(client, site, data):
    paths = public_paths(site)
    name = data.draw(st.sampled_from(sorted(paths)), label="url name")
    path = data.draw(paths[name], label="path")
    query = data.draw(queries, label="query")
    response = client.get(f"{path}?{query}" if query else path)
    assert_not_500(response)


def test_the_fuzzed_paths_reach_the_views(client, site):
    """The path strategies are right: their plain values open the real pages."""
    release, theme, network = site["release"], site["theme"], site["network"]
    for url in [
        release.get_absolute_url("nl"),
        f"/nl/themas/{theme.slug_nl}/",
        f"/en/themes/{theme.slug_en}/rss/",
        f"/nl/netwerken/{network.slug}/",
        f"/nl/archief/{release.publish_at.year}/",
        reverse("comments:thanks", kwargs={"thread_id": site["thread"].pk}),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url


@fuzz(20)
@given(q=any_text, theme=any_text, year=numbers, page=numbers, language=languages)
def test_the_newsroom_filter_is_never_a_500(client, site, q, theme, year, page, language):
    response = client.get(f"/{language}/", {"q": q, "theme": theme, "year": year, "page": page})
    assert response.status_code in (200, 400, 404)


@fuzz(20)
@given(q=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=200))
def test_any_search_is_never_a_500(client, site, q):
    response = client.get("/nl/", {"q": q})
    assert response.status_code in (200, 400)
    if "\x00" not in q and response.status_code == 400:
        pytest.fail(f"a search without NUL bytes was refused: {q!r}")


hosts = st.one_of(
    st.sampled_from(["testserver", "localhost", "127.0.0.1", "[::1]"]).flatmap(
        lambda h: st.sampled_from([h, f"{h}:8000", f"{h}:", f"{h}:99999", f"{h}.", h.upper()])
    ),
    header_text,
)
forwarded_for = st.one_of(
    header_text, st.lists(st.ip_addresses().map(str), max_size=4).map(", ".join)
)
headers = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_HOST": hosts,
        "HTTP_ACCEPT_LANGUAGE": st.one_of(
            header_text,
            st.sampled_from(["en", "nl", "en-GB,en;q=0.9", "de", "*", "nl;q=abc", "xx-" * 40]),
        ),
        "HTTP_X_FORWARDED_FOR": forwarded_for,
        "HTTP_X_FORWARDED_PROTO": st.one_of(
            st.sampled_from(["https", "http", "https, http", "HTTPS"]), header_text
        ),
        "HTTP_X_FORWARDED_HOST": hosts,
        "HTTP_IF_NONE_MATCH": st.one_of(header_text, st.just('"abc", W/"x", *')),
        "HTTP_IF_MODIFIED_SINCE": st.one_of(
            header_text, st.just("Sat, 29 Oct 1994 19:43:31 GMT"), st.just("0")
        ),
        "HTTP_COOKIE": st.one_of(
            header_text,
            st.sampled_from(["sessionid", "csrftoken", "django_language", "messages"]).flatmap(
                lambda name: header_text.map(lambda v: f"{name}={v}")
            ),
        ),
        "HTTP_REFERER": header_text,
        "HTTP_USER_AGENT": header_text,
    },
)


@fuzz(80)
@given(data=st.data(), headers=headers, behind_proxy=st.booleans(), proxies=st.integers(0, 3))
def test_any_request_header_is_never_a_500(client, site, data, headers, behind_proxy, proxies):
    paths = public_paths(site)
    name = data.draw(st.sampled_from(sorted(paths)), label="url name")
    path = data.draw(paths[name], label="path")
    proxy = {"SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https")}
    with override_settings(
        TRUSTED_PROXY_COUNT=proxies,
        USE_X_FORWARDED_HOST=behind_proxy,
        **(proxy if behind_proxy else {}),
    ):
        response = client.get(path, **headers)
    assert_not_500(response)


# -- the comment form ---------------------------------------------------------------------


def signed(payload) -> str:
    return signing.dumps(payload, salt=_SALT)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=6,
)


def timestamps(thread_id: int) -> st.SearchStrategy[str]:
    # Half of the forms carry a good timestamp, so that many reach the service.
    good = st.just(issue_timestamp(thread_id, issued_at=time.time() - 30))
    return good | st.one_of(
        st.floats(allow_nan=True).map(lambda t: issue_timestamp(thread_id, issued_at=t)),
        st.builds(lambda t, th: signed({"thread": th, "t": t}), json_values, json_values),
        json_values.map(signed),
        any_text,
    )


@fuzz(40)
@given(data=st.data())
def test_any_comment_form_is_never_a_500(client, site, data, settings):
    settings.COMMENTS_RATE_LIMIT = 10**6  # reach the service, not only the limit
    thread = site["thread"]
    fields = {
        "name": st.one_of(any_text, st.just("Fatima")),
        "email": st.one_of(any_text, st.emails(), st.just("")),
        "body": st.one_of(any_text, st.text(max_size=2500), st.just("Goed plan!\r\nIk doe mee.")),
        "website": st.one_of(st.just(""), any_text),
        "timestamp": timestamps(thread.pk),
    }
    payload = data.draw(st.fixed_dictionaries(fields), label="form")
    language = data.draw(languages, label="language")
    address = reverse("comments:post", kwargs={"thread_id": thread.pk})
    if language == "en":
        address = address.replace("/nl/reacties/", "/en/reactions/").replace(
            "/plaatsen/", "/post/"
        )
    # The rate limit reads the client's address from X-Forwarded-For behind proxies.
    settings.TRUSTED_PROXY_COUNT = data.draw(st.integers(0, 3), label="trusted proxies")
    forwarded = data.draw(forwarded_for, label="X-Forwarded-For")
    before = Comment.objects.count()
    response = client.post(address, payload, HTTP_X_FORWARDED_FOR=forwarded)
    assert_not_500(response)
    if response.status_code == 303:
        assert Comment.objects.count() == before + 1
    else:
        assert response.status_code in (400, 429)
        assert Comment.objects.count() == before


@fuzz(40)
@given(data=st.data())
def test_any_alerts_sign_up_is_never_a_500(client, site, data, settings):
    settings.ALERTS_SIGNUP_RATE_LIMIT = 10**6  # reach the service, not only the limit
    fields = {
        "email": st.one_of(any_text, st.emails(), st.just("fatima@example.org")),
        "language": st.one_of(languages, any_text),
        "frequency": st.one_of(st.sampled_from(["immediate", "daily"]), any_text),
        "all_releases": st.one_of(st.just(""), st.just("on"), any_text),
        "themes": st.lists(st.one_of(st.just(str(site["theme"].pk)), numbers), max_size=3),
    }
    payload = data.draw(st.fixed_dictionaries(fields), label="form")
    language = data.draw(languages, label="language")
    response = client.post(f"/{language}/alerts/", payload)
    assert_not_500(response)
    assert response.status_code in (303, 400)


@pytest.fixture
def subscriber(site):
    """A confirmed subscriber of the site's theme, whose pages are fuzzed."""
    return make_subscriber("fatima@example.org", themes=[site["theme"]])


def has_nul(values) -> bool:
    return any("\x00" in str(value) for value in values)


@fuzz(60)
@given(data=st.data())
def test_the_alerts_pages_and_forms_are_never_a_500(client, site, subscriber, data, settings):
    """The sign-up (its theme parameter and its form), and a subscriber's confirm and
    manage pages: a NUL anywhere is a 400 or a form error."""
    settings.ALERTS_SIGNUP_RATE_LIMIT = 10**6  # reach the form, not only the limit
    language = data.draw(languages, label="language")
    text = st.one_of(any_text, nul_text)
    page = data.draw(st.sampled_from(["sign-up", "confirm", "manage"]), label="page")
    address = f"/{language}/alerts/"
    if page != "sign-up":
        address += f"{page}/{make_token(subscriber)}/"
    query = data.draw(
        st.dictionaries(st.sampled_from(["theme", "themes", "email", "next"]), text, max_size=2),
        label="query",
    )
    if data.draw(st.booleans(), label="post"):
        fields = {
            "language": st.one_of(languages, text),
            "frequency": st.one_of(st.sampled_from(["immediate", "daily"]), text),
            "all_releases": st.one_of(st.just("on"), text),
            "themes": st.lists(st.one_of(st.just(str(site["theme"].pk)), text), max_size=3),
        }
        if page == "sign-up":
            fields["email"] = st.one_of(
                st.just("fatima@example.org"),
                st.emails(),
                text,
                nul_text.map(lambda t: f"a{t}@b.nl"),
            )
        form = data.draw(st.fixed_dictionaries({}, optional=fields), label="form")
        response = client.post(f"{address}?{urlencode(query)}" if query else address, form)
        values = [*query, *query.values(), *form.values(), *form.get("themes", [])]
    else:
        response = client.get(address, query)
        values = [*query, *query.values()]
    assert_not_500(response)
    if has_nul([*query, *query.values()]):
        assert response.status_code == 400
    elif has_nul(values) and page != "confirm":  # confirming takes no fields
        assert response.status_code == 400  # the form's errors, in the reader's language
        assert b'class="error"' in response.content


# -- the admin release form ----------------------------------------------------------------

html_bodies = st.one_of(
    any_text,
    st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<h2>",
                "</h2>",
                "<script>alert(1)</script>",
                "<a href='x'>",
                "<blockquote>",
                "&amp;",
                "&#0;",
                "<img src=x onerror=1>",
                "\x00",
                "<!--",
                "]]>",
                "<table><tr><td>",
                "tekst ",
                "é",
                "\u202e",
            ]
        )
        | any_text,
        max_size=12,
    ).map("".join),
)
_serial = itertools.count(1)
# Dates as the Dutch admin reads them; the ends of the calendar half of the time.
dates = st.one_of(
    st.sampled_from(["01-01-0001", "31-12-9999", "01-01-1900", "31-12-2999", "29-02-2024"]),
    st.dates().map(lambda d: d.strftime("%d-%m-%Y")),
    st.sampled_from(["29-02-2023", "2026-11-28", "", "morgen"]) | any_text,
)
times = st.one_of(
    st.times().map(lambda t: t.strftime("%H:%M:%S")),
    st.sampled_from(["00:00:00", "23:59:59", "02:30:00", "24:00", ""]) | any_text,
)


@fuzz(40)
@given(data=st.data())
def test_any_release_form_of_a_chief_editor_is_never_a_500(client, chief_editor, site, data):
    client.force_login(chief_editor)
    existing = site["release"]
    fields = {
        "title_nl": st.one_of(any_text, st.just("Nieuw persbericht")),
        "title_en": any_text,
        "slug_nl": st.one_of(slug_like, any_text, st.just(existing.slug_nl)),
        "slug_en": st.one_of(st.just(""), slug_like, any_text, st.just(existing.slug_nl)),
        "lead_nl": any_text,
        "body_nl": html_bodies,
        "body_en": html_bodies,
        "dateline": any_text,
        "status": st.one_of(
            st.sampled_from([s for s, _label in PressRelease.Status.choices]), any_text
        ),
        "publish_at_0": dates,
        "publish_at_1": times,
        "comments_enabled": st.sampled_from(["on", "", "x"]),
        "withdrawal_notice_nl": any_text,
        "hero_alt_nl": any_text,
        "hero_credit": any_text,
        "themes": st.one_of(st.just(str(site["theme"].pk)), numbers),
    }
    # The workflow and the date are always sent (that is where the sums are made);
    # the other fields now and then.
    always = {name: fields.pop(name) for name in ("status", "publish_at_0", "publish_at_1")}
    overrides = data.draw(st.fixed_dictionaries(always, optional=fields), label="form")
    change = data.draw(st.booleans(), label="change the existing release")
    url = reverse("admin:press_pressrelease_change", args=[existing.pk]) if change else ADD_URL
    # A fresh title each time, so that a valid form is saved, not refused as a
    # second release at the same address.
    base = form_data(title_nl=f"Persbericht {next(_serial)}")
    response = client.post(url, base | overrides)
    assert_not_500(response)
    assert response.status_code in (200, 302)


@fuzz(30)
@given(
    q=any_text,
    status=any_text,
    year=st.one_of(numbers, st.sampled_from(["1", "9999", "1900", "2999"])),
    month=numbers,
    page=numbers,
    order=numbers,
)
def test_the_release_list_of_a_chief_editor_is_never_a_500(
    client, chief_editor, site, q, status, year, month, page, order
):
    client.force_login(chief_editor)
    changelist = reverse("admin:press_pressrelease_changelist")
    query = {"q": q, "status__exact": status, "publish_at__year": year, "p": page, "o": order}
    response = client.get(changelist, query | {"publish_at__month": month})
    assert_not_500(response)


def changelist_parameters(model_admin, request) -> list[str]:
    """The parameters a changelist reads: its search, order and page, every filter's
    (the lookups a field filter may add), its date hierarchy's."""
    names = ["q", "o", "p", "e", "all", "_popup", "_to_field", "_changelist_filters"]
    for spec in model_admin.get_list_filter(request):
        if isinstance(spec, type) and issubclass(spec, admin.SimpleListFilter):
            names.append(spec.parameter_name)
            continue
        field = spec[0] if isinstance(spec, tuple) else spec
        lookups = ("exact", "id__exact", "isnull", "isempty", "gte", "lt", "in")
        names += [f"{field}__{lookup}" for lookup in lookups]
    if model_admin.date_hierarchy:
        names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return names


@fuzz(80)
@given(data=st.data())
def test_any_admin_changelist_filter_is_never_a_500(
    client, superuser, chief_editor, site, subscriber, data
):
    """Every model's changelist in the admin, as the superuser (who sees them all) and
    as a chief editor: a NUL character in any of its parameters is a 400."""
    user = data.draw(st.sampled_from([superuser, chief_editor]), label="user")
    client.force_login(user)
    request = RequestFactory().get("/admin/")
    request.user = user
    registry = admin.site._registry
    model = data.draw(
        st.sampled_from(sorted(registry, key=lambda m: m._meta.label)), label="model"
    )
    names = changelist_parameters(registry[model], request)
    values = st.one_of(any_text, nul_text, numbers, st.sampled_from(["0", "1", "", "True"]))
    query = data.draw(st.dictionaries(st.sampled_from(names), values, max_size=4), label="query")
    meta = model._meta
    response = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"), query)
    assert_not_500(response)
    if has_nul([*query, *query.values()]):
        assert response.status_code == 400


@fuzz(40)
@given(data=st.data())
def test_any_admin_list_action_is_never_a_500(client, superuser, site, subscriber, data):
    """A list action's selection that is no row's key (``abc``, a NUL) is a 400."""
    client.force_login(superuser)
    registry = admin.site._registry
    model = data.draw(
        st.sampled_from(sorted(registry, key=lambda m: m._meta.label)), label="model"
    )
    keys = [str(pk) for pk in model._default_manager.values_list("pk", flat=True)[:3]]
    selection = st.one_of(st.sampled_from(keys) if keys else st.just("1"), any_text, nul_text)
    form = {
        "action": data.draw(st.one_of(st.just("delete_selected"), any_text), label="action"),
        "_selected_action": data.draw(st.lists(selection, max_size=3), label="selected"),
        "index": "0",
    }
    meta = model._meta
    response = client.post(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"), form)
    assert_not_500(response)
    if has_nul(form["_selected_action"]):
        assert response.status_code == 400


@fuzz(30)
@given(
    username=st.one_of(st.just("editor"), any_text, nul_text, st.text(min_size=151)),
    password=st.one_of(st.just("wrong password"), any_text, nul_text),
    otp_token=st.one_of(st.just(""), any_text, nul_text),
)
def test_any_admin_login_is_never_a_500(client, editor, username, password, otp_token):
    """A field the login form refuses (a NUL, a name too long) is a form error."""
    form = {"username": username, "password": password, "otp_token": otp_token}
    response = client.post(reverse("admin:login"), form, REMOTE_ADDR="198.51.100.1")
    assert_not_500(response)
    if has_nul(form.values()):
        assert response.status_code in (200, 429)  # the form again, or locked out


@fuzz(30)
@given(reason=any_text, next_url=st.one_of(any_text, st.sampled_from(["/nl/", "//evil", ""])))
def test_the_moderators_close_button_is_never_a_500(client, moderator, site, reason, next_url):
    client.force_login(moderator)
    address = reverse("comments:close", kwargs={"thread_id": site["thread"].pk})
    response = client.post(address, {"reason": reason, "next": next_url})
    assert response.status_code in (302, 400)
