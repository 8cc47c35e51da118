"""reportlab's parsed faces saved in the font cache (pdf/face_cache.py): a face loaded from its
saved parse is the face reportlab parses, attribute for attribute, and cuts the same subsets;
a damaged, foreign or stale saved face is never used, but parsed again and saved anew."""

from __future__ import annotations

import mmap
import os
import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import TTFontFace

from docgen.format.profile import load_profile
from docgen.pdf import face_cache
from docgen.pdf.fonts import PdfFonts

SAMPLE = "依法治市，2023年法治政府建设（第一）。ABC abc 123"


@pytest.fixture(scope="module")
def prepared_fonts(substitute_fonts) -> list[tuple[Path, int]]:
    """The files the bundled report's PDF loads: the prepared (converted, cut) fonts, and the fallback."""
    fonts = PdfFonts(load_profile())
    return sorted({(prepared.file, prepared.index) for prepared in fonts._prepared.values()})


@pytest.fixture
def own_cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path))
    return tmp_path / "fonts"


def _same(a, b) -> bool:
    """Equal, of the same types all the way down, dicts in the same order, reportlab's names with their text."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b and getattr(a, "ustr", None) == getattr(b, "ustr", None)


# reportlab's subsetter only indexes these, glyph by glyph: a saved face serves them from its arrays.
INDEXED = ("hmetrics", "glyphPos")


def _differences(loaded: TTFontFace, parsed: TTFontFace) -> list[str]:
    names = set(vars(parsed)) - {"_pdfScale", "_pos", "_ttf_data", *INDEXED}
    differ = [name for name in sorted(names) if not _same(getattr(loaded, name), getattr(parsed, name))]
    for name in INDEXED:
        served, made = getattr(loaded, name), getattr(parsed, name)
        if len(served) != len(made) or not all(_same(served[i], made[i]) for i in range(-len(made), len(made))):
            differ.append(name)
    if loaded._ttf_data[:] != parsed._ttf_data:
        differ.append("_ttf_data")
    if [loaded._pdfScale(v) for v in (0, 1, 517, 2048)] != [parsed._pdfScale(v) for v in (0, 1, 517, 2048)]:
        differ.append("_pdfScale")
    return differ


def test_a_saved_face_is_the_face_reportlab_parses(prepared_fonts, own_cache):
    for path, index in prepared_fonts:
        parsed = TTFontFace(str(path), subfontIndex=index)
        first = face_cache.load_face(path, index)              # parsed, and its parse saved
        assert [f.name for f in own_cache.glob(f"{path.name}-*.face")], path
        loaded = face_cache.load_face(path, index)             # from the saved parse
        assert type(first) is TTFontFace and type(loaded) is not TTFontFace, path
        assert _differences(loaded, parsed) == [], path
        codes = sorted({ord(c) for c in SAMPLE if ord(c) in parsed.charToGlyph})
        assert loaded.makeSubset(codes) == parsed.makeSubset(codes), path


def test_the_pdf_and_ofd_are_the_same_from_saved_faces(tmp_path, substitute_fonts):
    """Two builds in fresh processes on the tests' font cache, the first parsing the fonts (and
    saving their parse), the second loading the saved faces: the same bytes."""
    import subprocess
    import sys
    cache = Path(os.environ["DOCGEN_CACHE_DIR"]) / "fonts"
    for saved in cache.glob("*.face"):
        saved.unlink()
    outputs = []
    for run in ("parsed", "saved"):
        out = tmp_path / run
        subprocess.run([sys.executable, "-m", "docgen.cli", "build", "--format", "all", "--out", str(out)],
                       check=True, capture_output=True)
        outputs.append({p.name: p.read_bytes() for p in out.glob("*") if p.suffix in (".pdf", ".ofd")})
        if run == "parsed":
            assert len(list(cache.glob("*.face"))) >= 5, "the first build saved no faces"
    assert len(outputs[0]) == 4 and outputs[0] == outputs[1]


@pytest.mark.parametrize("damage", ["flipped byte", "cut short", "empty", "random bytes", "another font's"])
def test_a_damaged_or_foreign_saved_face_is_parsed_again(prepared_fonts, own_cache, damage):
    (path, index), (other, other_index) = prepared_fonts[0], prepared_fonts[1]
    face_cache.load_face(path, index)
    face_cache.load_face(other, other_index)
    [saved] = own_cache.glob(f"{path.name}-*.face")
    [saved_other] = own_cache.glob(f"{other.name}-*.face")
    data = saved.read_bytes()
    spoiled = {
        "flipped byte": data[:len(data) // 2] + bytes([data[len(data) // 2] ^ 1]) + data[len(data) // 2 + 1:],
        "cut short": data[:-100],
        "empty": b"",
        "random bytes": os.urandom(len(data)),
        "another font's": saved_other.read_bytes(),
    }[damage]
    saved.write_bytes(spoiled)
    face = face_cache.load_face(path, index)
    assert type(face) is TTFontFace                 # parsed from the font file, not the spoiled parse
    assert _differences(face, TTFontFace(str(path), subfontIndex=index)) == []
    assert saved.read_bytes() == data               # and saved anew
    assert type(face_cache.load_face(path, index)) is not TTFontFace


def test_a_changed_font_file_is_parsed_again(tmp_path, own_cache):
    """The key holds the file's size and time: a font replaced under the same name is not
    drawn with the old one's metrics."""
    font = tmp_path / "font.ttf"
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    first, second = dejavu / "DejaVuSans.ttf", dejavu / "DejaVuSerif.ttf"
    if not (first.is_file() and second.is_file()):
        pytest.skip("DejaVu fonts are not installed")
    font.write_bytes(first.read_bytes())
    face_cache.load_face(font, 0)
    assert face_cache.load_face(font, 0).name == b"DejaVuSans"
    font.write_bytes(second.read_bytes())
    os.utime(font, ns=(1, 1))
    assert face_cache.load_face(font, 0).name == b"DejaVuSerif"
    assert face_cache.load_face(font, 0).name == b"DejaVuSerif"
    assert len(list(own_cache.glob("font.ttf-*.face"))) == 2


