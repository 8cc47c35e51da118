"""Output paths, years and cache folders a clerk (or a probe) may give: a message naming the path
and the OS's reason, a non-zero exit, no traceback, and no file replaced unless all were made."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from conftest import file_size_limit
from docgen.cli import main
from docgen.paths import BUNDLED_EXAMPLE

ALL = ["xinwu-2023-brief.docx", "xinwu-2023-brief.ofd", "xinwu-2023-brief.pdf", "xinwu-2023.docx", "xinwu-2023.html",
       "xinwu-2023.json", "xinwu-2023.ofd", "xinwu-2023.pdf"]


def _run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.mark.parametrize("out, message", [
    ("/dev/null/x", "error: cannot create the folder /dev/null/x: Not a directory"),
    ("/proc/x", "error: cannot create the folder /proc/x: No such file or directory"),
    ("/dev/full", "error: cannot write into /dev/full: it is not a folder"),
])
def test_an_output_folder_that_cannot_be_one_is_named_with_the_reason(out, message):
    result = _run("build", "--out", out)
    assert result.exit_code == 1
    assert result.stderr == f"{message}\nnothing was written.\n"


def test_an_output_folder_the_system_refuses():
    result = _run("build", "--out", "/sys/docgen-x")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot create the folder /sys/docgen-x: ")
    assert result.stderr.endswith("\nnothing was written.\n")


def test_a_dangling_symbolic_link_as_output_folder(tmp_path):
    (tmp_path / "out").symlink_to(tmp_path / "gone")
    result = _run("build", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"error: cannot write into {tmp_path}/out: it is a symbolic link to nothing" in result.stderr
    assert not (tmp_path / "gone").exists()


@pytest.fixture
def earlier_build(tmp_path, substitute_fonts):
    """The outputs of an earlier `build --format all`, as bytes."""
    out = tmp_path / "out"
    assert _run("build", "--format", "all", "--out", str(out)).exit_code == 0
    return out, {name: (out / name).read_bytes() for name in ALL}


def _unchanged(out, before) -> bool:
    return sorted(p.name for p in out.iterdir()) == sorted(before) and all(
        (out / name).read_bytes() == data for name, data in before.items())


def test_one_output_path_being_a_folder_replaces_none_of_the_files(earlier_build, tmp_path):
    out, before = earlier_build
    content = tmp_path / "content"
    shutil.copytree(BUNDLED_EXAMPLE, content / "xinwu-2023")
    report = content / "xinwu-2023" / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("无锡市新吴区人民政府", "无锡市新吴区政府"),
                      encoding="utf-8")                       # a change, so every output would differ
    (out / "xinwu-2023-brief.pdf").unlink()
    (out / "xinwu-2023-brief.pdf").mkdir()
    result = _run("build", str(content / "xinwu-2023"), "--format", "all", "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.endswith(f"error: cannot write {out}/xinwu-2023-brief.pdf: it is a folder\n"
                                  "nothing was written.\n")
    assert (out / "xinwu-2023-brief.pdf").is_dir()
    assert all((out / name).read_bytes() == before[name] for name in ALL if name != "xinwu-2023-brief.pdf")
    assert sorted(p.name for p in out.iterdir()) == ALL                  # no temp file


def test_a_full_disk_replaces_none_of_the_files(earlier_build):
    out, before = earlier_build
    (out / "xinwu-2023.docx").write_bytes(b"stale docx")            # what the new build would replace
    before["xinwu-2023.docx"] = b"stale docx"
    with file_size_limit(100_000):                                   # the DOCX files fit, the PDFs do not
        result = _run("build", "--format", "all", "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.endswith(f"error: cannot write {out}/xinwu-2023.pdf: File too large\nnothing was written.\n")
    assert _unchanged(out, before)


def test_a_full_disk_leaves_no_new_folder(tmp_path, substitute_fonts):
    with file_size_limit(100_000):
        result = _run("build", "--format", "pdf", "--out", str(tmp_path / "new" / "out"))
    assert result.exit_code == 1 and "File too large" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_font_cache_is_named_before_any_work(tmp_path, monkeypatch, substitute_fonts):
    monkeypatch.setenv("DOCGEN_CACHE_DIR", "/dev/null/cache")
    result = _run("build", "--format", "pdf", "--out", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == ("error: cannot create the font cache folder /dev/null/cache/fonts: Not a directory\n"
                             "nothing was written.\n")


@pytest.mark.parametrize("year", ["0", "2023", "1999", "2034", "20245"])
def test_new_year_refuses_a_year_that_does_not_follow(tmp_path, year):
    result = _run("new-year", str(BUNDLED_EXAMPLE), "--year", year, "--out", str(tmp_path / "next"))
    assert result.exit_code == 1
    assert result.stderr == (f"error: --year {year}: the new report's year must come after 2023, by at most "
                             "10 years\nnothing was written.\n")
    assert list(tmp_path.iterdir()) == []


def test_new_year_may_skip_a_year(tmp_path):
    result = _run("new-year", str(BUNDLED_EXAMPLE), "--year", "2025", "--out", str(tmp_path / "next"))
    assert result.exit_code == 0, result.output
    assert "\nyear: 2025\n" in (tmp_path / "next" / "report.yaml").read_text(encoding="utf-8")


def test_new_year_into_a_folder_that_cannot_be_made(tmp_path):
    result = _run("new-year", str(BUNDLED_EXAMPLE), "--out", "/proc/docgen-next")
    assert result.exit_code == 1
    assert result.stderr == ("error: cannot create the folder /proc/docgen-next: No such file or directory\n"
                             "nothing was written.\n")
    (tmp_path / "next").symlink_to(tmp_path / "gone")
    result = _run("new-year", str(BUNDLED_EXAMPLE), "--out", str(tmp_path / "next"))
    assert result.exit_code == 1 and f"{tmp_path}/next exists already" in result.stderr
    assert not (tmp_path / "gone").exists()
