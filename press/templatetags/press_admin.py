"""The editors' desk on the admin start page: what was sent back to you, your drafts,
what waits for review, what is scheduled; and a sent-back release's note on its form."""

from django import template

from press import desk
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
    drafts = list(desk.drafts_of(user)[:DESK_ROWS])
    notes = {
        release.pk: desk.sent_back(release)
        for release in drafts
        if release.last_step == PressRelease.Status.REVIEW
    }
    sent_back = [(release, notes[release.pk]) for release in drafts if notes.get(release.pk)]
    total = desk.drafts_of(user).count()
    return {
        "show": True,
        "sent_back": sent_back,
        "drafts": [release for release in drafts if not notes.get(release.pk)],
        "draft_count": total - len(sent_back),
        "more_drafts": total > len(drafts),
        "in_review": list(PressRelease.objects.in_review()[:DESK_ROWS]),
        "review_count": PressRelease.objects.in_review().count(),
        "scheduled": list(PressRelease.objects.scheduled()[:DESK_ROWS]),
        "scheduled_count": PressRelease.objects.scheduled().count(),
    }


@register.inclusion_tag("admin/press/_sent_back.html")
def sent_back_note(release) -> dict:
    """The chief editor's note at the top of a release sent back to draft."""
    return {"sent_back": desk.sent_back(release) if release is not None else None}
