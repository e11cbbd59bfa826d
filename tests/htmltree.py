"""Looking into a rendered page as a tree, not as a string.

Where `assertInHTML` does not fit (an element whose content does not matter, an
attribute of <html>, the first words of a title), a test asks the page parsed by
Django's own test parser, so attribute order and white space never decide a test.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.test.html import Element, parse_html


def _walk(node: Element | str) -> Iterator[Element]:
    if isinstance(node, Element):
        yield node
        for child in node.children:
            yield from _walk(child)


def _name(keyword: str) -> str:
    return keyword.rstrip("_").replace("_", "-")  # class_ is class, data_x is data-x


def find_all(html: str | Element, tag: str, /, **attrs: str | bool) -> list[Element]:
    """Every <tag> element (any element for "*") of the page or element whose
    attributes include `attrs` (`class_` stands for `class`, `data_x` for `data-x`;
    True asks only that the attribute is there; `class_="a b"` asks for both classes,
    in any order, among others)."""
    found = []
    for element in _walk(parse_html(html) if isinstance(html, str) else html):
        if tag != "*" and element.name != tag:
            continue
        present = dict(element.attributes)
        if all(_matches(present, _name(key), value) for key, value in attrs.items()):
            found.append(element)
    return found


def _matches(present: dict, name: str, wanted: str | bool) -> bool:
    if name not in present:
        return False
    if wanted is True:
        return True
    if name == "class":  # the parser sorts the classes; these must all be there
        return set(wanted.split()) <= set((present[name] or "").split())
    return present[name] == wanted


def find(html: str | Element, tag: str, /, **attrs: str | bool) -> Element:
    """The one <tag> element with `attrs`; fails when there is none or more than one."""
    found = find_all(html, tag, **attrs)
    assert len(found) == 1, f"{len(found)} <{tag} {attrs}> elements"
    return found[0]


def attr(element: Element, name: str) -> str | None:
    return dict(element.attributes).get(name)


def text(element: Element | str) -> str:
    """The element's text nodes joined by one space (the parser keeps no white space
    around tags, so "<b>a</b>, b" reads "a , b")."""
    if isinstance(element, str):
        return element
    return " ".join(text(child) for child in element.children)
