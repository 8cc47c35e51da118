"""check_pdf (docgen/checking/pdf_format.py): any PDF against the format profile, from glyph positions.

docgen's own PDFs pass; PDFs drawn here with reportlab, each with one fault (margins 3 mm
off, 21 lines a page, 27 characters a line, a line starting with "，", centred page numbers,
a font not embedded), report exactly that fault; a file that is no readable PDF is refused
in words a clerk understands.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import small_font
from docgen.build import build
from docgen.checking import pdf_format as checker
from docgen.checking.format_report import failed
from docgen.checking.pdf_format import UnreadablePdf, check_pdf
from docgen.format.cjk import IDEOGRAPHIC_ASCENT
from docgen.format.units import mm_to_pt
from docgen.paths import BUNDLED_EXAMPLE

TEXT = "法治政府建设年度报告依法行政坚持守正创新强化工作统筹着力推动全面压实第一责任人职责弘扬精神"
NUMBER_SIZE = 14


def failed_items(path: Path, profile) -> set[str]:
    return {check.item for check in failed(check_pdf(path, profile))}


def test_the_bundled_report_passes(built_pdf, profile):
    checks = check_pdf(built_pdf, profile)
    assert failed(checks) == []
    found = {check.item: check.found for check in checks}
    assert found[checker.LINES_PER_PAGE] == "9 full page(s)"
    assert found[checker.PAGE_NUMBER_FORM] == "11 page(s) numbered"
    assert found[checker.HANZI_FONTS].startswith("FandolFang-Regular (")


def test_example_full_passes(tmp_path, profile, substitute_fonts):
    [pdf] = build(BUNDLED_EXAMPLE.parent / "example-full", profile, ("pdf",), tmp_path).paths
    assert failed(check_pdf(pdf, profile)) == []


def test_libreoffices_render_of_the_docx_passes(rendered_pdf, profile):
    """LibreOffice 7.4 embeds the 小标宋 substitute (Noto Serif CJK SC, face 2 of its .ttc) under
    the collection's shared, Japanese-named CID font (NotoSerifCJKjp-Bold-VKana), with the SC
    face's glyphs: the name alone is not a Japanese fallback."""
    checks = check_pdf(rendered_pdf, profile)
    assert failed(checks) == []
    found = {check.item: check.found for check in checks}
    assert "NotoSerifCJKjp-Bold-VKana" in found[checker.HANZI_FONTS]


# Broken PDFs ----------------------------------------------------------------------------------

@dataclass
class Fault:
    shift_mm: float = 0             # the text block moved right and down
    lines: int = 22                 # lines a full page, filling the text block
    chars: int = 28                 # characters a full line, filling its width
    comma_line: bool = False        # a line of page 2 starts with ，
    centred_numbers: bool = False   # "1" centred, not "— 1 —" outside
    helvetica: bool = False         # a word in reportlab's standard Helvetica (never embedded)


