"""Press releases and what hangs off them: themes, contacts, links, attachments."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.core.exceptions import ValidationError
from django.db import connections, models, transaction
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat, NullIf, Replace
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from press import uploads
from press.sanitize import sanitize_html

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

# What the body editor offers; press.sanitize enforces the same on save.
BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "HardBreak": True,
    "History": True,
}

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
    if not getattr(file, "_committed", False) and file.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("A file may be at most 25 MB."))


def validate_image_size(file) -> None:
    if not getattr(file, "_committed", False) and file.size > IMAGE_MAX_BYTES:
        raise ValidationError(_("An image may be at most 10 MB."))


class StoredImageField(models.ImageField):
    """An ImageField that takes a stored image's width and height from their columns
    only: the image itself is read for a new image, never when a row is loaded.

    Django's ImageField reads the image whenever a loaded row's width or height is
    empty (an image it could not measure, or one gone from the storage), which would
    make every list of releases read that image, or fail on it.
    """

    def formfield(self, **kwargs):
        # Checked by its bytes and re-encoded without metadata (press.uploads).
        return super().formfield(**{"form_class": uploads.CleanImageField, **kwargs})

    def update_dimension_fields(self, instance, force=False, *args, **kwargs) -> None:
        if not force and self.attname in instance.__dict__:
            file = getattr(instance, self.attname)
            if file and file._committed:  # already in the storage: loaded, not new
                return
        try:
            super().update_dimension_fields(instance, force, *args, **kwargs)
        except OSError:
            # A stored image assigned again (a history revert) that is gone from the
            # storage: its row keeps the dimensions; the admin clears such an image.
            if not getattr(instance, self.attname)._committed:
                raise


class AttachmentFileField(models.FileField):
    """A FileField whose form field sniffs the upload (press.uploads)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": uploads.AttachmentFileField, **kwargs})


class ThemeQuerySet(models.QuerySet):
    def by_slug_in_any_language(self, slug: str) -> ThemeQuerySet:
        """Themes whose address is `slug` in some language (to redirect readers who
        follow a theme's address in the other language)."""
        query = models.Q()
        for code in LANGUAGE_CODES:
            query |= models.Q(**{f"slug_{code}": slug})
        return self.filter(query)


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

    class Meta:
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


class PressReleaseQuerySet(models.QuerySet):
    def published(self) -> PressReleaseQuerySet:
        """What the public may see: published, and its moment has come."""
        return self.filter(status=PressRelease.Status.PUBLISHED, publish_at__lte=timezone.now())

    def in_review(self) -> PressReleaseQuerySet:
        """Waiting for a chief editor, the longest waiting first."""
        return self.filter(status=PressRelease.Status.REVIEW).order_by("updated_at", "pk")

    def scheduled(self) -> PressReleaseQuerySet:
        """Published with a moment still to come, the next one first."""
        return self.filter(
            status=PressRelease.Status.PUBLISHED, publish_at__gt=timezone.now()
        ).order_by("publish_at", "pk")

    def public_or_gone(self) -> PressReleaseQuerySet:
        """Published ones plus withdrawn ones (which answer 410, not 404).

        A withdrawn release counts only if it was public before it was withdrawn: a
        scheduled release withdrawn before its embargo stays unknown (404), its title
        never shown, also after the moment it would have appeared.
        """
        return self.published() | self.filter(
            models.Q(withdrawn_at__isnull=True)
            | models.Q(withdrawn_at__gte=models.F("publish_at")),
            status=PressRelease.Status.WITHDRAWN,
            publish_at__lte=timezone.now(),
        )

    def by_slug(self, code: str, slug: str) -> PressReleaseQuerySet:
        """Releases at address `slug` in language `code`; a release without a slug in
        that language is at its Dutch address (see PressRelease.slug_for)."""
        own = f"slug_{code}"
        without_own = models.Q(**{own: ""}) | models.Q(**{f"{own}__isnull": True})
        return self.filter(
            models.Q(**{own: slug})
            | (without_own & models.Q(**{f"slug_{settings.LANGUAGE_CODE}": slug}))
        )

    def from_year(self, year: int) -> PressReleaseQuerySet:
        """Releases published in `year` (Amsterdam time).

        Years at or beyond the ends of Python's dates (1 and 9999 included: their
        bounds in Amsterdam time fall outside them in UTC) hold no releases; the
        lookup itself would raise ValueError or OverflowError.
        """
        if not dt.MINYEAR < year < dt.MAXYEAR:
            return self.none()
        return self.filter(publish_at__year=year)

    def for_listing(self) -> PressReleaseQuerySet:
        return self.prefetch_related("themes").order_by("-publish_at", "-pk")

    def search(self, query: str, language: str | None = None) -> PressReleaseQuerySet:
        """Releases matching every word of the query, in any language.

        On PostgreSQL: full-text search with stemming per language (the `dutch`
        configuration for the Dutch fields, `english` for the English ones) and
        prefix matching on every word, ranked by relevance, each result annotated
        with `search_snippet`: a headline of its text in `language` (Dutch when the
        release has no translation) in which SEARCH_MARK_START / SEARCH_MARK_STOP
        surround the matching words (render it with the `search_snippet` filter).
        Matching and ranking use the stored, indexed column of migration
        0005_search_vector (the document described in search_document()).

        Elsewhere (SQLite): every word must occur in the title, lead or body of
        some language; newest first; the snippet is empty.

        A query without any word (only punctuation, emoji …) finds nothing.
        """
        words = search_words(query)
        if not words:
            return self.none()
        if connections[self.db].vendor != "postgresql":
            result = self
            for word in words:
                match = models.Q()
                for name in ("title", "lead", "body"):
                    for code in LANGUAGE_CODES:
                        match |= models.Q(**{f"{name}_{code}__icontains": word})
                result = result.filter(match)
            return result.annotate(
                search_snippet=models.Value("", output_field=models.TextField())
            ).order_by("-publish_at", "-pk")

        # Only letters and digits reach the tsquery, and as a bound parameter.
        raw = " & ".join(f"{word}:*" for word in words)
        queries = {
            code: SearchQuery(raw, search_type="raw", config=config)
            for code, config in SEARCH_CONFIGS.items()
        }
        combined = None
        for code_query in queries.values():
            combined = code_query if combined is None else combined | code_query
        code = language if language in SEARCH_CONFIGS else settings.LANGUAGE_CODE
        snippet = _headline(settings.LANGUAGE_CODE, queries[settings.LANGUAGE_CODE])
        if code != settings.LANGUAGE_CODE:
            snippet = models.Case(
                models.When(untranslated_q(code), then=snippet),
                default=_headline(code, queries[code]),
            )
        return (
            self.alias(search_document=stored_search_document(self.model))
            .filter(search_document=combined)
            .annotate(
                search_rank=SearchRank(models.F("search_document"), combined),
                search_snippet=snippet,
            )
            .order_by("-search_rank", "-publish_at", "-pk")
        )

    def missing_english(self) -> PressReleaseQuerySet:
        return self.filter(untranslated_q("en"))


