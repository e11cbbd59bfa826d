from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from denhaag_cms.health import healthz
from denhaag_cms.legal import legal_page, security_txt
from denhaag_cms.views import favicon, robots_txt

# Error pages that never run the CSRF check again (see denhaag_cms/views.py).
handler400 = "denhaag_cms.views.bad_request"
handler403 = "denhaag_cms.views.permission_denied"
handler404 = "denhaag_cms.views.page_not_found"
# A database that does not answer outside a view: 503, not 500 (denhaag_cms/unavailable.py).
handler500 = "denhaag_cms.views.server_error"

admin.site.site_header = format_lazy(_("{name} newsroom: editors"), name=settings.SITE_NAME)
admin.site.site_title = format_lazy(_("{name} newsroom"), name=settings.SITE_NAME)
admin.site.index_title = _("Manage the newsroom")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Outside i18n_patterns: one sitemap for both languages (press.sitemaps), robots.txt
    # at the root.
    path("", include("press.sitemaps")),
    # Hero images' renditions, only while their release may be seen (press.renditions).
    path("renditions/", include("press.renditions")),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("favicon.ico", favicon, name="favicon"),
    path(".well-known/security.txt", security_txt, name="security-txt"),
    # The read-only API (api/, docs/api.md): one address for both languages.
    path("api/v1/", include("api.urls")),
]
if settings.OIDC_ENABLED:
    # Staff sign-in with the organisation's accounts (press/oidc.py): /oidc/authenticate/
    # sends them to the identity provider, /oidc/callback/ takes them back.
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

# The footer's statements (denhaag_cms/legal.py), under each language's own address.
LEGAL_PAGES = [
    ("accessibility", pgettext_lazy("url", "accessibility-statement/")),
    ("privacy", pgettext_lazy("url", "privacy-statement/")),
    ("cookies", pgettext_lazy("url", "cookie-statement/")),
    ("contact", pgettext_lazy("url", "contact/")),
    ("colofon", pgettext_lazy("url", "colophon/")),
]

# "/" and other unprefixed addresses are redirected by LocaleMiddleware to the
# reader's language (Accept-Language), Dutch by default.
urlpatterns += i18n_patterns(
    # The press pages first: the article is the address most asked for (press.urls).
    path("", include("press.urls")),
    path("", include("comments.urls")),
    path("", include("alerts.urls")),
    *(path(route, legal_page, {"page": name}, name=name) for name, route in LEGAL_PAGES),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
