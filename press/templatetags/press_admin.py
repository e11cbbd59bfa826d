"""The editors' desk on the admin start page: what waits for review, what is scheduled."""

from django import template

from press.models import PressRelease
from press.services import may_see_unpublished

register = template.Library()

DESK_ROWS = 10


@register.inclusion_tag("admin/press/_desk.html")
def press_desk(user) -> dict:
    # Releases in review and scheduled ones are not public yet: who sees them is the
    # one rule of press.services.
    if not may_see_unpublished(user):
        return {"show": False}
    return {
        "show": True,
        "in_review": list(PressRelease.objects.in_review()[:DESK_ROWS]),
        "review_count": PressRelease.objects.in_review().count(),
        "scheduled": list(PressRelease.objects.scheduled()[:DESK_ROWS]),
        "scheduled_count": PressRelease.objects.scheduled().count(),
    }
