"""The sealed signature (GB/T 9704 7.3.5.1) and joint issuers (7.3.5), end to end through the CLI.

Small reports (test_content_errors.VALID with the case's signature and seals) — one
issuer with a PNG seal, one with an SVG seal after a 附件说明, two, four and five joint
issuers sealed, three unsealed — are built as DOCX and PDF with `docgen build`, and
measured on docgen's PDF and on LibreOffice's render of the DOCX: each seal image's
centre within 1 mm of where the profile's elements.seal puts it and its size within
1 mm, the date 4 字 from the right, the name centred over it, joint names side by side
in issuing order under their seals (at most 3 a row), unsealed joint names stacked, no
seal beyond the text block nor touching another. The DOCX's anchors are read from its
XML. Bad seals are refused by `docgen validate`, located.
"""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openxml_audit
import pdfplumber
import pytest
from click.testing import Result

from conftest import FIXTURES, require
from docgen.document import seal_image
from docgen.format.profile import ProfileError, load_profile
from docgen.format.units import mm_to_pt, pt_to_mm
from docx_xml import NS, body_paragraphs, part
from grid_checks import LEFT, MM, RIGHT
from libreoffice import docx_files_to_pdf, soffice
from pdf_lines import Glyph, Line, read_pages
from test_content_errors import docgen, edit

SEALS = FIXTURES / "seal"
DATE = "2024年3月29日"
TOLERANCE = 1 * MM                  # issue 10: within 1 mm
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EMU_PER_MM = 36000

@dataclass(frozen=True)
class Case:
    names: tuple[str, ...]
    seals: tuple[str, ...]          # file names in the content folder (copies of the example seal)
    attachments: str = ""
    rows: tuple[tuple[int, ...], ...] = ()      # joint: the columns each row's names take …
    columns: int = 0                            # … of this many across the text block


CASES = {
    "png": Case(("无锡市新吴区人民政府",), ("seal.png",)),
    "svg": Case(("无锡市新吴区人民政府",), ("seal.svg",), attachments="attachments: [新吴区法治政府建设工作清单]\n"),
    # 10-字 names do not fit a third of the block with the gap: 2 a row, so 2 + 2.
    "joint2": Case(("无锡市新吴区人民政府", "新吴区司法局"), ("a.png", "b.svg"), rows=((0, 1),), columns=2),
    "joint4": Case(("无锡市新吴区人民政府", "新吴区司法局", "新吴区财政局", "新吴区市场监督管理局"),
                   ("a.png", "b.svg", "c.png", "d.svg"), rows=((0, 1), (0, 1)), columns=2),
    # Shorter names: 3 a row, the shorter last row at the right.
    "joint5": Case(("新吴区人民政府", "新吴区司法局", "新吴区财政局", "新吴区市场监管局", "新吴区生态环境局"),
                   ("a.png", "b.svg", "c.png", "d.svg", "e.png"), rows=((0, 1, 2), (1, 2)), columns=3),
    "unsealed": Case(("无锡市新吴区人民政府", "新吴区司法局", "新吴区财政局"), ()),
}
SEALED = [name for name, case in CASES.items() if case.seals]


def _yaml_list(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else "[" + ", ".join(items) + "]"


def write_case(root: Path, name: str, case: Case) -> Path:
    folder = root / name
    folder.mkdir()
    seal = f"seal: {_yaml_list(case.seals)}\n" if case.seals else ""
    report = edit("signature: 无锡市新吴区人民政府\n", f"signature: {_yaml_list(case.names)}\n{seal}{case.attachments}")
    (folder / "report.yaml").write_text(report, encoding="utf-8")
    for file in case.seals:
        shutil.copyfile(SEALS / f"example-seal{Path(file).suffix}", folder / file)
    return folder


def built(result: Result) -> None:
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, substitute_fonts) -> Path:
    """Every case built as DOCX and PDF through the CLI."""
    root = tmp_path_factory.mktemp("seal")
    out = root / "out"
    for name, case in CASES.items():
        built(docgen("build", str(write_case(root, name, case)), "--format", "all", "--out", str(out)))
    return out


@pytest.fixture(scope="module")
def rendered(outputs, tmp_path_factory, fontconfig_file) -> Path:
    """LibreOffice's PDF of every case's DOCX, in one run."""
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    out = tmp_path_factory.mktemp("seal-rendered")
    docx_files_to_pdf([outputs / f"{name}.docx" for name in CASES], out, fontconfig_file)
    return out


