"""The 简报's 主要数据 table and red rule, measured on docgen's PDF and on LibreOffice's
render of the DOCX as shipped: every rule of the table drawn (rows + 1 across it), no
cell line holding a lone character, the header row in the title's 黑体 and the rows in
the cells' 仿宋, the title and the whole table on one page (moved whole to the next page
when it does not fit, never split), and the red rule under the 报头 across the text block
(28–184 mm) on the edge of a grid line.

Two 简报: example-full's, and one whose 12 highlighted metrics have long labels and
whose short opening brings the table to the foot of page 1, where it used to break (its
header and first rows on page 1, not closed by a rule, the rest on page 2).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import grid_checks as grid
from brief_pdf import RED, cell_lines, check_table_on_one_page, lone_characters
from brief_variants import long_table_report
from conftest import require
from docgen.build import build
from docgen.document.blocks import DocumentInfo, Rule, Span, TextBlock
from docgen.document.table_plan import planned_table
from docgen.docx.writer import render_blocks as render_docx
from docgen.format.profile import TextStyle, load_profile
from docgen.paths import BUNDLED_EXAMPLE
from docgen.pdf.layout import EstimatedFonts, Typesetter, paginate
from docx_xml import NS, Styles, data_tables, paragraph_property, w
from libreoffice import docx_files_to_pdf, docx_to_pdf, soffice
from pdf_lines import read_pages, rules

BRIEFS = ("example-full", "long-table")
RENDERERS = ("docgen", "libreoffice")
LINE_PITCH = (grid.BOTTOM - grid.TOP) / 22


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, profile, fontconfig_file) -> Path:
    """<folder>/docgen: each 简报's DOCX and PDF; /libreoffice: the DOCX rendered by LibreOffice."""
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    out = tmp_path_factory.mktemp("brief-table")
    docx = []
    for content in (BUNDLED_EXAMPLE.parent / "example-full", long_table_report(out / "long-table")):
        paths = build(content, profile, (), out / "docgen", brief_formats=("docx", "pdf")).paths
        docx += [path for path in paths if path.suffix == ".docx"]
    docx_files_to_pdf(docx, out / "libreoffice", fontconfig_file)
    return out


def _table_rows(outputs: Path, name: str) -> int:
    [table] = data_tables(outputs / "docgen" / f"{name}-brief.docx")
    return len(table.findall("w:tr", NS))


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("name", BRIEFS)
def test_every_rule_of_the_table_is_drawn_on_one_page(outputs, name, renderer):
    """A rule above each row and below the last: rows + 1 across the text block, and the four
    column rules, all on one page (the 主要数据 title with them)."""
    across, columns = check_table_on_one_page(outputs / renderer / f"{name}-brief.pdf", _table_rows(outputs, name))
    assert len(columns) == 4
    for rule in across:
        assert (rule[2], rule[3]) == pytest.approx((grid.LEFT, grid.RIGHT), abs=1)


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("name", BRIEFS)
def test_no_cell_line_holds_a_lone_character(outputs, name, renderer):
    rows = cell_lines(outputs / renderer / f"{name}-brief.pdf")
    assert len(rows) == _table_rows(outputs, name)
    assert lone_characters(rows) == []
    wrapped = [cell for _, cells, _ in rows for cell in cells if len(cell) > 1]
    assert wrapped if name == "long-table" else not wrapped     # the long labels do wrap, never to one character


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("name", BRIEFS)
def test_the_header_row_is_in_the_titles_heiti_and_the_rows_in_another_font(outputs, name, renderer):
    pdf = outputs / renderer / f"{name}-brief.pdf"
    [title] = [line for page in read_pages(pdf) for line in page.lines if line.text == "主要数据"]
    (_, header, header_lines), *body = cell_lines(pdf)
    assert header == [["指标"], ["数值"], ["比较"]]
    assert set().union(*(line.fonts for line in header_lines)) == title.fonts
    body_fonts = set().union(*(line.fonts for _, _, lines in body for line in lines))
    assert body_fonts and not body_fonts & title.fonts


@pytest.mark.parametrize("keep_together", [True, False])
def test_a_table_that_does_not_fit_moves_whole_to_the_next_page(tmp_path, fontconfig_file, keep_together):
    """16 lines of text, then the 主要数据 title and a table of 9 rows: 6 lines are left on the
    page. Kept together (the 简报's), the title and the table go whole to page 2 in the PDF's
    layout and in LibreOffice's render of the DOCX; not kept together (a report's table), the
    table runs on from page 1, header and rows whole, in both."""
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    profile = load_profile("briefing")
    table = planned_table((("指标", "数值", "比较"), *[(f"第{i}项指标", "1个", "") for i in range(8)]), profile,
                          header=TextStyle("heiti", 14), body=TextStyle("fangsong", 14), padding_pt=7,
                          rule=Rule(0.18, "000000"), keep_together=keep_together)
    blocks = [TextBlock("paragraph", (Span(f"第{i}行", profile.body),)) for i in range(16)] + [
        TextBlock("heading", (Span("主要数据", profile.headings[0]),), align="center", keep_next=True, level=1), table]
    typesetter = Typesetter(profile, EstimatedFonts())
    pages = paginate([typesetter.set_block(block) for block in blocks], profile.lines_per_page)
    docx = tmp_path / "table.docx"
    docx.write_bytes(render_docx(lambda measure: blocks, profile, DocumentInfo("t", "", "", datetime.date(2024, 1, 1))))
    rendered = read_pages(docx_to_pdf(docx, tmp_path, fontconfig_file))
    expected = [16, 10] if keep_together else [16 + 1 + 1 + 3, 1 + 5]     # the header repeated on page 2
    assert [len(page) for page in pages] == [len(page.lines) for page in rendered] == expected
    assert rendered[1].lines[0].text == ("主要数据" if keep_together else "指标数值比较")


@pytest.mark.parametrize("name", BRIEFS)
def test_the_docx_table_keeps_its_rows_together(outputs, name):
    """Every row cantSplit, every row's paragraphs but the last row's keepNext (Word keeps a
    table on one page so), the header row repeated should it ever run on."""
    docx = outputs / "docgen" / f"{name}-brief.docx"
    [table], styles = data_tables(docx), Styles(docx)
    rows = table.findall("w:tr", NS)
    assert all(row.find("w:trPr/w:cantSplit", NS) is not None for row in rows)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    keeps = [{(keep := paragraph_property(p, styles, "w:keepNext")) is not None and keep.get(w("val"), "1") != "0"
              for p in row.iter(w("p"))} for row in rows]
    assert keeps == [{True}] * (len(rows) - 1) + [{False}]


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("name", BRIEFS)
def test_the_red_rule_spans_the_text_block_on_a_grid_lines_edge(outputs, name, renderer):
    """28–184 mm in both renders (LibreOffice stops a border at the cell's edge: within 0.5 pt),
    on the bottom edge of the 报头's last grid line (within 1 pt: LibreOffice draws a border
    inside its row)."""
    [red] = [r for r in rules(outputs / renderer / f"{name}-brief.pdf") if r[7] == RED]
    assert red[:2] == (1, "-")
    assert (red[2], red[3]) == pytest.approx((grid.LEFT, grid.RIGHT), abs=0.5)
    lines = (red[4] - grid.TOP) / LINE_PITCH
    assert abs(lines - round(lines)) * LINE_PITCH < 1
