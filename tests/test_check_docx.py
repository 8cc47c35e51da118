"""check_docx on docgen's own DOCX (report and 简报, bundled and example-full: no failure) and on
deliberately broken files, each reporting exactly its faults: python-docx's default template,
a 29 pt leading, Chinese set in theme fonts, centred page numbers, margins 3 mm off."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from lxml import etree

from docgen.build import build
from docgen.checking.docx_format import UnreadableDocx, check_docx
from docgen.checking.format_report import FormatCheck, as_table, failed
from docgen.format.profile import load_profile
from docgen.format.units import mm_to_twips
from docgen.paths import BUNDLED_EXAMPLE
from docx_xml import NS, w

THEME_FONTS = {"asciiTheme": "minorHAnsi", "hAnsiTheme": "minorHAnsi", "eastAsiaTheme": "minorEastAsia",
               "cstheme": "minorBidi"}


@pytest.fixture(scope="module")
def built(tmp_path_factory, profile) -> dict[str, Path]:
    """The bundled report and example-full's, each with its 简报, as DOCX."""
    paths = {}
    for content in (BUNDLED_EXAMPLE, BUNDLED_EXAMPLE.parent / "example-full"):
        out = tmp_path_factory.mktemp(content.name)
        for path in build(content, profile, ("docx",), out, brief_formats=("docx",)).paths:
            paths[path.stem] = path
    return paths


def failed_items(path: Path, profile) -> set[str]:
    return {check.item for check in failed(check_docx(path, profile))}


