"""The project's roles: groups with exactly these permissions, made on migrate.

Permissions are named as "app_label.codename"; the comments app's are named here
too (as strings) so that one table says who may do what.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

EDITORS = "Editors"
CHIEF_EDITORS = "Chief editors"
MODERATORS = "Moderators"
PRESS_OFFICE = "Press office"

_EDITOR_PERMISSIONS = [
    "press.view_pressrelease",
    "press.add_pressrelease",
    "press.change_pressrelease",
    "press.view_historicalpressrelease",
    "press.view_theme",
    "press.add_theme",
    "press.change_theme",
    "press.view_presscontact",
    "press.add_presscontact",
    "press.change_presscontact",
    "press.view_relatedlink",
    "press.add_relatedlink",
    "press.change_relatedlink",
    "press.delete_relatedlink",
    "press.view_attachment",
    "press.add_attachment",
    "press.change_attachment",
    "press.delete_attachment",
    "press.view_citynetwork",
    "press.add_citynetwork",
    "press.change_citynetwork",
    "press.view_city",
    "press.add_city",
    "press.change_city",
    "press.view_membership",
    "press.add_membership",
    "press.change_membership",
    "press.delete_membership",
]

ROLES: dict[str, list[str]] = {
    EDITORS: _EDITOR_PERMISSIONS,
    CHIEF_EDITORS: [
        *_EDITOR_PERMISSIONS,
        "press.publish_pressrelease",
        "press.delete_pressrelease",
        "press.delete_theme",
        "press.delete_presscontact",
        "press.delete_citynetwork",
        "press.delete_city",
        # The alerts' subscribers: how many, which themes; never their addresses.
        "alerts.view_subscriber",
    ],
    MODERATORS: [
        "comments.view_thread",
        "comments.change_thread",
        "comments.close_thread",
        "comments.view_comment",
        "comments.change_comment",
        "comments.moderate_comment",
        "comments.view_blockedword",
        "comments.add_blockedword",
        "comments.change_blockedword",
        "comments.delete_blockedword",
    ],
    # The press office keeps the press list and answers subscribers' requests about
    # their data: the only role that sees (and may delete) subscribers' addresses.
    PRESS_OFFICE: [
        "alerts.view_subscriber",
        "alerts.delete_subscriber",
        "alerts.view_address",
        "alerts.view_presslistcontact",
        "alerts.add_presslistcontact",
        "alerts.change_presslistcontact",
        "alerts.delete_presslistcontact",
    ],
}


def permissions_for(names: list[str]) -> list[Permission]:
    query = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".", 1)
        query |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(query))


def ensure_roles(sender=None, using: str = "default", **kwargs) -> None:
    """Create the role groups and give each exactly its permissions.

    Runs after every migrate; permissions of apps not yet migrated are added on a
    later run (post_migrate fires once per app, after that app's permissions exist).
    """
    for group_name, names in ROLES.items():
        group, _created = Group.objects.using(using).get_or_create(name=group_name)
        group.permissions.set(permissions_for(names))
