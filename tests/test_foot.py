"""The 版记 and the 简报's 报尾 at the foot of the last page (GB/T 9704 §7.4), in the PDF
and in the DOCX as LibreOffice sets it: both writers pad the text with as many empty
grid lines as the shared page layout decides (pdf/layout.py foot_padding), so the last
rule lies on the text block's bottom edge, on the same page in both.

Measured on four documents, rendered by LibreOffice in one run: the all-elements
report (a short body); the bundled report with a 版记 added (11 pages, and a paragraph
whose line count depends on the fonts' real widths of Latin text: counted on ½ em it
takes 6 lines where the fonts set 7); all-elements with paragraphs added so that the
版记 just fits after the text, and so that it no longer does and takes the next page;
and a 简报 with a 报尾.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import grid_checks as grid
from brief_pdf import last_rule_bottom
from conftest import FIXTURES, require
from docgen.build import build
from docgen.paths import BUNDLED_EXAMPLE
from libreoffice import docx_files_to_pdf, soffice
from pdf_lines import read_pages

DISTRIBUTION = ("distribution:\n  cc: [市司法局, 区委依法治区办]\n  printer: 新吴区人民政府办公室\n"
                "  printed: 2024-03-29\n")
BRIEF = "brief:\n  to_superior: [市司法局, 市委依法治市办]\n  to_peer: [区委办, 区人大办]\n  copies: 120\n"
# Paragraphs added to all-elements' preamble so that its text ends on the 19th grid line
# of page 2 (the 版记's 3 lines, a blank line, 抄送 and 印发, just fit: no padding) or on
# the 20th (they no longer fit: the 版记 goes to page 3).
EXACT, NEXT_PAGE = 18, 19


def _content(folder: Path, source: Path, extra: str = "", preamble: int = 0) -> Path:
    shutil.copytree(source, folder)
    path = folder / "report.yaml"
    text = path.read_text(encoding="utf-8")
    if preamble:
        added = "".join(f"  - 第{i}段补充说明，内容从略。\n" for i in range(preamble))
        text = text.replace("preamble:\n", "preamble:\n" + added, 1)
    path.write_text(text + extra, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def documents(tmp_path_factory, profile, fontconfig_file) -> dict[str, tuple[Path, Path]]:
    """name → (docgen's PDF, LibreOffice's PDF of the DOCX)."""
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    root = tmp_path_factory.mktemp("foot")
    sources = {
        "report": _content(root / "src" / "report-2023", FIXTURES / "all-elements"),
        "long": _content(root / "src" / "long-2023", BUNDLED_EXAMPLE, DISTRIBUTION),
        "exact": _content(root / "src" / "exact-2023", FIXTURES / "all-elements", preamble=EXACT),
        "next-page": _content(root / "src" / "next-page-2023", FIXTURES / "all-elements", preamble=NEXT_PAGE),
        "brief": _content(root / "src" / "brief-2023", FIXTURES / "all-elements", BRIEF),
    }
    built: dict[str, tuple[Path, Path]] = {}
    for name, folder in sources.items():
        brief = name == "brief"
        paths = build(folder, profile, () if brief else ("docx", "pdf"), root / "out",
                      brief_formats=("docx", "pdf") if brief else ()).paths
        docx, pdf = sorted(paths, key=lambda path: path.suffix)
        built[name] = (docx, pdf)
    rendered = docx_files_to_pdf([docx for docx, _ in built.values()], root / "libreoffice", fontconfig_file)
    return {name: (pdf, theirs) for (name, (_, pdf)), theirs in zip(built.items(), rendered)}


def _page_of(pdf_path: Path, start: str) -> int:
    [page] = {line.page for page in read_pages(pdf_path) for line in page.lines if line.text.startswith(start)}
    return page


CASES = [("report", "抄送：", 2), ("long", "抄送：", 11), ("exact", "抄送：", 2), ("next-page", "抄送：", 3),
         ("brief", "报：", 2)]


@pytest.mark.parametrize(("name", "first", "page"), CASES)
def test_the_last_rule_is_on_the_bottom_edge_of_the_last_page(documents, name, first, page):
    """In docgen's PDF and in LibreOffice's rendering of the DOCX, within 1 mm of the
    text block's bottom edge (297 − 35 mm), on the document's last page."""
    for pdf in documents[name]:
        pages = len(read_pages(pdf))
        number, bottom = last_rule_bottom(pdf)
        assert (number, pages) == (page, page), pdf
        assert abs(bottom - grid.BOTTOM) <= grid.MM, (pdf, (bottom - grid.BOTTOM) / grid.MM)


@pytest.mark.parametrize(("name", "first", "page"), CASES)
def test_the_pdf_and_the_docx_put_the_foot_on_the_same_page(documents, name, first, page):
    ours, theirs = documents[name]
    assert _page_of(ours, first) == _page_of(theirs, first) == page


def test_the_foot_takes_the_next_page_when_it_does_not_fit_after_the_text(documents):
    """The exact and next-page cases are what they claim: the text ends on grid line 19 of
    page 2 and the 版记 follows at once; it ends on line 20 and the 版记 stands alone on page 3."""
    for exact, next_page in zip(documents["exact"], documents["next-page"]):
        page = grid.body_lines(read_pages(exact)[1])
        assert [line.text[:3] for line in page[-3:]] == ["（此件", "抄送：", "某市某"]
        assert [grid.grid_line(line) for line in page[-3:]] == [19, 21, 22]
        second, third = (grid.body_lines(page) for page in read_pages(next_page)[1:])
        assert grid.grid_line(second[-1]) == 20 and second[-1].text == "（此件公开发布）"
        assert [(line.text[:3], grid.grid_line(line)) for line in third] == [("抄送：", 21), ("某市某", 22)]
