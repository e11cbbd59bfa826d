"""Hero images as renditions: what readers get instead of the uploaded original.

From one upload (checked and re-encoded without metadata by press.uploads) the task
worker makes, once, a rendition at each of RENDITION_WIDTHS in AVIF (where this
Pillow can write it), WebP and JPEG, never wider than the original. django-imagefield
names each rendition from the original's name and the rendition's spec
(``__processed__/<bins>/<original>-<spec hash>.<ext>``), so a page knows every
rendition's address without asking the storage (object storage in production: no
``exists()``, no ``.path``), and ``process()`` skips a rendition already made.

- press.tasks.make_hero_renditions makes them after the release is committed and
  then records the image they belong to (PressRelease.hero_rendered); until then the
  page shows no image rather than the original or a broken one.
- delete_images_after_commit removes a replaced or deleted image's original and
  renditions once the change is committed.
- picture() says what the page's <picture> and og:image show; the widths of a given
  image come from rendition_sizes() alone, which the processor below follows too.
  Its addresses are the app's (press.renditions), never the storage's: a rendition is
  served only while its release may be seen, like the page it is on.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from imagefield.processing_pillow import register_pillow
from PIL import Image, features

logger = logging.getLogger(__name__)

# Up to twice the article column (42rem) on a high-density screen; 480 for phones.
RENDITION_WIDTHS = (480, 800, 1200, 1600)
# og:image and twitter:image: the size the big link previews ask for.
SHARE_WIDTH = 1200
# The image's displayed width, for the browser's choice (templates/press/_hero.html):
# the article column, or the screen less the page's padding.
SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"


@dataclass(frozen=True)
class Format:
    key: str
    pillow: str  # Pillow's name of the format
    extension: str
    mime_type: str
    options: tuple[tuple[str, object], ...]  # Pillow's save options


JPEG = Format("jpeg", "JPEG", ".jpg", "image/jpeg", (("quality", 82), ("progressive", True)))
WEBP = Format("webp", "WEBP", ".webp", "image/webp", (("quality", 80), ("method", 4)))
# AVIF's encoder is slow: at speed 8 (of 0–10) it costs about as much CPU as WebP's
# default, for a file about a third smaller; its default (6) takes about 5× as long.
AVIF = Format("avif", "AVIF", ".avif", "image/avif", (("quality", 55), ("speed", 8)))


def available_formats() -> tuple[Format, ...]:
    """Best first, the fallback (JPEG) last. AVIF only where this Pillow was built
    with libavif (Pillow ≥ 11.3 wheels are); elsewhere WebP and JPEG only."""
    return (AVIF, WEBP, JPEG) if features.check("avif") else (WEBP, JPEG)


FORMATS = available_formats()


def format_key(width: int, fmt: Format) -> str:
    """The name django-imagefield knows a rendition by: w800_webp."""
    return f"w{width}_{fmt.key}"


def fit_width(width: int, height: int, target: int) -> tuple[int, int]:
    """An image of width × height scaled to `target` wide, never enlarged."""
    if width <= target:
        return width, height
    return target, max(1, round(height * target / width))


def rendition_sizes(width: int, height: int) -> list[tuple[int, int, int]]:
    """(rendition width, actual width, actual height) of each rendition an image of
    width × height gets: every RENDITION_WIDTH below its own width, then one at its
    own width (never upscaled), and nothing wider."""
    sizes = []
    for target in RENDITION_WIDTHS:
        sizes.append((target, *fit_width(width, height, target)))
        if target >= width:
            break
    return sizes


def rendition_keys(width: int, height: int) -> list[str]:
    return [format_key(t, fmt) for t, _w, _h in rendition_sizes(width, height) for fmt in FORMATS]


# -- processing (django-imagefield) ------------------------------------------------


@register_pillow
def rendition(get_image, format_name: str, target: int, options: tuple):
    """django-imagefield processor: the image `target` wide (never wider than it is)
    in `format_name`, in a mode that format can write."""

    def processor(image, context):
        context.save_kwargs["format"] = format_name
        image = get_image(image, context)
        size = fit_width(*image.size, target)
        if image.mode == "P":
            image = image.convert("RGBA")
        elif image.mode not in ("RGB", "RGBA", "L"):
            image = image.convert("RGB")
        if format_name == "JPEG" and image.mode == "RGBA":  # no alpha: on white
            background = Image.new("RGB", image.size, "white")
            background.paste(image, mask=image.getchannel("A"))
            image = background
        if size != image.size:
            image = image.resize(size, Image.Resampling.LANCZOS)
        context.save_kwargs.update(dict(options))
        return image

    return processor


def _spec(target: int, fmt: Format):
    def spec(fieldfile, context) -> None:
        context.extension = fmt.extension
        context.processors = [
            "preserve_icc_profile",
            "autorotate",
            ("rendition", fmt.pillow, target, fmt.options),
        ]

    return spec


# The `formats` of the hero image field (django-imagefield): every width in every format.
HERO_FORMATS = {
    format_key(target, fmt): _spec(target, fmt) for target in RENDITION_WIDTHS for fmt in FORMATS
}


def share_key(width: int, height: int) -> str:
    """The JPEG rendition at SHARE_WIDTH (or the widest there is): og:image, the
    feeds' enclosure, the <img>'s src."""
    share_target = [s for s in rendition_sizes(width, height) if s[0] <= SHARE_WIDTH][-1][0]
    return format_key(share_target, JPEG)


def share_size(fieldfile, width: int, height: int) -> int | None:
    """The size in bytes of the image's share rendition (made if it is not yet), for
    the feeds' enclosure length; None if the storage cannot say."""
    try:
        return fieldfile.storage.size(fieldfile.process(share_key(width, height)))
    except (OSError, NotImplementedError):
        return None


