"""The WordprocessingML pieces of docgen's documents, built in schema order.

East Asian fonts in every style (all four rFonts slots and the eastAsia hint,
without which “ ” — … fall back to the Latin font), exact grid spacing,
snapToGrid, both first-line indent forms, outline levels, fields, ruled tables
and the section's line grid. The writer describes paragraphs with
RunFormat/ParagraphFormat; a style holds the whole format (run_properties,
paragraph_properties) and a paragraph or run only what differs from its style
(paragraph_overrides, run_overrides). No format number is chosen here.
"""

from __future__ import annotations

import copy

from lxml import etree

from docgen.record import record

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(name: str) -> str:
    """A WordprocessingML name as lxml writes it: "p" → "{…/wordprocessingml/2006/main}p"."""
    return f"{{{W_NS}}}{name}"


def _el(tag: str, **attrs: str | int) -> etree._Element:
    element = etree.Element(_w(tag))
    for name, value in attrs.items():
        element.set(_w(name), str(value))
    return element


def _sub(parent: etree._Element, tag: str, **attrs: str | int) -> etree._Element:
    child = _el(tag, **attrs)
    parent.append(child)
    return child


@record
class RunFormat:
    font: str                   # the East Asian font name (仿宋_GB2312 …)
    size_pt: float
    color: str                  # hex RGB
    latin_font: str | None = None
    bold: bool = False
    spacing_twips: int = 0      # character spacing in 1/20 pt
    shading: str | None = None  # background colour (hex RGB): a draft's marked text


@record
class Border:
    size_eighths: int           # line width in 1/8 pt
    color: str                  # hex RGB


@record
class ParagraphFormat:
    line_twips: int             # exact line height
    align: str = "both"         # both | center | left | right
    first_line_twips: int = 0
    first_line_chars: int = 0   # hundredths of a character (200 = 2 字)
    left_twips: int = 0
    right_twips: int = 0
    hanging_twips: int = 0
    keep_next: bool = False
    right_tab_twips: int | None = None
    outline_level: int | None = None    # 0 for a first-level heading: Word's navigation pane
    page_break_before: bool = False
    centre_tabs_twips: tuple[int, ...] = ()     # centred tab stops (names side by side)


def _tab_stops(parent: etree._Element, fmt: ParagraphFormat, clear: ParagraphFormat | None = None) -> None:
    """<w:tabs>: the stops of `clear` (the style's) that fmt lacks cleared, then fmt's stops."""
    tabs = _sub(parent, "tabs")
    for kind, pos in _stops(clear) if clear is not None else ():
        if (kind, pos) not in _stops(fmt):
            _sub(tabs, "tab", val="clear", pos=pos)
    for kind, pos in _stops(fmt):
        _sub(tabs, "tab", val=kind, pos=pos)


def _stops(fmt: ParagraphFormat) -> list[tuple[str, int]]:
    right = [] if fmt.right_tab_twips is None else [("right", fmt.right_tab_twips)]
    return [("center", pos) for pos in fmt.centre_tabs_twips] + right


def _on_off(parent: etree._Element, tag: str, on: bool) -> None:
    """A toggle written where it differs from the style: <w:b/> or <w:b w:val="0"/>."""
    if on:
        _sub(parent, tag)
    else:
        _sub(parent, tag, val=0)


def run_properties(fmt: RunFormat) -> etree._Element:
    rpr = _el("rPr")
    latin = fmt.latin_font or fmt.font
    _sub(rpr, "rFonts", ascii=latin, hAnsi=latin, eastAsia=fmt.font, cs=latin, hint="eastAsia")
    if fmt.bold:
        _sub(rpr, "b")
        _sub(rpr, "bCs")
    _sub(rpr, "color", val=fmt.color)
    if fmt.spacing_twips:
        _sub(rpr, "spacing", val=fmt.spacing_twips)
    half_points = round(fmt.size_pt * 2)
    _sub(rpr, "sz", val=half_points)
    _sub(rpr, "szCs", val=half_points)
    if fmt.shading:
        _sub(rpr, "shd", val="clear", color="auto", fill=fmt.shading)
    return rpr


