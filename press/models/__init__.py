from press.models.network import City, CityNetwork, Membership
from press.models.release import (
    Attachment,
    PressContact,
    PressRelease,
    RelatedLink,
    ReleaseSlug,
    Theme,
)

__all__ = [
    "Attachment",
    "City",
    "CityNetwork",
    "Membership",
    "PressContact",
    "PressRelease",
    "RelatedLink",
    "ReleaseSlug",
    "Theme",
]
