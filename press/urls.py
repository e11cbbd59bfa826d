from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from press import drafts, feeds, views

app_name = "press"

# A theme's feeds live under the theme's own (translated) address.
THEME = pgettext_lazy("url", "themes/<slug:slug>/")
RSS = pgettext_lazy("url", "rss/")
ATOM = pgettext_lazy("url", "atom/")

urlpatterns = [
    # The article first: the page a rush of readers asks for is resolved after one
    # pattern, not after every other address of the site (a slug has no "/", so no
    # address below is taken for a release's).
    path(
        pgettext_lazy("url", "press-releases/<slug:slug>/"),
        views.release_detail,
        name="release-detail",
    ),
    path("", views.newsroom, name="newsroom"),
    path(RSS, feeds.ReleasesFeed(), name="feed-rss"),
    path(ATOM, feeds.ReleasesAtomFeed(), name="feed-atom"),
    path(THEME, views.theme_detail, name="theme-detail"),
    path(format_lazy("{}{}", THEME, RSS), feeds.ThemeReleasesFeed(), name="theme-feed-rss"),
    path(format_lazy("{}{}", THEME, ATOM), feeds.ThemeReleasesAtomFeed(), name="theme-feed-atom"),
    path(pgettext_lazy("url", "archive/<int:year>/"), views.year_archive, name="year-archive"),
    path(pgettext_lazy("url", "networks/"), views.network_list, name="network-list"),
    path(
        pgettext_lazy("url", "networks/<slug:slug>/"),
        views.network_detail,
        name="network-detail",
    ),
    path(
        pgettext_lazy("url", "press-releases/preview/<int:pk>/"),
        views.release_preview,
        name="release-preview",
    ),
    path(pgettext_lazy("url", "embargo/<str:token>/"), views.embargo, name="embargo"),
    path(
        pgettext_lazy("url", "embargo/<str:token>/attachments/<int:pk>/<str:filename>"),
        views.embargo_attachment,
        name="embargo-attachment",
    ),
    path(
        pgettext_lazy("url", "embargo/<str:token>/images/<str:name>"),
        views.embargo_rendition,
        name="embargo-rendition",
    ),
    path(
        pgettext_lazy("url", "press-releases/preview/draft/"),
        drafts.start,
        name="release-draft-preview-start",
    ),
    path(
        pgettext_lazy("url", "press-releases/preview/draft/<str:key>/"),
        drafts.show,
        name="release-draft-preview",
    ),
    path(
        pgettext_lazy("url", "press-releases/preview/draft/<str:key>/files/<str:name>"),
        drafts.file,
        name="release-draft-file",
    ),
    path(
        pgettext_lazy("url", "press-releases/attachments/<int:pk>/<str:filename>"),
        views.attachment_download,
        name="attachment-download",
    ),
]
