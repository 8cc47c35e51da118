"""The batch on a task queue: examples/celery_batch.py run in-process in Celery's eager mode (no
broker, no worker). The task is the batch's own build_folder; its arguments and results are
plain JSON; each worker process prepares the profiles and fonts once when it starts."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen import batch
from docgen.cli import main
from docgen.paths import BUNDLED_EXAMPLE

EXAMPLE = Path(__file__).parent.parent / "examples" / "celery_batch.py"


@pytest.fixture
def celery_batch():
    """The example loaded afresh, its app in eager mode: a task runs where it is submitted."""
    spec = importlib.util.spec_from_file_location("celery_batch", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.app.conf.task_always_eager = True
    return module


def test_a_batch_of_three_runs_through_celery_and_comes_back_as_the_summary_table(celery_batch, tmp_path):
    folders = []
    for name, change in (("town-1", None), ("town-2", None), ("town-3", ("date: 2024-03-29 ", "date: 2024-13-01 "))):
        shutil.copytree(BUNDLED_EXAMPLE, tmp_path / name)
        if change:
            yaml_file = tmp_path / name / "report.yaml"
            yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
        folders.append(tmp_path / name)
    out = tmp_path / "out"
    request = batch.BuildRequest(str(out), ("docx",))
    results = celery_batch.submit(folders, request)
    assert [(r.folder, r.status, r.files) for r in results] == [
        (str(folders[0]), "ok", (str(out / "town-1.docx"),)),
        (str(folders[1]), "ok", (str(out / "town-2.docx"),)),
        (str(folders[2]), "failed", ())]
    assert results[2].errors == (
        f"{folders[2]}/report.yaml:10:7: date: expected a date like 2024-03-29, got '2024-13-01' (month must be "
        "in 1..12)", f"1 error(s) in {folders[2]}; nothing was written.")
    assert sorted(p.name for p in out.iterdir()) == ["town-1.docx", "town-2.docx"]
    single = CliRunner().invoke(main, ["build", str(folders[0]), "--out", str(tmp_path / "single")])
    assert single.exit_code == 0
    assert (out / "town-1.docx").read_bytes() == (tmp_path / "single" / "town-1.docx").read_bytes()
    for result in results:          # what crosses the wire: JSON, and back the same
        assert batch.FolderResult.from_dict(json.loads(json.dumps(result.as_dict()))) == result
    assert batch.BuildRequest.from_dict(json.loads(json.dumps(request.as_dict()))) == request
    assert batch.summary_table(results)[-1] == "2 of 3 folder(s) built, 1 failed"


def test_the_command_line_of_the_example_prints_the_table_and_exits_1_on_a_failure(celery_batch, tmp_path,
                                                                                  capsys):
    shutil.copytree(BUNDLED_EXAMPLE, tmp_path / "town-1")
    assert celery_batch.main([str(tmp_path / "town-1"), str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 1
    shown = capsys.readouterr()
    assert shown.out.splitlines()[-1] == "1 of 2 folder(s) built, 1 failed"
    assert shown.err == (f"{tmp_path}/missing:1:1: no such content folder\n"
                         f"1 error(s) in {tmp_path}/missing; nothing was written.\n")
    assert (tmp_path / "o" / "town-1.docx").is_file() and (tmp_path / "o" / "town-1.pdf").is_file()


def test_each_worker_process_prepares_profiles_and_fonts_when_it_starts(celery_batch, monkeypatch):
    from celery.signals import worker_process_init
    monkeypatch.setattr(batch, "_PROFILES", {})
    monkeypatch.setattr(batch, "_FONTS_READY", set())
    worker_process_init.send(sender=None)
    assert set(batch._PROFILES) == {"gbt9704", "briefing"}
    assert batch._FONTS_READY == {("gbt9704", False), ("briefing", False)}
