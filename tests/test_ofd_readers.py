"""docgen's OFD as independent readers see it: the same text, in the same places, drawing the
same pixels as docgen's PDF of the same report (issue 15, points 3 and 4).

The readers come from PyPI and share no code with docgen (tests/ofd_reading.py):
ofdkit reads each page's text with positions; ofd2img converts the OFD to a PDF that
PyMuPDF renders. Three documents are checked: example-full (版头, a table, a seal, an
attachment), the bundled report, and the bundled report's 简报 (red masthead and rule).

Tolerances, stated once here:
- text: each page's text equals the PDF page's text, whitespace aside;
- positions: each line's baseline and left edge within 0.5 pt of the PDF's line;
- pixels: pages rendered at 100 dpi; ≥ 98 % of the OFD render's dark pixels lie within 2 px
  (0.5 mm) of a dark pixel of the PDF render, and ≥ 98 % the other way round. A render
  shifted by 3 px scores about 90 %, another page about 32 %: the bound tells them apart.
- red: the same bound on the clearly red pixels (the 版头's issuer and rule, the 简报's
  masthead and rule), and the PDF render has some.
"""

from __future__ import annotations

import importlib.util
import re

import pytest

from conftest import require
from docgen.build import build
from docgen.paths import BUNDLED_EXAMPLE
from pdf_lines import read_pages, rules

DPI = 100
RADIUS = 2                  # px at DPI
SHARE = 0.98
POSITION = 0.5              # pt
EXAMPLE_FULL = BUNDLED_EXAMPLE.parent / "example-full"
DOCUMENTS = ("example-full", "report", "brief")


def _readers_installed() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("ofdkit", "ofd2img", "pymupdf", "numpy"))


@pytest.fixture(scope="module")
def built(tmp_path_factory, profile, substitute_fonts) -> dict[str, tuple]:
    """Each document's OFD and PDF, from one build each."""
    require(_readers_installed(), "the OFD readers are not installed (pip install -e .[test])")
    out = tmp_path_factory.mktemp("ofd")
    full = build(EXAMPLE_FULL, profile, ("ofd", "pdf"), out / "full").paths
    bundled = build(BUNDLED_EXAMPLE, profile, ("ofd", "pdf"), out / "bundled", brief_formats=("ofd", "pdf")).paths
    by_suffix = {(path.stem.endswith("-brief"), path.suffix): path for path in bundled}
    return {"example-full": tuple(sorted(full, key=lambda p: p.suffix)),          # (.ofd, .pdf)
            "report": (by_suffix[(False, ".ofd")], by_suffix[(False, ".pdf")]),
            "brief": (by_suffix[(True, ".ofd")], by_suffix[(True, ".pdf")])}


@pytest.fixture(scope="module")
def renders(built, tmp_path_factory) -> dict[str, dict]:
    """Page 1, the last page and (example-full) the table's page, by both renderers:
    {document: {"pages": (ofd count, pdf count), page: (ofd image, pdf image)}}."""
    from ofd_reading import render_ofd, render_pdf

    found = {}
    for name, (ofd, pdf) in built.items():
        pages = [1, -1] + ([_table_page(pdf)] if name == "example-full" else [])
        ofd_count, ofd_images = render_ofd(ofd, pages, DPI, tmp_path_factory.mktemp(f"ofd2img-{name}"))
        pdf_count, pdf_images = render_pdf(pdf, pages, DPI)
        found[name] = {"pages": (ofd_count, pdf_count)} | {page: (ofd_images[page], pdf_images[page]) for page in pages}
    return found


def _table_page(pdf) -> int:
    """The first page with a vertical rule: a table's column rules."""
    return next(rule[0] for rule in rules(pdf) if rule[1] == "|")


def _text(lines) -> str:
    return re.sub(r"\s", "", "".join(line.text for line in lines))


