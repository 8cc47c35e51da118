"""Check any .docx (docgen's, or one made in Word or WPS) against the format profile.

One row (format_report.FormatCheck) per property per section or role, never per paragraph: a
failing row names the first paragraph at fault, with an excerpt, and how many share the fault.
Checked: the page and its margins (GB/T 9704 §5.2.1), the line grid (§5.2.2: 22 lines of the
profile's pitch), fonts and sizes of the title, body and headings (§7.3.1–7.3.3) with the East
Asian font slot that Chinese text is set in, the page numbers (§7.5: "— 1 —", 宋体 4号, odd
pages right and even pages left, 1 字 in) and the 版记 (§7.4: last, between rules). Every
expected number is the profile's; the file is read as untrusted input (importing/docx_package).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from pathlib import Path

from lxml import etree

from docgen.checking.docx_roles import (
    EAST_ASIA,
    Font,
    ParagraphView,
    Resolver,
    RunView,
    paragraph_role,
    paragraphs,
    role_runs,
)
from docgen.checking.format_report import FormatCheck, UnreadableFile
from docgen.errors import ContentErrors
from docgen.format.profile import Profile, TextStyle
from docgen.format.units import TWIPS_PER_PT, mm_to_pt, pt_to_mm
from docgen.importing.docx_package import LayoutParts, open_layout
from docgen.importing.docx_styles import w

# Every length checked here (page, margins, page-number place, the grid's unused height) may be
# off by the profile's page.tolerance_mm (GB/T 9704 §5.2.1: 37 mm ± 1 mm, 28 mm ± 1 mm).
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_FALLBACK = "等线/SimSun"        # what Word sets Chinese in when no font slot names one
_ROLE_NAMES = {"title": "title", "body": "body", "distribution": "版记"}


class UnreadableDocx(UnreadableFile):
    """The file is not a .docx docgen can read (its message says why and what to do)."""


def check_docx(path: Path, profile: Profile) -> list[FormatCheck]:
    """The rows of every check of the file against the profile."""
    try:
        parts = open_layout(path)
    except ContentErrors as error:
        raise UnreadableDocx(f"{path}: " + "; ".join(e.message for e in error.errors)) from None
    resolver = Resolver(parts)
    views = paragraphs(parts, resolver, profile)
    sections = _sections(parts)
    checks = []
    for index, section in enumerate(sections, start=1):
        where = f"section {index}" if len(sections) > 1 else ""
        checks += _page_checks(section, profile, where)
        checks += _footer_checks(section, parts, resolver, profile, where)
    checks += _text_checks(views, resolver, profile, _grid_types(sections))
    checks += _distribution_checks(views, profile)
    return checks


def _sections(parts: LayoutParts) -> list[etree._Element]:
    """Every w:sectPr: those ending a section inside the body, then the body's last."""
    body = parts.document.find(w("body"))
    if body is None:
        return []
    inner = [s for s in body.iter(w("sectPr")) if s.getparent() is not None and s.getparent().tag == w("pPr")]
    last = body.find(w("sectPr"))
    return inner + ([last] if last is not None else [etree.Element(w("sectPr"))])


# -- numbers -------------------------------------------------------------------------------------

def _twips(node: etree._Element | None, attribute: str) -> float | None:
    """A length attribute in twips; None when absent or not a number."""
    try:
        return None if node is None else float(node.get(w(attribute)) or "x")
    except ValueError:
        return None


def _mm(twips: float | None) -> str:
    return "not set" if twips is None else f"{pt_to_mm(twips / TWIPS_PER_PT):.1f} mm"


def _near(twips: float | None, mm: float, tolerance_mm: float) -> bool:
    return twips is not None and abs(pt_to_mm(twips / TWIPS_PER_PT) - mm) <= tolerance_mm


def _size_name(profile: Profile, size_pt: float) -> str:
    name = next((name for name, pt in profile.sizes.items() if pt == size_pt), "")
    return f"{size_pt:g} pt ({name})" if name else f"{size_pt:g} pt"


