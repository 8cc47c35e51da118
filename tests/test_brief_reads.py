"""Does the 简报 read as a briefing? Measured on five 简报 — the bundled report's,
content/example-full's and three differently shaped reports of tests/fixtures/brief-shapes
(a short one of three sections, one whose level-1 headings run in, one with many figures
and a highlighted body table) — each in docgen's PDF and in LibreOffice's render of the
DOCX as shipped (issue 12, point 6):

- at most two pages (one sheet, the profile's max_pages);
- the headline, the centred line(s) between the red rule and the first indented line,
  names the issuer's short name and the year;
- the body, split into paragraphs at the lines that start at the 2-字 first-line indent:
  every heading (a paragraph with no glyph in the opening paragraph's 仿宋: 一、… in
  黑体, （一）… in 楷体) is followed by a paragraph of text (not another heading, not the
  table); no paragraph is only one of the report's headings or lead phrases (a lead
  phrase alone is a heading too; after an optional 一是/二是… ordinal); no two headings
  run together; no heading number such as （二） or 2. stands inside a paragraph;
- every sentence fragment of the body is the report's own text, and every number in it is
  in the report: the 简报 condenses, it does not write (none of the five sets an author's
  brief: text, which would be the author's own);
- the 主要数据 table, if any: rows + 1 rules across it, no cell line of one character, all of
  it and its title on one page;
- the length, Word's 字数 of the headline, body and table (between the red rule and the
  报尾's top rule), within the profile's max_chars, and min_chars unless the sheet is full;
- the 报尾's last rule on the text block's bottom edge of the last page (±1 mm).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import grid_checks as grid
from brief_pdf import cell_lines, check_table_on_one_page, last_rule_bottom, lone_characters, red_rule, table_rules
from conftest import FIXTURES, require
from docgen.build import build
from docgen.content.load import load_report
from docgen.content.model import Paragraph, Section
from docgen.content.resolve import resolve
from docgen.format.cjk import word_count
from docgen.format.profile import load_profile
from docgen.paths import BUNDLED_EXAMPLE
from docx_xml import NS, data_tables
from libreoffice import docx_files_to_pdf, soffice
from pdf_lines import Line, read_pages, rules

ROOT = Path(__file__).parent.parent
SHAPES = FIXTURES / "brief-shapes"
CONTENT = {"xinwu-2023": BUNDLED_EXAMPLE, "example-full": ROOT / "content" / "example-full",
           "short-2023": SHAPES / "short-2023", "runin-2023": SHAPES / "runin-2023",
           "figures-2023": SHAPES / "figures-2023"}
# The short issuer name each headline must carry: short_name where the content sets one,
# else derived from the issuer (示例市示范区人民政府 → 示范区, 青岭县人民政府 → 青岭县).
SHORT_NAMES = {"xinwu-2023": "新吴区", "example-full": "示范区", "short-2023": "青岭县",
               "runin-2023": "望澜区", "figures-2023": "江屿市"}
BRIEFS = tuple(CONTENT)
RENDERERS = ("docgen", "libreoffice")
INDENT = grid.LEFT + 2 * grid.PITCH          # the first line of a paragraph: 2 字 in
ORDINAL = re.compile(r"^[一二三四五六七八九十]是")
HEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.(?!\d)|（\d+）)")
NUMBER_INSIDE = re.compile(r"（[一二三四五六七八九十]+）|(?<![\d.])\d{1,2}\.(?![\d%])")
FRAGMENT_ENDS = re.compile(r"[。！？；：]")
NUMBER = re.compile(r"\d+(?:\.\d+)?")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, profile, fontconfig_file) -> Path:
    """<folder>/docgen: each report's PDF and its 简报's DOCX and PDF; /libreoffice: the
    简报 DOCX rendered by LibreOffice, all in one run."""
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    out = tmp_path_factory.mktemp("brief-reads")
    docx = []
    for content in CONTENT.values():
        paths = build(content, profile, ("pdf",), out / "docgen", brief_formats=("docx", "pdf")).paths
        docx += [path for path in paths if path.suffix == ".docx"]
    docx_files_to_pdf(docx, out / "libreoffice", fontconfig_file)
    return out


def _line_text(line: Line) -> str:
    """The line's text, a space where the glyphs stand apart (table cells), so that Word's
    字数 counts separate runs of digits as separate words."""
    text = line.glyphs[0].text
    for before, glyph in zip(line.glyphs, line.glyphs[1:]):
        text += (" " if glyph.x0 - before.x1 > grid.PITCH / 2 else "") + glyph.text
    return text


def _report_text(outputs: Path, name: str) -> str:
    """The report PDF's body text, line breaks and spaces removed (page numbers left out)."""
    return "".join(line.text for page in read_pages(outputs / "docgen" / f"{name}.pdf")
                   for line in grid.body_lines(page))


