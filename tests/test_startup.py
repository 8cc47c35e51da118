"""What a command loads at start: `docgen build --format docx` of the bundled report and
`docgen validate` import only what they use (issue 16: a DOCX build as a process in
≤ 0.15 s). Each command runs in a process of its own under `python -X importtime`, which
lists every module the process imported; the lists are checked, not the times (a loaded
machine makes times noisy: benchmarks/bench_build.py prints them).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from docgen.format.profile import load_profile
from docgen.paths import TEMPLATES_DIR

ROOT = Path(__file__).resolve().parent.parent
PDF_SIDE = ("reportlab", "fontTools", "pdfminer", "cairosvg")      # the PDF's and the OFD's libraries
_IMPORTED = re.compile(r"^import time:\s+\d+\s+\|\s+\d+\s+\|\s*(\S+)\s*$")


def imported_by(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess, set[str]]:
    """The finished `docgen ARGS` process and every module it imported."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "docgen.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    modules = {m.group(1) for line in done.stderr.splitlines() if (m := _IMPORTED.match(line))}
    return done, modules


def packages(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in names)


def test_docx_build_imports_nothing_of_the_pdf(tmp_path):
    done, modules = imported_by(["build", "--format", "docx", "--out", str(tmp_path)], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "xinwu-2023.docx").stat().st_size > 10_000
    assert {"lxml.etree", "docgen.docx.writer", "docgen.checking.lint"} <= modules     # the list is read right
    assert packages(modules, PDF_SIDE) == []
    # docgen writes the package itself (docx/package.py): python-docx (~50 ms of imports) is not loaded.
    assert packages(modules, ("docx",)) == []
    assert [m for m in modules if m.startswith(("docgen.pdf.fonts", "docgen.pdf.draw", "docgen.ofd", "docgen.html",
                                                "docgen.importing", "docgen.report_json"))] == []
    # Its templates are plain lookups ({{ metrics.x }}): rendered without Jinja (templating.py).
    assert packages(modules, ("jinja2",)) == [] and "docgen.content.sandbox" not in modules
    # The 简报's selection and its profile only when a 简报 (or the JSON) is made.
    assert "docgen.document.brief_select" not in modules
    assert [m for m in modules if m.startswith(("xml.sax", "urllib.request"))] == []    # docx/package.py


def test_a_build_of_every_format_loads_no_web_or_mail_modules(tmp_path):
    """The DOCX's and the OFD's parts are escaped by docgen.xml_text: xml.sax.saxutils, which
    loads urllib.request, http and the e-mail package (~17 ms), is not imported."""
    done, modules = imported_by(["build", "--format", "all", "--out", str(tmp_path)], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "xinwu-2023.ofd").stat().st_size > 10_000
    assert {"docgen.ofd.writer", "docgen.ofd.package", "docgen.docx.package", "docgen.xml_text"} <= modules
    assert [m for m in modules if m.startswith(("xml.sax", "urllib.request", "http", "email"))] == []


def test_validate_imports_no_writer(tmp_path):
    done, modules = imported_by(["validate"], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "xinwu-2023" in done.stdout and ": ok —" in done.stdout
    assert {"docgen.content.resolve", "docgen.document.plan"} <= modules
    assert packages(modules, PDF_SIDE + ("docx", "lxml", "jinja2")) == []
    assert [m for m in modules if m.startswith(("docgen.docx", "docgen.checking", "docgen.importing"))] == []


def test_a_profile_is_read_once_while_its_files_stay_the_same(tmp_path):
    """load_profile keeps what it checked; a changed file (same size and times) is read again,
    and so is the profile it extends."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR / "gbt9704", templates / "gbt9704")
    (templates / "mine").mkdir()
    (templates / "mine" / "profile.yaml").write_text("extends: gbt9704\nname: mine\n", encoding="utf-8")
    first = load_profile("mine", templates)
    assert load_profile("mine", templates) is first and first.body.size_pt == 16
    base = templates / "gbt9704" / "profile.yaml"
    text = base.read_text(encoding="utf-8")
    body = "  body:                    # 正文\n    font: fangsong\n    size: 三号\n"
    assert body in text
    before = base.stat()
    base.write_text(text.replace(body, body.replace("三号", "四号")), encoding="utf-8")    # as many bytes
    os.utime(base, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert base.stat().st_size == before.st_size
    again = load_profile("mine", templates)
    assert again is not first and again.body.size_pt == 14
    assert load_profile("mine", templates) is again


_COLLECTOR_AT_EXIT = (
    "import atexit, gc, sys\n"
    "from docgen import cli\n"
    "atexit.register(lambda: print('collector on:', gc.isenabled(), 'frozen:', gc.get_freeze_count() > 0))\n"
    "sys.argv[1:] = {args!r}\n"
    "cli.run()\n")


def collector_at_exit(args: list[str], cwd: Path) -> str:
    """What the `docgen ARGS` command's process (cli.run) left of the garbage collector at its exit."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _COLLECTOR_AT_EXIT.format(args=args)], cwd=cwd, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.splitlines()[-1]


def test_a_one_off_build_runs_without_the_collector_and_freezes_its_objects_at_exit(tmp_path):
    assert collector_at_exit(["build", "--out", str(tmp_path)], tmp_path) == "collector on: False frozen: True"
    assert (tmp_path / "xinwu-2023.docx").exists()


def test_a_batch_keeps_the_collector_for_its_many_builds(tmp_path):
    for name in ("a", "b"):
        shutil.copytree(ROOT / "content" / "xinwu-2023", tmp_path / name)
    assert collector_at_exit(["build", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(tmp_path / "out")],
                             tmp_path) == "collector on: True frozen: False"


def test_the_commands_run_in_process_keep_the_collector(tmp_path):
    """Tests and library callers call main() in their own process: it is never switched off there."""
    from click.testing import CliRunner

    from docgen.cli import main
    assert CliRunner().invoke(main, ["build", "--out", str(tmp_path)]).exit_code == 0
    import gc
    assert gc.isenabled()
