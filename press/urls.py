from django.urls import path
from django.utils.translation import pgettext_lazy

from press import views

app_name = "press"

urlpatterns = [
    path("", views.newsroom, name="newsroom"),
    path(pgettext_lazy("url", "themes/<slug:slug>/"), views.theme_detail, name="theme-detail"),
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
    path(
        pgettext_lazy("url", "press-releases/<slug:slug>/"),
        views.release_detail,
        name="release-detail",
    ),
]
