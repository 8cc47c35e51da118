"""The one atomic writer (output.py): whole files or none, flushed to disk, no temp file left."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from conftest import file_size_limit
from docgen import output
from docgen.output import OutputError, write_all, write_atomically


def _names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def previous(tmp_path):
    """Two outputs of an earlier build."""
    files = {tmp_path / "a.docx": b"old a", tmp_path / "a.pdf": b"old pdf"}
    for path, data in files.items():
        path.write_bytes(data)
    return files


def test_files_are_replaced_whole_with_the_usual_permissions(tmp_path, previous):
    write_all({tmp_path / "a.docx": b"new a", tmp_path / "a.pdf": b"new pdf", tmp_path / "sub" / "b.pdf": b"b"})
    assert (tmp_path / "a.docx").read_bytes() == b"new a" and (tmp_path / "a.pdf").read_bytes() == b"new pdf"
    assert (tmp_path / "sub" / "b.pdf").read_bytes() == b"b"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((tmp_path / "a.pdf").stat().st_mode) == 0o666 & ~umask
    assert _names(tmp_path) == ["a.docx", "a.pdf", "sub"]


def test_each_file_and_its_folder_are_flushed_before_and_after_the_renames(tmp_path, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append("fsync folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync file")
        real_fsync(fd)

    def replace(source, target):
        events.append("rename")
        real_replace(source, target)

    monkeypatch.setattr(output.os, "fsync", fsync)
    monkeypatch.setattr(output.os, "replace", replace)
    write_all({tmp_path / "a.docx": b"a", tmp_path / "a.pdf": b"p"})
    assert events == ["fsync file", "fsync file", "rename", "rename", "fsync folder"]


def test_a_failure_while_writing_any_file_replaces_none(tmp_path, previous):
    with file_size_limit(1000), pytest.raises(OutputError, match=r"cannot write .*a.pdf: File too large$") as error:
        write_all({tmp_path / "a.docx": b"new a", tmp_path / "a.pdf": b"new pdf" * 1000})
    assert error.value.replaced == []
    assert {path: path.read_bytes() for path in previous} == previous
    assert _names(tmp_path) == ["a.docx", "a.pdf"]                  # no temp file


def test_a_target_that_is_a_folder_is_refused_before_anything_is_written(tmp_path, previous):
    (tmp_path / "a-brief.pdf").mkdir()
    with pytest.raises(OutputError, match=r"cannot write .*a-brief.pdf: it is a folder"):
        write_all({tmp_path / "a.docx": b"new a", tmp_path / "a-brief.pdf": b"brief"})
    assert (tmp_path / "a.docx").read_bytes() == b"old a" and _names(tmp_path) == ["a-brief.pdf", "a.docx", "a.pdf"]


def test_a_failed_rename_says_which_files_were_replaced(tmp_path, previous, monkeypatch):
    real_replace = os.replace

    def replace(source, target):
        if str(target).endswith(".pdf"):
            raise OSError(5, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(OutputError) as error:
        write_all({tmp_path / "a.docx": b"new a", tmp_path / "a.pdf": b"new pdf"})
    assert str(error.value) == (f"cannot replace {tmp_path}/a.pdf: Input/output error; already replaced: "
                                f"{tmp_path}/a.docx; kept as they were: {tmp_path}/a.pdf")
    assert error.value.replaced == [tmp_path / "a.docx"]
    assert (tmp_path / "a.pdf").read_bytes() == b"old pdf" and _names(tmp_path) == ["a.docx", "a.pdf"]


def test_an_interrupt_between_renames_leaves_no_temp_file(tmp_path, previous, monkeypatch):
    real_replace = os.replace

    def replace(source, target):
        if str(target).endswith(".pdf"):
            raise KeyboardInterrupt
        real_replace(source, target)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        write_all({tmp_path / "a.docx": b"new a", tmp_path / "a.pdf": b"new pdf"})
    assert _names(tmp_path) == ["a.docx", "a.pdf"]


def test_folders_made_for_a_write_that_failed_are_removed(tmp_path):
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "deeper").mkdir()
    target_folder = tmp_path / "made" / "here"
    with pytest.raises(OutputError, match="it is a folder"):
        write_all({target_folder / "x.pdf": b"x", tmp_path / "new" / "deeper": b"y"})
    assert _names(tmp_path) == ["new"]


def test_temp_files_of_a_killed_docgen_are_removed_by_the_next_write(tmp_path):
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                           check=True)
    dead = int(ended.stdout)
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        left = tmp_path / f".a.pdf.{dead}-k1ll3d00.tmp"             # a complete output nobody renamed
        in_flight = tmp_path / f".a.pdf.{running.pid}-w0rk1ng0.tmp"  # another docgen writing now
        other = tmp_path / f".b.pdf.{dead}-0ther000.tmp"            # not a temp file for this target
        for path in (left, in_flight, other):
            path.write_bytes(b"%PDF")
        write_atomically(tmp_path / "a.pdf", b"new")
        assert _names(tmp_path) == sorted([in_flight.name, other.name, "a.pdf"])
    finally:
        running.kill()
        running.wait()


def test_a_long_name_keeps_its_temp_name_short(tmp_path):
    name = "很长的文件夹名" * 30 + ".pdf"                             # 630 bytes in UTF-8: too long for a temp name
    with pytest.raises(OutputError, match="File name too long"):
        write_atomically(tmp_path / name, b"x")
    short = "长" * 80 + ".pdf"                                      # 244 bytes: the target fits, so must its temp
    write_atomically(tmp_path / short, b"x")
    assert _names(tmp_path) == [short]
