"""/api/v1/: plural resources, lower case, no trailing slashes (the Dutch API Design
Rules). Every answer goes through the page cache like the public pages
(denhaag_cms.pagecache.public_page), keyed by the parameters it reads."""

from django.urls import path, re_path, register_converter
from django.views.decorators.http import require_safe

from api import views
from api.conventions import MAX_ID
from api.problems import problem
from denhaag_cms.pagecache import public_page

app_name = "api"


class Id:
    """An object's id: a positive number of at most 18 digits (conventions.MAX_ID);
    anything else is no address of the API (a 404 problem)."""

    regex = f"[1-9][0-9]{{0,{len(str(MAX_ID)) - 1}}}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(Id, "id")

PAGE = views.PAGE_PARAMS


def cached(view, params=PAGE):
    return public_page(params=params)(view)


def not_found(request, rest=""):
    return problem(request, 404)


urlpatterns = [
    path(
        "releases",
        cached(views.ReleaseList.as_view(), (*PAGE, *views.RELEASE_FILTERS)),
        name="release-list",
    ),
    path(
        "releases/<id:pk>",
        cached(views.ReleaseDetail.as_view(), ("lang",)),
        name="release-detail",
    ),
    path("themes", cached(views.ThemeList.as_view()), name="theme-list"),
    path("themes/<id:pk>", cached(views.ThemeDetail.as_view(), ("lang",)), name="theme-detail"),
    path("themes/<id:pk>/releases", cached(views.ThemeReleases.as_view()), name="theme-releases"),
    path("networks", cached(views.NetworkList.as_view()), name="network-list"),
    path(
        "networks/<id:pk>",
        cached(views.NetworkDetail.as_view(), ("lang",)),
        name="network-detail",
    ),
    path(
        "networks/<id:pk>/releases",
        cached(views.NetworkReleases.as_view()),
        name="network-releases",
    ),
    path("openapi.json", cached(views.OpenApiDocument.as_view(), ()), name="openapi"),
    path("docs", cached(require_safe(views.documentation), ("lang",)), name="docs"),
    # Any other address under /api/v1/ (a trailing slash included): a 404 problem.
    re_path(r"^(?P<rest>.*)$", not_found),
]
