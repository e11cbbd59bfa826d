from press.models.changenote import ChangeNote
from press.models.network import City, CityNetwork, Membership
from press.models.release import (
    Attachment,
    PressContact,
    PressRelease,
    RelatedLink,
    ReleaseSlug,
    Theme,
)
from press.models.sharelink import ShareLink

__all__ = [
    "Attachment",
    "ChangeNote",
    "City",
    "CityNetwork",
    "Membership",
    "PressContact",
    "PressRelease",
    "RelatedLink",
    "ReleaseSlug",
    "ShareLink",
    "Theme",
]
