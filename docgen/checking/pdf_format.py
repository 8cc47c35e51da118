"""Check any PDF against the format profile from its glyph positions (`docgen check FILE.pdf`).

The PDF may be docgen's or one printed from Word, WPS or LibreOffice: nothing is read but
what is drawn (each glyph's text, position, size and font) and the fonts' dictionaries. Every
expected number comes from the profile (templates/gbt9704/profile.yaml); the rows are
format_report.FormatCheck, a failing one naming its page (and line) with an excerpt.

How a page is read. Glyphs on one baseline (within BASELINE_SLACK_PT) make a line. A line whose
ideographic em box (format/cjk.py: 0.88 em above the baseline, 0.12 below) has its middle inside
the text block is a body line; below the block it is the footer (the page number), above it the
header (a draft label), neither of which counts for the margins or the grid.

Where a line sits in its grid line depends on the program: docgen centres the em box in the grid
line, Word and LibreOffice scale the font's height to the line (the baseline 0.88 of the pitch
down). The edges of a line's grid line are estimated both ways and an edge passes if either
estimate is within the tolerance; the estimate nearer the expected edge is reported.

Which checks apply where (GB/T 9704 §5.2; shared/spec/gbt9704.md):
- every page: A4 size; every body line inside the block (right edge, bottom edge; a mark of the
  profile's line_breaking.hanging_marks may hang past the right edge by one character);
  no body line starting with a mark that may not start one (禁则, pdf/typeset.py's list) nor
  ending with an opening one; a page number of the profile's form, size and place;
- the left edge: on pages where at least two body lines start at the leftmost position (lines
  of a paragraph that continue; a page of only indented or centred lines has no left edge);
- the top edge: the first line of each page, unless it sits more than a grid line lower (a
  版头's mark, a page that starts below line 1);
- the line pitch: between consecutive body lines of the body size on a page (titles, tables and
  版记 are set in other sizes and other programs space them differently);
- 22 lines: only on full pages, that is not the last page and holding only lines of the body
  size (no title, 版头, table, attachment title or 版记) from the first grid line to the last;
  the grid lines counted include blank ones between paragraphs;
- 28 characters: on full lines, those of the body size starting at the left edge and reaching
  the right edge, only hanzi and full-width marks (digits and Latin letters are narrower);
  a shorter one passes where the line-breaking rules pulled its last characters to the next
  line (that one starts with a mark that may not start a line, or with a digit or letter);
- page numbers: none is wanted on the last page (the 版记's) or on a blank page;
- fonts: every font a glyph is drawn in embedded (a Type 3 font is its own glyph programs); the size
  most of the body text is set in is the body size; the fonts of hanzi are listed and fail
  when their names show a Japanese, Korean or Latin face.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.checking.format_report import FormatCheck, UnreadableFile
from docgen.format.cjk import IDEOGRAPHIC_ASCENT, is_cjk_or_full_width, is_hanzi
from docgen.format.profile import Profile
from docgen.format.units import mm_to_pt, pt_to_mm
from docgen.pdf.typeset import NO_LINE_END, NO_LINE_START
from docgen.record import record

# Untrusted input: pdfminer reads a whole page's content into memory.
MAX_PDF_BYTES = 50_000_000
MAX_PAGES = 1000
# Measuring slack of this checker, not numbers of the format: glyphs within this share a
# baseline; a grid step may be off by this (Word stores the pitch in whole twips, LibreOffice
# rounds positions to 0.1 pt); sizes are compared within this.
BASELINE_SLACK_PT = 1.0
PITCH_SLACK_PT = 0.3
SIZE_SLACK_PT = 0.1
SPACE_EM = 0.25
# Word and LibreOffice put the baseline this far down a line of exact height (the
# ideographic em box scaled to the line).
SCALED_BASELINE = IDEOGRAPHIC_ASCENT
# Faces without Chinese glyph forms, as they appear in font names (a Japanese or Korean
# fallback draws 骨, 直, 写 … in other shapes; a Latin face has no hanzi at all).
FOREIGN_FACE = re.compile(r"jp\b|jp-|japan|kr\b|kr-|korea|gothic|mincho|meiryo|hiragino|yugoth|yumin|batang|"
                          r"gulim|malgun|arial|helvetica|times|calibri|cambria|dejavu|liberation|courier",
                          re.IGNORECASE)
# The Noto CJK collections (.ttc) share one CID font among their SC/TC/JP/KR faces, named after
# the Japanese one; LibreOffice embeds it under that name (NotoSerifCJKjp-Bold-VKana, one of its
# FDArray names) whichever face it drew. Measured on LibreOffice 7.4's render of the bundled DOCX:
# the subset holds the SC face's glyphs (cid10917 for 关, not the JP face's cid10916) for all 9
# title characters whose forms differ. The name tells nothing there: it is not held against it.
SHARED_CJK_NAME = re.compile(r"Noto(Serif|Sans)CJKjp-", re.IGNORECASE)

PAGE_SIZE = "page size"
LEFT_MARGIN = "left margin"
TOP_MARGIN = "top margin"
RIGHT_EDGE = "right margin"
BOTTOM_EDGE = "bottom margin"
LINE_PITCH = "line pitch"
LINES_PER_PAGE = "lines per full page"
CHARS_PER_LINE = "characters per full line"
LINE_BREAKING = "line breaking (禁则)"
PAGE_NUMBER_FORM = "page number form"
PAGE_NUMBER_SIZE = "page number size"
PAGE_NUMBER_PLACE = "page number position"
FONTS_EMBEDDED = "fonts embedded"
BODY_SIZE = "body font size"
HANZI_FONTS = "fonts of Chinese text"


class UnreadablePdf(UnreadableFile):
    """The file is not a PDF that can be read (missing, too large, damaged, protected)."""


@record
class Glyph:
    text: str
    x0: float           # pt from the page's left edge
    x1: float
    baseline: float     # pt from the page's top edge
    size: float
    font: str           # without a subset prefix (ABCDEF+Name → Name)


@dataclass
class Line:
    """The glyphs of one page on one baseline, left to right."""
    page: int
    glyphs: list[Glyph]
    number: int = 0     # 1-based among the page's body lines; 0 outside the text block
    text: str = field(init=False)
    x0: float = field(init=False)
    baseline: float = field(init=False)
    size: float = field(init=False)     # the largest glyph's

    def __post_init__(self) -> None:
        self.text = "".join(g.text for g in self.glyphs)
        self.x0, self.baseline = self.glyphs[0].x0, self.glyphs[0].baseline
        self.size = max(g.size for g in self.glyphs)

    @property
    def em_middle(self) -> float:
        return self.baseline - (IDEOGRAPHIC_ASCENT - 0.5) * self.size

    @property
    def where(self) -> str:
        return f"page {self.page}, line {self.number}"


@dataclass
class Page:
    number: int
    width: float
    height: float
    body: list[Line]
    footer: list[Line]


@record
class _Block:
    """The text block and grid of the profile, in pt from the page's top left corner."""
    left: float
    right: float
    top: float
    bottom: float
    pitch: float
    tolerance: float                # pt an edge may be off (the profile's page.tolerance_mm: GB/T 9704 §5.2.1)
    tolerance_mm: float
    body_size: float

    @classmethod
    def of(cls, profile: Profile) -> _Block:
        page = profile.page
        return cls(mm_to_pt(page.margin_left_mm), mm_to_pt(page.width_mm - page.margin_right_mm),
                   mm_to_pt(page.margin_top_mm), mm_to_pt(page.height_mm - page.margin_bottom_mm),
                   profile.line_pitch_pt, mm_to_pt(page.tolerance_mm), page.tolerance_mm, profile.body.size_pt)

    def line_tops(self, line: Line) -> tuple[float, float]:
        """The top of the line's grid lines: em box centred in them (docgen), font scaled to them
        (Word). A line larger than the pitch (a 简报's 初号 name) takes as many as it needs."""
        span = self.pitch * max(1, math.ceil(line.size / self.pitch))
        return line.em_middle - span / 2, line.baseline - SCALED_BASELINE * span

    def line_bottoms(self, line: Line) -> tuple[float, float]:
        return line.em_middle + self.pitch / 2, line.baseline + (1 - SCALED_BASELINE) * self.pitch


