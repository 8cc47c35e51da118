"""The OFD's embedded fonts: a TrueType subset of the very file the PDF draws with,
holding the glyphs of the characters used (fontTools), so that every OFD reader draws
the document's own outlines. TrueType (glyf) rather than CFF: docgen's prepared fonts
are TrueType already (fonts/prep.py converts CFF), and more OFD readers handle it."""

from __future__ import annotations

import io
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont


def subset_font(path: Path, index: int, chars: str) -> bytes:
    """The font (face index of a collection) cut to chars, as a TrueType file."""
    font = TTFont(str(path), fontNumber=index, lazy=True, recalcTimestamp=False)
    options = subset.Options()
    options.hinting = False                 # readers scale outlines; hints only grow the file
    options.layout_features = []            # the text is set by position; no shaping
    options.name_IDs = [1, 2, 4, 6]         # family, style, full and PostScript names
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(c) for c in chars if not c.isspace()} | {0x20}))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
