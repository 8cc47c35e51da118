"""reportlab's parsed font faces, kept in the font cache so that a second process loads them at once.

reportlab's TTFontFace reads a whole TrueType font in Python (extractInfo: the cmap, every
glyph's advance and location, one read_ushort at a time), 0.03–0.06 s for each of a
report's five CJK fonts, in every process. What it computes is plain data; docgen saves
it here, beside the prepared fonts (fonts/cache.py), the first time a font is parsed,
and later builds rebuild the face from it in a millisecond. reportlab's subsetter still
cuts the PDF's (and the OFD's) embedded fonts from the font file's bytes (mapped, for a
font docgen prepared: _font_bytes), served the tables it asks for without copying them
again and again (_SavedFace).

A saved face is written by docgen itself, atomically (output.py), keyed by the font
file (path, face, size, modification time), reportlab's version and this format's; its
scalars are JSON, its tables typed arrays, and a SHA-256 of both is checked before any
of it is used. A file that is damaged, foreign or of another version is ignored and
written again from a fresh parse: nothing in it is executed (no pickle, no marshal).
"""

from __future__ import annotations

import hashlib
import json
import mmap
import struct
import sys
from array import array
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFontFace

from docgen.fonts.cache import prepared_fonts_dir
from docgen.output import OutputError, write_atomically

_FORMAT = "1"       # part of every key: a new layout of the saved face is written again
_MAGIC = b"docgen-face\n"
_HEAD = struct.Struct(">32sI")      # SHA-256 of the rest, length of the JSON part

# The face's tables, saved as typed arrays (a dict as its keys and values, in order), each
# with the array types it may have: advances are ints in a font of 1000 units to the em,
# floats in others, and stay so; everything else the face holds is saved as JSON.
_INTS, _NUMBERS = ("q",), ("q", "d")
_ARRAYS: dict[str, tuple[str, ...]] = {
    "cmap_chars": _INTS, "cmap_glyphs": _INTS,            # charToGlyph
    "width_chars": _INTS, "widths": _NUMBERS,             # charWidths
    "glyph_ids": _INTS, "glyph_chars": _INTS,             # glyphToChar, one pair per character
    "advances": _INTS, "advances_after": _NUMBERS,        # hmetrics: its advances, read and reused
    "bearings": _NUMBERS,
    "locations": _INTS,                                   # glyphPos
}
_TABLES = ("charToGlyph", "charWidths", "glyphToChar", "hmetrics", "glyphPos")
# Not saved: the file's bytes and where the parser stands, read again; the scale, made again.
_NOT_SAVED = ("_ttf_data", "_pos", "_pdfScale", "filename", *_TABLES)


class SavedFaceError(ValueError):
    """A saved face that cannot be used: it is parsed again."""


def load_face(path: Path, index: int) -> TTFontFace:
    """Face `index` of the font file: rebuilt from its saved parse if there is a sound one,
    else parsed by reportlab (its errors raised as they are) and its parse saved."""
    source = _source(path, index)
    saved = _saved_file(path, source)
    try:
        return _rebuilt(saved.read_bytes(), source, str(path), _font_bytes(path))
    except (OSError, SavedFaceError):
        pass
    face = TTFontFace(str(path), subfontIndex=index)
    try:
        write_atomically(saved, _serialised(face, source))
    except (OutputError, OSError, TypeError):   # unwritable cache, or a face of a kind not saved: only costs time
        pass
    return face


def _font_bytes(path: Path) -> bytes | mmap.mmap:
    """The font file's bytes for the subsetter. A font docgen prepared (fonts/cache.py, written
    beside the saved faces) is mapped, not read: only the pages of the glyphs a document uses
    are read, ~15 ms less for a report's five CJK fonts. docgen writes those files atomically,
    never in place, so what is mapped stays as it was parsed; the user's own font files are
    read whole, as reportlab reads them: one rewritten in place while `docgen watch` runs
    would change under a mapping (or end the process, SIGBUS, if cut shorter)."""
    if path.parent != prepared_fonts_dir():
        return path.read_bytes()
    with path.open("rb") as file:
        try:
            return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)     # holds a file descriptor of its own
        except ValueError:          # an empty file cannot be mapped
            return b""


def _source(path: Path, index: int) -> str:
    """What a saved face is of, kept in it: the font file as it is now, reportlab, this format."""
    stat = path.stat()
    return (f"{path.resolve()}|{index}|{stat.st_size}|{stat.st_mtime_ns}|reportlab {reportlab.Version}|"
            f"format {_FORMAT}|{sys.byteorder}")


