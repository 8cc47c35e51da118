"""The OFD (GB/T 33190-2016) docgen writes: the package's structure, checked part by part
against the elements and attributes the writer implements, and its pages measured against
the PDF drawn from the same layout: the same text in the same order, each glyph of page 1
and of the last page where the PDF puts it, the page numbers, the red parts, the seal.
(Independent OFD readers check it in tests of their own.)"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pdfplumber
import pytest
from click.testing import CliRunner
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont

from docgen.build import BRIEF_PROFILE
from docgen.cli import main
from docgen.format.profile import load_profile
from docgen.format.units import pt_to_mm
from docgen.paths import BUNDLED_EXAMPLE
from docgen.pdf.fonts import PdfFonts

NS = {"ofd": "http://www.ofdspec.org/2016"}
FULL_EXAMPLE = BUNDLED_EXAMPLE.parent / "example-full"
TOLERANCE_MM = 0.1
RED = "255 0 0"


def _build(content: Path, out: Path, *arguments: str) -> None:
    result = CliRunner().invoke(main, [*arguments, str(content), "--out", str(out)])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory, substitute_fonts) -> dict[str, Path]:
    """Every file of `build --format all` of both bundled examples, by file name."""
    files = {}
    for content in (BUNDLED_EXAMPLE, FULL_EXAMPLE):
        out = tmp_path_factory.mktemp(content.name)
        _build(content, out, "build", "--format", "all")
        files.update({path.name: path for path in out.iterdir()})
    return files


OFDS = ("xinwu-2023.ofd", "xinwu-2023-brief.ofd", "example-full.ofd", "example-full-brief.ofd")


# --- the package's structure -----------------------------------------------------------

def _required(element, path: str, attributes: tuple[str, ...] = ()) -> list[str]:
    found = element.findall(path, NS)
    if not found:
        return [f"{path}: missing"]
    return [f"{path}: no {name}" for item in found for name in attributes if not item.get(name)]


def structure_problems(archive: zipfile.ZipFile) -> list[str]:
    """What the package lacks of the GB/T 33190 structure docgen writes (§7.4–7.7, §11):
    empty when every required part, element and attribute is there and every reference resolves."""
    names = set(archive.namelist())
    problems: list[str] = []
    ofd = ElementTree.fromstring(archive.read("OFD.xml"))
    if ofd.tag != f"{{{NS['ofd']}}}OFD" or ofd.get("Version") != "1.0" or ofd.get("DocType") != "OFD":
        problems.append("OFD.xml: not an ofd:OFD of Version 1.0, DocType OFD")
    for child in ("DocID", "Title", "Author", "CreationDate", "Creator", "CreatorVersion"):
        problems += _required(ofd, f"ofd:DocBody/ofd:DocInfo/ofd:{child}")
    root = ofd.findtext("ofd:DocBody/ofd:DocRoot", namespaces=NS)
    if root not in names:
        return problems + [f"DocRoot {root!r} is not in the package"]
    folder = root.rsplit("/", 1)[0] + "/"
    document = ElementTree.fromstring(archive.read(root))
    problems += _required(document, "ofd:CommonData/ofd:MaxUnitID")
    problems += _required(document, "ofd:CommonData/ofd:PageArea/ofd:PhysicalBox")
    problems += _required(document, "ofd:Pages/ofd:Page", ("ID", "BaseLoc"))
    ids: list[int] = [int(page.get("ID", 0)) for page in document.findall("ofd:Pages/ofd:Page", NS)]
    font_ids: set[str] = set()
    media_ids: set[str] = set()
    for kind in ("PublicRes", "DocumentRes"):
        for location in document.findall(f"ofd:CommonData/ofd:{kind}", NS):
            res = ElementTree.fromstring(archive.read(folder + location.text))
            base = folder + res.get("BaseLoc", "") + "/"
            for font in res.findall("ofd:Fonts/ofd:Font", NS):
                problems += [f"Font {font.get('ID')}: no {a}" for a in ("ID", "FontName") if not font.get(a)]
                if base + font.findtext("ofd:FontFile", namespaces=NS) not in names:
                    problems.append(f"Font {font.get('ID')}: its FontFile is not in the package")
                font_ids.add(font.get("ID", ""))
            for media in res.findall("ofd:MultiMedias/ofd:MultiMedia", NS):
                if media.get("Type") != "Image" or base + media.findtext("ofd:MediaFile", namespaces=NS) not in names:
                    problems.append(f"MultiMedia {media.get('ID')}: not an image in the package")
                media_ids.add(media.get("ID", ""))
            ids += [int(item.get("ID", 0)) for item in res.iter() if item.get("ID")]
    for page in document.findall("ofd:Pages/ofd:Page", NS):
        content = ElementTree.fromstring(archive.read(folder + page.get("BaseLoc", "")))
        problems += _required(content, "ofd:Content/ofd:Layer", ("ID",))
        ids += [int(item.get("ID", 0)) for item in content.iter() if item.get("ID")]
        for text in content.iter(f"{{{NS['ofd']}}}TextObject"):
            problems += _required(text, ".", ("ID", "Boundary", "Font", "Size"))
            problems += _required(text, "ofd:TextCode", ("X", "Y"))
            if text.get("Font") not in font_ids:
                problems.append(f"TextObject {text.get('ID')}: font {text.get('Font')} is not a resource")
            for code in text.findall("ofd:TextCode", NS):
                deltas = code.get("DeltaX", "").split()
                if len(deltas) != len(code.text or "") - 1:
                    glyphs = len(code.text or "")
                    problems.append(f"TextObject {text.get('ID')}: {len(deltas)} DeltaX for {glyphs} glyphs")
        for path in content.iter(f"{{{NS['ofd']}}}PathObject"):
            problems += _required(path, ".", ("ID", "Boundary"))
            problems += _required(path, "ofd:AbbreviatedData")
        for image in content.iter(f"{{{NS['ofd']}}}ImageObject"):
            problems += _required(image, ".", ("ID", "Boundary", "CTM", "ResourceID"))
            if image.get("ResourceID") not in media_ids:
                problems.append(f"ImageObject {image.get('ID')}: resource {image.get('ResourceID')} is not an image")
    if len(ids) != len(set(ids)):
        problems.append("IDs are not unique")
    if max(ids) > int(document.findtext("ofd:CommonData/ofd:MaxUnitID", "0", NS)):
        problems.append("MaxUnitID is below an ID")
    return problems


@pytest.mark.parametrize("name", OFDS)
def test_the_package_holds_every_required_part_element_and_attribute(built, name):
    with zipfile.ZipFile(built[name]) as archive:
        assert archive.namelist()[0] == "OFD.xml"
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert structure_problems(archive) == []


def test_the_checker_finds_what_a_package_lacks(built):
    """The checker above is a real check: a package without a page's fonts, a DeltaX or
    its MaxUnitID fails it."""
    with zipfile.ZipFile(built["xinwu-2023.ofd"]) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    broken = dict(parts)
    page = "Doc_0/Pages/Page_0/Content.xml"
    broken[page] = re.sub(rb' DeltaX="[^"]*"', b"", parts[page], count=1)
    broken["Doc_0/Document.xml"] = re.sub(rb"<ofd:MaxUnitID>\d+", b"<ofd:MaxUnitID>1", parts["Doc_0/Document.xml"])
    del broken[next(name for name in parts if name.endswith(".ttf"))]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in broken.items():
            archive.writestr(name, data)
    with zipfile.ZipFile(buffer) as archive:
        problems = structure_problems(archive)
    assert any("DeltaX for" in p for p in problems)
    assert "MaxUnitID is below an ID" in problems
    assert any("FontFile is not in the package" in p for p in problems)


def test_doc_info_names_the_report(built):
    with zipfile.ZipFile(built["xinwu-2023.ofd"]) as archive:
        info = ElementTree.fromstring(archive.read("OFD.xml")).find("ofd:DocBody/ofd:DocInfo", NS)
        document = ElementTree.fromstring(archive.read("Doc_0/Document.xml"))
    assert info is not None
    assert info.findtext("ofd:Title", namespaces=NS) == "无锡市新吴区人民政府2023年法治政府建设情况报告"
    assert info.findtext("ofd:Author", namespaces=NS) == "无锡市新吴区人民政府"
    assert info.findtext("ofd:CreationDate", namespaces=NS) == "2024-03-29"
    assert info.findtext("ofd:Creator", namespaces=NS) == "docgen"
    assert re.fullmatch(r"[0-9a-f]{32}", info.findtext("ofd:DocID", "", NS))
    assert document.findtext("ofd:CommonData/ofd:PageArea/ofd:PhysicalBox", namespaces=NS) == "0 0 210 297"


# --- the pages, measured against the PDF ---------------------------------------------

@dataclass
class OfdGlyph:
    char: str
    x: float            # mm from the page's left edge
    baseline: float     # mm from its top
    font: str
    fill: str


@dataclass
class OfdPage:
    glyphs: list[OfdGlyph]      # in drawing order, whitespace left out
    paths: list[tuple[str, float, str]]    # stroke colour, line width, AbbreviatedData
    images: list[tuple[float, ...]]        # boundaries


def _numbers(text: str) -> list[float]:
    return [float(n) for n in text.split()]


def read_ofd(path: Path) -> tuple[list[OfdPage], dict[str, TTFont]]:
    """The pages (as the structure test checked them: Doc_0, every object on one layer),
    and the embedded fonts by ID."""
    pages = []
    with zipfile.ZipFile(path) as archive:
        document = ElementTree.fromstring(archive.read("Doc_0/Document.xml"))
        res = ElementTree.fromstring(archive.read("Doc_0/PublicRes.xml"))
        files = {font.get("ID", ""): "Doc_0/Res/" + font.findtext("ofd:FontFile", "", NS)
                 for font in res.findall("ofd:Fonts/ofd:Font", NS)}
        fonts = {font_id: TTFont(io.BytesIO(archive.read(file))) for font_id, file in files.items()}
        for page in document.findall("ofd:Pages/ofd:Page", NS):
            layer = ElementTree.fromstring(archive.read("Doc_0/" + page.get("BaseLoc", "")))
            glyphs, paths, images = [], [], []
            for item in layer.iter():
                tag = item.tag.split("}")[1]
                if tag == "TextObject":
                    left, top = _numbers(item.get("Boundary", ""))[:2]
                    fill = item.find("ofd:FillColor", NS)
                    for code in item.findall("ofd:TextCode", NS):
                        x = left + float(code.get("X", ""))
                        steps = [0.0, *_numbers(code.get("DeltaX", ""))]
                        for char, step in zip(code.text or "", steps):
                            x += step
                            if not char.isspace():
                                glyphs.append(OfdGlyph(char, x, top + float(code.get("Y", "")), item.get("Font", ""),
                                                       fill.get("Value", "") if fill is not None else "0 0 0"))
                elif tag == "PathObject":
                    stroke = item.find("ofd:StrokeColor", NS)
                    colour = stroke.get("Value", "") if stroke is not None else ""
                    data = item.findtext("ofd:AbbreviatedData", "", NS)
                    paths.append((colour, float(item.get("LineWidth", 0)), data))
                elif tag == "ImageObject":
                    images.append(tuple(_numbers(item.get("Boundary", ""))))
            pages.append(OfdPage(glyphs, paths, images))
    return pages, fonts


def _pdf_chars(pdf_path: Path) -> list[list[dict]]:
    """Each page's characters in the order the PDF draws them, whitespace left out, each with
    its baseline in mm from the page's top."""
    with pdfplumber.open(pdf_path) as pdf:
        return [[{**c, "baseline_mm": pt_to_mm(float(page.height) - c["matrix"][5])}
                 for c in page.chars if c["text"].strip()] for page in pdf.pages]