def _pitch_fits(profile: Profile, twips: float) -> bool:
    """A line pitch that sets the profile's lines: exactly its fixed pitch (±1 twip, Word's
    rounding), or lines_per_page lines filling the text block to within the tolerance."""
    if profile.fixed_line_pitch_pt is not None:
        return abs(twips - profile.line_pitch_twips) <= 1
    block = profile.text_height_pt * TWIPS_PER_PT
    lines = math.floor(block / twips + 1e-9) if twips > 0 else 0
    unused_mm = pt_to_mm((block - lines * twips) / TWIPS_PER_PT)
    return lines == profile.lines_per_page and unused_mm <= profile.page.tolerance_mm


def _pitch_expected(profile: Profile) -> str:
    pitch = profile.line_pitch_twips
    return f"{profile.lines_per_page} lines a page: {pitch} twips ({pitch / TWIPS_PER_PT:.2f} pt)"


# -- page and grid -------------------------------------------------------------------------------

def _page_checks(section: etree._Element, profile: Profile, where: str) -> list[FormatCheck]:
    page = profile.page
    tolerance = page.tolerance_mm
    size, margins = section.find(w("pgSz")), section.find(w("pgMar"))
    width, height = _twips(size, "w"), _twips(size, "h")
    checks = [FormatCheck("page size", _near(width, page.width_mm, tolerance) and _near(height, page.height_mm,
                                                                                     tolerance),
                          f"{page.width_mm:g} × {page.height_mm:g} mm ± {tolerance:g}",
                          f"{_mm(width)} × {_mm(height)}", where)]
    for label, attribute, expected in (("top margin", "top", page.margin_top_mm),
                                       ("bottom margin", "bottom", page.margin_bottom_mm),
                                       ("left margin", "left", page.margin_left_mm),
                                       ("right margin", "right", page.margin_right_mm)):
        margin = _twips(margins, attribute)
        checks.append(FormatCheck(label, _near(margin, expected, tolerance), f"{expected:g} mm ± {tolerance:g}",
                                  _mm(margin), where))
    grid = section.find(w("docGrid"))
    kind = "default" if grid is None else grid.get(w("type"), "default")
    pitch = _twips(grid, "linePitch")
    found = f"type {kind}, line pitch {'not set' if pitch is None else f'{pitch:g} twips'}"
    if grid is not None and grid.get(w("charSpace")) and kind == "linesAndChars":
        found += f", charSpace {grid.get(w('charSpace'))}"
    # "lines": Word and LibreOffice agree; linesAndChars with a charSpace is Word's alone
    # (LibreOffice then sets about 14 characters a line), README "Notes on rendering".
    checks.append(FormatCheck("document grid", kind == "lines" and pitch is not None and _pitch_fits(profile, pitch),
                              f"type lines, {_pitch_expected(profile)}", found, where))
    return checks


def _grid_types(sections: list[etree._Element]) -> tuple[str, float | None]:
    """The last section's grid (type, pitch): what auto-spaced lines snap to."""
    grid = sections[-1].find(w("docGrid")) if sections else None
    return ("default" if grid is None else grid.get(w("type"), "default")), _twips(grid, "linePitch")


# -- title, body, headings -----------------------------------------------------------------------

def _styles_by_role(profile: Profile) -> dict[str, TextStyle]:
    styles: dict[str, TextStyle] = {"title": profile.title, "body": profile.body, "distribution": profile.distribution}
    styles.update({f"heading {i + 1}": style for i, style in enumerate(profile.headings)})
    return styles


class _Tally:
    """The paragraphs sharing one fault of one role: the first is named, all are counted."""

    def __init__(self) -> None:
        self.first: tuple[ParagraphView, str] | None = None
        self.numbers: set[int] = set()
        self.found: list[str] = []

    def fault(self, view: ParagraphView, found: str) -> None:
        if self.first is None:
            self.first = (view, found)
        self.numbers.add(view.number)

    def see(self, found: str) -> None:
        if found not in self.found:
            self.found.append(found)

    def row(self, item: str, expected: str) -> FormatCheck:
        if self.first is None:
            return FormatCheck(item, True, expected, ", ".join(self.found[:3]))
        view, found = self.first
        count = len(self.numbers)
        more = f" (in {count} paragraphs)" if count > 1 else ""
        return FormatCheck(item, False, expected, found + more, f"paragraph {view.number}", view.text)


