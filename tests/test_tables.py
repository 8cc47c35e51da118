"""Tables (issue 10, points 2, 10 and 11), measured end to end.

tests/fixtures/tables holds a report with a table of 26 rows that crosses two page
breaks (cells that wrap, a 率 that would be left alone on a cell's last line at the
widths a plain share of the text width gives) and a small one. It is built through
the CLI; docgen's PDF and LibreOffice's render of the DOCX are read back and measured
the same way: the horizontal rules of each page, the text between each two of them
(a whole row of the content, the header again at the top of a continuation page),
the rules inside the text block, the title centred above, the cells' fonts and sizes,
no lone character on a cell's last line. Then the DOCX's table XML, the column widths
and the page layout on their own, the 简报's 主要数据 and `new-year`.
"""

from __future__ import annotations

import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from conftest import FIXTURES, require
from docgen.cli import main
from docgen.content.load import load_report
from docgen.content.model import Table, TableRow, Text, walk_sections
from docgen.content.resolve import resolve
from docgen.document.blocks import SpaceBlock, Span, TableBlock
from docgen.document.table_plan import table_blocks
from docgen.format.profile import ProfileError, load_profile
from docgen.paths import TEMPLATES_DIR
from docgen.pdf.layout import EstimatedFonts, Typesetter, paginate
from docgen.pdf.typeset import break_lines
from docx_xml import NS, Styles, data_tables, paragraph_property, runs_of, w
from docx_xml import part as docx_part
from grid_checks import BOTTOM, EDGE_TOLERANCE, LEFT, RIGHT, TOP
from libreoffice import docx_to_pdf, soffice
from pdf_lines import Glyph, group_lines, read_pages

FIXTURE = FIXTURES / "tables"
PITCH = 28.95                    # pt: 579 twips (LibreOffice) … 225 mm / 22 (docgen's PDF) differ by 0.04
TEXT_WIDTH_TWIPS = 8844          # 156 mm


