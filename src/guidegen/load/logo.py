"""The brand's logo, checked by its content and made safe before any edition uses it.

A logo comes from whoever made the brand, and every edition embeds it: the PDFs draw it, the EPUB
packages it. So it is read like content (a bounded read of a regular file), recognised by its bytes
(a PNG or an SVG, whatever its name says), limited in size, and an SVG is reduced to a safe subset of
drawing elements: no scripts, event handlers, foreign content, external or entity references, and
no `<use>` that points at another `<use>` (nested references make drawing cost grow exponentially).
A logo that is none of these is an error at `brand.logo`, never a silent substitute.
"""

from __future__ import annotations

import base64
import io
import re
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from ..base.reading import UnreadableFile, read_bounded

MAX_LOGO_BYTES = 2_000_000
MAX_SIDE_PX = 4096  # a PNG logo's width and height at most: enough for print at any size used
MAX_USES = 64
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
_XML = "http://www.w3.org/XML/1998/namespace"

#: What a logo may be drawn with. Anything else (script, foreignObject, image, iframe, animate, set,
#: filter, style sheets that fetch) is dropped with everything inside it.
_ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "title", "desc", "a", "switch",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "style",
})
_FETCHES = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import|expression\(|javascript:", re.IGNORECASE)


class LogoError(Exception):
    """A logo that cannot be used; the message says why, for a Problem at `brand.logo`."""


@dataclass(frozen=True)
class Logo:
    """A checked logo: the bytes every edition embeds, and what they are."""

    media_type: str  # "image/png" or "image/svg+xml"
    data: bytes

    @property
    def suffix(self) -> str:
        return ".png" if self.media_type == "image/png" else ".svg"

    def data_uri(self) -> str:
        """The logo as a data: URI, so a renderer draws these bytes and reads no file."""
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def read_logo(path: Path) -> Logo:
    """The logo at `path`, checked and made safe; LogoError says what is wrong with it."""
    try:
        data = read_bounded(path, MAX_LOGO_BYTES, "logo")
    except UnreadableFile as error:
        raise LogoError(str(error)) from None
    return _checked(data)


@cache
def _checked(data: bytes) -> Logo:
    if data.startswith(PNG_SIGNATURE):
        return Logo("image/png", _png(data))
    if b"<svg" in data[:4096] or data.lstrip().startswith(b"<"):
        return Logo("image/svg+xml", _svg(data))
    raise LogoError("is neither a PNG nor an SVG image")


def _png(data: bytes) -> bytes:
    """A PNG of sensible size that decodes whole (a broken file is refused, not left out)."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise LogoError("is not a readable PNG image (no header)")
    width, height = struct.unpack(">II", data[16:24])
    if not (0 < width <= MAX_SIDE_PX and 0 < height <= MAX_SIDE_PX):
        raise LogoError(f"is {width} x {height} pixels; logos are limited to {MAX_SIDE_PX} x {MAX_SIDE_PX}")
    from PIL import Image, UnidentifiedImageError

    try:  # verify: every chunk whole and its checksum right, whatever Pillow is set to forgive
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError) as error:
        raise LogoError(f"is not a readable PNG image ({error})") from None
    return data


def _svg(data: bytes) -> bytes:
    """The SVG reduced to drawing elements and local references, or LogoError."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise LogoError(f"is not a well-formed SVG image ({error.msg})") from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise LogoError("declares entities or a DTD, which a logo must not")
    if root.tag != f"{{{SVG}}}svg":
        raise LogoError("is not an SVG image (its root element is not <svg>)")
    _prune(root)
    _check_uses(root)
    return bytes(etree.tostring(root, encoding="utf-8", xml_declaration=True))


def _prune(element: etree._Element) -> None:
    """Drop what is not drawing, and every attribute that runs or fetches something."""
    for child in list(element):
        namespace, name = _split(child.tag if isinstance(child.tag, str) else "")
        fetches = name == "style" and _FETCHES.search(child.text or "")
        if namespace != SVG or name not in _ELEMENTS or fetches:
            element.remove(child)
        else:
            _prune(child)
    for attribute in list(element.attrib):
        namespace, name = _split(str(attribute))
        value = str(element.attrib[attribute])
        if (name.lower().startswith("on") or namespace not in ("", XLINK, _XML)
                or (name == "href" and not value.startswith("#")) or _FETCHES.search(value)):
            del element.attrib[attribute]


def _split(name: str) -> tuple[str, str]:
    """`{namespace}local` as (namespace, local)."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return "", name


def _check_uses(root: etree._Element) -> None:
    """A bounded number of `<use>`, none pointing at a `<use>` or at anything holding one."""
    uses = list(root.iter(f"{{{SVG}}}use"))
    if len(uses) > MAX_USES:
        raise LogoError(f"has {len(uses)} <use> references; logos are limited to {MAX_USES}")
    ids = {element.get("id"): element for element in root.iter() if element.get("id")}
    for use in uses:
        target = ids.get((use.get("href") or use.get(f"{{{XLINK}}}href") or "").removeprefix("#"))
        if target is not None and any(True for _ in target.iter(f"{{{SVG}}}use")):
            raise LogoError("has a <use> that points at another <use>: drawing it could take "
                            "exponentially long")
