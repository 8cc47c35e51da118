"""Fonts made ready for reportlab, once: CFF outlines → TrueType, big fonts cut.

reportlab embeds only TrueType ('glyf') fonts; the open substitutes for 仿宋
(FandolFang) and 小标宋 (Noto Serif CJK) have CFF outlines. fontTools redraws
every glyph with quadratic curves (cu2qu). Noto Serif CJK holds 65,000 glyphs
for five regions; we keep those of GB 2312 (all of Simplified Chinese in
official use, 6,763 hanzi) and ASCII, which makes it a few MB and the
conversion tens of seconds. Large TrueType fonts are cut the same way because
reportlab reads a whole font at every run (0.13 s for a 27,000-glyph font);
the caller keeps the full font for the rare character outside the cut.
Results are cached by the caller. fontTools is imported only when needed:
most runs find everything prepared.

A prepared font keeps its source's head.modified: fontTools would stamp the
time of saving, and reportlab copies that field into every embedded subset,
so the PDF's bytes would depend on when the cache was made.
"""

from __future__ import annotations

import io
import logging
import struct
from collections.abc import Callable
from pathlib import Path

# Above this many glyphs a CFF font is cut to GB 2312 + ASCII before conversion,
# and a TrueType font is cut for quick loading (its full file stays in use for the rest).
LARGE_FONT_GLYPHS = 30_000
LARGE_FONT_GLYPHS_TRUETYPE = 20_000
# cu2qu approximation error, in font units (1/1000 em for CFF fonts): invisible.
MAX_CURVE_ERROR = 1.0

Progress = Callable[[int, int], None]       # (glyphs done, glyphs in all)
# The first four bytes of a font face: TrueType outlines (0x00010000, or 'true' from old Macs), CFF ('OTTO').
_SFNT_VERSIONS = (b"\x00\x01\x00\x00", b"true", b"OTTO")
_COLLECTION = b"ttcf"


def face_count(path: Path) -> int | None:
    """How many faces the font file holds (1, or a .ttc's count), None if it is no TrueType/OpenType font."""
    with open(path, "rb") as handle:
        header = handle.read(12)
    if header[:4] == _COLLECTION and len(header) == 12:
        return struct.unpack(">I", header[8:12])[0] or None
    return 1 if header[:4] in _SFNT_VERSIONS else None


def has_cff_outlines(path: Path, index: int) -> bool:
    """Read from the file header: 'OTTO' marks CFF outlines (for a .ttc, the face's own header)."""
    with open(path, "rb") as handle:
        header = handle.read(12)
        if header[:4] == _COLLECTION:
            handle.seek(12 + 4 * index)
            (offset,) = struct.unpack(">I", handle.read(4))
            handle.seek(offset)
            header = handle.read(4)
    return header[:4] == b"OTTO"


def glyph_count(path: Path, index: int) -> int:
    font = _open(path, index, lazy=True)
    try:
        return font["maxp"].numGlyphs
    finally:
        font.close()


def cut_truetype(source: Path, index: int) -> bytes:
    """Face `index` of a TrueType font cut to GB 2312 and ASCII, as a font file."""
    font = _open(source, index)
    _cut_to(font, gb2312_and_ascii())
    return _saved(font)


def _open(path: Path, index: int, lazy: bool | None = None):
    from fontTools.ttLib import TTFont
    # recalcTimestamp=False: saving keeps the source's head.modified (see the module's docstring).
    return TTFont(path, fontNumber=index, lazy=lazy, recalcTimestamp=False)


def _saved(font) -> bytes:
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def gb2312_and_ascii() -> set[str]:
    """Every character of GB 2312 and printable ASCII.

    The code table is decoded twice: Python's gb2312 codec maps a few marks to
    other code points than GBK and every Windows font do (A1AA: U+2015 vs the
    破折号 U+2014, A1A4: U+30FB vs ·), so both readings are kept.
    """
    chars = {chr(code) for code in range(0x20, 0x7F)}
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            for codec in ("gb2312", "gbk"):
                try:
                    chars.add(bytes((high, low)).decode(codec))
                except UnicodeDecodeError:
                    pass
    return chars


def convert_to_truetype(source: Path, index: int, progress: Progress) -> bytes:
    """A TrueType-outline copy of face `index` of `source`, as a font file."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable
    font = _open(source, index)
    if font["maxp"].numGlyphs > LARGE_FONT_GLYPHS:
        _cut_to(font, gb2312_and_ascii())
    glyph_set = font.getGlyphSet()
    order = font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for done, name in enumerate(order, start=1):
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_CURVE_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
        if done % 500 == 0 or done == len(order):
            progress(done, len(order))
    for table in ("CFF ", "CFF2", "VORG"):
        if table in font:
            del font[table]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    _truetype_maxp(font)
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"
    return _saved(font)


def _cut_to(font, chars: set[str]) -> None:
    from fontTools import subset
    # It reports every table it cannot cut (FFTM, BDF); they are dropped, which is what we want.
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "VORG", "vhea", "vmtx"]
    options.notdef_outline = True
    options.glyph_names = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(ch) for ch in chars])
    subsetter.subset(font)


def _truetype_maxp(font) -> None:
    """maxp version 1.0, as 'glyf' fonts need; the limits are recomputed on save."""
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
