"""docgen's PDF as a document, not only as pages: its language, an outline of the
headings pointing at them, the document's own dates (still byte-identical builds),
and table cells that a reader extracts cell by cell, row by row."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

import grid_checks as grid
from brief_variants import long_table_report
from conftest import FIXTURES, require
from docgen.build import build
from docgen.cli import main
from docgen.content.load import load_report
from docgen.content.resolve import resolve
from docgen.paths import BUNDLED_EXAMPLE
from pdf_lines import read_pages


def _catalog_and_outline(pdf_path: Path) -> tuple[dict, list[tuple[int, str, int, float, float]]]:
    """The catalog, and each outline entry as (level, title, page, left, top from the page top)."""
    with open(pdf_path, "rb") as handle:
        document = PDFDocument(PDFParser(handle))
        pages = {page.pageid: number for number, page in enumerate(PDFPage.create_pages(document), start=1)}
        heights = {page.pageid: page.mediabox[3] for page in PDFPage.create_pages(document)}
        catalog = {key: resolve1(value) for key, value in document.catalog.items()}
        entries = []
        for level, title, dest, _action, _se in document.get_outlines():
            page_ref, fit, left, top, _zoom = resolve1(dest)
            assert fit.name == "XYZ"
            entries.append((level, title, pages[page_ref.objid], left, heights[page_ref.objid] - top))
    return catalog, entries


def _headings(sections, level=1):
    for section in sections:
        yield level, f"{section.number}{section.title}"
        yield from _headings(section.sections, level + 1)


def test_the_catalog_names_the_language_and_opens_the_outline(built_pdf):
    catalog, _ = _catalog_and_outline(built_pdf)
    assert catalog["Lang"] == b"zh-CN"
    assert catalog["PageMode"].name == "UseOutlines"


def test_the_outline_lists_every_heading_nested_and_points_at_it(built_pdf, profile):
    """Every heading of the report (levels 1 and 2 here, run-in ones too) as it reads, in
    order, nested by level; each opens its page with the heading's line at the top, at
    its first character."""
    _, entries = _catalog_and_outline(built_pdf)
    report = resolve(load_report(BUNDLED_EXAMPLE), profile)
    assert [(level, title) for level, title, *_ in entries] == list(_headings(report.sections))
    assert {level for level, *_ in entries} == {1, 2} and len(entries) == 15
    pages = read_pages(built_pdf)
    for _level, title, number, left, top in entries:
        [line] = [line for line in pages[number - 1].lines if line.text.startswith(title[:6])]
        assert line.x0 == pytest.approx(left, abs=0.5)
        assert top < line.top and line.bottom < top + grid.LINE_PITCH_RANGE[1], (title, top, line.top)


def test_all_four_heading_levels_nest(tmp_path, profile, substitute_fonts):
    [pdf] = build(FIXTURES / "all-elements", profile, ("pdf",), tmp_path).paths
    _, entries = _catalog_and_outline(pdf)
    assert [(level, title) for level, title, *_ in entries] == [
        (1, "一、主要举措及成效"), (2, "（一）健全制度体系"), (3, "1.完善规范性文件审查"), (4, "（1）严格审查程序"),
        (1, "二、履行第一责任人职责情况。"), (1, "三、存在的不足和原因"), (1, "四、下一年度的主要安排")]


def test_the_dates_are_the_reports_and_a_drafts_are_fixed(built_pdf, tmp_path, profile, substitute_fonts):
    """CreationDate and ModDate: the report's date (2024-03-29); a draft (docgen new-year)
    has no date and gets the fixed one the DOCX gets; both build byte-identically twice."""
    catalog_info = _info(built_pdf)
    assert catalog_info["CreationDate"] == catalog_info["ModDate"] == b"D:20240329000000Z"
    source = tmp_path / "xinwu-2023"
    shutil.copytree(BUNDLED_EXAMPLE, source)
    assert CliRunner().invoke(main, ["new-year", str(source)]).exit_code == 0
    first, second = (build(tmp_path / "xinwu-2024", profile, ("pdf",), tmp_path / out).paths[0]
                     for out in ("a", "b"))
    assert _info(first)["CreationDate"] == _info(first)["ModDate"] == b"D:20000101000000Z"
    assert first.read_bytes() == second.read_bytes()


def _info(pdf_path: Path) -> dict:
    with open(pdf_path, "rb") as handle:
        document = PDFDocument(PDFParser(handle))
        return {key: resolve1(value) for key, value in document.info[0].items()}


@pytest.fixture(scope="module")
def brief_pdf(tmp_path_factory, profile, substitute_fonts) -> Path:
    """A 简报 whose 主要数据 labels take two lines and a comparison cell wraps (brief_variants)."""
    folder = long_table_report(tmp_path_factory.mktemp("source") / "long-table")
    [path] = build(folder, profile, (), tmp_path_factory.mktemp("brief"), brief_formats=("pdf",)).paths
    return path


def test_the_brief_table_reads_cell_by_cell_row_by_row(brief_pdf):
    """pdftotext in content order (-raw, the order screen readers and copy-paste follow): each
    row of 主要数据 reads label, value, comparison, a label of two lines whole before its value
    (it read "…办理 96% / 率" when the cells' lines were drawn as one line across the columns),
    a comparison of two lines in order (it read "前列 列全市" when a cell with no second line
    shifted the second line's cells one column left)."""
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-raw", str(brief_pdf), "-"], capture_output=True, text=True).stdout
    # Compared without white space: the 0.2 字 between digits and hanzi reads as a space.
    table = "".join(text[text.index("主要数据"):text.index("三、")].split())
    label = "（全区各级行政机关年度合计数）"
    assert table == "".join(["主要数据", "指标", "数值", "比较",
                             "省定“一件事”上线运行数" + label, "26个",
                             "省定“一件事”办件总量" + label, "3.6万件", "列全市前列",   # each cell's lines in order
                             "获发免费印章的新办企业" + label, "8518户",
                             "节省企业开办资金" + label, "255.54万元",
                             "明确交通运输审批服务事项" + label, "109项",
                             "169个高频涉税事项总体线上办理率" + label, "96%"])