def _build(folder: Path, out: Path) -> Path:
    result = CliRunner().invoke(main, ["build", str(folder), "--format", "all", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory, substitute_fonts) -> Path:
    return _build(FIXTURE, tmp_path_factory.mktemp("tables"))


@pytest.fixture(scope="module")
def rendered(built, fontconfig_file) -> Path:
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    return docx_to_pdf(built / "tables.docx", built / "rendered", fontconfig_file)


@pytest.fixture(scope="module", params=["docgen's PDF", "LibreOffice's render of the DOCX"])
def measured(request, built) -> list[PageTable]:
    path = built / "tables.pdf" if request.param == "docgen's PDF" else request.getfixturevalue("rendered")
    return read_tables(path)


@pytest.fixture(scope="module")
def tables(profile) -> list[Table]:
    report = resolve(load_report(FIXTURE), profile)
    return [item for section in walk_sections(report.sections) for item in section.paragraphs
            if isinstance(item, Table)]


# -- reading a table back from a PDF ------------------------------------------------------------

@dataclass
class PageTable:
    """What a page shows of a table: its rules and the text between them."""
    page: int
    rules: list[float]                      # y of each horizontal rule, top to bottom (pt from the top)
    edges: list[float]                      # x of each vertical rule, left to right
    boxes: list[tuple[float, float, float, float]]     # every rule's x0, top, x1, bottom
    rows: list[list[list[str]]]             # between each two rules: each cell's lines of text
    glyphs: list[list[list[Glyph]]]         # … and each cell's glyphs

    def texts(self) -> list[list[str]]:
        return [["".join(lines) for lines in row] for row in self.rows]


def _clustered(values: list[float]) -> list[float]:
    """Values within 1 pt of each other as one (a rule drawn in pieces, cell by cell)."""
    result: list[float] = []
    for value in sorted(values):
        if not result or value - result[-1] > 1:
            result.append(value)
    return result


def read_tables(pdf_path: Path) -> list[PageTable]:
    found = []
    with pdfplumber.open(pdf_path) as pdf:
        shapes = [page.lines + page.rects for page in pdf.pages]
    for page, objects in zip(read_pages(pdf_path), shapes):
        boxes = [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in objects
                 if min(o["x1"] - o["x0"], o["bottom"] - o["top"]) < 2 and max(o["x1"] - o["x0"],
                                                                               o["bottom"] - o["top"]) > 5]
        rules = _clustered([(top + bottom) / 2 for x0, top, x1, bottom in boxes if x1 - x0 > bottom - top])
        edges = _clustered([(x0 + x1) / 2 for x0, top, x1, bottom in boxes if x1 - x0 < bottom - top])
        if not rules:
            continue
        glyphs = [g for line in page.lines for g in line.glyphs]
        rows, row_glyphs = [], []
        for upper, lower in zip(rules, rules[1:]):
            cells = [[g for g in glyphs if upper < (g.top + g.bottom) / 2 < lower and left < (g.x0 + g.x1) / 2 < right]
                     for left, right in zip(edges, edges[1:])]
            row_glyphs.append(cells)
            rows.append([_lines(cell) for cell in cells])
        found.append(PageTable(page.number, rules, edges, boxes, rows, row_glyphs))
    return found


def _lines(glyphs: list[Glyph]) -> list[str]:
    """A cell's glyphs as its lines of text, top to bottom."""
    return [line.text for line in group_lines(0, glyphs)]


def _shown(cells) -> list[str]:
    """A row of the content as a PDF's text extraction shows it: no spaces."""
    return ["".join(str(cell).split()) for cell in cells]


def _lonely(lines: list[str]) -> bool:
    return len(lines) > 1 and sum(not unicodedata.category(ch).startswith("P") for ch in lines[-1]) == 1


# -- the PDF and the DOCX as LibreOffice sets it ---------------------------------------------------

def test_every_row_whole_between_two_rules_and_the_header_repeated_on_each_page(measured, tables):
    big, small = tables
    expected = [_shown(big.header)] + [_shown(row.cells) for row in big.rows]
    expected += [_shown(small.header)] + [_shown(row.cells) for row in small.rows]
    shown: list[list[str]] = []
    for part in measured:
        texts = part.texts()
        assert len(part.rules) == len(texts) + 1         # horizontal rules = rows + 1, on every page's part
        if shown and texts[0] == shown[0]:              # a continuation page: the header again, on top
            assert part.rules[0] == pytest.approx(TOP, abs=EDGE_TOLERANCE)
            texts = texts[1:]
        shown += texts
    assert shown == expected                            # each row's text whole, in order, once
    assert [part.page for part in measured] == [1, 2, 3, 4]     # the big table crosses two page breaks
    assert [part.texts()[0] for part in measured[1:3]] == [_shown(big.header)] * 2


def test_the_pdf_and_the_docx_break_the_table_at_the_same_rows(built, rendered):
    """LibreOffice needs room below a part's last row for the rule that closes it; the PDF
    leaves the same foot line, so that both break before the same rows, on the same grid lines."""
    ours, theirs = read_tables(built / "tables.pdf"), read_tables(rendered)
    assert [part.texts() for part in ours] == [part.texts() for part in theirs]
    for mine, other in zip(ours, theirs):
        assert mine.rules == pytest.approx(other.rules, abs=EDGE_TOLERANCE)
        assert mine.edges == pytest.approx(other.edges, abs=EDGE_TOLERANCE)


def test_the_rules_are_on_grid_lines_and_within_the_text_block(measured):
    for part in measured:
        for x0, top, x1, bottom in part.boxes:
            assert LEFT - EDGE_TOLERANCE <= x0 and x1 <= RIGHT + EDGE_TOLERANCE, (part.page, x0, x1)
            assert TOP - EDGE_TOLERANCE <= top and bottom <= BOTTOM + EDGE_TOLERANCE, (part.page, top, bottom)
        assert part.edges[0] == pytest.approx(LEFT, abs=EDGE_TOLERANCE)        # as wide as the block
        assert part.edges[-1] == pytest.approx(RIGHT, abs=EDGE_TOLERANCE)
        for y in part.rules:                                                    # rows on whole grid lines
            lines = (y - TOP) / PITCH
            assert abs(lines - round(lines)) * PITCH < EDGE_TOLERANCE, (part.page, y)
        for x in part.edges:                    # every column rule runs from the top rule to the bottom one
            spans = [(top, bottom) for x0, top, x1, bottom in part.boxes if abs((x0 + x1) / 2 - x) < 1]
            assert min(t for t, _ in spans) <= part.rules[0] + 1 and max(b for _, b in spans) >= part.rules[-1] - 1


def test_the_title_is_centred_above_the_table(measured, built):
    page = read_pages(built / "tables.pdf")[0]
    [title] = [line for line in page.lines if line.text == "2023年各执法单位办理案件情况"]
    first = measured[0]
    assert first.page == 1
    assert (title.x0 + title.x1) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=1)
    assert 0 < first.rules[0] - title.bottom < PITCH                 # directly above the top rule
    assert {g.size for g in title.glyphs} == {16.0} and title.fonts == {"WenQuanYiMicroHei"}   # 黑体 三号