def _saved_file(path: Path, source: str) -> Path:
    key = hashlib.sha256(source.encode()).hexdigest()[:16]
    return prepared_fonts_dir() / f"{path.name}-{key}.face"


def _serialised(face: TTFontFace, source: str) -> bytes:
    fields = {name: _encoded(value) for name, value in vars(face).items() if name not in _NOT_SAVED}
    # extractInfo keeps the advances it reads as ints, and reuses the last one, scaled
    # (a float unless the em has 1000 units), for the glyphs after them
    advances = [aw for aw, _ in face.hmetrics]
    read = next((i for i, aw in enumerate(advances) if type(aw) is not int), len(advances))
    tables = {
        "cmap_chars": face.charToGlyph.keys(), "cmap_glyphs": face.charToGlyph.values(),
        "width_chars": face.charWidths.keys(), "widths": face.charWidths.values(),
        "glyph_ids": [g for g, chars in face.glyphToChar.items() for _ in chars],
        "glyph_chars": [c for chars in face.glyphToChar.values() for c in chars],
        "advances": advances[:read], "advances_after": advances[read:], "bearings": [lsb for _, lsb in face.hmetrics],
        "locations": face.glyphPos,
    }
    arrays = {name: _typed(list(tables[name])) for name in _ARRAYS}
    sizes = {name: [table.typecode, len(table)] for name, table in arrays.items()}
    head = json.dumps({"source": source, "fields": fields, "arrays": sizes}, ensure_ascii=False,
                      sort_keys=True).encode()
    body = head + b"".join(a.tobytes() for a in arrays.values())
    return _MAGIC + _HEAD.pack(hashlib.sha256(body).digest(), len(head)) + body


def _typed(values: list) -> array:
    """Ints as ints, floats as floats: a face with both in one table is not saved."""
    if all(type(v) is int for v in values):
        return array("q", values)
    if all(type(v) is float for v in values):
        return array("d", values)
    raise TypeError("a table of ints and floats")


def _rebuilt(saved: bytes, source: str, filename: str, data: bytes | mmap.mmap) -> TTFontFace:
    """The face of source from its saved parse, with the font file's bytes for the subsetter."""
    if not saved.startswith(_MAGIC) or len(saved) < len(_MAGIC) + _HEAD.size:
        raise SavedFaceError("not a saved face")
    digest, head_length = _HEAD.unpack_from(saved, len(_MAGIC))
    body = memoryview(saved)[len(_MAGIC) + _HEAD.size:]
    if hashlib.sha256(body).digest() != digest:
        raise SavedFaceError("damaged")
    try:
        head = json.loads(bytes(body[:head_length]))
        if head["source"] != source:
            raise SavedFaceError("of another font")
        fields = {name: _decoded(value) for name, value in head["fields"].items()}
        tables, at = {}, head_length
        for name, codes in _ARRAYS.items():
            code, count = head["arrays"][name]
            if code not in codes or not isinstance(count, int) or count < 0:
                raise SavedFaceError(f"unreadable: array {name}")
            table = tables[name] = array(code)
            table.frombytes(body[at:at + count * table.itemsize])
            if len(table) != count:
                raise SavedFaceError(f"unreadable: array {name} cut short")
            at += count * table.itemsize
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SavedFaceError(f"unreadable: {exc}") from None
    if at != len(body):
        raise SavedFaceError("unreadable: wrong length")
    face = _SavedFace.__new__(_SavedFace)
    pdfmetrics.TypeFace.__init__(face, None)
    face.__dict__.update(fields)
    face.filename, face._ttf_data, face._pos = filename, data, 0
    face.charToGlyph = dict(zip(tables["cmap_chars"], tables["cmap_glyphs"]))
    face.charWidths = dict(zip(tables["width_chars"], tables["widths"]))
    face._saved_tables, face._cut_tables = tables, {}
    _check(face)
    units = face.unitsPerEm
    # the scale as extractInfo makes it (font units → 1/1000 em)
    face._pdfScale = (lambda x: x) if units == 1000 else (lambda x, m=1000 / units: x * m)
    return face