def run_overrides(fmt: RunFormat, base: RunFormat, char_style: str | None = None) -> etree._Element | None:
    """A run's properties where they differ from `base` (what its paragraph style and
    character style give it), in schema order; None when nothing differs."""
    rpr = _el("rPr")
    if char_style:
        _sub(rpr, "rStyle", val=char_style)
    latin = fmt.latin_font or fmt.font
    if (fmt.font, latin) != (base.font, base.latin_font or base.font):
        _sub(rpr, "rFonts", ascii=latin, hAnsi=latin, eastAsia=fmt.font, cs=latin, hint="eastAsia")
    if fmt.bold != base.bold:
        _on_off(rpr, "b", fmt.bold)
        _on_off(rpr, "bCs", fmt.bold)
    if fmt.color != base.color:
        _sub(rpr, "color", val=fmt.color)
    if fmt.spacing_twips != base.spacing_twips:
        _sub(rpr, "spacing", val=fmt.spacing_twips)
    if fmt.size_pt != base.size_pt:
        half_points = round(fmt.size_pt * 2)
        _sub(rpr, "sz", val=half_points)
        _sub(rpr, "szCs", val=half_points)
    if fmt.shading != base.shading:
        _sub(rpr, "shd", val="clear", color="auto", fill=fmt.shading or "auto")
    return rpr if len(rpr) else None


def text_run(text: str, rpr: etree._Element | None) -> etree._Element:
    """A run; line breaks in the text become <w:br/>."""
    run = _el("r")
    if rpr is not None:
        run.append(rpr)
    for i, line in enumerate(text.split("\n")):
        if i:
            _sub(run, "br")
        if line:
            t = _sub(run, "t")
            t.text = line
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def field_runs(instruction: str, placeholder: str, rpr: etree._Element | None) -> list[etree._Element]:
    """A complex field (e.g. PAGE) as its begin/instruction/separate/result/end runs."""
    runs = []
    for kind in ("begin", "instr", "separate", "result", "end"):
        run = _el("r")
        if rpr is not None:
            run.append(copy.deepcopy(rpr))
        if kind == "instr":
            instr = _sub(run, "instrText")
            instr.text = f" {instruction} "
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        elif kind == "result":
            _sub(run, "t").text = placeholder
        else:
            _sub(run, "fldChar", fldCharType=kind)
        runs.append(run)
    return runs


def _border(parent: etree._Element, side: str, border: Border) -> None:
    _sub(parent, side, val="single", sz=border.size_eighths, space=0, color=border.color)


def paragraph_properties(fmt: ParagraphFormat) -> etree._Element:
    ppr = _el("pPr")
    if fmt.keep_next:
        _sub(ppr, "keepNext")
    if fmt.page_break_before:
        _sub(ppr, "pageBreakBefore")
    _sub(ppr, "widowControl", val=0)
    if fmt.right_tab_twips is not None or fmt.centre_tabs_twips:
        _tab_stops(ppr, fmt)
    # No w:overflowPunct, w:kinsoku, w:autoSpaceDE/DN: their defaults (hanging allowed,
    # 禁则 on, space between hanzi and digits) are the profile's line_breaking, and
    # LibreOffice 7.4 reads overflowPunct inverted (README, "Notes on rendering").
    _sub(ppr, "snapToGrid", val=0)
    _sub(ppr, "spacing", before=0, after=0, line=fmt.line_twips, lineRule="exact")
    indent = {}
    if fmt.left_twips:
        indent["left"] = fmt.left_twips
    if fmt.right_twips:
        indent["right"] = fmt.right_twips
    if fmt.first_line_chars:
        indent["firstLineChars"] = fmt.first_line_chars
    if fmt.first_line_twips:
        indent["firstLine"] = fmt.first_line_twips
    if fmt.hanging_twips:
        indent["hanging"] = fmt.hanging_twips
    if indent:
        _sub(ppr, "ind", **indent)
    _sub(ppr, "jc", val=fmt.align)
    if fmt.outline_level is not None:
        _sub(ppr, "outlineLvl", val=fmt.outline_level)
    return ppr


def _indents(fmt: ParagraphFormat) -> tuple[int, int, int, int, int]:
    return fmt.left_twips, fmt.right_twips, fmt.first_line_twips, fmt.first_line_chars, fmt.hanging_twips


def paragraph_overrides(style_id: str, fmt: ParagraphFormat, base: ParagraphFormat) -> etree._Element:
    """A paragraph's properties: its style, and where it differs from the style's
    format `base`, in schema order. Indents that differ are written whole (an
    indent in 字 left in the style would override one in twips: firstLineChars 0)."""
    ppr = _el("pPr")
    _sub(ppr, "pStyle", val=style_id)
    if fmt.keep_next != base.keep_next:
        _on_off(ppr, "keepNext", fmt.keep_next)
    if fmt.page_break_before != base.page_break_before:
        _on_off(ppr, "pageBreakBefore", fmt.page_break_before)
    if (fmt.right_tab_twips, fmt.centre_tabs_twips) != (base.right_tab_twips, base.centre_tabs_twips):
        _tab_stops(ppr, fmt, clear=base)
    if fmt.line_twips != base.line_twips:
        _sub(ppr, "spacing", before=0, after=0, line=fmt.line_twips, lineRule="exact")
    if _indents(fmt) != _indents(base):
        indent: dict[str, int] = {"left": fmt.left_twips, "right": fmt.right_twips}
        if fmt.first_line_chars or base.first_line_chars:
            indent["firstLineChars"] = fmt.first_line_chars
        if fmt.hanging_twips:
            indent["hanging"] = fmt.hanging_twips
        else:
            indent["firstLine"] = fmt.first_line_twips
        _sub(ppr, "ind", **indent)
    if fmt.align != base.align:
        _sub(ppr, "jc", val=fmt.align)
    if fmt.outline_level != base.outline_level:
        _sub(ppr, "outlineLvl", val=9 if fmt.outline_level is None else fmt.outline_level)
    return ppr


