"""{% comment_thread obj %}: the reactions under any object, and the form or notice.

The CSRF token and the form's signed timestamp are holes of the page cache
(denhaag_cms.pagecache): each visitor gets their own, also on a page served from
the cache.
"""

from django import template
from django.conf import settings
from django.core.paginator import Paginator

from comments.forms import CommentForm
from comments.models import Comment, Thread, owner_is_public
from denhaag_cms import pagecache

register = template.Library()

PAGE_PARAMETER = "reacties"


def _thread_of(obj) -> Thread | None:
    """The thread under a public object, with its number of approved reactions."""
    if not owner_is_public(obj):
        return None
    return Thread.objects.for_object(obj).with_approved_count().first()


def empty_form(request, thread: Thread) -> CommentForm:
    """A thread's empty comment form, its signed timestamp a hole of the page cache."""
    form = CommentForm(thread_id=thread.pk)
    form.fields["timestamp"].initial = pagecache.hole(
        request, "comment-form-issued", str(thread.pk)
    )
    return form


@register.inclusion_tag("comments/thread.html", takes_context=True)
def comment_thread(context, obj) -> dict:
    request = context["request"]
    thread = _thread_of(obj)
    if thread is None:
        return {"thread": None}
    count = thread.approved_count
    approved = thread.comments.approved() if count else Comment.objects.none()
    paginator = Paginator(approved, settings.COMMENTS_PAGE_SIZE)
    paginator.count = count  # known already: no COUNT query
    page = paginator.get_page(request.GET.get(PAGE_PARAMETER))
    is_open = thread.is_open()
    return {
        "request": request,
        "thread": thread,
        "page": page,
        "page_parameter": PAGE_PARAMETER,
        "is_open": is_open,
        "form": empty_form(request, thread) if is_open else None,
        "csrf_hole": pagecache.hole(request, "csrf"),
        "can_close": is_open and _moderates(request),
        # One a moderator closed (not one whose moment passed) can be reopened here.
        "can_reopen": not is_open and thread.closed_at is not None and _moderates(request),
        "csrf_token": context.get("csrf_token"),
    }


def _moderates(request) -> bool:
    """Whether the page offers this visitor the moderators' close and reopen forms."""
    return request.user.has_perm("comments.close_thread")