class _SavedFace(TTFontFace):
    """A face rebuilt from its saved parse. The tables that only reportlab's subsetter
    (hmetrics, glyphPos) and its shaping (glyphToChar) use are made when first asked for:
    a font that draws nothing (the fallback, most often) never needs them. The subsetter
    (TTFontFile.makeSubset) only indexes hmetrics and glyphPos, one glyph at a time: they
    are served from the saved arrays, not made into lists of a CJK font's 30,000 glyphs."""

    def __getattr__(self, name: str):
        tables = vars(self).get("_saved_tables")
        if tables is None or name not in ("glyphToChar", "hmetrics", "glyphPos"):
            raise AttributeError(name)
        value: dict | _Metrics | array
        if name == "glyphToChar":
            chars: dict[int, list[int]] = {}
            for glyph, char in zip(tables["glyph_ids"], tables["glyph_chars"]):
                chars.setdefault(glyph, []).append(char)
            value = chars
        elif name == "hmetrics":
            value = _Metrics(tables["advances"], tables["advances_after"], tables["bearings"])
        else:
            value = tables["locations"]
        setattr(self, name, value)
        return value

    def get_table(self, tag: str) -> bytes | _GlyphData:
        """A table's bytes, cut from the font file once (reportlab's get_table copies them
        at every call); the glyph outlines (glyf, megabytes in a CJK font), which makeSubset
        takes whole for every subset of 256 characters only to cut its glyphs from, as a
        view that cuts them from the file."""
        cut = self._cut_tables.get(tag)
        if cut is None:
            if tag == "glyf":
                cut = _GlyphData(self._ttf_data, *self.get_table_pos(tag))
            else:
                cut = super().get_table(tag)
            self._cut_tables[tag] = cut
        return cut


class _GlyphData:
    """A table of the font file that is only ever sliced: each slice is the bytes a slice
    of the table's own bytes would be, cut from the file without copying the whole table."""

    def __init__(self, data: bytes | mmap.mmap, offset: int, length: int):
        self._data, self._offset, self._length = data, offset, length

    def __getitem__(self, part: slice) -> bytes:
        start, stop, step = part.indices(self._length)      # clamped to the table, as bytes' slices are
        if step != 1:
            raise ValueError("glyph data is cut in runs")
        return self._data[self._offset + start:self._offset + stop]


class _Metrics:
    """hmetrics as extractInfo makes it, (advance, left side bearing) by glyph, read from the
    saved arrays: the advances read, then the last one reused for the glyphs after them."""

    def __init__(self, advances: array, advances_after: array, bearings: array):
        self._advances, self._after, self._bearings = advances, advances_after, bearings

    def __len__(self) -> int:
        return len(self._bearings)

    def __getitem__(self, glyph: int) -> tuple[int | float, int | float]:
        bearing = self._bearings[glyph]         # IndexError beyond the glyphs, as a list's
        if glyph < 0:
            glyph += len(self._bearings)
        read = len(self._advances)
        return (self._advances[glyph] if glyph < read else self._after[glyph - read]), bearing


def _check(face: _SavedFace) -> None:
    """What the PDF's drawing and subsetting rely on, as extractInfo would have left it."""
    try:
        sound = (isinstance(face.name, bytes) and isinstance(face.numGlyphs, int)
                 and isinstance(face.unitsPerEm, int) and face.unitsPerEm > 0
                 and len(face._saved_tables["advances"]) + len(face._saved_tables["advances_after"])
                 == len(face._saved_tables["bearings"]) == face.numGlyphs
                 and len(face._saved_tables["locations"]) == face.numGlyphs + 1
                 and len(face._saved_tables["glyph_ids"]) == len(face._saved_tables["glyph_chars"])
                 and len(face.charToGlyph) == len(face.charWidths)
                 and all(0 <= record["offset"] and record["offset"] + record["length"] <= len(face._ttf_data)
                         for record in face.table.values()))
    except (AttributeError, KeyError, TypeError) as exc:
        raise SavedFaceError(f"incomplete: {exc}") from None
    if not sound:
        raise SavedFaceError("does not fit the font file")


# JSON keeps str, int, float, bool and None; lists carry a tag for what JSON cannot hold.
def _encoded(value):
    if isinstance(value, TTFNameBytes):
        return ["name", value.ustr]
    if isinstance(value, bytes):
        return ["bytes", value.decode("latin-1")]
    if isinstance(value, (list, tuple)):
        return ["list" if isinstance(value, list) else "tuple", [_encoded(item) for item in value]]
    if isinstance(value, dict):
        return ["dict", [[_encoded(k), _encoded(v)] for k, v in value.items()]]
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"cannot save a {type(value).__name__} of a font face")


def _decoded(value):
    if not isinstance(value, list):
        return value
    tag, content = value
    if tag == "name":
        return TTFNameBytes(content.encode())
    if tag == "bytes":
        return content.encode("latin-1")
    if tag == "list":
        return [_decoded(item) for item in content]
    if tag == "tuple":
        return tuple(_decoded(item) for item in content)
    if tag == "dict":
        return {_decoded(k): _decoded(v) for k, v in content}
    raise SavedFaceError(f"unknown tag {tag!r}")
