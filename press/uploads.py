"""Uploads checked by their bytes, stored under names nobody can guess, removed from
the storage when they are replaced or deleted.

- Images (hero images, image attachments) are opened with Pillow, refused above
  MAX_IMAGE_PIXELS from their header alone (before anything is decoded), and
  re-encoded with the orientation applied: EXIF (GPS position, camera), XMP, JPEG
  comments and PNG text chunks do not survive.
- Attachments are sniffed by their content (sniff_attachment): PDF, the office
  formats (OOXML, OpenDocument), JPEG/PNG images, plain text and CSV; anything else,
  HTML and SVG above all, is refused whatever its name. The stored name's extension
  and the stored Content-Type follow the sniffed type.
- Stored names are random (random_upload_path): press/images/<32 hex>.jpg. The
  attachment's readable name is kept in the row for the download's
  Content-Disposition; attachments are served by press.views.attachment_download,
  which checks that the release is public.
- Everything goes through the storage API (no `.path`), so it works the same on the
  file system and on S3-compatible object storage.
"""

from __future__ import annotations

import codecs
import io
import logging
import posixpath
import re
import secrets
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

# 40 megapixels: a full-frame camera's photo (e.g. 7744 × 5164) fits; decoded as
# RGB that is at most ~120 MB of memory. Pillow itself refuses (DecompressionBombError)
# anything above twice this, wherever an image is opened in this process; below that
# we refuse it ourselves, from the header, with a clear message.
MAX_IMAGE_PIXELS = 40_000_000
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS

# Pillow format → (extension, Content-Type) of the formats we keep.
IMAGE_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
# What survives re-encoding of the image's metadata: colour, transparency.
KEPT_IMAGE_INFO = ("icc_profile", "transparency")

TOO_MANY_PIXELS = _(
    "This image has too many pixels: at most %(megapixels)d megapixels "
    "(for example 8000 × 5000). Make it smaller and upload it again."
)
NOT_AN_IMAGE = _("This file is not an image we can use. Upload a JPEG, PNG or WebP image.")


@dataclass(frozen=True)
class Kind:
    """What an upload really is."""

    extension: str
    content_type: str
    label: str  # shown next to the download link: PDF, DOCX …

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


# -- stored or new -----------------------------------------------------------------


def is_stored(file) -> bool:
    """Whether a model's file value names a file already in the storage (loaded from
    a row, or assigned again by a history revert), rather than a new upload that the
    next save() will store.

    The one place that reads Django's private ``FieldFile._committed``, and why:
    Django has no public way to ask this. Its own FileField.pre_save decides with the
    same flag (``if file and not file._committed: file.save(...)``); every public
    road costs a request to the storage (``fieldfile.file`` opens the stored file,
    ``storage.exists()``) or a query (comparing with the row), on every save, and
    fails when a stored file has gone missing. A value that is no FieldFile (a plain
    UploadedFile, as a form's cleaned data) is a new upload.
    """
    return bool(getattr(file, "_committed", False))


# -- names -------------------------------------------------------------------------


def random_upload_path(folder: str, filename: str) -> str:
    """`folder`/<128 random bits>.<extension>: nothing of the original name, no date."""
    extension = posixpath.splitext(filename)[1].lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,8}", extension):
        extension = ""
    return f"{folder}/{secrets.token_hex(16)}{extension}"


def hero_image_path(instance, filename: str) -> str:
    return random_upload_path("press/images", filename)


def attachment_path(instance, filename: str) -> str:
    return random_upload_path("press/attachments", filename)


def readable_name(filename: str, extension: str) -> str:
    """The upload's own name, safe for a Content-Disposition, with the extension of
    what it really is ("Factsheet 2016.PDF.html" sniffed as PDF → Factsheet_2016.PDF.pdf)."""
    stem = posixpath.splitext(posixpath.basename(filename.replace("\\", "/")))[0]
    try:
        stem = get_valid_filename(stem)[:100]
    except SuspiciousFileOperation:  # nothing usable left of the name ("..", "")
        stem = ""
    return f"{stem or 'bijlage'}.{extension}"


# -- images ------------------------------------------------------------------------


