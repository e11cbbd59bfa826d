"""Public newsroom pages. Query logic lives in the querysets (press.models); what the
pages share (addresses, pagination, a release's page context) in press.pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django import forms
from django.conf import settings
from django.core.handlers.exception import response_for_exception
from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from denhaag_cms import changes
from denhaag_cms.pagecache import public_page, renders_for_everyone
from press import renditions, services, sharelinks
from press.models import Attachment, City, Membership, PressRelease, Theme
from press.pages import (
    alternates,
    canonical_url,
    fragments,
    paginate,
    previewers_only,
    private_response,
    public_file,
    release_context,
    release_prefetch,
)


def paginate_ranked(request: HttpRequest, ranked: QuerySet, filters: tuple[str, ...]) -> Page:
    """A page of search results (PressReleaseQuerySet.search), in one query: PostgreSQL
    ranks every match, sorts, and computes the snippets of only the page's releases.
    The first page asks for one release more than it shows, so the matches are
    counted only when there are more than a page of them."""
    first = None
    count = None
    if request.GET.get("page", "1") == "1":
        size = settings.PRESS_PAGE_SIZE
        first = list(ranked[: size + 1])
        count = len(first) if len(first) <= size else ranked.count()
    page = paginate(request, ranked, count, filters)
    if first is not None:
        page.object_list = first[: settings.PRESS_PAGE_SIZE]
    return page


class NewsroomFilter(forms.Form):
    """The newsroom's search words and selects. The selects offer every theme and the
    years with releases and accept nothing else; both lists are read (remembered
    values) only when a select is rendered or a theme or year is asked for, so a
    search with words alone does not read them."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
    )
    # A theme by its address in the page's language; cleaned to the Theme.
    theme = forms.TypedChoiceField(label=_("Theme"), required=False, empty_value=None)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Callables: Django evaluates them when the choices are first iterated.
        self.fields["theme"].choices = theme_choices
        self.fields["theme"].coerce = lambda slug: {t.slug: t for t in themes()}[slug]
        self.fields["year"].choices = year_choices
        self.fields["theme"].error_messages["invalid_choice"] = _("This theme does not exist.")
        self.fields["year"].error_messages["invalid_choice"] = _(
            "There are no press releases from that year."
        )


def themes() -> list[Theme]:
    """Every theme, in the order of their names in the page's language: kept until the
    content changes, for each language apart."""
    language = translation.get_language()
    return changes.remember(f"press:themes:{language}", lambda: list(Theme.objects.all()))


def theme_choices() -> list[tuple[str, str]]:
    return [("", _("All themes"))] + [(theme.slug, theme.name) for theme in themes()]


def published_years() -> list[int]:
    """The years with published releases: kept until the content changes."""
    return changes.remember(
        "press:published-years",
        lambda: PressRelease.objects.published().publication_years(),
    )


def year_choices() -> list[tuple[int | str, str]]:
    return [("", _("All years"))] + [(year, str(year)) for year in published_years()]


def published_count() -> int:
    """How many releases are published: kept until the content changes."""
    return changes.remember("press:published-count", PressRelease.objects.published().count)


NEWSROOM_FILTERS = ("q", "theme", "year")


@require_safe
@public_page(params=(*NEWSROOM_FILTERS, "page"))
def newsroom(request: HttpRequest) -> HttpResponse:
    asked = any(name in request.GET for name in NEWSROOM_FILTERS)

    form = NewsroomFilter(request.GET if asked else None)
    releases = PressRelease.objects.published().for_listing()
    status = 200
    query = ""
    filtered = False
    if form.is_bound and form.is_valid():
        if theme := form.cleaned_data["theme"]:
            releases = releases.filter(themes=theme)
            filtered = True
        if year := form.cleaned_data["year"]:
            releases = releases.from_year(year)
            filtered = True
        if query := form.cleaned_data["q"].strip():
            filtered = True
    elif form.is_bound:
        status = 400
        releases = releases.none()
        filtered = True
    if query:
        # Read only where the template shows it: the results are a fragment, and a
        # page of them already rendered for this search reads nothing.
        language = translation.get_language()
        page = SimpleLazyObject(
            lambda: paginate_ranked(request, releases.search(query, language), NEWSROOM_FILTERS)
        )
    else:
        count = None if filtered else published_count()
        page = paginate(request, releases, count, NEWSROOM_FILTERS)
    # A filtered or searched list is a view of the newsroom, not a page of its own.
    own_page = None if filtered else page
    return render(
        request,
        "press/newsroom.html",
        fragments()
        | {
            "form": form,
            "filters_asked": asked,
            "page": page,
            "query": query,
            "alternates": alternates(request, page=own_page),
            "canonical_url": canonical_url(request, own_page),
        },
        status=status,
    )