@pytest.fixture(params=["pdf", "docx"], ids=["docgen-pdf", "libreoffice-docx"])
def pdf_of(request, outputs):
    """The PDF of a case: docgen's own, or LibreOffice's render of the DOCX."""
    if request.param == "pdf":
        return lambda name: outputs / f"{name}.pdf"
    rendered = request.getfixturevalue("rendered")
    return lambda name: rendered / f"{name}.pdf"


# -- what the first page shows ---------------------------------------------------------------

@dataclass(frozen=True)
class Box:
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Shown:
    lines: list[Line]
    images: list[Box]

    def line(self, text: str) -> Line:
        [line] = [line for line in self.lines if line.text == text]
        return line

    def names(self, line: Line) -> list[list[Glyph]]:
        """The names side by side on a line: runs of glyphs parted by more than half a 字."""
        runs = [[line.glyphs[0]]]
        for glyph in line.glyphs[1:]:
            if glyph.x0 - runs[-1][-1].x1 > 8:
                runs.append([])
            runs[-1].append(glyph)
        return runs

    def above(self, line: Line) -> Line:
        """The line of text before this one."""
        return self.lines[self.lines.index(line) - 1]


def shown(pdf: Path) -> Shown:
    [page] = read_pages(pdf)[:1]
    with pdfplumber.open(pdf) as document:
        images = [Box(i["x0"], i["x1"], i["top"], i["bottom"]) for i in document.pages[0].images]
    return Shown(page.lines, images)


def middle(glyphs: list[Glyph]) -> tuple[float, float]:
    return (glyphs[0].x0 + glyphs[-1].x1) / 2, (min(g.top for g in glyphs) + max(g.bottom for g in glyphs)) / 2


def text(glyphs: list[Glyph]) -> str:
    return "".join(g.text for g in glyphs)


def check_seal_over(image: Box, name: list[Glyph], centre_x: float, profile) -> None:
    """The image as large as the profile's seal, its centre at centre_x and centre_above_name_mm
    above the middle of the name, within the text block."""
    seal = profile.seal
    assert image.x1 - image.x0 == pytest.approx(mm_to_pt(seal.diameter_mm), abs=TOLERANCE)
    assert image.bottom - image.top == pytest.approx(mm_to_pt(seal.diameter_mm), abs=TOLERANCE)
    x, y = image.centre
    assert x == pytest.approx(centre_x, abs=TOLERANCE)
    assert y == pytest.approx(middle(name)[1] - mm_to_pt(seal.centre_above_name_mm), abs=TOLERANCE)
    assert LEFT - TOLERANCE <= image.x0 and image.x1 <= RIGHT + TOLERANCE


def check_date(page: Shown, profile) -> Line:
    """The date 4 字 from the right edge of the text block (its last glyph's right edge)."""
    date = page.line(DATE)
    indent = profile.seal.date_right_indent_chars * profile.body.size_pt
    assert date.x1 == pytest.approx(RIGHT - indent, abs=TOLERANCE)
    return date


def check_top_within_a_line(page: Shown, images: list[Box], first: Line, profile) -> None:
    """GB/T 9704 7.3.5.1: the seals' top within one line below the text above, not on it."""
    above = page.above(first)
    for image in images:
        assert 0 <= image.top - above.bottom <= profile.line_pitch_pt, (image.top - above.bottom) / MM


# -- one issuer --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["png", "svg"])
def test_one_seal_centred_on_the_date_the_name_centred_over_it(pdf_of, name, profile):
    page = shown(pdf_of(name))
    date = check_date(page, profile)
    issuer = page.line(CASES[name].names[0])
    assert page.lines.index(issuer) + 1 == page.lines.index(date)
    date_centre = middle(date.glyphs)[0]
    assert middle(issuer.glyphs)[0] == pytest.approx(date_centre, abs=TOLERANCE)
    [image] = page.images
    check_seal_over(image, issuer.glyphs, date_centre, profile)
    # The seal presses the name and the date: both inside it, below its centre.
    assert image.top < issuer.top and date.bottom < image.bottom
    assert image.centre[1] < middle(issuer.glyphs)[1] < middle(date.glyphs)[1]
    check_top_within_a_line(page, page.images, issuer, profile)
    if CASES[name].attachments:
        assert page.above(issuer).text.startswith("附件：")


