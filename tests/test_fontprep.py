"""Font preparation (fonts/prep.py, fonts/cache.py) on small pieces of the installed fonts:
CFF → TrueType keeps every glyph's outline, the GB 2312 cut keeps exactly GB 2312 and ASCII,
and a prepared font — hence the PDF — does not depend on when it was prepared."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTCollection, TTFont

from conftest import FIXTURES
from docgen.fonts import cache, prep
from docgen.fonts.choose import FontChoice

NOT_GB2312 = "們"          # traditional; its simplified form 们 is in GB 2312


def _font(data: bytes) -> TTFont:
    return TTFont(io.BytesIO(data))


def _bounds(font: TTFont, name: str):
    """The outline's bounds as written in the font (for 'glyf', without fontTools' shift by the
    hmtx left side bearing, which PDF viewers do not apply either)."""
    pen = BoundsPen(font.getGlyphSet())
    if "glyf" in font:
        font["glyf"][name].draw(pen, font["glyf"])
    else:
        font.getGlyphSet()[name].draw(pen)
    return pen.bounds


def test_face_count_and_outline_kind_are_read_from_the_header(small_cff_font, small_truetype_font,
                                                              substitute_files, tmp_path):
    uming = substitute_files["songti"]                          # a .ttc of TrueType faces
    noto = substitute_files["xiaobiaosong"]                     # a .ttc of CFF faces
    assert prep.face_count(uming) == len(TTCollection(uming).fonts) > 1
    assert prep.face_count(small_cff_font) == prep.face_count(small_truetype_font) == 1
    (tmp_path / "notes.txt").write_text("not a font", encoding="utf-8")
    assert prep.face_count(tmp_path / "notes.txt") is None
    assert prep.has_cff_outlines(small_cff_font, 0) and not prep.has_cff_outlines(small_truetype_font, 0)
    assert prep.has_cff_outlines(noto, 2) and not prep.has_cff_outlines(uming, 0)
    assert prep.glyph_count(small_truetype_font, 0) == len(TTFont(small_truetype_font).getGlyphOrder())


def test_gb2312_and_ascii_holds_the_whole_code_table_in_both_readings():
    chars = prep.gb2312_and_ascii()
    hanzi = [c for c in chars if "\u4e00" <= c <= "\u9fff"]
    assert len(hanzi) == 6763                                   # GB 2312: 3,755 + 3,008 hanzi
    assert {chr(c) for c in range(0x20, 0x7F)} <= chars
    assert {"\u2014", "\u2015", "\u00b7", "\u30fb"} <= chars    # A1AA and A1A4 as GBK and as gb2312 read them
    assert "们" in chars and NOT_GB2312 not in chars and "镕" not in chars and "喆" not in chars


def test_cff_to_truetype_keeps_every_glyph_its_outline_and_the_source_time(small_cff_font):
    source = TTFont(small_cff_font)
    steps: list[tuple[int, int]] = []
    converted = _font(prep.convert_to_truetype(small_cff_font, 0, lambda done, total: steps.append((done, total))))
    assert "glyf" in converted and "CFF " not in converted and converted.sfntVersion == "\x00\x01\x00\x00"
    assert converted["maxp"].tableVersion == 0x00010000 and converted["post"].formatType == 2.0
    assert converted.getGlyphOrder() == source.getGlyphOrder()
    assert converted.getBestCmap() == source.getBestCmap() and NOT_GB2312 in "".join(
        map(chr, converted.getBestCmap()))                      # small: nothing is cut
    order = source.getGlyphOrder()
    assert steps[-1] == (len(order), len(order))
    drawn = 0
    for name in order:
        before, after = _bounds(source, name), _bounds(converted, name)
        if before is None:
            assert after is None
            continue
        drawn += 1
        # cu2qu's curves stay within MAX_CURVE_ERROR font units of the cubic ones
        assert all(abs(a - b) <= prep.MAX_CURVE_ERROR + 0.5 for a, b in zip(before, after)), name
    assert drawn > 150
    assert converted["hmtx"].metrics == source["hmtx"].metrics
    assert converted["head"].modified == source["head"].modified       # not the time of converting


def test_a_large_cff_font_is_cut_to_gb2312_before_it_is_converted(small_cff_font, monkeypatch):
    monkeypatch.setattr(prep, "LARGE_FONT_GLYPHS", 10)
    cmap = _font(prep.convert_to_truetype(small_cff_font, 0, lambda done, total: None)).getBestCmap()
    kept = {chr(code) for code in cmap}
    assert NOT_GB2312 not in kept and {"们", "法", "A", "。"} <= kept
    assert kept == {chr(code) for code in TTFont(small_cff_font).getBestCmap()} & prep.gb2312_and_ascii()


def test_a_truetype_cut_keeps_gb2312_and_ascii_with_their_outlines(small_truetype_font):
    source = TTFont(small_truetype_font)
    cut = _font(prep.cut_truetype(small_truetype_font, 0))
    assert {chr(c) for c in cut.getBestCmap()} == {"们", "法", "治", "A", "1", "。"}
    for char in "们法A":
        before = DecomposingRecordingPen(source.getGlyphSet())
        after = DecomposingRecordingPen(cut.getGlyphSet())
        source.getGlyphSet()[source.getBestCmap()[ord(char)]].draw(before)
        cut.getGlyphSet()[cut.getBestCmap()[ord(char)]].draw(after)
        assert after.value == before.value and before.value, char
    assert cut["head"].modified == source["head"].modified


def _choice(path: Path) -> FontChoice:
    return FontChoice("fangsong", path.stem, path, 0, "configured")


def test_the_cache_holds_each_kind_of_prepared_font(small_cff_font, small_truetype_font, tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path / "cache"))
    steps: list[tuple[int, int]] = []
    converted = cache.prepare(_choice(small_cff_font), lambda done, total: steps.append((done, total)))
    assert converted.file.parent == tmp_path / "cache" / "fonts" and converted.file.name.endswith(".ttf")
    assert TTFont(converted.file).sfntVersion == "\x00\x01\x00\x00" and converted.full is None
    assert steps[-1] == (1, 1)
    as_is = cache.prepare(_choice(small_truetype_font), lambda done, total: None)
    assert (as_is.file, as_is.index, as_is.full) == (small_truetype_font, 0, None)
    monkeypatch.setattr(prep, "LARGE_FONT_GLYPHS_TRUETYPE", 3)
    monkeypatch.setattr(cache, "_CONVERTER_VERSION", "test-cut")    # another key: prepare it again, cut
    cut = cache.prepare(_choice(small_truetype_font), lambda done, total: None)
    assert cut.file.name.endswith(".cut.ttf") and cut.full == (small_truetype_font, 0)
    assert cache.prepared(_choice(small_truetype_font)) == cut
    names = [p.name for p in (tmp_path / "cache" / "fonts").iterdir()]
    kinds = sorted(".cut.ttf" if name.endswith(".cut.ttf") else "." + name.rpartition(".")[2] for name in names)
    assert kinds == [".asis", ".cut.ttf", ".ttf"]                # and no temp file left behind


def test_the_font_cache_folder_must_be_writable(small_cff_font, monkeypatch):
    from docgen.fonts.choose import FontError
    monkeypatch.setenv("DOCGEN_CACHE_DIR", "/dev/null/cache")
    with pytest.raises(FontError, match=r"cannot create the font cache folder /dev/null/cache/fonts: Not a directory"):
        cache.prepare_all({"fangsong": _choice(small_cff_font)})


def test_a_pdf_does_not_depend_on_when_the_fonts_were_prepared(small_cff_font, tmp_path):
    """Each build runs in a process of its own, as a clerk's does (reportlab keeps loaded fonts
    for the life of a process). The second preparation happens at least a second later:
    fontTools would stamp that time into head.modified, and reportlab into each subset."""
    roles = ("xiaobiaosong", "fangsong", "heiti", "kaiti", "songti")
    config = tmp_path / "config.yaml"
    config.write_text("fonts:\n" + "".join(f"  {role}: {small_cff_font}\n" for role in roles), encoding="utf-8")
    pdfs = []
    for run in ("first", "later"):
        if run == "later":
            time.sleep(1.05 - time.time() % 1)
        env = {**os.environ, "DOCGEN_CONFIG": str(config), "DOCGEN_CACHE_DIR": str(tmp_path / f"cache-{run}")}
        out = tmp_path / run
        result = subprocess.run([sys.executable, "-m", "docgen.cli", "build", str(FIXTURES / "all-elements"),
                                 "--format", "pdf", "--out", str(out)], env=env, capture_output=True, text=True,
                                check=False)
        assert result.returncode == 0, result.stderr
        pdfs.append((out / "all-elements.pdf").read_bytes())
    assert b"FontFile2" in pdfs[0]
    assert hashlib.sha256(pdfs[0]).hexdigest() == hashlib.sha256(pdfs[1]).hexdigest()
    for run in ("first", "later"):
        [prepared] = (tmp_path / f"cache-{run}" / "fonts").glob("*.ttf")
        assert TTFont(prepared)["head"].modified == TTFont(small_cff_font)["head"].modified
