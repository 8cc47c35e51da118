"""The OFD's embedded fonts: a TrueType subset of the very font the PDF draws with,
holding the glyphs of the characters used, so that every OFD reader draws the
document's own outlines. TrueType (glyf outlines), not CFF: docgen's prepared fonts
are TrueType already (fonts/prep.py converts CFF, as reportlab requires), and more
OFD readers handle it.

The cut is reportlab's own (TTFontFace.makeSubset, the one its PDF subsets come from,
on the font it has parsed already): fontTools' subsetter would parse each CJK font
again and costs three times the whole PDF drawing step. makeSubset's cmap maps the
subset's own codes (a PDF's); an OFD's TextCode holds Unicode, so the cmap is
replaced by a Unicode one (platform 3, encoding 1 or 10), compiled by fontTools.
The tables are put back together here (_sfnt), as fontTools' TTFont.save writes them
(the OpenType spec's recommended table order, checksums, head.checkSumAdjustment):
TTFont.save reads, checksums and writes every table twice, more than half of a
subset's time (issue 16's batch target), for the same bytes.
"""

from __future__ import annotations

import struct

from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import cmap_format_4, cmap_format_12
from fontTools.ttLib.ttFont import sortedTagList
from reportlab.lib.rl_accel import calcChecksum  # a table's checksum, zero-padded words (C: makeSubset's own)
from reportlab.pdfbase.ttfonts import TTFontFace

# sfnt (OpenType spec, "Organization of an OpenType font"): the offset table, then one
# directory entry per table; head.checkSumAdjustment makes the whole file sum to this.
_OFFSET_TABLE = ">4sHHHH"       # sfntVersion, numTables, searchRange, entrySelector, rangeShift
_ENTRY = ">4sLLL"               # tag, checkSum, offset, length
_CHECKSUM_MAGIC = 0xB1B0AFBA
_ADJUSTMENT_AT = 8              # checkSumAdjustment's offset in head


def subset_font(face: TTFontFace, chars: str) -> bytes:
    """The face cut to chars (whitespace left out: a TextCode's DeltaX places the next
    glyph), as a TrueType file whose cmap maps their Unicode values."""
    codes = sorted({ord(c) for c in chars if not c.isspace()})
    # makeSubset numbers the glyphs as they first come in codes, after .notdef.
    new_gids: dict[int, int] = {0: 0}
    for code in codes:
        new_gids.setdefault(face.charToGlyph.get(code, 0), len(new_gids))
    version, tables = _tables(face.makeSubset(codes))
    glyph_count = struct.unpack(">H", tables["maxp"][4:6])[0]     # maxp.numGlyphs
    tables["cmap"] = _unicode_cmap({code: new_gids[face.charToGlyph.get(code, 0)] for code in codes}, glyph_count)
    return _sfnt(version, tables)


def _unicode_cmap(glyph_ids: dict[int, int], glyph_count: int) -> bytes:
    """A cmap table mapping Unicode values to glyph IDs: format 4 for the BMP, with format 12
    for all of them where a character lies outside it (GB 18030's)."""
    font = TTFont()                             # only lends the compiler its glyph IDs by name
    font.setGlyphOrder([f"glyph{gid}" for gid in range(glyph_count)])
    names = {code: f"glyph{gid}" for code, gid in glyph_ids.items()}
    bmp = cmap_format_4(4)
    bmp.platformID, bmp.platEncID, bmp.language = 3, 1, 0
    bmp.cmap = {code: name for code, name in names.items() if code <= 0xFFFF}
    subtables = [bmp]
    if any(code > 0xFFFF for code in names):
        full = cmap_format_12(12)
        full.platformID, full.platEncID, full.language = 3, 10, 0
        full.cmap = names
        subtables.append(full)
    cmap = newTable("cmap")
    cmap.tableVersion, cmap.tables = 0, subtables
    return cmap.compile(font)


def _tables(font: bytes) -> tuple[bytes, dict[str, bytes]]:
    """An sfnt's version and its tables' data by tag."""
    count = struct.unpack(">H", font[4:6])[0]
    tables = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(_ENTRY, font, 12 + 16 * i)
        tables[tag.decode("latin-1")] = font[offset:offset + length]
    return font[:4], tables


def _sfnt(version: bytes, tables: dict[str, bytes]) -> bytes:
    """The tables as one sfnt file: directory entries by tag, the tables' data in the
    recommended order, each padded to 4 bytes, head.checkSumAdjustment set last."""
    count = len(tables)
    entry_selector = count.bit_length() - 1
    search_range = 16 << entry_selector
    offset = struct.calcsize(_OFFSET_TABLE) + count * struct.calcsize(_ENTRY)
    entries, body = {}, []
    for tag in sortedTagList(list(tables)):
        data = tables[tag]
        summed = data[:_ADJUSTMENT_AT] + bytes(4) + data[_ADJUSTMENT_AT + 4:] if tag == "head" else data
        entries[tag] = (calcChecksum(summed), offset, len(data))
        body.append(data + bytes(-len(data) % 4))
        offset += len(body[-1])
    directory = struct.pack(_OFFSET_TABLE, version, count, search_range, entry_selector,
                            count * 16 - search_range)
    directory += b"".join(struct.pack(_ENTRY, tag.encode("latin-1"), *entries[tag]) for tag in sorted(tables))
    total = sum(checksum for checksum, _, _ in entries.values()) + calcChecksum(directory)
    font = bytearray(directory + b"".join(body))
    at = entries["head"][1] + _ADJUSTMENT_AT
    font[at:at + 4] = struct.pack(">L", (_CHECKSUM_MAGIC - total) & 0xFFFFFFFF)
    return bytes(font)
