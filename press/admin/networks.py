"""City networks, cities and memberships."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from denhaag_cms.adminkit import AccessibleFieldsMixin, LabelledDeleteFormSetMixin
from press import services
from press.admin.common import HTTPS_URLS, KnownRowsMixin
from press.models import City, CityNetwork, Membership, PressRelease
from press.models.network import ONE_MEMBERSHIP_PER_NETWORK


class NetworkPartAdmin:
    """For city networks, cities and memberships: the stored pages of the releases
    about a membership of the city render anew (press.services.release_parts_changed).
    Memberships are few and change seldom, so: every release about one, before the
    change (a release taken off a membership) and after it (one added)."""

    def _about_memberships(self) -> set[int]:
        return set(
            PressRelease.objects.filter(memberships__isnull=False).values_list("pk", flat=True)
        )

    def _changed(self, request, before: set[int] | None = None) -> None:
        pks = (before or set()) | getattr(request, "_releases_about_memberships", set())
        services.release_parts_changed(PressRelease.objects.filter(pk__in=pks))

    def save_model(self, request, obj, form, change) -> None:
        request._releases_about_memberships = self._about_memberships()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        self._changed(request, self._about_memberships())

    def delete_model(self, request, obj) -> None:
        before = self._about_memberships()
        super().delete_model(request, obj)
        self._changed(request, before)

    def delete_queryset(self, request, queryset) -> None:
        before = self._about_memberships()
        super().delete_queryset(request, queryset)
        self._changed(request, before)


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
class CityNetworkAdmin(NetworkPartAdmin, TabbedTranslationAdmin):
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
class CityAdmin(NetworkPartAdmin, TabbedTranslationAdmin):
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
    NetworkPartAdmin, KnownRowsMixin, AccessibleFieldsMixin, TabbedTranslationAdmin
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
