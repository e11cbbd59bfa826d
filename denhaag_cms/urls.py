from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from denhaag_cms.health import healthz
from denhaag_cms.views import favicon, robots_txt

# Error pages that never run the CSRF check again (see denhaag_cms/views.py).
handler400 = "denhaag_cms.views.bad_request"
handler403 = "denhaag_cms.views.permission_denied"
handler404 = "denhaag_cms.views.page_not_found"
# A database that does not answer outside a view: 503, not 500 (denhaag_cms/unavailable.py).
handler500 = "denhaag_cms.views.server_error"

admin.site.site_header = _("Den Haag newsroom: editors")
admin.site.site_title = _("Den Haag newsroom")
admin.site.index_title = _("Manage the newsroom")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Outside i18n_patterns: one sitemap for both languages (press.sitemaps), robots.txt
    # at the root.
    path("", include("press.sitemaps")),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("favicon.ico", favicon, name="favicon"),
]

# "/" and other unprefixed addresses are redirected by LocaleMiddleware to the
# reader's language (Accept-Language), Dutch by default.
urlpatterns += i18n_patterns(
    # The press pages first: the article is the address most asked for (press.urls).
    path("", include("press.urls")),
    path("", include("comments.urls")),
    path("", include("alerts.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
