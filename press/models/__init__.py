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
    "PressContact",
    "PressRelease",
    "RelatedLink",
    "ReleaseSlug",
    "Theme",
]
