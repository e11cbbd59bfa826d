"""The editors' admin: writing, reviewing, scheduling and publishing releases.

One module per admin family; importing them registers them with the admin site.
"""

from press.admin import networks, releases, themes_contacts

__all__ = ["networks", "releases", "themes_contacts"]
