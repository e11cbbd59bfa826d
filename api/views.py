"""The API's resources: releases, themes, city networks, and its OpenAPI document.

Only what the site shows the public: releases from PressRelease.objects.published()
(public_or_gone() for the one address that answers 410 for a withdrawn release),
networks from the city's memberships, as the site's pages take them. Every answer
for an anonymous client goes through the page cache (public_page), with the pages'
invalidation and Cache-Control; its language is set by api.middleware.
"""

from __future__ import annotations

import datetime as dt

from django.core.paginator import InvalidPage, Paginator
from django.db.models import QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api import serializers as out
from api.conventions import MAX_ID
from api.problems import BadRequestProblem, Problem, problem
from api.schema import openapi_document
from press.models import CityNetwork, Membership, PressRelease, Theme
from press.models.publication import last_public_change
from press.pages import release_prefetch
from press.previews import absolute

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
PAGE_PARAMS = ("page", "page-size", "lang")
RELEASE_FILTERS = ("theme", "network", "year", "updated-since", "q")

PROBLEM = "application/problem+json"
NOT_FOUND = {(404, PROBLEM): OpenApiResponse(Problem, description="Not found.")}
BAD_REQUEST = {(400, PROBLEM): OpenApiResponse(BadRequestProblem, description="Bad parameters.")}
TOO_MANY = {(429, PROBLEM): OpenApiResponse(Problem, description="Rate limit; see Retry-After.")}
LANG = OpenApiParameter(
    "lang",
    str,
    enum=["nl", "en"],
    description="The language of the texts given in one language (default: Accept-Language).",
)


class Hyphenated(serializers.Serializer):
    """Query parameters, named as in the address (kebab-case: `page-size`)."""

    def get_fields(self):
        return {name.replace("_", "-"): field for name, field in super().get_fields().items()}


class PageParams(Hyphenated):
    page = serializers.IntegerField(min_value=1, default=1)
    page_size = serializers.IntegerField(
        min_value=1, max_value=MAX_PAGE_SIZE, default=DEFAULT_PAGE_SIZE
    )


class Moment(serializers.DateTimeField):
    """A moment the database can compare with (the year 1 in Amsterdam time is
    before the year 1 in UTC)."""

    def to_internal_value(self, value):
        try:
            moment = super().to_internal_value(value)
            moment.astimezone(dt.UTC)
        except OverflowError:
            self.fail("invalid", format="YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]")
        return moment


class ReleaseFilter(PageParams):
    theme = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, help_text="A theme's id."
    )
    network = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, help_text="A city network's id."
    )
    year = serializers.IntegerField(
        min_value=1, max_value=9999, required=False, help_text="Published in this year."
    )
    updated_since = Moment(
        required=False,
        help_text="Published or publicly changed at or after this moment (ISO 8601).",
    )
    q = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="Search, as on the site."
    )


def read(params: type[serializers.Serializer], request: Request) -> dict:
    """The query parameters, checked (a 400 problem names the ones refused)."""
    # A plain dict, not the QueryDict: REST framework would take an empty value of a
    # form ("?year=") for a missing one, where the API says it is not a year.
    checked = params(data=request.query_params.dict())
    checked.is_valid(raise_exception=True)
    return checked.validated_data


def page_of(
    request: Request,
    items: QuerySet,
    params: dict,
    item: type[serializers.Serializer],
    names: tuple[str, ...] = (),
) -> Response:
    """One page of `items` in the list envelope; the links to the pages around it
    carry the parameters `names` (and the page's) the client gave, no others."""
    paginator = Paginator(items, params["page-size"])
    try:
        page = paginator.page(params["page"])
    except InvalidPage as error:
        raise Http404(_("This page of the list does not exist.")) from error
    given = [
        (n, request.query_params[n]) for n in (*names, *PAGE_PARAMS) if n in request.query_params
    ]

    def link(number: int) -> str:
        query = [(n, v) for n, v in given if n != "page"] + [("page", str(number))]
        return absolute(request.path) + "?" + urlencode(query)

    return Response(
        {
            "total": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": item(page.object_list, many=True).data,
        }
    )


def release_parts() -> tuple:
    """What a release's answer shows besides its row: the article's parts (as the
    site's article page fetches them, built per request) and its reactions' thread."""
    return (*release_prefetch(), "comment_threads")


def public_releases() -> QuerySet[PressRelease]:
    """The public releases with everything a release's answer shows, newest first."""
    return PressRelease.objects.published().for_listing().prefetch_related(*release_parts())


def own_memberships() -> QuerySet[Membership]:
    return Membership.objects.of_own_city().for_listing()


class ReleaseList(APIView):
    @extend_schema(
        operation_id="releases_list",
        summary="The public press releases, newest first (search: the best match first)",
        parameters=[ReleaseFilter, LANG],
        responses={200: out.ReleasePage, **BAD_REQUEST, **NOT_FOUND, **TOO_MANY},
    )
    def get(self, request: Request) -> Response:
        params = read(ReleaseFilter, request)
        releases = public_releases()
        if "theme" in params:
            theme = Theme.objects.filter(pk=params["theme"]).first()
            if theme is None:
                raise serializers.ValidationError({"theme": [_("This theme does not exist.")]})
            releases = releases.filter(themes=theme)
        if "network" in params:
            network = network_of_the_city(params["network"])
            if network is None:
                raise serializers.ValidationError(
                    {"network": [_("This city network does not exist.")]}
                )
            releases = releases.filter(pk__in=network.published_releases().values("pk"))
        if "year" in params:
            releases = releases.from_year(params["year"])
        if "updated-since" in params:
            releases = releases.alias(modified=last_public_change()).filter(
                modified__gte=params["updated-since"]
            )
        if query := params.get("q", "").strip():
            releases = releases.search(query, translation.get_language())
        return page_of(request, releases, params, out.ReleaseSerializer, RELEASE_FILTERS)


