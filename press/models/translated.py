"""Whether an object is written in a language: one rule for the "Dutch only" badges
and notices, the feeds, the sitemap and the article page."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import translation

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def untranslated_q(code: str) -> models.Q:
    """Objects whose title, lead or body is missing in language `code`."""
    query = models.Q()
    for name in ("title", "lead", "body"):
        query |= models.Q(**{f"{name}_{code}__isnull": True}) | models.Q(**{f"{name}_{code}": ""})
    return query


class HasLanguages:
    """For models with text per language (django-modeltranslation's `<field>_<code>`
    columns): `text_fields` must all be filled for the object to count as written in
    a language."""

    text_fields: tuple[str, ...] = ()

    def has_language(self, code: str) -> bool:
        return all(getattr(self, f"{name}_{code}", "") for name in self.text_fields)

    @property
    def dutch_only(self) -> bool:
        """Shown in the current language, which it has no text in: the page shows the
        Dutch text (the fallback language) and says so. Asked by the templates."""
        return not self.has_language(translation.get_language())
