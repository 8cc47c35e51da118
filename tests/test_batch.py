"""Many content folders in one run: `docgen build DIR1 DIR2 … | --all DIR --jobs N`, and check
and validate of several folders. A broken folder is a failed row with its file:line:column
errors and writes nothing; the good ones are built exactly as a single build builds them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from docgen import batch
from docgen.cli import main
from docgen.paths import BUNDLED_EXAMPLE

GOOD = ("district-a", "district-b", "district-c", "district-d")
BAD_DATE = ("date: 2024-03-29 ", "date: 2024-02-30 ")          # line 10 of the bundled report.yaml
BAD_YAML = ("year: 2023\n", "year: [2023\n")                     # line 8: a flow sequence never closed


def _copy(source: Path, folder: Path, change: tuple[str, str] | None = None) -> Path:
    shutil.copytree(source, folder)
    if change is not None:
        yaml_file = folder / "report.yaml"
        text = yaml_file.read_text(encoding="utf-8")
        assert change[0] in text
        yaml_file.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """Six report folders: four good copies of the bundled report, one with 30 February, one
    whose YAML does not parse."""
    root = tmp_path_factory.mktemp("reports")
    for name in GOOD:
        _copy(BUNDLED_EXAMPLE, root / name)
    _copy(BUNDLED_EXAMPLE, root / "bad-date", BAD_DATE)
    _copy(BUNDLED_EXAMPLE, root / "bad-yaml", BAD_YAML)
    (root / "notes").mkdir()            # no report.yaml: --all passes it by
    return root


def _errors(root: Path) -> dict[str, str]:
    return {"bad-date": f"{root}/bad-date/report.yaml:10:7: date: expected a date like 2024-03-29, got "
                        "'2024-02-30' (day is out of range for month)",
            "bad-yaml": f"{root}/bad-yaml/report.yaml:8:7: YAML syntax: did not find expected ',' or ']'"}


@pytest.fixture(scope="module")
def batch_run(reports, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    folders = [str(reports / name) for name in ("bad-date", *GOOD, "bad-yaml")]
    result = CliRunner().invoke(main, ["build", *folders, "--out", str(out), "--jobs", "2"])
    return result, out


def test_a_batch_builds_the_good_folders_and_reports_each_broken_one_with_its_place(reports, batch_run):
    result, out = batch_run
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in out.iterdir()) == [f"{name}.docx" for name in GOOD]     # nothing for the broken
    errors = _errors(reports)
    assert result.stderr.splitlines()[1:] == [               # after the progress bar: every line, in the given order
        errors["bad-date"], f"1 error(s) in {reports}/bad-date; nothing was written.",
        errors["bad-yaml"], f"1 error(s) in {reports}/bad-yaml; nothing was written."]
    assert "Traceback" not in result.output
    width = len(f"{reports}/district-a")
    assert result.stdout.splitlines() == [
        "folder".ljust(width) + "  pages  files  status  first error",
        f"{reports}/bad-date".ljust(width) + "      –      0  failed  " + errors["bad-date"],
        *(f"{reports}/{name}".ljust(width) + "      –      1  ok" for name in GOOD),
        f"{reports}/bad-yaml".ljust(width) + "      –      0  failed  " + errors["bad-yaml"],
        "4 of 6 folder(s) built, 2 failed"]


def test_a_batch_writes_what_single_builds_write(reports, batch_run, tmp_path):
    _, out = batch_run
    for name in GOOD:
        single = CliRunner().invoke(main, ["build", str(reports / name), "--out", str(tmp_path)])
        assert single.exit_code == 0 and single.output == f"wrote {tmp_path}/{name}.docx\n"
        assert (out / f"{name}.docx").read_bytes() == (tmp_path / f"{name}.docx").read_bytes()


def test_one_worker_or_two_write_the_same_files_and_all_takes_every_report_folder(reports, batch_run, tmp_path):
    _, out = batch_run
    alone = CliRunner().invoke(main, ["build", "--all", str(reports), "--out", str(tmp_path), "--jobs", "1"])
    assert alone.exit_code == 1
    assert [line.split()[0] for line in alone.stdout.splitlines()[1:-1]] == [    # sorted; notes/ has no report.yaml
        f"{reports}/{name}" for name in ("bad-date", "bad-yaml", *GOOD)]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in out.iterdir())
    for path in out.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes()


def test_two_folders_with_one_name_are_refused_before_anything_is_built(reports, tmp_path):
    other = _copy(BUNDLED_EXAMPLE, tmp_path / "elsewhere" / "district-a")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(reports / "district-b"), str(reports / "district-a"), str(other),
                                       "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (f"error: {reports}/district-a and {other} would both write {out}/district-a.* (a "
                             "report's files are named after its folder): rename one, or build them with "
                             "different --out\n")
    assert not out.exists()
    twice = CliRunner().invoke(main, ["build", str(reports / "district-a"), f"{reports}/../{reports.name}/district-a",
                                      "--out", str(out)])
    assert twice.exit_code == 2
    assert twice.stderr == f"error: {reports}/district-a is given 2 times: give each folder once\n"
    assert not out.exists()


@pytest.mark.parametrize(("args", "message"), [
    (["{reports}/district-a", "{reports}/nowhere"], "error: {reports}/nowhere: no such folder"),
    (["{reports}/district-a/report.yaml", "{reports}/district-b"],
     "error: {reports}/district-a/report.yaml: not a content folder (`docgen import` makes one of a report file)"),
    (["--all", "{reports}/notes"], "error: {reports}/notes: no report folder in it (a sub-folder holding a "
                                   "report.yaml)"),
    (["--all", "{reports}", "{reports}/district-a"], "error: give content folders or --all FOLDER, not both"),
])
def test_bad_batch_input_is_one_line_exit_2_and_nothing_written(reports, tmp_path, args, message):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", *(arg.format(reports=reports) for arg in args), "--out", str(out)])
    assert (result.exit_code, result.stderr) == (2, message.format(reports=reports) + "\n")
    assert result.stdout == "" and not out.exists()


def test_a_failing_check_a_crash_and_a_killed_worker_are_failed_rows_and_stop_no_other_folder(
        reports, tmp_path, monkeypatch):
    """A lint error (CheckFailed), an exception docgen does not know (a bug) and a worker killed
    outright (os._exit: the pool breaks) each fail their own folder only. The workers are forked,
    so they run the patched build."""
    lint = _copy(BUNDLED_EXAMPLE, tmp_path / "wrong-year",
                 ('title: "{{ issuer }}{{ year }}年', 'title: "{{ issuer }}2022年'))
    crash, killer = (_copy(BUNDLED_EXAMPLE, tmp_path / name) for name in ("crash", "killer"))
    real_build = batch.build

    def build(folder, *args, **kwargs):
        if folder.name == "crash":
            raise RuntimeError("an unforeseen state")
        if folder.name == "killer":
            os._exit(9)
        return real_build(folder, *args, **kwargs)

    monkeypatch.setattr(batch, "build", build)
    out = tmp_path / "out"
    folders = [killer, reports / "district-a", lint, crash, reports / "district-b"]
    result = CliRunner().invoke(main, ["build", *map(str, folders), "--out", str(out), "--jobs", "2"])
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["district-a.docx", "district-b.docx"]
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[1:-1]}
    assert rows[str(killer)].endswith(f"failed  error: the worker process building {killer} stopped abruptly "
                                      "(killed, or out of memory); some or all of its files were not written "
                                      "(each file written is whole)")
    assert rows[str(lint)].endswith(f"failed  {lint}/report.yaml:9:21: error R103 the title names another year than "
                                    "the report's: 2022, the report's is 2023; fix: write the report's year, or "
                                    "{{ year }}年")
    assert rows[str(crash)].endswith(f"failed  error: docgen failed unexpectedly on {crash}: RuntimeError: an "
                                     "unforeseen state (a bug in docgen: please report it with this folder)")
    assert rows[str(reports / "district-a")].endswith("1  ok")
    assert result.stdout.splitlines()[-1] == "2 of 5 folder(s) built, 3 failed"


_COUNTED_BUILD = """
import os, sys
from docgen.pdf import fonts
from docgen import cli
log = sys.argv[1]
load_face = fonts.load_face
def counted(*args, **kwargs):
    with open(log, "a") as out:
        out.write(f"{os.getpid()}\\n")
    return load_face(*args, **kwargs)
