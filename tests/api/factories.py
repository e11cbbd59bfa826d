"""A newsroom with something of every kind the API shows, and releases in every
state beside the public ones."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from press.models import ChangeNote
from tests.conftest import (
    make_attachment,
    make_city,
    make_contact,
    make_image,
    make_link,
    make_membership,
    make_network,
    make_release,
    make_theme,
    with_renditions,
)


def make_newsroom() -> dict:
    """A public release with all its parts (theme, contact, link, attachment, change
    note, hero image with renditions, a city network), a Dutch-only one, and a
    theme and network with no public release."""
    theme = make_theme("Kustverdediging", "Coastal defence")
    full = make_release(
        "Zandmotor groeit",
        publish_at=timezone.now() - dt.timedelta(days=2),
        hero_image=make_image(),
        hero_alt_nl="Duinen bij Kijkduin",
        hero_alt_en="Dunes at Kijkduin",
        hero_credit="Gemeente Den Haag",
        body_nl=(
            "<p>Vooraf.</p><h2>Zand</h2><p>Meer zand.</p>"
            '<figure class="quote"><blockquote><p>‘Goed nieuws’,</p></blockquote>'
            "<figcaption>aldus de wethouder.</figcaption></figure>"
        ),
    )
    full = with_renditions(full)
    full.themes.add(theme)
    full.contacts.add(make_contact("Anna de Vries"))
    make_link(full, "Meer informatie", url="https://example.org/zandmotor")
    make_attachment(full, "Factsheet")
    ChangeNote.objects.create(
        release=full, text_nl="Cijfers bijgewerkt.", text_en="Figures updated.",
        noted_at=timezone.now() - dt.timedelta(days=1),
    )  # fmt: skip
    network = make_network("100 Resilient Cities")
    membership = make_membership(make_city(), network)
    membership.releases.add(full)
    membership.themes.add(theme)
    dutch_only = make_release("Alleen in het Nederlands", english=False)
    return {
        "full": full,
        "dutch_only": dutch_only,
        "theme": theme,
        "empty_theme": make_theme("Verkeer", "Traffic"),
        "network": network,
        "other_network": make_network("Elders"),  # the city is no member
    }