def reencode_image(upload, name: str | None = None) -> SimpleUploadedFile:
    """The upload as a clean JPEG, PNG or WebP: orientation applied, no metadata.

    Raises ValidationError (a message for the editor) when it is not such an image,
    is damaged, or has more than MAX_IMAGE_PIXELS pixels. The pixel count is read
    from the header: a small file that would decode to hundreds of megabytes is
    refused before anything is decoded.
    """
    upload.seek(0)
    too_many = ValidationError(
        TOO_MANY_PIXELS, code="too_many_pixels", params={"megapixels": MAX_IMAGE_PIXELS // 10**6}
    )
    try:
        with warnings.catch_warnings():
            # Between MAX_IMAGE_PIXELS and twice that Pillow only warns: we refuse below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload)  # reads the header only
    except Image.DecompressionBombError:
        raise too_many from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
    if image.format not in IMAGE_FORMATS:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image")
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        raise too_many
    extension, content_type = IMAGE_FORMATS[image.format]
    try:
        image.load()
        clean = ImageOps.exif_transpose(image)  # a copy, upright, without the tag
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
    clean.info = {key: image.info[key] for key in KEPT_IMAGE_INFO if key in image.info}
    options: dict = {"icc_profile": clean.info.get("icc_profile")}
    if image.format == "JPEG":
        if clean.mode not in ("RGB", "L", "CMYK"):
            clean = clean.convert("RGB")
        options |= {"quality": 90}
    elif image.format == "WEBP":
        options |= {"quality": 90}
    elif "transparency" in clean.info:
        options["transparency"] = clean.info["transparency"]
    buffer = io.BytesIO()
    try:
        clean.save(buffer, image.format, **{k: v for k, v in options.items() if v is not None})
    except (OSError, ValueError):  # a mode or profile the encoder cannot write
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
    filename = readable_name(name or getattr(upload, "name", "") or "", extension)
    return SimpleUploadedFile(filename, buffer.getvalue(), content_type=content_type)


class CleanImageField(forms.ImageField):
    """The form field of an uploaded image: checked and re-encoded by reencode_image.

    Replaces Django's check (forms.ImageField.to_python), which would decode a
    decompression bomb and report every failure as "not a valid image".
    """

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        return reencode_image(upload)


# -- attachments -------------------------------------------------------------------

PDF = Kind("pdf", "application/pdf", "PDF")
OOXML_KINDS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": Kind(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "DOCX",
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": Kind(
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": Kind(
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PPTX",
    ),
}
ODF_KINDS = {
    "application/vnd.oasis.opendocument.text": Kind(
        "odt", "application/vnd.oasis.opendocument.text", "ODT"
    ),
    "application/vnd.oasis.opendocument.spreadsheet": Kind(
        "ods", "application/vnd.oasis.opendocument.spreadsheet", "ODS"
    ),
    "application/vnd.oasis.opendocument.presentation": Kind(
        "odp", "application/vnd.oasis.opendocument.presentation", "ODP"
    ),
}
ZIP = Kind("zip", "application/zip", "ZIP")
CSV = Kind("csv", "text/csv; charset=utf-8", "CSV")
TEXT = Kind("txt", "text/plain; charset=utf-8", "TXT")
IMAGE_KINDS = {
    "JPEG": Kind("jpg", "image/jpeg", "JPG"),
    "PNG": Kind("png", "image/png", "PNG"),
}

# Text that a browser could take for markup: a tag, a comment, a doctype, an XML
# declaration, an entity-free "<" followed by a letter, "!", "?" or "/".
_MARKUP = re.compile(rb"<\s*[a-zA-Z!?/]")
TEXT_SNIFF_BYTES = 1024 * 1024  # read in chunks of this size
# The most we unpack of a zip to know what it is ([Content_Types].xml, mimetype).
ZIP_MEMBER_MAX_BYTES = 1024 * 1024

ATTACHMENT_REFUSED = _(
    "This file cannot be attached: attach a PDF, an Office or OpenDocument file "
    "(Word, Excel, PowerPoint), a JPEG or PNG image, a ZIP file, or plain text or CSV."
)
MARKUP_REFUSED = _(
    "This file contains web page code (HTML, SVG or XML) and cannot be attached, "
    "whatever its name. Attach it as PDF instead."
)