def _text_checks(views: list[ParagraphView], resolver: Resolver, profile: Profile,
                 grid: tuple[str, float | None]) -> list[FormatCheck]:
    styles = _styles_by_role(profile)
    tallies: dict[tuple[str, str], _Tally] = {}

    def tally(role: str, prop: str) -> _Tally:
        return tallies.setdefault((role, prop), _Tally())

    for view in views:
        if not view.role:
            continue
        role = paragraph_role(view)
        if role != "distribution":      # the 版记's rows are as high as its 4号 lines need, off the grid
            found, ok = _line_spacing(view, resolver, grid, profile)
            tally(role, "line spacing").see(found)
            if not ok:
                tally(role, "line spacing").fault(view, found)
        for run_role, run in role_runs(view):
            style = styles[run_role]
            for prop, (found, ok) in _run_faults(run, style, profile).items():
                tally(run_role, prop).see(found)
                if not ok:
                    tally(run_role, prop).fault(view, found)
    order = ["title", "body", *(f"heading {i + 1}" for i in range(len(profile.headings))), "distribution"]
    rows = []
    for (role, prop), t in sorted(tallies.items(), key=lambda item: (order.index(item[0][0]), item[0][1])):
        style = styles[role]
        expected = {
            "font": f"{_font_names(profile, style.font)} for Chinese text",
            "size": _size_name(profile, style.size_pt),
            "bold": "bold" if style.bold else "not bold",
            "line spacing": f"exact, {_pitch_expected(profile)}",
        }[prop]
        rows.append(t.row(f"{_ROLE_NAMES.get(role, role)} {prop}", expected))
    return rows


def _font_names(profile: Profile, role: str) -> str:
    names = profile.fonts[role].names
    return names[0] + (f" (or {', '.join(names[1:])})" if len(names) > 1 else "")


def _font_ok(font: Font, names: Iterable[str]) -> bool:
    return not font.theme and font.name.casefold() in {n.casefold() for n in names}


def _font_found(font: Font, slot: str) -> str:
    if font.theme:
        return f"{slot} slot: theme font {font.theme} (→ {font.name or _FALLBACK})"
    if not font.name:
        return f"{slot} slot empty: Chinese falls back to {_FALLBACK}" if slot == EAST_ASIA else f"{slot} slot empty"
    return font.name


def _run_faults(run: RunView, style: TextStyle, profile: Profile) -> dict[str, tuple[str, bool]]:
    """(found, passed) of each run property checked for the run's role."""
    names = profile.fonts[style.font].names
    faults: dict[str, tuple[str, bool]] = {}
    if run.has_han:
        faults["font"] = (_font_found(run.east_asia, EAST_ASIA), _font_ok(run.east_asia, names))
    if run.has_latin and ("font" not in faults or faults["font"][1]):
        # Digits and Latin letters: the profile's latin_font, else the Chinese text's font.
        latin = (profile.latin_font,) if profile.latin_font else names
        if not _font_ok(run.ascii, latin):
            faults["font"] = (f"digits and Latin letters in {_font_found(run.ascii, 'ascii')}", False)
        else:
            faults.setdefault("font", (run.ascii.name, True))
    size = run.size_pt
    faults["size"] = (f"{size:g} pt" if size is not None else "not set (Word: 10 pt)", size == style.size_pt)
    if style is not profile.body and style is not profile.distribution:   # the body's lead phrases are bold
        faults["bold"] = ("bold" if run.bold else "not bold", run.bold == style.bold)
    return faults


def _line_spacing(view: ParagraphView, resolver: Resolver, grid: tuple[str, float | None],
                  profile: Profile) -> tuple[str, bool]:
    """The paragraph's line pitch as Word sets it: exact spacing, or single spacing snapped to
    the document grid (w:snapToGrid, on unless turned off)."""
    rule = resolver.paragraph_attribute(view.element, "spacing", "lineRule") or "auto"
    line = resolver.paragraph_attribute(view.element, "spacing", "line")
    twips = float(line) if line and line.lstrip("-").isdigit() else None
    if rule == "exact" and twips is not None:
        return f"exact {twips:g} twips ({twips / TWIPS_PER_PT:.2f} pt)", _pitch_fits(profile, twips)
    snap = resolver.paragraph_attribute(view.element, "snapToGrid", "val")
    kind, pitch = grid
    if rule == "auto" and (twips in (None, 240)) and snap not in ("0", "false", "off") \
            and kind in ("lines", "linesAndChars") and pitch is not None:
        return f"single, on the grid of {pitch:g} twips", _pitch_fits(profile, pitch)
    shown = "single" if twips in (None, 240) and rule == "auto" else \
        f"{rule} {'' if twips is None else (f'{twips / 240:g} lines' if rule == 'auto' else f'{twips:g} twips')}"
    return shown.strip(), False


