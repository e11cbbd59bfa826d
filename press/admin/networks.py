"""City networks, cities and memberships."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from denhaag_cms.adminkit import (
    AccessibleFieldsMixin,
    DateHierarchyMixin,
    LabelledDeleteFormSetMixin,
)
from press.admin.common import HTTPS_URLS, KnownRowsMixin
from press.models import City, CityNetwork, Membership
from press.models.network import ONE_MEMBERSHIP_PER_NETWORK

# -- city networks ---------------------------------------------------------------------


class MembershipInlineFormSet(LabelledDeleteFormSetMixin, forms.BaseInlineFormSet):
    """Two rows for the same city in one network get the model's own message."""

    def get_unique_error_message(self, unique_check) -> str:
        if set(unique_check) == {"city", "network"}:
            return str(ONE_MEMBERSHIP_PER_NETWORK)
        return super().get_unique_error_message(unique_check)


class MembershipInline(KnownRowsMixin, AccessibleFieldsMixin, TranslationStackedInline):
    model = Membership
    formset = MembershipInlineFormSet
    extra = 0
    autocomplete_fields = ["city", "themes", "releases"]
    fields = ["city", "joined_on", "ended_on", "announced_where", "themes", "notes", "releases"]
    show_change_link = True


@admin.register(CityNetwork)
class CityNetworkAdmin(TabbedTranslationAdmin):
    list_display = ["name", "organisation", "founded_in", "website"]
    search_fields = ["name", "organisation"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = HTTPS_URLS
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "organisation", "website", "founded_in"]}),
        (_("Description"), {"fields": ["description"]}),
    ]


@admin.register(City)
class CityAdmin(TabbedTranslationAdmin):
    list_display = ["name", "country"]
    search_fields = ["name_nl", "name_en", "country_nl", "country_en"]


class CurrentMembershipFilter(admin.SimpleListFilter):
    title = _("membership")
    parameter_name = "membership"

    def lookups(self, request, model_admin):
        return [("current", _("Current")), ("past", _("Ended"))]

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.current()
        if self.value() == "past":
            return queryset.past()
        return queryset


@admin.register(Membership)
class MembershipAdmin(
    KnownRowsMixin, AccessibleFieldsMixin, DateHierarchyMixin, TabbedTranslationAdmin
):
    list_display = ["city", "network", "joined_on", "ended_on", "current"]
    list_filter = [CurrentMembershipFilter, "network"]
    list_select_related = ["city", "network"]
    search_fields = ["city__name_nl", "city__name_en", "network__name"]
    date_hierarchy = "joined_on"
    autocomplete_fields = ["city", "network", "releases"]
    filter_horizontal = ["themes"]
    fieldsets = [
        (None, {"fields": ["city", "network", "joined_on", "ended_on", "announced_where"]}),
        (_("Focus"), {"fields": ["themes", "notes"]}),
        (_("Press releases about it"), {"fields": ["releases"]}),
    ]

    @admin.display(description=_("current"), boolean=True)
    def current(self, obj: Membership) -> bool:
        return obj.is_current
