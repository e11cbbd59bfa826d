from press.models.address import ReleaseSlug
from press.models.changenote import ChangeNote
from press.models.network import City, CityNetwork, Membership
from press.models.parts import Attachment, RelatedLink
from press.models.release import PressRelease
from press.models.sharelink import ShareLink
from press.models.theme import PressContact, Theme

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