def check_pdf(path: str | Path, profile: Profile) -> list[FormatCheck]:
    """Rows for every property checked (module docstring); raises UnreadablePdf."""
    block = _Block.of(profile)
    pages, fonts = _read(Path(path), block)
    body = [line for page in pages for line in page.body]
    return [*_page_size(pages, profile), *_left_edge(pages, block), *_top_edge(pages, block),
            *_right_edge(body, block, profile), *_bottom_edge(body, block), *_line_pitch(pages, block),
            *_lines_per_page(pages, block, profile), *_chars_per_line(body, block, profile),
            *_line_breaking(body, block), *_page_numbers(pages, block, profile),
            *_fonts_embedded(fonts), *_body_size(body, block), *_hanzi_fonts(body)]


# Reading ---------------------------------------------------------------------------------------

def _read(path: Path, block: _Block) -> tuple[list[Page], dict[str, bool]]:
    """The pages' lines and every font (name → embedded), or UnreadablePdf in the clerk's words."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            start = handle.read(1024)
    except OSError as error:
        raise UnreadablePdf(f"{path}: cannot be read ({error.strerror or error})") from None
    if size > MAX_PDF_BYTES:
        raise UnreadablePdf(f"{path}: {size:,} bytes; a PDF checked is at most {MAX_PDF_BYTES:,} bytes")
    if b"%PDF-" not in start:
        raise UnreadablePdf(f"{path}: not a PDF file (it does not start with %PDF-)")
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    try:
        return _read_pages(path, block)
    except PDFPasswordIncorrect:
        raise UnreadablePdf(f"{path}: the PDF is protected by a password; save an unprotected copy") from None
    except UnreadablePdf:
        raise
    except Exception as error:      # pdfminer on a damaged file raises many kinds: all mean the same here
        raise UnreadablePdf(f"{path}: the PDF is damaged and cannot be read ({type(error).__name__}); "
                            "print it to PDF again") from None


def _read_pages(path: Path, block: _Block) -> tuple[list[Page], dict[str, bool]]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    pages: list[Page] = []
    fonts: dict[str, bool] = {}
    used: set[str] = set()
    with path.open("rb") as handle:
        resources = PDFResourceManager()
        device = PDFPageAggregator(resources, laparams=None)
        interpreter = PDFPageInterpreter(resources, device)
        for number, page in enumerate(PDFPage.get_pages(handle), start=1):
            if number > MAX_PAGES:
                raise UnreadablePdf(f"{path}: more than {MAX_PAGES} pages; a PDF checked has at most {MAX_PAGES}")
            _collect_fonts(page.resources, fonts, depth=0)
            interpreter.process_page(page)
            layout = device.get_result()
            drawn = list(_glyphs(layout, layout.x0, layout.y1))
            used.update(glyph.font for glyph in drawn)
            glyphs = [glyph for glyph in drawn if glyph.text.strip()]
            body: list[Line] = []
            footer: list[Line] = []
            for line in _group_lines(number, glyphs):
                if block.top < line.em_middle < block.bottom:
                    line.number = len(body) + 1
                    body.append(line)
                elif line.em_middle >= block.bottom:
                    footer.append(line)
            pages.append(Page(number, layout.width, layout.height, body, footer))
    if not pages:
        raise UnreadablePdf(f"{path}: the PDF has no pages")
    # A font a page lists but draws nothing in (reportlab lists Helvetica on every page) is never printed.
    return pages, {name: embedded for name, embedded in fonts.items() if name in used}


def _glyphs(item: Any, left: float, top: float) -> Iterable[Glyph]:
    from pdfminer.layout import LTChar, LTContainer
    for child in item:
        if isinstance(child, LTChar):
            yield Glyph(child.get_text(), child.x0 - left, child.x1 - left, top - child.matrix[5],
                        round(child.size, 2), child.fontname.split("+", 1)[-1])
        elif isinstance(child, LTContainer):
            yield from _glyphs(child, left, top)


def _group_lines(page: int, glyphs: list[Glyph]) -> list[Line]:
    lines: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.baseline, g.x0)):
        if lines and abs(glyph.baseline - lines[-1][0].baseline) < BASELINE_SLACK_PT:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    return [Line(page, sorted(line, key=lambda g: g.x0)) for line in lines]


def _collect_fonts(resources: Any, fonts: dict[str, bool], depth: int) -> None:
    """Every font of a page's resources and of its forms (XObjects), name → embedded (a name
    listed twice, once embedded and once not, counts as not)."""
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.psparser import literal_name
    resources = resolve1(resources)
    if not isinstance(resources, dict) or depth > 8:
        return
    for font in (resolve1(resources.get("Font")) or {}).values():
        font = resolve1(font)
        if isinstance(font, dict):
            name = literal_name(resolve1(font.get("BaseFont", "(unnamed)")))
            key = str(name).split("+", 1)[-1]
            fonts[key] = fonts.get(key, True) and _embedded(font)
    for xobject in (resolve1(resources.get("XObject")) or {}).values():
        xobject = resolve1(xobject)
        if isinstance(xobject, PDFStream) and literal_name(xobject.get("Subtype")) == "Form":
            _collect_fonts(xobject.get("Resources"), fonts, depth + 1)


def _embedded(font: dict) -> bool:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import literal_name
    subtype = literal_name(resolve1(font.get("Subtype")))
    if subtype == "Type3":              # its glyphs are drawn by its own content streams
        return True
    if subtype == "Type0":              # a composite font: the program is its descendant's
        descendants = resolve1(font.get("DescendantFonts")) or []
        font = resolve1(descendants[0]) if descendants else {}
    descriptor = resolve1(font.get("FontDescriptor"))
    return isinstance(descriptor, dict) and any(key in descriptor for key in ("FontFile", "FontFile2", "FontFile3"))


# Rows ------------------------------------------------------------------------------------------

def _rows(item: str, expected: str, failures: list[FormatCheck], found: str) -> list[FormatCheck]:
    """The failures, or one row that says the item passed."""
    return failures or [FormatCheck(item, True, expected, found)]


def _mm(pt: float) -> str:
    return f"{pt_to_mm(pt):.1f} mm"


def _nearest(candidates: tuple[float, float], target: float) -> float:
    return min(candidates, key=lambda value: abs(value - target))


def _page_size(pages: list[Page], profile: Profile) -> list[FormatCheck]:
    width, height = mm_to_pt(profile.page.width_mm), mm_to_pt(profile.page.height_mm)
    tolerance = mm_to_pt(profile.page.tolerance_mm)
    expected = f"{profile.page.width_mm:g} × {profile.page.height_mm:g} mm"
    failures = [FormatCheck(PAGE_SIZE, False, expected, f"{pt_to_mm(p.width):.0f} × {pt_to_mm(p.height):.0f} mm",
                            f"page {p.number}")
                for p in pages if abs(p.width - width) > tolerance or abs(p.height - height) > tolerance]
    return _rows(PAGE_SIZE, expected, failures, f"{len(pages)} page(s)")


def _left_edge(pages: list[Page], block: _Block) -> list[FormatCheck]:
    def leftmost(page: Page) -> tuple[float, Line] | None:
        left = min(line.x0 for line in page.body)
        flush = [line for line in page.body if abs(line.x0 - left) < BASELINE_SLACK_PT]
        if left >= block.left - block.tolerance and len(flush) < 2:
            return None                 # no line of a continuing paragraph: the page shows no left edge
        return left, flush[0]
    return _page_edge(pages, LEFT_MARGIN, block.left, "", block, leftmost)


def _top_edge(pages: list[Page], block: _Block) -> list[FormatCheck]:
    def first_line_top(page: Page) -> tuple[float, Line] | None:
        top = _nearest(block.line_tops(page.body[0]), block.top)
        if top > block.top + block.pitch:
            return None                 # not on line 1: a 版头's mark, or a page that starts lower
        return top, page.body[0]
    return _page_edge(pages, TOP_MARGIN, block.top, " (the first line's grid line)", block, first_line_top)


def _page_edge(pages: list[Page], item: str, edge: float, note: str, block: _Block,
               measure: Callable[[Page], tuple[float, Line] | None]) -> list[FormatCheck]:
    """An edge of the text block measured on each page with text (measure: None where it shows none)."""
    expected = f"{_mm(edge)} ± {block.tolerance_mm:g}{note}"
    failures, measured = [], []
    for page in pages:
        found = measure(page) if page.body else None
        if found is None:
            continue
        value, line = found
        measured.append(value)
        if abs(value - edge) > block.tolerance:
            failures.append(FormatCheck(item, False, expected, _mm(value), line.where, line.text))
    return _rows(item, expected, failures, _range(measured))


def _range(values: list[float]) -> str:
    if not values:
        return "no page to measure"
    low, high = _mm(min(values)), _mm(max(values))
    return low if low == high else f"{low} to {high}"


def _inside(line: Line, block: _Block, profile: Profile) -> list[Glyph]:
    """The line's glyphs but a mark hanging past the right edge (W3C clreq 行尾点号悬挂; the
    profile's line_breaking.hanging_marks)."""
    last = line.glyphs[-1]
    if last.text in profile.line_breaking.hanging_marks and last.x0 >= block.right - block.tolerance:
        return line.glyphs[:-1]
    return line.glyphs


