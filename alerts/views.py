"""The public pages of the alerts: sign up, confirm, manage, unsubscribe.

None of them is ever cached (they show or take someone's address or choices): every
response is `never_cache`, and none is a `@public_page` of the page cache.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from alerts import services, signups, tokens
from alerts.forms import ManageForm, SignUpForm
from alerts.models import Subscriber
from denhaag_cms import ratelimit
from denhaag_cms.queue import enqueue_on_commit
from press.models import Theme
from press.pages import alternates


def _page(
    request: HttpRequest, template: str, context: dict | None = None, status: int = 200
) -> HttpResponse:
    """A page with the language switch. Only the sign-up page is named as an hreflang
    alternate (the others are noindex: their addresses carry a subscriber's token)."""
    indexable = None if template == "alerts/sign_up.html" else []
    context = {"alternates": alternates(request, indexable=indexable), **(context or {})}
    return render(request, template, context, status=status)


def _see_other(url: str) -> HttpResponse:
    response = HttpResponse(status=303)
    response["Location"] = url
    return response


def _noindex(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        # From a theme's page (?theme=<its address>): that theme ticked.
        themes = Theme.objects.by_slug_in_any_language(request.GET.get("theme", ""))
        return _sign_up_page(request, SignUpForm(initial={"themes": list(themes[:1])}))
    form = SignUpForm(request.POST)
    if not form.is_valid():
        return _sign_up_page(request, form, status=400)
    if not ratelimit.hit_client(
        request,
        "alerts-sign-up",
        limit=settings.ALERTS_SIGNUP_RATE_LIMIT,
        window=settings.ALERTS_SIGNUP_RATE_WINDOW,
    ):
        return _sign_up_page(request, form, status=429, rate_limited=True)
    data = form.cleaned_data
    # The same work and the same answer for every address: whether it is new, waiting
    # or confirmed, and whether a limit keeps its mail back, is the worker's to find
    # out (alerts/signups.py), so the page is no way to learn who is on the list.
    enqueue_on_commit(
        signups.sign_up,
        email=data["email"],
        language=data["language"],
        frequency=data["frequency"],
        all_releases=data["all_releases"],
        theme_pks=[theme.pk for theme in data["themes"]],
    )
    return _see_other(reverse("alerts:sign-up-sent"))


def _sign_up_page(request: HttpRequest, form: SignUpForm, status: int = 200, **extra):
    context = {"form": form, "days": settings.ALERTS_UNCONFIRMED_DAYS, **extra}
    return _page(request, "alerts/sign_up.html", context, status=status)


@never_cache
@require_safe
def sign_up_sent(request: HttpRequest) -> HttpResponse:
    context = {"days": settings.ALERTS_UNCONFIRMED_DAYS}
    return _noindex(_page(request, "alerts/sign_up_sent.html", context))


def _subscriber(request: HttpRequest, token: str) -> Subscriber | HttpResponse:
    """The token's subscriber; 404 for a made-up token, 410 for one whose subscription
    is gone (unsubscribed, purged, or a link replaced by a newer one)."""
    if not tokens.is_genuine(token):
        raise Http404(_("This link is not valid."))
    subscriber = tokens.subscriber_for(token)
    if subscriber is None:
        return _noindex(_page(request, "alerts/gone.html", status=410))
    return subscriber


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST confirms: a mail program or virus scanner that opens
    the link confirms nothing."""
    subscriber = _subscriber(request, token)
    if isinstance(subscriber, HttpResponse):
        return subscriber
    if request.method == "POST":
        services.confirm(subscriber)
        messages.success(request, _("Your subscription is confirmed."))
        return _see_other(reverse("alerts:manage", kwargs={"token": token}))
    if subscriber.is_confirmed:
        return _see_other(reverse("alerts:manage", kwargs={"token": token}))
    return _noindex(_page(request, "alerts/confirm.html", {"token": token}))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = _subscriber(request, token)
    if isinstance(subscriber, HttpResponse):
        return subscriber
    if not subscriber.is_confirmed:
        return _see_other(reverse("alerts:confirm", kwargs={"token": token}))
    initial = {
        "language": subscriber.language,
        "frequency": subscriber.frequency,
        "all_releases": subscriber.all_releases,
        "themes": list(subscriber.themes.all()),
    }
    form = ManageForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.change(subscriber, **form.cleaned_data)
            messages.success(request, _("Your choices are saved."))
            return _see_other(request.path)
        status = 400
    context = {"form": form, "token": token, "subscriber": subscriber}
    return _noindex(_page(request, "alerts/manage.html", context, status=status))


@csrf_exempt  # RFC 8058: mail programs POST here without a token; the link's token is the key
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (with a button), POST unsubscribes: the page's button and the mail
    program's one-click POST (``List-Unsubscribe=One-Click``) alike. Idempotent: a
    second POST answers the same."""
    if not tokens.is_genuine(token):
        raise Http404(_("This link is not valid."))
    subscriber = tokens.subscriber_for(token)
    if request.method == "POST":
        if subscriber is not None:
            services.unsubscribe(subscriber.pk)
        return _noindex(_page(request, "alerts/unsubscribed.html"))
    if subscriber is None:
        return _noindex(_page(request, "alerts/unsubscribed.html"))
    return _noindex(_page(request, "alerts/unsubscribe.html", {"token": token}))
