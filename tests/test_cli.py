"""The docgen command as a clerk uses it: help, defaults, outputs, failures."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.paths import BUNDLED_EXAMPLE, TEMPLATES_DIR


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.parametrize("args", [[], ["build"], ["brief"], ["validate"], ["fonts"], ["fontconfig"], ["new-year"]])
def test_every_command_explains_itself(runner, args):
    result = runner.invoke(main, args + ["--help"], prog_name="docgen")
    assert result.exit_code == 0
    assert "Usage: docgen" in result.output and len(result.output.splitlines()) > 5


def test_build_without_arguments_builds_the_bundled_example_into_build(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build", "--format", "docx"])
    assert result.exit_code == 0, result.output
    assert result.output == "wrote build/xinwu-2023.docx\n"
    assert (tmp_path / "build" / "xinwu-2023.docx").stat().st_size > 10_000


def test_build_all_and_out(runner, tmp_path):
    result = runner.invoke(main, ["build", str(BUNDLED_EXAMPLE), "--format", "all", "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == [
        "xinwu-2023-brief.docx", "xinwu-2023-brief.ofd", "xinwu-2023-brief.pdf", "xinwu-2023.docx",
        "xinwu-2023.html", "xinwu-2023.json", "xinwu-2023.ofd", "xinwu-2023.pdf"]


def test_validate_checks_without_writing(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 0
    assert "ok — 2023, 4 top-level sections, 36 metrics" in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_failed_build_leaves_the_previous_output_and_no_temp_file(runner, tmp_path):
    content = tmp_path / "report-2023"
    shutil.copytree(BUNDLED_EXAMPLE, content)
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(content), "--out", str(out)]).exit_code == 0
    before = (out / "report-2023.docx").read_bytes()
    yaml_file = content / "report.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace("{{ metrics.one_thing_cases }}",
                                                                      "{{ metrics.one_thing_case }}"), encoding="utf-8")
    result = runner.invoke(main, ["build", str(content), "--out", str(out)])
    assert result.exit_code == 1
    assert "unknown metric 'one_thing_case'" in result.stderr and "nothing was written" in result.stderr
    assert "Traceback" not in result.output
    assert (out / "report-2023.docx").read_bytes() == before
    assert [p.name for p in out.iterdir()] == ["report-2023.docx"]


def test_an_unknown_profile_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(main, ["build", "--profile", "nope", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == ("unknown profile 'nope' (no " + str(TEMPLATES_DIR / "nope" / "profile.yaml")
                             + "); available: briefing, gbt9704, house-28pt, or the path of a profile.yaml\n"
                             "1 error(s) in the format profile; nothing was written.\n")
    assert "Traceback" not in result.output and list(tmp_path.iterdir()) == []


def test_fontconfig_maps_every_official_name(runner):
    result = runner.invoke(main, ["fontconfig"])
    assert result.exit_code == 0
    for name, family in (("仿宋_GB2312", "FandolFang"), ("方正小标宋简体", "Noto Serif CJK SC"),
                         ("黑体", "WenQuanYi Micro Hei"), ("楷体_GB2312", "AR PL UKai CN"), ("宋体", "AR PL UMing CN")):
        assert f"<string>{name}</string>" in result.output and f"<string>{family}</string>" in result.output
    assert "<include" not in result.output
    assert "<include" in runner.invoke(main, ["fontconfig", "--standalone"]).output
