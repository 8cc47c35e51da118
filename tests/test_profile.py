"""Format profiles: the standard's numbers, derived values, inheritance, errors."""

from __future__ import annotations

import pytest

from docgen.format.profile import ProfileError, available_profiles, load_profile


def test_gbt9704_numbers_and_what_follows_from_them():
    p = load_profile("gbt9704")
    assert (p.page.width_mm, p.page.height_mm) == (210, 297)
    assert (p.page.margin_top_mm, p.page.margin_bottom_mm, p.page.margin_left_mm, p.page.margin_right_mm) == (37, 35, 28, 26)
    assert (p.lines_per_page, p.chars_per_line) == (22, 28)
    assert p.text_width_pt == pytest.approx(442.2, abs=0.01)
    assert p.text_height_pt == pytest.approx(637.8, abs=0.01)
    assert p.line_pitch_pt == pytest.approx(28.99, abs=0.005)
    assert p.line_pitch_twips == 579          # 22 × 579 = 12738 ≤ 12756: line 22 fits
    assert p.char_pitch_pt == pytest.approx(15.79, abs=0.005)
    assert p.body.size_pt == 16 and p.title.size_pt == 22 and p.page_number.size_pt == 14
    assert [h.font for h in p.headings] == ["heiti", "kaiti", "fangsong", "fangsong"]
    assert [h.numbering for h in p.headings] == ["{zh}、", "（{zh}）", "{n}.", "（{n}）"]
    assert p.font_name("fangsong") == "仿宋_GB2312" and p.font_name("xiaobiaosong") == "方正小标宋简体"


def test_a_house_profile_inherits_everything_but_what_it_overrides():
    house, standard = load_profile("house-28pt"), load_profile("gbt9704")
    assert house.line_pitch_pt == 28 and house.line_pitch_twips == 560
    assert house.page == standard.page and house.fonts == standard.fonts and house.headings == standard.headings
    assert set(available_profiles()) >= {"gbt9704", "house-28pt"}


def _write(tmp_path, name, text):
    folder = tmp_path / name
    folder.mkdir()
    (folder / "profile.yaml").write_text(text, encoding="utf-8")


def test_unknown_profile_names_the_available_ones(tmp_path):
    _write(tmp_path, "mine", "name: mine\n")
    with pytest.raises(ProfileError, match=r"unknown profile 'nope'.*available: mine"):
        load_profile("nope", tmp_path)


def test_a_missing_number_is_named_with_its_key(tmp_path):
    from docgen.paths import TEMPLATES_DIR
    text = (TEMPLATES_DIR / "gbt9704" / "profile.yaml").read_text(encoding="utf-8")
    _write(tmp_path, "broken", text.replace("  chars_per_line: 28\n", ""))
    with pytest.raises(ProfileError, match=r"broken/profile.yaml: grid.chars_per_line: missing"):
        load_profile("broken", tmp_path)


def test_a_wrong_type_and_an_unknown_size_are_named(tmp_path):
    from docgen.paths import TEMPLATES_DIR
    text = (TEMPLATES_DIR / "gbt9704" / "profile.yaml").read_text(encoding="utf-8")
    _write(tmp_path, "typed", text.replace("lines_per_page: 22", "lines_per_page: many"))
    with pytest.raises(ProfileError, match=r"grid.lines_per_page: expected a whole number, got 'many'"):
        load_profile("typed", tmp_path)
    _write(tmp_path, "sized", text.replace("size: 二号", "size: 七号"))
    with pytest.raises(ProfileError, match=r"elements.title.size: unknown size '七号'"):
        load_profile("sized", tmp_path)


def test_an_extends_loop_is_refused(tmp_path):
    _write(tmp_path, "a", "extends: b\n")
    _write(tmp_path, "b", "extends: a\n")
    with pytest.raises(ProfileError, match="extends itself"):
        load_profile("a", tmp_path)