def _report_headings(name: str) -> set[str]:
    """The report's heading titles and lead phrases, without their final 。."""
    report = resolve(load_report(CONTENT[name]), load_profile("gbt9704"))
    found: set[str] = set()

    def walk(sections: tuple[Section, ...]) -> None:
        for section in sections:
            found.add(str(section.title).rstrip("。"))
            found.update(str(item.lead).rstrip("。") for item in section.paragraphs
                         if isinstance(item, Paragraph) and item.lead)
            walk(section.sections)
    walk(report.sections)
    return found


def _between_rules(pdf: Path) -> list[Line]:
    """The lines between the red rule (page 1) and the 报尾's top rule (the wide rule just
    above its 报： line; the end of the 简报 if it has no 报尾), in reading order."""
    pages = read_pages(pdf)
    red = red_rule(pdf)
    end = (len(pages) + 1, 0.0)
    starts = [line for page in pages for line in page.lines if line.text.startswith("报：")]
    if starts:
        end = (starts[0].page, max(r[4] for r in rules(pdf) if r[0] == starts[0].page and r[1] == "-"
                                   and r[3] - r[2] > 400 and r[4] < starts[0].top))
    return [line for page in pages for line in page.lines
            if (line.page, line.top) > (red[0], red[4]) and (line.page, line.bottom) < end]


def _parts(pdf: Path) -> tuple[list[Line], list[list[Line] | None]]:
    """(headline lines, body paragraphs in reading order, None where the 主要数据 table stands)."""
    lines = _between_rules(pdf)
    across, _ = table_rules(pdf)
    in_table = set()
    if across:
        page, top, bottom = across[0][0], across[0][4], across[-1][4]
        in_table = {id(line) for line in lines if line.page == page and top < line.baseline < bottom}
        in_table |= {id(line) for line in lines if line.text == "主要数据"}
    first = next(i for i, line in enumerate(lines) if abs(line.x0 - INDENT) < 2)
    headline, paragraphs = lines[:first], []
    for line in lines[first:]:
        if id(line) in in_table:
            if paragraphs and paragraphs[-1] is None:
                continue
            paragraphs.append(None)
        elif abs(line.x0 - INDENT) < 2 or not paragraphs or paragraphs[-1] is None:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return headline, paragraphs


def _text(paragraph: list[Line]) -> str:
    return "".join(line.text for line in paragraph)


def _is_heading(paragraph: list[Line], body_fonts: set[str]) -> bool:
    """A heading (一、… in 黑体, （一）… in 楷体): no glyph in the body's font, the opening
    paragraph's."""
    return not any(line.fonts & body_fonts for line in paragraph)


def _body_fonts(paragraphs: list[list[Line] | None]) -> set[str]:
    opening = paragraphs[0]
    assert opening is not None
    return set().union(*(line.fonts for line in opening))