# -- joint issuers -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["joint2", "joint4", "joint5"])
def test_joint_issuers_side_by_side_each_under_its_seal(pdf_of, name, profile):
    case, page = CASES[name], shown(pdf_of(name))
    date = check_date(page, profile)
    rows = [line for line in page.lines if any(text(run) in case.names for run in page.names(line))]
    shown_rows = [[text(run) for run in page.names(line)] for line in rows]
    expected_rows, start = [], 0
    for columns in case.rows:
        expected_rows.append(list(case.names[start:start + len(columns)]))
        start += len(columns)
    assert shown_rows == expected_rows                  # issuing order, left to right, row by row
    assert all(len(row) <= profile.seal.seals_per_row for row in shown_rows)
    assert page.lines.index(rows[-1]) + 1 == page.lines.index(date)
    column_width = (RIGHT - LEFT) / case.columns
    images = sorted(page.images, key=lambda box: (round(box.top), box.x0))
    assert len(images) == len(case.names)
    for line, columns in zip(rows, case.rows):
        for run, column in zip(page.names(line), columns):
            image = images.pop(0)
            column_centre = LEFT + (column + 0.5) * column_width
            assert middle(run)[0] == pytest.approx(column_centre, abs=TOLERANCE)
            check_seal_over(image, run, column_centre, profile)
    check_top_within_a_line(page, page.images[:len(case.rows[0])], rows[0], profile)
    # 互不相交或相切: no two seals meet.
    for i, a in enumerate(page.images):
        for b in page.images[i + 1:]:
            (ax, ay), (bx, by) = a.centre, b.centre
            assert ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 > mm_to_pt(profile.seal.diameter_mm)


def test_joint_issuers_unsealed_stacked_each_as_one_signature(pdf_of, profile):
    """GB/T 9704 7.3.5.2: the lead issuer first, the others on the lines below, each 2 字 from
    the right; the date on the next line starting 2 字 right of the widest name's start."""
    case, page = CASES["unsealed"], shown(pdf_of("unsealed"))
    names = [page.line(name) for name in case.names]
    date = page.line(DATE)
    indices = [page.lines.index(line) for line in [*names, date]]
    assert indices == list(range(indices[0], indices[0] + len(indices)))
    char = profile.body.size_pt
    for line in names:
        assert line.x1 == pytest.approx(RIGHT - profile.signature.right_indent_chars * char, abs=TOLERANCE)
    widest = min(line.x0 for line in names)
    assert date.x0 == pytest.approx(widest + profile.signature.date_offset_chars * char, abs=TOLERANCE)
    assert page.images == []


# -- the DOCX's XML ----------------------------------------------------------------------------

def anchors(docx: Path) -> list:
    return part(docx, "word/document.xml").findall(".//wp:anchor", {"wp": WP})


def offset(anchor, axis: str) -> tuple[str, int]:
    position = anchor.find(f"wp:position{axis}", {"wp": WP})
    return position.get("relativeFrom"), int(position.find("wp:posOffset", {"wp": WP}).text)


def test_the_docx_anchors_the_seal_to_the_name_behind_the_text(outputs, profile):
    docx = outputs / "png.docx"
    [anchor] = anchors(docx)
    assert anchor.get("behindDoc") == "1" and anchor.find("wp:wrapNone", {"wp": WP}) is not None
    diameter = round(profile.seal.diameter_mm * EMU_PER_MM)
    extent = anchor.find("wp:extent", {"wp": WP})
    assert (int(extent.get("cx")), int(extent.get("cy"))) == pytest.approx((diameter, diameter), abs=1)
    # Its paragraph is the name's, centred on the date's middle: the seal's centre there too.
    [name] = [p for p in body_paragraphs(docx) if p.element.find(".//wp:anchor", {"wp": WP}) is not None]
    assert name.text == "无锡市新吴区人民政府" and name.ppr("jc", "val") == "center"
    width_twips = round(mm_to_pt(210 - 28 - 26) * 20)
    left, right = int(name.ppr("ind", "left") or 0), int(name.ppr("ind", "right") or 0)
    relative, x = offset(anchor, "H")
    assert relative == "margin"
    assert (x + diameter / 2) / 635 == pytest.approx((left + width_twips - right) / 2, abs=2)
    relative, y = offset(anchor, "V")
    assert relative == "paragraph"
    centre_pt = profile.line_pitch_pt / 2 - mm_to_pt(profile.seal.centre_above_name_mm)
    assert (y + diameter / 2) / 12700 == pytest.approx(centre_pt, abs=0.01)
    # The image part is the clerk's PNG, byte for byte.
    embed = anchor.find(".//a:blip", {"a": A}).get(f"{{{R}}}embed")
    rels = part(docx, "word/_rels/document.xml.rels")
    [target] = [rel.get("Target") for rel in rels if rel.get("Id") == embed]
    with zipfile.ZipFile(docx) as archive:
        assert archive.read(f"word/{target}") == (SEALS / "example-seal.png").read_bytes()