def test_cell_text_in_the_table_fonts_and_size(measured):
    header_fonts, body_fonts, sizes = set(), set(), set()
    for part in measured:
        for r, row in enumerate(part.glyphs):
            fonts = header_fonts if part.texts()[r][0] in ("序号", "项目") else body_fonts
            for cell in row:
                fonts.update(g.font.split("+", 1)[-1] for g in cell)
                sizes.update(g.size for g in cell)
    assert sizes == {14.0}                                              # 四号
    assert header_fonts == {"WenQuanYiMicroHei"}                        # 黑体 (the substitute)
    assert {font.split("-")[0] for font in body_fonts} == {"FandolFang"}    # 仿宋


def test_no_cell_ends_in_a_lone_character(measured):
    cells = [lines for part in measured for row in part.rows for lines in row]
    assert sum(len(lines) > 1 for lines in cells) >= 20                 # many cells wrap
    assert [lines for lines in cells if _lonely(lines)] == []
    assert ["区消防救援", "大队"] in cells      # 7 characters where 6 fit a line: narrowed, not 区消防救援大 / 队


def test_the_note_is_below_the_table(measured, built):
    last = [part for part in measured if part.texts()[0][0] == "序号"][-1]
    page = read_pages(built / "tables.pdf")[last.page - 1]
    [note] = [line for line in page.lines if line.text.startswith("注：数据截至2023年12月31日")]
    assert 0 < note.top - last.rules[-1] < PITCH and note.x0 == pytest.approx(LEFT, abs=EDGE_TOLERANCE)


# -- the DOCX's XML -------------------------------------------------------------------------------

