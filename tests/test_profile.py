"""Format profiles: the standard's numbers, derived values, inheritance, and every mistake in a
profile found at load, located, all at once — through the library and through the CLI."""

from __future__ import annotations

import dataclasses
import typing

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.format import profile as profile_module
from docgen.format.profile import ProfileError, available_profiles, load_profile
from docgen.paths import BUNDLED_EXAMPLE, TEMPLATES_DIR

STANDARD = (TEMPLATES_DIR / "gbt9704" / "profile.yaml").read_text(encoding="utf-8")


def test_gbt9704_numbers_and_what_follows_from_them():
    p = load_profile("gbt9704")
    assert (p.page.width_mm, p.page.height_mm) == (210, 297)
    page = p.page
    assert (page.margin_top_mm, page.margin_bottom_mm, page.margin_left_mm, page.margin_right_mm) == (37, 35, 28, 26)
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


def _line(text: str, start: str) -> int:
    """The 1-based number of the first line of text that starts with `start`."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def test_a_missing_number_is_named_with_its_key_where_its_parent_is(tmp_path):
    _write(tmp_path, "broken", STANDARD.replace("  chars_per_line: 28\n", ""))
    with pytest.raises(ProfileError) as error:
        load_profile("broken", tmp_path)
    assert error.value.problems == [(f"{tmp_path}/broken/profile.yaml:{_line(STANDARD, 'grid:')}:1: "
                                    "grid.chars_per_line: missing")]


def test_a_wrong_type_and_an_unknown_size_are_named(tmp_path):
    _write(tmp_path, "typed", STANDARD.replace("lines_per_page: 22", "lines_per_page: many"))
    with pytest.raises(ProfileError, match=r"profile.yaml:\d+:19: grid.lines_per_page: expected a whole number "
                                           r"from 1 to 100, got 'many'$"):
        load_profile("typed", tmp_path)
    _write(tmp_path, "sized", STANDARD.replace("size: 二号", "size: 七号"))
    with pytest.raises(ProfileError, match=r"elements.title.size: unknown size '七号' \(sizes: 初号, 小初, "):
        load_profile("sized", tmp_path)


def test_an_extends_loop_and_an_extends_path_are_refused(tmp_path):
    _write(tmp_path, "a", "extends: b\n")
    _write(tmp_path, "b", "extends: a\n")
    with pytest.raises(ProfileError, match=r"b/profile.yaml:1:10: extends: extends itself through a → b → a$"):
        load_profile("a", tmp_path)
    _write(tmp_path, "c", "extends: ../a\n")
    with pytest.raises(ProfileError, match=r"c/profile.yaml:1:10: extends: expected the name of a profile folder "
                                           r"under .* \(a, b, c\), got '../a'$"):
        load_profile("c", tmp_path)


# One wrong value per line of the standard's profile: (what is written, what replaces it, the message).
MISTAKES = [
    ("chars_per_line: 28", "chars_per_line: 0", "grid.chars_per_line: expected a whole number from 1 to 100, got 0"),
    ("width_mm: 210", "width_mm: .nan", "page.width_mm: expected a number from 0 to 1,000, got nan"),
    ("line_pitch_pt: null", "line_pitch_pt: -1", ("grid.line_pitch_pt: expected a number greater than 0 and at "
                                                  "most 100, got -1")),
    ("  三号: 16", "  三号: 0", "sizes.三号: expected a number from 1 to 200 (pt), or a size name such as 三号, got 0"),
    ('text_color: "000000"', "text_color: 000000", ('text_color: expected text of six hex digits in quotes, such as '
                                                   '"FF0000", got 0')),
    ("decimals: 1", "decimals: 100000000", ("year_on_year.decimals: expected a whole number from 0 to 6, "
                                           "got 100000000")),
    ('numbering: "{zh}、"', 'numbering: "{cn}、"', ("elements.headings.0.numbering: expected text with {zh} or {n} "
                                                  "once and no other braces, got '{cn}、'")),
    ('numbering: "{n}."', 'numbering: "{n:>99999999}."', ("elements.headings.2.numbering: expected text with {zh} "
                                                          "or {n} once and no other braces, got '{n:>99999999}.'")),
    ('format: "— {page} —"', 'format: "第页"', ("elements.page_number.format: expected text with {page} once and no "
                                             "other braces, got '第页'")),
    ('format: "— {page} —"', 'format: "{page}{page}"', ("elements.page_number.format: expected text with {page} once "
                                                       "and no other braces, got '{page}{page}'")),
    ("max_chars_per_line: 20", "max_chars_per_line: 0", ("elements.title.max_chars_per_line: expected a whole number "
                                                        "from 1 to 100, got 0")),
    ("label: 附件：", 'label: "附件\\x01"', ("elements.attachments.label: control character U+0001 (invisible in most "
                                        "editors); delete it")),
    ('label_format: "附件{n}"', 'label_format: "附件{x}"', ("elements.attachment_pages.label_format: expected "
                                                       "text with {n} once and no other braces, got '附件{x}'")),
    ("blank_lines_after_label: 1", "blank_lines_after_label: -1", ("elements.attachment_pages.blank_lines_after_label: "
                                                                  "expected a whole number from 0 to 100, got -1")),
    ("name: 仿宋_GB2312", "name: '仿宋\"/>'", ("fonts.fangsong.name: expected text without < > & \" (it is written "
                                            "into the DOCX's XML), got '仿宋\"/>'")),
    ("  font: heiti", "  font: hei", ("draft.font: unknown font role 'hei' (roles: fangsong, heiti, kaiti, songti, "
                                     "xiaobiaosong)")),
    ("bold: true", "bold: yes", "elements.lead.bold: expected true or false, got 'yes'"),
    ("lines_per_page: 22", "lines_per_page: 100", ("grid.lines_per_page: a line pitch of 6.378 pt is less than the "
                                                  "body text's 16 pt: lines would overlap")),
    ("margin_left_mm: 28", "margin_left_mm: 300", ("page.margin_left_mm: the left and right margins (326 mm) leave "
                                                  "no text block on a page 210 mm wide")),
    ("line_pitch_pt: null", "line_pitch_pt: 40", ("grid.line_pitch_pt: 22 lines of 40 pt do not fit the text "
                                                 "block, 637.8 pt high")),
    ("first_line_indent_chars: 2", "first_line_indent_chars: 28", ("elements.body.first_line_indent_chars: the "
                                                                  "indent (28) fills the line of 28 characters")),
    ('hanging_marks: "、，。；：？！"', 'hanging_marks: "abc"', ("line_breaking.hanging_marks: expected text of "
                                                             "punctuation marks that may end a line's text, such "
                                                             "as 、，。, got 'abc'")),
    ("script_space_em: 0.2", "script_space_em: 5", ("line_breaking.script_space_em: expected a number from 0 to 1, "
                                                   "got 5")),
    ("extra_narrowing_twips: 1", "extra_narrowing_twips: 99", ("line_breaking.extra_narrowing_twips: expected a whole "
                                                             "number from 0 to 20, got 99")),
    ("body: 公文正文", 'body: "公文\\n正文"', ("docx_styles.body: expected text of 1 to 100 characters, without line "
                                          "breaks or tabs, got '公文\\n正文'")),
    ("organ_top_mm: 35", "organ_top_mm: 300", ("letterhead.organ_top_mm: the 版头 and the title's first line take "
                                              "376 mm, more than the text block's 225 mm")),
    ("signers_per_line: 2", "signers_per_line: 0", ("letterhead.signers_per_line: expected a whole number from 1 "
                                                   "to 100, got 0")),
    ('organ_color: "FF0000"', "organ_color: red", ('letterhead.organ_color: expected text of six hex digits in '
                                                  'quotes, such as "FF0000", got \'red\'')),
    ("rule_pt: 1.5", "rule_pt: 0", "letterhead.rule_pt: expected a number greater than 0 and at most 100, got 0"),
    ("letterhead_organ: 发文机关标志", "letterhead_organ: 公文标题", ("docx_styles.letterhead_organ: '公文标题' is "
                                                                 "already the name of docx_styles.title: each style "
                                                                 "needs a name of its own")),
    ("first_line_indent_chars: 2", "frist_line_indent_chars: 2", ("elements.body.frist_line_indent_chars: unknown "
                                                                 "key; did you mean 'first_line_indent_chars'?")),
]


@pytest.mark.parametrize("written, wrong, message", MISTAKES, ids=[m[1] for m in MISTAKES])
def test_every_field_is_checked_at_load(tmp_path, written, wrong, message):
    assert written in STANDARD
    text = STANDARD.replace(written, wrong, 1)
    _write(tmp_path, "mine", text)
    with pytest.raises(ProfileError) as error:
        load_profile("mine", tmp_path)
    line = _line(text, next(written for written in text.splitlines() if wrong in written))
    assert any(p.startswith(f"{tmp_path}/mine/profile.yaml:{line}:") and p.endswith(": " + message)
               for p in error.value.problems), error.value.problems


def test_a_heading_style_for_each_level_content_may_nest(tmp_path):
    text = STANDARD.replace('    - {font: fangsong, bold: false, numbering: "（{n}）"}\n', "")
    _write(tmp_path, "three", text)
    with pytest.raises(ProfileError, match=r"elements.headings: expected 4 heading styles \(一、 （一） 1. （1）\), "
                                           r"one for each level sections may nest, got 3$"):
        load_profile("three", tmp_path)


def _briefing(tmp_path, **override) -> str:
    text = (TEMPLATES_DIR / "briefing" / "profile.yaml").read_text(encoding="utf-8")
    for written, wrong in override.items():
        assert f"  {written}:" in text
        text = "\n".join(f"  {written}: {wrong}" if line.startswith(f"  {written}:") else line
                         for line in text.splitlines()) + "\n"
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    (folder / "profile.yaml").write_text(text, encoding="utf-8")
    return text


def test_the_briefing_table_and_foot_must_fit_together(tmp_path):
    mistakes = {"foot_labels": "[报：]", "min_chars": "2000"}
    text = _briefing(tmp_path, **mistakes, issue_format='"第期"')
    with pytest.raises(ProfileError) as error:
        load_profile(str(tmp_path / "mine"), TEMPLATES_DIR)
    at = f"{tmp_path}/mine/profile.yaml"
    assert error.value.problems == [
        (f"{at}:{_line(text, '  issue_format')}:17: briefing.issue_format: expected text with {{issue}} once and no "
        "other braces, got '第期'"),
    ]
    _briefing(tmp_path, **mistakes)         # what no single field shows is checked once each field is right
    with pytest.raises(ProfileError) as error:
        load_profile(str(tmp_path / "mine"), TEMPLATES_DIR)
    assert error.value.problems == [
        f"{at}:{_line(text, '  foot_labels')}:16: briefing.foot_labels: expected 3 labels (报：, 送：, 发：), got 1",
        f"{at}:{_line(text, '  min_chars')}:14: briefing.min_chars: more than max_chars (2000 > 1500)",
    ]


@pytest.mark.parametrize("wrong", ['"{year}年法治政府建设情况"', '"{short_name}{year}年{title}"'])
def test_the_briefing_headline_format_needs_the_short_name_and_the_year(tmp_path, wrong):
    text = _briefing(tmp_path, headline_format=wrong)
    with pytest.raises(ProfileError) as error:
        load_profile(str(tmp_path / "mine"), TEMPLATES_DIR)
    at = f"{tmp_path}/mine/profile.yaml"
    shown = wrong.strip('"')
    assert error.value.problems == [
        f"{at}:{_line(text, '  headline_format')}:20: briefing.headline_format: expected text with {{short_name}} "
        f"and {{year}} once each and no other braces, got '{shown}'",
    ]


def test_every_format_of_a_profile_has_its_placeholders_declared():
    """A new *_format field of a style must say which placeholders it takes (_PLACEHOLDERS):
    otherwise it would be checked as plain text, and "{cn}" would fail only when a document is made."""
    styles = [profile_module.Profile] + [
        hint for hint in typing.get_type_hints(profile_module.Profile).values() if dataclasses.is_dataclass(hint)]
    styles += [typing.get_args(h)[0] for h in typing.get_type_hints(profile_module.Profile).values()
               if typing.get_args(h) and dataclasses.is_dataclass(typing.get_args(h)[0])]
    formats = {f.name for style in styles for f in dataclasses.fields(style)
               if f.name in ("format", "numbering") or f.name.endswith("_format")}
    assert formats == set(profile_module._PLACEHOLDERS)


@pytest.fixture
def runner():
    return CliRunner()


def test_cli_an_outside_profile_is_checked_like_a_bundled_one(runner, tmp_path):
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "profile.yaml").write_text("extends: gbt9704\nname: house\ngrid:\n  chars_per_line: 0\n"
                                         "elements:\n  title:\n    sise: 二号\n", encoding="utf-8")
    result = runner.invoke(main, ["build", "--profile", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{folder}/profile.yaml:4:19: grid.chars_per_line: expected a whole number from 1 to 100, got 0\n"
        f"{folder}/profile.yaml:7:5: elements.title.sise: unknown key; did you mean 'size'?\n"
        "2 error(s) in the format profile; nothing was written.\n")
    assert not (tmp_path / "out").exists()


def test_cli_formats_are_tried_at_load(runner, tmp_path):
    (tmp_path / "p.yaml").write_text('extends: gbt9704\nelements:\n  page_number:\n    format: "第页"\n'
                                     '  headings:\n    - {font: heiti, numbering: "{cn}、"}\n'
                                     '    - {font: kaiti, numbering: "（{zh}）"}\n'
                                     '    - {font: fangsong, numbering: "{n}."}\n'
                                     '    - {font: fangsong, numbering: "（{n}）"}\n', encoding="utf-8")
    result = runner.invoke(main, ["build", "--profile", str(tmp_path / "p.yaml"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{tmp_path}/p.yaml:4:13: elements.page_number.format: expected text with {{page}} once and no other "
        "braces, got '第页'\n"
        f"{tmp_path}/p.yaml:6:32: elements.headings.0.numbering: expected text with {{zh}} or {{n}} once and no "
        "other braces, got '{cn}、'\n"
        "2 error(s) in the format profile; nothing was written.\n")
    assert not (tmp_path / "out").exists()


def test_cli_an_outside_profile_that_is_right_builds_as_a_bundled_one(runner, tmp_path):
    """A house style kept outside templates/ (by path) gives the same document as the bundled house-28pt."""
    (tmp_path / "house.yaml").write_text("extends: gbt9704\nname: mine\ngrid:\n  line_pitch_pt: 28\n",
                                         encoding="utf-8")
    for profile, out in ((str(tmp_path / "house.yaml"), "outside"), ("house-28pt", "bundled")):
        result = runner.invoke(main, ["build", "--profile", profile, "--out", str(tmp_path / out)])
        assert result.exit_code == 0, result.output
    outside, bundled = (tmp_path / out / "xinwu-2023.docx" for out in ("outside", "bundled"))
    assert outside.read_bytes() == bundled.read_bytes()


def test_cli_profile_names_and_paths(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["validate", "--profile", "../../../tmp/nowhere"])
    assert result.exit_code == 2
    assert result.stderr == "no profile file ../../../tmp/nowhere/profile.yaml\n1 error(s) in the format profile.\n"
    result = runner.invoke(main, ["validate", "--profile", "gbt9704/../house-28pt"])
    assert result.exit_code == 2 and "no profile file gbt9704/../house-28pt/profile.yaml" in result.stderr
    result = runner.invoke(main, ["validate", "--profile", ".."])
    assert result.exit_code == 2 and result.stderr.startswith("unknown profile '..' (no ")
    assert "available: briefing, gbt9704, house-28pt, or the path of a profile.yaml" in result.stderr
    assert "or the path of a profile.yaml" in " ".join(runner.invoke(main, ["build", "--help"]).output.split())


def test_cli_an_undecodable_profile_is_located(runner, tmp_path):
    (tmp_path / "profile.yaml").write_bytes(b"extends: gbt9704\nname: \xff\xfe\n")
    result = runner.invoke(main, ["validate", "--profile", str(tmp_path / "profile.yaml")])
    assert result.exit_code == 2
    assert result.stderr == (f"{tmp_path}/profile.yaml:2:7: not UTF-8 text; save the file with UTF-8 encoding\n"
                             "1 error(s) in the format profile.\n")


def test_cli_a_profile_that_is_not_a_mapping_or_not_yaml(runner, tmp_path):
    (tmp_path / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", "--profile", str(tmp_path / "list.yaml")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path}/list.yaml:1:1: expected a mapping of settings (key: value), "
                                    "got a list")
    (tmp_path / "bad.yaml").write_text("grid: [\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", "--profile", str(tmp_path / "bad.yaml")])
    assert result.exit_code == 2 and result.stderr.startswith(f"{tmp_path}/bad.yaml:2:1: YAML syntax: ")


def test_cli_a_brief_profile_with_mistakes(runner, tmp_path):
    _briefing(tmp_path, red='"red"')
    result = runner.invoke(main, ["brief", str(BUNDLED_EXAMPLE), "--profile", str(tmp_path / "mine"),
                                  "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.endswith(": briefing.red: expected text of six hex digits in quotes, such as \"FF0000\", "
                                  "got 'red'\n1 error(s) in the format profile; nothing was written.\n")