@pytest.fixture(scope="module")
def cjk_font(tmp_path_factory, substitute_files):
    """A TrueType font (AR PL UMing, cut to the characters drawn) that reportlab embeds."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    path = small_font(substitute_files["songti"], 0, TEXT + "，— 0123456789",
                      tmp_path_factory.mktemp("font") / "cjk.ttf")
    pdfmetrics.registerFont(TTFont("CheckCJK", str(path)))
    return "CheckCJK"


def draw(path: Path, profile, font: str, fault: Fault) -> Path:
    """Three pages of body text on the profile's page, two full and a short last one."""
    from reportlab.pdfgen.canvas import Canvas
    page = profile.page
    width, height = mm_to_pt(page.width_mm), mm_to_pt(page.height_mm)
    left, top = mm_to_pt(page.margin_left_mm), mm_to_pt(page.margin_top_mm)
    right, bottom = width - mm_to_pt(page.margin_right_mm), height - mm_to_pt(page.margin_bottom_mm)
    size = profile.body.size_pt
    pitch = profile.line_pitch_pt if fault.lines == profile.lines_per_page else (bottom - top) / fault.lines
    step = (right - left) / fault.chars
    canvas = Canvas(str(path), pagesize=(width, height))
    for number, lines in enumerate((fault.lines, fault.lines, 3), start=1):
        for row in range(lines):
            count = fault.chars if row < lines - 1 or number < 3 else 10
            text = "".join(TEXT[(number * 7 + row * 3 + i) % len(TEXT)] for i in range(count))
            if fault.comma_line and number == 2 and row == 5:
                text = "，" + text[1:]
            middle = top + (row + 0.5) * pitch + mm_to_pt(fault.shift_mm)
            baseline = middle + (IDEOGRAPHIC_ASCENT - 0.5) * size
            canvas.setFont(font, size)
            for i, char in enumerate(text):
                canvas.drawString(left + mm_to_pt(fault.shift_mm) + i * step, height - baseline, char)
        if fault.helvetica and number == 3:
            canvas.setFont("Helvetica", size)
            canvas.drawString(left + 12 * step, height - (top + 2.5 * pitch + 0.38 * size), "AB")
        number_middle = bottom + mm_to_pt(profile.page_number.below_text_block_mm)
        number_baseline = height - (number_middle + (IDEOGRAPHIC_ASCENT - 0.5) * NUMBER_SIZE)
        canvas.setFont(font, NUMBER_SIZE)
        if fault.centred_numbers:
            canvas.drawCentredString(width / 2, number_baseline, str(number))
        elif number % 2:
            canvas.drawRightString(right - NUMBER_SIZE, number_baseline, f"— {number} —")
        else:
            canvas.drawString(left + NUMBER_SIZE, number_baseline, f"— {number} —")
        canvas.showPage()
    canvas.save()
    return path


def test_a_pdf_drawn_to_the_profile_passes(tmp_path, profile, cjk_font):
    checks = check_pdf(draw(tmp_path / "good.pdf", profile, cjk_font, Fault()), profile)
    assert failed(checks) == []
    found = {check.item: check.found for check in checks}
    assert found[checker.LINES_PER_PAGE] == "2 full page(s)"
    assert found[checker.CHARS_PER_LINE] == "46 full line(s)"   # 22 + 22 + the short page's first two


@pytest.mark.parametrize(("fault", "items"), [
    (Fault(shift_mm=3), {checker.LEFT_MARGIN, checker.TOP_MARGIN, checker.RIGHT_EDGE, checker.BOTTOM_EDGE}),
    (Fault(lines=21), {checker.LINES_PER_PAGE, checker.LINE_PITCH}),
    (Fault(chars=27), {checker.CHARS_PER_LINE}),
    (Fault(comma_line=True), {checker.LINE_BREAKING}),
    (Fault(centred_numbers=True), {checker.PAGE_NUMBER_FORM, checker.PAGE_NUMBER_PLACE}),
    (Fault(helvetica=True), {checker.FONTS_EMBEDDED}),
], ids=["margins-3mm", "21-lines", "27-characters", "comma-starts-a-line", "centred-numbers", "helvetica"])
def test_a_broken_pdf_reports_exactly_its_fault(tmp_path, profile, cjk_font, fault, items):
    assert failed_items(draw(tmp_path / "broken.pdf", profile, cjk_font, fault), profile) == items


def test_failing_rows_name_the_page_line_and_text(tmp_path, profile, cjk_font):
    rows = failed(check_pdf(draw(tmp_path / "comma.pdf", profile, cjk_font, Fault(comma_line=True)), profile))
    assert [(row.where, row.found, row.excerpt[0]) for row in rows] == [("page 2, line 6", "starts with ，", "，")]
    rows = failed(check_pdf(draw(tmp_path / "27.pdf", profile, cjk_font, Fault(chars=27)), profile))
    assert {row.found for row in rows} == {"27 characters"}
    assert rows[0].where == "page 1, line 1"
    rows = failed(check_pdf(draw(tmp_path / "helv.pdf", profile, cjk_font, Fault(helvetica=True)), profile))
    assert [row.found for row in rows] == ["Helvetica not embedded"]
    rows = failed(check_pdf(draw(tmp_path / "centred.pdf", profile, cjk_font, Fault(centred_numbers=True)), profile))
    assert [(row.item, row.where, row.found) for row in rows if row.item == checker.PAGE_NUMBER_FORM] == [
        (checker.PAGE_NUMBER_FORM, f"page {n}", str(n)) for n in (1, 2, 3)]
    rows = failed(check_pdf(draw(tmp_path / "shift.pdf", profile, cjk_font, Fault(shift_mm=3)), profile))
    assert [row.found for row in rows if row.item == checker.LEFT_MARGIN] == ["31.0 mm"] * 3


