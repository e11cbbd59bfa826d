import pytest
from django_prose_editor.config import allowlist_from_extensions
from pytest_django.asserts import assertInHTML

from press.editor import BODY_EDITOR_EXTENSIONS
from press.sanitize import quotes_to_figures, sanitize_html, with_scheme
from tests.conftest import make_release


@pytest.mark.parametrize(
    "dirty, forbidden",
    [
        ("<p>Hallo</p><script>alert(1)</script>", "<script"),
        ('<p onclick="alert(1)">Hallo</p>', "onclick"),
        ('<a href="javascript:alert(1)">klik</a>', "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">klik</a>', "alert"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ("<style>body{display:none}</style><p>x</p>", "<style"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ('<p style="position:fixed">x</p>', "style="),
    ],
)
def test_sanitizer_removes_dangerous_markup(dirty, forbidden):
    assert forbidden.lower() not in sanitize_html(dirty).lower()


def test_sanitizer_keeps_the_structure_editors_use():
    html = (
        "<h2>Cybersecurity</h2><p>Tekst met <strong>nadruk</strong> en "
        '<a href="https://www.denhaag.nl/">een link</a>.</p>'
        "<ul><li>een</li></ul>"
        '<figure class="quote"><blockquote><p>Citaat</p></blockquote>'
        "<figcaption>aldus burgemeester</figcaption></figure>"
    )
    clean = sanitize_html(html)
    for piece in ("<h2>Cybersecurity</h2>", "<strong>nadruk</strong>", "<li>een</li>",
                  '<a href="https://www.denhaag.nl/"',
                  '<figure class="quote"><blockquote><p>Citaat</p></blockquote>'
                  "<figcaption>aldus burgemeester</figcaption></figure>"):  # fmt: skip
        assert piece in clean


def test_empty_editor_paragraph_is_empty():
    assert sanitize_html("<p></p>") == ""


@pytest.mark.django_db
def test_body_is_sanitized_on_save_in_every_language():
    release = make_release(
        body_nl='<p onmouseover="x()">Hoi</p><script>steal()</script>',
        body_en='<p>Hi <a href="javascript:steal()">there</a></p>',
    )
    release.refresh_from_db()
    assert "script" not in release.body_nl and "onmouseover" not in release.body_nl
    assert "javascript" not in release.body_en
    assert "Hoi" in release.body_nl


def test_allow_list_is_the_editors_own():
    """One list: what the editor's extensions produce is what survives, nothing else."""
    allowed = allowlist_from_extensions(BODY_EDITOR_EXTENSIONS)["tags"]
    assert {"figure", "figcaption", "blockquote", "h2", "h3", "a"} <= allowed
    assert "h4" not in allowed and "img" not in allowed  # not offered by the editor
    assert sanitize_html("<h4>Kop</h4>") == "Kop"
    # Only the quote block's own class.
    assert sanitize_html('<figure class="evil"><figcaption>x</figcaption></figure>') == (
        '<figure class=""><figcaption>x</figcaption></figure>'
    )


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("www.denhaag.nl", "https://www.denhaag.nl"),
        ("denhaag.nl/afval?wijk=3", "https://denhaag.nl/afval?wijk=3"),
        ("https://www.denhaag.nl", "https://www.denhaag.nl"),
        ("http://example.org", "http://example.org"),
        ("mailto:pers@denhaag.nl", "mailto:pers@denhaag.nl"),
        ("/nl/persberichten/", "/nl/persberichten/"),
        ("#contact", "#contact"),
    ],
)
def test_link_without_scheme_gets_https(typed, stored):
    assert with_scheme(typed) == stored
    html = sanitize_html(f'<p><a href="{typed}">link</a></p>')
    assert f'href="{stored}"' in html


@pytest.mark.django_db
def test_body_link_without_scheme_is_stored_with_https(client):
    import datetime as dt

    release = make_release(
        body_nl='<p>Zie <a href="www.denhaag.nl">www.denhaag.nl</a>.</p>',
        publish_at=dt.datetime(2016, 5, 25, 12, 0, tzinfo=dt.UTC),
    )
    release.refresh_from_db()
    assertInHTML('<a href="https://www.denhaag.nl">www.denhaag.nl</a>', release.body_nl)
    html = client.get(release.get_absolute_url("nl")).content.decode()
    assert 'href="https://www.denhaag.nl"' in html


def test_old_quote_convention_becomes_a_quote_block():
    old = (
        "<p>Voor.</p><blockquote><p>Eerste.</p><p>Tweede.</p><p>— wethouder Jansen</p>"
        "</blockquote><blockquote><p>Zonder spreker.</p></blockquote>"
    )
    assert quotes_to_figures(old) == (
        '<p>Voor.</p><figure class="quote"><blockquote><p>Eerste.</p><p>Tweede.</p>'
        "</blockquote><figcaption>wethouder Jansen</figcaption></figure>"
        '<figure class="quote"><blockquote><p>Zonder spreker.</p></blockquote></figure>'
    )
    # Once is enough: a converted body stays as it is.
    assert quotes_to_figures(quotes_to_figures(old)) == quotes_to_figures(old)


def test_quote_without_speaker_has_no_empty_caption():
    html = (
        '<figure class="quote"><blockquote><p>Citaat</p></blockquote>'
        "<figcaption></figcaption></figure>"
    )
    assert (
        sanitize_html(html)
        == '<figure class="quote"><blockquote><p>Citaat</p></blockquote></figure>'
    )


@pytest.mark.django_db
def test_migration_turns_old_quotes_into_quote_blocks_in_bodies_and_history():
    import importlib

    from django.apps import apps

    from press.models import PressRelease

    migration = importlib.import_module("press.migrations.0011_quote_blocks")
    old = "<blockquote><p>Citaat.</p><p>— wethouder Jansen</p></blockquote>"
    release = make_release(body_nl="<p>x</p>")
    PressRelease.objects.filter(pk=release.pk).update(body_nl=old, body_en=old)
    PressRelease.history.filter(id=release.pk).update(body_nl=old)
    migration.quotes_with_speakers(apps, None)
    new = (
        '<figure class="quote"><blockquote><p>Citaat.</p></blockquote>'
        "<figcaption>wethouder Jansen</figcaption></figure>"
    )
    release.refresh_from_db()
    assert release.body_nl == new and release.body_en == new
    assert set(PressRelease.history.filter(id=release.pk).values_list("body_nl", flat=True)) == {
        new
    }
