"""The library's entry points behind the CLI: load, resolve, render, write.

Every requested format is rendered in memory first and written only when all
succeeded, so a failing build (bad content, a missing glyph) writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .brief import condense
from .drafting import draft_items
from .errors import ContentError
from .fonts import OnProgress
from .load import load_report
from .model import Report
from .output import write_atomically
from .profile import Profile, load_profile
from .resolve import resolve
from .writers import docx as docx_writer

FORMATS = ("docx", "pdf")
BRIEF_PROFILE = "briefing"


@dataclass(frozen=True)
class BuildOptions:
    strict_fonts: bool = False                  # refuse substitutes for the official fonts
    on_progress: OnProgress | None = None       # font preparation progress
    final: bool = False                         # refuse a draft: every open item must be done


class NotFinal(Exception):
    """`--final` and the content is still a draft."""

    def __init__(self, items: list[ContentError]):
        super().__init__(f"{len(items)} open item(s)")
        self.items = items


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


def render_brief(report: Report, resolved: Report, profile: Profile, fmt: str, options: BuildOptions,
                 notes: list[str]) -> bytes:
    """The 简报 condensed from the report, in one format; its notes say what was left out."""
    briefing = condense(report, resolved, profile)
    for note in briefing.notes:
        if note not in notes:
            notes.append(note)
    if fmt == "docx":
        return docx_writer.render_blocks(briefing.blocks_for, profile, briefing.info)
    from .pdf_fonts import PdfFonts
    from .writers import pdf as pdf_writer
    fonts = PdfFonts(profile, strict=options.strict_fonts, on_progress=options.on_progress)
    return pdf_writer.render_blocks(briefing.blocks_for, profile, fonts, briefing.info)


def build(content_dir: Path, profile: Profile, formats: tuple[str, ...], out_dir: Path,
          options: BuildOptions = BuildOptions(), brief_formats: tuple[str, ...] = (),
          brief_profile: Profile | None = None) -> Built:
    """Write each requested format of the report and of its 简报 (<name>-brief.<format>);
    nothing is written if any of them fails."""
    report = load_report(content_dir)
    resolved = resolve(report, profile)
    open_items = draft_items(report)
    if options.final and open_items:
        raise NotFinal(open_items)
    notes: list[str] = []
    if open_items:
        notes.append(f"a draft: {len(open_items)} open item(s), marked in the output "
                     "(docgen validate lists them; build --final refuses until they are done)")
    outputs = {output_path(resolved, out_dir, fmt): render(resolved, profile, fmt, options, notes)
               for fmt in formats}
    if brief_formats:
        brief_profile = brief_profile or load_profile(BRIEF_PROFILE)
        brief_resolved = resolve(report, brief_profile)
        for fmt in brief_formats:
            path = Path(out_dir) / f"{resolved.name}-brief.{fmt}"
            outputs[path] = render_brief(report, brief_resolved, brief_profile, fmt, options, notes)
    for path, data in outputs.items():
        write_atomically(path, data)
    return Built(list(outputs), notes)
