"""The two writers decide nothing apart: docgen's PDF and the DOCX as LibreOffice sets it,
as shipped, have the same pages, the same lines on each page in the same places, the same
rules and the 草稿 label in the same place, for the bundled reports (the 2023 report and
example-full, which has every element of the format) and their 简报.

What both writers use is decided once (format/grid.py: the narrowing of body text and
the 字 of indents; the profile: the line-breaking rule, the label's place, the blank lines
before the 版记; the blocks: every rule with its colour, a table row on whole grid lines).
The PDF breaks lines as LibreOffice 7.4 does (pdf/typeset.py): one mark of
line_breaking.hanging_marks may hang, a hanzi and a digit are parted by
script_space_em, the character before a change of script keeps its natural width.
"""

from __future__ import annotations

import dataclasses
import itertools
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import grid_checks as grid
from conftest import FIXTURES, require
from docgen.build import build
from docgen.cli import main
from docgen.format import grid as decided
from docgen.format.profile import load_profile
from docgen.paths import BUNDLED_EXAMPLE
from docx_xml import NS, Styles, body_paragraphs, data_tables, paragraph_property, part, runs_of, w
from libreoffice import docx_files_to_pdf, soffice
from pdf_lines import Page, read_pages, rules

DOCUMENTS = ("xinwu-2023", "xinwu-2023-brief", "example-full", "example-full-brief")
FULL_EXAMPLE = BUNDLED_EXAMPLE.parent / "example-full"


def _texts(pages: list[Page]) -> list[list[str]]:
    return [[line.text for line in page.lines] for page in pages]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, profile, fontconfig_file) -> Path:
    """<folder>/docgen: the DOCX and PDF of the report and the 简报; /libreoffice: the DOCX
    rendered by LibreOffice as shipped."""
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    out = tmp_path_factory.mktemp("agree")
    paths = [path for content in (BUNDLED_EXAMPLE, FULL_EXAMPLE)
             for path in build(content, profile, ("docx", "pdf"), out / "docgen", brief_formats=("docx", "pdf")).paths]
    docx_files_to_pdf([path for path in paths if path.suffix == ".docx"], out / "libreoffice", fontconfig_file)
    return out


@pytest.fixture(scope="module")
def rendered(outputs) -> dict[str, dict[str, list[Page]]]:
    """Each document's two PDFs read back as pages of lines."""
    return {name: {kind: read_pages(outputs / kind / f"{name}.pdf") for kind in ("docgen", "libreoffice")}
            for name in DOCUMENTS}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_same_pages_with_the_same_number_of_lines(rendered, name):
    ours, theirs = rendered[name]["docgen"], rendered[name]["libreoffice"]
    assert [len(page.lines) for page in theirs] == [len(page.lines) for page in ours]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_libreoffice_sets_every_line_as_the_pdf_does(rendered, name):
    """The same break points on every line (234 of the report, 41 of the 简报), the page
    numbers included."""
    assert _texts(rendered[name]["libreoffice"]) == _texts(rendered[name]["docgen"])


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_line_starts_and_ends_where_the_pdf_puts_it(rendered, name):
    """Indents, centring, the signature and date, a date after a tab (版记, 简报): each line's
    first glyph within 0.5 mm and its last within 1 mm of the PDF's (LibreOffice justifies
    with whole-twip spaces: up to 0.54 mm measured)."""
    for ours, theirs in zip(rendered[name]["docgen"], rendered[name]["libreoffice"]):
        for mine, its in zip(ours.lines, theirs.lines):
            assert mine.x0 == pytest.approx(its.x0, abs=0.5 * grid.MM), mine.text
            assert mine.x1 == pytest.approx(its.x1, abs=1 * grid.MM), mine.text


