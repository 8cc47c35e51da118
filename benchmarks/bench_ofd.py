#!/usr/bin/env python3
"""The OFD drawing step against the PDF drawing step, for the bundled report.

    .venv/bin/python benchmarks/bench_ofd.py [--runs 20]

Both draw the same layout (pdf/pages.lay_out, run once here, as `build --format all`
runs it once): the PDF on the reportlab canvas with its font subsets, the OFD as XML
parts with fontTools subsets, zipped. In one process, fonts prepared and loaded and one
run of each first (modules imported, fonts parsed), so that only drawing is timed.
Target: OFD ≤ PDF (median).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from docgen.content.load import load_report
from docgen.content.resolve import resolve
from docgen.document.plan import plan, report_info
from docgen.format.profile import load_profile
from docgen.ofd import writer as ofd_writer
from docgen.pdf import draw as pdf_writer
from docgen.pdf.fonts import PdfFonts
from docgen.pdf.pages import lay_out

ROOT = Path(__file__).resolve().parent.parent


def times(step: Callable[[], bytes], runs: int) -> list[float]:
    step()
    result = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        result.append(time.perf_counter() - start)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    profile = load_profile()
    report = resolve(load_report(ROOT / "content" / "xinwu-2023"), profile)
    fonts = PdfFonts(profile)
    info = report_info(report)
    start = time.perf_counter()
    layout = lay_out(lambda measure: plan(report, profile, measure), profile, fonts)
    print(f"layout (once, shared): {time.perf_counter() - start:.3f} s, {len(layout.pages)} pages")
    print(f"{'draw':<8}{'min':>8}{'median':>8}{'max':>8}{'runs':>6}   (seconds)")
    medians = {}
    for name, writer in (("pdf", pdf_writer), ("ofd", ofd_writer)):
        measured = times(lambda draw=writer.draw: draw(layout, profile, fonts, info), args.runs)
        medians[name] = statistics.median(measured)
        print(f"{name:<8}{min(measured):8.3f}{medians[name]:8.3f}{max(measured):8.3f}{args.runs:6d}")
    verdict = "ok" if medians["ofd"] <= medians["pdf"] else "over"
    print(f"ofd / pdf (median): {medians['ofd'] / medians['pdf']:.2f}  {verdict} (target ≤ 1)")


if __name__ == "__main__":
    main()
