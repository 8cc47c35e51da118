"""Font resolution per role, strict mode, coverage and fallback, and `docgen fonts`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from docgen.cli import main
from docgen.fonts.choose import FontError, InstalledFont, choose_fonts, refuse_substitutes
from docgen.format.profile import load_profile

SUBSTITUTES = [
    InstalledFont(("Noto Serif CJK SC",), Path("/f/NotoSerifCJK-Regular.ttc"), 2, 80),
    InstalledFont(("Noto Serif CJK SC",), Path("/f/NotoSerifCJK-Bold.ttc"), 2, 200),
    InstalledFont(("FandolFang", "FandolFang R"), Path("/f/FandolFang-Regular.otf"), 0, 80),
    InstalledFont(("WenQuanYi Micro Hei", "文泉驿微米黑"), Path("/f/wqy-microhei.ttc"), 0, 80),
    InstalledFont(("AR PL UKai CN",), Path("/f/ukai.ttc"), 0, 80),
    InstalledFont(("AR PL UMing CN",), Path("/f/uming.ttc"), 0, 80),
]


@pytest.fixture(scope="module")
def profile():
    return load_profile()


def test_substitutes_are_found_by_family_and_weight(profile):
    choices = choose_fonts(profile, {}, SUBSTITUTES)
    assert {role: (c.family, c.file.name, c.index, c.origin) for role, c in choices.items()} == {
        "xiaobiaosong": ("Noto Serif CJK SC", "NotoSerifCJK-Bold.ttc", 2, "substitute"),
        "fangsong": ("FandolFang", "FandolFang-Regular.otf", 0, "substitute"),
        "heiti": ("WenQuanYi Micro Hei", "wqy-microhei.ttc", 0, "substitute"),
        "kaiti": ("AR PL UKai CN", "ukai.ttc", 0, "substitute"),
        "songti": ("AR PL UMing CN", "uming.ttc", 0, "substitute"),
    }


def test_an_installed_official_font_wins_by_name_or_by_windows_file_name(profile):
    installed = SUBSTITUTES + [InstalledFont(("FangSong", "仿宋"), Path("/w/simfang.ttf"), 0, 80),
                               InstalledFont(("Some Name",), Path("/w/SIMHEI.TTF"), 0, 80)]
    choices = choose_fonts(profile, {}, installed)
    assert (choices["fangsong"].origin, choices["fangsong"].family) == ("official", "仿宋")
    assert (choices["heiti"].origin, choices["heiti"].file.name) == ("official", "SIMHEI.TTF")
    assert choices["kaiti"].origin == "substitute"


def test_a_configured_file_wins_over_everything(profile, tmp_path):
    font = tmp_path / "mine.ttf"
    font.write_bytes(b"\0")
    choices = choose_fonts(profile, {"fonts": {"kaiti": str(font), "heiti": {"file": str(font), "index": 1}}},
                           SUBSTITUTES)
    assert (choices["kaiti"].origin, choices["kaiti"].file) == ("configured", font)
    assert choices["heiti"].index == 1


def test_a_configured_file_that_does_not_exist_is_named(profile, tmp_path):
    with pytest.raises(FontError, match=r"fonts.kaiti: no font file .*nope.ttf"):
        choose_fonts(profile, {"fonts": {"kaiti": str(tmp_path / "nope.ttf")}}, SUBSTITUTES)


def test_missing_fonts_say_what_to_install(profile):
    with pytest.raises(FontError) as error:
        choose_fonts(profile, {}, [f for f in SUBSTITUTES if "FandolFang" not in f.families])
    message = str(error.value)
    assert "no font for: fangsong (仿宋_GB2312)" in message
    assert "texlive-lang-chinese" in message or "FandolFang" in message


def test_strict_mode_refuses_substitutes(profile):
    with pytest.raises(FontError, match="strict fonts: substitutes would be used for xiaobiaosong"):
        refuse_substitutes(choose_fonts(profile, {}, SUBSTITUTES))


def test_docgen_fonts_lists_every_role(substitute_fonts):
    result = CliRunner().invoke(main, ["fonts"])
    assert result.exit_code == 0, result.output
    for role, family in (("fangsong", "FandolFang"), ("heiti", "WenQuanYi Micro Hei"),
                         ("xiaobiaosong", "Noto Serif CJK SC")):
        line = next(line for line in result.output.splitlines() if line.startswith(role))
        assert family in line and "[substitute]" in line
    strict = CliRunner().invoke(main, ["fonts", "--strict"])
    assert strict.exit_code == 1 and "strict fonts" in strict.stderr


@pytest.fixture
def rare_character_report(tmp_path):
    """A report whose text names 朱镕基: 镕 is not in FandolFang (the 仿宋 substitute)."""
    content = tmp_path / "rare"
    shutil.copytree(FIXTURES / "all-elements", content)
    path = content / "report.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("主要负责人带头学法。", "主要负责人带头学习镕字。"),
                    encoding="utf-8")
    return content


def test_a_character_without_a_glyph_stops_the_pdf_and_says_where(rare_character_report, tmp_path,
                                                                  substitute_fonts, monkeypatch):
    monkeypatch.setenv("DOCGEN_CONFIG", str(tmp_path / "none.yaml"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(rare_character_report), "--format", "all", "--out", str(out)])
    assert result.exit_code == 1
    assert "'镕' (U+9555) has no glyph in the fangsong font (FandolFang)" in result.stderr
    assert "rare/report.yaml:33:" in result.stderr                   # the paragraph's line
    assert "Traceback" not in result.output and not out.exists()   # not even the DOCX


def test_a_configured_fallback_font_draws_it_and_is_reported(rare_character_report, tmp_path,
                                                            substitute_fonts, monkeypatch):
    uming = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
    config = tmp_path / "config.yaml"
    config.write_text(f"fallback: {{file: {uming}, index: 0}}\n", encoding="utf-8")
    monkeypatch.setenv("DOCGEN_CONFIG", str(config))
    result = CliRunner().invoke(main, ["build", str(rare_character_report), "--format", "pdf",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "note: " in result.stderr and "'镕'" in result.stderr and "fallback font uming" in result.stderr
    import pdfplumber
    with pdfplumber.open(tmp_path / "out" / "rare.pdf") as pdf:
        chars = [c for page in pdf.pages for c in page.chars if c["text"] == "镕"]
    assert len(chars) == 1 and "UMing" in chars[0]["fontname"]