def network_of_the_city(pk: int) -> CityNetwork | None:
    """The network with this id, if the city is a member (the site's networks)."""
    membership = own_memberships().filter(network_id=pk).first()
    return membership.network if membership else None


class ReleaseDetail(APIView):
    @extend_schema(
        operation_id="releases_retrieve",
        summary="A public press release in both its languages",
        parameters=[LANG],
        responses={
            200: out.ReleaseSerializer,
            (410, PROBLEM): OpenApiResponse(
                out.WithdrawnProblemSerializer, description="Withdrawn."
            ),
            **BAD_REQUEST,
            **NOT_FOUND,
            **TOO_MANY,
        },
    )
    def get(self, request: Request, pk: int) -> Response:
        release = PressRelease.objects.public_or_gone().filter(pk=pk).first()
        if release is None:
            raise Http404(_("This press release does not exist."))
        if release.is_withdrawn:
            return withdrawn(request, release)
        prefetch_related_objects([release], *release_parts())
        return Response(out.ReleaseSerializer(release).data)


def withdrawn(request: HttpRequest, release: PressRelease):
    notice = release.withdrawal_notice or _("This press release has been withdrawn")
    moment = release.withdrawn_at
    return problem(
        request,
        410,
        notice,
        withdrawn_at=timezone.localtime(moment).isoformat() if moment else None,
    )


class ThemeList(APIView):
    @extend_schema(
        operation_id="themes_list",
        summary="The themes, by name",
        parameters=[PageParams, LANG],
        responses={200: out.ThemePage, **BAD_REQUEST, **NOT_FOUND, **TOO_MANY},
    )
    def get(self, request: Request) -> Response:
        params = read(PageParams, request)
        return page_of(request, Theme.objects.order_by("name", "pk"), params, out.ThemeSerializer)


def theme_or_404(pk: int) -> Theme:
    theme = Theme.objects.filter(pk=pk).first()
    if theme is None:
        raise Http404(_("This theme does not exist."))
    return theme


class ThemeDetail(APIView):
    @extend_schema(
        operation_id="themes_retrieve",
        summary="A theme",
        parameters=[LANG],
        responses={200: out.ThemeSerializer, **BAD_REQUEST, **NOT_FOUND, **TOO_MANY},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(out.ThemeSerializer(theme_or_404(pk)).data)


class ThemeReleases(APIView):
    @extend_schema(
        operation_id="themes_releases_list",
        summary="A theme's public press releases, newest first",
        parameters=[PageParams, LANG],
        responses={200: out.ReleasePage, **BAD_REQUEST, **NOT_FOUND, **TOO_MANY},
    )
    def get(self, request: Request, pk: int) -> Response:
        params = read(PageParams, request)
        theme = theme_or_404(pk)
        releases = public_releases().filter(themes=theme)
        return page_of(request, releases, params, out.ReleaseSerializer)


class NetworkList(APIView):
    @extend_schema(
        operation_id="networks_list",
        summary="The city networks the city is or was a member of, by name",
        parameters=[PageParams, LANG],
        responses={200: out.NetworkPage, **BAD_REQUEST, **NOT_FOUND, **TOO_MANY},
    )
    def get(self, request: Request) -> Response:
        params = read(PageParams, request)
        return page_of(request, own_memberships(), params, out.NetworkWithThemesSerializer)


def membership_or_404(pk: int) -> Membership:
    membership = own_memberships().filter(network_id=pk).first()
    if membership is None:
        raise Http404(_("This city network does not exist."))
    return membership


class NetworkDetail(APIView):
    @extend_schema(
        operation_id="networks_retrieve",
        summary="A city network and the city's membership of it",
        parameters=[LANG],
        responses={200: out.NetworkWithThemesSerializer, **BAD_REQUEST, **NOT_FOUND, **TOO_MANY},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(out.NetworkWithThemesSerializer(membership_or_404(pk)).data)


class NetworkReleases(APIView):
    @extend_schema(
        operation_id="networks_releases_list",
        summary="The public press releases about a city network, newest first",
        parameters=[PageParams, LANG],
        responses={200: out.ReleasePage, **BAD_REQUEST, **NOT_FOUND, **TOO_MANY},
    )
    def get(self, request: Request, pk: int) -> Response:
        params = read(PageParams, request)
        network = membership_or_404(pk).network
        releases = public_releases().filter(pk__in=network.published_releases().values("pk"))
        return page_of(request, releases, params, out.ReleaseSerializer)


class OpenApiDocument(APIView):
    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        return Response(openapi_document())


def documentation(request: HttpRequest):
    """The OpenAPI document for people: its operations, parameters and answers."""
    document = openapi_document()
    operations = [
        {"path": path, "method": method.upper(), **operation}
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    ]
    return render(
        request,
        "api/docs.html",
        {
            "document": document,
            "operations": operations,
            "openapi_url": reverse("api:openapi"),
        },
    )
