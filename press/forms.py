"""Forms that never lose work: a chosen image survives a validation error.

A browser cannot put a chosen file back into a file input, so a form that comes back
with an error (a missing alt text, say) would lose the image the editor chose, and
the next save would go through without it. Instead, the checked and re-encoded
upload is kept in the storage under a random name, the form carries a signed
reference to it in a hidden field, and the next submit uses it unless the editor
chose another file or ticked "do not use it". If the kept file cannot be used (the
reference is too old or the file is gone), the form says so and stays invalid: it
never saves silently without the image.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import secrets
from pathlib import PurePosixPath

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

KEPT_PREFIX = "pending-uploads/"
KEPT_SALT = "press.forms.kept-upload"
KEPT_MAX_AGE = 24 * 60 * 60  # seconds a kept upload can be used
KEPT_FIELDS = ["hero_image"]

IMAGE_LOST = _(
    "The image you chose (%(name)s) could not be kept after the error: choose it again, "
    "or tick “do not use it”."
)


def keep_upload(upload: UploadedFile) -> str:
    """Store `upload` under a random name; return the signed reference to it."""
    suffix = PurePosixPath(upload.name or "").suffix.lower()[:10]
    upload.seek(0)
    name = default_storage.save(f"{KEPT_PREFIX}{secrets.token_urlsafe(16)}{suffix}", upload)
    return signing.dumps({"name": name, "filename": upload.name}, salt=KEPT_SALT)


def purge_stale_kept_uploads(now: dt.datetime | None = None) -> int:
    """Delete the kept uploads whose reference can no longer be used (older than
    KEPT_MAX_AGE, an hour's margin added): a form that was left after its error, or
    closed, never comes back for them. Returns how many were deleted. Safe to run at
    any time: a kept upload still in use is younger."""
    folder = KEPT_PREFIX.rstrip("/")
    try:
        _folders, names = default_storage.listdir(folder)
    except FileNotFoundError:  # nothing was ever kept
        return 0
    oldest_kept = (now or timezone.now()) - dt.timedelta(seconds=KEPT_MAX_AGE + 60 * 60)
    deleted = 0
    for name in names:
        path = f"{folder}/{name}"
        try:
            if default_storage.get_modified_time(path) < oldest_kept:
                default_storage.delete(path)
                deleted += 1
        except FileNotFoundError:  # used or purged meanwhile
            continue
    return deleted


class KeptFileInput(AdminFileWidget):
    """The admin's file input, plus the upload kept from the previous submit."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.kept: tuple[str, str] | None = None  # (signed reference, file name)
        self.lost: str | None = None  # the name of a kept file that could not be used
        self._loaded: dict[str, UploadedFile | None] = {}

    def kept_names(self, name: str) -> tuple[str, str]:
        return f"{name}-kept", f"{name}-kept-forget"

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        reference_name, forget_name = self.kept_names(name)
        reference = data.get(reference_name)
        if upload is not None or not reference or data.get(forget_name):
            return upload
        if reference not in self._loaded:
            self._loaded[reference] = self._load(reference)
        return self._loaded[reference]

    def _load(self, reference: str) -> UploadedFile | None:
        try:
            kept = signing.loads(reference, salt=KEPT_SALT, max_age=KEPT_MAX_AGE)
        except signing.BadSignature:
            self.lost = "?"
            return None
        filename = kept.get("filename") or "image"
        name = kept.get("name") or ""
        if not name.startswith(KEPT_PREFIX):
            self.lost = filename
            return None
        try:
            with default_storage.open(name, "rb") as file:
                content = file.read()
        except OSError:
            self.lost = filename
            return None
        # Read into memory: the form keeps it again if it still has an error.
        default_storage.delete(name)
        content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        return SimpleUploadedFile(filename, content, content_type)

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.kept is None:
            return html
        reference, filename = self.kept
        reference_name, forget_name = self.kept_names(name)
        return format_html(
            '{}<p class="kept-upload"><input type="hidden" name="{}" value="{}">'
            "<strong>{}</strong> {}<br>"
            '<input type="checkbox" name="{}" id="id_{}"> <label for="id_{}">{}</label></p>',
            html,
            reference_name,
            reference,
            _("Kept:"),
            format_html(
                "{} ({})",
                filename,
                _("the image you chose is kept; it is saved with the release"),
            ),
            forget_name,
            forget_name,
            forget_name,
            _("do not use it"),
        )


class KeepUploadsMixin(forms.BaseForm):
    """For a ModelForm: the images in KEPT_FIELDS survive a validation error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in KEPT_FIELDS:
            if name in self.fields:
                self.fields[name].widget = KeptFileInput()

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound:
            return
        for name in KEPT_FIELDS:
            widget = self.fields[name].widget if name in self.fields else None
            if not isinstance(widget, KeptFileInput):
                continue
            if widget.lost is not None and name not in self._errors:
                self.add_error(name, IMAGE_LOST % {"name": widget.lost})
            upload = self.cleaned_data.get(name)
            if self._errors and isinstance(upload, UploadedFile) and name not in self._errors:
                widget.kept = (keep_upload(upload), upload.name)
