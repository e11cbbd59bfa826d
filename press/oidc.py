"""Staff sign-in with the organisation's own accounts over OpenID Connect
(mozilla-django-oidc), on when settings.OIDC_ENABLED (OIDC_RP_CLIENT_ID is set).

At every sign-in the identity provider's groups claim decides the person's roles
(press/roles.py, mapped by settings.OIDC_ROLE_GROUPS): roles are added and taken away
so that someone removed from a group at the provider loses that role at the next
sign-in; groups that are not roles are left alone. is_staff follows: a person with a
role may use the admin, one without may not (a superuser keeps it). A person with no
role gets no account.

One backend does both kinds of sign-in: with a second backend beside the password
one, ``User.objects.with_perm()`` (the moderators' mail) would need to be told which.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from denhaag_cms.backends import ThrottledModelBackend
from press.roles import ROLES


def role_groups() -> dict[str, str]:
    """Provider group → role name; by default each role's own name."""
    mapping = settings.OIDC_ROLE_GROUPS or {role: role for role in ROLES}
    return {group: role for group, role in mapping.items() if role in ROLES}


def roles_from_claims(claims: dict) -> set[str]:
    groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(groups, str):
        groups = [groups]
    mapping = role_groups()
    return {mapping[group] for group in groups if group in mapping}


class OrganisationAccountBackend(OIDCAuthenticationBackend, ThrottledModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None or password is not None:
            return ThrottledModelBackend.authenticate(
                self, request, username=username, password=password, **kwargs
            )
        return OIDCAuthenticationBackend.authenticate(self, request, **kwargs)

    def _username(self, claims: dict) -> str:
        return claims.get(settings.OIDC_USERNAME_CLAIM) or claims.get("email") or ""

    def filter_users_by_claims(self, claims: dict):
        username = self._username(claims)
        if not username:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(username__iexact=username)

    def verify_claims(self, claims: dict) -> bool:
        """An account name is needed; and a role, unless the account exists already
        (then it is signed in to have its roles taken away, and is refused by the
        admin for want of is_staff)."""
        if not self._username(claims):
            return False
        return bool(roles_from_claims(claims)) or self.filter_users_by_claims(claims).exists()

    def create_user(self, claims: dict):
        user = self.UserModel.objects.create_user(self._username(claims))
        user.set_unusable_password()  # the provider's account signs in, never a password
        return self.update_user(user, claims)

    def update_user(self, user, claims: dict):
        user.email = claims.get("email", user.email) or ""
        user.first_name = claims.get("given_name", user.first_name) or ""
        user.last_name = claims.get("family_name", user.last_name) or ""
        roles = roles_from_claims(claims)
        user.is_staff = bool(roles) or user.is_superuser
        user.save()
        kept = user.groups.exclude(name__in=ROLES)
        user.groups.set([*kept, *Group.objects.filter(name__in=roles)])
        return user