def test_the_brief_has_the_same_rules_across_the_text_block(outputs):
    """The red rule under the 报头 and the 主要数据 table ruled on every side, below its last
    row too: the same rules in the same places and widths. docgen centres a rule on the
    edge of its grid line; LibreOffice draws a border inside its row and stops a column
    rule at the rules it meets: within 1 pt. Widths within the 1/8 pt Word stores them in."""
    ours = rules(outputs / "docgen" / "example-full-brief.pdf")
    theirs = rules(outputs / "libreoffice" / "example-full-brief.pdf")
    # red rule; 5 row rules (4 rows), 4 column rules; the 报尾's 2 outer and 3 inner rules
    assert len(ours) == len(theirs) == 1 + 5 + 4 + 5
    red, *rest = ours
    table = [rule for rule in rest if rule[6] == 0.18]                                # 0.5 pt
    assert red[:2] == (1, "-") and red[6:] == (0.71, (1, 0, 0))                       # 2 pt, red
    assert (red[2], red[3]) == pytest.approx((grid.LEFT, grid.RIGHT), abs=0.1)
    for mine, theirs_rule in zip(ours, theirs):
        # The 报尾's bottom rule: LibreOffice draws it 1.9 pt above the text block's bottom edge,
        # within the issue's ±1 mm for it ("at the foot of the last page").
        near = grid.MM if mine == max(ours, key=lambda r: (r[0], r[4])) else 1
        assert mine[:2] == theirs_rule[:2] and mine[7] == theirs_rule[7]
        assert mine[2:6] == pytest.approx(theirs_rule[2:6], abs=near), (mine, theirs_rule)
        assert mine[6] == pytest.approx(theirs_rule[6], abs=0.05)
    rows = sorted(rule[4] for rule in table if rule[1] == "-")
    pitch = 637.795 / 22
    # every row on one line: the columns take their widths from the text (no 率 wrapped alone)
    assert [round((b - a) / pitch, 3) for a, b in itertools.pairwise(rows)] == [1, 1, 1, 1]


def test_the_brief_table_rows_take_whole_grid_lines_in_the_docx(outputs):
    """Each row at least its grid lines (579 twips each) and its lines exact: the rule above
    a row (0.5 pt = 10 twips) is inside its height, the rule below the last row under it."""
    docx = outputs / "docgen" / "example-full-brief.docx"
    [table], styles = data_tables(docx), Styles(docx)
    rows = table.findall("w:tr", NS)
    heights = [(tr.find("w:trPr/w:trHeight", NS).get(w("val")), tr.find("w:trPr/w:trHeight", NS).get(w("hRule")))
               for tr in rows]
    assert heights == [("579", "atLeast")] * 3 + [("569", "atLeast")]
    spacings = [[paragraph_property(p, styles, "w:spacing") for p in tr.iter(w("p"))] for tr in rows]
    lines = [{(s.get(w("line")), s.get(w("lineRule"))) for s in row} for row in spacings]
    assert lines == [{("569", "exact")}] * 3 + [{("559", "exact")}]
    assert {r.size_half_points for p in table.iter(w("p")) for r in runs_of(p, styles)} == {28}   # 四号 text
    borders = {(b.tag.split("}")[1], b.get(w("sz")), b.get(w("color"))) for b in table.iter()
               if b.getparent() is not None and b.getparent().tag in (w("tblBorders"), w("tcBorders"))}
    assert borders == {(side, "4", "000000") for side in ("left", "right", "insideV", "top", "bottom", "insideH")}


def test_the_brief_masthead_rule_spans_the_text_block_in_the_docx(outputs):
    unit = body_paragraphs(outputs / "docgen" / "xinwu-2023-brief.docx")[3]
    assert unit.text == "新吴区司法局编\t2024年3月29日" and unit.rule("bottom") == ("16", "FF0000")
    table = unit.element.getparent().getparent().getparent()
    assert table.find("w:tblPr/w:tblW", NS).get(w("w")) == "8844"                 # 156 mm
    assert table.find("w:tr/w:trPr/w:trHeight", NS).get(w("val")) == "539"        # 579 less the 2 pt rule
    assert unit.ppr("spacing", "line") == "539"
    assert unit.ppr("ind", "left") == unit.ppr("ind", "right") == "320"           # 1 字 in, the rule not


@pytest.fixture(scope="module")
def draft(tmp_path_factory, profile, fontconfig_file):
    """A 2024 draft (docgen new-year), built and rendered by LibreOffice."""
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    folder = tmp_path_factory.mktemp("draft")
    source = folder / "xinwu-2023"
    shutil.copytree(BUNDLED_EXAMPLE, source)
    result = CliRunner().invoke(main, ["new-year", str(source)])
    assert result.exit_code == 0, result.output
    built = build(folder / "xinwu-2024", profile, ("docx", "pdf"), folder / "out")
    docx, pdf = sorted(built.paths, key=lambda path: path.suffix)
    [rendered] = docx_files_to_pdf([docx], folder / "libreoffice", fontconfig_file)
    return docx, pdf, rendered


def _labels(pdf_path: Path) -> list:
    return [line for page in read_pages(pdf_path) for line in page.lines if line.text == "草稿"]


