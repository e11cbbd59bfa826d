"""A consumer of the newsroom's API that knows nothing else of it: it finds a press
release by searching, reads it, and writes out its Dutch text as a reader sees it on
the page (title, lead, every section under its sub-heading, the quotation with its
speaker, and whether one may still react).

    python tests/api/consumer.py http://127.0.0.1:8000 "100 Resilient Cities"

The tests run it on the test client (tests/api/test_consumer.py): `get` is any
function that takes an address and returns the status and the parsed JSON.
"""

from __future__ import annotations

import json
import sys
import urllib.parse
import urllib.request
from collections.abc import Callable
from html.parser import HTMLParser

Get = Callable[[str], tuple[int, dict]]

CLOSED = "Je kunt niet meer reageren."


class Paragraphs(HTMLParser):
    """The paragraphs of a section's HTML; a quotation (figure) is one paragraph:
    its text and its speaker."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] | None = None
        self.in_figure = False

    def handle_starttag(self, tag, attrs):
        if tag == "figure":
            self.in_figure = True
            self.current = []
        elif tag in ("p", "li", "h3") and not self.in_figure:
            self.current = []
        elif tag == "figcaption" and self.current is not None:
            self.current.append(" ")

    def handle_endtag(self, tag):
        if (tag == "figure") or (tag in ("p", "li", "h3") and not self.in_figure):
            if self.current is not None:
                self.paragraphs.append(" ".join("".join(self.current).split()))
            self.current = None
            self.in_figure = tag != "figure" and self.in_figure

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)


def find_release(get: Get, api: str, words: str) -> dict:
    """The first release the API's search finds for `words`."""
    status, page = get(f"{api}/releases?" + urllib.parse.urlencode({"q": words}))
    assert status == 200, status
    assert page["results"], f"no release found for {words!r}"
    status, release = get(page["results"][0]["url"])
    assert status == 200, status
    return release


def release_text(release: dict, language: str = "nl") -> str:
    text = release["texts"][language]
    lines = [text["title"], text["lead"]]
    for section in text["sections"]:
        if section["heading"]:
            lines.append(section["heading"])
        parser = Paragraphs()
        parser.feed(section["html"])
        lines += parser.paragraphs
    if not release["reactions_open"]:
        lines.append(CLOSED)
    return "\n\n".join(lines) + "\n"


def http_get(url: str) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request) as response:  # noqa: S310 (an address given)
        return response.status, json.load(response)


if __name__ == "__main__":
    site, words = sys.argv[1].rstrip("/"), sys.argv[2]
    sys.stdout.write(release_text(find_release(http_get, f"{site}/api/v1", words)))
