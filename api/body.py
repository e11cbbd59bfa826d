"""A release's body (sanitized HTML, press.sanitize) in the parts a consumer asks for:
its sections under their sub-headings and its quotations with their speakers.

The body holds only the editor's markup (the sanitizer's allow-list): sub-headings
are plain <h2>…</h2>, a quotation is <figure class="quote"><blockquote>…</blockquote>
<figcaption>speaker</figcaption></figure> (press.editor).
"""

from __future__ import annotations

import html
import re

_HEADING = re.compile(r"<h2>(.*?)</h2>", re.DOTALL)
_QUOTE = re.compile(
    r'<figure class="quote"><blockquote>(?P<text>.*?)</blockquote>'
    r"(?:<figcaption>(?P<speaker>.*?)</figcaption>)?</figure>",
    re.DOTALL,
)
_TAG = re.compile(r"<[^>]*>")
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|figcaption)>")


def plain(fragment: str) -> str:
    """The text of an HTML fragment: blocks on lines of their own, tags gone,
    entities read."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", fragment))
    return "\n".join(line.strip() for line in html.unescape(text).splitlines() if line.strip())


def sections(body: str) -> list[dict]:
    """The body cut at its sub-headings: [{heading, html}], the part before the first
    sub-heading (if any) with heading None."""
    parts = _HEADING.split(body)
    result = []
    if parts[0].strip():
        result.append({"heading": None, "html": parts[0].strip()})
    for heading, content in zip(parts[1::2], parts[2::2], strict=True):
        result.append({"heading": plain(heading), "html": content.strip()})
    return result


def quotes(body: str) -> list[dict]:
    """The quotations of the body: [{text, speaker}] (speaker None if not named)."""
    return [
        {
            "text": plain(match["text"]),
            "speaker": plain(match["speaker"]) if match["speaker"] else None,
        }
        for match in _QUOTE.finditer(body)
    ]