# -- search ------------------------------------------------------------------------

# The PostgreSQL text search configuration of each language's fields.
SEARCH_CONFIGS = {"nl": "dutch", "en": "english"}
SEARCH_MAX_WORDS = 10
# Private-use characters around the matching words of a search snippet: they never
# occur in a press release, and the template filter turns only them into <mark>.
SEARCH_MARK_START = "\ue000"
SEARCH_MARK_STOP = "\ue001"

_WORD = re.compile(r"[^\W_]+")


def search_words(query: str) -> list[str]:
    """The words of a search query: runs of letters and digits, lower case.

    Everything else (quotes, operators such as & | ! : * ( ) < >, emoji) only
    separates words, so nothing of the query's syntax reaches the database.
    """
    return [word.lower() for word in _WORD.findall(query)][:SEARCH_MAX_WORDS]


def search_document() -> SearchVector:
    """The searchable text of a release: title (weight A), lead (B) and body (C),
    the Dutch fields with the `dutch` configuration, the English ones with `english`.

    PostgreSQL stores it in a generated column (migration press/0005_search_vector,
    which spells it out in SQL): change both together. tests/press/test_search.py
    checks that the two agree and that the GIN index is used.
    """
    vector = None
    for code, config in SEARCH_CONFIGS.items():
        for name, weight in (("title", "A"), ("lead", "B"), ("body", "C")):
            part = SearchVector(f"{name}_{code}", config=config, weight=weight)
            vector = part if vector is None else vector + part
    return vector


def stored_search_document(model) -> RawSQL:
    """The release's search document as PostgreSQL stores it (migration
    press/0005_search_vector: a generated column with a GIN index)."""
    return RawSQL(
        f'"{model._meta.db_table}"."search_vector"', [], output_field=SearchVectorField()
    )


def _plain_text(field: str) -> models.Func:
    """A rich-text field without its tags, with the entities press.sanitize writes
    (&lt; &gt; &nbsp; &amp;) turned back into characters."""
    text = models.Func(
        models.F(field),
        models.Value(r"<[^>]*>"),
        models.Value(" "),
        models.Value("g"),
        function="REGEXP_REPLACE",
        output_field=models.TextField(),
    )
    for entity, character in (("&lt;", "<"), ("&gt;", ">"), ("&nbsp;", "\u00a0"), ("&amp;", "&")):
        text = Replace(
            text, models.Value(entity), models.Value(character), output_field=models.TextField()
        )
    return text


