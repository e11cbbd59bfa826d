"""{% comment_thread obj %}: the reactions under any object, and the form or notice.

One query for the first page: the thread with its number of approved reactions and
the first page of them as rendered HTML, stored on the thread once per language and
change (Thread.first_page_html; a fingerprint of the approved reactions tells when
it is out of date, and the page renders and stores it anew). Other pages, and a
first page out of date, cost one more: the page of reactions. The CSRF token and
the form's signed timestamp are holes of the page cache (denhaag_cms.pagecache):
each visitor gets their own, also on a page served from the cache.
"""

import functools

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.template.context_processors import csrf
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from comments.forms import CommentForm
from comments.models import Comment, Thread, owner_is_public
from denhaag_cms import pagecache
from denhaag_cms.prepared import PreparedQuery

register = template.Library()

PAGE_PARAMETER = "reacties"
# The thread of an object with its first page's fingerprint: SQL built once per process.
THREAD_WITH_FIRST_PAGE = PreparedQuery(
    lambda content_type, object_id: Thread.objects.filter(
        content_type_id=content_type, object_id=object_id
    ).with_first_page_key()[:1]
)


def _thread_of(obj) -> Thread | None:
    """The thread under a public object, with its first page's fingerprint."""
    if not owner_is_public(obj):
        return None
    content_type = ContentType.objects.get_for_model(obj)
    found = THREAD_WITH_FIRST_PAGE(content_type=content_type.pk, object_id=obj.pk)
    return found[0] if found else None


def _context(request, thread: Thread | None, csrf_token=None, *, fill: bool = True) -> dict:
    """comments/thread.html's context. `fill`: the comment form's holes filled in for
    this visitor (else left for pagecache.fill_holes)."""
    if thread is None:
        return {"thread": None}
    count = thread.approved_count
    approved = thread.comments.approved() if count else Comment.objects.none()
    paginator = Paginator(approved, settings.COMMENTS_PAGE_SIZE)
    paginator.count = count  # known already: no COUNT query
    page = paginator.get_page(request.GET.get(PAGE_PARAMETER))
    is_open = thread.is_open()
    form_html = empty_form_html(thread.pk) if is_open else ""
    return {
        "request": request,
        "thread": thread,
        "page": page,
        "reactions_html": reactions_html(thread, page),
        "is_open": is_open,
        # Our own template's HTML; the holes are filled with tokens of our own.
        "form_html": mark_safe(pagecache.fill_holes(request, form_html) if fill else form_html),
        "can_close": _may_close(request, is_open),
        "can_reopen": _may_reopen(request, thread, is_open),
        "csrf_token": csrf_token,
    }


def _may_close(request, is_open: bool) -> bool:
    """Whether the page offers this visitor the moderators' form to close the thread."""
    return is_open and request.user.has_perm("comments.close_thread")


def _may_reopen(request, thread: Thread, is_open: bool) -> bool:
    """Whether the page offers this visitor the moderators' button to reopen the
    thread: one a moderator closed (not one whose moment passed)."""
    return (
        not is_open
        and thread.closed_at is not None
        and request.user.has_perm("comments.close_thread")
    )


@register.inclusion_tag("comments/thread.html", takes_context=True)
def comment_thread(context, obj) -> dict:
    return _context(context["request"], _thread_of(obj), context.get("csrf_token"))


def thread_html(request, obj) -> str:
    """{% comment_thread obj %} outside a template: for a page put together from
    stored HTML (press.views.release_detail). The first page as readers see it (all
    but moderators, who get a form to close an open thread) is stored with the
    thread's first page of reactions (Thread.first_page_html), under the same
    fingerprint and whether the thread is open: no paginator and no template for it
    until either changes; only the form's holes are filled in for each visitor."""
    thread = _thread_of(obj)
    if thread is None:
        return ""
    is_open = thread.is_open()
    moderates = _may_close(request, is_open) or _may_reopen(request, thread, is_open)
    if request.GET.get(PAGE_PARAMETER, "1") != "1" or moderates:
        context = _context(request, thread, csrf(request)["csrf_token"])
        return render_to_string("comments/thread.html", context)
    code = translation.get_language()
    stored = thread.first_page_html.get(code) or {}
    if stored.get("key") == thread.first_page_key and stored.get("open") is is_open:
        html = stored["section"]
    else:
        html = render_to_string("comments/thread.html", _context(request, thread, fill=False))
        # reactions_html() has just stored this language's reactions: add the section.
        fresh = thread.first_page_html
        fresh[code] = fresh[code] | {"section": html, "open": is_open}
        Thread.objects.filter(pk=thread.pk).update(first_page_html=fresh)
    return pagecache.fill_holes(request, html) if is_open else html


@functools.lru_cache(maxsize=1024)
def _empty_form_html(thread_id: int, language: str, max_length: int) -> str:
    form = CommentForm(thread_id=thread_id)
    form.fields["timestamp"].initial = pagecache.placeholder("comment-form-issued", str(thread_id))
    context = {
        "form": form,
        "thread": Thread(pk=thread_id),
        "csrf_hole": pagecache.placeholder("csrf"),
    }
    return render_to_string("comments/_form.html", context)


def empty_form_html(thread_id: int) -> str:
    """A thread's empty comment form, with holes for the visitor's CSRF token and the
    signed moment it was handed out (denhaag_cms.pagecache). Rendering it costs as
    much as the rest of an article; it depends on nothing but the thread, the
    language and the code, so each process renders it once per thread and language."""
    return _empty_form_html(thread_id, translation.get_language(), settings.COMMENTS_MAX_LENGTH)


def reactions_html(thread: Thread, page) -> str:
    """The page of reactions as HTML: the first page from the thread's store while
    its fingerprint holds (rendered and stored anew when it does not), others live."""
    context = {"page": page, "page_parameter": PAGE_PARAMETER}
    if page.number != 1:
        return render_to_string("comments/_reactions.html", context)
    code, key = translation.get_language(), thread.first_page_key
    stored = thread.first_page_html.get(code)
    if stored and stored.get("key") == key:
        return mark_safe(stored["html"])  # rendered by our own template, below
    html = render_to_string("comments/_reactions.html", context)
    fresh = {c: v for c, v in thread.first_page_html.items() if v.get("key") == key}
    fresh[code] = {"key": key, "html": html}
    Thread.objects.filter(pk=thread.pk).update(first_page_html=fresh)
    thread.first_page_html = fresh
    return html
