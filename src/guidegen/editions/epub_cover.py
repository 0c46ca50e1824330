"""Draw the EPUB's cover: a PNG, made by the build from the guide's words, in the theme's own fonts.

Every reader shows a raster cover (an SVG cover is blank in MuPDF and lost on the way to a Kindle,
where calibre finds "no cover"), and a library shelf shows it as a thumbnail, so the title is set as
large as it fits, in the theme's heading font on a band of the accent colour (white or black text,
whichever contrasts more). Text is measured with the font that draws it, so lines break where they
really fit; a character the heading font lacks is drawn with the first theme font that has it.

A branded cover also shows the organisation and, when the logo is a PNG, the logo. An SVG logo is
left off the raster (drawing it would mean running an SVG renderer on a file from outside the
project's control); the title page after the cover shows it. The same words, fonts and logo give the
same bytes with the same Pillow (and its FreeType): no date or tool version goes into the PNG.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..load.logo import Logo
from ..model.problems import BuildError
from ..render.colour import RGB, better_on
from ..render.colour import contrast as contrast  # what the cover's tests check
from ..render.colour import parse as hex_colour
from ..render.glyphs import covered_codepoints

WIDTH, HEIGHT = 1200, 1800  # 2:3, between Kobo's 3:4 and Kindle's 1.6:1
MARGIN = 100
TEXT_WIDTH = WIDTH - 2 * MARGIN
INK, PAPER = (0, 0, 0), (255, 255, 255)
KICKER_SIZE, SUBTITLE_SIZE = 40, 54
TITLE_SIZES = range(150, 63, -6)
TITLE_MAX_LINES, SUBTITLE_MAX_LINES = 6, 4
LOGO_BOX = (440, 150)  # the most a logo may take, in pixels


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    """A font file at a size, opened once a process (titles are tried at many sizes)."""
    return ImageFont.truetype(str(path), size)


@dataclass(frozen=True)
class FootLine:
    """A line at the foot of the cover: the role, the region, the edition, the organisation."""

    text: str
    size: int
    bold: bool = False


@dataclass(frozen=True)
class Face:
    """A font at one size, with fallbacks for the characters it cannot draw, first match wins."""

    files: tuple[Path, ...]
    size: int

    @cached_property
    def fonts(self) -> tuple[ImageFont.FreeTypeFont, ...]:
        return tuple(_font(path, self.size) for path in self.files)

    def runs(self, text: str) -> Iterator[tuple[ImageFont.FreeTypeFont, str]]:
        """The text in runs of characters that one font draws (the first font when none does)."""
        current: ImageFont.FreeTypeFont | None = None
        start = 0
        for index, char in enumerate(text):
            font = next((font for font, path in zip(self.fonts, self.files, strict=True)
                         if char.isspace() or ord(char) in covered_codepoints(path)), self.fonts[0])
            if font is not current:
                if current is not None and index > start:
                    yield current, text[start:index]
                current, start = font, index
        if current is not None:
            yield current, text[start:]

    def width(self, text: str) -> float:
        return sum(font.getlength(run) for font, run in self.runs(text))

    def draw(self, canvas: ImageDraw.ImageDraw, x: float, baseline: float, text: str,
             fill: tuple[int, int, int]) -> None:
        for font, run in self.runs(text):
            canvas.text((x, baseline), run, font=font, fill=fill, anchor="ls")
            x += font.getlength(run)


@dataclass(frozen=True)
class Fonts:
    """The theme's font files for the cover, each list in fallback order."""

    regular: tuple[Path, ...]
    bold: tuple[Path, ...]

    def face(self, size: int, *, bold: bool = False) -> Face:
        return Face(self.bold if bold else self.regular, size)


def wrap(text: str, face: Face, width: float = TEXT_WIDTH, max_lines: int | None = None) -> list[str]:
    """Lines of text that each fit `width`, broken between words (inside a word only when the word
    alone is too wide); past max_lines the last line ends in an ellipsis."""
    lines: list[str] = []
    for word in text.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and face.width(joined) <= width:
            lines[-1] = joined
        else:
            lines += _break(word, face, width)
    if max_lines is not None and len(lines) > max_lines:
        last = lines[max_lines - 1].rstrip(" .,;:")
        while last and face.width(last + "…") > width:
            last = last[:-1].rstrip()
        lines = [*lines[: max_lines - 1], last + "…"]
    return lines


def _break(word: str, face: Face, width: float) -> list[str]:
    """The word as one line, or, when it alone is too wide, as the fewest lines that fit."""
    pieces = [""]
    for char in word:
        if pieces[-1] and face.width(pieces[-1] + char) > width:
            pieces.append("")
        pieces[-1] += char
    return pieces


