"""What kind of image a content file holds, and its size, from its own bytes.

A seal image arrives by mail with the report: it is read once, from the content
folder only, and accepted only if its bytes are what its name says — a PNG
(signature and IHDR header, then every chunk whole with its CRC and the image
data inflating to exactly the size the header gives) or an SVG (XML whose root
is <svg>, parsed without entities, network or huge-tree expansion, declaring no
entities and referring to nothing outside itself: an SVG renderer must never be
led to read another file). Anything else is a located content error, never a
crash in a writer later.
"""

from __future__ import annotations

import itertools
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
    width, height = _bounded(width, height)
    bit_depth, colour_type, interlace = data[24], data[25], data[28]
    channels = _PNG_CHANNELS.get(colour_type)
    if channels is None or bit_depth not in _PNG_DEPTHS[colour_type] or interlace not in (0, 1):
        raise ImageProblem("a damaged PNG image (its header gives no valid colour type and bit depth)")
    _check_png_data(_png_image_data(data), _png_data_size(width, height, channels * bit_depth, interlace))
    return width, height


# PNG colour types (ISO/IEC 15948 §11.2.2): channels and the bit depths each allows.
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_PNG_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
# Adam7 interlacing (§8.2): each pass's first column and row and its steps across and down.
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


def _png_image_data(data: bytes) -> bytes:
    """The IDAT chunks' data, joined, once every chunk up to IEND is whole with a right CRC."""
    position, found = len(PNG_SIGNATURE), []
    while True:
        if position + 12 > len(data):
            raise ImageProblem("a damaged PNG image (cut short: it has no end chunk)")
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        end = position + 8 + length
        if end + 4 > len(data) or zlib.crc32(data[position + 4:end]) != struct.unpack(">I", data[end:end + 4])[0]:
            raise ImageProblem(f"a damaged PNG image (its {kind.decode('latin-1')!r} chunk does not check out)")
        if kind == b"IDAT":
            found.append(data[position + 8:end])
        if kind == b"IEND":
            return b"".join(found)
        position = end + 4


def _png_data_size(width: int, height: int, bits_per_pixel: int, interlace: int) -> int:
    """Bytes of the inflated image data: each row (of each interlace pass) a filter byte and its pixels."""
    passes = _ADAM7 if interlace else ((0, 0, 1, 1),)
    size = 0
    for x0, y0, dx, dy in passes:
        columns, rows = -(-(width - x0) // dx), -(-(height - y0) // dy)
        if columns > 0 and rows > 0:
            size += rows * (1 + -(-columns * bits_per_pixel // 8))
    return size


def _check_png_data(compressed: bytes, size: int) -> None:
    """The image data inflates to exactly `size` bytes, inflated piece by piece (never all in memory)."""
    inflater, inflated, pending = zlib.decompressobj(), 0, compressed
    try:
        while pending and inflated <= size:
            inflated += len(inflater.decompress(pending, _INFLATE_PIECE))
            pending = inflater.unconsumed_tail
        inflated += len(inflater.flush()) if inflated <= size else 0
    except zlib.error:
        raise ImageProblem("a damaged PNG image (its image data does not inflate)") from None
    if inflated != size or not inflater.eof:
        raise ImageProblem("a damaged PNG image (its image data is not the size its header gives)")


_INFLATE_PIECE = 1 << 20


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
    _check_self_contained(root)
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


def _check_self_contained(root) -> None:
    """No entities, no style sheets, nothing referred to outside the image itself: an href or a
    url() may only name one of its own elements (#id)."""
    from lxml import etree

    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise ImageProblem("an SVG image that declares entities (<!ENTITY …>); save it without them")
    for node in itertools.chain(root.itersiblings(preceding=True), root.iter()):
        if not isinstance(node.tag, str):
            if not isinstance(node, etree._Comment):
                raise ImageProblem("an SVG image with a processing instruction or an entity; save it as plain SVG")
            continue
        values = list(node.attrib.items())
        if etree.QName(node).localname == "style":
            values.append(("style", node.text or ""))
        for name, value in values:
            reference = _outside_reference(etree.QName(name).localname, value)
            if reference is not None:
                raise ImageProblem(f"an SVG image that refers to something outside itself ({_shortened(reference)}); "
                                   "a seal image draws everything itself (or send it as a PNG)")


# url(…) naming anything but an element of the image (#id), and CSS @import.
_OUTSIDE = re.compile(r"url\(\s*['\"]?\s*(?!#)[^)]*\)?|@import", re.IGNORECASE)


def _outside_reference(name: str, value: str) -> str | None:
    """What an attribute's value (or a style sheet) refers to outside the image, or None."""
    if name == "href" and not value.strip().startswith("#"):
        return value.strip()
    found = _OUTSIDE.search(value)
    return None if found is None else found.group(0)


def _shortened(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _svg_length(value: str | None) -> float | None:
    match = _SVG_LENGTH.match(value or "")
    return float(match[1]) if match else None


def _bounded(width: int, height: int) -> tuple[int, int]:
    if not (0 < width <= MAX_IMAGE_PX and 0 < height <= MAX_IMAGE_PX):
        raise ImageProblem(f"an image of {width} × {height} pixels; a seal image is 1 to {MAX_IMAGE_PX} pixels "
                           "each way")
    return width, height