def test_the_docx_tables_are_word_tables_with_a_repeated_header_and_whole_rows(built):
    path = built / "tables.docx"
    styles = Styles(path)
    tables = data_tables(path)
    assert len(tables) == 2
    for table in tables:
        borders = table.find("w:tblPr/w:tblBorders", NS)
        assert [(b.tag.split("}")[1], b.get(w("val")), b.get(w("sz"))) for b in borders] == [
            (side, "single", "4") for side in ("top", "left", "bottom", "right", "insideH", "insideV")]  # 0.5 pt
        columns = [int(c.get(w("w"))) for c in table.findall("w:tblGrid/w:gridCol", NS)]
        assert sum(columns) == int(table.find("w:tblPr/w:tblW", NS).get(w("w"))) <= TEXT_WIDTH_TWIPS
        assert table.find("w:tblPr/w:tblLayout", NS).get(w("type")) == "fixed"
        rows = table.findall("w:tr", NS)
        assert [row.find("w:trPr/w:tblHeader", NS) is not None for row in rows] == [True] + [False] * (len(rows) - 1)
        assert all(row.find("w:trPr/w:cantSplit", NS) is not None for row in rows)
        for r, row in enumerate(rows):
            cells = row.findall("w:tc", NS)
            assert [int(c.find("w:tcPr/w:tcW", NS).get(w("w"))) for c in cells] == columns
            for cell in cells:
                [paragraph] = cell.findall("w:p", NS)
                style = styles.name(paragraph.find("w:pPr/w:pStyle", NS).get(w("val")))
                assert style == ("表格表头" if r == 0 else "表格文字")
                for run in runs_of(paragraph, styles):
                    assert run.size_half_points == 28                    # 四号
                    assert run.east_asia == ("黑体" if r == 0 else "仿宋_GB2312")
    body = docx_part(path, "word/document.xml").find("w:body", NS)
    [title] = [p for p in body.findall("w:p", NS)
               if "".join(t.text for t in p.iter(w("t"))) == "2023年各执法单位办理案件情况"]
    assert paragraph_property(title, styles, "w:keepNext") is not None   # kept with the table it heads
    assert title.getnext().tag == w("tbl") and paragraph_property(title, styles, "w:jc").get(w("val")) == "center"


# -- the plan and the page layout on their own --------------------------------------------------------

def _table(header: list[str], *rows: list[str]) -> Table:
    return Table(tuple(Text(c) for c in header), tuple(TableRow(tuple(Text(c) for c in row)) for row in rows))


def _set(block: TableBlock, profile) -> list[list[list[str]]]:
    """Each cell's lines as the PDF's typesetter breaks them (fonts estimated)."""
    typesetter = Typesetter(profile, EstimatedFonts())
    widths = [share * profile.text_width_pt for share in block.columns]
    def lines(r: int, c: int, text: str) -> list[str]:
        room = widths[c] - 2 * block.cell_padding_pt - block.cell_inset(r, c)
        glyphs = typesetter.glyphs(Span(text, block.cell_style(r)))
        return [line.text for line in break_lines(glyphs, room, room, typesetter.hanging)]
    return [[lines(r, c, text) for c, text in enumerate(row)] for r, row in enumerate(block.rows)]


def test_column_widths_keep_a_lone_character_off_every_cell(profile):
    """Five columns whose text does not fit one line each: at equal widths 按期办结率 and
    区消防救援大队 end on a lone 率 and 队; the chosen widths leave none."""
    table = _table(["序号", "执法单位", "办理案件数", "按期办结率", "主要做法"],
                   ["1", "区消防救援大队", "106件", "96%", "推行“721”工作法，首违不罚清单覆盖全部事项"],
                   ["2", "区人力资源和社会保障局", "299件", "99%", "建立执法全过程记录制度"])
    [block] = [b for b in table_blocks(table, profile) if isinstance(b, TableBlock)]
    assert sum(block.columns) == pytest.approx(1)
    equal = TableBlock(block.rows, (0.2,) * 5, block.style, block.rule, block.cell_padding_pt,
                       header_style=block.header_style)
    assert any(_lonely(cell) for row in _set(equal, profile) for cell in row)     # what the search avoids
    cells = [cell for row in _set(block, profile) for cell in row]
    assert not any(_lonely(cell) for cell in cells)
    assert any(len(cell) > 1 for cell in cells)


def test_columns_of_short_cells_hold_each_on_one_line(profile):
    table = _table(["项目", "2023年", "上年", "同比"], ["行政复议收案", "156件", "132件", "增长18.2%"],
                   ["行政机关负责人出庭应诉率", "100%", "100%", "持平"])
    [block] = [b for b in table_blocks(table, profile) if isinstance(b, TableBlock)]
    assert all(len(cell) == 1 for row in _set(block, profile) for cell in row)
    assert block.align == (("center",) * 4,) * 3
    assert block.columns[0] == max(block.columns)                       # the long label's column is the widest


