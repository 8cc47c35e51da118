"""The DOCX rendered by a real renderer (LibreOffice headless) and measured.

The PDF's glyph positions prove the grid: 22 lines a page, 28 characters a
line, everything inside the 156 × 225 mm text block, page numbers in place,
and the official font names resolved to the open substitutes.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

import grid_checks as grid
from conftest import require

pages, body = grid.page_fixtures("rendered_pdf")


class TestGrid(grid.GridTests):
    """The DOCX as LibreOffice sets it, on the GB/T 9704 grid."""


def test_fonts_are_the_mapped_substitutes(pages):
    fonts_by_size = {}
    for page in pages:
        for line in grid.body_lines(page):
            for glyph in line.glyphs:
                fonts_by_size.setdefault(glyph.size, set()).add(glyph.font.split("+", 1)[-1])
    # LibreOffice names the Noto CJK face by its shared CFF name; fontconfig picks the SC face (below).
    assert {f.split("-")[0] for f in fonts_by_size[22.0]} == {"NotoSerifCJKjp"}
    assert {f.split("-")[0] for f in fonts_by_size[16.0]} == {"FandolFang", "WenQuanYiMicroHei", "UKaiCN"}
    every = set().union(*fonts_by_size.values())
    assert not any(bad in f for f in every for bad in ("ZenHei", "DejaVu", "Droid", "Liberation"))


# fontconfig weights: 50 light, 80 regular, 200 bold (小标宋 is a bold face; AR PL UMing's
# only face is light).
@pytest.mark.parametrize("name, family, weight", [
    ("仿宋_GB2312", "FandolFang", 80), ("黑体", "WenQuanYi Micro Hei", 80), ("楷体_GB2312", "AR PL UKai CN", 80),
    ("方正小标宋简体", "Noto Serif CJK SC", 200), ("宋体", "AR PL UMing CN", 50), ("FangSong", "FandolFang", 80),
])
def test_fontconfig_maps_each_official_name_to_its_substitute(fontconfig_file, name, family, weight):
    require(shutil.which("fc-match") is not None, "fontconfig is not installed")
    result = subprocess.run(["fc-match", "-f", "%{family}|%{weight}", name], capture_output=True, text=True,
                            env={"FONTCONFIG_FILE": str(fontconfig_file), "PATH": "/usr/bin:/bin"})
    families, found = result.stdout.split("|")
    assert family in families.split(",") and int(found) == weight