def _by_lines(items: list, baseline, x) -> list:
    """Items grouped into lines (baselines within 1 mm), top to bottom, each left to right."""
    ordered = sorted(items, key=baseline)
    lines: list[list] = []
    for item in ordered:
        if lines and baseline(item) - baseline(lines[-1][-1]) < 1:
            lines[-1].append(item)
        else:
            lines.append([item])
    return [item for line in lines for item in sorted(line, key=x)]


PAIRS = [("xinwu-2023.ofd", "xinwu-2023.pdf"), ("xinwu-2023-brief.ofd", "xinwu-2023-brief.pdf"),
         ("example-full.ofd", "example-full.pdf"), ("example-full-brief.ofd", "example-full-brief.pdf")]


@pytest.mark.parametrize(("ofd", "pdf"), PAIRS)
def test_each_page_has_the_pdf_pages_text_in_its_order(built, ofd, pdf):
    pages, _ = read_ofd(built[ofd])
    pdf_pages = _pdf_chars(built[pdf])
    assert len(pages) == len(pdf_pages)
    for page, chars in zip(pages, pdf_pages):
        assert "".join(g.char for g in page.glyphs) == "".join(c["text"] for c in chars)


@pytest.mark.parametrize(("ofd", "pdf"), PAIRS)
def test_the_glyphs_of_the_first_and_last_pages_sit_where_the_pdf_puts_them(built, ofd, pdf):
    pages, _ = read_ofd(built[ofd])
    pdf_pages = _pdf_chars(built[pdf])
    for index in {0, len(pages) - 1}:
        ours = _by_lines(pages[index].glyphs, lambda g: g.baseline, lambda g: g.x)
        theirs = _by_lines(pdf_pages[index], lambda c: c["baseline_mm"], lambda c: c["x0"])
        assert [g.char for g in ours] == [c["text"] for c in theirs]
        for glyph, char in zip(ours, theirs):
            assert abs(glyph.x - pt_to_mm(char["x0"])) < TOLERANCE_MM, (glyph, char["x0"])
            assert abs(glyph.baseline - char["baseline_mm"]) < TOLERANCE_MM, (glyph, char["baseline_mm"])


