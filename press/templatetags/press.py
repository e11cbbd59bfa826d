"""Template helpers for the newsroom pages."""

import datetime as dt
import json
import re

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from press.search import SEARCH_MARK_START, SEARCH_MARK_STOP

register = template.Library()

# What may not appear raw inside <script>: "</script>", "<!--", and HTML entities.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _local(value):
    """Aware datetimes in Amsterdam time; dates (a day, no time) as they are."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def longdate(value) -> str:
    """ "woensdag 25 mei 2016" / "Wednesday 25 May 2016", in Amsterdam time."""
    if not value:
        return ""
    return date_format(_local(value), "l j F Y")


@register.filter
def isodate(value) -> str:
    """A <time datetime>: ISO 8601 in Amsterdam time, in whole seconds (HTML allows
    at most three digits of a fraction; a saved moment can carry six)."""
    if not value:
        return ""
    value = _local(value)
    if isinstance(value, dt.datetime):
        value = value.replace(microsecond=0)
    return value.isoformat()


@register.filter(is_safe=True)
def jsonld(data) -> SafeString:
    """A <script type="application/ld+json"> with the data, safe inside HTML.

    Like Django's json_script (which only makes type="application/json"): ASCII
    only, and <, > and & escaped, so no text in the data can close the script.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=True)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped above
    )


@register.simple_tag
def lang_attr(obj, field: str = "title") -> str:
    """The attribute lang="nl" where a translated field of any object (a release,
    link, contact …) shows its Dutch text on a page in another language: not
    translated, it falls back to Dutch (MODELTRANSLATION_FALLBACK_LANGUAGES)."""
    code = get_language()
    default = settings.LANGUAGE_CODE
    if (
        code != default
        and not getattr(obj, f"{field}_{code}", "")
        and getattr(obj, f"{field}_{default}", "")
    ):
        return format_html(' lang="{}"', default)
    return ""


@register.simple_tag
def lang_text(obj, field: str = "title") -> SafeString:
    """The field's text, escaped; in <span lang="nl"> where it falls back to Dutch
    (see lang_attr). For text inside a sentence, e.g. a blocktranslate variable."""
    text = getattr(obj, field, "") or ""
    attr = lang_attr(obj, field)
    return format_html("<span{}>{}</span>", attr, text) if attr else escape(text)


@register.filter
def release_url(release, code: str) -> str:
    """The release's address in the given language."""
    return release.get_absolute_url(code)


_SEARCH_MARKS = re.compile(f"({SEARCH_MARK_START}|{SEARCH_MARK_STOP})")


@register.filter
def highlight_snippet(headline: str) -> SafeString:
    """A search headline (PressReleaseQuerySet.search) as HTML: the text escaped, the
    matching words it marks in <mark>. Nothing of the text itself becomes markup."""
    parts: list[str] = []
    marking = False
    for piece in _SEARCH_MARKS.split(headline or ""):
        if piece == SEARCH_MARK_START:
            if not marking:
                parts.append("<mark>")
                marking = True
        elif piece == SEARCH_MARK_STOP:
            if marking:
                parts.append("</mark>")
                marking = False
        else:
            parts.append(escape(piece))
    if marking:
        parts.append("</mark>")
    return mark_safe("".join(parts))  # noqa: S308 - escaped text, our own <mark> only
