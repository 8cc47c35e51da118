"""docgen watch: the watcher rebuilds on each save, shows a broken save's errors and keeps
the last good files, and builds again when the content is fixed.

The watcher runs in a thread and hands each Rebuild over a queue; every wait has a timeout
and the thread is stopped through its stop event, so no test can hang. Saves are made the
way editors make them (a temporary file renamed over report.yaml).
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.build import BuildOptions
from docgen.cli import main
from docgen.paths import BUNDLED_EXAMPLE, PROJECT_ROOT
from docgen.watch import Rebuild, rebuilds

WAIT_S = 20                 # a rebuild takes well under a second; this only bounds a broken test
SIGNATURE = "signature: 无锡市新吴区人民政府"
YEAR = "year: 2023"


class Watcher:
    """rebuilds() running in a thread: each Rebuild put on a queue, until stopped."""

    def __init__(self, content: Path, out: Path, **options):
        self.rebuilt: queue.Queue[Rebuild | BaseException] = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(content, out), kwargs=options, daemon=True)
        self.thread.start()

    def _run(self, content: Path, out: Path, **options) -> None:
        try:
            for rebuild in rebuilds(content, out, ("docx",), stop_event=self.stop, **options):
                self.rebuilt.put(rebuild)
        except BaseException as exc:        # handed to the test, which fails with it
            self.rebuilt.put(exc)

    def next(self) -> Rebuild:
        got = self.rebuilt.get(timeout=WAIT_S)
        if isinstance(got, BaseException):
            raise got
        return got

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=WAIT_S)
        assert not self.thread.is_alive()


def save(file: Path, text: str) -> None:
    """Save as vim and VS Code do: write a temporary file, rename it over the old one."""
    temporary = file.with_name(f".{file.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, file)


def save_as_vim(file: Path, text: str) -> None:
    """Save as vim does by default: the old file renamed to a backup, the new one written, the
    backup removed."""
    backup = file.with_name(f"{file.name}~")
    os.replace(file, backup)
    file.write_text(text, encoding="utf-8")
    backup.unlink()


def document_xml(docx: Path) -> str:
    with zipfile.ZipFile(docx) as package:
        return package.read("word/document.xml").decode("utf-8")


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)         # paths in messages relative to it, as a clerk sees them
    shutil.copytree(BUNDLED_EXAMPLE, tmp_path / "xinwu-2023")
    return Path("xinwu-2023")


@pytest.fixture
def watcher(content) -> Iterator[Watcher]:
    running = Watcher(content, Path("out"))
    yield running
    running.close()


def test_two_successive_edits_are_built_and_a_broken_one_keeps_the_last_good_file(content, watcher):
    report, docx = content / "report.yaml", Path("out/xinwu-2023.docx")
    original = report.read_text(encoding="utf-8")
    first = watcher.next()
    assert first.ok and first.changed == () and first.paths == (docx,)
    assert "无锡市新吴区人民政府" in document_xml(docx) and "水杉" not in document_xml(docx)

    save(report, original.replace(SIGNATURE, "signature: 无锡市新吴区水杉办公室"))
    edited = watcher.next()
    assert edited.ok, edited.errors
    assert edited.changed == (report.absolute(),) and edited.paths == (docx,)
    assert "无锡市新吴区水杉办公室" in document_xml(docx)
    good = docx.read_bytes()
    good_mtime = docx.stat().st_mtime_ns

    save(report, original.replace(YEAR, "year: 二〇二三"))
    broken = watcher.next()
    assert not broken.ok and broken.paths == ()
    assert broken.errors == ("xinwu-2023/report.yaml:7:7: year: expected the report year as a whole number such "
                             "as 2023, got '二〇二三'", "1 error(s); nothing was written.")
    assert docx.read_bytes() == good and docx.stat().st_mtime_ns == good_mtime
    assert sorted(os.listdir("out")) == ["xinwu-2023.docx"]        # no temporary file left behind

    save(report, original.replace(SIGNATURE, "signature: 无锡市新吴区银杏办公室"))
    fixed = watcher.next()
    assert fixed.ok, fixed.errors
    assert "无锡市新吴区银杏办公室" in document_xml(docx) and "水杉" not in document_xml(docx)


def test_a_save_through_a_backup_file_is_built_once(content, watcher):
    report = content / "report.yaml"
    assert watcher.next().ok
    save_as_vim(report, report.read_text(encoding="utf-8").replace(SIGNATURE, "signature: 无锡市新吴区水杉办公室"))
    rebuild = watcher.next()
    assert rebuild.ok, rebuild.errors
    assert rebuild.changed == (report.absolute(),)          # the backup (report.yaml~) is not read
    assert "无锡市新吴区水杉办公室" in document_xml(Path("out/xinwu-2023.docx"))


def test_a_content_folder_removed_and_made_again_is_watched_again(content, watcher):
    """A sync tool or a checkout may replace the whole folder: its removal is a failed rebuild
    (the last good files stay), and once it is back its saves are built again."""
    report, docx = content / "report.yaml", Path("out/xinwu-2023.docx")
    original = report.read_text(encoding="utf-8")
    assert watcher.next().ok
    good = docx.read_bytes()
    shutil.rmtree(content)
    gone = watcher.next()
    assert not gone.ok and gone.errors[0] == "xinwu-2023:1:1: no such content folder"
    assert docx.read_bytes() == good
    content.mkdir()
    empty = watcher.next()
    assert not empty.ok and empty.errors[0] == ("xinwu-2023/report.yaml:1:1: missing: a content folder holds its "
                                                "report in report.yaml")
    save(report, original)
    assert watcher.next().ok
    save(report, original.replace(SIGNATURE, "signature: 无锡市新吴区银杏办公室"))
    edited = watcher.next()
    assert edited.ok and edited.changed == (report.absolute(),)
    assert "无锡市新吴区银杏办公室" in document_xml(docx)


def test_a_save_of_a_file_the_build_does_not_read_is_not_a_rebuild(content, watcher):
    report = content / "report.yaml"
    assert watcher.next().ok
    (content / "notes.txt").write_text("a clerk's own notes", encoding="utf-8")
    (content / "seal.png").write_bytes(b"not read: no seal is named in report.yaml")
    save(report, report.read_text(encoding="utf-8").replace(SIGNATURE, "signature: 无锡市新吴区水杉办公室"))
    # the notes never cause a build; the image (a seal may be one) and report.yaml do, together
    # or one after the other, as the events fall
    changed: set[Path] = set()
    while report.absolute() not in changed:
        rebuild = watcher.next()
        assert rebuild.ok, rebuild.errors
        changed |= set(rebuild.changed)
    assert changed == {report.absolute(), (content / "seal.png").absolute()}


def test_a_changed_profile_is_loaded_again_and_its_errors_shown(content, tmp_path):
    profile = tmp_path / "house" / "profile.yaml"     # a house style kept beside the content
    profile.parent.mkdir()
    profile.write_text("extends: gbt9704\n", encoding="utf-8")
    watcher = Watcher(content, Path("out"), profile_name=str(profile))
    try:
        assert watcher.next().ok
        save(profile, "extends: gbt9704\ngrid:\n  lines_per_page: 0\n")
        broken = watcher.next()
        assert broken.changed == (profile,) and not broken.ok
        assert broken.errors[0].startswith("house/profile.yaml:3:19: grid.lines_per_page: ")
        assert broken.errors[-1] == f"{len(broken.errors) - 1} error(s) in the format profile; nothing was written."
        save(profile, "extends: gbt9704\n")
        assert watcher.next().ok
    finally:
        watcher.close()


def test_the_first_build_of_a_missing_folder_fails_and_ends_the_watch(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    [only] = list(rebuilds(Path("nowhere"), Path("out"), ("docx",), options=BuildOptions()))
    assert not only.ok
    assert only.errors == ("nowhere:1:1: no such content folder", "1 error(s); nothing was written.")
    assert not Path("out").exists()


def test_watch_is_a_command_with_its_options():
    result = CliRunner().invoke(main, ["watch", "--help"])
    assert result.exit_code == 0
    for option in ("--format [docx|pdf|ofd|html|json|all]", "--out", "--profile", "--no-check"):
        assert option in result.output
    assert "default: docx, pdf" in result.output


def test_watch_of_a_missing_folder_says_so_and_exits_non_zero(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["watch", "nowhere"])
    assert result.exit_code == 1
    assert result.output.splitlines() == ["nowhere:1:1: no such content folder", "1 error(s); nothing was written."]


def test_watch_prints_each_rebuild_and_ends_cleanly_on_ctrl_c(content):
    """The command in a process of its own: its first build's line, then Ctrl-C: exit 0, no traceback."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "docgen.cli", "watch", str(content), "--format", "docx",
                                "--out", "out"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line.rstrip("\n")) for line in process.stdout or ()],
                              daemon=True)
    reader.start()
    try:
        first = lines.get(timeout=WAIT_S)
        assert first.startswith("rebuilt in ") and first.endswith(" s: wrote out/xinwu-2023.docx")
        assert lines.get(timeout=WAIT_S) == "waiting for changes to xinwu-2023 (Ctrl-C ends)"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=WAIT_S) == 0
    finally:
        process.kill()
    assert "Traceback" not in (process.stderr.read() if process.stderr else "")
