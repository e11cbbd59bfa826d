"""Press releases and what hangs off them: themes, contacts, links, attachments."""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connections, models, transaction
from django.db.models.functions import Coalesce, Greatest, NullIf
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from imagefield.fields import ImageField as RenditionImageField

from denhaag_cms.pagecache import WatchedQuerySet
from press import images, uploads
from press.editor import BODY_EDITOR_EXTENSIONS
from press.models.translated import LANGUAGE_CODES, HasLanguages, untranslated_q
from press.sanitize import sanitize_html

ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024
IMAGE_MAX_BYTES = 10 * 1024 * 1024
# The address of a release whose title has no letters or digits: persbericht-1, -2 …
FALLBACK_SLUG_PREFIX = "persbericht-"
SLUG_TAKEN = _("Another press release already uses this address.")


def address_expression(code: str) -> models.Func:
    """A release's address in language `code` in SQL: its own slug there, or its Dutch
    slug when it has none (PressRelease.slug_for, PressReleaseQuerySet.by_slug)."""
    dutch = models.F(f"slug_{settings.LANGUAGE_CODE}")
    if code == settings.LANGUAGE_CODE:
        return dutch
    return Coalesce(
        NullIf(models.F(f"slug_{code}"), models.Value(""), output_field=models.SlugField()),
        dutch,
        output_field=models.SlugField(),
    )


# The size validators look at new uploads only: a file already in the storage was
# checked when it came, and asking the storage (object storage: a request) on every
# save would fail the form when that file has gone missing.


def validate_attachment_size(file) -> None:
    if not uploads.is_stored(file) and file.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("A file may be at most 25 MB."))


def validate_image_size(file) -> None:
    if not uploads.is_stored(file) and file.size > IMAGE_MAX_BYTES:
        raise ValidationError(_("An image may be at most 10 MB."))


class StoredImageField(RenditionImageField):
    """An ImageField that takes a stored image's width and height from their columns
    only: the image itself is read for a new image, never when a row is loaded.

    A django-imagefield ImageField: its `formats` are the renditions readers get
    (press.images); `fieldfile.<format key>` is a rendition's address.

    Django's ImageField reads the image whenever a loaded row's width or height is
    empty (an image it could not measure, or one gone from the storage), which would
    make every list of releases read that image, or fail on it.
    """

    def formfield(self, **kwargs):
        # Checked by its bytes and re-encoded without metadata (press.uploads); the
        # admin's plain file input (no preview rendered from the original).
        return models.ImageField.formfield(
            self, **{"form_class": uploads.CleanImageField, **kwargs}
        )

    def deconstruct(self):
        # The migrations know this class, not django-imagefield's plain ImageField.
        return models.ImageField.deconstruct(self)

    def update_dimension_fields(self, instance, force=False, *args, **kwargs) -> None:
        # Without force this runs once, when the instance is made (post_init); a row
        # loaded from the database then holds the stored image's name as a plain str.
        if not force and isinstance(instance.__dict__.get(self.attname), str):
            return
        try:
            super().update_dimension_fields(instance, force, *args, **kwargs)
        except OSError:
            # A stored image assigned again (a history revert) that is gone from the
            # storage: its row keeps the dimensions; the admin clears such an image.
            if not uploads.is_stored(getattr(instance, self.attname)):
                raise


