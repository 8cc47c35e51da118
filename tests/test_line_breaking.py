"""One break-point rule for both formats, measured on the bundled report: the DOCX as
shipped, rendered by LibreOffice 7.4 (no copy mended for it), against docgen's PDF.

The rule is the profile's line_breaking (templates/gbt9704/profile.yaml): one mark of
hanging_marks may hang past the block, a hanzi and a digit or letter are parted by
script_space_em. The DOCX writes no w:overflowPunct, w:kinsoku or w:autoSpaceDE/DN, so
both office suites use their defaults, which are that rule (README, "Notes on rendering").
"""

from __future__ import annotations

import pytest

import grid_checks as grid
from conftest import require
from docgen.build import build
from docgen.paths import BUNDLED_EXAMPLE
from libreoffice import docx_files_to_pdf, soffice
from pdf_lines import Line, read_pages


@pytest.fixture(scope="module")
def both(tmp_path_factory, profile, fontconfig_file) -> dict[str, list[Line]]:
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    out = tmp_path_factory.mktemp("breaking")
    docx, pdf = sorted(build(BUNDLED_EXAMPLE, profile, ("docx", "pdf"), out).paths, key=lambda p: p.suffix)
    [rendered] = docx_files_to_pdf([docx], out / "libreoffice", fontconfig_file)
    return {name: [line for page in read_pages(path) for line in grid.body_lines(page)]
            for name, path in (("docgen", pdf), ("libreoffice", rendered))}


def _break_points(lines: list[Line]) -> list[int]:
    """Where each line ends, counted in characters from the start of the document."""
    ends, position = [], 0
    for line in lines:
        position += len(line.text)
        ends.append(position)
    return ends


def test_libreoffice_draws_every_character_of_the_report(both):
    """LibreOffice 7.4 draws no hanging mark after a full line at −5 twips of narrowing (6 of
    the report's marks were lost): the profile narrows by one more twip."""
    assert "".join(line.text for line in both["libreoffice"]) == "".join(line.text for line in both["docgen"])
    assert len("".join(line.text for line in both["docgen"])) == 6137


@pytest.mark.parametrize("name", ["docgen", "libreoffice"])
def test_nothing_but_one_hanging_mark_a_line_leaves_the_block(both, name, profile):
    marks = set(profile.line_breaking.hanging_marks)
    outside = [(line.text, glyph.text) for line in both[name] for glyph in line.glyphs
               if glyph.x1 > grid.RIGHT + grid.EDGE_TOLERANCE or glyph.x0 < grid.LEFT - grid.EDGE_TOLERANCE]
    assert len(outside) == 17
    for text, mark in outside:
        assert mark in marks and text.endswith(mark), text       # the line's last glyph, one of the marks


def test_libreoffice_breaks_every_line_where_the_pdf_does(both):
    ours, theirs = _break_points(both["docgen"]), _break_points(both["libreoffice"])
    assert len(ours) == 234
    assert ours == theirs                                           # 234 of 234 (100 %)