def test_the_docx_draws_an_svg_seal_as_a_png_at_the_profiles_resolution(outputs, profile):
    with zipfile.ZipFile(outputs / "svg.docx") as archive:
        [media] = [name for name in archive.namelist() if name.startswith("word/media/")]
        png = archive.read(media)
    assert media.endswith(".png") and png.startswith(b"\x89PNG\r\n\x1a\n")
    pixels = round(profile.seal.diameter_mm / 25.4 * profile.seal.raster_dpi)
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (pixels, pixels)


def test_the_docx_rows_of_joint_issuers_centre_each_name_on_a_tab_stop(outputs, profile):
    docx = outputs / "joint5.docx"
    rows = [p for p in body_paragraphs(docx) if "\t" in p.text]
    assert [p.text for p in rows] == ["\t新吴区人民政府\t新吴区司法局\t新吴区财政局",
                                      "\t新吴区市场监管局\t新吴区生态环境局"]
    width_twips = mm_to_pt(210 - 28 - 26) * 20
    for row, columns in zip(rows, CASES["joint5"].rows):
        # A centred stop for each name of the row (a stop of the first row's style cleared in the second).
        stops = row.ppr("tabs").findall("w:tab", NS)
        centres = [int(stop.get(f"{{{NS['w']}}}pos")) for stop in stops
                   if stop.get(f"{{{NS['w']}}}val") == "center"]
        assert centres == pytest.approx([(c + 0.5) * width_twips / 3 for c in columns], abs=2)
        row_anchors = row.element.findall(".//wp:anchor", {"wp": WP})
        assert len(row_anchors) == len(columns)
        diameter = round(profile.seal.diameter_mm * EMU_PER_MM)
        for anchor, centre in zip(row_anchors, centres):
            assert (offset(anchor, "H")[1] + diameter / 2) / 635 == pytest.approx(centre, abs=2)
    ids = [a.find("wp:docPr", {"wp": WP}).get("id") for a in anchors(docx)]
    assert len(set(ids)) == len(ids) == 5


@pytest.mark.parametrize("name", ["png", "svg", "joint5"])
def test_the_sealed_docx_is_a_valid_package(outputs, name):
    result = openxml_audit.OpenXmlValidator(strict=True).validate(outputs / f"{name}.docx")
    assert (result.error_count, result.warning_count) == (0, 0), [e.description for e in result.errors]


def test_sealed_builds_are_reproducible(outputs, tmp_path):
    again = tmp_path / "again"
    for name in SEALED:
        built(docgen("build", str(write_case(tmp_path, name, CASES[name])), "--format", "all", "--out", str(again)))
        for suffix in ("docx", "pdf"):
            assert (again / f"{name}.{suffix}").read_bytes() == (outputs / f"{name}.{suffix}").read_bytes()


# -- bad seals ---------------------------------------------------------------------------------

def refused(tmp_path: Path, name: str, case: Case, command: str = "validate", damage=None) -> list[str]:
    folder = write_case(tmp_path, name, case)
    if damage:
        damage(folder)
    result = docgen(command, str(folder), *(("--format", "all", "--out", str(tmp_path / "out"))
                                            if command == "build" else ()))
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit), result.output
    assert result.exit_code != 0 and not (tmp_path / "out").exists()
    return result.stderr.splitlines()