def rendition_name(fieldfile, key: str) -> str:
    """The storage name of rendition `key` of an image, from its name alone (as
    django-imagefield names it, without asking the storage)."""
    return fieldfile._process_context(fieldfile.field.formats[key]).name


def rendition_names(fieldfile, width: int, height: int) -> dict[str, str]:
    """Every rendition an image of width × height has: its file name (the last part of
    its address) → its storage name."""
    names = (rendition_name(fieldfile, key) for key in rendition_keys(width, height))
    return {posixpath.basename(name): name for name in names}


def make_renditions(fieldfile, width: int, height: int, *, force: bool = False) -> list[str]:
    """Make the renditions an image of width × height needs that are not in the
    storage yet (all of them again with `force`); their names."""
    return [fieldfile.process(key, force=force) for key in rendition_keys(width, height)]


# -- the page ----------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    mime_type: str
    srcset: str


@dataclass(frozen=True)
class Picture:
    sources: list[Source]  # AVIF, WebP: <source> elements, best first
    srcset: str  # JPEG: the <img>'s srcset
    src: str  # the JPEG at SHARE_WIDTH (or the widest there is): the <img>'s src
    width: int  # the original's, for the <img>'s width and height (aspect ratio)
    height: int
    share_url: str  # og:image
    share_width: int
    share_height: int
    sizes: str = SIZES


def picture(
    fieldfile, width: int | None, height: int | None, address: Callable[[str], str]
) -> Picture | None:
    """What the page shows of an image of width × height whose renditions are made:
    names computed from its name alone (no storage request), each rendition at
    `address(its file name)`. None without an image or its dimensions."""
    if not fieldfile or not width or not height:
        return None
    sizes = rendition_sizes(width, height)

    def url(target: int, fmt: Format) -> str:
        name = rendition_name(fieldfile, format_key(target, fmt))
        return address(posixpath.basename(name))

    def srcset(fmt: Format) -> str:
        return ", ".join(f"{url(t, fmt)} {w}w" for t, w, _h in sizes)

    share_target, share_width, share_height = [s for s in sizes if s[0] <= SHARE_WIDTH][-1]
    share_url = url(share_target, JPEG)
    return Picture(
        sources=[Source(fmt.mime_type, srcset(fmt)) for fmt in FORMATS if fmt is not JPEG],
        srcset=srcset(JPEG),
        src=share_url,
        width=width,
        height=height,
        share_url=share_url,
        share_width=share_width,
        share_height=share_height,
    )


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int
    mime_type: str


def renditions(fieldfile, width: int | None, height: int | None) -> list[Rendition]:
    """Every rendition of an image of width × height whose renditions are made, one
    by one (the API lists them; picture() joins the same into srcsets): addresses
    computed from its name alone. Empty without an image or its dimensions."""
    if not fieldfile or not width or not height:
        return []
    return [
        Rendition(getattr(fieldfile, format_key(target, fmt)), w, h, fmt.mime_type)
        for fmt in FORMATS
        for target, w, h in rendition_sizes(width, height)
    ]


# -- removal -----------------------------------------------------------------------


def delete_images_after_commit(field, names: Iterable[str]) -> None:
    """Once the current transaction commits, remove the images `names` of the
    django-imagefield `field` from its storage: each original and its renditions
    (ImageFieldFile.delete). Failures are logged, never the editor's error."""
    names = [name for name in names if name]

    def delete() -> None:
        holder = field.model()
        for name in names:
            try:
                field.attr_class(holder, field, name).delete(save=False)
            except Exception:
                logger.exception("Could not remove image %s from the media storage", name)

    if names:
        transaction.on_commit(delete)
