import pytest

from press.sanitize import sanitize_html
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
        "<ul><li>een</li></ul><blockquote><p>Citaat</p><p>— burgemeester</p></blockquote>"
    )
    clean = sanitize_html(html)
    for piece in ("<h2>Cybersecurity</h2>", "<strong>nadruk</strong>", "<li>een</li>",
                  '<a href="https://www.denhaag.nl/"', "<blockquote>"):  # fmt: skip
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