@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_reader_finds_the_pdf_text_page_by_page(built, document):
    from ofd_reading import read_lines

    ofd, pdf = built[document]
    ofd_pages, pdf_pages = read_lines(ofd), read_pages(pdf)
    assert len(ofd_pages) == len(pdf_pages)
    for number, (ofd_lines, pdf_page) in enumerate(zip(ofd_pages, pdf_pages), start=1):
        assert _text(ofd_lines) == _text(pdf_page.lines), f"page {number}"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_each_line_sits_where_the_pdf_puts_it(built, document):
    """Baseline and left edge of every line (page numbers, 版头, table cells, 简报 masthead
    included) within POSITION of the PDF's."""
    from ofd_reading import read_lines

    ofd, pdf = built[document]
    for number, (ofd_lines, pdf_page) in enumerate(zip(read_lines(ofd), read_pages(pdf)), start=1):
        assert [line.text for line in ofd_lines] == [re.sub(r"\s", "", line.text) for line in pdf_page.lines]
        for ofd_line, pdf_line in zip(ofd_lines, pdf_page.lines):
            where = f"page {number}, {pdf_line.text!r}"
            assert ofd_line.baseline == pytest.approx(pdf_line.baseline, abs=POSITION), where
            assert ofd_line.x0 == pytest.approx(pdf_line.x0, abs=POSITION), where


@pytest.mark.parametrize("document", DOCUMENTS)
def test_page_numbers_in_place(built, document):
    """Every page that the PDF numbers (— n —, GB/T 9704 §7.5) carries the same number at
    the same place in the OFD."""
    from ofd_reading import read_lines

    ofd, pdf = built[document]
    numbered = 0
    for number, (ofd_lines, pdf_page) in enumerate(zip(read_lines(ofd), read_pages(pdf)), start=1):
        for pdf_line in pdf_page.lines:
            if re.fullmatch(rf"—\s*{number}\s*—", pdf_line.text):
                numbered += 1
                assert any(line.text == f"—{number}—" and abs(line.baseline - pdf_line.baseline) <= POSITION
                           and abs(line.x0 - pdf_line.x0) <= POSITION for line in ofd_lines), f"page {number}"
    assert numbered > 0 or document == "brief"


def test_example_full_has_its_letterhead_and_table_in_the_ofd(built):
    """The 版头 (issuer, 发文字号, 签发人) on page 1 and the table's cells, read from the OFD."""
    from ofd_reading import read_lines

    ofd, pdf = built["example-full"]
    ofd_pages = read_lines(ofd)
    first = [line.text for line in ofd_pages[0]]
    assert "示例市示范区人民政府" in first
    assert any("签发人" in text and "〔2024〕" in text for text in first)
    table_page = _table_page(pdf)
    pdf_cells = _text(read_pages(pdf)[table_page - 1].lines)
    assert _text(ofd_pages[table_page - 1]) == pdf_cells


@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_render_has_the_pdf_page_count(renders, document):
    ofd_count, pdf_count = renders[document]["pages"]
    assert ofd_count == pdf_count


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("page", [1, -1], ids=["first", "last"])
def test_rendered_pages_match_the_pdf(renders, document, page):
    from ofd_reading import agreement, dark

    ofd_image, pdf_image = renders[document][page]
    assert ofd_image.shape == pdf_image.shape
    ofd_dark, pdf_dark = dark(ofd_image), dark(pdf_image)
    assert pdf_dark.any()
    assert agreement(ofd_dark, pdf_dark, RADIUS) >= SHARE
    assert agreement(pdf_dark, ofd_dark, RADIUS) >= SHARE


def test_the_table_renders_as_in_the_pdf(renders, built):
    """The table's page (its rules and cells) rendered: the same dark pixels both ways."""
    from ofd_reading import agreement, dark

    ofd_image, pdf_image = renders["example-full"][_table_page(built["example-full"][1])]
    assert agreement(dark(ofd_image), dark(pdf_image), RADIUS) >= SHARE
    assert agreement(dark(pdf_image), dark(ofd_image), RADIUS) >= SHARE


@pytest.mark.parametrize("document", ["example-full", "brief"], ids=["letterhead", "masthead"])
def test_red_parts_render_red(renders, document):
    """The 版头's red issuer and rule (example-full) and the 简报's red masthead and rule:
    red pixels in the OFD render where the PDF render has them, and nowhere else."""
    from ofd_reading import agreement, red

    ofd_image, pdf_image = renders[document][1]
    ofd_red, pdf_red = red(ofd_image), red(pdf_image)
    assert pdf_red.sum() > 1000
    assert agreement(pdf_red, ofd_red, RADIUS) >= SHARE
    assert agreement(ofd_red, pdf_red, RADIUS) >= SHARE