def style(kind: str, style_id: str, name: str, ppr: etree._Element | None, rpr: etree._Element | None,
          next_id: str | None = None) -> etree._Element:
    """A paragraph or character style based on the defaults (Normal, Default Paragraph
    Font), shown in the style gallery."""
    element = _el("style", type=kind, customStyle=1, styleId=style_id)
    _sub(element, "name", val=name)
    _sub(element, "basedOn", val="Normal" if kind == "paragraph" else "DefaultParagraphFont")
    if next_id:
        _sub(element, "next", val=next_id)
    _sub(element, "qFormat")
    for properties in (ppr, rpr):
        if properties is not None:
            element.append(properties)
    return element


@record
class Row:
    cells: list[etree._Element]     # a paragraph for each column
    height_twips: int               # at least
    top: Border | None = None       # the rule above the row
    header: bool = False            # repeated at the top of each page the table runs on
    cant_split: bool = False        # kept whole on one page


TABLE = _w("tbl")


def table(rows: list[Row], column_twips: list[int], *, bottom: Border | None, columns: Border | None,
          padding_twips: int, grid: Border | None = None) -> etree._Element:
    """A table across the text block with fixed column widths: each row's rule above
    it, `bottom` below the last row, `columns` at both ends and between columns; or,
    with `grid`, that rule on every side and between all rows and columns, set on the
    table (w:tblBorders), so that where a page breaks the table, the part before the
    break is closed by a rule too (LibreOffice 7.4 draws none from cell borders there)."""
    tbl = _el("tbl")
    tbl_pr = _sub(tbl, "tblPr")
    _sub(tbl_pr, "tblW", w=sum(column_twips), type="dxa")
    _sub(tbl_pr, "jc", val="center")
    if grid is not None:
        borders = _sub(tbl_pr, "tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            _border(borders, side, grid)
    elif columns is not None:
        borders = _sub(tbl_pr, "tblBorders")
        for side in ("left", "right", "insideV"):
            _border(borders, side, columns)
    _sub(tbl_pr, "tblLayout", type="fixed")
    margins = _sub(tbl_pr, "tblCellMar")
    for side in ("left", "right"):
        _sub(margins, side, w=padding_twips, type="dxa")
    grid = _sub(tbl, "tblGrid")
    for width in column_twips:
        _sub(grid, "gridCol", w=width)
    for i, row in enumerate(rows):
        tr = _sub(tbl, "tr")
        tr_pr = _sub(tr, "trPr")
        if row.cant_split:
            _sub(tr_pr, "cantSplit")
        _sub(tr_pr, "trHeight", val=row.height_twips, hRule="atLeast")
        if row.header:
            _sub(tr_pr, "tblHeader")
        below = bottom if i == len(rows) - 1 else None
        for cell, width in zip(row.cells, column_twips):
            tc = _sub(tr, "tc")
            tc_pr = _sub(tc, "tcPr")
            _sub(tc_pr, "tcW", w=width, type="dxa")
            if row.top or below:
                borders = _sub(tc_pr, "tcBorders")
                if row.top:
                    _border(borders, "top", row.top)
                if below:
                    _border(borders, "bottom", below)
            tc.append(cell)
    return tbl


def paragraph(ppr: etree._Element, runs: list[etree._Element]) -> etree._Element:
    p = _el("p")
    p.append(ppr)
    p.extend(runs)
    return p


def section_properties(sect_pr: etree._Element, *, width: int, height: int, top: int, right: int,
                       bottom: int, left: int, header: int, footer: int, line_pitch: int) -> None:
    """Fill an existing w:sectPr (keeping its footer references) with page, margins and grid."""
    for tag in ("pgSz", "pgMar", "cols", "docGrid", "titlePg"):
        for old in sect_pr.findall(_w(tag)):
            sect_pr.remove(old)
    _sub(sect_pr, "pgSz", w=width, h=height)
    _sub(sect_pr, "pgMar", top=top, right=right, bottom=bottom, left=left,
         header=header, footer=footer, gutter=0)
    _sub(sect_pr, "cols", space=0)
    _sub(sect_pr, "docGrid", type="lines", linePitch=line_pitch)