def _right_edge(body: list[Line], block: _Block, profile: Profile) -> list[FormatCheck]:
    expected = f"≤ {_mm(block.right)} + {block.tolerance_mm:g} (a hanging mark 1 字 more)"
    failures = []
    for line in body:
        inside = _inside(line, block, profile)
        right = inside[-1].x1 if inside else block.left
        hanging = line.glyphs[-1] if len(inside) < len(line.glyphs) else None
        if right > block.right + block.tolerance or (
                hanging is not None and hanging.x1 > block.right + hanging.size + block.tolerance):
            failures.append(FormatCheck(RIGHT_EDGE, False, expected, _mm(line.glyphs[-1].x1), line.where, line.text))
    return _rows(RIGHT_EDGE, expected, failures, f"{len(body)} line(s) inside")


def _bottom_edge(body: list[Line], block: _Block) -> list[FormatCheck]:
    expected = f"≤ {_mm(block.bottom)} + {block.tolerance_mm:g} (the last line's grid line)"
    failures = []
    for line in body:
        bottom = min(block.line_bottoms(line))
        if bottom > block.bottom + block.tolerance:
            failures.append(FormatCheck(BOTTOM_EDGE, False, expected, _mm(bottom), line.where, line.text))
    return _rows(BOTTOM_EDGE, expected, failures, f"{len(body)} line(s) inside")


