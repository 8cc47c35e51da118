#!/usr/bin/env python3
"""Many reports at once: `docgen build --all DIR --format all --jobs N` on copies of the bundled
report, as one process (a city's 依法治市办 building its districts' reports), printed as a table.

    .venv/bin/python benchmarks/bench_batch.py [--reports 100] [--runs 3] [--jobs 2]

Each copy is the bundled report under a folder name of its own (so each writes files of its own);
every copy is built in full, all eight files (report DOCX, PDF, OFD, web page, JSON; 简报 DOCX, PDF,
OFD). Fonts are already prepared (one warm-up build). The figure is the whole process: start-up,
the workers, every file written. Target (issue 16): 100 reports on 2 cores ≤ 12 s.
Also shown: --jobs 1, the same batch in one worker, for the gain of the second core.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCGEN = Path(sys.executable).parent / "docgen"
TARGET_SECONDS_PER_100 = 12.0


def clerk_environment() -> dict:
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def copies(root: Path, count: int) -> Path:
    """count copies of the bundled report's folder under root/contents (district-01-2023, …)."""
    contents = root / "contents"
    for n in range(1, count + 1):
        shutil.copytree(ROOT / "content" / "xinwu-2023", contents / f"district-{n:03d}-2023")
    return contents


def batch_seconds(contents: Path, out: Path, jobs: int) -> float:
    shutil.rmtree(out, ignore_errors=True)
    command = [str(DOCGEN), "build", "--all", str(contents), "--format", "all", "--jobs", str(jobs),
               "--out", str(out)]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, env=clerk_environment())
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr.decode()[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="docgen-bench-batch-") as folder:
        root = Path(folder)
        contents = copies(root, args.reports)
        subprocess.run([str(DOCGEN), "build", str(ROOT / "content" / "xinwu-2023"), "--format", "all",
                        "--out", str(root / "warm-up")], check=True, capture_output=True, env=clerk_environment())
        target = TARGET_SECONDS_PER_100 * args.reports / 100
        print(f"{args.reports} reports × 8 files, {os.cpu_count()} CPUs on this machine")
        print(f"{'':<28}{'median':>8}{'min':>8}{'max':>8}{'per report':>12}{'runs':>6}   (seconds)")
        for jobs in dict.fromkeys((args.jobs, 1)):
            times = [batch_seconds(contents, root / "out", jobs) for _ in range(args.runs)]
            median = statistics.median(times)
            verdict = ("  ok" if median <= target else f"  over {target:g} s") if jobs == args.jobs else ""
            files = sum(1 for _ in (root / "out").iterdir())
            print(f"{f'--jobs {jobs} ({files} files)':<28}{median:8.2f}{min(times):8.2f}{max(times):8.2f}"
                  f"{median / args.reports:12.3f}{args.runs:6d}{verdict}")


if __name__ == "__main__":
    main()