def test_the_draft_label_sits_where_the_profile_puts_it_in_both(draft, profile):
    """草稿 flush right, the middle of its em box above_text_block_mm (18.5 mm) over the text
    block, on every page of the PDF and of the DOCX as LibreOffice sets it."""
    docx, pdf, rendered = draft
    ours, theirs = _labels(pdf), _labels(rendered)
    assert len(ours) == len(theirs) == len(read_pages(pdf))
    middle = grid.TOP - profile.draft.above_text_block_mm * grid.MM
    for label in ours + theirs:
        assert {g.size for g in label.glyphs} == {16.0}
        assert label.x1 == pytest.approx(grid.RIGHT, abs=0.5)
        # the ideographic em box spans 0.88 em above the baseline to 0.12 em below
        assert label.baseline - 0.38 * 16 == pytest.approx(middle, abs=1.5), label
    # the header starts 37 − 18.5 − 16 pt / 2 mm = 15.68 mm (889 twips) from the page top
    margins = part(docx, "word/document.xml").find("w:body/w:sectPr/w:pgMar", NS)
    assert margins.get(w("header")) == "889"


def test_the_narrowing_and_the_indent_are_the_docx_numbers():
    """Body text narrowed by −0.3 pt (−6 twips: the next whole twip below 15.79 − 16 and
    line_breaking.extra_narrowing_twips) and 1 字 of indent 16 pt, for every writer; other
    sizes are not narrowed."""
    profile = load_profile()
    assert decided.tracking_pt(profile, 16) == -0.3
    assert decided.tracking_pt(profile, 14) == decided.tracking_pt(profile, 22) == 0
    assert decided.char_unit_pt(profile) == 16


def _empty_lines_between(pdf_path: Path, before: str, after: str) -> int:
    """Empty grid lines between the line that is `before` and the one that starts with `after`."""
    lines = [(line.page, round((line.baseline - grid.TOP) / (637.795 / 22))) for page in read_pages(pdf_path)
             for line in page.lines if line.text == before or line.text.startswith(after)]
    (page_a, slot_a), (page_b, slot_b) = lines
    return (page_b - page_a) * 22 + slot_b - slot_a - 1


@pytest.mark.parametrize("blank_lines", [1, 2])
def test_the_blank_lines_before_the_distribution_come_from_the_profile(blank_lines, tmp_path, substitute_fonts):
    """distribution.blank_lines_before empty lines part the text from the 版记, and as many
    more as put it at the foot of the last page: in the DOCX as many empty paragraphs as the
    PDF has empty grid lines there, the 版记 on its last two lines."""
    standard = load_profile()
    profile = dataclasses.replace(standard, distribution=dataclasses.replace(
        standard.distribution, blank_lines_before=blank_lines))
    docx, pdf = sorted(build(FIXTURES / "all-elements", profile, ("docx", "pdf"), tmp_path).paths,
                       key=lambda path: path.suffix)
    texts = [p.text for p in body_paragraphs(docx)]
    note, cc = texts.index("（此件公开发布）"), texts.index("抄送：市司法局、区委依法治区办。")
    gap = _empty_lines_between(pdf, "（此件公开发布）", "抄送")
    assert texts[note + 1:cc] == [""] * gap and gap >= blank_lines
    last = read_pages(pdf)[-1]
    cc_line = next(line for line in last.lines if line.text.startswith("抄送"))
    assert (cc_line.baseline - grid.TOP) // (637.795 / 22) == 20                  # grid line 21 of 22


@pytest.mark.parametrize("blank_lines", [1, 2])
def test_the_blank_lines_before_the_brief_foot_come_from_the_profile(blank_lines, tmp_path, profile):
    folder = tmp_path / "settings-2023"
    shutil.copytree(FIXTURES / "all-elements", folder)
    path = folder / "report.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "brief:\n  to_superior: [市司法局]\n  copies: 120\n",
                    encoding="utf-8")
    standard = load_profile("briefing")
    briefing = dataclasses.replace(standard, briefing=dataclasses.replace(
        standard.briefing, foot_blank_lines_before=blank_lines))
    docx, pdf = sorted(build(folder, profile, (), tmp_path / "out", brief_formats=("docx", "pdf"),
                             brief_profile=briefing).paths, key=lambda path: path.suffix)
    texts = [p.text for p in body_paragraphs(docx)]
    text_end, foot = texts.index("继续努力。"), texts.index("报：市司法局。")
    gap = _empty_lines_between(pdf, "继续努力。", "报：")
    assert texts[text_end + 1:foot] == [""] * gap and gap >= blank_lines
    assert texts[foot:] == ["报：市司法局。", "（共印120份）", ""]       # "": the paragraph that ends the document