@require_safe
@public_page(params=("page",))
def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    theme = Theme.objects.filter(slug=slug).first()
    if theme is None:
        # The address of the theme in the other language: send readers to this one.
        other = Theme.objects.by_slug_in_any_language(slug).first()
        if other is None:
            raise Http404(_("This theme does not exist."))
        if other.get_absolute_url() != request.path:
            return HttpResponsePermanentRedirect(other.get_absolute_url())
        # No address of its own in this language (possible only in data that did not
        # come through the admin): served at the one it falls back to, not sent there
        # again and again.
        theme = other
    releases = PressRelease.objects.published().filter(themes=theme).for_listing()
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls[code] = theme.get_absolute_url()
    page = paginate(request, releases)
    return render(
        request,
        "press/theme_detail.html",
        fragments()
        | {
            "theme": theme,
            "page": page,
            "alternates": alternates(request, urls, page=page),
            "canonical_url": canonical_url(request, page),
        },
    )


@require_safe
@public_page(params=("page",))
def year_archive(request: HttpRequest, year: int) -> HttpResponse:
    releases = PressRelease.objects.published().from_year(year).for_listing()
    page = paginate(request, releases)
    if not page.paginator.count:  # the count, not the rows: the list may be a cached fragment
        raise Http404(_("There are no press releases from that year."))
    return render(
        request,
        "press/year_archive.html",
        fragments()
        | {
            "year": year,
            "page": page,
            "years": published_years(),
            "alternates": alternates(request, page=page),
            "canonical_url": canonical_url(request, page),
        },
    )


@require_safe
@public_page(params=("reacties",))
def release_detail(request: HttpRequest, slug: str) -> HttpResponse:
    code = translation.get_language()
    # The release at this address now or formerly, in one query (at most one of each).
    found = list(PressRelease.objects.public_or_gone().at_address(code, slug)[:2])
    release = next((r for r in found if r.slug_for(code) == slug), None)
    if release is None:
        if found:
            return HttpResponsePermanentRedirect(found[0].get_absolute_url(code))
        raise Http404(_("This press release does not exist."))
    if release.is_withdrawn:
        # Its notice in the other language too (the switch; not indexed: no hreflang).
        urls = {other: release.get_absolute_url(other) for other, _name in settings.LANGUAGES}
        context = {"release": release, "alternates": alternates(request, urls, indexable=[])}
        return render(request, "press/release_withdrawn.html", context, status=410)
    context = release_context(request, release, False) | fragments()
    context["for_everyone"] = renders_for_everyone(request)
    return render(request, "press/release_detail.html", context)