def test_an_unwritable_cache_only_costs_time(prepared_fonts, tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(blocked))
    path, index = prepared_fonts[0]
    assert _differences(face_cache.load_face(path, index), TTFontFace(str(path), subfontIndex=index)) == []


def _composite_glyph_codes(face: TTFontFace, most: int) -> list[int]:
    """Characters drawn by composite glyphs (a negative contour count), whose components
    makeSubset renumbers: the subsetter's one path that edits the glyph data it cuts."""
    start = face.table["glyf"]["offset"]
    codes = []
    for code, glyph in face.charToGlyph.items():
        if face.glyphPos[glyph + 1] > face.glyphPos[glyph]:
            if struct.unpack_from(">h", face._ttf_data, start + face.glyphPos[glyph])[0] < 0:
                codes.append(code)
                if len(codes) == most:
                    break
    return codes


def test_a_prepared_font_is_mapped_and_cuts_what_reportlab_cuts(prepared_fonts):
    """The fonts docgen prepared (written atomically into its cache, never in place) are mapped,
    not read whole; every subset, composite glyphs and all, is reportlab's own."""
    composites = 0
    for path, index in prepared_fonts:
        assert path.parent == Path(os.environ["DOCGEN_CACHE_DIR"]) / "fonts"
        face_cache.load_face(path, index)                       # saved, if it was not yet
        loaded, parsed = face_cache.load_face(path, index), TTFontFace(str(path), subfontIndex=index)
        assert isinstance(loaded._ttf_data, mmap.mmap) and type(parsed._ttf_data) is bytes
        assert _differences(loaded, parsed) == [], path
        composite = _composite_glyph_codes(parsed, 40)
        composites += len(composite)
        spread = sorted(parsed.charToGlyph)[::max(1, len(parsed.charToGlyph) // 300)]
        for codes in (composite, spread, sorted({ord(c) for c in SAMPLE} | set(composite))):
            assert loaded.makeSubset(codes) == parsed.makeSubset(codes), path
        with pytest.raises(IndexError):
            loaded.hmetrics[len(parsed.hmetrics)]
        with pytest.raises(IndexError):
            loaded.glyphPos[len(parsed.glyphPos)]
    assert composites > 0, "no font with composite glyphs: the renumbering path went untested"


def test_a_users_own_font_file_is_read_whole(tmp_path, own_cache):
    """A font file outside docgen's cache may be rewritten in place (while `docgen watch` runs):
    its bytes are read at load, so a later subset cuts the font that was parsed."""
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if not (dejavu / "DejaVuSans.ttf").is_file():
        pytest.skip("DejaVu fonts are not installed")
    font = tmp_path / "font.ttf"
    original = (dejavu / "DejaVuSans.ttf").read_bytes()
    font.write_bytes(original)
    face_cache.load_face(font, 0)
    loaded = face_cache.load_face(font, 0)
    assert type(loaded) is not TTFontFace and type(loaded._ttf_data) is bytes
    codes = [ord(c) for c in "Docgen 123"]
    subset = loaded.makeSubset(codes)
    with font.open("r+b") as file:              # rewritten in place: same file, other bytes
        file.write(bytes(len(original)))
    assert loaded.makeSubset(codes) == subset


@settings(max_examples=300, deadline=None)
@given(start=st.one_of(st.none(), st.integers(-10**7, 10**7)), stop=st.one_of(st.none(), st.integers(-10**7, 10**7)))
def test_the_glyph_table_is_sliced_as_its_bytes_would_be(prepared_fonts, start, stop):
    path, index = prepared_fonts[0]
    face = face_cache.load_face(path, index)
    assert type(face) is not TTFontFace
    whole = face._ttf_data[face.table["glyf"]["offset"]:][:face.table["glyf"]["length"]]
    assert face.get_table("glyf")[start:stop] == whole[start:stop]
    assert face.get_table("head") == face._ttf_data[face.table["head"]["offset"]:][:face.table["head"]["length"]]