def _same_size_neighbours(page: Page, block: _Block) -> Iterable[tuple[Line, Line, int]]:
    """Consecutive body lines, both of the body size, with the grid steps between them."""
    for upper, lower in zip(page.body, page.body[1:]):
        if max(abs(upper.size - block.body_size), abs(lower.size - block.body_size)) > SIZE_SLACK_PT:
            continue
        yield upper, lower, max(1, round((lower.baseline - upper.baseline) / block.pitch))


def _line_pitch(pages: list[Page], block: _Block) -> list[FormatCheck]:
    expected = f"{block.pitch:.2f} pt (or whole multiples)"
    failures, steps = [], []
    for page in pages:
        for upper, lower, k in _same_size_neighbours(page, block):
            distance = lower.baseline - upper.baseline
            steps.append(distance / k)
            if abs(distance - k * block.pitch) > PITCH_SLACK_PT * k:
                failures.append(FormatCheck(LINE_PITCH, False, expected, f"{distance / k:.2f} pt", lower.where,
                                            lower.text))
    found = f"{min(steps):.2f} to {max(steps):.2f} pt" if steps else "no two lines to measure"
    return _rows(LINE_PITCH, expected, _first_of_each_page(failures), found)


def _first_of_each_page(failures: list[FormatCheck]) -> list[FormatCheck]:
    """One row a page: a wrong pitch repeats on every line of it."""
    seen: dict[str, FormatCheck] = {}
    for failure in failures:
        seen.setdefault(failure.where.split(",")[0], failure)
    return list(seen.values())


