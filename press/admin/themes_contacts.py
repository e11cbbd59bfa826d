"""Themes and press contacts: the parts a release shows."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from modeltranslation.admin import TabbedTranslationAdmin

from press import services
from press.models import PressContact, PressRelease, Theme


class ReleasePartAdmin:
    """For themes and press contacts: releases that show the changed or deleted object
    render their parts themselves again (press.services.release_parts_changed)."""

    def _releases(self, objects) -> QuerySet:
        return PressRelease.objects.filter(
            pk__in=list(
                PressRelease.objects.filter(
                    **{f"{self.release_relation}__in": objects}
                ).values_list("pk", flat=True)
            )
        )

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        services.release_parts_changed(self._releases([obj]))

    def delete_model(self, request, obj) -> None:
        releases = self._releases([obj])
        super().delete_model(request, obj)
        services.release_parts_changed(releases)

    def delete_queryset(self, request, queryset) -> None:
        releases = self._releases(queryset)
        super().delete_queryset(request, queryset)
        services.release_parts_changed(releases)


@admin.register(Theme)
class ThemeAdmin(ReleasePartAdmin, TabbedTranslationAdmin):
    release_relation = "themes"
    list_display = ["name", "slug"]
    search_fields = ["name_nl", "name_en"]
    prepopulated_fields = {"slug_nl": ["name_nl"], "slug_en": ["name_en"]}


@admin.register(PressContact)
class PressContactAdmin(ReleasePartAdmin, TabbedTranslationAdmin):
    release_relation = "contacts"
    list_display = ["name", "role", "organisation", "phone", "email"]
    search_fields = ["name", "role_nl", "organisation", "email"]
