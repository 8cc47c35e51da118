"""Where a character of a content text stands in report.yaml: line and column for messages,
and the file offset a safe fix replaces.

A loaded Text knows where its YAML scalar starts (Text.where); its value is the scalar as
YAML read it, stripped. The characters are found again in the file by walking both in step
from that start: what YAML drops between them (a quote, a line break and the indentation of
a folded or block scalar, a doubled '' quote) is skipped; anything else — an escape such as
\\u4e00 in a double-quoted scalar — ends the walk, and the scalar's start stands for the rest.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from docgen.content.model import Location, Text
from docgen.record import record

_SKIPPED = " \t\r\n'\"\\"          # what YAML may drop between two characters of a value


@record
class Place:
    where: Location
    offset: int | None      # in the file's text; None where the walk could not follow the scalar


_NEWLINE = re.compile("\n")


class SourceFile:
    """A content file's text, for locating and fixing characters of its texts."""

    def __init__(self, path: Path, text: str | None = None):
        self.path = path
        self.text = text if text is not None else path.read_text(encoding="utf-8")
        self.line_starts = [0] + [match.end() for match in _NEWLINE.finditer(self.text)]
        self._walked: dict[tuple, list[int | None]] = {}

    def offset_of(self, where: Location) -> int:
        return self.line_starts[where.line - 1] + where.column - 1

    def location(self, offset: int) -> Location:
        line = bisect.bisect_right(self.line_starts, offset)
        return Location(self.path, line, offset - self.line_starts[line - 1] + 1)

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:end if end >= 0 else len(self.text)]

    def top_level_key(self, key: str) -> Text:
        """A top-level key of the file as a located text (for a finding on a field as a whole:
        `sections:` for a missing part, `date:`); the file's start if it is not written."""
        match = re.search(rf"^{re.escape(key)}:", self.text, re.MULTILINE)
        offset = match.start() if match else 0
        return Text(key, self.location(offset), key)

    def offsets(self, text: Text) -> list[int | None]:
        """The file offset of each character of the text (None past where the walk stopped)."""
        key = (text.where, str(text))
        if key not in self._walked:
            self._walked[key] = self._walk(text)
        return self._walked[key]

    def _walk(self, text: Text) -> list[int | None]:
        found: list[int | None] = [None] * len(text)
        if text.where is None or text.where.file != self.path or text.where.line > len(self.line_starts):
            return found
        p = self.offset_of(text.where)
        if p < len(self.text) and self.text[p] in "|>":     # a block scalar: its text starts on the next line
            p = self.text.find("\n", p) + 1 or len(self.text)
        for i, ch in enumerate(str(text)):
            while p < len(self.text) and self.text[p] != ch and self.text[p] in _SKIPPED:
                p += 1
            if p >= len(self.text) or self.text[p] != ch:
                break
            found[i] = p
            p += 1
        return found

    def place(self, text: Text, index: int) -> Place:
        """Where the text's character `index` is (its scalar's start if it cannot be followed)."""
        offsets = self.offsets(text)
        offset = offsets[index] if 0 <= index < len(offsets) else None
        if offset is None:
            return Place(text.where or Location(self.path, 1, 1), None)
        return Place(self.location(offset), offset)
