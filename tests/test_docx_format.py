"""The built DOCX of the bundled report, measured in its XML against GB/T 9704."""

from __future__ import annotations

import re
import zipfile

import pytest

from docgen.build import build
from docgen.content.load import load_report
from docgen.format.profile import load_profile
from docgen.paths import BUNDLED_EXAMPLE
from docx_xml import NS, Styles, body_paragraphs, paragraph_property, part, runs_of, w, xml_parts

BODY_FONT = "仿宋_GB2312"


@pytest.fixture(scope="module")
def paragraphs(built_docx):
    return body_paragraphs(built_docx)


@pytest.fixture(scope="module")
def report():
    return load_report(BUNDLED_EXAMPLE)


def test_page_is_a4_with_gbt9704_margins_and_line_grid(built_docx):
    sect = part(built_docx, "word/document.xml").find("w:body/w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")
    margins = sect.find("w:pgMar", NS)
    assert {k: margins.get(w(k)) for k in ("top", "right", "bottom", "left")} == {
        "top": "2098", "right": "1474", "bottom": "1984", "left": "1587"}
    grid = sect.find("w:docGrid", NS)
    assert grid.get(w("type")) == "lines" and grid.get(w("linePitch")) == "579"


def test_footer_distance_puts_page_numbers_7mm_under_the_text_block(built_docx):
    """The footer's 14 pt line has its middle 7 mm under the block: its bottom
    35 − 7 − 14 pt / 2 = 25.53 mm (1447 twips) above the page's bottom edge. The
    header (a draft's 草稿) starts 37 − 18.5 − 16 pt / 2 = 15.68 mm (889 twips) down."""
    margins = part(built_docx, "word/document.xml").find("w:body/w:sectPr/w:pgMar", NS)
    assert (margins.get(w("footer")), margins.get(w("header"))) == ("1447", "889")


def test_every_paragraph_has_exact_grid_spacing_and_no_widow_control(paragraphs):
    for p in paragraphs:
        spacing = p.ppr("spacing")
        assert spacing.get(w("line")) == "579" and spacing.get(w("lineRule")) == "exact", p.text
        assert spacing.get(w("before")) == "0" and spacing.get(w("after")) == "0"
        assert p.ppr("widowControl", "val") == "0"
        assert p.ppr("snapToGrid", "val") == "0"
        # the line-breaking rule is the suites' default (README, "Notes on rendering")
        assert all(p.ppr(name) is None for name in ("overflowPunct", "kinsoku", "autoSpaceDE", "autoSpaceDN"))


def test_every_run_names_all_four_fonts_with_the_east_asian_hint(built_docx):
    """Wherever fonts are named (styles, runs that differ) all four slots are; every
    run of the document, headers and footers gets its fonts from its style or itself."""
    styles = Styles(built_docx)
    for name in xml_parts(built_docx):
        if not name.startswith("word/") or not name.endswith(".xml"):
            continue
        root = part(built_docx, name)
        for fonts in root.iter(w("rFonts")):
            for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
                assert fonts.get(w(slot)), f"{name}: rFonts without {slot}"
            assert fonts.get(w("hint")) == "eastAsia", name
        for paragraph in root.iter(w("p")):
            for run in runs_of(paragraph, styles):
                assert set(run.fonts) >= {"ascii", "hAnsi", "eastAsia", "cs"}, f"{name}: a run without fonts"


def test_no_theme_font_attribute_or_japanese_default_anywhere_in_the_package(built_docx):
    """The theme's fonts are the profile's (黑体 headings, 仿宋_GB2312 body) for East Asian
    text and Simplified Chinese alike; nothing refers to a theme font."""
    for name, data in xml_parts(built_docx).items():
        assert not re.search(rb"(asciiTheme|hAnsiTheme|eastAsiaTheme|cstheme)=", data), name
        assert b"MS Mincho" not in data and "ＭＳ".encode() not in data, name
    with zipfile.ZipFile(built_docx) as archive:
        names = archive.namelist()
    assert not any("thumbnail" in n for n in names), names
    theme = part(built_docx, "word/theme/theme1.xml")
    a = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    for kind, font in (("major", "黑体"), ("minor", BODY_FONT)):
        scheme = theme.find(f".//a:fontScheme/a:{kind}Font", a)
        faces = {node.get("typeface") for node in scheme if node.tag.endswith(("}latin", "}ea", "}font"))}
        assert faces == {font}, (kind, faces)
        assert [n.get("script") for n in scheme.findall("a:font", a)] == ["Hans"]


def test_body_text_is_fangsong_16pt_narrowed_to_28_a_line_and_justified(paragraphs, report):
    preamble = next(p for p in paragraphs if p.text.startswith("2023年，在市委"))
    [run] = preamble.runs
    assert run.east_asia == BODY_FONT and run.fonts["ascii"] == BODY_FONT
    assert run.size_half_points == 32
    assert run.spacing == -6          # −0.3 pt: 28 × 15.7 pt fits 442.2 pt (format/grid.py)
    assert preamble.ppr("jc", "val") == "both"
    assert preamble.ppr("ind", "firstLineChars") == "200"
    assert preamble.ppr("ind", "firstLine") == "640"