class AttachmentFileField(models.FileField):
    """A FileField whose form field sniffs the upload (press.uploads)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": uploads.AttachmentFileField, **kwargs})


class ThemeQuerySet(WatchedQuerySet):
    def by_slug_in_any_language(self, slug: str) -> ThemeQuerySet:
        """Themes whose address is `slug` in some language (to redirect readers who
        follow a theme's address in the other language)."""
        query = models.Q()
        for code in LANGUAGE_CODES:
            query |= models.Q(**{f"slug_{code}": slug})
        return self.filter(query)

    def of_releases(self, releases) -> ThemeQuerySet:
        """The themes of these releases, in the themes' order: a theme once for every
        one of them it belongs to, with that release's pk as `release_pk`."""
        return self.filter(releases__in=releases).annotate(release_pk=models.F("releases"))


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, help_text=_("The theme's web address."))

    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("press:theme-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = {}
        for code in LANGUAGE_CODES:
            field = f"slug_{code}"
            value = getattr(self, field, "")
            if value and Theme.objects.exclude(pk=self.pk).filter(**{field: value}).exists():
                errors[field] = _("Another theme already uses this address.")
        if errors:
            raise ValidationError(errors)


class PressContact(models.Model):
    """A spokesperson named under "Noot voor de redactie"."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=160, blank=True)
    organisation = models.CharField(
        _("organisation"), max_length=160, blank=True, default="Gemeente Den Haag"
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    objects = WatchedQuerySet.as_manager()

    class Meta:
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


class PressReleaseQuerySet(WatchedQuerySet):
    def published(self) -> PressReleaseQuerySet:
        """What the public may see: published, and its moment has come."""
        return self.filter(_published_q(timezone.now()))

    def in_review(self) -> PressReleaseQuerySet:
        """Waiting for a chief editor, the longest waiting first."""
        return self.filter(status=PressRelease.Status.REVIEW).order_by("updated_at", "pk")

    def scheduled(self) -> PressReleaseQuerySet:
        """Published with a moment still to come, the next one first."""
        return self.filter(
            status=PressRelease.Status.PUBLISHED, publish_at__gt=timezone.now()
        ).order_by("publish_at", "pk")

    def public_or_gone(self, now: dt.datetime | None = None) -> PressReleaseQuerySet:
        """Published ones plus withdrawn ones (which answer 410, not 404).

        A withdrawn release counts only if it was public before it was withdrawn: a
        scheduled release withdrawn before its embargo stays unknown (404), its title
        never shown, also after the moment it would have appeared.
        """
        now = now or timezone.now()
        # One filter, not published() | filter(…): combining querysets costs an
        # article request more Python than its database work.
        return self.filter(
            _published_q(now)
            | models.Q(
                models.Q(withdrawn_at__isnull=True)
                | models.Q(withdrawn_at__gte=models.F("publish_at")),
                status=PressRelease.Status.WITHDRAWN,
                publish_at__lte=now,
            )
        )

    def by_slug(self, code: str, slug: str) -> PressReleaseQuerySet:
        """Releases at address `slug` in language `code`; a release without a slug in
        that language is at its Dutch address (see PressRelease.slug_for)."""
        return self.filter(_slug_q(code, slug))

    def at_address(self, code: str, slug: str) -> PressReleaseQuerySet:
        """Releases at address `slug` in language `code`, now or formerly (a former
        address redirects): one query for both, instead of a second lookup.

        The releases at either address are found by the addresses' indexes first
        (a union of keys), then checked against this queryset's conditions: written
        as one condition with OR EXISTS, the lookup went through every release (at
        2,000 releases 3.7 ms instead of 0.1; README "Speed")."""
        current = PressRelease.objects.filter(_slug_q(code, slug)).order_by().values("pk")
        former = ReleaseSlug.objects.filter(language=code, slug=slug).order_by().values("release")
        return self.filter(pk__in=current.union(former))

    def from_year(self, year: int) -> PressReleaseQuerySet:
        """Releases published in `year` (Amsterdam time).

        Years at or beyond the ends of Python's dates (1 and 9999 included: their
        bounds in Amsterdam time fall outside them in UTC) hold no releases; the
        lookup itself would raise ValueError or OverflowError.
        """
        if not dt.MINYEAR < year < dt.MAXYEAR:
            return self.none()
        return self.filter(publish_at__year=year)

    def publication_years(self) -> list[int]:
        """The years (in the current time zone) these releases were published in,
        the latest first.

        On PostgreSQL one query that steps from year to year down the index on
        publish_at (a loose index scan: one index probe per year, not a row per
        release, so its cost does not grow with the archive); elsewhere DISTINCT
        over the rows (Django's dates())."""
        releases = self.order_by()
        if connections[self.db].vendor != "postgresql":
            return [day.year for day in releases.dates("publish_at", "year", "DESC")]
        try:
            sql, params = releases.values("publish_at").query.sql_with_params()
        except EmptyResultSet:  # .none(), or a filter nothing can match
            return []
        zone = timezone.get_current_timezone_name()
        year_of_latest = "EXTRACT(YEAR FROM MAX(r.publish_at) AT TIME ZONE %s)::integer"
        query = f"""
            WITH RECURSIVE years(year) AS (
                SELECT {year_of_latest} FROM ({sql}) r
                UNION ALL
                SELECT (
                    SELECT {year_of_latest} FROM ({sql}) r
                    WHERE r.publish_at < make_timestamptz(years.year, 1, 1, 0, 0, 0, %s)
                ) FROM years WHERE years.year IS NOT NULL
            )
            SELECT year FROM years WHERE year IS NOT NULL"""
        with connections[self.db].cursor() as cursor:
            cursor.execute(query, (zone, *params, zone, *params, zone))
            return [year for (year,) in cursor.fetchall()]

    def for_listing(self) -> PressReleaseQuerySet:
        """For the lists: newest first, with the themes each card shows."""
        return self.prefetch_related("themes").order_by("-publish_at", "-pk")

    def search(self, query: str, language: str | None = None) -> PressReleaseQuerySet:
        """Releases matching every word of the query, in any language, the best first;
        each with a `search_snippet` in `language` (see press/search.py)."""
        from press.search import search

        return search(self, query, language)

    def missing_english(self) -> PressReleaseQuerySet:
        return self.filter(untranslated_q("en"))


def last_public_change(prefix: str = "") -> Greatest:
    """SQL for PressRelease.last_public_change (`prefix`: a relation to releases,
    e.g. "releases__"): the later of its publication and its last public revision."""
    published = models.F(f"{prefix}publish_at")
    return Greatest(published, Coalesce(models.F(f"{prefix}revised_at"), published))


def public_since(status: str, publish_at: dt.datetime | None) -> dt.datetime | None:
    """The one rule of "public", for a release or a version of it in its history: a
    published one is public from its publication moment on, any other never (None).
    PressRelease.is_published() and press.history ask it; _published_q is the same
    rule in SQL, for the querysets."""
    if status == PressRelease.Status.PUBLISHED and publish_at is not None:
        return publish_at
    return None


def _published_q(now: dt.datetime) -> models.Q:
    return models.Q(status=PressRelease.Status.PUBLISHED, publish_at__lte=now)


def _slug_q(code: str, slug: str) -> models.Q:
    own = f"slug_{code}"
    without_own = models.Q(**{own: ""}) | models.Q(**{f"{own}__isnull": True})
    return models.Q(**{own: slug}) | (
        without_own & models.Q(**{f"slug_{settings.LANGUAGE_CODE}": slug})
    )


# Publication moments the site can store and compute with: Python's dates end at
# the years 1 and 9999, and a moment near either end leaves them once converted to
# UTC (saving) or moved on by a thread's days open (a 500 for the editor).
EARLIEST_PUBLICATION = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
LATEST_PUBLICATION = dt.datetime(3000, 1, 1, tzinfo=dt.UTC)


def validate_publication_moment(value: dt.datetime) -> None:
    if not EARLIEST_PUBLICATION <= value < LATEST_PUBLICATION:
        raise ValidationError(
            _("Choose a publication date from the year 1900 up to the year 2999."),
            code="out_of_range",
        )


class PressRelease(HasLanguages, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

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
        _("dateline"), max_length=80, default="Den Haag", help_text=_("Where the news comes from.")
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
        if not self.hero_renditions_ready:
            return None
        return images.picture(self.hero_image, self.hero_width, self.hero_height)

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


class ReleaseSlug(models.Model):
    """An address a release had before its slug changed: it answers with a 301."""

    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="old_slugs")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    slug = models.SlugField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WatchedQuerySet.as_manager()

    class Meta:
        verbose_name = _("former address")
        verbose_name_plural = _("former addresses")
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="unique_old_slug")
        ]

    def __str__(self) -> str:
        return f"/{self.language}/…/{self.slug}/"


