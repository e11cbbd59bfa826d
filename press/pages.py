"""What the public pages share: a page's addresses in every language, its canonical
address, pagination, and the context of a release's page (the public page, the staff
previews and the share links render the same template from it)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from denhaag_cms import changes
from press import services
from press.models import Membership, PressRelease
from press.previews import absolute, article_preview

RELEASE_PREFETCH = ("themes", "contacts", "links", "attachments", "change_notes")


def release_prefetch() -> tuple[str | Prefetch, ...]:
    """RELEASE_PREFETCH plus the city's own memberships the release is about.

    Built per request, not as a module constant: prefetching adds hints to a
    Prefetch's queryset in place, and the city (settings.CITY_NAME) is read here.
    """
    city_memberships = Prefetch(
        "memberships",
        queryset=Membership.objects.of_own_city()
        .select_related("network", "city")
        .order_by("network__name", "pk"),
        to_attr="city_memberships",
    )
    return (*RELEASE_PREFETCH, city_memberships)


def page_suffix(page: Page | None) -> str:
    """`?page=N` from page 2 of a list on; nothing on page 1 or outside a list."""
    return f"?page={page.number}" if page is not None and page.number > 1 else ""


def alternates(
    request: HttpRequest | None,
    urls: dict[str, str] | None = None,
    indexable: list[str] | None = None,
    page: Page | None = None,
) -> list[dict]:
    """The page's address in every language, for hreflang and the language switch.

    Built from the path, never the query string: filters and searches name things by
    their address in the page's language (?theme=kustverdediging), which the other
    language does not know (a 400 there). As in canonical_url(), only `page` carries
    over: pass the list's page where the canonical address names it too.

    `indexable`: the languages the page really exists in (default: all); only those
    are named as hreflang alternates, the others only in the language switch.
    """
    current = translation.get_language()
    suffix = page_suffix(page)
    result = []
    for code, _name in settings.LANGUAGES:
        url = (urls or {}).get(code) or translate_url(request.path, code)
        result.append(
            {
                "code": code,
                "url": url + suffix,
                "current": code == current,
                "hreflang": indexable is None or code in indexable,
            }
        )
    return result


def canonical_url(request: HttpRequest, page: Page | None = None) -> str:
    """The page's own absolute address without filters; `?page=N` from page 2 on.

    From SITE_URL, never the request's Host: a cached page is shown to everyone."""
    return settings.SITE_URL + request.path + page_suffix(page)


def paginate(
    request: HttpRequest,
    queryset: QuerySet | list,
    count: int | None = None,
    filters: tuple[str, ...] = (),
) -> Page:
    """`count`: the number of items, if known (no COUNT query). `filters`: the query
    parameters the list reads besides `page`; the page links carry these and no
    others (page.query, for press/_pagination.html's {% querystring %}), so that a
    page cached for everyone never links to what one visitor added to its address."""
    paginator = Paginator(queryset, settings.PRESS_PAGE_SIZE)
    if count is not None:
        paginator.count = count
    number = request.GET.get("page") or 1
    try:
        page = paginator.page(number)
    except InvalidPage as error:  # not a number, or past the last page
        raise Http404(_("This page of the list does not exist.")) from error
    page.query = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        if name in filters:
            page.query.setlist(name, values)
    return page


def fragments() -> dict:
    """What the public templates key their {% cache %} fragments by (an article, a
    page of a list, the newsroom's filters): `fragment_version`, the content
    generation, which every change to what a public page shows moves on, the next
    scheduled change (a release that goes public at its moment), which moves on once
    that moment has passed, and the day (a city membership that ends reads as past
    from then on). None under DEBUG: as with Django's cached template loader, a
    template edit shows on the next request. None too while the cache does not answer
    (no generation): the page renders whole."""
    gen = None if settings.DEBUG else changes.generation()
    if gen is None:
        return {"fragment_version": None}
    now = timezone.now()
    return {
        "fragment_version": f"{gen}:{changes.next_change(now, gen)}:{timezone.localdate()}",
        "fragment_seconds": changes.keep_seconds(),
    }


def release_context(
    request: HttpRequest,
    release: PressRelease,
    preview: bool,
    urls: dict[str, str] | None = None,
) -> dict:
    """The context of press/release_detail.html. `urls`: the page in each language
    (default: the public addresses); a preview names its own, so that its language
    switch stays in the preview.

    The article's parts (themes, contacts, links, attachments, change notes, city
    networks) are fetched when the template first asks for `article` or
    `rich_preview` (the template calls them), so a page whose article fragment is
    in the cache (release_detail.html) does not fetch them at all."""
    code = translation.get_language()
    translated = release.has_language(code)

    def article() -> PressRelease:
        prefetch_related_objects([release], *release_prefetch())
        return release

    def rich_preview() -> dict | None:
        if not translated:
            return None
        return article_preview(request, article(), [t.name for t in release.themes.all()])

    return {
        "release": release,
        "article": article,
        "preview": preview,
        "translated": translated,
        "alternates": alternates(
            request,
            urls or {c: release.get_absolute_url(c) for c, _name in settings.LANGUAGES},
            indexable=[c for c, _name in settings.LANGUAGES if release.has_language(c)],
        ),
        "rich_preview": rich_preview,
        "canonical_url": absolute(release.get_absolute_url(code))
        if translated and not preview
        else "",
    }


def previewers_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For the pages of releases that are not public yet: the admin's login for those
    who are not staff, 403 for staff who may not see unpublished releases
    (services.may_see_unpublished)."""

    @staff_member_required
    @wraps(view)
    def only_previewers(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not services.may_see_unpublished(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return only_previewers


def private_response(response: HttpResponse) -> HttpResponse:
    """A page or file for one person (a preview, a share link's): never stored by a
    cache (the page cache and the front cache leave a response with its own
    Cache-Control alone), never indexed."""
    add_never_cache_headers(response)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# How long browsers may keep a public release's file (an attachment, an image's
# rendition). Shared caches keep it only as long as the front cache's promise
# (denhaag_cms/frontcache.py adds s-maxage), so a withdrawal reaches them within
# seconds; a browser that kept the file may show it for at most this long.
MEDIA_MAX_AGE = 60 * 60


def public_file(response: HttpResponse) -> HttpResponse:
    """A file of a public release: any cache may keep it (see MEDIA_MAX_AGE)."""
    response["Cache-Control"] = f"public, max-age={MEDIA_MAX_AGE}"
    return response
