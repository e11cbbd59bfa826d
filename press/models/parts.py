"""What hangs off a press release besides its text: related links and attachments,
and the upload fields and size limits of its files (the hero image's included)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from imagefield.fields import ImageField as RenditionImageField

from denhaag_cms.changes import WatchedQuerySet
from press import uploads

ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024
IMAGE_MAX_BYTES = 10 * 1024 * 1024


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


class RelatedLink(models.Model):
    release = models.ForeignKey(
        "press.PressRelease",
        on_delete=models.CASCADE,
        related_name="links",
        verbose_name=_("release"),
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
        "press.PressRelease",
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