def test_title_is_xiaobiaosong_22pt_centred_in_balanced_lines_then_one_blank_line(paragraphs):
    title, blank = paragraphs[0], paragraphs[1]
    assert title.ppr("jc", "val") == "center"
    assert {r.east_asia for r in title.runs} == {"方正小标宋简体"}
    assert {r.size_half_points for r in title.runs} == {44}
    assert {r.spacing for r in title.runs} == {None}
    breaks = title.element.findall(".//w:br", NS)
    lines = [t.text for t in title.element.iter(w("t"))]
    assert lines == ["无锡市新吴区人民政府2023年", "法治政府建设情况报告"] and len(breaks) == 1
    assert all(len(line) <= 20 for line in lines)
    assert blank.text == "" and blank.runs == []


def _headings(paragraphs, pattern):
    return [p for p in paragraphs if re.match(pattern, p.text)]


def test_level_one_headings_are_heiti_numbered_from_the_structure(paragraphs):
    heads = _headings(paragraphs, r"^[一二三四五六七八九十]+、")
    assert [p.text[:2] for p in heads] == ["一、", "二、", "三、", "四、"]
    for p in heads:
        assert {r.east_asia for r in p.runs} == {"黑体"}
        assert not any(r.bold for r in p.runs)
        assert p.ppr("ind", "firstLine") == "640"
        assert p.ppr("keepNext") is not None, "a heading stays with its text"


def test_level_two_headings_are_kaiti_and_run_in_headings_share_their_paragraph(paragraphs):
    heads = _headings(paragraphs, r"^（[一二三四五六七八九十]+）")
    assert len(heads) == 11           # 5 in 一, 3 in 二, 3 in 四
    for p in heads:
        assert p.runs[0].east_asia == "楷体_GB2312"
    run_in = [p for p in heads if len(p.runs) > 1]
    assert len(run_in) == 6           # sections 二 and 四
    for p in run_in:
        assert p.runs[0].text.endswith("。")
        assert {r.east_asia for r in p.runs[1:]} == {BODY_FONT}
    assert run_in[0].runs[0].text == "（一）推动学习宣传贯彻习近平法治思想走深走实。"


def test_lead_phrases_are_bold_fangsong_at_the_start_of_their_paragraphs(paragraphs, report):
    leads = [p.lead for s in report.sections for c in s.sections for p in c.paragraphs if p.lead]
    assert len(leads) == 16
    found = [p.runs[0] for p in paragraphs if p.runs and p.runs[0].bold]
    assert [r.text for r in found] == leads
    assert all(r.east_asia == BODY_FONT and r.size_half_points == 32 for r in found)
    assert found[0].text == "政务服务实现“新提升”。"


def test_signature_and_date_follow_the_unsealed_rule(paragraphs):
    signature, date = paragraphs[-2], paragraphs[-1]
    assert paragraphs[-3].text == ""                        # one blank line after the body
    assert signature.text == "无锡市新吴区人民政府"
    assert signature.ppr("jc", "val") == "right"
    assert signature.ppr("ind", "right") == "640"            # 2 字 from the right
    assert date.text == "2024年3月29日"
    # The date starts 2 字 right of the signature's first character: the block
    # is 8844 twips wide, the signature 10 × 15.7 pt = 3140 twips ending 640
    # twips in, so it starts at 5064 and the date at 5064 + 640.
    assert date.ppr("jc", "val") == "left" and date.ppr("ind", "left") == "5704"


def test_page_numbers_are_em_dash_page_fields_odd_right_even_left(built_docx):
    settings = part(built_docx, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    document = part(built_docx, "word/document.xml")
    rels = part(built_docx, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    refs = {ref.get(w("type")): targets[ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]
            for ref in document.iter(w("footerReference"))}
    assert set(refs) == {"default", "even"}
    for kind, align, side in (("default", "right", "right"), ("even", "left", "left")):
        footer = part(built_docx, f"word/{refs[kind]}")
        [p] = footer.findall("w:p", NS)
        styles = Styles(built_docx)
        assert paragraph_property(p, styles, "w:jc").get(w("val")) == align
        assert paragraph_property(p, styles, "w:ind").get(w(side)) == "280"          # 1 字 of 14 pt
        runs = runs_of(p, styles)
        assert {r.east_asia for r in runs} == {"宋体"} and {r.size_half_points for r in runs} == {28}
        instr = "".join(t.text for t in p.iter(w("instrText")))
        assert instr.strip() == "PAGE"
        texts = [r.text for r in runs if r.text]
        assert texts[0] == "— " and texts[-1] == " —" and "\u2014" in texts[0]


def test_core_properties_come_from_the_content_and_name_no_tool(built_docx):
    core = part(built_docx, "docProps/core.xml")
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
          "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}
    assert core.find("dc:title", ns).text == "无锡市新吴区人民政府2023年法治政府建设情况报告"
    assert core.find("dc:creator", ns).text == "无锡市新吴区人民政府"
    assert core.find("dcterms:created", ns).text.startswith("2024-03-29")
    for data in xml_parts(built_docx).values():
        assert b"python-docx" not in data


def test_two_builds_are_byte_identical(tmp_path, profile):
    first = build(BUNDLED_EXAMPLE, profile, ("docx",), tmp_path / "a").paths[0].read_bytes()
    second = build(BUNDLED_EXAMPLE, profile, ("docx",), tmp_path / "b").paths[0].read_bytes()
    assert first == second


def test_a_house_profile_changes_the_leading_everywhere(tmp_path):
    [path] = build(BUNDLED_EXAMPLE, load_profile("house-28pt"), ("docx",), tmp_path).paths
    grid = part(path, "word/document.xml").find("w:body/w:sectPr/w:docGrid", NS)
    assert grid.get(w("linePitch")) == "560"
    lines = {p.ppr("spacing", "line") for p in body_paragraphs(path)}
    assert lines == {"560"}