class RelatedLink(models.Model):
    release = models.ForeignKey(
        PressRelease, on_delete=models.CASCADE, related_name="links", verbose_name=_("release")
    )
    title = models.CharField(_("link text"), max_length=200)
    url = models.URLField(_("web address"), max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = WatchedQuerySet.as_manager()

    class Meta:
        verbose_name = _("related link")
        verbose_name_plural = _("related links ('Zie voor meer informatie')")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Attachment(models.Model):
    release = models.ForeignKey(
        PressRelease,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("release"),
    )
    title = models.CharField(_("title"), max_length=200)
    # Stored under a random name (press.uploads.attachment_path) and served by
    # press.views.attachment_download, which checks that the release is public.
    file = AttachmentFileField(
        _("file"),
        upload_to=uploads.attachment_path,
        validators=[validate_attachment_size],
        help_text=_(
            "PDF, Office or OpenDocument, JPEG or PNG, ZIP, plain text or CSV; at most 25 MB."
        ),
    )
    filename = models.CharField(
        _("file name"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("The uploaded file's name, given to whoever downloads it."),
    )
    content_type = models.CharField(_("content type"), max_length=120, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = WatchedQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        new_upload = bool(self.file) and not uploads.is_stored(self.file)
        if new_upload or (self.file and not self.content_type):
            # What it is, by its bytes: a new upload, or a file stored by a script
            # (``file.save(…)`` before the row) that nobody sniffed yet.
            try:
                kind = uploads.sniff_attachment(self.file)
                self.content_type = kind.content_type
            except ValidationError:  # not through the form (a script): served as bytes
                self.content_type = "application/octet-stream"
        if new_upload:
            # The name it came with (its stored name will be random).
            self.filename = uploads.readable_name(
                self.file.name, self.file.name.rsplit(".", 1)[-1] if "." in self.file.name else ""
            ).rstrip(".")
        if self.file:
            try:
                self.size = self.file.size
            except OSError:
                pass
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(
            "press:attachment-download", kwargs={"pk": self.pk, "filename": self.download_name}
        )

    @property
    def download_name(self) -> str:
        return self.filename or self.file.name.rsplit("/", 1)[-1]

    @property
    def extension(self) -> str:
        name = self.download_name
        return name.rsplit(".", 1)[-1].upper() if "." in name else ""
