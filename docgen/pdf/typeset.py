"""Chinese line breaking and justification: text in, lines out (a pure function).

reportlab's own wrapping lets "，" start a line and cannot justify Chinese, so
the PDF writer sets lines with this instead:
- units that must not be split: a number or code (255.54, 2024-03-29,
  014032126/2024-00580, 1+3+N), a 破折号 ——, a 省略号 ……;
- 禁则: a mark that may not start a line clings to what precedes it, an
  opening mark that may not end a line clings to what follows;
- greedy filling; when the next cluster does not fit, the line ends before it
  (the character is pulled to the next line) and the line is re-justified by
  spreading the space left over evenly between its characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# GB/T 15834 and common 禁则 sets.
NO_LINE_START = frozenset("，。、；：？！）》」』〉】〕〗”’…—%‰·,.;:!?)]}")
NO_LINE_END = frozenset("（《「『〈【〔〖“‘([{")
_PAIRED = ("——", "……")
_WORD = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_INSIDE_WORD = frozenset(".,%+-/:_@#&·")
# Rounding slack when deciding whether a cluster fits (pt).
_FIT_TOLERANCE = 0.01


@dataclass(frozen=True)
class Glyph:
    char: str
    width: float        # natural advance, pt
    style: Any          # whatever the writer needs to draw it (font, size, bold)


@dataclass
class Line:
    glyphs: list[Glyph]
    x: list[float] = field(default_factory=list)     # each glyph's left edge, from the line start
    is_last: bool = False                            # the paragraph's last line

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)

    @property
    def natural_width(self) -> float:
        return sum(g.width for g in self.glyphs)


def _units(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Unbreakable units: numbers/codes, doubled dashes and ellipses, single characters."""
    units: list[list[Glyph]] = []
    i = 0
    while i < len(glyphs):
        ch = glyphs[i].char
        pair = "".join(g.char for g in glyphs[i:i + 2])
        if pair in _PAIRED:
            units.append(glyphs[i:i + 2])
            i += 2
        elif ch in _WORD:
            j = i + 1
            while j < len(glyphs) and (glyphs[j].char in _WORD or (
                    glyphs[j].char in _INSIDE_WORD and j + 1 < len(glyphs) and glyphs[j + 1].char in _WORD)
                    or glyphs[j].char == "%"):
                j += 1
            units.append(glyphs[i:j])
            i = j
        else:
            units.append([glyphs[i]])
            i += 1
    return units


def clusters(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Units glued by 禁则: nothing that may not start a line starts a cluster,
    nothing that may not end a line ends one."""
    result: list[list[Glyph]] = []
    for unit in _units(glyphs):
        if result and (unit[0].char in NO_LINE_START or result[-1][-1].char in NO_LINE_END):
            result[-1] = result[-1] + unit
        else:
            result.append(list(unit))
    return result


def break_lines(glyphs: list[Glyph], first_width: float, width: float) -> list[Line]:
    """Fill lines greedily; the first line is first_width wide, the others width."""
    lines: list[Line] = []
    current: list[Glyph] = []
    used = 0.0
    for cluster in clusters(glyphs):
        cluster_width = sum(g.width for g in cluster)
        capacity = first_width if not lines else width
        if current and used + cluster_width > capacity + _FIT_TOLERANCE:
            lines.append(Line(_trim(current)))
            current, used = [], 0.0
            capacity = width
        if not current and all(g.char == " " for g in cluster):
            continue                                  # no space at the start of a line
        if not current and cluster_width > capacity + _FIT_TOLERANCE:
            # A cluster wider than a line (a very long code): split it by characters.
            for glyph in cluster:
                if current and used + glyph.width > capacity + _FIT_TOLERANCE:
                    lines.append(Line(_trim(current)))
                    current, used, capacity = [], 0.0, width
                current.append(glyph)
                used += glyph.width
            continue
        current.extend(cluster)
        used += cluster_width
    if current or not lines:
        lines.append(Line(_trim(current)))
    lines[-1].is_last = True
    return lines


def _trim(glyphs: list[Glyph]) -> list[Glyph]:
    """Spaces do not begin or end a line."""
    start, end = 0, len(glyphs)
    while start < end and glyphs[start].char == " ":
        start += 1
    while end > start and glyphs[end - 1].char == " ":
        end -= 1
    return glyphs[start:end]


def place(line: Line, width: float, align: str) -> None:
    """Set line.x: justified lines (all but a paragraph's last) fill `width` exactly
    by even inter-character spacing; others sit left, right or centred."""
    natural = line.natural_width
    gaps = len(line.glyphs) - 1
    if align == "justify" and not line.is_last and gaps > 0:
        extra, start = (width - natural) / gaps, 0.0
    else:
        extra = 0.0
        start = {"right": width - natural, "center": (width - natural) / 2}.get(align, 0.0)
    x = start
    line.x = []
    for glyph in line.glyphs:
        line.x.append(x)
        x += glyph.width + extra
