"""A press release: its text in each language, image, state and addresses, and how it
is saved (sanitized body, addresses kept, the image measured) and validated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from press import images, uploads
from press.editor import BODY_EDITOR_EXTENSIONS
from press.models.address import FALLBACK_SLUG_PREFIX, SLUG_TAKEN, ReleaseSlug, address_expression
from press.models.parts import StoredImageField, validate_image_size
from press.models.publication import (
    PressReleaseQuerySet,
    Status,
    public_since,
    validate_publication_moment,
)
from press.models.theme import PressContact, Theme
from press.models.translated import LANGUAGE_CODES, HasLanguages
from press.sanitize import sanitize_html


def city_name() -> str:
    """A new release's dateline: the city's name (CITY_NAME)."""
    return settings.CITY_NAME


class PressRelease(HasLanguages, models.Model):
    Status = Status

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        blank=True,
        help_text=_(
            "The release's web address, filled in from the title. "
            "When you change it, the old address keeps working."
        ),
    )
    lead = models.TextField(
        _("lead"), help_text=_("The opening paragraph: who, what, where, when.")
    )
    body = ProseEditorField(
        _("body"),
        extensions=BODY_EDITOR_EXTENSIONS,
        # Sanitized once, in save() (press.sanitize), whatever writes the release.
        help_text=_(
            "Sections with sub-headings. For a quotation use the quote button: write the "
            "quotation in the quote block and who said it in its speaker field below it."
        ),
    )
    dateline = models.CharField(
        _("dateline"),
        max_length=80,
        default=city_name,
        help_text=_("Where the news comes from."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        db_index=True,
        validators=[validate_publication_moment],
        help_text=_("A moment in the future schedules the release; empty means now."),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    # The last moment the text the public reads changed: set by press.services on
    # publication and on every edit saved while the release is public (a minor fix
    # or one with a public change note). With publish_at it makes the release's
    # last modification (last_public_change): the sitemap's lastmod.
    revised_at = models.DateTimeField(
        _("public text changed at"), null=True, blank=True, editable=False
    )
    withdrawal_notice = models.TextField(
        _("withdrawal notice"),
        blank=True,
        help_text=_("Shown to readers of a withdrawn release: why it was withdrawn."),
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="releases", blank=True
    )
    contacts = models.ManyToManyField(
        PressContact, verbose_name=_("press contacts"), related_name="releases", blank=True
    )
    hero_image = StoredImageField(
        _("image"),
        upload_to=uploads.hero_image_path,
        blank=True,
        validators=[validate_image_size],
        help_text=_(
            "JPEG, PNG or WebP, at most 10 MB. Upload it as large as you have it (at "
            "least 1600 pixels wide is best): readers get smaller versions made from "
            "it, which appear on the page shortly after you save."
        ),
        width_field="hero_width",
        height_field="hero_height",
        formats=images.HERO_FORMATS,
    )
    # The image whose renditions are all made (press.tasks.make_hero_renditions):
    # until it names the current image, pages show no image.
    hero_rendered = models.CharField(
        _("image with renditions"), max_length=100, blank=True, editable=False
    )
    # Kept with the row so that pages and feeds never ask the storage (object
    # storage in production) about the image: width and height are filled in by the
    # ImageField when an image is set, the size by save().
    hero_width = models.PositiveIntegerField(
        _("image width"), null=True, blank=True, editable=False
    )
    hero_height = models.PositiveIntegerField(
        _("image height"), null=True, blank=True, editable=False
    )
    hero_size = models.PositiveBigIntegerField(
        _("image size in bytes"), null=True, blank=True, editable=False
    )
    # The share rendition's size (press.images.share_size), recorded with the
    # renditions: the feeds' enclosure length, without asking the storage.
    hero_share_size = models.PositiveBigIntegerField(
        _("shared image size in bytes"), null=True, blank=True, editable=False
    )
    hero_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for readers who cannot see it. Required with an image."
        ),
    )
    hero_credit = models.CharField(_("image credit"), max_length=120, blank=True)
    comments_enabled = models.BooleanField(
        _("comments enabled"),
        default=True,
        help_text=_("Citizens may react under the release while its thread is open."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Deleting a release deletes its comment thread and reactions.
    comment_threads = GenericRelation("comments.Thread")

    objects = PressReleaseQuerySet.as_manager()

    # Written in a language when all of these are (HasLanguages.has_language).
    text_fields = ("title", "lead", "body")

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        ordering = ["-publish_at", "-pk"]
        permissions = [
            ("publish_pressrelease", _("Can publish, schedule and withdraw press releases")),
        ]
        # One release per address and language, the fall-back to the Dutch slug
        # included: a unique index on the expression "own slug, else the Dutch one".
        # Former addresses (ReleaseSlug, another table) only clean() can check.
        constraints = [
            models.UniqueConstraint(
                address_expression(code),
                name=f"unique_release_address_{code}",
                violation_error_message=SLUG_TAKEN,
            )
            for code in LANGUAGE_CODES
        ]
        indexes = [
            # The public releases in the lists' order: the newsroom's page, its count
            # and its years (publication_years) read this index, not the table, whose
            # rows carry the search document (press/0016) and so grow with the text.
            models.Index(
                fields=["publish_at", "id"],
                name="press_release_public_idx",
                condition=models.Q(status="published"),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    # -- saving ----------------------------------------------------------------

    def save(self, *args, **kwargs) -> None:
        """Derive what the row carries besides what the editor typed, save it, and
        keep the addresses the release had before (they answer with a 301)."""
        self.sanitize_bodies()
        self.fill_in_slugs()
        stored = self.stored_values()
        self.measure_hero_image(stored.get("hero_image"))
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.keep_former_addresses(self.addresses_in(stored) if stored else {})
        self._stored = self.current_values()

    def get_absolute_url(self, language: str | None = None) -> str:
        code = language or translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(code):
            return reverse("press:release-detail", kwargs={"slug": self.slug_for(code)})

    def sanitize_bodies(self) -> None:
        """The body in every language as the page shows it (press.sanitize): done by
        save(), and by a preview of a release that is not saved."""
        for code in LANGUAGE_CODES:
            field = f"body_{code}"
            setattr(self, field, sanitize_html(getattr(self, field, "") or ""))

    def fill_in_slugs(self) -> None:
        """An empty slug is made from the title in its language; a Dutch title without
        letters or digits ("???") gets persbericht-<n> (clean() says so in forms)."""
        for code in LANGUAGE_CODES:
            field = f"slug_{code}"
            if not getattr(self, field, ""):
                title = getattr(self, f"title_{code}", "") or ""
                setattr(self, field, slugify(title)[:200])
        default = f"slug_{settings.LANGUAGE_CODE}"
        if not getattr(self, default, ""):
            setattr(self, default, self._fallback_slug())

    # What save() compares with the row as stored: the slugs and the hero image's name.
    # They are remembered when the row is loaded (from_db) and after every save; only
    # an instance made otherwise (e.g. from a history record) asks the database.
    @classmethod
    def _tracked_fields(cls) -> list[str]:
        return [*cls._slug_fields(), "hero_image"]

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        tracked = set(cls._tracked_fields())
        loaded = {
            name: value
            for name, value in zip(field_names, values, strict=True)
            if name in tracked and value is not models.DEFERRED
        }
        if len(loaded) == len(tracked):
            instance._stored = loaded
        return instance

    def refresh_from_db(self, using=None, fields=None, *args, **kwargs) -> None:
        super().refresh_from_db(using, fields, *args, **kwargs)
        if fields is None or set(self._tracked_fields()) <= set(fields):
            self._stored = self.current_values()
        else:
            self.__dict__.pop("_stored", None)

    def current_values(self) -> dict:
        values = {field: getattr(self, field, "") for field in self._slug_fields()}
        return values | {"hero_image": self.hero_image.name or ""}

    def stored_values(self) -> dict:
        """The tracked fields as the database has them; empty for a new release."""
        if self.pk is None:
            return {}
        stored = self.__dict__.get("_stored")
        if stored is None:
            stored = (
                PressRelease.objects.filter(pk=self.pk).values(*self._tracked_fields()).first()
            ) or {}
        return stored

    @staticmethod
    def addresses_in(values: dict) -> dict[str, str]:
        """{language: slug} of the release with these field values (see slug_for)."""
        default = values.get(f"slug_{settings.LANGUAGE_CODE}") or ""
        return {code: values.get(f"slug_{code}") or default for code in LANGUAGE_CODES}

    def keep_former_addresses(self, previous: dict[str, str]) -> None:
        """A changed slug keeps answering (a ReleaseSlug, 301); a slug that comes back
        into use no longer redirects."""
        current = {code: self.slug_for(code) for code in LANGUAGE_CODES}
        if not previous or previous == current:
            return
        for code, old_slug in previous.items():
            if old_slug and old_slug != current[code]:
                ReleaseSlug.objects.update_or_create(
                    language=code, slug=old_slug, defaults={"release": self}
                )
        for code, slug in current.items():
            ReleaseSlug.objects.filter(language=code, slug=slug).delete()

    @staticmethod
    def _slug_fields() -> list[str]:
        return [f"slug_{code}" for code in LANGUAGE_CODES]

    def _fallback_slug(self) -> str:
        """The first free persbericht-<number>: the address of a release whose title
        gives none. Free: no other release has or had it, in any language."""
        prefix = FALLBACK_SLUG_PREFIX
        taken = set(
            ReleaseSlug.objects.filter(slug__startswith=prefix)
            .exclude(release_id=self.pk)
            .values_list("slug", flat=True)
        )
        others = PressRelease.objects.exclude(pk=self.pk)
        for field in self._slug_fields():
            taken.update(
                others.filter(**{f"{field}__startswith": prefix}).values_list(field, flat=True)
            )
        number = 1
        while f"{prefix}{number}" in taken:
            number += 1
        return f"{prefix}{number}"

    def measure_hero_image(self, previous_name: str | None) -> None:
        """Store the hero image's size in bytes when the image is new or replaced
        (a new upload's size is known without asking the storage)."""
        image = self.hero_image
        if not image:
            self.hero_size = None
        elif self.hero_size is None or image.name != previous_name:
            try:
                self.hero_size = image.size
            except (OSError, NotImplementedError):
                self.hero_size = None

    # -- image -----------------------------------------------------------------

    @property
    def hero_renditions_ready(self) -> bool:
        return bool(self.hero_image) and self.hero_rendered == self.hero_image.name

    @cached_property
    def hero_picture(self) -> images.Picture | None:
        """The hero image's renditions as readers get them, once they are made (never
        the original); None without an image."""
        return self.hero_picture_at(
            lambda name: reverse("press-media:rendition", kwargs={"pk": self.pk, "name": name})
        )

    def hero_picture_at(self, address: Callable[[str], str]) -> images.Picture | None:
        """hero_picture with each rendition at `address(its file name)` (a share link
        has addresses of its own)."""
        if not self.hero_renditions_ready:
            return None
        return images.picture(self.hero_image, self.hero_width, self.hero_height, address)

    # -- state -----------------------------------------------------------------

    def is_published(self) -> bool:
        since = public_since(self.status, self.publish_at)
        return since is not None and since <= timezone.now()

    is_published.boolean = True  # type: ignore[attr-defined]
    is_published.short_description = _("public")  # type: ignore[attr-defined]

    def is_public(self) -> bool:
        """The hook the comments app asks (comments.models.owner_is_public): its thread
        and every comment page answer 404 unless the release is published."""
        return self.is_published()

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def last_public_change(self) -> dt.datetime | None:
        """When what the public reads last changed: its publication, or a later edit
        saved while it was public (with or without a change note). The sitemap's
        lastmod; in SQL: last_public_change()."""
        moments = [m for m in (self.publish_at, self.revised_at) if m is not None]
        return max(moments, default=None)

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    @property
    def has_english(self) -> bool:
        return self.has_language("en")

    # -- addresses ---------------------------------------------------------------

    def slug_for(self, code: str) -> str:
        return getattr(self, f"slug_{code}", "") or self.slug_nl

    def get_preview_url(self, language: str | None = None) -> str:
        """The staff preview of the stored release, in `language` (default: current)."""
        code = language or translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(code):
            return reverse("press:release-preview", kwargs={"pk": self.pk})

    # -- validation --------------------------------------------------------------

    def address_taken(self, code: str, slug: str) -> bool:
        """Whether another release answers at `slug` in language `code` (its own slug
        there, or its Dutch one when it has none: by_slug), or had it (ReleaseSlug)."""
        others = PressRelease.objects.exclude(pk=self.pk)
        return (
            others.by_slug(code, slug).exists()
            or ReleaseSlug.objects.filter(language=code, slug=slug)
            .exclude(release_id=self.pk)
            .exists()
        )

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.hero_image and not self.hero_alt_nl:
            errors.setdefault("hero_alt_nl", []).append(
                _("Describe the image for readers who cannot see it.")
            )
        # The address in each language as save() and slug_for() will make it: the
        # language's own slug (or its title's), else the Dutch one.
        own = {
            code: getattr(self, f"slug_{code}", "")
            or slugify(getattr(self, f"title_{code}", "") or "")
            for code in LANGUAGE_CODES
        }
        dutch = own[settings.LANGUAGE_CODE]
        for code in LANGUAGE_CODES:
            slug = own[code] or dutch
            if not slug:
                title = getattr(self, f"title_{code}", "") or ""
                if code == settings.LANGUAGE_CODE and title.strip():
                    errors.setdefault(f"slug_{code}", []).append(
                        _(
                            "Give the release a title with letters or digits, "
                            "or fill in the address (slug)."
                        )
                    )
                continue
            if not self.address_taken(code, slug):
                continue
            if own[code]:
                field, message = f"slug_{code}", SLUG_TAKEN
            else:
                # Its Dutch address is its address in this language too.
                field = f"slug_{settings.LANGUAGE_CODE}"
                message = _(
                    "The release has no address of its own in %(language)s, so it uses "
                    "its Dutch address there too, and another press release already uses "
                    "that address in %(language)s. Choose another address, or fill in the "
                    "address in %(language)s."
                ) % {"language": dict(settings.LANGUAGES)[code]}
            if message not in errors.get(field, []):
                errors.setdefault(field, []).append(message)
        if errors:
            raise ValidationError(errors)


def _contact_row_str(row) -> str:
    return str(row.presscontact)


# Django creates the model behind ``PressRelease.contacts``; its rows appear in the
# admin's contacts inline, named by the contact rather than "PressRelease_contacts
# object (15)". (Only __str__: its fields are mirrored by the history's model.)
PressRelease.contacts.through.__str__ = _contact_row_str
