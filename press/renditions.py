"""A hero image's renditions, served by the app while their release may be seen.

The files lie in the media storage (the file system or a private bucket), under names
derived from the original's (press.images); nothing serves the storage to readers
directly. A page links to ``/renditions/<release>/<file name>``, and this view asks the
release's visibility the way its page does (PressRelease.is_published, or the staff's
services.visible_releases): a withdrawn, scheduled or draft release's images answer
404 like its attachments, and nginx's front cache, which keeps them a few seconds
like any public answer (denhaag_cms/frontcache.py), lets the 404 through within its
promise. A share link has its own addresses (press.views.embargo_rendition).

Each answer carries an ETag (a rendition's name changes with its image and its
settings), so the front cache's revalidation is a 304 that opens no file.
"""

from __future__ import annotations

import mimetypes

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.http import quote_etag
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from press import images, services
from press.models import PressRelease
from press.pages import private_response, public_file

app_name = "press-media"


def serve_rendition(release: PressRelease, name: str, *, public: bool) -> HttpResponse:
    """The rendition `name` (its file name) of the release's current hero image;
    `public`: cacheable by anyone (pages.public_file), otherwise private."""
    gone = Http404(_("This image does not exist."))
    if not release.hero_renditions_ready:
        raise gone
    stored = images.rendition_names(
        release.hero_image, release.hero_width, release.hero_height
    ).get(name)
    if stored is None:
        raise gone
    try:
        file = release.hero_image.storage.open(stored, "rb")
    except OSError:
        raise gone from None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(file, content_type=content_type)
    response["ETag"] = quote_etag(name)
    return public_file(response) if public else private_response(response)


@require_safe
def rendition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """A rendition for whoever may see its release: everyone while it is published,
    staff who see unpublished releases always (never cached for them)."""
    release = get_object_or_404(services.visible_releases(request.user), pk=pk)
    return serve_rendition(release, name, public=release.is_published())


urlpatterns = [path("<int:pk>/<str:name>", rendition, name="rendition")]
