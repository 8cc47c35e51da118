"""A build's PDFs drawn in a second, forked process (two_processes.py): the files, notes and
errors are exactly a serial build's, and a child that fails or dies changes nothing."""

from __future__ import annotations

import os
import shutil
import signal
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen import two_processes
from docgen.build import BRIEF_FORMATS, FORMATS, BuildOptions, build
from docgen.cli import main
from docgen.paths import BUNDLED_EXAMPLE

FIXTURES = Path(__file__).parent / "fixtures"

# run_split works anywhere fork does (docgen runs on Linux); a build uses it only given two cores.
two_cores = pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="a build forks only given two cores")


@pytest.fixture
def forks(monkeypatch):
    """The pids of the children forked during the test."""
    children: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            children.append(pid)
        return pid
    monkeypatch.setattr(os, "fork", counted)
    return children


def test_the_second_process_renders_its_share_and_hands_back_what_it_learnt(forks):
    parent = os.getpid()
    taken = []
    here, there = two_processes.run_split([lambda: b"a", lambda: str(os.getpid()).encode()],
                                          [lambda: str(os.getpid()).encode(), lambda: b"d"],
                                          lambda: ["learnt in", os.getpid()], taken.append)
    assert here == [b"a", str(parent).encode()]
    assert there == [str(forks[0]).encode(), b"d"]          # drawn in the child
    assert taken == [["learnt in", forks[0]]]


def test_a_share_that_fails_in_the_child_is_rendered_here():
    parent = os.getpid()

    def fails_in_the_child() -> bytes:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return b"here"
    taken = []
    assert two_processes.run_split([lambda: b"a"], [fails_in_the_child], lambda: "learnt", taken.append) \
        == ([b"a"], [b"here"])
    assert taken == []                          # nothing learnt from a child that failed


def test_a_child_killed_midway_changes_nothing():
    parent = os.getpid()

    def killed_in_the_child() -> bytes:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return b"here"
    assert two_processes.run_split([lambda: b"a"], [killed_in_the_child], lambda: None, print) \
        == ([b"a"], [b"here"])


def test_an_error_in_the_share_is_raised_here_as_a_serial_build_raises_it():
    def broken() -> bytes:
        raise ValueError("'镕' has no glyph")
    with pytest.raises(ValueError, match="'镕' has no glyph"):
        two_processes.run_split([lambda: b"a"], [broken], lambda: None, print)


def test_an_error_here_ends_the_child_and_leaves_no_zombie(forks):
    def slow() -> bytes:
        threading.Event().wait(30)
        return b"never"

    def broken() -> bytes:
        raise ValueError("here")
    with pytest.raises(ValueError, match="here"):
        two_processes.run_split([broken], [slow], lambda: None, print)
    with pytest.raises(ChildProcessError):      # killed and reaped at once, not waited 30 s for
        os.waitpid(forks[0], os.WNOHANG)


@two_cores
def test_no_fork_while_another_thread_runs():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not two_processes.available()
    finally:
        stop.set()
        thread.join()
    assert two_processes.available()


@two_cores
def test_build_all_in_two_processes_writes_the_serial_build_s_bytes(tmp_path, profile, forks):
    serial = build(BUNDLED_EXAMPLE, profile, FORMATS, tmp_path / "serial", brief_formats=BRIEF_FORMATS)
    result = CliRunner().invoke(main, ["build", "--format", "all", "--out", str(tmp_path / "cli")])
    assert result.exit_code == 0, result.output
    assert len(forks) == 1                      # the PDFs were drawn in a second process
    for path in serial.paths:
        assert (tmp_path / "cli" / path.name).read_bytes() == path.read_bytes(), path.name


@two_cores
def test_the_child_s_fallback_notes_and_pages_reach_the_build(tmp_path, profile, forks, substitute_fonts,
                                                              monkeypatch):
    """Only the child lays out the PDF here (DOCX + PDF): its notes of characters set in the fallback
    font, and the report's page count, come back to the build."""
    content = tmp_path / "rare"
    shutil.copytree(FIXTURES / "all-elements", content)
    path = content / "report.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("主要负责人带头学法。", "主要负责人带头学习镕字。"),
                    encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text("fallback: {file: /usr/share/fonts/truetype/arphic/uming.ttc, index: 0}\n", encoding="utf-8")
    monkeypatch.setenv("DOCGEN_CONFIG", str(config))
    serial = build(content, profile, ("docx", "pdf"), tmp_path / "serial")
    split = build(content, profile, ("docx", "pdf"), tmp_path / "split", BuildOptions(second_process=True))
    assert len(forks) == 1
    assert any("'镕'" in note and "fallback font" in note for note in serial.notes)
    assert split.notes == serial.notes and split.pages == serial.pages is not None
    for mine, theirs in zip(split.paths, serial.paths):
        assert mine.read_bytes() == theirs.read_bytes()


@two_cores
def test_a_missing_glyph_stops_the_build_as_in_one_process(tmp_path, substitute_fonts, forks):
    """镕 has no glyph in FandolFang and no fallback is set: the error and nothing written, as serially."""
    content = tmp_path / "rare"
    shutil.copytree(FIXTURES / "all-elements", content)
    path = content / "report.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("主要负责人带头学法。", "主要负责人带头学习镕字。"),
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(content), "--format", "all", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "'镕' (U+9555) has no glyph in the fangsong font (FandolFang)" in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()
