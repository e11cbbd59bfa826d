"""Forms that never lose work: a chosen file survives any number of failed saves.

A browser cannot put a chosen file back into a file input, so a form that comes back
with an error (a missing alt text, an empty row in an inline, say) would lose the
image or attachment the editor chose, and the next save would go through without it.
Instead, every file field of a form with KeepUploadsMixin (the release's hero image,
each attachment row of its inline) keeps its checked upload: when the form is shown
again, whichever form or inline on the page failed, the upload is stored under a
random name and the form carries a signed reference to it in a hidden field. The next
submit uses it unless the editor chose another file or ticked "do not use it"; if
that submit fails too, it is kept again. If the kept file cannot be used (the
reference is too old or the file is gone), the form says so and stays invalid: it
never saves silently without the file.
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
from django.forms.renderers import TemplatesSetting
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

KEPT_PREFIX = "pending-uploads/"
KEPT_SALT = "press.forms.kept-upload"
KEPT_MAX_AGE = 24 * 60 * 60  # seconds a kept upload can be used

IMAGE_LOST = _(
    "The image you chose (%(name)s) could not be kept after the error: choose it again, "
    "or tick “do not use it”."
)
FILE_LOST = _(
    "The file you chose (%(name)s) could not be kept after the error: choose it again, "
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
    """The admin's file input, plus the upload kept from the previous submit.

    KeepUploadsMixin hands it the checked upload (``pending``) after each clean; only
    when the form is rendered again (something on the page failed) is it stored and
    its reference put in the form. A save that succeeds stores nothing extra.
    """

    def __init__(self, attrs=None, *, is_image: bool = False):
        super().__init__(attrs)
        self.is_image = is_image
        self.pending: UploadedFile | None = None  # the checked upload of this submit
        self.kept: tuple[str, str] | None = None  # (signed reference, file name)
        self.lost: str | None = None  # the name of a kept file that could not be used
        self._loaded: dict[str, UploadedFile | None] = {}

    @property
    def template_name(self) -> str:
        # An image shows itself (its smallest rendition), not its stored path.
        if self.is_image:
            return "admin/widgets/kept_image_input.html"
        return AdminFileWidget.template_name

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.is_image and context["widget"]["is_initial"]:
            picture = getattr(getattr(value, "instance", None), "hero_picture", None)
            context["widget"]["thumbnail"] = picture.src if picture else ""
        return context

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
        filename = kept.get("filename") or "file"
        name = kept.get("name") or ""
        if not name.startswith(KEPT_PREFIX) or ".." in name:
            self.lost = filename
            return None
        try:
            with default_storage.open(name, "rb") as file:
                content = file.read()
        except OSError:
            self.lost = filename
            return None
        # Read into memory: if anything on the page fails again, the form keeps it
        # again when it is shown (render).
        default_storage.delete(name)
        content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        return SimpleUploadedFile(filename, content, content_type)

    def lost_message(self) -> str:
        return (IMAGE_LOST if self.is_image else FILE_LOST) % {"name": self.lost}

    def render(self, name, value, attrs=None, renderer=None):
        if self.pending is not None and self.kept is None:
            self.kept = (keep_upload(self.pending), self.pending.name)
        if self.is_image:
            # Its template is the project's (templates/admin/widgets/).
            renderer = TemplatesSetting()
        html = super().render(name, value, attrs, renderer)
        if self.kept is None:
            return html
        reference, filename = self.kept
        reference_name, forget_name = self.kept_names(name)
        forget_id = f"{attrs['id']}-kept-forget" if attrs and attrs.get("id") else forget_name
        return format_html(
            '{}<p class="kept-upload"><input type="hidden" name="{}" value="{}">'
            "<strong>{}</strong> {}<br>"
            '<input type="checkbox" name="{}" id="{}"> <label for="{}">{}</label></p>',
            html,
            reference_name,
            reference,
            _("Kept:"),
            format_html(
                "{} ({})",
                filename,
                _("the image you chose is kept; it is saved with the release")
                if self.is_image
                else _("the file you chose is kept; it is saved with the release"),
            ),
            forget_name,
            forget_id,
            forget_id,
            _("do not use it"),
        )


class KeepUploadsMixin(forms.BaseForm):
    """For a ModelForm (the main form or an inline's): every file field's upload
    survives a failed save, whether this form or another one on the page failed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.FileField):
                widget = KeptFileInput(
                    field.widget.attrs, is_image=isinstance(field, forms.ImageField)
                )
                widget.is_required = field.required
                field.widget = widget

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound:
            return
        for name, field in self.fields.items():
            widget = field.widget
            if not isinstance(widget, KeptFileInput):
                continue
            if widget.lost is not None and name not in self._errors:
                self.add_error(name, widget.lost_message())
            upload = self.cleaned_data.get(name)
            valid = isinstance(upload, UploadedFile) and name not in self._errors
            widget.pending = upload if valid else None


class KeepUploadsForm(KeepUploadsMixin, forms.ModelForm):
    """An inline's form whose uploads survive a failed save."""