def _headline(code: str, query: SearchQuery) -> SearchHeadline:
    """The passages of a release's lead and body (in language `code`) that match."""
    # Concat() treats NULL as an empty string.
    document = Concat(
        f"lead_{code}",
        models.Value(" \n "),
        _plain_text(f"body_{code}"),
        output_field=models.TextField(),
    )
    return SearchHeadline(
        document,
        query,
        config=SEARCH_CONFIGS[code],
        start_sel=SEARCH_MARK_START,
        stop_sel=SEARCH_MARK_STOP,
        max_words=30,
        min_words=12,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def untranslated_q(code: str) -> models.Q:
    """Releases whose title, lead or body is missing in language `code`."""
    query = models.Q()
    for name in ("title", "lead", "body"):
        query |= models.Q(**{f"{name}_{code}__isnull": True}) | models.Q(**{f"{name}_{code}": ""})
    return query


class PressRelease(models.Model):
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
        sanitize=sanitize_html,
        help_text=_(
            "Sections with sub-headings. For a quotation use the quote button and put "
            "the speaker as the quote's last paragraph, starting with a dash "
            "(— burgemeester Van Aartsen)."
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
        help_text=_("A moment in the future schedules the release; empty means now."),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
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
        width_field="hero_width",
        height_field="hero_height",
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

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        for code in LANGUAGE_CODES:
            body_field = f"body_{code}"
            setattr(self, body_field, sanitize_html(getattr(self, body_field, "") or ""))
            slug_field = f"slug_{code}"
            if not getattr(self, slug_field, ""):
                title = getattr(self, f"title_{code}", "") or ""
                setattr(self, slug_field, slugify(title)[:200])
        default_slug = f"slug_{settings.LANGUAGE_CODE}"
        if not getattr(self, default_slug, ""):
            # A title without letters or digits ("???"); clean() says so in forms.
            setattr(self, default_slug, self._fallback_slug())
        previous = {}
        previous_image = None
        if self.pk:
            row = (
                PressRelease.objects.filter(pk=self.pk)
                .values(*self._slug_fields(), "hero_image")
                .first()
            )
            if row:
                previous = {code: row[f"slug_{code}"] or row["slug_nl"] for code in LANGUAGE_CODES}
                previous_image = row["hero_image"]
        self._remember_hero_size(previous_image)
        with transaction.atomic():
            super().save(*args, **kwargs)
            for code, old_slug in previous.items():
                if old_slug and old_slug != self.slug_for(code):
                    ReleaseSlug.objects.update_or_create(
                        language=code, slug=old_slug, defaults={"release": self}
                    )
            # A slug that comes back into use no longer redirects.
            current = [self.slug_for(code) for code in LANGUAGE_CODES]
            if previous and any(
                previous[c] != s for c, s in zip(LANGUAGE_CODES, current, strict=True)
            ):
                for code, slug in zip(LANGUAGE_CODES, current, strict=True):
                    ReleaseSlug.objects.filter(language=code, slug=slug).delete()

    def get_absolute_url(self, language: str | None = None) -> str:
        code = language or translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(code):
            return reverse("press:release-detail", kwargs={"slug": self.slug_for(code)})

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

    def _remember_hero_size(self, previous_name: str | None) -> None:
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

    # -- state -----------------------------------------------------------------

    def is_published(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

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
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    def has_language(self, code: str) -> bool:
        return all(getattr(self, f"{name}_{code}", "") for name in ("title", "lead", "body"))

    @property
    def has_english(self) -> bool:
        return self.has_language("en")

    # -- addresses ---------------------------------------------------------------

    def slug_for(self, code: str) -> str:
        return getattr(self, f"slug_{code}", "") or self.slug_nl

    def get_preview_url(self) -> str:
        return reverse("press:release-preview", kwargs={"pk": self.pk})

    # -- saving ----------------------------------------------------------------

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


class ReleaseSlugQuerySet(models.QuerySet):
    def leading_to_public(self, code: str, slug: str) -> ReleaseSlugQuerySet:
        """Former address `slug` in language `code` of a release the public may reach
        (PressReleaseQuerySet.public_or_gone): a draft's old address redirects nowhere."""
        return self.filter(
            language=code, slug=slug, release__in=PressRelease.objects.public_or_gone()
        )


class ReleaseSlug(models.Model):
    """An address a release had before its slug changed: it answers with a 301."""

    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="old_slugs")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    slug = models.SlugField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReleaseSlugQuerySet.as_manager()

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

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.file and not self.file._committed:
            # A new upload: what it is, by its bytes, and the name it came with (its
            # stored name will be random).
            try:
                kind = uploads.sniff_attachment(self.file)
                self.content_type = kind.content_type
            except ValidationError:  # not through the form (a script): served as bytes
                self.content_type = "application/octet-stream"
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
