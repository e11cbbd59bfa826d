"""Which fields are written in Dutch and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from press.models import (
    Attachment,
    ChangeNote,
    City,
    CityNetwork,
    Membership,
    PressContact,
    PressRelease,
    RelatedLink,
    Theme,
)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "slug")
    required_languages = ("nl", "en")


@register(PressRelease)
class PressReleaseTranslation(TranslationOptions):
    fields = ("title", "slug", "lead", "body", "hero_alt", "withdrawal_notice")
    required_languages = {"nl": ("title", "lead", "body")}


@register(PressContact)
class PressContactTranslation(TranslationOptions):
    fields = ("role",)


@register(RelatedLink)
class RelatedLinkTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("nl",)


@register(Attachment)
class AttachmentTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("nl",)


@register(CityNetwork)
class CityNetworkTranslation(TranslationOptions):
    fields = ("description",)


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("name", "country")
    required_languages = ("nl",)


@register(Membership)
class MembershipTranslation(TranslationOptions):
    fields = ("announced_where", "notes")


@register(ChangeNote)
class ChangeNoteTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("nl",)


# History is registered here, after the translation fields exist, so that every
# language's text is kept in it (django-simple-history's documented way to combine
# the two).
register_history(
    PressRelease,
    app="press",
    m2m_fields=["themes", "contacts"],
)
