"""Themes and press contacts: the parts a release shows."""

from __future__ import annotations

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from press.models import PressContact, Theme


@admin.register(Theme)
class ThemeAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_nl", "name_en"]
    prepopulated_fields = {"slug_nl": ["name_nl"], "slug_en": ["name_en"]}


@admin.register(PressContact)
class PressContactAdmin(TabbedTranslationAdmin):
    list_display = ["name", "role", "organisation", "phone", "email"]
    search_fields = ["name", "role_nl", "organisation", "email"]