def share_link_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For the addresses that carry a share link's token: every answer is private
    (private_response), a 404 too, and names no referrer, so the token never leaves
    in a Referer header to the sites the page links to.

    The 404 is made here, by the project's handler404 (response_for_exception, as
    Django would): raised out of the view, it would reach the CacheControlMiddleware
    without a Cache-Control of its own and be marked public (`public, max-age=0`,
    and the front cache's s-maxage on top); never_cache does not reach a raised
    Http404 either."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404 as exception:
            response = response_for_exception(request, exception)
        private_response(response)
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapper


@require_safe
@previewers_only
def release_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff see any release exactly as the public will, marked as a preview."""
    release = get_object_or_404(PressRelease.objects.prefetch_related(*release_prefetch()), pk=pk)
    urls = {code: release.get_preview_url(code) for code, _name in settings.LANGUAGES}
    response = render(
        request, "press/release_detail.html", release_context(request, release, True, urls)
    )
    return private_response(response)


@share_link_page
@require_safe
def embargo(request: HttpRequest, token: str) -> HttpResponse:
    """A release under embargo, through a share link (press.sharelinks): exactly as
    it will appear, with a banner; never cached, never indexed (share_link_page), no
    comment form. An opening is counted on a GET only.

    Unknown, expired and revoked tokens, and a link for the other language, all
    answer the same 404. Once the release is public an unrevoked link leads to its
    page, also after its expiry (which is by default the moment of publication).
    """
    code = translation.get_language()
    link = sharelinks.find_link(token, code)
    if link is None or link.release.is_withdrawn:
        raise Http404(_("This link does not exist or is no longer valid."))
    release = link.release
    if release.is_published():
        return HttpResponseRedirect(release.get_absolute_url(code))
    if not link.is_active:
        raise Http404(_("This link does not exist or is no longer valid."))
    if request.method == "GET":  # a HEAD (a link previewer, a monitor) is no reader
        link.record_open()
    release = sharelinks.text_for(link)  # its pinned version's text, if it has one
    # Its image through the link too: the public address answers 404 until publication.
    release.hero_picture = release.hero_picture_at(
        lambda name: reverse("press:embargo-rendition", kwargs={"token": token, "name": name})
    )
    context = release_context(request, release, True)
    context["embargo"] = link
    context["embargo_token"] = token  # its attachments are downloaded through the link
    context["embargo_until"] = release.publish_at if release.is_scheduled else None
    context["alternates"] = alternates(
        request,
        {c: reverse_in("press:embargo", c, token) for c in link.languages()},
        indexable=[],
    )
    return render(request, "press/release_detail.html", context)  # private: share_link_page


@share_link_page
@require_safe
def embargo_attachment(request: HttpRequest, token: str, pk: int, filename: str) -> HttpResponse:
    """An attachment of a release under embargo, through its share link: only an
    attachment of that release, only while the link is valid, never cached. Once the
    release is public it is at its public address (a redirect, like the page)."""
    code = translation.get_language()
    link = sharelinks.find_link(token, code)
    gone = Http404(_("This link does not exist or is no longer valid."))
    if link is None or link.release.is_withdrawn:
        raise gone
    attachment = link.release.attachments.filter(pk=pk).first()
    if attachment is None or filename != attachment.download_name:
        raise Http404(_("This attachment does not exist."))
    if link.release.is_published():
        return HttpResponseRedirect(attachment.get_absolute_url())
    if not link.is_active:
        raise gone
    return serve_attachment(attachment, public=False)


@share_link_page
@require_safe
def embargo_rendition(request: HttpRequest, token: str, name: str) -> HttpResponse:
    """The hero image of a release under embargo, through its share link, on the same
    terms as its attachments (embargo_attachment)."""
    link = sharelinks.find_link(token, translation.get_language())
    if link is None or link.release.is_withdrawn:
        raise Http404(_("This link does not exist or is no longer valid."))
    release = link.release
    if release.is_published():
        return HttpResponseRedirect(reverse("press-media:rendition", args=[release.pk, name]))
    if not link.is_active:
        raise Http404(_("This link does not exist or is no longer valid."))
    return renditions.serve_rendition(sharelinks.text_for(link), name, public=False)


def reverse_in(name: str, code: str, token: str) -> str:
    with translation.override(code):
        return reverse(name, kwargs={"token": token})


# Shown in the browser; everything else (office files, ZIP, text, CSV) is downloaded.
INLINE_CONTENT_TYPES = {"application/pdf", "image/jpeg", "image/png"}


@require_safe
def attachment_download(request: HttpRequest, pk: int, filename: str) -> HttpResponse:
    """An attachment, from the storage (file system or object storage), to the public
    only while its release is published; staff who may see unpublished releases
    (services.visible_releases) get it at any time, never cached. Its stored name is
    random (press.uploads), so the media address is no way around this check."""
    attachment = get_object_or_404(
        Attachment.objects.filter(
            release__in=services.visible_releases(request.user)
        ).select_related("release"),
        pk=pk,
    )
    if filename != attachment.download_name:
        raise Http404(_("This attachment does not exist."))
    return serve_attachment(attachment, public=attachment.release.is_published())


def serve_attachment(attachment: Attachment, *, public: bool) -> FileResponse:
    """The attachment's file from the storage; `public`: cacheable by anyone
    (pages.public_file), otherwise private, never stored and not indexed."""
    try:
        file = attachment.file.open("rb")
    except OSError:
        raise Http404(_("This attachment does not exist.")) from None
    content_type = attachment.content_type or "application/octet-stream"
    response = FileResponse(
        file,
        as_attachment=content_type not in INLINE_CONTENT_TYPES,
        filename=attachment.download_name,
        content_type=content_type,
    )
    return public_file(response) if public else private_response(response)


# -- city networks -------------------------------------------------------------------


def network_jsonld(membership: Membership) -> dict:
    """schema.org: the city as an Organization, member of the network."""
    network = membership.network
    member_of: dict = {"@type": "Organization", "name": network.name}
    if network.website:
        member_of["url"] = network.website
    if network.organisation and network.organisation != network.name:
        member_of["founder"] = {"@type": "Organization", "name": network.organisation}
    if network.founded_in:
        member_of["foundingDate"] = str(network.founded_in)
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": membership.city.name,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": membership.city.name,
            "addressCountry": membership.city.country,
        },
        "memberOf": member_of,
    }


@require_safe
@public_page()
def network_list(request: HttpRequest) -> HttpResponse:
    memberships = Membership.objects.of_own_city().for_listing()
    city = City.objects.own()
    return render(
        request,
        "press/network_list.html",
        {
            "city_name": city.name if city else settings.CITY_NAME,
            "current": memberships.current(),
            "past": memberships.past(),
            "alternates": alternates(request),
        },
    )


@require_safe
@public_page(params=("page",))
def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    membership = (
        Membership.objects.of_own_city()
        .select_related("network", "city")
        .prefetch_related("themes")
        .filter(network__slug=slug)
        .first()
    )
    if membership is None:
        raise Http404(_("This city network does not exist."))
    network = membership.network
    page = paginate(request, network.published_releases())
    return render(
        request,
        "press/network_detail.html",
        fragments()
        | {
            "network": network,
            "membership": membership,
            "other_members": network.memberships.current().others_than(membership),
            "page": page,
            "jsonld": network_jsonld(membership),
            "alternates": alternates(request, page=page),
        },
    )