# Unreadable files -----------------------------------------------------------------------------

def test_a_file_that_is_not_a_pdf_is_refused(tmp_path, profile):
    path = tmp_path / "report.pdf"
    path.write_text("这不是PDF", encoding="utf-8")
    with pytest.raises(UnreadablePdf) as error:
        check_pdf(path, profile)
    assert str(error.value) == f"{path}: not a PDF file (it does not start with %PDF-)"


def test_a_damaged_pdf_is_refused(tmp_path, profile, cjk_font):
    whole = draw(tmp_path / "whole.pdf", profile, cjk_font, Fault()).read_bytes()
    path = tmp_path / "damaged.pdf"
    path.write_bytes(whole[:len(whole) // 3])
    with pytest.raises(UnreadablePdf) as error:
        check_pdf(path, profile)
    assert str(error.value).startswith(f"{path}: the PDF is damaged and cannot be read (")
    assert str(error.value).endswith("); print it to PDF again")


def test_a_pdf_over_the_size_limit_is_refused_before_reading(tmp_path, profile, monkeypatch):
    path = tmp_path / "big.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"0" * 100)
    monkeypatch.setattr(checker, "MAX_PDF_BYTES", 50)
    with pytest.raises(UnreadablePdf) as error:
        check_pdf(path, profile)
    assert str(error.value) == f"{path}: 109 bytes; a PDF checked is at most 50 bytes"


def test_a_missing_file_is_refused(tmp_path, profile):
    with pytest.raises(UnreadablePdf) as error:
        check_pdf(tmp_path / "none.pdf", profile)
    assert str(error.value) == f"{tmp_path / 'none.pdf'}: cannot be read (No such file or directory)"


def test_libreoffice_draws_the_title_in_the_sc_faces_glyphs(rendered_pdf, tmp_path):
    """The premise of SHARED_CJK_NAME: the embedded font holds the SC glyph (cid names of the
    Noto CJK CID font) of every title character whose SC and JP forms differ, and no JP one."""
    from fontTools import t1Lib
    from fontTools.ttLib import TTCollection
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    with open(rendered_pdf, "rb") as handle:
        document = PDFDocument(PDFParser(handle))
        [program] = [resolve1(resolve1(obj)["FontFile"]).get_data()
                     for xref in document.xrefs for objid in xref.get_objids()
                     for obj in [document.getobj(objid)]
                     if isinstance(obj, dict) and "FontFile" in obj
                     and "NotoSerifCJKjp" in str(obj.get("FontName", ""))]
    (tmp_path / "title.pfa").write_bytes(program)
    font = t1Lib.T1Font(str(tmp_path / "title.pfa"))
    font.parse()
    glyphs = set(font.font["CharStrings"].keys())
    collection = TTCollection("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", lazy=True)
    faces = {collection.fonts[i]["name"].getDebugName(6): collection.fonts[i].getBestCmap() for i in (0, 2)}
    jp, sc = faces["NotoSerifCJKjp-Bold"], faces["NotoSerifCJKsc-Bold"]
    differing = [ch for ch in "无锡市新吴区人民政府法治建设情况报告" if jp[ord(ch)] != sc[ord(ch)]]
    assert len(differing) >= 5
    assert all(sc[ord(ch)] in glyphs for ch in differing) and not any(jp[ord(ch)] in glyphs for ch in differing)
