"""Two pages whatever the report's size (issue 12, point 7): the bundled report's own sections
repeated to 50, 200 and 400 pages (tests/repeated_report.py) give a 简报 of two pages, in
docgen's PDF and in LibreOffice's render of the DOCX, and its plan paginates the 简报 as
often for 400 pages as for the bundled 11: each piece the lines left cannot hold is refused
on its width, without a layout (brief_select.py).
"""

from __future__ import annotations

import pdfplumber
import pytest

from conftest import require
from docgen.build import build
from docgen.content.load import load_report
from docgen.content.resolve import resolve
from docgen.document.brief_select import condense
from docgen.format.profile import load_profile
from docgen.paths import BUNDLED_EXAMPLE
from docgen.pdf.fonts import PdfFonts
from libreoffice import docx_files_to_pdf, soffice
from repeated_report import SIZES, repeated_report


def _pages(pdf) -> int:
    with pdfplumber.open(pdf) as document:
        return len(document.pages)


@pytest.fixture(scope="module")
def built(tmp_path_factory, profile, fontconfig_file) -> dict[int, dict[str, object]]:
    """size → the report's pages, the 简报's pages in both renders, its trial layouts."""
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    root = tmp_path_factory.mktemp("sizes")
    briefing_profile = load_profile("briefing")
    fonts = PdfFonts(briefing_profile)
    found, docx = {}, []
    for size, (groups, copies) in SIZES.items():
        folder = repeated_report(root / f"long{size}-2023", groups, copies)
        paths = build(folder, profile, ("pdf",), root / "out", brief_formats=("docx", "pdf")).paths
        report, brief_docx, brief_pdf = (root / "out" / f"long{size}-2023{end}"
                                         for end in (".pdf", "-brief.docx", "-brief.pdf"))
        assert sorted(paths) == sorted([report, brief_docx, brief_pdf])
        briefing = condense(resolve(load_report(folder), profile), briefing_profile, fonts)
        found[size] = {"report": _pages(report), "brief": _pages(brief_pdf), "layouts": briefing.layouts,
                       "left out": len(briefing.left_out)}
        docx.append(brief_docx)
    for size, rendered in zip(SIZES, docx_files_to_pdf(docx, root / "libreoffice", fontconfig_file)):
        found[size]["libreoffice"] = _pages(rendered)
    return found


@pytest.mark.parametrize("size", SIZES)
def test_a_report_of_any_size_gives_a_two_page_brief(built, size):
    assert built[size]["report"] >= size
    assert built[size]["brief"] == built[size]["libreoffice"] == 2


@pytest.mark.parametrize("size", SIZES)
def test_the_plan_lays_the_brief_out_as_often_as_for_the_bundled_report(built, size, profile):
    bundled = condense(resolve(load_report(BUNDLED_EXAMPLE), profile), load_profile("briefing"),
                       PdfFonts(load_profile("briefing")))
    assert built[size]["layouts"] == bundled.layouts == 6
    assert built[size]["left out"] > len(bundled.left_out)