@pytest.mark.parametrize(("ofd", "pdf"), PAIRS)
def test_red_text_is_the_pdfs_red_text(built, ofd, pdf):
    """The 版头's and the 简报's masthead red: the same characters red in both."""
    pages, _ = read_ofd(built[ofd])
    for page, chars in zip(pages, _pdf_chars(built[pdf])):
        red = [c["text"] for c in chars if tuple(c["non_stroking_color"] or ()) == (1, 0, 0)]
        assert [g.char for g in page.glyphs if g.fill == RED] == red


def test_the_red_parts_are_there(built):
    brief, _ = read_ofd(built["xinwu-2023-brief.ofd"])
    assert [g for g in brief[0].glyphs if g.fill == RED]               # the masthead
    full, _ = read_ofd(built["example-full.ofd"])
    assert [g for g in full[0].glyphs if g.fill == RED]                # the 版头's issuer mark


@pytest.mark.parametrize("name", OFDS)
def test_every_page_has_its_number(built, name):
    pages, _ = read_ofd(built[name])
    if name.endswith("-brief.ofd"):         # the briefing profile numbers no pages
        assert not load_profile("briefing").page_number.enabled
        return
    for number, page in enumerate(pages, start=1):
        text = "".join(g.char for g in page.glyphs)
        assert text.endswith(f"—{number}—"), text[-12:]


