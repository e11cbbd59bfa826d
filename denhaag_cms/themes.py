"""NL Design System themes: one organisation's design tokens over the shared component
CSS, chosen by settings.SITE_THEME.

A theme is a tokens stylesheet (static/nlds/tokens/, copied from the organisation's npm
package by scripts/update-nlds) and the class on <body> its custom properties hang
from. Another organisation's theme is its package in scripts/nlds/package.json, one
line in scripts/update-nlds and one line here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.checks import Error, Tags, register


@dataclass(frozen=True)
class Theme:
    tokens: str  # static path of the tokens stylesheet
    body_class: str


THEMES: dict[str, Theme] = {
    "denhaag": Theme("nlds/tokens/denhaag.css", "denhaag-theme"),
    "utrecht": Theme("nlds/tokens/utrecht.css", "utrecht-theme"),
    "rijkshuisstijl": Theme("nlds/tokens/rijkshuisstijl.css", "rhc-theme"),
    "voorbeeld": Theme("nlds/tokens/voorbeeld.css", "voorbeeld-theme"),
}
# Tokens whose licence reserves all rights: not in the repository, fetched on the
# machine of a city that may use them (`scripts/update-nlds --all`).
NOT_REDISTRIBUTED = {"utrecht", "rijkshuisstijl"}


def current_theme() -> Theme:
    return THEMES[settings.SITE_THEME]


@register(Tags.templates)
def check_theme(app_configs=None, **kwargs) -> list[Error]:
    """An unknown theme or a missing tokens file would leave every page unstyled."""
    name = settings.SITE_THEME
    if name not in THEMES:
        return [
            Error(
                f"SITE_THEME={name!r} is not a known theme.",
                hint=f"Choose one of: {', '.join(THEMES)} (denhaag_cms/themes.py).",
                id="denhaag_cms.E010",
            )
        ]
    if not finders.find(THEMES[name].tokens):
        hint = "Run scripts/update-nlds"
        if name in NOT_REDISTRIBUTED:
            hint += " --all (these tokens are not redistributed with the project)"
        return [
            Error(
                f"The tokens of SITE_THEME={name!r} ({THEMES[name].tokens}) are missing.",
                hint=hint + ".",
                id="denhaag_cms.E011",
            )
        ]
    return []