def _is_full(page: Page, last_page: int, block: _Block) -> bool:
    """A page that holds only lines of the body size, from the first grid line to the last."""
    if page.number == last_page or not page.body:
        return False
    if any(abs(line.size - block.body_size) > SIZE_SLACK_PT for line in page.body):
        return False
    top = _nearest(block.line_tops(page.body[0]), block.top)
    bottom = min(block.line_bottoms(page.body[-1]))
    return top < block.top + block.pitch / 2 and bottom > block.bottom - block.pitch / 2


def _lines_per_page(pages: list[Page], block: _Block, profile: Profile) -> list[FormatCheck]:
    expected = f"{profile.lines_per_page} lines"
    failures, counted = [], 0
    for page in pages:
        if not _is_full(page, len(pages), block):
            continue
        counted += 1
        lines = 1 + sum(k for _, _, k in _same_size_neighbours(page, block))
        if lines != profile.lines_per_page:
            failures.append(FormatCheck(LINES_PER_PAGE, False, expected, f"{lines} lines", f"page {page.number}",
                                        page.body[-1].text))
    return _rows(LINES_PER_PAGE, expected, failures, f"{counted} full page(s)")


def _chars_per_line(body: list[Line], block: _Block, profile: Profile) -> list[FormatCheck]:
    expected = f"{profile.chars_per_line} characters (fewer only where 禁则 move characters on)"
    failures, checked = [], 0
    char = profile.char_pitch_pt
    for line, following in zip(body, body[1:]):
        inside = _inside(line, block, profile)
        if (abs(line.size - block.body_size) > SIZE_SLACK_PT or abs(line.x0 - block.left) > char / 2
                or abs(inside[-1].x1 - block.right) > char / 2 or len(inside) < 2
                or not all(is_cjk_or_full_width(g.text) for g in inside) or _has_space(inside)):
            continue
        checked += 1
        count = len(inside)
        pulled_on = (following.text[:1] in NO_LINE_START or following.text[1:2] in NO_LINE_START
                     or following.text[:1] in NO_LINE_END or following.text[:1].isascii())
        if count > profile.chars_per_line or (count < profile.chars_per_line and not pulled_on):
            failures.append(FormatCheck(CHARS_PER_LINE, False, expected, f"{count} characters", line.where, line.text))
    return _rows(CHARS_PER_LINE, expected, failures, f"{checked} full line(s)")