def test_the_briefs_red_rule_runs_across_the_text_block(built):
    profile = load_profile("briefing")
    left = profile.page.margin_left_mm
    right = profile.page.width_mm - profile.page.margin_right_mm
    assert (left, right) == (28, 184)
    pages, _ = read_ofd(built["xinwu-2023-brief.ofd"])
    red = [data for colour, _, data in pages[0].paths if colour == RED]
    assert red
    for data in red:
        x0, y0, x1, y1 = (float(n) for n in re.fullmatch(r"M (\S+) (\S+) L (\S+) (\S+)", data).groups())
        assert (x0, x1) == (left, right) and y0 == y1


def test_table_rules_are_drawn(built):
    pages, _ = read_ofd(built["example-full.ofd"])
    black = [data for page in pages for colour, _, data in page.paths if colour == "0 0 0"]
    assert sum(data.count("M ") for data in black) > 10


def test_the_seal_is_where_the_pdf_puts_it(built):
    pages, _ = read_ofd(built["example-full.ofd"])
    with pdfplumber.open(built["example-full.pdf"]) as pdf:
        pdf_images = [(n, image) for n, page in enumerate(pdf.pages) for image in page.images]
    ofd_images = [(n, box) for n, page in enumerate(pages) for box in page.images]
    assert len(ofd_images) == len(pdf_images) == 1
    (page, box), (pdf_page, image) = ofd_images[0], pdf_images[0]
    assert page == pdf_page
    expected = [pt_to_mm(v) for v in (image["x0"], image["top"], image["width"], image["height"])]
    assert all(abs(a - b) < TOLERANCE_MM for a, b in zip(box, expected)), (box, expected)


