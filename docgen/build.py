"""The library's entry points behind the CLI: load, resolve, render, write.

Every requested format is rendered in memory first and written only when all
succeeded, all together (output.write_all), so a failing build (bad content, a
missing glyph, a full disk) replaces none of the files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from docgen.format.profile import Profile, load_profile
from docgen.output import write_all
from docgen.record import record

if TYPE_CHECKING:
    from docgen.checking.findings import Finding
    from docgen.content.model import Report
    from docgen.document.blocks import DocumentInfo
    from docgen.document.brief_select import Briefing
    from docgen.errors import ContentError
    from docgen.fonts.cache import OnProgress

# The checks, the 简报's selection and each writer are imported where they are used: a
# DOCX build loads no PDF, OFD or web page code, nor reportlab or fontTools (issue 16).

FORMATS = ("docx", "pdf", "ofd", "html", "json")    # the report's
BRIEF_FORMATS = ("docx", "pdf", "ofd")              # the 简报's: for print and 电子公文, no web page or data
FIXED_LAYOUT_FORMATS = ("pdf", "ofd")               # drawn from one layout set in the PDF's fonts
SECOND_PROCESS_FORMATS = ("pdf",)   # drawn in a second process where it helps: the heaviest (two_processes.py)
BRIEF_PROFILE = "briefing"


@record
class BuildOptions:
    strict_fonts: bool = False                  # refuse substitutes for the official fonts
    on_progress: OnProgress | None = None       # font preparation progress
    final: bool = False                         # refuse a draft: every open item must be done
    check: bool = True                          # refuse content with error-level lint findings (docgen check)
    second_process: bool = False                # draw the PDFs in a forked process (two_processes.py): CLI only


class CheckFailed(Exception):
    """The content has error-level findings (docgen check) and the build was not told --no-check."""

    def __init__(self, findings: Sequence[Finding]):
        super().__init__(f"{len(findings)} error(s) found by docgen check")
        self.findings = list(findings)


class NotFinal(Exception):
    """`--final` and the content is still a draft."""

    def __init__(self, items: Sequence[ContentError]):
        super().__init__(f"{len(items)} open item(s)")
        self.items = list(items)


def output_path(report: Report, out_dir: Path, fmt: str) -> Path:
    return Path(out_dir) / f"{report.name}.{fmt}"


@record
class Built:
    paths: list[Path]
    notes: list[str]            # things the user should know, e.g. characters set in the fallback font
    left_out: list[str]         # what the 简报's page limit left out, one line each (for `brief --explain`)
    pages: int | None = None    # the report's pages, where a fixed layout (PDF, OFD) counted them


class _Renderer:
    """Renders one build's outputs, preparing what they share once: the fonts, the 简报, the
    fixed layout the PDF and the OFD both draw."""

    def __init__(self, options: BuildOptions, notes: list[str], brief_profile: Profile | None):
        self.options, self.notes, self._brief_profile = options, notes, brief_profile
        self._fonts: dict = {}
        self._briefing: Briefing | None = None
        self._layouts: dict = {}
        self._learnt: tuple[list[str], int | None] = ([], None)   # from a second process (take)

    def fixed(self, kind: str, blocks_for, profile: Profile, info: DocumentInfo, fmt: str) -> bytes:
        """The PDF or OFD of the report or the 简报 (kind), laid out once for both."""
        from docgen.pdf.pages import lay_out
        if kind not in self._layouts:
            self._layouts[kind] = lay_out(blocks_for, profile, self.fonts(profile))
        if fmt == "ofd":
            from docgen.ofd import writer as ofd_writer
            return ofd_writer.draw(self._layouts[kind], profile, self.fonts(profile), info)
        from docgen.pdf import draw as pdf_writer
        return pdf_writer.draw(self._layouts[kind], profile, self.fonts(profile), info)

    def fonts(self, profile: Profile):
        # reportlab loads only when fonts are needed: the PDF, and the DOCX's line count.
        from docgen.pdf.fonts import PdfFonts
        key = tuple(sorted(profile.fonts.items()))
        if key not in self._fonts:
            self._fonts[key] = PdfFonts(profile, strict=self.options.strict_fonts,
                                        on_progress=self.options.on_progress)
        return self._fonts[key]

    def line_fonts(self, profile: Profile):
        """The PDF's fonts, for the DOCX writer to count the lines an office suite on this
        machine sets; None where there are none (it counts on the official fonts' widths)."""
        from docgen.fonts.choose import FontError
        try:
            return self.fonts(profile)
        except FontError:
            return None

    def report(self, report: Report, profile: Profile, fmt: str) -> bytes:
        if fmt == "json":       # with the 简报's selection, the same the 简报's files show
            from docgen import report_json
            return report_json.render(report, profile, self.briefing(report).shown)
        if fmt == "docx":
            from docgen.docx import writer as docx_writer
            return docx_writer.render(report, profile, lambda: self.line_fonts(profile))
        if fmt == "html":       # no fonts: the page names them, the reader's system has them
            from docgen.html import writer as html_writer
            return html_writer.render(report, profile)
        from docgen.document.plan import plan, report_info
        return self.fixed("report", lambda measure: plan(report, profile, measure), profile, report_info(report), fmt)

    @property
    def brief_profile(self) -> Profile:
        """The 简报's profile: the one given, else the bundled one, loaded only when a build
        makes a 简报 (or the JSON, which shows its selection)."""
        if self._brief_profile is None:
            self._brief_profile = load_profile(BRIEF_PROFILE)
        return self._brief_profile

    def report_pages(self) -> int | None:
        """The report's page count, if its PDF or OFD was laid out (a DOCX's pages are the office suite's)."""
        layout = self._layouts.get("report")
        return len(layout.pages) if layout is not None else self._learnt[1]

    def briefing(self, resolved: Report) -> Briefing:
        """The 简报's selection, made once per build, its lines counted on the PDF's fonts where
        there are any (as the writers set them; else on the official fonts' widths): the 简报's
        files and the JSON show the same selection."""
        if self._briefing is None:
            from docgen.document.brief_select import condense
            self._briefing = condense(resolved, self.brief_profile, self.line_fonts(self.brief_profile))
        return self._briefing

    def fallback_notes(self) -> list[str]:
        """Each character some PDF of this build (report or 简报) drew in the fallback font."""
        notes = []
        for fonts in self._fonts.values():
            for used in fonts.fallback_used:
                note = f"{used} — set in the fallback font {fonts.fallback_family}"
                if note not in notes:
                    notes.append(note)
        return notes + [note for note in self._learnt[0] if note not in notes]

    def learnt(self) -> tuple[list[str], int | None]:
        """What a second process's rendering learnt that the build reports (see take)."""
        return self.fallback_notes(), self.report_pages()

    def take(self, learnt: tuple[list[str], int | None]) -> None:
        """Add what the second process learnt: its fallback notes, the report's pages."""
        self._learnt = learnt

    def brief(self, resolved: Report, fmt: str) -> bytes:
        """The 简报 condensed from the resolved report."""
        briefing, profile = self.briefing(resolved), self.brief_profile
        if fmt == "docx":
            from docgen.docx import writer as docx_writer
            return docx_writer.render_blocks(briefing.blocks_for, profile, briefing.info,
                                             lambda: self.line_fonts(profile))
        return self.fixed("brief", briefing.blocks_for, profile, briefing.info, fmt)


def build(content_dir: Path, profile: Profile, formats: tuple[str, ...], out_dir: Path,
          options: BuildOptions = BuildOptions(), brief_formats: tuple[str, ...] = (),
          brief_profile: Profile | None = None) -> Built:
    """Write each requested format of the report and of its 简报 (<name>-brief.<format>);
    nothing is written if any of them fails."""
    from docgen.content.load import load_report_and_texts
    from docgen.content.resolve import resolve
    report, texts = load_report_and_texts(content_dir)
    resolved = resolve(report, profile)
    if options.check:
        from docgen.checking.lint import errors, lint_loaded
        found = errors(lint_loaded(report, texts, resolved, profile))
        if found:
            raise CheckFailed(found)
    open_items = resolved.open_items
    if options.final and open_items:
        raise NotFinal(open_items)
    notes: list[str] = []
    if open_items:
        notes.append(f"a draft: {len(open_items)} open item(s), marked in the output "
                     "(docgen validate lists them; build --final refuses until they are done)")
    renderer = _Renderer(options, notes, brief_profile)
    jobs = [_Job(output_path(resolved, out_dir, fmt), fmt, profile, partial(renderer.report, resolved, profile, fmt))
            for fmt in formats]
    jobs += [_Job(Path(out_dir) / f"{resolved.name}-brief.{fmt}", fmt, None, partial(renderer.brief, resolved, fmt))
             for fmt in brief_formats]
    outputs = _rendered(jobs, renderer, options.second_process)
    left_out = []
    if brief_formats:               # what the 简报's page limit left out: said only when a 简报 is made
        notes += renderer.briefing(resolved).notes
        left_out = renderer.briefing(resolved).left_out
    notes += renderer.fallback_notes()
    write_all(outputs)
    return Built(list(outputs), notes, left_out, renderer.report_pages())


@record
class _Job:
    path: Path
    fmt: str
    profile: Profile | None             # the report's; None: the 简报's (loaded only when needed)
    render: Callable[[], bytes]


def _rendered(jobs: list[_Job], renderer: _Renderer, second_process: bool) -> dict[Path, bytes]:
    """Each job's bytes, in the jobs' order. With second_process, the PDFs are drawn in a second
    process while this one renders the rest, where that can help; whatever stands in the way (no
    second core, fonts that cannot be prepared) renders them here instead, so the errors and the
    files are exactly a one-process build's."""
    there = [job for job in jobs if job.fmt in SECOND_PROCESS_FORMATS] if second_process else []
    here = [job for job in jobs if job not in there]
    if there and here:                          # else nothing to share (and nothing more to import)
        from docgen import two_processes
        if two_processes.available() and _fonts_prepared(renderer, there):
            local, forked = two_processes.run_split([job.render for job in here], [job.render for job in there],
                                                    renderer.learnt, renderer.take)
            rendered = dict(zip([job.path for job in here], local)) | dict(zip([job.path for job in there], forked))
            return {job.path: rendered[job.path] for job in jobs}
    return {job.path: job.render() for job in jobs}


def _fonts_prepared(renderer: _Renderer, jobs: list[_Job]) -> bool:
    """Load the fonts the second process's jobs draw with, before the fork (so that it does not
    prepare them again); False if that fails (the one-process rendering then meets the same
    error where a one-process build meets it)."""
    try:
        for job in jobs:
            renderer.fonts(job.profile or renderer.brief_profile)
    except Exception:
        return False
    return True
