"""What the API answers, field by field; also its OpenAPI document's schemas.

Built from the model's own methods (addresses, languages, the hero image's
renditions, the last public change): nothing here decides what is public, the
views hand over only what PressRelease.objects.published() and the city's
memberships let through.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api import body
from api.problems import Problem
from press import images
from press.models import PressRelease
from press.previews import absolute

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def api_url(name: str, pk: int) -> str:
    """An object's absolute address in the API (on SITE_URL: answers are cached for
    everyone)."""
    return absolute(reverse(f"api:{name}", kwargs={"pk": pk}))


class ThemeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(help_text="In the asked language.")
    slug = serializers.CharField(help_text="Its address on the site, in the asked language.")
    url = serializers.SerializerMethodField(help_text="This theme in the API.")
    page_url = serializers.SerializerMethodField(help_text="Its page on the site.")
    releases_url = serializers.SerializerMethodField(help_text="Its releases in the API.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, theme) -> str:
        return api_url("theme-detail", theme.pk)

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, theme) -> str:
        return absolute(theme.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_releases_url(self, theme) -> str:
        return api_url("theme-releases", theme.pk)


class MembershipSerializer(serializers.Serializer):
    city = serializers.CharField(source="city.name")
    joined_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)
    current = serializers.BooleanField(source="is_current")
    announced_where = serializers.CharField()
    notes = serializers.CharField()


class NetworkSerializer(serializers.Serializer):
    """A city network, from the city's membership of it."""

    id = serializers.IntegerField(source="network.pk")
    name = serializers.CharField(source="network.name")
    slug = serializers.CharField(source="network.slug")
    organisation = serializers.CharField(source="network.organisation")
    website = serializers.CharField(source="network.website", help_text="Empty if unknown.")
    description = serializers.CharField(source="network.description")
    founded_in = serializers.IntegerField(source="network.founded_in", allow_null=True)
    membership = MembershipSerializer(source="*", help_text="The city's membership.")
    url = serializers.SerializerMethodField(help_text="This network in the API.")
    page_url = serializers.SerializerMethodField(help_text="Its page on the site.")
    releases_url = serializers.SerializerMethodField(help_text="Its releases in the API.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, membership) -> str:
        return api_url("network-detail", membership.network_id)

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, membership) -> str:
        return absolute(membership.network.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_releases_url(self, membership) -> str:
        return api_url("network-releases", membership.network_id)


class NetworkWithThemesSerializer(NetworkSerializer):
    focus_themes = ThemeSerializer(source="themes", many=True)


class ContactSerializer(serializers.Serializer):
    name = serializers.CharField()
    role = serializers.CharField(help_text="In the asked language.")
    organisation = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()


class LinkSerializer(serializers.Serializer):
    title = serializers.CharField(help_text="In the asked language.")
    url = serializers.CharField()


class AttachmentSerializer(serializers.Serializer):
    title = serializers.CharField(help_text="In the asked language.")
    filename = serializers.CharField(source="download_name")
    content_type = serializers.CharField()
    size = serializers.IntegerField(help_text="In bytes.")
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, attachment) -> str:
        return absolute(attachment.get_absolute_url())


class ChangeNoteSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="In the asked language.")
    noted_at = serializers.DateTimeField()


class RenditionSerializer(serializers.Serializer):
    url = serializers.SerializerMethodField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    content_type = serializers.CharField(source="mime_type")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, rendition) -> str:
        return absolute(rendition.url)


class HeroImageSerializer(serializers.Serializer):
    alt = serializers.CharField(help_text="What it shows, in the asked language.")
    credit = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    renditions = RenditionSerializer(many=True, help_text="Never the uploaded original.")


class SectionSerializer(serializers.Serializer):
    heading = serializers.CharField(allow_null=True, help_text="None before the first one.")
    html = serializers.CharField()


class QuoteSerializer(serializers.Serializer):
    text = serializers.CharField()
    speaker = serializers.CharField(allow_null=True)


