"""The library's entry points behind the CLI: load, resolve, render, write.

Every requested format is rendered in memory first and written only when all
succeeded, so a failing build (bad content, a missing glyph) writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .fonts import OnProgress
from .load import load_report
from .model import Report
from .output import write_atomically
from .profile import Profile
from .resolve import resolve
from .writers import docx as docx_writer

FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class BuildOptions:
    strict_fonts: bool = False                  # refuse substitutes for the official fonts
    on_progress: OnProgress | None = None       # font preparation progress


def load_resolved(content_dir: Path, profile: Profile) -> Report:
    """Load and resolve a report; raises ContentErrors on any problem."""
    return resolve(load_report(content_dir), profile)


def output_path(report: Report, out_dir: Path, fmt: str) -> Path:
    return Path(out_dir) / f"{report.name}.{fmt}"


@dataclass(frozen=True)
class Built:
    paths: list[Path]
    notes: list[str]            # things the user should know, e.g. characters set in the fallback font


def render(report: Report, profile: Profile, fmt: str, options: BuildOptions, notes: list[str]) -> bytes:
    if fmt == "docx":
        return docx_writer.render(report, profile)
    # reportlab loads only when a PDF is asked for: a DOCX build stays quick.
    from .pdf_fonts import PdfFonts
    from .writers import pdf as pdf_writer
    fonts = PdfFonts(profile, strict=options.strict_fonts, on_progress=options.on_progress)
    data = pdf_writer.render(report, profile, fonts)
    fallback = fonts.choices.get("fallback")
    notes += [f"{used} — set in the fallback font {fallback.family}"
              for used in dict.fromkeys(fonts.fallback_used)]
    return data


def build(content_dir: Path, profile: Profile, formats: tuple[str, ...], out_dir: Path,
          options: BuildOptions = BuildOptions()) -> Built:
    """Write each requested format; nothing is written if any of them fails."""
    report = load_resolved(content_dir, profile)
    notes: list[str] = []
    outputs = {output_path(report, out_dir, fmt): render(report, profile, fmt, options, notes) for fmt in formats}
    for path, data in outputs.items():
        write_atomically(path, data)
    return Built(list(outputs), notes)