def _band_bottom(kicker: bool, lines: int, size: int) -> float:
    """Where the accent band ends under a title of `lines` lines at `size`."""
    return MARGIN + (KICKER_SIZE * 1.6 if kicker else 0) + lines * size * 1.12 + size * 0.55 + MARGIN * 0.7


def title_lines(title: str, fonts: Fonts, *, kicker: bool = False,
                bottom: float = HEIGHT) -> tuple[list[str], Face]:
    """The largest title size at which no word is broken and the band ends above `bottom`; failing
    that, the smallest size, with as many lines as fit."""
    for size in TITLE_SIZES:
        face = fonts.face(size, bold=True)
        lines = wrap(title, face)
        if (len(lines) <= TITLE_MAX_LINES and _band_bottom(kicker, len(lines), size) <= bottom
                and all(face.width(word) <= TEXT_WIDTH for word in title.split())):
            return lines, face
    face = fonts.face(TITLE_SIZES[-1], bold=True)
    room = next((n for n in range(TITLE_MAX_LINES, 0, -1) if _band_bottom(kicker, n, face.size) <= bottom), 1)
    return wrap(title, face, max_lines=room), face


def text_on(background: RGB) -> RGB:
    """Paper or ink, whichever reads better on the background (one of them always reaches 4.5:1)."""
    return better_on(background, PAPER, INK)


def logo_image(checked: Logo) -> Image.Image:
    """A PNG logo fitted into LOGO_BOX on white (Kobo shows transparency as its own background).
    The loader checked that it is a whole PNG of a safe size (load/logo.py)."""
    try:
        with Image.open(io.BytesIO(checked.data), formats=["PNG"]) as source:
            logo = source.convert("RGBA")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise BuildError(f"the logo is not a PNG image that can be read: {exc}", ("brand", "logo")) from None
    logo.thumbnail(LOGO_BOX, Image.Resampling.LANCZOS)
    flat = Image.new("RGB", logo.size, PAPER)
    flat.paste(logo, mask=logo.getchannel("A"))
    return flat


def draw(*, title: str, subtitle: str, kicker: str | None, foot: Sequence[FootLine], accent: str,
         fonts: Fonts, logo: Logo | None = None) -> bytes:
    """The cover as PNG bytes: kicker and title on the accent band, the subtitle under it, and at the
    bottom the logo (a PNG one) over the foot lines. Laid out from the bottom up, so the title takes
    what room is left and nothing overlaps."""
    band = hex_colour(accent)
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    canvas = ImageDraw.Draw(image)

    foot_top = HEIGHT - MARGIN - sum(line.size * 1.4 for line in foot)
    y = foot_top
    for line in foot:
        y += line.size * 1.4
        face = fonts.face(line.size, bold=line.bold)
        face.draw(canvas, MARGIN, y - line.size * 0.3, wrap(line.text, face, max_lines=1)[0], INK)
    picture = logo_image(logo) if logo is not None and logo.media_type == "image/png" else None
    if picture is not None:
        foot_top -= picture.height + 40
        image.paste(picture, (MARGIN, round(foot_top)))
    canvas.rectangle((MARGIN, foot_top - 44, MARGIN + 160, foot_top - 36), fill=band)

    subtitle_face = fonts.face(SUBTITLE_SIZE)
    subtitle_lines = wrap(subtitle, subtitle_face, max_lines=SUBTITLE_MAX_LINES)
    subtitle_height = (len(subtitle_lines) + 0.6) * SUBTITLE_SIZE * 1.3
    lines, face = title_lines(title, fonts, kicker=bool(kicker), bottom=foot_top - 100 - subtitle_height)
    band_bottom = _band_bottom(bool(kicker), len(lines), face.size)
    canvas.rectangle((0, 0, WIDTH, band_bottom), fill=band)
    on_band = text_on(band)
    if kicker:
        fonts.face(KICKER_SIZE, bold=True).draw(canvas, MARGIN, MARGIN + KICKER_SIZE, kicker.upper(), on_band)
    y = MARGIN + (KICKER_SIZE * 1.6 if kicker else 0)
    for text in lines:
        y += face.size * 1.12
        face.draw(canvas, MARGIN, y, text, on_band)
    y = band_bottom + SUBTITLE_SIZE * 0.6
    for text in subtitle_lines:
        y += SUBTITLE_SIZE * 1.3
        subtitle_face.draw(canvas, MARGIN, y, text, INK)

    out = io.BytesIO()  # a palette keeps text and flat logos clean at half an RGB PNG's size
    image.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(out, format="PNG")
    return out.getvalue()