class ReleaseTextSerializer(serializers.Serializer):
    """A release's own text in one language."""

    title = serializers.CharField()
    slug = serializers.CharField()
    lead = serializers.CharField()
    body_html = serializers.CharField(help_text="Sanitized HTML.")
    sections = SectionSerializer(many=True, help_text="The body cut at its sub-headings.")
    quotes = QuoteSerializer(many=True)
    page_url = serializers.URLField(help_text="Its canonical page on the site.")


class ReleaseTextsSerializer(serializers.Serializer):
    nl = ReleaseTextSerializer()
    en = ReleaseTextSerializer(required=False, help_text="Absent when it is Dutch only.")


def release_text(release: PressRelease, code: str) -> dict:
    text = getattr(release, f"body_{code}")
    return {
        "title": getattr(release, f"title_{code}"),
        "slug": release.slug_for(code),
        "lead": getattr(release, f"lead_{code}"),
        "body_html": text,
        "sections": body.sections(text),
        "quotes": body.quotes(text),
        "page_url": absolute(release.get_absolute_url(code)),
    }


class ReleaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField(help_text="This release in the API.")
    languages = serializers.SerializerMethodField(help_text="The languages it is written in.")
    dutch_only = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField(source="publish_at")
    revised_at = serializers.DateTimeField(
        allow_null=True, help_text="When its public text last changed after publication."
    )
    modified_at = serializers.DateTimeField(
        source="last_public_change", help_text="The later of published_at and revised_at."
    )
    dateline = serializers.CharField()
    texts = serializers.SerializerMethodField()
    themes = ThemeSerializer(many=True)
    networks = NetworkSerializer(source="city_memberships", many=True)
    contacts = ContactSerializer(many=True, help_text="Press contacts (note to editors).")
    links = LinkSerializer(many=True)
    attachments = AttachmentSerializer(many=True)
    change_notes = ChangeNoteSerializer(many=True, help_text="Public notes, newest first.")
    hero_image = serializers.SerializerMethodField()
    reactions_open = serializers.SerializerMethodField(
        help_text="Whether readers may react under it on the site now."
    )

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, release) -> str:
        return api_url("release-detail", release.pk)

    def get_reactions_open(self, release) -> bool:
        # Its thread (comments.Thread, prefetched), asked as the article page asks it.
        return release.comments_enabled and any(
            thread.is_open() for thread in release.comment_threads.all()
        )

    def get_languages(self, release) -> list[str]:
        return [code for code in LANGUAGE_CODES if release.has_language(code)]

    def get_dutch_only(self, release) -> bool:
        return self.get_languages(release) == [settings.LANGUAGE_CODE]

    @extend_schema_field(ReleaseTextsSerializer)
    def get_texts(self, release) -> dict:
        return {code: release_text(release, code) for code in self.get_languages(release)}

    @extend_schema_field(HeroImageSerializer(allow_null=True))
    def get_hero_image(self, release) -> dict | None:
        if not release.hero_renditions_ready:
            return None
        image = {
            "alt": release.hero_alt,
            "credit": release.hero_credit,
            "width": release.hero_width,
            "height": release.hero_height,
            "renditions": images.renditions(
                release.hero_image, release.hero_width, release.hero_height
            ),
        }
        return HeroImageSerializer(image).data


def page_serializer(item: type[serializers.Serializer], name: str):
    """The envelope of a list: one page of items, the total and the pages around it."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "total": serializers.IntegerField(help_text="How many there are in all."),
            "page": serializers.IntegerField(),
            "pages": serializers.IntegerField(help_text="How many pages there are."),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": item(many=True),
            "__module__": __name__,
        },
    )


ReleasePage = page_serializer(ReleaseSerializer, "ReleasePage")
ThemePage = page_serializer(ThemeSerializer, "ThemePage")
NetworkPage = page_serializer(NetworkWithThemesSerializer, "NetworkPage")


class WithdrawnProblemSerializer(Problem):
    """410: the release was public and has been withdrawn; `detail` is the public
    explanation, in the asked language."""

    withdrawn_at = serializers.DateTimeField(allow_null=True)
