"""The site's URLs as with OIDC_RP_CLIENT_ID set (denhaag_cms/urls.py adds these then)."""

from django.urls import include, path

from denhaag_cms.urls import *  # noqa: F403
from denhaag_cms.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("oidc/", include("mozilla_django_oidc.urls")), *site_urlpatterns]