def test_validate_refuses_a_text_file_named_seal_png(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lines = refused(Path("."), "text", CASES["png"],
                    damage=lambda folder: (folder / "seal.png").write_text("印章\n", encoding="utf-8"))
    assert lines == ["text/report.yaml:7:7: seal: seal.png: not a PNG image (its bytes do not start as a PNG's do)",
                     "1 error(s)."]


def test_validate_refuses_a_png_cut_short_after_its_header(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lines = refused(Path("."), "cut", CASES["png"], damage=lambda folder: (folder / "seal.png").write_bytes(
        (SEALS / "example-seal.png").read_bytes()[:2000]))
    assert lines == ["cut/report.yaml:7:7: seal: seal.png: a damaged PNG image (its 'IDAT' chunk does not check out)",
                     "1 error(s)."]


def test_validate_refuses_a_seal_count_other_than_the_issuers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lines = refused(Path("."), "count", Case(CASES["joint2"].names, ("a.png",)))
    assert lines == ["count/report.yaml:7:7: seal: 1 seal images for 2 issuers: one seal per issuer, in the order "
                     "of `signature`", "1 error(s)."]


def test_an_svg_that_repeats_itself_is_refused_before_it_is_drawn(tmp_path, monkeypatch):
    """A <use> of a group that holds a <use> of itself: cairosvg would follow it until Python's
    recursion limit (and ten levels of ten repeats take it 17 s): the loader refuses it."""
    monkeypatch.chdir(tmp_path)
    looping = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" '
               'height="10"><g id="a"><use xlink:href="#a"/></g></svg>')
    lines = refused(Path("."), "loop", CASES["svg"], "build",
                    damage=lambda folder: (folder / "seal.svg").write_text(looping, encoding="utf-8"))
    assert lines == ["loop/report.yaml:7:7: seal: seal.svg: an SVG image with a <use> of shapes that hold <use>s "
                     "themselves (nested repeats); draw the shapes out", "1 error(s); nothing was written."]


def test_an_svg_the_renderer_fails_on_is_a_located_error_and_nothing_is_written(tmp_path, monkeypatch):
    """Whatever cairosvg raises on an untrusted SVG becomes the clerk's located error."""
    import cairosvg.surface

    def fail(**_options):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cairosvg.surface.PNGSurface, "convert", fail)
    seal_image._drawn.cache_clear()
    lines = refused(Path("."), "fails", CASES["svg"], "build")
    assert lines == ["fails/report.yaml:7:7: seal: seal.svg: docgen cannot draw this SVG image (maximum recursion "
                     "depth exceeded); send the seal as a PNG", "1 error(s); nothing was written."]


# -- the profile's numbers -------------------------------------------------------------------

@pytest.mark.parametrize("override, key, message", [
    ("blank_lines_before: 1", "elements.seal.blank_lines_before",
     "the seal's top would be -9.2 mm below the text above it; GB/T 9704 7.3.5.1 puts it within one line "
     "(10.2 mm): change blank_lines_before or centre_above_name_mm"),
    ("diameter_mm: 20", "elements.seal.diameter_mm",
     "a seal 20 mm across does not reach the date's line, 12.2 mm below its centre (GB/T 9704 7.3.5.1: the "
     "seal presses the date)"),
    ("seals_per_row: 4", "elements.seal.seals_per_row",
     "4 seals 45 mm across, 2 mm apart, do not fit the text block (156 mm)"),
    ("raster_dpi: 10", "elements.seal.raster_dpi", "expected a whole number from 72 to 2,400, got 10"),
])
def test_the_profile_keeps_the_seal_where_the_standard_puts_it(tmp_path, override, key, message):
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "profile.yaml").write_text(f"extends: gbt9704\nname: house\nelements:\n  seal:\n    {override}\n",
                                         encoding="utf-8")
    with pytest.raises(ProfileError) as raised:
        load_profile(str(folder))
    assert any(problem.endswith(f"profile.yaml:5:{7 + len(override.split(':')[0])}: {key}: {message}")
               for problem in raised.value.problems), raised.value.problems


def test_the_bundled_profiles_seal_numbers(profile):
    seal = profile.seal
    top_mm = (seal.blank_lines_before + 0.5) * pt_to_mm(profile.line_pitch_pt) - seal.centre_above_name_mm \
        - seal.diameter_mm / 2
    assert 0 <= top_mm <= pt_to_mm(profile.line_pitch_pt)
    assert (seal.diameter_mm, seal.date_right_indent_chars, seal.seals_per_row) == (45, 4, 3)
