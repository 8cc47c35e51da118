"""The OFD's embedded fonts: a TrueType subset of the very font the PDF draws with,
holding the glyphs of the characters used, so that every OFD reader draws the
document's own outlines. TrueType (glyf outlines), not CFF: docgen's prepared fonts
are TrueType already (fonts/prep.py converts CFF, as reportlab requires), and more
OFD readers handle it.

The cut is reportlab's own (TTFontFace.makeSubset, the one its PDF subsets come from,
on the font it has parsed already): fontTools' subsetter would parse each CJK font
again and costs three times the whole PDF drawing step. makeSubset's cmap maps the
subset's own codes (a PDF's); an OFD's TextCode holds Unicode, so the cmap is
replaced by a Unicode one (platform 3, encoding 1 or 10) with fontTools, on the small
subset.
"""

from __future__ import annotations

import io

from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import cmap_format_4, cmap_format_12
from reportlab.pdfbase.ttfonts import TTFontFace


def subset_font(face: TTFontFace, chars: str) -> bytes:
    """The face cut to chars (whitespace left out: a TextCode's DeltaX places the next
    glyph), as a TrueType file whose cmap maps their Unicode values."""
    codes = sorted({ord(c) for c in chars if not c.isspace()})
    # makeSubset numbers the glyphs as they first come in codes, after .notdef.
    new_gids: dict[int, int] = {0: 0}
    for code in codes:
        new_gids.setdefault(face.charToGlyph.get(code, 0), len(new_gids))
    font = TTFont(io.BytesIO(face.makeSubset(codes)), lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    names = font.getGlyphOrder()
    mapping = {code: names[new_gids[face.charToGlyph.get(code, 0)]] for code in codes}
    bmp = cmap_format_4(4)
    bmp.platformID, bmp.platEncID, bmp.language = 3, 1, 0
    bmp.cmap = {code: name for code, name in mapping.items() if code <= 0xFFFF}
    tables = [bmp]
    if any(code > 0xFFFF for code in codes):        # a character outside the BMP (GB 18030's)
        full = cmap_format_12(12)
        full.platformID, full.platEncID, full.language = 3, 10, 0
        full.cmap = mapping
        tables.append(full)
    cmap = newTable("cmap")
    cmap.tableVersion, cmap.tables = 0, tables
    font["cmap"] = cmap
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
