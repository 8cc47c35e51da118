"""Chinese line breaking and justification: text in, lines out (a pure function).

reportlab's own wrapping lets "，" start a line and cannot justify Chinese, so
the PDF writer sets lines with this instead:
- units that must not be split: a number or code (255.54, 2024-03-29,
  014032126/2024-00580, 1+3+N), a 破折号 ——, a 省略号 ……;
- 禁则: a mark that may not start a line clings to what precedes it, an
  opening mark that may not end a line clings to what follows;
- greedy filling; when the next cluster does not fit but would without its
  last mark, and that mark is one the profile lets hang (W3C clreq §3.1.7,
  行尾点号悬挂: 、，。 …), the mark hangs past the line, one at most; otherwise
  the line ends before the cluster (推出: the character goes to the next line);
- justification spreads the space left over evenly between the characters
  (a hanging mark stays outside, at the line's end);
- at a change of script (Chinese ↔ digits or Latin) the character before it
  keeps its natural width, and a hanzi next to a digit or Latin letter is
  parted from it by a space: script_ends and script_spaces say where, the
  layout applies the widths. LibreOffice 7.4 sets text so (README, "Notes on
  rendering"), and the PDF breaks where it breaks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from docgen.format import cjk

# GB/T 15834 and common 禁则 sets.
NO_LINE_START = frozenset("，。、；：？！）》」』〉】〕〗”’…—%‰·,.;:!?)]}")
NO_LINE_END = frozenset("（《「『〈【〔〖“‘([{")
_PAIRED = ("——", "……")
_WORD = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DIGITS = frozenset("0123456789")
_NUMBER_SEPARATORS = frozenset("、，")
_INSIDE_WORD = frozenset(".,%+-/:_@#&·")
# Characters of no script of their own: they take the script of what precedes them.
_WEAK = frozenset(" \t“”‘’—…·")
# Rounding slack when deciding whether a cluster fits (pt).
_FIT_TOLERANCE = 0.01
# Asked of every character of every paragraph: answered once for each character.
is_cjk_or_full_width = cache(cjk.is_cjk_or_full_width)
is_hanzi = cache(cjk.is_hanzi)


@dataclass(slots=True)
class Glyph:
    """One set character. Not frozen: a layout makes ~10,000 of them for a bundled-size report,
    and a frozen dataclass's __init__ takes four times as long (issue 16's batch target)."""
    char: str
    width: float        # advance, pt, with the space after it
    style: Any          # whatever the writer needs to draw it (font, size, bold)
    space: float = 0.0  # of the width, the space before a change of script: none at a line's end


@dataclass
class Line:
    glyphs: list[Glyph]
    x: list[float] = field(default_factory=list)     # each glyph's left edge, from the line start
    is_last: bool = False                            # the paragraph's last line
    hanging: bool = False                            # its last glyph hangs past the line

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)


def set_width(glyphs: list[Glyph]) -> float:
    """What the glyphs take at a line's end: their advances, less the last one's space."""
    if len(glyphs) == 1:                    # most clusters: the sum below, without the generator
        return glyphs[0].width - glyphs[0].space
    return sum(g.width for g in glyphs) - (glyphs[-1].space if glyphs else 0.0)


def _units(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Unbreakable units: numbers/codes, doubled dashes and ellipses, single characters."""
    units: list[list[Glyph]] = []
    i = 0
    while i < len(glyphs):
        ch = glyphs[i].char
        if i + 1 < len(glyphs) and ch + glyphs[i + 1].char in _PAIRED:
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
    nothing that may not end a line ends one; nor does a list of numbers break
    after its separator (17.8%、11.9%: LibreOffice's line breaking keeps it whole)."""
    result: list[list[Glyph]] = []
    for unit in _units(glyphs):
        if result and (unit[0].char in NO_LINE_START or result[-1][-1].char in NO_LINE_END
                       or _between_numbers(result[-1], unit)):
            result[-1].extend(unit)                  # a list of its own (list(unit) below)
        else:
            result.append(list(unit))
    return result


def _between_numbers(before: list[Glyph], unit: list[Glyph]) -> bool:
    return (unit[0].char in _DIGITS and len(before) > 1 and before[-1].char in _NUMBER_SEPARATORS
            and (before[-2].char in _DIGITS or before[-2].char in "%‰"))


def break_lines(glyphs: list[Glyph], first_width: float, width: float,
                hanging_marks: frozenset[str] = frozenset()) -> list[Line]:
    """Fill lines greedily; the first line is first_width wide, the others width.
    A cluster that fits but for its last mark, one of hanging_marks, ends the line
    with that mark hanging."""
    lines: list[Line] = []
    current: list[Glyph] = []
    used = 0.0
    for cluster in clusters(glyphs):
        cluster_width = set_width(cluster)        # if the line ended after it
        capacity = first_width if not lines else width
        if (current and cluster[-1].char in hanging_marks
                and capacity + _FIT_TOLERANCE < used + cluster_width
                and used + set_width(cluster[:-1]) <= capacity + _FIT_TOLERANCE):
            lines.append(Line(_trim(current + cluster), hanging=True))
            current, used = [], 0.0
            continue
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
        used += cluster_width + cluster[-1].space
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
    by even inter-character spacing, a hanging mark just past it; others sit left,
    right or centred."""
    inside = line.glyphs[:-1] if line.hanging else line.glyphs
    natural = set_width(inside)
    gaps = len(inside) - 1
    justified = align == "justify" and not line.is_last and gaps > 0
    if justified:
        extra, start = (width - natural) / gaps, 0.0
    else:
        extra = 0.0
        start = {"right": width - natural, "center": (width - natural) / 2}.get(align, 0.0)
    x = start
    line.x = []
    for glyph in inside:
        line.x.append(x)
        x += glyph.width + extra
    if line.hanging:
        line.x.append(width if justified else x - extra)


def _scripts(chars: str) -> list[bool | None]:
    """Chinese (True) or not (False) for each character; a weak one takes the script of
    what precedes it, or at the start of the text of what follows (None: no script at all)."""
    scripts: list[bool | None] = []
    script = None
    for ch in chars:
        if ch not in _WEAK:
            script = is_cjk_or_full_width(ch)
        scripts.append(script)
    first = next((s for s in scripts if s is not None), None)
    return [first if s is None else s for s in scripts]


def script_ends(chars: str) -> list[bool]:
    """For each character: whether the script changes after it (Chinese ↔ digits or Latin)."""
    scripts = _scripts(chars)
    return [here != after for here, after in zip(scripts, scripts[1:])] + [False]


@cache
def _is_latin_alphanumeric(ch: str) -> bool:
    return ch.isalnum() and not is_cjk_or_full_width(ch)


def script_spaces(chars: str) -> list[bool]:
    """For each character: whether a space parts it from the next, a hanzi from a digit
    or Latin letter (or the reverse); none next to a mark (，“ - + %) or a space."""
    return [(is_hanzi(a) and _is_latin_alphanumeric(b)) or (_is_latin_alphanumeric(a) and is_hanzi(b))
            for a, b in zip(chars, chars[1:])] + [False]