def _has_space(glyphs: list[Glyph]) -> bool:
    """A gap a quarter em wider than the line's usual step: a space the PDF draws as a move, not a glyph."""
    steps = [b.x0 - a.x0 for a, b in zip(glyphs, glyphs[1:])]
    usual = sorted(steps)[len(steps) // 2]
    return any(step > usual + SPACE_EM * glyph.size for step, glyph in zip(steps, glyphs))


def _line_breaking(body: list[Line], block: _Block) -> list[FormatCheck]:
    expected = f"no line starts with {''.join(sorted(NO_LINE_START))} nor ends with {''.join(sorted(NO_LINE_END))}"
    failures = []
    for line in body:
        if abs(line.size - block.body_size) > SIZE_SLACK_PT:
            continue
        first, last = line.glyphs[0].text, line.glyphs[-1].text
        if first in NO_LINE_START or last in NO_LINE_END:
            found = f"starts with {first}" if first in NO_LINE_START else f"ends with {last}"
            failures.append(FormatCheck(LINE_BREAKING, False, expected, found, line.where, line.text))
    return _rows(LINE_BREAKING, expected, failures, f"{len(body)} line(s)")


def _page_numbers(pages: list[Page], block: _Block, profile: Profile) -> list[FormatCheck]:
    style = profile.page_number
    if not style.enabled:
        return []
    indent = style.outer_indent_chars * style.size_pt
    middle = block.bottom + mm_to_pt(style.below_text_block_mm)
    form = f"{style.format.format(page='N')}"
    place = (f"odd pages right, even left, {style.outer_indent_chars:g} 字 in; "
             f"{style.below_text_block_mm:g} mm below the text block")
    forms, sizes, places = [], [], []
    for page in pages:
        if not page.footer:
            if page.number != len(pages) and page.body:
                forms.append(FormatCheck(PAGE_NUMBER_FORM, False, form, "no page number", f"page {page.number}"))
            continue
        number = page.footer[0]
        where = f"page {page.number}"
        wanted = "".join(style.format.format(page=page.number).split())
        if number.text != wanted:
            forms.append(FormatCheck(PAGE_NUMBER_FORM, False, form, number.text, where, number.text))
        if any(abs(g.size - style.size_pt) > SIZE_SLACK_PT for g in number.glyphs):
            sizes.append(FormatCheck(PAGE_NUMBER_SIZE, False, f"{style.size_pt:g} pt", f"{number.size:g} pt", where,
                                     number.text))
        odd = page.number % 2 == 1
        offset = (number.glyphs[-1].x1 - (block.right - indent)) if odd else (number.x0 - (block.left + indent))
        if abs(offset) > block.tolerance or abs(number.em_middle - middle) > block.tolerance:
            side = "right" if odd else "left"
            found = (f"{side} end {_mm(abs(offset))} {'off' if abs(offset) > block.tolerance else 'in place'}, "
                     f"middle {_mm(number.em_middle)} from the top (expected {_mm(middle)})")
            places.append(FormatCheck(PAGE_NUMBER_PLACE, False, place, found, where, number.text))
    numbered = sum(1 for page in pages if page.footer)
    return [*_rows(PAGE_NUMBER_FORM, form, forms, f"{numbered} page(s) numbered"),
            *_rows(PAGE_NUMBER_SIZE, f"{style.size_pt:g} pt", sizes, f"{style.size_pt:g} pt"),
            *_rows(PAGE_NUMBER_PLACE, place, places, "in place")]


def _fonts_embedded(fonts: dict[str, bool]) -> list[FormatCheck]:
    expected = "every font embedded"
    failures = [FormatCheck(FONTS_EMBEDDED, False, expected, f"{name} not embedded", excerpt=name)
                for name, embedded in sorted(fonts.items()) if not embedded]
    return _rows(FONTS_EMBEDDED, expected, failures, f"{len(fonts)} font(s) embedded")


def _body_size(body: list[Line], block: _Block) -> list[FormatCheck]:
    sizes = Counter(g.size for line in body for g in line.glyphs)
    expected = f"{block.body_size:g} pt"
    if not sizes:
        return [FormatCheck(BODY_SIZE, False, expected, "no text in the text block")]
    size, _ = sizes.most_common(1)[0]
    return [FormatCheck(BODY_SIZE, abs(size - block.body_size) <= SIZE_SLACK_PT, expected, f"{size:g} pt")]


def _hanzi_fonts(body: list[Line]) -> list[FormatCheck]:
    counts = Counter(g.font for line in body for g in line.glyphs if is_hanzi(g.text))
    used = ", ".join(f"{name} ({n})" for name, n in counts.most_common())
    expected = "Chinese faces (no Japanese, Korean or Latin fallback)"
    failures = []
    for name, _ in counts.most_common():
        if FOREIGN_FACE.search(name) and not SHARED_CJK_NAME.search(name):
            first = next(line for line in body if any(g.font == name and is_hanzi(g.text) for g in line.glyphs))
            failures.append(FormatCheck(HANZI_FONTS, False, expected, f"{name}; all used: {used}", first.where,
                                        first.text))
    return _rows(HANZI_FONTS, expected, failures, used or "no hanzi")
