#!/usr/bin/env python3
"""Wall time and peak memory of building the bundled report, printed as a table.

    .venv/bin/python benchmarks/bench_build.py [--runs 5] [--no-cold] [--no-libreoffice]

Each build is a fresh `docgen build` process, as a clerk runs it, with Python's
compiled-module cache on (as on any normal machine; some sandboxes set
PYTHONDONTWRITEBYTECODE, which would add the compile time of every module to
every run). "warm" means the fonts are already prepared in the cache; "cold"
starts from an empty font cache (the first run on a machine). Two other tools run on the same
report in the same run, for comparison, each as a ratio of its median to docgen's: pandoc writing a
DOCX from the report as Markdown (benchmarks/report_markdown.py; text and headings only, no official
format), and LibreOffice converting docgen's DOCX to PDF. "import docx (bundled)" times
`import_report` of the DOCX just built, in this process (after one run that loads the modules):
what `docgen import` adds to Python's start.
Targets (2-core machine, issue 16): `build --format docx` ≤ 0.15 s and `--format all` ≤ 0.40 s as a
process, warm; import ≤ 0.5 s. Process times are noisy on a loaded machine: the minimum is the
figure to compare, the median and maximum show the spread. "imports (docx)" lists which heavy
libraries a DOCX build loads (from `python -X importtime`): never reportlab or fontTools. Note that
`--format all` writes eight files: the report as DOCX, PDF, OFD, web page and JSON, its 简报 as DOCX,
PDF and OFD (the PDF and the OFD drawn from one layout; benchmarks/bench_ofd.py times the two drawings).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCGEN = Path(sys.executable).parent / "docgen"
TARGETS = {"docx": 0.15, "all": 0.40}
HEAVY = ("reportlab", "fontTools", "docx", "jinja2", "lxml", "ruamel")
IMPORT_TARGET = 0.5


def clerk_environment(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def run(command: list[str], env: dict | None = None) -> tuple[float, int]:
    """(seconds, peak resident memory in MB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env or clerk_environment(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024


def measure(label: str, command: list[str], runs: int, env: dict | None = None,
            compared: tuple[str, list[float]] | None = None) -> list[float]:
    """One row: median, min, max, peak memory; against its target (warm builds) or, for another
    tool, as the ratio of its median to docgen's (compared: docgen's label and times)."""
    results = [run(command, env) for _ in range(runs)]
    times = [t for t, _ in results]
    peak = max(m for _, m in results)
    target = TARGETS.get(label.split()[0]) if label.endswith("warm") else None
    verdict = "" if target is None else ("  ok (min)" if min(times) <= target else f"  over {target} s (min)")
    if compared is not None:
        ratio = statistics.median(times) / statistics.median(compared[1])
        verdict = f"  {ratio:.2f} × docgen's {compared[0]}"
    print(f"{label:<24}{statistics.median(times):8.2f}{min(times):8.2f}{max(times):8.2f}{peak:9d}{runs:6d}{verdict}")
    return times


def measure_pandoc(out: Path, runs: int, docgen_docx: list[float]) -> None:
    """pandoc (PyPI's pypandoc-binary) writing a DOCX from the same report as Markdown (text,
    headings, tables; none of the official format), as a process: what a general converter costs."""
    try:
        import pypandoc
        pandoc = pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        print(f"{'pandoc md→docx':<24}{'n/a':>8}   ({exc})")
        return
    sys.path.insert(0, str(Path(__file__).parent))
    from report_markdown import markdown
    source = out / "xinwu-2023.md"
    source.write_text(markdown(out / "xinwu-2023.json"), encoding="utf-8")
    measure("pandoc md→docx", [pandoc, str(source), "-o", str(out / "pandoc.docx")], runs,
            compared=("docx warm", docgen_docx))


def heavy_imports(command: list[str]) -> None:
    """Which of the heavy libraries the command's process imports, each with its import time
    (the cumulative time of its modules imported from outside it, from `python -X importtime`)."""
    traced = subprocess.run([sys.executable, "-X", "importtime", "-m", "docgen.cli", *command[1:]],
                            capture_output=True, text=True, env=clerk_environment())
    if traced.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{traced.stderr[-2000:]}")
    rows = []                                   # (indent, top-level package, cumulative µs); children first
    for line in traced.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2 and "cumulative" not in line:
            _, cumulative, name = line.split("|")
            rows.append((len(name) - len(name.lstrip()), name.strip().split(".")[0], int(cumulative)))
    loaded: dict[str, int] = {}
    parents: list[tuple[int, str]] = []         # the open ancestors, read from the last line up
    for indent, package, micros in reversed(rows):
        while parents and parents[-1][0] >= indent:
            parents.pop()
        if package in HEAVY and (not parents or parents[-1][1] != package):
            loaded[package] = loaded.get(package, 0) + micros
        parents.append((indent, package))
    shown = ", ".join(f"{name} {loaded[name] / 1000:.0f} ms" for name in HEAVY if name in loaded) or "none"
    absent = ", ".join(name for name in HEAVY if name not in loaded) or "none"
    print(f"{'imports (docx)':<24}{shown}; not loaded: {absent}")


def measure_import(docx: Path, runs: int) -> None:
    """import_report of the bundled report's DOCX, each run into a new folder; n/a while
    docgen has no DOCX reader (or recogniser) yet."""
    label = "import docx (bundled)"
    from docgen.importing import import_report
    times = []
    with tempfile.TemporaryDirectory(prefix="docgen-bench-import-") as folder:
        for run in range(runs + 1):            # run 0 loads the modules
            start = time.perf_counter()
            try:
                import_report(docx, Path(folder) / f"run-{run}")
            except ModuleNotFoundError as exc:
                print(f"{label:<24}{'n/a':>8}   (docgen has no {exc.name} yet)")
                return
            if run:
                times.append(time.perf_counter() - start)
    verdict = "  ok" if statistics.median(times) <= IMPORT_TARGET else f"  over {IMPORT_TARGET} s"
    print(f"{label:<24}{statistics.median(times):8.2f}{min(times):8.2f}{max(times):8.2f}{'-':>9}{runs:6d}{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-cold", action="store_true", help="skip the cold font cache run (≈ 40 s)")
    parser.add_argument("--no-libreoffice", action="store_true")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="docgen-bench-"))
    build = [str(DOCGEN), "build", str(ROOT / "content" / "xinwu-2023"), "--out", str(out)]
    for _ in range(2):          # fonts prepared, modules compiled and cached
        subprocess.run(build + ["--format", "all"], check=True, capture_output=True, env=clerk_environment())
    print(f"{'':<24}{'median':>8}{'min':>8}{'max':>8}{'peak MB':>9}{'runs':>6}   (seconds)")
    docgen = {fmt: measure(f"{fmt} warm", build + ["--format", fmt], args.runs) for fmt in ("docx", "pdf", "all")}
    measure_pandoc(out, args.runs, docgen["docx"])
    heavy_imports(build + ["--format", "docx"])
    measure_import(out / "xinwu-2023.docx", args.runs)
    if not args.no_cold:
        with tempfile.TemporaryDirectory(prefix="docgen-cold-cache-") as cache:
            env = clerk_environment(DOCGEN_CACHE_DIR=cache)
            measure("pdf cold font cache", build + ["--format", "pdf"], 1, env)
    if not args.no_libreoffice:
        sys.path.insert(0, str(ROOT / "tests"))     # LibreOffice rendering is test support
        from libreoffice import soffice
        if soffice() is None:
            print("libreoffice: not installed")
        else:
            convert = [sys.executable, "-c", "import sys; from pathlib import Path; "
                       f"sys.path.insert(0, {str(ROOT / 'tests')!r}); from libreoffice import docx_to_pdf; "
                       "docx_to_pdf(Path(sys.argv[1]), Path(sys.argv[2]))",
                       str(out / "xinwu-2023.docx"), str(out / "lo")]
            measure("libreoffice docx→pdf", convert, min(args.runs, 5), compared=("pdf warm", docgen["pdf"]))


if __name__ == "__main__":
    main()