def test_a_table_crossing_pages_repeats_its_header_and_keeps_each_row_whole(profile):
    rows = [[str(i), "区人力资源和社会保障局" if i % 3 else "区司法局", f"{i}件"] for i in range(1, 60)]
    table = _table(["序号", "执法单位", "办理案件数"], *rows)
    typesetter = Typesetter(profile, EstimatedFonts())
    [block] = [b for b in table_blocks(table, profile) if isinstance(b, TableBlock)]
    set_lines = typesetter.set_block(block)
    header = [line for line in set_lines[:set_lines.index(next(line for line in set_lines if line.last)) + 1]]
    pages = paginate([set_lines], profile.lines_per_page)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert page[:len(header)] == header                             # the header first on every page
        assert page[-1].rule_below == block.rule                        # each part closed by a rule
        assert page[len(header)].first and page[-1].last                # whole rows only
        if number < len(pages):
            assert len(page) < profile.lines_per_page                   # the foot line left for the rule
    assert sum(len(page) - len(header) for page in pages) == len(set_lines) - len(header)


@pytest.mark.parametrize("filler", [17, 18, 19, 20])
def test_the_title_starts_a_page_with_the_table_rather_than_end_one(profile, filler):
    """Its title, the header, the first row and (more rows following) the foot line must fit
    below `filler` lines, else all of them start the next page."""
    table = _table(["项目", "数量"], ["办件", "3件"], ["印章", "5枚"], ["许可", "8件"])
    table = Table(table.header, table.rows, title=Text("表1"))
    typesetter = Typesetter(profile, EstimatedFonts())
    blocks = [SpaceBlock()] * filler + table_blocks(table, profile)
    pages = paginate([typesetter.set_block(block) for block in blocks], profile.lines_per_page)
    [title_page] = [n for n, page in enumerate(pages) if any(line.line and line.line.text == "表1" for line in page)]
    page = pages[title_page]
    start = next(i for i, line in enumerate(page) if line.line and line.line.text == "表1")
    assert len(page) > start + 2 and page[start + 1].cells and page[start + 2].cells    # the header, the first row
    assert title_page == (0 if filler + 4 <= profile.lines_per_page else 1)


# -- the 简报 and new-year ----------------------------------------------------------------------------

def _brief_rows(docx_path: Path) -> list[list[str]]:
    [table] = data_tables(docx_path)
    return [["".join(t.text for t in tc.iter(w("t"))) for tc in tr.findall("w:tc", NS)]
            for tr in table.findall("w:tr", NS)]


def test_highlighted_table_rows_feed_the_brief(built):
    """The 主要数据 table: the highlighted metric, then each highlighted table row (the 序号 column
    left out; the third cell on from four columns after its header)."""
    assert _brief_rows(built / "tables-brief.docx") == [
        ["指标", "数值", "比较"],
        ["行政执法案件", "3200件", "同比增长6.7%"],
        ["区司法局", "77件", "按期办结率：97%；主要做法：建立执法全过程记录制度"],
        ["行政复议收案", "156件", "上年：132件；同比：增长18.2%"],
    ]
    text = "".join(line.text for page in read_pages(built / "tables-brief.pdf") for line in page.lines)
    assert "区司法局77件按期办结率：97%；" in text


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source") / "tables-2023"
    shutil.copytree(FIXTURE, source)
    result = CliRunner().invoke(main, ["new-year", str(source)])
    assert result.exit_code == 0, result.output
    return source.parent / "tables-2024"


