"""Posting a reaction, the thank-you page, and the moderators' close and reopen
buttons."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from comments import services
from comments.forms import CloseForm, CommentForm
from comments.models import Comment, Thread
from denhaag_cms import ratelimit
from denhaag_cms.unavailable import DATABASE_UNAVAILABLE, unavailable_response

logger = logging.getLogger(__name__)


def _public_thread(thread_id: int) -> Thread:
    """A thread the public may know of: its owner says it is public (Thread.is_visible).

    Every endpoint of this app goes through here. A thread of something not public
    (a draft, a scheduled or withdrawn release, a deleted object) answers 404, so its
    address reveals nothing, also to someone counting thread ids.
    """
    thread = get_object_or_404(Thread.objects.select_related("content_type"), pk=thread_id)
    if not thread.is_visible():
        raise Http404(_("There is no such comment thread."))
    return thread


def _back_url(thread: Thread) -> str:
    target = thread.content_object
    url = target.get_absolute_url() if hasattr(target, "get_absolute_url") else "/"
    return f"{url}#reacties"


def _closed(request: HttpRequest, thread: Thread, form: CommentForm | None) -> HttpResponse:
    context = {"thread": thread, "back_url": _back_url(thread), "form": form}
    return render(request, "comments/closed.html", context, status=403)


@require_POST
def post_comment(request: HttpRequest, thread_id: int) -> HttpResponse:
    try:
        return _post_comment(request, thread_id)
    except DATABASE_UNAVAILABLE as error:
        # Nothing was acknowledged: the reaction's transaction did not commit (or
        # its commit was not confirmed). Give the citizen their text back.
        logger.warning(
            "Database unavailable: reaction to thread %s not stored (%s)", thread_id, error
        )
        form = CommentForm(request.POST, thread_id=thread_id)
        form.is_valid()  # errors of what was sent (none, usually), before a fresh timestamp
        form.renew_timestamp()
        context = {"form": form, "thread": Thread(pk=thread_id)}  # unsaved: no query
        return unavailable_response(request, "comments/unavailable.html", context)


def _post_comment(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = _public_thread(thread_id)
    form = CommentForm(request.POST, thread_id=thread.pk)
    if not thread.is_open():
        return _closed(request, thread, form)
    context = {"thread": thread, "form": form, "back_url": _back_url(thread)}
    if not form.is_valid():
        form.renew_timestamp()
        return render(request, "comments/post_error.html", context, status=400)
    ip_address = ratelimit.client_ip(request)
    if not ratelimit.hit_client(
        request,
        "comments",
        limit=settings.COMMENTS_RATE_LIMIT,
        window=settings.COMMENTS_RATE_WINDOW,
    ):
        form.renew_timestamp()
        return render(request, "comments/rate_limited.html", context, status=429)
    try:
        comment = services.post_comment(
            thread_id=thread.pk,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            body=form.cleaned_data["body"],
            ip_address=ip_address,
            submission=form.submission(),
        )
    except services.ThreadClosed:
        return _closed(request, thread, form)
    url = reverse("comments:thanks", kwargs={"thread_id": thread.pk})
    state = "published" if comment.status == Comment.Status.APPROVED else "pending"
    return _see_other(f"{url}?{state}")


def _see_other(url: str) -> HttpResponse:
    response = HttpResponse(status=303)
    response["Location"] = url
    return response


@require_safe
def thanks(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = _public_thread(thread_id)
    context = {
        "thread": thread,
        "back_url": _back_url(thread),
        "published": "published" in request.GET,
    }
    response = render(request, "comments/thanks.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
@permission_required("comments.close_thread", raise_exception=True)
def close(request: HttpRequest, thread_id: int) -> HttpResponse:
    # Threads of what is not public are closed in the admin, not through the page.
    thread = _public_thread(thread_id)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return render(request, "400.html", status=400)
    services.close_thread(thread, user=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("Comments are closed: no one can react any more."))
    return _back(request, thread, form.cleaned_data["next"])


@require_POST
@permission_required("comments.close_thread", raise_exception=True)
def reopen(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = _public_thread(thread_id)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return render(request, "400.html", status=400)
    thread = services.reopen_thread(thread, user=request.user)
    messages.success(
        request,
        _("Comments are open again, until %(moment)s.")
        % {"moment": date_format(timezone.localtime(thread.closes_at), "j F Y H:i")},
    )
    return _back(request, thread, form.cleaned_data["next"])


def _back(request: HttpRequest, thread: Thread, next_url: str) -> HttpResponse:
    """Back to where the moderator's button was (`next`, on this site), or the article."""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = _back_url(thread)
    # Not redirect(): it takes a word without "/" or "." for a URL name to reverse,
    # so ?next=0 was a NoReverseMatch (a 500).
    return HttpResponseRedirect(next_url)
