"""A mailed text or web file read safely: its size bounded, binary data refused, its bytes decoded.

Both web readers (text.py, html.py) take a file from another office as it came: a .txt that
Notepad saved as UTF-8, as "ANSI" (GBK on a Chinese Windows) or as "Unicode" (UTF-16), a
page that declares GB2312 in a <meta> and holds GBK… or a file that is no text at all,
named .html. Here the file is read once, never more than the reader's limit, and decoded
in the order that cannot mistake one encoding for another: a byte-order mark, then the
encoding the page declares, then UTF-8 (strict: GBK bytes are almost never valid UTF-8),
then GB18030 (the superset of GB2312 and GBK). Any guess other than UTF-8 is a Change,
so the clerk sees how the file was read.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from docgen.content.model import Location
from docgen.errors import ContentError, ContentErrors
from docgen.importing.source import Change

BINARY_SAMPLE_BYTES = 8192          # how much of the file is looked at to tell text from binary data
MAX_CONTROL_SHARE = 0.02            # control bytes in the sample above this share: not text
_TEXT_CONTROLS = b"\t\n\r\f\x1b"    # controls that text files do hold (ESC: old terminal colour codes)
_CHINESE_CODECS = {"gb2312", "gbk", "gb18030", "hz", "x-gbk", "euc-cn", "cp936"}  # all read as GB18030, their superset
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def refuse(path: Path, message: str, line: int = 1, column: int = 1) -> ContentErrors:
    """The error a reader raises for a file it cannot read: located, in plain words."""
    return ContentErrors([ContentError(Location(path, line, column), "", message)])


def read_bounded(path: Path, limit: int, what: str) -> bytes:
    """The file's bytes, or a located error: not a regular file, larger than `limit`, unreadable."""
    try:
        if not path.is_file():      # a folder, a FIFO (opening it would wait forever), a device
            raise refuse(path, f"not a {what}: no regular file is there")
        size = path.stat().st_size
        if size > limit:
            raise refuse(path, f"the file is {size} bytes; a {what} larger than {_size(limit)} is not read")
        with path.open("rb") as stream:
            data = stream.read(limit + 1)   # the size may have grown since stat()
    except OSError as error:
        raise refuse(path, f"cannot read the file: {error.strerror or error}") from None
    if len(data) > limit:
        raise refuse(path, f"the file is larger than {_size(limit)}; a {what} that large is not read")
    return data


def _size(limit: int) -> str:
    return f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit // 2**10} KB"


def _bom_codec(data: bytes) -> str | None:
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def refuse_binary(path: Path, data: bytes, what: str) -> None:
    """A located error when the bytes are not text: a NUL byte, or many control bytes, near the start."""
    if _bom_codec(data) == "utf-16":
        return                      # UTF-16 text holds a NUL in every ASCII character
    sample = data[:BINARY_SAMPLE_BYTES]
    nul = sample.find(b"\0")
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _TEXT_CONTROLS)
    if nul >= 0 or (sample and controls / len(sample) > MAX_CONTROL_SHARE):
        found = f"a NUL byte at byte {nul + 1}" if nul >= 0 else f"{controls} control bytes in its first {len(sample)}"
        raise refuse(path, f"not a {what}: the file holds binary data ({found}); "
                           "save the page as a web page (.html) or the text as plain text (.txt)")


def _codec_named(name: str) -> str | None:
    """A declared charset as a Python codec (GB2312 and GBK as GB18030), or None if unknown."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "gb18030" if name.lower() in _CHINESE_CODECS or codec in _CHINESE_CODECS else codec


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in bytes) of a byte offset."""
    before = data[:offset]
    line_start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    return len(re.findall(rb"\r\n|\r|\n", before)) + 1, offset - line_start + 1


def decode(path: Path, data: bytes, declared: str | None = None) -> tuple[str, list[Change]]:
    """The text of the bytes and, when it was not read as UTF-8, a Change saying how it was read.
    `declared` is the charset a page names. Strict UTF-8 goes first whatever a page declares:
    GBK text is practically never valid UTF-8, and a page re-saved as UTF-8 often keeps its
    old GB2312 <meta>."""
    bom = _bom_codec(data)
    named = _codec_named(declared) if declared else None
    order = [bom] if bom else [c for c in ("utf-8", named, "gb18030") if c]
    first_error: UnicodeDecodeError | None = None
    for codec in dict.fromkeys(order):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as error:
            first_error = first_error or error
            continue
        if codec == "utf-8" and named not in (None, "utf-8") and not data.isascii():
            return text, [Change(1, "", "", f"the page declares {declared}, but its bytes are UTF-8: read as UTF-8")]
        if codec in ("utf-8", "utf-8-sig"):
            return text, []
        if codec == named:
            why = f"read as {codec.upper()}, the encoding the page declares ({declared})"
        elif codec == "gb18030":
            why = "the file is not UTF-8: read as GB18030 (GBK, what Chinese Windows saves as \"ANSI\")"
        else:
            why = "read as UTF-16, as the file's byte-order mark says (Windows Notepad's \"Unicode\")"
        return text, [Change(1, "", "", why)]
    assert first_error is not None
    line, column = _position(data, first_error.start)
    raise refuse(path, f"the text is neither UTF-8 nor GB18030 (GBK): byte 0x{data[first_error.start]:02X} cannot be "
                       "read; save the file as UTF-8", line, column)