def sniff_attachment(upload) -> Kind:
    """What an attachment really is, by its bytes; ValidationError when it is none of
    the kinds we publish. Its name plays no part."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(upload)
    if head.startswith(b"\xff\xd8\xff"):
        return IMAGE_KINDS["JPEG"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return IMAGE_KINDS["PNG"]
    return _sniff_text(upload)


def _sniff_zip(upload) -> Kind:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            for name in {"[Content_Types].xml", "mimetype"} & names:
                if archive.getinfo(name).file_size > ZIP_MEMBER_MAX_BYTES:  # a zip bomb
                    raise ValidationError(ATTACHMENT_REFUSED, code="refused")
            if "[Content_Types].xml" in names:
                types = archive.read("[Content_Types].xml")
                for main_part, kind in OOXML_KINDS.items():
                    if main_part.encode() in types:
                        return kind
                # A macro-enabled or unknown Office file.
                raise ValidationError(ATTACHMENT_REFUSED, code="refused")
            if "mimetype" in names:
                mimetype = archive.read("mimetype").strip().decode("ascii", "replace")
                if mimetype in ODF_KINDS:
                    return ODF_KINDS[mimetype]
                raise ValidationError(ATTACHMENT_REFUSED, code="refused")
            return ZIP
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError):
        raise ValidationError(ATTACHMENT_REFUSED, code="refused") from None
    finally:
        upload.seek(0)


def _sniff_text(upload) -> Kind:
    """UTF-8 text without markup anywhere: CSV when every line of its start has the
    same number (> 0) of commas or semicolons, else plain text."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    first = b""
    tail = b""  # the end of the previous chunk: markup split over two chunks
    while chunk := upload.read(TEXT_SNIFF_BYTES):
        first = first or chunk
        if b"\x00" in chunk:  # binary
            upload.seek(0)
            raise ValidationError(ATTACHMENT_REFUSED, code="refused")
        if _MARKUP.search(tail + chunk):
            upload.seek(0)
            raise ValidationError(MARKUP_REFUSED, code="markup")
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError:
            upload.seek(0)
            raise ValidationError(ATTACHMENT_REFUSED, code="refused") from None
        tail = chunk[-16:]
    upload.seek(0)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise ValidationError(ATTACHMENT_REFUSED, code="refused") from None
    text = first.decode("utf-8-sig", errors="ignore")
    if not text.strip():
        raise ValidationError(ATTACHMENT_REFUSED, code="refused")
    lines = text.splitlines()
    if len(first) == TEXT_SNIFF_BYTES:  # its last line may be cut off
        lines = lines[:-1]
    lines = [line for line in lines if line.strip()]
    for separator in (",", ";"):
        counts = {line.count(separator) for line in lines}
        if len(lines) > 1 and len(counts) == 1 and counts.pop() > 0:
            return CSV
    return TEXT


def clean_attachment(upload) -> SimpleUploadedFile:
    """The upload under its readable name with the extension of what it really is;
    images re-encoded without metadata (reencode_image)."""
    kind = sniff_attachment(upload)
    if kind.is_image:
        return reencode_image(upload, name=upload.name)
    upload.seek(0)
    return SimpleUploadedFile(
        readable_name(upload.name or "", kind.extension), upload.read(), kind.content_type
    )


class AttachmentFileField(forms.FileField):
    """The form field of an attachment: sniffed and renamed by clean_attachment."""

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return clean_attachment(upload)


# -- removal -----------------------------------------------------------------------


def delete_after_commit(storage: Storage, names: Iterable[str]) -> None:
    """Remove files from `storage` once the current transaction commits (never when
    it rolls back: the rows would still point at them). A file that cannot be removed
    is logged, never an error for the editor: the write itself succeeded."""
    names = [name for name in names if name]

    def delete() -> None:
        for name in names:
            try:
                storage.delete(name)
            except Exception:
                logger.exception("Could not remove %s from the media storage", name)

    if names:
        transaction.on_commit(delete)