# -- page numbers --------------------------------------------------------------------------------

def _footer_checks(section: etree._Element, parts: LayoutParts, resolver: Resolver, profile: Profile,
                   where: str) -> list[FormatCheck]:
    style = profile.page_number
    if not style.enabled:
        return []
    footers = {ref.get(w("type"), "default"): parts.footers.get(ref.get(_R_ID, ""))
               for ref in section.iterfind(w("footerReference"))}
    odd = _page_number_paragraph(footers.get("default"))
    shown = style.format.replace("{page}", "1")
    if odd is None:
        return [FormatCheck("page numbers", False, f"a PAGE field in the footer: {shown}",
                            "no footer" if footers.get("default") is None else "no PAGE field in the footer", where)]
    text = _field_text(odd)
    checks = [FormatCheck("page number form", text == style.format, shown, text.replace("{page}", "1"), where)]
    faults = [_run_faults(resolver.run(run, odd, text), style, profile) for run, text in _footer_runs(odd)]
    for prop, expected in (("font", _font_names(profile, style.font)), ("size", _size_name(profile, style.size_pt))):
        bad = next((f[prop][0] for f in faults if prop in f and not f[prop][1]), None)
        seen = next((f[prop][0] for f in faults if prop in f), "none")
        checks.append(FormatCheck(f"page number {prop}", bad is None, expected, bad or seen, where))
    indent_mm = pt_to_mm(style.outer_indent_chars * style.size_pt)
    tolerance = profile.page.tolerance_mm
    checks.append(_placement("odd pages' page number", odd, resolver, "right", indent_mm, style.size_pt, tolerance))
    even_on = _on(parts.settings, "evenAndOddHeaders")
    even = _page_number_paragraph(footers.get("even")) if even_on else None
    if even is None:
        why = "no separate even-page footer (w:evenAndOddHeaders not set): even pages as odd ones" if not even_on \
            else "the even-page footer has no page number"
        checks.append(FormatCheck("even pages' page number", False, f"left, {_indent_text(indent_mm, tolerance)}",
                                  why, where))
    else:
        checks.append(_placement("even pages' page number", even, resolver, "left", indent_mm, style.size_pt,
                                 tolerance))
    below = _twips(section.find(w("pgMar")), "bottom"), _twips(section.find(w("pgMar")), "footer")
    if below[0] is not None and below[1] is not None:
        # The footer distance is to the number line's bottom; its middle is half a line higher.
        depth = pt_to_mm((below[0] - below[1]) / TWIPS_PER_PT - style.size_pt / 2)
        checks.append(FormatCheck("page number below the text block", abs(depth - style.below_text_block_mm)
                                  <= tolerance, f"{style.below_text_block_mm:g} mm ± {tolerance:g}",
                                  f"{depth:.1f} mm", where))
    return checks


def _indent_text(indent_mm: float, tolerance_mm: float) -> str:
    return f"{indent_mm:.1f} mm ± {tolerance_mm:g} from the text block's edge"


def _on(part: etree._Element | None, tag: str) -> bool:
    node = None if part is None else part.find(w(tag))
    return node is not None and node.get(w("val"), "true").lower() not in ("0", "false", "off")


def _is_page_field(instruction: str) -> bool:
    words = instruction.split()
    return bool(words) and words[0].upper() == "PAGE"


def _page_number_paragraph(footer: etree._Element | None) -> etree._Element | None:
    """The footer's paragraph holding a PAGE field (complex or simple)."""
    if footer is None:
        return None
    for paragraph in footer.iter(w("p")):
        if any(_is_page_field(node.text or "") for node in paragraph.iter(w("instrText"))) or \
                any(_is_page_field(node.get(w("instr"), "")) for node in paragraph.iter(w("fldSimple"))):
            return paragraph
    return None