@pytest.mark.parametrize("name", OFDS)
def test_the_embedded_fonts_are_truetype_and_hold_every_glyph_drawn(built, name):
    pages, fonts = read_ofd(built[name])
    for font in fonts.values():
        assert "glyf" in font and "CFF " not in font
    for page in pages:
        for glyph in page.glyphs:
            assert ord(glyph.char) in fonts[glyph.font].getBestCmap(), glyph


def _saved_by_fonttools(face, chars: str) -> bytes:
    """The subset as subset.py made it before issue 16: makeSubset's font read by fontTools,
    its cmap replaced by a Unicode one of the glyphs' names, saved by TTFont.save."""
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._c_m_a_p import cmap_format_4, cmap_format_12

    codes = sorted({ord(c) for c in chars if not c.isspace()})
    new_gids: dict[int, int] = {0: 0}
    for code in codes:
        new_gids.setdefault(face.charToGlyph.get(code, 0), len(new_gids))
    font = TTFont(io.BytesIO(face.makeSubset(codes)), lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    names = font.getGlyphOrder()
    mapping = {code: names[new_gids[face.charToGlyph.get(code, 0)]] for code in codes}
    subtables = []
    for table, platform_encoding, limit in ((cmap_format_4(4), 1, 0xFFFF), (cmap_format_12(12), 10, None)):
        if limit is None and all(code <= 0xFFFF for code in codes):
            continue
        table.platformID, table.platEncID, table.language = 3, platform_encoding, 0
        table.cmap = {code: name for code, name in mapping.items() if limit is None or code <= limit}
        subtables.append(table)
    cmap = newTable("cmap")
    cmap.tableVersion, cmap.tables = 0, subtables
    font["cmap"] = cmap
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@pytest.mark.parametrize("name", ("xinwu-2023.ofd", "xinwu-2023-brief.ofd"))
def test_the_embedded_fonts_are_assembled_as_fonttools_writes_them(built, profile, name):
    """subset.py puts the tables together itself: the table order, padding, checksums and
    head.checkSumAdjustment are those fontTools writes, byte for byte, for each font and
    the characters the OFD draws in it."""
    from docgen.ofd.subset import subset_font

    pages, _ = read_ofd(built[name])
    pdf_fonts = PdfFonts(profile if "brief" not in name else load_profile(BRIEF_PROFILE))
    chars = "".join(sorted({glyph.char for page in pages for glyph in page.glyphs}))
    checked = 0
    for key in pdf_fonts.choices:
        face = pdf_fonts.face(key)
        drawn = "".join(c for c in chars if ord(c) in face.charToGlyph)
        assert subset_font(face, drawn) == _saved_by_fonttools(face, drawn)
        checked += 1
    assert checked


def test_a_subset_with_a_character_outside_the_bmp_has_a_format_12_cmap_as_fonttools_writes_it(profile):
    from docgen.ofd.subset import subset_font

    face = PdfFonts(profile).face("fangsong")
    chars = "中文，2023年\U00020000"          # CJK Extension B: a GB 18030 character
    font = TTFont(io.BytesIO(subset_font(face, chars)))
    assert sorted(table.format for table in font["cmap"].tables) == [4, 12]
    assert set(font.getBestCmap()) >= {ord(c) for c in chars[:-1]}    # the font lacks the last one
    assert subset_font(face, chars) == _saved_by_fonttools(face, chars)


# --- reproducible, and through the CLI -------------------------------------------------

def test_build_and_brief_format_ofd_write_the_same_bytes_as_format_all(built, tmp_path):
    _build(BUNDLED_EXAMPLE, tmp_path, "build", "--format", "ofd")
    _build(BUNDLED_EXAMPLE, tmp_path, "brief", "--format", "ofd")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["xinwu-2023-brief.ofd", "xinwu-2023.ofd"]
    for name in ("xinwu-2023.ofd", "xinwu-2023-brief.ofd"):
        assert (tmp_path / name).read_bytes() == built[name].read_bytes()


def _outline(font: TTFont, char: str) -> list | None:
    """The glyph's outline, composite glyphs drawn out; None where the font lacks the character."""
    name = font.getBestCmap().get(ord(char))
    if name is None:
        return None
    glyphs = font.getGlyphSet()
    pen = DecomposingRecordingPen(glyphs)
    glyphs[name].draw(pen)
    return pen.value


def test_the_embedded_glyphs_are_the_outlines_the_pdf_draws(built, profile):
    """Each embedded font is a cut of one of the PDF's fonts: every glyph it maps is that
    font's glyph for the character, outline for outline."""
    fonts = PdfFonts(profile)
    originals = []
    for role in profile.fonts:
        face = fonts.face(role)
        index = int(getattr(face, "subfontNameX", b"")[1:] or 0)      # "-N" for a face of a collection
        originals.append(TTFont(face.filename, fontNumber=index, lazy=True))
    _, embedded = read_ofd(built["xinwu-2023.ofd"])
    for font in embedded.values():
        chars = [chr(code) for code in font.getBestCmap()]
        assert any(all(_outline(original, c) == _outline(font, c) for c in chars) for original in originals), chars


def test_content_text_is_escaped_in_every_part(tmp_path):
    """Markup in content (<, &, quotes, a closing tag) stays text: every XML part parses and the
    page shows the characters."""
    import shutil

    folder = tmp_path / "markup-2023"
    shutil.copytree(FULL_EXAMPLE, folder)
    path = folder / "report.yaml"
    hostile = "示例<x>&amp;\"q\"'</ofd:TextCode>"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("全年受理行政复议案件", hostile + "全年受理行政复议案件", 1), encoding="utf-8")
    _build(folder, tmp_path / "out", "build", "--format", "ofd")
    with zipfile.ZipFile(tmp_path / "out" / "markup-2023.ofd") as package:
        parts = {name: package.read(name) for name in package.namelist() if name.endswith(".xml")}
    for data in parts.values():
        ElementTree.fromstring(data)
    shown = "".join(code.text or "" for name, data in parts.items() if name.endswith("Content.xml")
                    for code in ElementTree.fromstring(data).iter("{http://www.ofdspec.org/2016}TextCode"))
    assert hostile in shown
