"""Hero images for the demo content, drawn with Pillow (no files to license or ship).

Each is a flat illustration of The Hague's coast: sky, sea, the dunes and a skyline,
in colours chosen per release, so the demo shows real renditions (srcset, WebP/AVIF)
without shipping photographs. Deterministic: the same key draws the same picture.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 900

# (sky top, sky bottom, sea, dunes, skyline) per mood.
PALETTES = {
    "dawn": ("#24395c", "#f2a65a", "#2f5d7c", "#d9b77e", "#1b2433"),
    "day": ("#3d7cc9", "#bfe1f6", "#1f6f8b", "#e3c58f", "#2a3b4c"),
    "storm": ("#2b2f38", "#7d8794", "#3a4a55", "#a89b7c", "#15191f"),
    "dusk": ("#3b2a5c", "#e07a5f", "#3d405b", "#c9a36b", "#1d1a2b"),
}


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _gradient(size: tuple[int, int], top: str, bottom: str) -> Image.Image:
    width, height = size
    start, end = _hex(top), _hex(bottom)
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(height - 1, 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(start, end, strict=True))
        column.putpixel((0, y), colour)
    return column.resize(size)


def draw_hero(key: str, mood: str = "day") -> Image.Image:
    """A 1600×900 coastal skyline for the release ``key``."""
    rng = random.Random(key)
    sky_top, sky_bottom, sea, dunes, skyline = PALETTES[mood]
    image = _gradient((WIDTH, HEIGHT), sky_top, sky_bottom)
    draw = ImageDraw.Draw(image)

    # The sun (or moon) low over the sea.
    sun_x, sun_y, radius = rng.randint(250, 1350), rng.randint(260, 420), rng.randint(50, 90)
    glow = Image.new("L", (WIDTH, HEIGHT), 0)
    ImageDraw.Draw(glow).ellipse(
        (sun_x - radius * 2, sun_y - radius * 2, sun_x + radius * 2, sun_y + radius * 2), 90
    )
    image.paste("#fff3d6", mask=glow.filter(ImageFilter.GaussianBlur(60)))
    draw.ellipse((sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius), "#fff3d6")

    # The skyline: towers of the city centre behind the dunes.
    horizon = 560
    x = 80
    while x < WIDTH - 80:
        width = rng.randint(40, 110)
        height = rng.randint(60, 300) if 500 < x < 1200 else rng.randint(30, 140)
        draw.rectangle((x, horizon - height, x + width, horizon + 10), skyline)
        if rng.random() < 0.3:  # a spire or an antenna
            mid = x + width // 2
            draw.polygon(
                [
                    (mid - 8, horizon - height),
                    (mid + 8, horizon - height),
                    (mid, horizon - height - rng.randint(30, 80)),
                ],
                skyline,
            )
        x += width + rng.randint(0, 30)

    # The sea with a few lines of surf, and the dunes in front.
    draw.rectangle((0, horizon, WIDTH, HEIGHT), sea)
    for _ in range(14):
        y = rng.randint(horizon + 20, 760)
        x0 = rng.randint(0, WIDTH - 300)
        draw.line((x0, y, x0 + rng.randint(80, 300), y), "#d8ecf2", width=3)
    points = [(0, HEIGHT)]
    for x in range(0, WIDTH + 100, 100):
        points.append((x, rng.randint(740, 800)))
    points.append((WIDTH, HEIGHT))
    draw.polygon(points, dunes)
    return image


def hero_jpeg(key: str, mood: str = "day") -> bytes:
    """The hero image as JPEG bytes, ready to save into an ImageField."""
    buffer = io.BytesIO()
    draw_hero(key, mood).save(buffer, format="JPEG", quality=86, optimize=True)
    return buffer.getvalue()
