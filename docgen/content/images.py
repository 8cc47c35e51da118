"""What kind of image a content file holds, and its size, from its own bytes.

A seal image arrives by mail with the report: it is read once, from the content
folder only, and accepted only if its bytes are what its name says — a PNG
(signature and IHDR header, every pixel readable) or an SVG (XML whose root is
<svg>, parsed without entities, network or huge-tree expansion). Anything else is a located content
error, never a crash in a writer later.
"""

from __future__ import annotations

import io
import re
import struct
import zlib

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# A seal is a few centimetres across; 4000 px is 2400 dpi at 42 mm.
MAX_IMAGE_PX = 4000
MAX_SVG_ELEMENTS = 20_000       # the example seal, its characters as outlines, has 12
_SVG_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px|pt|mm|cm|in)?\s*$")


class ImageProblem(ValueError):
    """Why the bytes are not an image docgen can place (a sentence for the clerk)."""


def image_kind_and_size(name: str, data: bytes) -> tuple[str, int, int]:
    """("png" | "svg", width, height) of the image in data, or ImageProblem."""
    lower = name.lower()
    if lower.endswith(".png"):
        width, height = _png_size(data)
        return "png", width, height
    if lower.endswith(".svg"):
        width, height = _svg_size(data)
        return "svg", width, height
    raise ImageProblem("expected a .png or .svg file name")


def _png_size(data: bytes) -> tuple[int, int]:
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR" or len(data) < 33:
        raise ImageProblem("not a PNG image (its bytes do not start as a PNG's do)")
    width, height = struct.unpack(">II", data[16:24])
    if zlib.crc32(data[12:29]) != struct.unpack(">I", data[29:33])[0]:
        raise ImageProblem("a damaged PNG image (its header does not check out)")
    _bounded(width, height)
    _decoded(data)
    return width, height


def _decoded(data: bytes) -> None:
    """Every pixel read once (Pillow, which the PDF writer draws PNGs with): a PNG cut short
    or damaged after its header is refused here, not when a writer draws it."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageProblem(f"a damaged PNG image (its pixels cannot be read: {exc})") from None


def _svg_size(data: bytes) -> tuple[int, int]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ImageProblem(f"not an SVG image (not well-formed XML: {exc.msg})") from None
    if not isinstance(root.tag, str) or etree.QName(root).localname != "svg":
        raise ImageProblem("not an SVG image (its root element is not <svg>)")
    _no_nested_use(root)
    view_box = (root.get("viewBox") or "").replace(",", " ").split()
    sizes = [_svg_length(root.get(key)) for key in ("width", "height")]
    if sizes[0] is not None and sizes[1] is not None:
        width, height = sizes[0], sizes[1]
    elif len(view_box) == 4:
        try:
            width, height = float(view_box[2]), float(view_box[3])
        except ValueError:
            raise ImageProblem("an SVG image whose viewBox is not four numbers") from None
    else:
        raise ImageProblem("an SVG image without a size (give <svg> a width and height or a viewBox)")
    return _bounded(round(width), round(height))


def _no_nested_use(root) -> None:
    """A <use> that repeats a group holding <use>s multiplies the drawing at every level: ten
    levels of ten make 10^10 shapes, and cairosvg needs about 17 s to refuse it. A seal needs no
    such thing, so it is refused here, before any drawing, as are more elements than a seal has."""
    elements = [element for element in root.iter() if isinstance(element.tag, str)]
    if len(elements) > MAX_SVG_ELEMENTS:
        raise ImageProblem(f"an SVG image of {len(elements):,} elements; a seal image has at most "
                           f"{MAX_SVG_ELEMENTS:,}")
    by_id = {element.get("id"): element for element in elements if element.get("id")}
    for element in elements:
        if _localname(element) != "use":
            continue
        href = element.get("href") or element.get("{http://www.w3.org/1999/xlink}href") or ""
        target = by_id.get(href.removeprefix("#"))
        if target is not None and any(_localname(inner) == "use" for inner in target.iter()
                                      if isinstance(inner.tag, str)):
            raise ImageProblem("an SVG image with a <use> of shapes that hold <use>s themselves (nested "
                               "repeats); draw the shapes out")


def _localname(element) -> str:
    return element.tag.rpartition("}")[2]


def _svg_length(value: str | None) -> float | None:
    match = _SVG_LENGTH.match(value or "")
    return float(match[1]) if match else None


def _bounded(width: int, height: int) -> tuple[int, int]:
    if not (0 < width <= MAX_IMAGE_PX and 0 < height <= MAX_IMAGE_PX):
        raise ImageProblem(f"an image of {width} × {height} pixels; a seal image is 1 to {MAX_IMAGE_PX} pixels "
                           "each way")
    return width, height
