"""One authentication backend: django-axes' lockout check, then Django's ModelBackend.

axes' own AxesBackend only checks the lockout and needs ModelBackend after it; two
backends would make ``User.objects.with_perm()`` (the moderators' mail) ask for a
``backend`` argument. This one class does both, in that order.
"""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend


class ThrottledModelBackend(AxesStandaloneBackend, ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        # Raises AxesBackendPermissionDenied while the user name or address is locked
        # out; django.contrib.auth.authenticate() turns that into a failed login.
        AxesStandaloneBackend.authenticate(
            self, request, username=username, password=password, **kwargs
        )
        return ModelBackend.authenticate(
            self, request, username=username, password=password, **kwargs
        )
