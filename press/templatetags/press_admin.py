"""The editors' desk on the admin start page: what waits for review, what is scheduled."""

from django import template

from press.models import PressRelease

register = template.Library()

DESK_ROWS = 10


@register.inclusion_tag("admin/press/_desk.html")
def press_desk(user) -> dict:
    if not user.has_perm("press.view_pressrelease"):
        return {"show": False}
    return {
        "show": True,
        "in_review": list(PressRelease.objects.in_review()[:DESK_ROWS]),
        "review_count": PressRelease.objects.in_review().count(),
        "scheduled": list(PressRelease.objects.scheduled()[:DESK_ROWS]),
        "scheduled_count": PressRelease.objects.scheduled().count(),
    }
