"""{% comment_thread obj %}: the reactions under any object, and the form or notice."""

from django import template
from django.conf import settings
from django.core.paginator import Paginator

from comments.forms import CommentForm
from comments.models import Thread, owner_is_public

register = template.Library()

PAGE_PARAMETER = "reacties"


@register.inclusion_tag("comments/thread.html", takes_context=True)
def comment_thread(context, obj) -> dict:
    request = context["request"]
    thread = Thread.objects.for_object(obj).first() if owner_is_public(obj) else None
    if thread is None:
        return {"thread": None}
    approved = thread.comments.approved()
    page = Paginator(approved, settings.COMMENTS_PAGE_SIZE).get_page(
        request.GET.get(PAGE_PARAMETER)
    )
    is_open = thread.is_open()
    return {
        "request": request,
        "thread": thread,
        "page": page,
        "page_parameter": PAGE_PARAMETER,
        "is_open": is_open,
        "form": CommentForm(thread_id=thread.pk) if is_open else None,
        "can_close": is_open and request.user.has_perm("comments.close_thread"),
        "csrf_token": context.get("csrf_token"),
    }
