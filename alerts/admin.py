"""Subscribers and the press list in the admin.

Who sees what (press/roles.py): subscribers' addresses are shown, searchable and
deletable only with ``alerts.view_address`` (the Press office role, and superusers).
Chief editors see the subscriptions without addresses (how many, which themes, which
language); editors and moderators do not see them at all. Citizens' subscriptions are
made and changed only by the citizens themselves (no adding or editing here); the
press office keeps the press list.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.db.models.constants import LOOKUP_SEP
from django.utils.translation import gettext_lazy as _

from alerts.models import PressListContact, Subscriber
from denhaag_cms.adminkit import DateHierarchyMixin


def may_see_addresses(request) -> bool:
    return request.user.has_perm("alerts.view_address")


# Fields a lookup in the changelist's address (?email__startswith=…) must not touch
# without the right to see addresses: a count of 1 or 0 would rebuild them letter by
# letter. The nonce is part of the links' token.
SECRET_FIELDS = frozenset({"email", "nonce"})


@admin.register(Subscriber)
class SubscriberAdmin(DateHierarchyMixin, admin.ModelAdmin):
    list_filter = [
        "language",
        "frequency",
        "all_releases",
        ("confirmed_at", admin.EmptyFieldListFilter),
    ]
    date_hierarchy = "created_at"
    list_per_page = 50

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(press_list=False)
            .annotate(theme_count=Count("themes"))
        )

    def get_list_display(self, request):
        address = "email" if may_see_addresses(request) else "masked_address"
        return [
            address,
            "language",
            "frequency",
            "all_releases",
            "themes_count",
            "confirmed",
            "created_at",
        ]

    def get_list_display_links(self, request, list_display):
        return [list_display[0]]

    def lookup_allowed(self, lookup, value, request) -> bool:
        # Django lets the URL filter by any field of the model; refused here, Django
        # answers 400 (DisallowedModelAdminLookup) and shows no list.
        if not may_see_addresses(request) and SECRET_FIELDS & set(lookup.split(LOOKUP_SEP)):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_search_fields(self, request):
        # Searching by address would tell who is subscribed: only with the right to see.
        return ["email"] if may_see_addresses(request) else []

    def get_fields(self, request, obj=None):
        address = ["email"] if may_see_addresses(request) else ["masked_address"]
        return [
            *address,
            "language",
            "frequency",
            "all_releases",
            "themes",
            "created_at",
            "confirmed_at",
        ]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return may_see_addresses(request) and super().has_delete_permission(request, obj)

    @admin.display(description=_("e-mail address"))
    def masked_address(self, obj: Subscriber) -> str:
        return obj.masked_email

    @admin.display(description=_("themes"), ordering="theme_count")
    def themes_count(self, obj: Subscriber) -> int:
        return obj.theme_count

    @admin.display(description=_("confirmed"), boolean=True, ordering="confirmed_at")
    def confirmed(self, obj: Subscriber) -> bool:
        return obj.is_confirmed


class PressListContactForm(forms.ModelForm):
    class Meta:
        model = PressListContact
        fields = ["name", "organisation", "email", "language"]
        error_messages = {
            "email": {
                "unique": _(
                    "This e-mail address is already on the press list or subscribed to alerts."
                )
            }
        }


@admin.register(PressListContact)
class PressListContactAdmin(admin.ModelAdmin):
    form = PressListContactForm
    list_display = ["name", "organisation", "email", "language", "created_at"]
    search_fields = ["name", "organisation", "email"]
    fields = ["name", "organisation", "email", "language"]
    list_filter = ["language"]

    def has_view_permission(self, request, obj=None) -> bool:
        return may_see_addresses(request) and super().has_view_permission(request, obj)
