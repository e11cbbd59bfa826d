"""Malformed requests get a 400 (or 403/404) page in the reader's language, never a 500.

The client enforces CSRF as production does: the CSRF check is what reads a POST body
first, and Django's default error pages ran that check a second time.
"""

from __future__ import annotations

import pytest
from django.test import Client

from comments.services import ensure_thread
from tests.conftest import make_release

BAD_REQUEST_NL = "Ongeldig verzoek"
BAD_REQUEST_EN = "Bad request"
CSRF_COOKIE = "k" * 32
UTF16_FORM = "application/x-www-form-urlencoded; charset=utf-16"


@pytest.fixture
def browser() -> Client:
    """A client that checks CSRF and reports a 500 as a 500 (not as an exception).

    It carries a CSRF cookie as a browser that opened a page of the site does: without
    one the CSRF check refuses a POST before it reads the body.
    """
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = CSRF_COOKIE
    return client


@pytest.fixture
def thread(db):
    release = make_release()
    return ensure_thread(release, closes_at=None)


def post_addresses(thread) -> dict[str, str]:
    return {
        "comment post": f"/nl/reacties/{thread.pk}/plaatsen/",
        "close": f"/nl/reacties/{thread.pk}/sluiten/",
        "admin login": "/admin/login/",
        "admin change form": "/admin/press/pressrelease/add/",
        "newsroom (GET only)": "/nl/",
        "unknown thread": "/nl/reacties/999999/plaatsen/",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "comment post",
        "close",
        "admin login",
        "admin change form",
        "newsroom (GET only)",
        "unknown thread",
    ],
)
def test_a_form_in_utf16_is_a_dutch_400_on_every_post_address(browser, thread, name):
    address = post_addresses(thread)[name]
    response = browser.post(address, b"name=a&body=b", content_type=UTF16_FORM)
    assert response.status_code == 400, name
    assert BAD_REQUEST_NL in response.content.decode()


@pytest.mark.django_db
def test_a_form_in_utf16_to_an_unknown_address_is_a_dutch_404(browser):
    # No view: the 404 page comes first, and it no longer reads the body.
    response = browser.post("/nl/bestaat-niet/", b"name=a", content_type=UTF16_FORM)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.django_db
def test_the_400_speaks_english_on_english_pages(browser, thread):
    response = browser.post(
        f"/en/reactions/{thread.pk}/post/", b"name=a&body=b", content_type=UTF16_FORM
    )
    assert response.status_code == 400
    assert BAD_REQUEST_EN in response.content.decode()
    assert 'lang="en"' in response.content.decode()


