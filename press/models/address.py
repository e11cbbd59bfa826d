"""A release's address (its slug) in each language, and the addresses it had before."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from denhaag_cms.changes import WatchedQuerySet

# The address of a release whose title has no letters or digits: persbericht-1, -2 …
FALLBACK_SLUG_PREFIX = "persbericht-"
SLUG_TAKEN = _("Another press release already uses this address.")


def address_expression(code: str) -> models.Func:
    """A release's address in language `code` in SQL: its own slug there, or its Dutch
    slug when it has none (PressRelease.slug_for, PressReleaseQuerySet.by_slug)."""
    dutch = models.F(f"slug_{settings.LANGUAGE_CODE}")
    if code == settings.LANGUAGE_CODE:
        return dutch
    return Coalesce(
        NullIf(models.F(f"slug_{code}"), models.Value(""), output_field=models.SlugField()),
        dutch,
        output_field=models.SlugField(),
    )


def slug_q(code: str, slug: str) -> models.Q:
    """Releases at address `slug` in language `code`: their own slug there, or their
    Dutch slug when they have none (PressRelease.slug_for)."""
    own = f"slug_{code}"
    without_own = models.Q(**{own: ""}) | models.Q(**{f"{own}__isnull": True})
    return models.Q(**{own: slug}) | (
        without_own & models.Q(**{f"slug_{settings.LANGUAGE_CODE}": slug})
    )


class ReleaseSlug(models.Model):
    """An address a release had before its slug changed: it answers with a 301."""

    release = models.ForeignKey(
        "press.PressRelease", on_delete=models.CASCADE, related_name="old_slugs"
    )
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    slug = models.SlugField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WatchedQuerySet.as_manager()

    class Meta:
        verbose_name = _("former address")
        verbose_name_plural = _("former addresses")
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="unique_old_slug")
        ]

    def __str__(self) -> str:
        return f"/{self.language}/…/{self.slug}/"
