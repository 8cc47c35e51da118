#!/usr/bin/env python3
"""Rendering speed: each format of the bundled report in a warm process, the fonts' load in a
fresh one, and a 400-page report, printed as tables (bench_batch.py times many reports at once).

    .venv/bin/python benchmarks/bench_render.py [--runs 9] [--long-runs 3]

1. Steady state, one process, fonts loaded (as a batch worker or `docgen watch` runs): CPU
   seconds (time.process_time) of each step of a build of the bundled report, each on a
   fresh renderer (so that each fixed-layout format includes its layout), and of the whole
   build of all eight files (report docx/pdf/ofd/html/json, 简报 docx/pdf/ofd).
   Target: the whole build ≤ 0.24 CPU-s, so that 100 reports on 2 cores take ≤ 12 s.
2. The fonts' first load in a fresh process (PdfFonts of the report's profile and the
   简报's): with reportlab parsing every font, and with the parse saved in the font cache
   (pdf/face_cache.py), as every build after the first on a machine loads them.
3. The bundled report repeated to ≥ 400 pages (tests/repeated_report.py), all formats, as a
   clerk builds it (`docgen build DIR --format all`, its PDFs drawn in a forked second
   process): wall time of the command, and the peak resident memory of the larger of its two
   processes (the second shares the first's pages until either writes). Target: ≤ 4 s, ≤ 250 MB.

Figures are min / median / max of the runs. The machine may be shared: the minimum is the
figure to compare; wall times (2, 3) are noisy when other work runs, CPU times (1) less so.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "content" / "xinwu-2023"
ALL = ("docx", "pdf", "ofd", "html", "json")
BRIEF = ("docx", "pdf", "ofd")
DOCGEN = Path(sys.executable).parent / "docgen"
STEADY_TARGET, LONG_TARGET, LONG_MEMORY_MB = 0.24, 4.0, 250


def row(label: str, values: list[float], unit: str = "s", note: str = "") -> None:
    print(f"  {label:<34}{min(values):9.3f}{statistics.median(values):9.3f}{max(values):9.3f} {unit:<6}"
          f"{len(values):5d}  {note}")


def header(title: str) -> None:
    print(f"\n{title}\n  {'':<34}{'min':>9}{'median':>9}{'max':>9} {'unit':<6}{'runs':>5}")


def verdict(value: float, target: float) -> str:
    return f"target {target}: {'ok' if value <= target else 'over'}"


def child_environment(**extra: str) -> dict[str, str]:
    """For a child Python: the docgen this process imported, whatever the child's folder."""
    import docgen
    source = str(Path(docgen.__file__).resolve().parent.parent)
    path = os.pathsep.join(p for p in (source, os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


def cpu_times(step: Callable[[], object], runs: int) -> list[float]:
    step()                                      # modules imported, fonts loaded
    return [cpu_time(step) for _ in range(runs)]


def cpu_time(step: Callable[[], object]) -> float:
    start = time.process_time()
    step()
    return time.process_time() - start


def steady_state(runs: int) -> None:
    from docgen.build import BRIEF_PROFILE, BuildOptions, _Renderer, build
    from docgen.checking.lint import lint_loaded
    from docgen.content.load import load_report_and_texts
    from docgen.content.resolve import resolve
    from docgen.document.plan import plan
    from docgen.format.profile import load_profile
    from docgen.pdf.pages import lay_out

    profile, brief_profile = load_profile(), load_profile(BRIEF_PROFILE)
    report, texts = load_report_and_texts(BUNDLED)
    resolved = resolve(report, profile)

    def renderer() -> _Renderer:
        return _Renderer(BuildOptions(), [], brief_profile)

    def loaded() -> None:
        loaded_report, loaded_texts = load_report_and_texts(BUNDLED)
        lint_loaded(loaded_report, loaded_texts, resolve(loaded_report, profile), profile)

    header("1. steady state, one warm process, bundled report (CPU seconds)")
    row("load + resolve + lint", cpu_times(loaded, runs))
    row("fonts (PdfFonts, loaded)", cpu_times(lambda: renderer().fonts(profile), runs))
    fonts = renderer().fonts(profile)
    row("report layout (pdf/pages.lay_out)",
        cpu_times(lambda: lay_out(lambda measure: plan(resolved, profile, measure), profile, fonts), runs))
    for fmt in ALL:
        row(f"report {fmt}", cpu_times(lambda fmt=fmt: renderer().report(resolved, profile, fmt), runs),
            note="(with the 简报's selection)" if fmt == "json" else "(layout included)" if fmt in ("pdf", "ofd")
            else "")
    row("简报 selection (condense)", cpu_times(lambda: renderer().briefing(resolved), runs))
    for fmt in BRIEF:
        row(f"简报 {fmt}", brief_times(renderer, resolved, fmt, runs), note="(selection not included)")
    with tempfile.TemporaryDirectory(prefix="docgen-bench-render-") as out:
        whole = cpu_times(lambda: build(BUNDLED, profile, ALL, Path(out), brief_formats=BRIEF,
                                        brief_profile=brief_profile), runs)
    row("whole build, all 8 files", whole, note=verdict(min(whole), STEADY_TARGET))


def brief_times(renderer, resolved, fmt: str, runs: int) -> list[float]:
    """CPU seconds of the 简报's format alone, on a renderer that has made its selection."""
    spent = []
    for _ in range(runs + 1):
        made = renderer()
        made.briefing(resolved)
        start = time.process_time()
        made.brief(resolved, fmt)
        spent.append(time.process_time() - start)
    return spent[1:]


_FONT_LOAD = """
import time
from docgen.build import BRIEF_PROFILE
from docgen.format.profile import load_profile
from docgen.pdf.fonts import PdfFonts
import reportlab.pdfbase.ttfonts
profiles = [load_profile(), load_profile(BRIEF_PROFILE)]
start = time.perf_counter()
for profile in profiles:
    PdfFonts(profile)
print(time.perf_counter() - start)
"""


def font_load(runs: int) -> None:
    """A copy of the font cache without the saved parses: the first process parses and saves them."""
    from docgen.fonts.cache import cache_dir
    header("2. the fonts' first load in a fresh process (wall seconds)")
    with tempfile.TemporaryDirectory(prefix="docgen-bench-cache-") as cache:
        shutil.copytree(cache_dir() / "fonts", Path(cache) / "fonts", ignore=shutil.ignore_patterns("*.face"))
        env = child_environment(DOCGEN_CACHE_DIR=cache)

        def load() -> float:
            done = subprocess.run([sys.executable, "-c", _FONT_LOAD], env=env, cwd=cache, check=True,
                                  capture_output=True, text=True)
            return float(done.stdout)
        parsed = []
        for _ in range(runs):
            for saved in (Path(cache) / "fonts").glob("*.face"):
                saved.unlink()
            parsed.append(load())
        row("parsed by reportlab (and saved)", parsed)
        row("from the saved parse", [load() for _ in range(runs)])


def long_report(runs: int) -> None:
    sys.path.insert(0, str(ROOT / "tests"))     # the repeated report is a test helper
    from repeated_report import SIZES, repeated_report
    groups, copies = SIZES[400]
    with tempfile.TemporaryDirectory(prefix="docgen-bench-long-") as root:
        folder = repeated_report(Path(root) / "long400-2023", groups, copies)
        walls, peaks = [], []
        for run in range(runs):
            out = Path(root) / f"out{run}"
            start = time.perf_counter()
            process = subprocess.Popen([DOCGEN, "build", str(folder), "--format", "all", "--out", str(out)],
                                       cwd=root, env=child_environment(), stdout=subprocess.DEVNULL,
                                       stderr=subprocess.PIPE, text=True)
            _, status, usage = os.wait4(process.pid, 0)
            walls.append(time.perf_counter() - start)
            if status != 0:
                sys.exit(f"the long build failed:\n{process.stderr.read()}")
            peaks.append(usage.ru_maxrss / 1024)     # the larger of the two processes (the PDFs' is forked)
        import pdfplumber
        with pdfplumber.open(out / "long400-2023.pdf") as pdf:
            pages = len(pdf.pages)
    header(f"3. the bundled report repeated to {pages} pages, all formats, a fresh process each run")
    row("docgen build, a process (wall)", walls, note=verdict(min(walls), LONG_TARGET))
    row("peak resident memory", peaks, "MB", verdict(max(peaks), LONG_MEMORY_MB))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9, help="repeats of each steady-state step and font load")
    parser.add_argument("--long-runs", type=int, default=3, help="builds of the 400-page report (0: skip them)")
    args = parser.parse_args()
    steady_state(args.runs)
    font_load(min(args.runs, 5))
    if args.long_runs:
        long_report(args.long_runs)


if __name__ == "__main__":
    main()
