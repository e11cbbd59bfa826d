"""The seed release (../shared/seed/, beside DESIGN.md) is the demo article, and its
page carries every sentence of it as written: quotation marks, "aldus", the address."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import call_command
from pytest_django.asserts import assertInHTML

from press.models import PressRelease

pytestmark = pytest.mark.django_db

# A verbatim copy of the seed in ../shared/seed/, so that a clean clone (CI) has it.
SEED = Path(__file__).resolve().parent / "seed" / "000_a901d2b753f86453.txt"
SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / SEED.name
# Elements whose edges separate words (everything else, <a> or <strong>, is inline).
BLOCKS = {
    "p", "h1", "h2", "h3", "h4", "li", "ul", "ol", "div", "section", "article", "aside",
    "header", "footer", "main", "nav", "figure", "figcaption", "blockquote", "br", "form",
    "label", "button", "td", "th", "tr", "dd", "dt",
}  # fmt: skip


class PageText(HTMLParser):
    """The text a reader sees in <main>, words separated as a browser lays them out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        if tag in ("script", "style"):
            self.skip += 1
        if tag in BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
        if tag in ("script", "style"):
            self.skip -= 1
        if tag in BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        return normalize("".join(self.parts))


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def seed_paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [normalize(block) for block in text.split("\n") if block.strip()]


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+(?=[A-Z‘’])", paragraph) if s]


def page_text(client, release: PressRelease) -> str:
    response = client.get(release.get_absolute_url("nl"))
    assert response.status_code == 200
    parser = PageText()
    parser.feed(response.content.decode())
    return parser.text()


def test_the_seed_file_is_there_and_has_the_quotation():
    if SHARED_SEED.exists():  # beside the design notes, where there are any
        assert SEED.read_bytes() == SHARED_SEED.read_bytes()
    paragraphs = seed_paragraphs()
    assert paragraphs[0] == "Den Haag toegetreden tot 100 Resilient Cities netwerk"
    assert any("’, aldus burgemeester Van Aartsen." in p for p in paragraphs)


def test_demo_article_carries_every_sentence_of_the_seed_verbatim(client):
    call_command("loaddemo", verbosity=0)
    seed = PressRelease.objects.get(
        slug_nl="den-haag-toegetreden-tot-100-resilient-cities-netwerk"
    )
    text = page_text(client, seed)
    missing = [
        sentence
        for paragraph in seed_paragraphs()
        for sentence in sentences(paragraph)
        if sentence not in text
    ]
    assert missing == []
    # Whole paragraphs too: the quotation with its marks and its speaker in one piece.
    assert [p for p in seed_paragraphs() if p not in text] == []
    html = client.get(seed.get_absolute_url("nl")).content.decode()
    # The address as written, linked.
    assertInHTML(
        '<p>Zie voor meer informatie: <a href="https://www.100resilientcities.org">'
        "www.100resilientcities.org</a></p>",
        html,
    )
    assertInHTML("<figcaption>aldus burgemeester Van Aartsen.</figcaption>", html)
