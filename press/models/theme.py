"""Themes a release is filed under, and the press contacts it names."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from denhaag_cms.changes import WatchedQuerySet
from press.models.translated import LANGUAGE_CODES


class ThemeQuerySet(WatchedQuerySet):
    def by_slug_in_any_language(self, slug: str) -> ThemeQuerySet:
        """Themes whose address is `slug` in some language (to redirect readers who
        follow a theme's address in the other language)."""
        query = models.Q()
        for code in LANGUAGE_CODES:
            query |= models.Q(**{f"slug_{code}": slug})
        return self.filter(query)

    def of_releases(self, releases) -> ThemeQuerySet:
        """The themes of these releases, in the themes' order: a theme once for every
        one of them it belongs to, with that release's pk as `release_pk`."""
        return self.filter(releases__in=releases).annotate(release_pk=models.F("releases"))


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, help_text=_("The theme's web address."))

    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("press:theme-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = {}
        for code in LANGUAGE_CODES:
            field = f"slug_{code}"
            value = getattr(self, field, "")
            if value and Theme.objects.exclude(pk=self.pk).filter(**{field: value}).exists():
                errors[field] = _("Another theme already uses this address.")
        if errors:
            raise ValidationError(errors)


def site_organisation() -> str:
    """A new contact's organisation: the site's own (SITE_NAME)."""
    return settings.SITE_NAME


class PressContact(models.Model):
    """A spokesperson named under "Noot voor de redactie"."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=160, blank=True)
    organisation = models.CharField(
        _("organisation"), max_length=160, blank=True, default=site_organisation
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    objects = WatchedQuerySet.as_manager()

    class Meta:
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name
