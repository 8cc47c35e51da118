"""docgen's own PDF of the bundled report, measured: the same GB/T 9704 grid as
the DOCX, Chinese line-breaking rules, embedded fonts, text and metadata."""

from __future__ import annotations

import re
import shutil
import subprocess

import pdfplumber
import pytest

import grid_checks as grid
from conftest import FIXTURES, require
from docgen.build import build
from docgen.content.load import load_report
from docgen.paths import BUNDLED_EXAMPLE
from docx_xml import body_paragraphs
from pdf_lines import read_pages, text_in_render_mode

HEADING_FONTS = grid.GridTests.heading_fonts


pages, body = grid.page_fixtures("built_pdf")


class TestGrid(grid.GridTests):
    """docgen's PDF on the GB/T 9704 grid."""


def test_a4_pages_and_glyph_sizes(pages):
    sizes = {g.size for page in pages for line in page.lines for g in line.glyphs}
    assert sizes == {22.0, 16.0, 14.0}          # title, text, page numbers
    assert len(pages) == 11


def test_the_grid_fills_the_block_exactly(pages):
    baselines = [line.baseline for line in grid.body_lines(pages[1])]
    assert len(baselines) == 22 and (baselines[-1] - baselines[0]) / 21 == pytest.approx(637.795 / 22, abs=0.01)


def test_a_heading_never_ends_a_page(pages, body):
    last_lines = {id(grid.body_lines(page)[-1]) for page in pages}
    for item in body:
        if id(item.line) in last_lines and item.is_last:
            fonts = item.line.fonts
            assert not all(any(h in f for h in HEADING_FONTS) for f in fonts), item.source


def test_headings_and_leads_are_in_their_fonts(body):
    fonts = {item.source[:3]: item.line.fonts for item in body}
    assert any("WenQuanYiMicroHei" in f for f in fonts["一、推"])
    assert any("UKaiCN" in f for f in fonts["（一）"])
    title = next(item for item in body if item.source.startswith("无锡"))
    assert all("NotoSerifCJKsc" in f for f in title.line.fonts)


def test_lead_phrases_and_nothing_else_are_drawn_bold(built_pdf):
    """Fake bold (仿宋 has no bold face): fill and stroke, text render mode 2, for exactly
    the characters of the content's 16 lead phrases, in their order."""
    report = load_report(BUNDLED_EXAMPLE)
    leads = [str(p.lead) for s in report.sections for c in s.sections for p in c.paragraphs if p.lead]
    assert len(leads) == 16
    assert text_in_render_mode(built_pdf, 2) == "".join(leads)


def test_body_characters_are_narrowed_as_the_docx_narrows_them(pages):
    """A paragraph's last line is not justified: its characters stand 16 − 0.3 pt apart,
    the DOCX's −6 twips of spacing (format/grid.py); a first line is indented 2 字 of
    16 pt, 32 pt, as Word indents firstLineChars="200"."""
    last_line = pages[1].lines[1]
    assert last_line.text == "率位居全市前列。"
    assert [round(b.x0 - a.x0, 3) for a, b in zip(last_line.glyphs, last_line.glyphs[1:])] == [15.7] * 7
    first_line = pages[0].lines[2]
    assert first_line.text.startswith("2023年，在市委") and first_line.x0 - grid.LEFT == pytest.approx(32, abs=0.01)


def test_signature_and_date_positions(body):
    signature = next(item.line for item in body if item.source == "无锡市新吴区人民政府")
    date = next(item.line for item in body if item.source == "2024年3月29日")
    assert signature.x1 == pytest.approx(grid.RIGHT - 2 * grid.PITCH, abs=1)
    assert date.x0 == pytest.approx(signature.x0 + 2 * grid.PITCH, abs=0.5)


def test_fonts_are_embedded_subsets_and_nothing_else(built_pdf):
    """One embedded TrueType subset for each font object: 仿宋's substitute in four
    (reportlab cuts a font into subsets of 256 glyphs), the other roles' in one."""
    data = built_pdf.read_bytes()
    base_fonts = sorted(re.findall(rb"/BaseFont /([A-Za-z0-9+\-]+)", data))
    assert base_fonts == [b"AAAAAA+FandolFang-Regular", b"AAAAAA+NotoSerifCJKsc-Bold", b"AAAAAA+UKaiCN",
                          b"AAAAAA+UMingCN", b"AAAAAA+WenQuanYiMicroHei", b"AAAAAB+FandolFang-Regular",
                          b"AAAAAC+FandolFang-Regular", b"AAAAAD+FandolFang-Regular"]
    assert b"Helvetica" not in data and b"Times-Roman" not in data
    assert data.count(b"/FontFile2") == 8


def test_metadata_comes_from_the_content(built_pdf):
    with pdfplumber.open(built_pdf) as pdf:
        assert pdf.metadata["Title"] == "无锡市新吴区人民政府2023年法治政府建设情况报告"
        assert pdf.metadata["Author"] == "无锡市新吴区人民政府"


def test_pdftotext_gives_the_report_text(built_pdf, built_docx):
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(built_pdf), "-"], capture_output=True, text=True).stdout
    extracted = re.sub(r"—\s*\d+\s*—", "", re.sub(r"\s+", "", text))
    expected = "".join(p.text for p in body_paragraphs(built_docx)).replace(" ", "")
    extracted = re.sub(r"—\d+—", "", extracted)
    assert extracted == expected


def test_two_builds_are_byte_identical(tmp_path, profile, substitute_fonts):
    first = build(BUNDLED_EXAMPLE, profile, ("pdf",), tmp_path / "a").paths[0].read_bytes()
    second = build(BUNDLED_EXAMPLE, profile, ("pdf",), tmp_path / "b").paths[0].read_bytes()
    assert first == second


@pytest.fixture(scope="module")
def all_elements(tmp_path_factory, profile, substitute_fonts):
    [path] = build(FIXTURES / "all-elements", profile, ("pdf",), tmp_path_factory.mktemp("all")).paths
    return path


def test_the_distribution_block_sits_at_the_foot_of_the_last_page(all_elements):
    with pdfplumber.open(all_elements) as pdf:
        last = pdf.pages[-1]
        rules = sorted(last.lines, key=lambda r: r["top"])
        text = last.extract_text()
    assert "抄送：市司法局、区委依法治区办。" in text.replace(" ", "")
    assert [round(r["linewidth"] / grid.MM, 2) for r in rules] == [0.35, 0.25, 0.35]
    assert rules[-1]["top"] == pytest.approx(grid.BOTTOM, abs=0.5)       # on the block's bottom edge
    for rule in rules:
        assert rule["x0"] == pytest.approx(grid.LEFT, abs=0.5) and rule["x1"] == pytest.approx(grid.RIGHT, abs=0.5)


def test_the_printed_line_has_the_organ_left_and_the_date_right(all_elements):
    [page] = read_pages(all_elements)[-1:]
    printed = next(line for line in page.lines if line.text.startswith("某市某区司法局办公室"))
    assert printed.text.endswith("2024年2月28日印发")
    assert printed.x0 == pytest.approx(grid.LEFT + 14, abs=0.5)           # 1 字 of 14 pt in
    assert printed.x1 == pytest.approx(grid.RIGHT - 14, abs=0.5)