fonts.load_face = counted
print(f"parent {os.getpid()}", file=sys.stderr)
sys.argv = ["docgen", *sys.argv[2:]]
cli.main()
"""


def test_a_pdf_batch_prepares_and_parses_the_fonts_once_in_the_parent(small_cff_font, tmp_path):
    """With a cold font cache the one progress bar shows; every font file is parsed in the
    parent, none in a worker (they inherit reportlab's fonts by fork), and each PDF is the
    single build's."""
    roles = ("xiaobiaosong", "fangsong", "heiti", "kaiti", "songti")
    config = tmp_path / "config.yaml"
    config.write_text("fonts:\n" + "".join(f"  {role}: {small_cff_font}\n" for role in roles), encoding="utf-8")
    env = {**os.environ, "DOCGEN_CONFIG": str(config), "DOCGEN_CACHE_DIR": str(tmp_path / "cache")}
    folders = [_copy(FIXTURES / "all-elements", tmp_path / name) for name in ("county-1", "county-2", "county-3")]
    log, out = tmp_path / "parsed.log", tmp_path / "out"
    result = subprocess.run([sys.executable, "-c", _COUNTED_BUILD, str(log), "build", *map(str, folders),
                             "--format", "pdf", "--out", str(out), "--jobs", "2"],
                            env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    parent = result.stderr.splitlines()[0].removeprefix("parent ")
    assert result.stderr.count("preparing fonts (once)") == 1 and "Traceback" not in result.stderr
    parsed = log.read_text().split()
    assert parsed and set(parsed) == {parent}           # none in a worker
    pages = {line.split()[0]: line.split()[1] for line in result.stdout.splitlines()[1:-1]}
    single = subprocess.run([sys.executable, "-m", "docgen.cli", "build", str(folders[0]), "--format", "pdf",
                             "--out", str(tmp_path / "single")], env=env, capture_output=True, text=True, check=False)
    assert single.returncode == 0, single.stderr
    assert (out / "county-1.pdf").read_bytes() == (tmp_path / "single" / "county-1.pdf").read_bytes()
    assert pages[str(folders[0])] == str((out / "county-1.pdf").read_bytes().count(b"/Type /Page\n"))


def test_validate_and_check_take_several_folders_and_summarise_each(reports):
    folders = [str(reports / name) for name in ("district-a", "bad-date", "district-b")]
    validated = CliRunner().invoke(main, ["validate", *folders])
    assert validated.exit_code == 1
    assert validated.stdout.splitlines() == [
        f"{reports}/district-a: ok — 2023, 4 top-level sections, 36 metrics",
        f"{reports}/district-b: ok — 2023, 4 top-level sections, 36 metrics",
        "summary:",
        f"  {reports}/district-a: ok",
        f"  {reports}/bad-date: failed — {_errors(reports)['bad-date']}",
        f"  {reports}/district-b: ok"]
    assert validated.stderr == f"{_errors(reports)['bad-date']}\n1 error(s) in {reports}/bad-date.\n"
    checked = CliRunner().invoke(main, ["check", "--all", str(reports)])
    assert checked.exit_code == 1
    summary = checked.stdout.splitlines()
    summary = summary[summary.index("summary:") + 1:]
    assert summary[:2] == [f"  {reports}/bad-date: failed — {_errors(reports)['bad-date']}",
                           f"  {reports}/bad-yaml: failed — {_errors(reports)['bad-yaml']}"]
    assert [line.split(": ok — ")[0] for line in summary[2:]] == [f"  {reports}/{name}" for name in GOOD]
    assert all(line.endswith(" warning(s)") and ": ok — 0 error(s), " in line for line in summary[2:])
    good = CliRunner().invoke(main, ["validate", "--all", str(reports / "notes"), "--profile", "gbt9704"])
    assert (good.exit_code, good.stderr) == (2, f"error: {reports}/notes: no report folder in it (a sub-folder "
                                                "holding a report.yaml)\n")


def test_folder_names_from_an_archive_cannot_break_the_table_or_reach_the_terminal(tmp_path):
    """Folders arrive in mailed archives: a terminal escape or a line break in a name is shown
    escaped in the table (each row one line), and --all names what it leaves out (a folder
    without report.yaml, a link to a folder without one) rather than passing it by in silence."""
    contents = tmp_path / "contents"
    contents.mkdir()
    for name in ("red\x1b[31m-2023", "two\nlines-2023"):
        _copy(BUNDLED_EXAMPLE, contents / name)
    (contents / "attachments").mkdir()
    (contents / "elsewhere").symlink_to(tmp_path)
    (contents / ".git").mkdir()
    result = CliRunner().invoke(main, ["build", "--all", str(contents), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    red, two = f"{contents}/red\\x1b[31m-2023", f"{contents}/two\\nlines-2023"
    assert result.stdout.splitlines()[1:] == [
        f"{red}      –      1  ok", two.ljust(len(red)) + "      –      1  ok", "2 of 2 folder(s) built"]
    assert "\x1b" not in result.output
    assert result.stderr.splitlines()[:2] == [f"note: {contents}/attachments left out: no report.yaml in it",
                                              f"note: {contents}/elsewhere left out: no report.yaml in it"]