def _footer_runs(paragraph: etree._Element) -> list[tuple[etree._Element, str]]:
    """(run, text) of the paragraph's runs that show something, the field's result included."""
    return [(run, text) for run in paragraph.iter(w("r"))
            if (text := "".join(t.text or "" for t in run.iter(w("t"))))]


def _field_text(paragraph: etree._Element) -> str:
    """The footer paragraph's text with the PAGE field's result as {page}."""
    out, state = [], "text"           # text → instruction → result → text (ECMA-376 17.16.18)
    for node in paragraph.iter(w("t"), w("fldChar"), w("fldSimple")):
        if node.tag == w("fldSimple"):
            out.append("{page}")
        elif node.tag == w("fldChar"):
            kind = node.get(w("fldCharType"))
            state = {"begin": "instruction", "separate": "result", "end": "text"}.get(kind or "", state)
            if kind == "separate":
                out.append("{page}")
        elif state == "text" and not any(a.tag == w("fldSimple") for a in node.iterancestors()):
            out.append(node.text or "")
    return "".join(out).strip()


def _placement(item: str, paragraph: etree._Element, resolver: Resolver, side: str, indent_mm: float,
               size_pt: float, tolerance_mm: float) -> FormatCheck:
    """Aligned to `side` and indented from it by the profile's 字 (GB/T 9704 §7.5)."""
    def get(tag: str, attribute: str) -> str | None:
        return resolver.paragraph_attribute(paragraph, tag, attribute)
    jc = get("jc", "val") or "left"
    align = {"end": "right", "start": "left", "both": "left"}.get(jc, jc)
    chars = get("ind", f"{side}Chars")
    twips = float(chars) / 100 * size_pt * TWIPS_PER_PT if chars and chars.lstrip("-").isdigit() else \
        _twips_value(get("ind", side) or get("ind", "start" if side == "left" else "end") or "0")
    ok = align == side and abs(pt_to_mm(twips / TWIPS_PER_PT) - indent_mm) <= tolerance_mm
    return FormatCheck(item, ok, f"{side}, {_indent_text(indent_mm, tolerance_mm)}",
                       f"{align}, {pt_to_mm(twips / TWIPS_PER_PT):.1f} mm from the {side} edge")


def _twips_value(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


# -- 版记 ----------------------------------------------------------------------------------------

def _distribution_checks(views: list[ParagraphView], profile: Profile) -> list[FormatCheck]:
    """The 版记 last, its first paragraph ruled above and its last below (GB/T 9704 §7.4.1)."""
    rows = [v for v in views if v.role == "distribution"]
    if not rows:
        return []
    style = profile.distribution
    after = [v for v in views if v.number > rows[-1].number and v.text.strip()]
    checks = [FormatCheck("版记 position", not after, "the last text of the document",
                          f"followed by paragraph {after[0].number}" if after else "last",
                          f"paragraph {after[0].number}" if after else "", after[0].text if after else "")]
    for label, view, side in (("版记 rule above", rows[0], "top"), ("版记 rule below", rows[-1], "bottom")):
        eighths = _border(view.element, side)
        expected = round(mm_to_pt(style.outer_rule_mm) * 8)      # Word stores rules in eighths of a point
        checks.append(FormatCheck(label, eighths == expected, f"{style.outer_rule_mm:g} mm",
                                  "none" if eighths is None else f"{pt_to_mm(eighths / 8):.2f} mm",
                                  f"paragraph {view.number}", view.text))
    return checks


def _border(paragraph: etree._Element, side: str) -> int | None:
    """The width (eighths of a point) of the rule on this side of the paragraph: its table
    cell's, its row's table's or its own (w:pBdr)."""
    candidates: list[Callable[[], etree._Element | None]] = [
        lambda: paragraph.find(f"../{w('tcPr')}/{w('tcBorders')}/{w(side)}"),
        lambda: paragraph.find(f"{w('pPr')}/{w('pBdr')}/{w(side)}"),
    ]
    for find in candidates:
        node = find()
        if node is not None and node.get(w("val"), "none") not in ("none", "nil"):
            try:
                return int(node.get(w("sz"), "0"))
            except ValueError:
                return None
    return None
