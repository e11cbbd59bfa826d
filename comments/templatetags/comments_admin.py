"""The moderators' desk on the admin start page: how many reactions wait for them."""

from django import template

from comments.admin import MODERATE
from comments.models import Comment

register = template.Library()


@register.inclusion_tag("admin/comments/_desk.html")
def moderation_desk(user) -> dict:
    if not (user.is_active and user.has_perm(MODERATE)):
        return {"show": False}
    return {"show": True, "pending": Comment.objects.waiting().count()}