@pytest.mark.django_db
def test_the_admin_400_follows_the_browser_language(browser):
    response = browser.post(
        "/admin/login/", b"username=a", content_type=UTF16_FORM, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert BAD_REQUEST_EN in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "charset, status",
    [("utf-16", 400), ("utf-32", 400), ("latin-1", 400), ("no-such-charset", 403), ("", 403)],
)
def test_any_charset_but_utf8_on_a_form_is_a_400(browser, thread, charset, status):
    response = browser.generic(
        "POST",
        f"/nl/reacties/{thread.pk}/plaatsen/",
        b"name=a&body=b",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    # An unknown charset is ignored by Django (the body is read as UTF-8): then the
    # CSRF check refuses the form without a token, in Dutch.
    assert response.status_code == status
    expected = BAD_REQUEST_NL if status == 400 else "CSRF-verificatie mislukt"
    assert expected in response.content.decode()


@pytest.mark.django_db
def test_a_body_that_is_not_utf8_reaches_the_form_and_gets_its_errors(thread):
    client = Client(raise_request_exception=False)
    response = client.post(
        f"/nl/reacties/{thread.pk}/plaatsen/",
        b"name=%ff%fe&body=\xff\xfe\x00&timestamp=%00",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "Je reactie is nog niet verstuurd" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content_type, body",
    [
        ("multipart/form-data", b"--x\r\nContent-Disposition: form-data; name=a\r\n\r\nb"),
        ("multipart/form-data; boundary=", b"anything"),
        ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data\r\n\r\nb"),
        ("multipart/form-data; boundary=\xff", b"--\xff\r\n"),
    ],
)
def test_a_malformed_multipart_body_is_a_400(browser, thread, content_type, body):
    response = browser.post(f"/nl/reacties/{thread.pk}/plaatsen/", body, content_type=content_type)
    assert response.status_code in (400, 403)
    if response.status_code == 400:
        assert BAD_REQUEST_NL in response.content.decode()


@pytest.mark.django_db
def test_too_many_fields_is_a_400(browser, thread, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    body = "&".join(f"f{n}=x" for n in range(20)).encode()
    response = browser.post(
        f"/nl/reacties/{thread.pk}/plaatsen/",
        body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert BAD_REQUEST_NL in response.content.decode()


@pytest.mark.django_db
def test_too_many_files_is_a_400(browser, thread, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    parts = b"".join(
        b"--x\r\nContent-Disposition: form-data; name=f%d; filename=a%d.txt\r\n"
        b"Content-Type: text/plain\r\n\r\nhallo\r\n" % (n, n)
        for n in range(5)
    )
    response = browser.post(
        f"/nl/reacties/{thread.pk}/plaatsen/",
        parts + b"--x--\r\n",
        content_type="multipart/form-data; boundary=x",
    )
    assert response.status_code == 400
    assert BAD_REQUEST_NL in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("charset", ["", "; charset=utf-16"])
def test_a_body_over_the_upload_limit_is_a_400(browser, thread, settings, charset):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = browser.post(
        f"/nl/reacties/{thread.pk}/plaatsen/",
        b"body=" + b"x" * 2000,
        content_type="application/x-www-form-urlencoded" + charset,
    )
    assert response.status_code == 400
    assert BAD_REQUEST_NL in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["q=%ff%fe", "q=%00", "page=%ff", "theme=%c0%af", "year=%e2%82", "%ff=%ff"]
)
def test_a_query_string_that_is_not_utf8_is_never_a_500(client, query):
    response = client.get(f"/nl/?{query}")
    assert response.status_code in (200, 400, 404)
    assert "Persberichten" in response.content.decode() or response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/nl/%ff/", "/nl/persberichten/%ff%fe/", "/%c0%af/"])
def test_a_path_that_is_not_utf8_is_a_404(client, path):
    response = client.get(path, follow=True)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cookie",
    [
        'sessionid="\\000abcdefghijk"',
        "sessionid=" + "a" * 5000,
        'sessionid="\\377\\376abcdefgh"',
        "csrftoken=\x00; sessionid=;;;",
        'messages="\\000"; csrftoken="\\"',
        "=; ==; ;",
    ],
)
def test_a_broken_cookie_is_never_a_500(browser, thread, cookie):
    page = browser.get("/nl/", HTTP_COOKIE=cookie)
    assert page.status_code == 200
    assert "Persberichten" in page.content.decode()
    post = browser.post(f"/nl/reacties/{thread.pk}/plaatsen/", {"name": "a"}, HTTP_COOKIE=cookie)
    assert post.status_code == 403  # no valid CSRF token: Django's CSRF page
    admin = browser.get("/admin/", HTTP_COOKIE=cookie)
    assert admin.status_code == 302


@pytest.mark.django_db
def test_a_post_with_a_foreign_host_and_an_origin_is_a_400(browser, thread):
    response = browser.post(
        f"/nl/reacties/{thread.pk}/plaatsen/",
        {"name": "a"},
        HTTP_HOST="evil.example",
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 400
    assert BAD_REQUEST_NL in response.content.decode()


@pytest.mark.django_db
def test_a_session_key_with_characters_django_never_makes_is_no_session(client, editor):
    from denhaag_cms.sessions import SessionStore

    assert SessionStore("\x00abcdefghijk").session_key is None
    assert SessionStore("ABCDEFGHIJKLMNOP").session_key is None
    client.force_login(editor)  # a real session still works
    key = client.cookies["sessionid"].value
    assert SessionStore(key).session_key == key
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "editor" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address, language",
    [
        ("/nl/alerts/?theme=%00", "nl"),
        ("/en/alerts/?theme=%00", "en"),
        ("/nl/alerts/?theme=kust%00x", "nl"),
        ("/nl/?theme=%00&year=2026", "nl"),
        ("/en/?q=%00", "en"),
        ("/nl/alerts/?%00=kust", "nl"),
    ],
)
def test_a_nul_in_a_get_parameter_is_a_400_in_the_readers_language(browser, address, language):
    """PostgreSQL refuses NUL in text: a parameter that reached a query answered 500."""
    response = browser.get(address)
    assert response.status_code == 400
    expected = BAD_REQUEST_NL if language == "nl" else BAD_REQUEST_EN
    assert expected in response.content.decode()
    assert f'lang="{language}"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["status__exact=%00", "q=%00", "themes__id__exact=%00", "english=%00", "o=%00", "p=1%00"],
)
def test_a_nul_in_an_admin_changelist_filter_is_a_400(chief_editor, query):
    client = Client(raise_request_exception=False)
    client.force_login(chief_editor)
    response = client.get(f"/admin/press/pressrelease/?{query}")
    assert response.status_code == 400
    assert BAD_REQUEST_NL in response.content.decode()
    response = client.get(f"/admin/press/pressrelease/?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert BAD_REQUEST_EN in response.content.decode()


@pytest.mark.django_db
def test_a_nul_in_a_form_field_is_a_form_error_that_keeps_the_text(client):
    """Forms refuse NUL themselves, in the reader's language, with what was typed."""
    response = client.post(
        "/nl/alerts/",
        {"email": "fatima\x00@example.org", "language": "nl", "frequency": "daily"},
    )
    assert response.status_code == 400
    assert "Null-tekens zijn niet toegestaan." in response.content.decode()
    assert "Kies alle persberichten, of ten minste één thema." in response.content.decode()