def edited(source: Path, target: Path, edits: dict[str, Callable[[etree._Element], None]]) -> Path:
    """A copy of the .docx with some XML parts changed in place by the given functions."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info)
            if info.filename in edits:
                root = etree.fromstring(data)
                edits[info.filename](root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            copy.writestr(info, data)
    return target


@pytest.mark.parametrize("name", ["xinwu-2023", "example-full"])
def test_docgen_report_passes(built, profile, name):
    checks = check_docx(built[name], profile)
    assert failed(checks) == [], "\n".join(as_table(name, checks))
    items = {check.item for check in checks}
    assert {"page size", "top margin", "document grid", "title font", "body font", "body line spacing",
            "heading 1 font", "heading 2 size", "page number form", "odd pages' page number",
            "even pages' page number"} <= items
    if name == "example-full":          # its 版记 and its run-in level-3 headings
        assert {"版记 position", "版记 rule above", "版记 rule below", "版记 font", "heading 3 bold"} <= items


@pytest.mark.parametrize("name", ["xinwu-2023-brief", "example-full-brief"])
def test_docgen_brief_passes_against_the_briefing_profile(built, name):
    briefing = load_profile("briefing")
    checks = check_docx(built[name], briefing)
    assert failed(checks) == [], "\n".join(as_table(name, checks))
    assert not any(check.item.startswith("page number") for check in checks)      # the 简报 has none
    # Against the report's profile the one difference is the page numbers the 简报 leaves out.
    assert failed_items(built[name], load_profile()) == {"page numbers"}


def test_python_docx_default_template(tmp_path, profile):
    document = docx.Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("示范区2023年法治政府建设情况报告").font.size = Pt(profile.title.size_pt)
    document.add_heading("一、主要举措", level=1)
    document.add_paragraph("全面推进依法行政，提升行政执法质量。")
    document.add_paragraph("加强法治宣传教育，营造良好氛围。")
    path = tmp_path / "default.docx"
    document.save(path)
    checks = check_docx(path, profile)
    assert {c.item for c in failed(checks)} == {
        "page size", "top margin", "bottom margin", "left margin", "right margin", "document grid",
        "title font", "title line spacing",
        "heading 1 font", "heading 1 size", "heading 1 bold", "heading 1 line spacing",
        "body font", "body size", "body line spacing", "page numbers"}
    body_font = next(c for c in checks if c.item == "body font")
    expected = "仿宋_GB2312 (or 仿宋, FangSong, FangSong_GB2312) for Chinese text"
    assert body_font == FormatCheck("body font", False, expected,
                                    "eastAsia slot: theme font minorEastAsia (→ 宋体) (in 2 paragraphs)",
                                    "paragraph 3", "全面推进依法行政，提升行政执法质量。")
    size = next(c for c in checks if c.item == "page size")
    assert size.found == "215.9 mm × 279.4 mm"
    spacing = next(c for c in checks if c.item == "body line spacing")
    assert spacing.found.startswith("auto 1.15 lines")


def test_29_pt_leading_fails_the_grid_and_every_line_spacing(built, profile, tmp_path):
    wrong = str(20 * 29)            # 29 pt: 22 lines overflow the 225 mm block (spec: Word drops line 22)

    def leading(root: etree._Element) -> None:
        for node in root.iter(w("spacing"), w("docGrid")):
            for attribute in ("line", "linePitch"):
                if node.get(w(attribute)) == str(profile.line_pitch_twips):
                    node.set(w(attribute), wrong)
    path = edited(built["xinwu-2023"], tmp_path / "29pt.docx",
                  {"word/styles.xml": leading, "word/document.xml": leading})
    checks = check_docx(path, profile)
    assert {c.item for c in failed(checks)} == {"document grid", "title line spacing", "body line spacing",
                                                 "heading 1 line spacing", "heading 2 line spacing"}
    body = next(c for c in checks if c.item == "body line spacing")
    assert body.found.startswith("exact 580 twips (29.00 pt) (in ") and body.where == "paragraph 3"


def test_theme_fonts_fail_every_font_row(built, profile, tmp_path):
    def themed(root: etree._Element) -> None:
        for fonts in root.iter(w("rFonts")):
            fonts.attrib.clear()
            for slot, theme in THEME_FONTS.items():
                fonts.set(w(slot), theme)
    path = edited(built["xinwu-2023"], tmp_path / "theme.docx",
                  {"word/styles.xml": themed, "word/document.xml": themed})
    checks = check_docx(path, profile)
    assert {c.item for c in failed(checks)} == {"title font", "body font", "heading 1 font", "heading 2 font",
                                                 "page number font"}
    title = next(c for c in checks if c.item == "title font")
    # docgen's theme names 仿宋_GB2312, but a theme font is refused whatever it resolves to:
    # another machine's theme (or a restyle) changes it.
    assert (title.found, title.where) == ("eastAsia slot: theme font minorEastAsia (→ 仿宋_GB2312)", "paragraph 1")


def test_centred_page_numbers(built, profile, tmp_path):
    def centred_style(root: etree._Element) -> None:
        [ppr] = root.xpath("w:style[w:name/@w:val=$name]/w:pPr", namespaces=NS, name=profile.docx_styles.page_number)
        ppr.find("w:jc", NS).set(w("val"), "center")
        ppr.remove(ppr.find("w:ind", NS))

    def one_footer(root: etree._Element) -> None:
        root.remove(root.find("w:evenAndOddHeaders", NS))
    path = edited(built["xinwu-2023"], tmp_path / "centred.docx",
                  {"word/styles.xml": centred_style, "word/settings.xml": one_footer})
    checks = check_docx(path, profile)
    assert {c.item for c in failed(checks)} == {"odd pages' page number", "even pages' page number"}
    odd = next(c for c in checks if c.item == "odd pages' page number")
    assert odd.found == "center, 0.0 mm from the right edge"


def test_margins_3_mm_off(built, profile, tmp_path):
    def wider(root: etree._Element) -> None:
        margins = root.find("w:body/w:sectPr/w:pgMar", NS)
        for side in ("top", "left"):
            margins.set(w(side), str(int(margins.get(w(side))) + mm_to_twips(3)))
    path = edited(built["xinwu-2023"], tmp_path / "margins.docx", {"word/document.xml": wider})
    checks = check_docx(path, profile)
    assert [(c.item, c.expected, c.found) for c in failed(checks)] == [
        ("top margin", "37 mm ± 1", "40.0 mm"), ("left margin", "28 mm ± 1", "31.0 mm")]


def test_a_margin_within_the_tolerance_passes(built, profile, tmp_path):
    def slightly(root: etree._Element) -> None:
        margins = root.find("w:body/w:sectPr/w:pgMar", NS)
        margins.set(w("top"), str(int(margins.get(w("top"))) + mm_to_twips(0.9)))
    path = edited(built["xinwu-2023"], tmp_path / "near.docx", {"word/document.xml": slightly})
    assert failed_items(path, profile) == set()


def test_distribution_not_last_is_reported(built, profile, tmp_path):
    def text_after(root: etree._Element) -> None:
        body = root.find("w:body", NS)
        paragraph = etree.SubElement(body, w("p"))
        etree.SubElement(etree.SubElement(paragraph, w("r")), w("t")).text = "补充说明。"
        body.append(body.find("w:sectPr", NS))       # the section's properties stay last
    path = edited(built["example-full"], tmp_path / "after.docx", {"word/document.xml": text_after})
    checks = check_docx(path, profile)
    assert {c.item for c in failed(checks)} == {"版记 position"}
    position = next(c for c in checks if c.item == "版记 position")
    assert position.excerpt == "补充说明。" and position.where.startswith("paragraph ")


def test_not_a_docx_is_refused_in_the_clerks_words(tmp_path, profile):
    text = tmp_path / "report.docx"
    text.write_text("这不是Word文件", encoding="utf-8")
    with pytest.raises(UnreadableDocx) as error:
        check_docx(text, profile)
    assert str(error.value) == (f"{text}: not a Word .docx file: it is not a zip archive (a .doc from Word 97–2003, "
                                "or text renamed?): open it in Word or WPS and save it as .docx (Word Document)")


def test_a_dtd_is_refused(built, profile, tmp_path):
    bomb = tmp_path / "bomb.docx"
    shutil.copy(built["xinwu-2023"], bomb)
    with zipfile.ZipFile(built["xinwu-2023"]) as original, zipfile.ZipFile(bomb, "w") as copy:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "word/settings.xml":
                data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + data.split(b"?>", 1)[1]
            copy.writestr(info, data)
    with pytest.raises(UnreadableDocx, match="declares a DTD"):
        check_docx(bomb, profile)