def _bare(text: str) -> str:
    """A paragraph or sentence without its leading ordinal or heading number and final 。 or ；."""
    return HEADING_NUMBER.sub("", ORDINAL.sub("", text)).rstrip("。；")


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("name", BRIEFS)
def test_the_brief_has_at_most_two_pages(outputs, name, renderer):
    style = load_profile("briefing").briefing
    assert style is not None and style.max_pages == 2
    assert len(read_pages(outputs / renderer / f"{name}-brief.pdf")) <= style.max_pages


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("name", BRIEFS)
def test_the_headline_names_the_short_issuer_and_the_year(outputs, name, renderer):
    headline, _ = _parts(outputs / renderer / f"{name}-brief.pdf")
    assert headline, "no line between the red rule and the body"
    text = "".join(line.text for line in headline)
    assert SHORT_NAMES[name] in text and "2023年" in text, text
    for line in headline:                       # centred in the text block
        assert line.x0 - grid.LEFT == pytest.approx(grid.RIGHT - line.x1, abs=2), line.text


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("name", BRIEFS)
def test_every_heading_has_text_under_it(outputs, name, renderer):
    """Each heading is followed by a paragraph of text: not by another heading, not by
    the table, not by the 报尾."""
    _, paragraphs = _parts(outputs / renderer / f"{name}-brief.pdf")
    body_fonts = _body_fonts(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        if paragraph is not None and _is_heading(paragraph, body_fonts):
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            assert following is not None and not _is_heading(following, body_fonts), \
                f"{_text(paragraph)!r} is followed by {_text(following) if following else following!r}"


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("name", BRIEFS)
def test_no_paragraph_is_only_headings(outputs, name, renderer):
    """A paragraph of text is never one of the report's headings or lead phrases alone, and
    never holds two of them in a row (headings run together, nothing between)."""
    headings = _report_headings(name)
    _, paragraphs = _parts(outputs / renderer / f"{name}-brief.pdf")
    body_fonts = _body_fonts(paragraphs)
    for paragraph in paragraphs:
        if paragraph is None or _is_heading(paragraph, body_fonts):
            continue
        text = _text(paragraph)
        assert _bare(text) not in headings, f"a heading alone: {text!r}"
        sentences = [_bare(s) for s in re.split(r"(?<=[。；])", text) if s]
        pairs = [(a, b) for a, b in zip(sentences, sentences[1:]) if a in headings and b in headings]
        assert not pairs, f"headings run together in {text!r}"


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("name", BRIEFS)
def test_no_heading_number_inside_a_paragraph(outputs, name, renderer):
    _, paragraphs = _parts(outputs / renderer / f"{name}-brief.pdf")
    for paragraph in paragraphs:
        if paragraph is not None:
            text = _text(paragraph)
            inside = [m.group(0) for m in NUMBER_INSIDE.finditer(text) if m.start() > 0]
            assert not inside, f"{inside} inside {text!r}"


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("name", BRIEFS)
def test_every_fragment_and_figure_is_the_reports(outputs, name, renderer):
    """Each piece of the body between 。！？；： (without a 一是… ordinal or a heading number,
    which the 简报 numbers afresh) is found in the report's text, and each number."""
    report = _report_text(outputs, name)
    _, paragraphs = _parts(outputs / renderer / f"{name}-brief.pdf")
    body = [_text(p) for p in paragraphs if p is not None]
    fragments = [_bare(f) for text in body for f in FRAGMENT_ENDS.split(text)]
    assert [f for f in fragments if f and f not in report] == []
    assert [n for text in body for n in NUMBER.findall(text) if n not in report] == []


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("name", BRIEFS)
def test_the_table_is_whole_on_one_page(outputs, name, renderer):
    pdf = outputs / renderer / f"{name}-brief.pdf"
    tables = data_tables(outputs / "docgen" / f"{name}-brief.docx")
    if not tables:
        assert table_rules(pdf) == ([], [])
        return
    [table] = tables
    check_table_on_one_page(pdf, len(table.findall("w:tr", NS)))
    assert lone_characters(cell_lines(pdf)) == []


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("name", BRIEFS)
def test_the_length_is_within_the_bounds_or_the_sheet_is_full(outputs, name, renderer):
    """Word's 字数 of the headline, the body and the table (the lines between the red rule and
    the 报尾's top rule): at most briefing.max_chars of templates/briefing/profile.yaml, and
    at least min_chars (800) unless the sheet is full. Two pages of 22 grid lines with the
    报头 (5 lines), the headline (3) and a 报尾 of 4–5 lines and its blank line hold 660–720 字
    for these five, under the floor (README, "The 简报"): then the text must end on the last
    grid line above the 报尾's blank line of page 2 — no room was left unused."""
    style = load_profile("briefing").briefing
    assert style is not None
    pdf = outputs / renderer / f"{name}-brief.pdf"
    lines = _between_rules(pdf)
    count = word_count("\n".join(_line_text(line) for line in lines))
    assert count <= style.max_chars, count
    if count < style.min_chars:
        start = next(line for page in read_pages(pdf) for line in page.lines if line.text.startswith("报："))
        foot_top = max(r[4] for r in rules(pdf) if r[0] == start.page and r[1] == "-" and r[3] - r[2] > 400
                       and r[4] < start.top)
        empty = round((foot_top - grid.TOP) / grid.GRID_PITCH) - grid.grid_line(lines[-1])
        assert (lines[-1].page, start.page, empty) == (2, 2, style.foot_blank_lines_before), count


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("name", BRIEFS)
def test_the_foots_last_rule_is_on_the_bottom_edge_of_the_last_page(outputs, name, renderer):
    pdf = outputs / renderer / f"{name}-brief.pdf"
    assert any(line.text.startswith("报：") for page in read_pages(pdf) for line in page.lines), "no 报尾"
    page, bottom = last_rule_bottom(pdf)
    assert page == len(read_pages(pdf))
    assert abs(bottom - grid.BOTTOM) <= grid.MM, (bottom - grid.BOTTOM) / grid.MM
