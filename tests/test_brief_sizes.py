"""Two pages whatever the report's size (issue 12, point 7): the bundled report's own sections
repeated to 50, 200 and 400 pages (tests/repeated_report.py) give a 简报 of two pages, in
docgen's PDF and in LibreOffice's render of the DOCX, and its plan paginates the 简报 as
often for 400 pages as for the bundled 11: each piece the lines left cannot hold is refused
on its width, without a layout (brief_select.py).
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from ruamel.yaml import YAML

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


def _variant(folder: Path, change) -> Path:
    """The bundled report with its YAML changed."""
    yaml = YAML()
    data = yaml.load((BUNDLED_EXAMPLE / "report.yaml").read_text(encoding="utf-8"))
    change(data)
    folder.mkdir()
    with open(folder / "report.yaml", "w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return folder


HOSTILE = {
    # one sentence of 9,000 characters opens the report: longer than the sheet
    "opening": lambda d: d.update(preamble="全区" + "持续推进依法行政工作，" * 800 + "成效明显。"),
    # 299 lead paragraphs in one section, each with a figure
    "leads": lambda d: d["sections"].__setitem__(0, {"role": "measures", "title": "主要举措", "paragraphs": [
        {"lead": f"第{i}项工作取得进展。", "text": f"全年办理事项{i}件。"} for i in range(1, 300)]}),
    # 98 plan items without text: their titles are all 安排 has
    "plans": lambda d: d["sections"].__setitem__(3, {"role": "next_year", "title": "下一年度的主要安排", "sections": [
        {"title": f"继续推进第{i}项重点工作，确保取得实效", "run_in": True} for i in range(1, 99)]}),
}


@pytest.mark.parametrize("shape", HOSTILE)
def test_hostile_shapes_still_give_two_pages(shape, tmp_path, profile, substitute_fonts):
    folder = _variant(tmp_path / f"{shape}-2023", HOSTILE[shape])
    built = build(folder, profile, (), tmp_path / "out", brief_formats=("pdf",))
    assert _pages(built.paths[0]) == 2
    if shape == "opening":
        assert built.notes[0] == ("the opening does not fit 2 pages and is left out: "
                                  "write a shorter brief: summary:")
        assert built.left_out[0].startswith("opening: 全区持续推进依法行政工作")
