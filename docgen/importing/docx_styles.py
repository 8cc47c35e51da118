"""Word's formatting as it applies to a paragraph and a run: own properties, styles, defaults.

A property of a paragraph is its own (w:pPr), else its paragraph style's, else the style
that one is based on, and so on, else the document defaults (ECMA-376 Part 1, 17.7.2);
a paragraph without a style has the default paragraph style. A run's is its own (w:rPr),
else its character style's chain, else its paragraph's style chain, else the defaults.
Bold is a toggle property (17.7.3): set on the run it is what it says; set by styles, the
character style's value and the paragraph style's are exclusive-ored (Word shows a bold
character style in a bold paragraph style as regular text). Table styles are not read:
the reader keeps a multi-column table's text only, and a one-column table is a box.

Only what the reader hands on is resolved: alignment, page break before, outline level,
list numbering, the style's name (paragraphs); bold, size, red, hidden (runs).
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from docgen.importing.docx_package import W_NS
from docgen.record import record

# w:color counts as red when its red channel is at least this and the others at most
# RED_OTHER_MAX: FF0000, Word's dark red C00000, the E60012 of printed red-heads.
RED_MIN = 0xC0
RED_OTHER_MAX = 0x40
# Word's largest font size, 1638 pt, in half-points (w:sz).
MAX_HALF_POINTS = 3276
OUTLINE_LEVELS = 9                          # w:outlineLvl 0–8; 9 is body text
# Word's built-in heading styles by name (Word writes "heading 1"; WPS and LibreOffice
# may write the localised 标题 1).
_HEADING_STYLE = re.compile(r"(?:heading|标题)\s*([1-9])", re.IGNORECASE)
_ALIGN = {"center": "center", "right": "right", "end": "right"}     # others (both, left, distribute…): ""
_OFF = ("0", "false", "off")


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def _on(element: etree._Element | None) -> bool | None:
    """An on/off property (w:b, w:pageBreakBefore…): None when not set."""
    if element is None:
        return None
    return element.get(w("val"), "true").strip().lower() not in _OFF


@record
class ParagraphFormat:
    style_id: str                   # "" when the document has no paragraph style at all
    style: str                      # its name
    align: str                      # "", "center", "right"
    page_break_before: bool
    level: int | None               # outline level, 1-based
    num_id: str | None              # Word list numbering: the w:num and its level (0 unless stated,
    ilvl: int                       # as LibreOffice reads a style's list without one)


@record
class RunFormat:
    bold: bool
    size_pt: float | None
    red: bool
    hidden: bool


class Formatting:
    """The styles part, resolved on demand (each style chain once)."""

    def __init__(self, styles: etree._Element | None):
        self.by_id: dict[str, etree._Element] = {}
        self.default: dict[str, str] = {}       # style type → its default style's id
        if styles is None:
            styles = etree.Element(w("styles"))
        for style in styles.iterfind(w("style")):
            style_id = style.get(w("styleId"))
            if style_id is None or style_id in self.by_id:
                continue
            self.by_id[style_id] = style
            kind = style.get(w("type"), "paragraph")
            if style.get(w("default"), "").lower() in ("1", "true", "on"):
                self.default.setdefault(kind, style_id)
        self.default_ppr = styles.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}")
        self.default_rpr = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self._chain_of = lru_cache(maxsize=None)(self._chain_properties)
        self._styled_run = lru_cache(maxsize=None)(self._run_from_styles)

    def chain(self, style_id: str) -> list[etree._Element]:
        """The style and those it is based on, nearest first (a loop of basedOn ends where it closes)."""
        out: list[etree._Element] = []
        seen: set[str] = set()
        while style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            based = style.find(w("basedOn"))
            style_id = "" if based is None else based.get(w("val"), "")
        return out

    def _chain_properties(self, style_id: str, kind: str) -> tuple[etree._Element, ...]:
        """The w:pPr or w:rPr of each style of the chain, nearest first."""
        return tuple(props for style in self.chain(style_id) if (props := style.find(w(kind))) is not None)

    def paragraph_style(self, ppr: etree._Element | None) -> str:
        node = None if ppr is None else ppr.find(w("pStyle"))
        style_id = None if node is None else node.get(w("val"))
        return style_id if style_id in self.by_id else self.default.get("paragraph", "")

    def paragraph(self, ppr: etree._Element | None) -> ParagraphFormat:
        style_id = self.paragraph_style(ppr)
        holders = ((ppr,) if ppr is not None else ()) + self._chain_of(style_id, "pPr")

        def find(path: str, defaults: bool = True) -> etree._Element | None:
            for holder in (*holders, self.default_ppr) if defaults else holders:
                node = None if holder is None else holder.find(path)
                if node is not None:
                    return node
            return None

        jc = find(w("jc"))
        num_id, ilvl = find(f"{w('numPr')}/{w('numId')}", False), find(f"{w('numPr')}/{w('ilvl')}", False)
        style = self.by_id.get(style_id)
        name = None if style is None else style.find(w("name"))
        return ParagraphFormat(
            style_id=style_id,
            style="" if name is None else name.get(w("val"), ""),
            align=_ALIGN.get("" if jc is None else jc.get(w("val"), ""), ""),
            page_break_before=bool(_on(find(w("pageBreakBefore")))),
            level=self._level(find(w("outlineLvl")), style_id),
            num_id=None if num_id is None else num_id.get(w("val")),
            ilvl=(None if ilvl is None else _integer(ilvl.get(w("val")), 0, OUTLINE_LEVELS - 1)) or 0,
        )

    def _level(self, outline: etree._Element | None, style_id: str) -> int | None:
        """The outline level stated, else that of a built-in heading style in the chain."""
        if outline is not None:
            level = _integer(outline.get(w("val")), 0, OUTLINE_LEVELS)
            return None if level is None or level == OUTLINE_LEVELS else level + 1
        for style in self.chain(style_id):
            name = style.find(w("name"))
            match = None if name is None else _HEADING_STYLE.fullmatch(name.get(w("val"), "").strip())
            if match:
                return int(match.group(1))
        return None

    def run(self, rpr: etree._Element | None, paragraph_style: str) -> RunFormat:
        node = None if rpr is None else rpr.find(w("rStyle"))
        char_style = "" if node is None else node.get(w("val"), "")
        styled = self._styled_run(char_style, paragraph_style)
        if rpr is None:
            return styled
        bold = _on(rpr.find(w("b")))
        size = _size(rpr.find(w("sz")))
        red = _red(rpr.find(w("color")))
        hidden = _on(rpr.find(w("vanish")))
        return RunFormat(
            bold=styled.bold if bold is None else bold,
            size_pt=styled.size_pt if size is None else size,
            red=styled.red if red is None else red,
            hidden=styled.hidden if hidden is None else hidden,
        )

    def _run_from_styles(self, char_style: str, paragraph_style: str) -> RunFormat:
        """A run's formatting from its character style, its paragraph's style and the defaults."""
        characters = self._chain_of(char_style or self.default.get("character", ""), "rPr")
        paragraphs = self._chain_of(paragraph_style, "rPr")

        def first(name: str, holders: tuple[etree._Element, ...]) -> etree._Element | None:
            return next((node for holder in holders if (node := holder.find(w(name))) is not None), None)

        everything = (*characters, *paragraphs) + ((self.default_rpr,) if self.default_rpr is not None else ())
        by_character, by_paragraph = _on(first("b", characters)), _on(first("b", paragraphs))
        if by_character is None and by_paragraph is None:
            bold = bool(_on(first("b", (self.default_rpr,) if self.default_rpr is not None else ())))
        else:
            bold = bool(by_character) != bool(by_paragraph)
        size = next((size for holder in everything if (size := _size(holder.find(w("sz")))) is not None), None)
        red = next((red for holder in everything if (red := _red(holder.find(w("color")))) is not None), False)
        return RunFormat(bold=bold, size_pt=size, red=red, hidden=bool(_on(first("vanish", everything))))


def _integer(value: str | None, low: int, high: int) -> int | None:
    """A whole number within [low, high], or None for anything else."""
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if low <= number <= high else None


def _size(node: etree._Element | None) -> float | None:
    half_points = None if node is None else _integer(node.get(w("val")), 1, MAX_HALF_POINTS)
    return None if half_points is None else half_points / 2


def _red(node: etree._Element | None) -> bool | None:
    """Whether a w:color is red; None when there is no colour (or not a colour)."""
    value = "" if node is None else node.get(w("val"), "")
    if value.lower() == "auto":
        return False
    if len(value) != 6:
        return None
    try:
        red, green, blue = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return None
    return red >= RED_MIN and green <= RED_OTHER_MAX and blue <= RED_OTHER_MAX
