"""The library's entry points behind the CLI: load, resolve, write."""

from __future__ import annotations

from pathlib import Path

from .load import load_report
from .model import Report
from .profile import Profile
from .resolve import resolve
from .writers import docx as docx_writer

WRITERS = {"docx": docx_writer}
FORMATS = tuple(WRITERS)


def load_resolved(content_dir: Path, profile: Profile) -> Report:
    """Load and resolve a report; raises ContentErrors on any problem."""
    return resolve(load_report(content_dir), profile)


def output_path(report: Report, out_dir: Path, fmt: str) -> Path:
    return Path(out_dir) / f"{report.name}.{fmt}"


def build(content_dir: Path, profile: Profile, formats: tuple[str, ...], out_dir: Path) -> list[Path]:
    """Write each requested format; nothing is written if the content has errors."""
    report = load_resolved(content_dir, profile)
    written = []
    for fmt in formats:
        path = output_path(report, out_dir, fmt)
        WRITERS[fmt].write(report, profile, path)
        written.append(path)
    return written