def test_new_year_empties_the_figure_cells_and_keeps_the_rest(draft):
    data = YAML().load((draft / "report.yaml").read_text(encoding="utf-8"))
    paragraphs = data["sections"][0]["sections"][0]["paragraphs"]
    big = paragraphs[1]["table"]
    assert "carried" not in paragraphs[1] and paragraphs[0]["carried"] is True
    assert big["header"] == ["序号", "执法单位", "办理案件数", "按期办结率", "主要做法"]
    assert big["rows"][0] == {"cells": [1, "区司法局", None, None, "建立执法全过程记录制度"], "highlight": True}
    assert big["rows"][17] == [18, "区消防救援大队", None, None, "推行“721”工作法，首违不罚清单覆盖全部事项"]
    assert big["title"] == "{{ year }}年各执法单位办理案件情况" and big["note"].startswith("数据截至{{ year }}年")
    small = data["sections"][0]["sections"][1]["paragraphs"][1]["table"]
    assert small["rows"][2] == ["行政机关负责人出庭应诉率", None, None, "持平"]
    result = CliRunner().invoke(main, ["validate", str(draft)])
    assert (f"{draft / 'report.yaml'}:29:36: sections[0].sections[0].paragraphs[1].table.rows[0].cells[2]: "
            "table cell to fill") in result.output


def test_a_drafts_empty_cells_show_marked_placeholders(draft, tmp_path, substitute_fonts):
    out = _build(draft, tmp_path)
    [table, _] = data_tables(out / "tables-2024.docx")
    first = table.findall("w:tr", NS)[1]
    cell = first.findall("w:tc", NS)[2]
    runs = cell.findall(".//w:r", NS)
    assert ["".join(t.text for t in r.iter(w("t"))) for r in runs] == ["【待填：办理案件数】"]
    assert runs[0].find("w:rPr/w:shd", NS).get(w("fill")) == "FFFF00"
    [part, *_] = read_tables(out / "tables-2024.pdf")
    assert part.rows[1][2] == ["【待填：办", "理案件数】"]          # the first row's 办理案件数, to fill
    with pdfplumber.open(out / "tables-2024.pdf") as pdf:
        marks = [r for r in pdf.pages[0].rects if tuple(r["non_stroking_color"]) == (1, 1, 0)]
    for glyph in part.glyphs[1][2]:                                     # every character of it on the mark
        assert any(m["x0"] - 0.5 <= glyph.x0 and glyph.x1 <= m["x1"] + 0.5 and m["top"] - 2 <= glyph.top
                   and glyph.bottom <= m["bottom"] + 2 for m in marks), glyph
    assert _brief_rows(out / "tables-2024-brief.docx")[2][:2] == ["区司法局", "【待填：办理案件数】"]


# -- the profile's table block ---------------------------------------------------------------------

@pytest.mark.parametrize("written, wrong, message", [
    ("    wrapped_align: justify", "    wrapped_align: middle",
     "elements.table.wrapped_align: expected text left, center, right or justify, got 'middle'"),
    ("    rule_width_pt: 0.5", "    rule_width_pt: 0",
     "elements.table.rule_width_pt: expected a number greater than 0 and at most 100, got 0"),
    ("    header_font: heiti", "    header_font: hei",
     "elements.table.header_font: unknown font role 'hei' (roles: fangsong, heiti, kaiti, songti, xiaobiaosong)"),
    ("    title_size: 三号", "    title_size: 叁号", "elements.table.title_size: unknown size '叁号'"),
    ("    size: 四号\n    header_font", "    size: 30\n    header_font",
     "elements.table.size: 30 pt is more than the line pitch of 28.99 pt: lines would overlap"),
    ("    min_column_chars: 2", "    min_column_chars: 40",
     "elements.table.min_column_chars: a column of 40 characters and its padding (568.4 pt) is wider than "
     "the text block (442.2 pt)"),
])
def test_the_profiles_table_block_is_checked(tmp_path, written, wrong, message):
    standard = (TEMPLATES_DIR / "gbt9704" / "profile.yaml").read_text(encoding="utf-8")
    assert written in standard
    text = standard.replace(written, wrong, 1)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "profile.yaml").write_text(text, encoding="utf-8")
    line = standard[:standard.index(written)].count("\n") + 1
    with pytest.raises(ProfileError) as error:
        load_profile("mine", tmp_path)
    assert any(p.startswith(f"{tmp_path}/mine/profile.yaml:{line}:") and message in p
               for p in error.value.problems), error.value.problems
