"""The `docgen` command: parse arguments, call the library, print. No logic here.

Every failure the library knows of (bad content, profile or configuration, a
missing font or glyph, a file that cannot be read or written) is printed by
_reported() as what failed and why, with a non-zero exit; never a traceback.
"""

from __future__ import annotations

import atexit
import dataclasses
import gc
import json
import sys
from collections.abc import Callable
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import click

from docgen import __version__
from docgen.build import BRIEF_FORMATS, BRIEF_PROFILE, FORMATS, BuildOptions, build
from docgen.format.profile import (
    DEFAULT_PROFILE,
    Profile,
    available_profiles,
    load_profile,
)
from docgen.paths import BUNDLED_EXAMPLE
from docgen.record import record

if TYPE_CHECKING:
    from docgen.batch import BuildRequest
    from docgen.checking.format_report import FormatCheck

# Each command imports inside its function what only it uses, so that `docgen build` or
# `validate` loads neither the checks of finished files, the importer, the fonts' tools nor
# a writer it is not asked for (issue 16: a DOCX build as a process in ≤ 0.15 s).

CONTENT_ARG = click.argument("content_dir", required=False, type=click.Path(path_type=Path))
PROFILE_OPT = click.option(
    "--profile", "profile_name", default=DEFAULT_PROFILE, show_default=True, metavar="NAME",
    help=f"Format profile: a folder under templates/ ({', '.join(available_profiles())}), or the path of "
         "a profile.yaml (or its folder) kept elsewhere, e.g. ./house/profile.yaml; checked completely either way.")
NO_CHECK_OPT = click.option("--no-check", is_flag=True,
                            help="Build even when the checks before publishing (docgen check) find errors.")
T = TypeVar("T")


def _fail(lines: list[str], code: int = 1) -> NoReturn:
    for line in lines:
        click.echo(line, err=True)
    sys.exit(code)


def _reported(action: Callable[[], T], writes: bool = True, content: str = "") -> T:
    """action(), or: print the failure as what failed and why (failures.py), and exit non-zero.
    `writes`: the command writes files (say that nothing was written); `content`: the
    folder whose content errors these are, if not obvious."""
    try:
        return action()
    except Exception as exc:
        from docgen.failures import described
        failure = described(exc, writes, content)
        if failure is None:
            raise
        _fail(list(failure.lines), failure.code)


def _profile(name: str, writes: bool = True) -> Profile:
    return _reported(lambda: load_profile(name), writes)


_command_process = False     # True in the `docgen` command's own process (run), not where main is called in-process


def run() -> None:
    """The `docgen` command (the package's entry point): main, in a process that ends after it."""
    global _command_process
    _command_process = True
    main()


def _no_collector() -> None:
    """Python's cyclic garbage collector, off for a process that builds once and ends (never for
    `docgen watch` or a batch's workers, which build on). Its passes walk every object a build
    keeps (the fonts' tables, the layout): 15 % of a 400-page report's time, for 2 MB less
    memory at the peak; and its last pass at exit walks them all only to free them, which the
    system does: the objects are frozen out of it at exit (~20 ms of a DOCX build's 0.15 s,
    ~40 ms of --format all's 0.35 s)."""
    gc.disable()
    atexit.register(gc.freeze)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docgen")
def main() -> None:
    """docgen: annual rule-of-law reports (法治政府建设年度报告) in the official format.

    A report is kept as YAML under content/<name>/report.yaml; docgen checks it
    and writes the GB/T 9704-2012 document. Without CONTENT_DIR the commands
    use the bundled example, content/xinwu-2023.
    """


class _FontProgress:
    """One progress bar while fonts are prepared (once per machine, tens of seconds)."""

    STEPS = 1000

    def __init__(self):
        self.bar = None

    def __call__(self, share: float) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=self.STEPS, label="preparing fonts (once)", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(int(share * self.STEPS) - self.bar.pos)
        if share >= 1:
            self.bar.__exit__(None, None, None)


ALL_OPT = click.option("--all", "all_of", type=click.Path(path_type=Path), metavar="FOLDER",
                       help="Every sub-folder of FOLDER holding a report.yaml (e.g. --all content/), in sorted order.")


@main.command(name="build")
@click.argument("content_dirs", nargs=-1, type=click.Path(path_type=Path), metavar="[CONTENT_DIR]...")
@click.option("--format", "fmt", type=click.Choice(FORMATS + ("all",)), default="docx", show_default=True,
              help="Output format; 'all' writes every format.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Folder for the output files.")
@PROFILE_OPT
@click.option("--strict-fonts", is_flag=True, help="PDF: refuse substitutes for the official fonts.")
@click.option("--final", is_flag=True,
              help="Refuse while the content is a draft (values to fill, carried paragraphs, open checklist).")
@NO_CHECK_OPT
@ALL_OPT
@click.option("--jobs", type=click.IntRange(min=1), help="Folders built at once (default: the number of CPUs).")
def build_command(content_dirs: tuple[Path, ...], fmt: str, out_dir: Path, profile_name: str, strict_fonts: bool,
                  final: bool, no_check: bool, all_of: Path | None, jobs: int | None) -> None:
    """Build the report from CONTENT_DIR into OUT/<name>.<format>.

    Several CONTENT_DIRs (or --all FOLDER) are built in one run, in parallel
    worker processes: a progress bar, each failed folder's errors, then a
    table (folder, pages, files, status, first error). A failing folder
    stops none of the others; exit 1 if any failed.

    CONTENT_DIR may also be a report as another office sent it, a .docx, .html
    or .txt file: it is imported on the fly (into a temporary folder, removed
    after; `docgen import` keeps the content to edit) and built in the official
    format, the files named after it. Nothing is written when the content has an error (or a character has no
    glyph in its font), or the checks before publishing (`docgen check`) find
    an error; an existing output file is replaced only by a complete new one.
    """
    everything = fmt == "all"
    if all_of is not None or len(content_dirs) > 1:
        from docgen.batch import BuildRequest
        _build_batch(content_dirs, all_of, jobs, BuildRequest(
            str(out_dir), FORMATS if everything else (fmt,), BRIEF_FORMATS if everything else (), profile_name,
            strict_fonts=strict_fonts, final=final, check=not no_check))
        return
    profile = _profile(profile_name)
    _build(content_dirs[0] if content_dirs else None, out_dir,
           BuildOptions(strict_fonts=strict_fonts, final=final, check=not no_check),
           profile=profile, formats=FORMATS if everything else (fmt,),
           brief_formats=BRIEF_FORMATS if everything else ())


@main.command()
@CONTENT_ARG
@click.option("--format", "fmt", type=click.Choice(BRIEF_FORMATS + ("all",)), default="pdf", show_default=True,
              help="Output format; 'all' writes every format.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Folder for the output files.")
@click.option("--profile", "profile_name", default=BRIEF_PROFILE, show_default=True, metavar="NAME",
              help="Briefing profile: a folder under templates/ with a briefing section, or the path of one.")
@click.option("--strict-fonts", is_flag=True, help="PDF: refuse substitutes for the official fonts.")
@click.option("--explain", is_flag=True, help="List each part or sentence the two-page limit left out.")
@NO_CHECK_OPT
def brief(content_dir: Path | None, fmt: str, out_dir: Path, profile_name: str, strict_fonts: bool,
          explain: bool, no_check: bool) -> None:
    """Condense the report into a one-sheet 简报: OUT/<name>-brief.<format>.

    The brief is derived from the report by rules: the opening sentence, then
    under each section one paragraph per subsection shown (一是… with its
    strongest figure sentence), a 主要数据 table when there is room, 不足 and
    安排 in a sentence or two from their text; the content's `brief:` block
    sets the masthead and the 报尾. What the two-page limit left out is
    counted, and listed with --explain.
    """
    profile = _profile(profile_name)
    if profile.briefing is None:
        _fail([f"error: profile '{profile_name}' has no briefing section (try --profile {BRIEF_PROFILE})"], 2)
    _build(content_dir, out_dir, BuildOptions(strict_fonts=strict_fonts, check=not no_check),
           profile=_profile(DEFAULT_PROFILE), formats=(), brief_formats=BRIEF_FORMATS if fmt == "all" else (fmt,),
           brief_profile=profile, explain=explain)


def _build(content_dir: Path | None, out_dir: Path, options: BuildOptions, explain: bool = False, **what) -> None:
    if _command_process:
        _no_collector()
    # One build in this process: the PDFs may be drawn in a second one (two_processes.py).
    options = dataclasses.replace(options, on_progress=_FontProgress(), second_process=True)
    with ExitStack() as temporary:
        if content_dir is not None and _importable(content_dir):
            from docgen.importing import imported_temporarily
            source = content_dir
            imported = _reported(lambda: temporary.enter_context(imported_temporarily(source)))
            click.echo(f"note: {imported.brief}", err=True)
            content_dir = imported.folder
        built = _reported(lambda: build(content_dir or BUNDLED_EXAMPLE, out_dir=out_dir, options=options, **what))
    for note in built.notes:
        click.echo(f"note: {note}", err=True)
    for line in built.left_out if explain else ():
        click.echo(f"left out: {line}", err=True)
    for path in built.paths:
        click.echo(f"wrote {path}")


def _importable(path: Path) -> bool:
    """A source to import on the fly rather than a content folder (the importer loaded only then)."""
    if path.is_dir():
        return False
    from docgen.importing import is_importable
    return is_importable(path)


def _build_batch(content_dirs: tuple[Path, ...], all_of: Path | None, jobs: int | None,
                 request: BuildRequest) -> None:
    """docgen build of several folders (batch.py): each failed folder's errors, then the table."""
    import os

    from docgen import batch
    folders = _batch_folders(content_dirs, all_of)
    try:
        batch.refuse_clashes(folders, Path(request.out_dir))
    except batch.BatchRefused as exc:
        _fail(exc.lines, 2)
    _reported(lambda: batch.prepare(request, _FontProgress()))
    with click.progressbar(length=len(folders), label="building", file=sys.stderr,
                           item_show_func=lambda folder: folder) as bar:
        results = batch.run(folders, request, jobs or os.cpu_count() or 1,
                            on_done=lambda result: bar.update(1, result.folder))
    for result in results:
        for note in result.notes:
            click.echo(f"note: {result.folder}: {note}", err=True)
        for line in result.errors:
            click.echo(line, err=True)
    for line in batch.summary_table(results):
        click.echo(line)
    if any(result.status == batch.FAILED for result in results):
        sys.exit(1)


def _batch_folders(targets: tuple[Path, ...], all_of: Path | None, files: tuple[str, ...] = ()) -> list[Path]:
    """The folders given, or those --all finds; a usage error (exit 2) for a missing one."""
    from docgen.batch import REPORT_FILE, BatchRefused, printable, report_folders, skipped_folders
    try:
        folders = report_folders(targets, all_of, files)
    except BatchRefused as exc:
        _fail(exc.lines, 2)
    for skipped in skipped_folders(all_of) if all_of is not None else ():
        click.echo(f"note: {printable(str(skipped))} left out: no {REPORT_FILE} in it", err=True)
    return folders


def _summary(lines: list[str]) -> None:
    """The one-line-per-folder summary of a command run on several folders."""
    click.echo("summary:")
    for line in lines:
        click.echo(f"  {line}")


@main.command()
@CONTENT_ARG
@click.option("--format", "fmts", type=click.Choice(FORMATS + ("all",)), multiple=True, default=("docx", "pdf"),
              show_default=True, help="Output format, repeatable (--format docx --format pdf); 'all' writes every "
                                      "format and the 简报.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Folder for the output files.")
@PROFILE_OPT
@NO_CHECK_OPT
def watch(content_dir: Path | None, fmts: tuple[str, ...], out_dir: Path, profile_name: str, no_check: bool) -> None:
    """Build the report from CONTENT_DIR, then again each time report.yaml, one of its images or
    the profile is saved, until Ctrl-C.

    Each build prints one line: what it wrote and how long it took, or its
    errors (as `docgen build` prints them); a failed build writes nothing, so
    the last good files stay until the content builds again.
    """
    from docgen.watch import rebuilds
    content = content_dir or BUNDLED_EXAMPLE
    if not content.is_dir():                    # nothing to watch: say why as build would
        from docgen.content.load import load_report
        _reported(lambda: load_report(content))
    everything = "all" in fmts
    formats = FORMATS if everything else tuple(dict.fromkeys(fmts))
    try:
        for rebuild in rebuilds(content, out_dir, formats, BRIEF_FORMATS if everything else (), profile_name,
                             BuildOptions(check=not no_check, on_progress=_FontProgress())):
            if rebuild.ok:
                click.echo(f"rebuilt in {rebuild.seconds:.2f} s: wrote {', '.join(str(p) for p in rebuild.paths)}")
                for note in rebuild.notes:
                    click.echo(f"note: {note}", err=True)
            else:
                for line in rebuild.errors:
                    click.echo(line, err=True)
            click.echo(f"waiting for changes to {content} (Ctrl-C ends)")
    except KeyboardInterrupt:
        return


@main.command()
def schema() -> None:
    """Print the JSON Schema of the content format (report.yaml), for editors and tools.

    A report.yaml whose first line is `# yaml-language-server: $schema=<path of this file>`
    gets completion and checks in editors that read it (VS Code's YAML extension).
    """
    from importlib.resources import files
    click.echo((files("docgen") / "schema" / "report.schema.json").read_text(encoding="utf-8"), nl=False)


@main.command()
@click.argument("content_dirs", nargs=-1, type=click.Path(path_type=Path), metavar="[CONTENT_DIR]...")
@PROFILE_OPT
@ALL_OPT
def validate(content_dirs: tuple[Path, ...], profile_name: str, all_of: Path | None) -> None:
    """Check CONTENT_DIR (structure, dates, figures, template names, what only placing shows:
    a 版头 line too wide, a seal image that cannot be drawn) without writing anything.

    Several CONTENT_DIRs (or --all FOLDER) are validated one after another, each
    result printed, then a line per folder; exit 1 if any failed."""
    if all_of is None and len(content_dirs) <= 1:
        profile = _profile(profile_name, writes=False)
        for line in _reported(partial(_validated, content_dirs[0] if content_dirs else BUNDLED_EXAMPLE, profile),
                              writes=False):
            click.echo(line)
        return
    from docgen.batch import attempted
    from docgen.failures import Failure
    folders = _batch_folders(content_dirs, all_of)
    profile = _profile(profile_name, writes=False)
    verdicts, failed = [], False
    for folder in folders:
        outcome = attempted(partial(_validated, folder, profile), content=str(folder))
        if isinstance(outcome, Failure):
            _echo_each(outcome.lines, err=True)
            verdicts.append(f"{folder}: failed — {outcome.lines[0]}")
            failed = True
        else:
            _echo_each(outcome)
            verdicts.append(f"{folder}: ok")
    _summary(verdicts)
    if failed:
        sys.exit(1)


def _echo_each(lines, err: bool = False) -> None:
    for line in lines:
        click.echo(line, err=err)


def _validated(content_dir: Path, profile: Profile) -> list[str]:
    """validate's lines for one folder; ContentErrors if it is not valid."""
    from docgen.content.load import load_report
    from docgen.content.resolve import resolve
    from docgen.document.plan import planned
    report = resolve(load_report(content_dir), profile)
    planned(report, profile)
    sections = sum(1 for _ in report.sections)
    lines = [f"{report.source}: ok — {report.year}, {sections} top-level sections, {len(report.metrics)} metrics"]
    if report.open_items:
        lines.append(f"a draft: {len(report.open_items)} open item(s) before `docgen build --final`:")
        lines += [f"  {item}" for item in report.open_items]
    return lines


@main.command()
@click.argument("targets", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people, json for tools.")
@click.option("--fix", is_flag=True,
              help="Apply the safe fixes (punctuation width, …… and ——, 序次语 forms, doubled typed numbering) "
                   "to report.yaml, keeping its comments and layout; each change is printed.")
@PROFILE_OPT
@ALL_OPT
def check(targets: tuple[Path, ...], output: str, fix: bool, profile_name: str, all_of: Path | None) -> None:
    """Check before publishing. Each TARGET is a content folder (default: the bundled
    example) or a finished FILE.docx / FILE.pdf.

    A content folder's text is checked against the national rules — the
    regulation's required parts and dates, GB/T 15834 punctuation, GB/T 15835
    numbers, the figures against the metrics — and every finding printed with
    its code, file:line:column, the characters concerned, the rule and the
    fix. A .docx (docgen's or another office's) or a .pdf is checked against
    the format profile: page, margins, grid, fonts and sizes, page numbers; a
    table shows each check passed or failed. Several targets (or --all FOLDER)
    are each checked, one that cannot be read stopping none of the others, then
    a line per target. Exit 1 on an error or a failed check, 0 on warnings only.
    """
    several = all_of is not None or len(targets) > 1
    if several:
        targets = tuple(_batch_folders(targets, all_of, FILE_CHECKS))
    profile = _profile(profile_name, writes=False)
    targets = targets or (BUNDLED_EXAMPLE,)
    if fix and any(target.suffix.lower() in FILE_CHECKS for target in targets):
        _fail(["error: --fix changes content folders (report.yaml), not .docx or .pdf files"], 2)
    if not several:
        results = [_reported(partial(_checked, targets[0], profile, fix), writes=False, content=str(targets[0]))]
    else:
        from docgen.batch import attempted
        from docgen.failures import Failure
        results = []
        for target in targets:
            outcome = attempted(partial(_checked, target, profile, fix), content=str(target))
            if isinstance(outcome, Failure):      # its errors on stderr, as a single check prints them
                from docgen.content.model import shown_path
                outcome = _Checked({"target": shown_path(target), "errors": list(outcome.lines)}, list(outcome.lines),
                                   True, f"{shown_path(target)}: failed — {outcome.lines[0]}", errors=True)
            results.append(outcome)
    if output == "json":
        click.echo(json.dumps([result.result for result in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            _echo_each(result.lines, err=result.errors)
        if several:
            _summary([result.verdict for result in results])
    if any(result.failed for result in results):
        sys.exit(1)


FILE_CHECKS = (".docx", ".pdf")


@record
class _Checked:
    result: dict            # for --format json
    lines: list[str]        # for people
    failed: bool
    verdict: str            # its line in the summary of several targets
    errors: bool = False    # lines are why it could not be checked


def _checked(target: Path, profile: Profile, fix: bool) -> _Checked:
    """One target checked; the library's exceptions if it cannot be."""
    from docgen.checking import format_report
    from docgen.checking.findings import summary
    from docgen.checking.fix import apply_fixes
    from docgen.checking.lint import errors as lint_errors
    from docgen.checking.lint import lint
    from docgen.content.model import shown_path
    suffix = target.suffix.lower()
    shown = shown_path(target)
    if suffix in FILE_CHECKS:
        rows = _file_rows(target, profile)
        lines = format_report.as_table(shown, rows)
        failed = bool(format_report.failed(rows))
        return _Checked(json.loads(format_report.as_json(shown, rows)), lines, failed,
                        f"{shown}: {'failed' if failed else 'ok'} — {lines[-1]}")
    findings = lint(target, profile)
    lines = []
    if fix:
        applied = apply_fixes(findings)
        lines += [f"fixed {change}" for change in applied]
        if applied:
            findings = lint(target, profile)
    lines += [line for finding in findings for line in finding.lines()] + [f"{shown}: {summary(findings)}"]
    result = {"content": shown, "summary": summary(findings), "findings": [f.as_dict() for f in findings]}
    failed = bool(lint_errors(findings))
    return _Checked(result, lines, failed, f"{shown}: {'failed' if failed else 'ok'} — {summary(findings)}")


def _file_rows(path: Path, profile: Profile) -> list[FormatCheck]:
    """A finished file checked against the profile (heavy readers imported only for it);
    UnreadableFile, naming the file, if it cannot be read."""
    if path.suffix.lower() == ".pdf":
        from docgen.checking.pdf_format import check_pdf
        return check_pdf(path, profile)
    from docgen.checking.docx_format import check_docx
    return check_docx(path, profile)


@main.command(name="import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="The new content folder (default: content/<the source's name>). An existing folder is never "
                   "written into.")
@click.option("--metrics", is_flag=True,
              help="Also propose metrics: each figure with a unit (件, 万元, %, 人次…) becomes "
                   "{{ metrics.<id> }} with its label from the words before it.")
def import_command(source: Path, out_dir: Path | None, metrics: bool) -> None:
    """Make a content folder from SOURCE, a report as an office has it.

    SOURCE is a Word or WPS file (.docx), a saved government web page (.html)
    or text copied from one (.txt). docgen finds the title, the 信息公开
    header, the addressee, the headings (一、（一）1.（1）, standalone or run
    in), lead phrases, bold words, tables, the signature and date and the
    attachments, and writes them as content/<name>/report.yaml. The text is
    kept verbatim except for web artefacts (ASCII punctuation between hanzi,
    -- and ..., broken lines, site chrome), each listed. Every judgement call is
    printed as SOURCE:line → decision and stands as a comment in the YAML:
    check them, then validate and build.
    """
    from docgen.importing import import_report
    result = _reported(lambda: import_report(source, out_dir, metrics))
    for line in result.lines:
        click.echo(line)


@main.command(name="new-year")
@click.argument("content_dir", type=click.Path(path_type=Path))
@click.option("--year", type=int, help="The new report's year (default: the next one).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="The new content folder (default: beside CONTENT_DIR, its name with the new year).")
def new_year_command(content_dir: Path, year: int | None, out_dir: Path | None) -> None:
    """Start next year's report from this year's: a draft content folder.

    The year moves on; dates are emptied to fill; each metric keeps last year's
    value as `previous` (so 同比 is computed) with an empty `value`; every
    paragraph is marked `carried: true`; last year's 下一年度安排 becomes a
    checklist. CONTENT_DIR itself is not changed, and an existing folder is
    never overwritten.
    """
    from docgen.content.rollover import new_year
    target = _reported(lambda: new_year(content_dir, year, out_dir), content=str(content_dir))
    click.echo(f"wrote {target / 'report.yaml'}")
    click.echo(f"next: fill the values, rewrite the carried paragraphs, then `docgen validate {target}`")


@main.command()
@PROFILE_OPT
@click.option("--strict", is_flag=True, help="Exit with an error if any role would use a substitute.")
def fonts(profile_name: str, strict: bool) -> None:
    """Show the font that draws each role in the PDF, its file, and whether it is
    the official font or an open substitute.

    Fonts are looked for in this order: a file named in the configuration
    file, the official font installed on this machine, the open substitute.
    """
    from docgen.fonts.choose import choose_fonts, installed_fonts, refuse_substitutes
    from docgen.fonts.config import config_path, read_config
    profile = _profile(profile_name, writes=False)
    choices = _reported(lambda: choose_fonts(profile, read_config(), installed_fonts()), writes=False)
    for role, choice in choices.items():
        face = f" (face {choice.index})" if choice.index else ""
        click.echo(f"{role} ({profile.fonts[role].name}) → {choice.family} [{choice.origin}]")
        click.echo(f"    {choice.file}{face}")
    click.echo(f"configuration: {config_path()}")
    if strict or profile.strict_fonts:
        _reported(lambda: refuse_substitutes(choices), writes=False)


@main.command()
@PROFILE_OPT
@click.option("--standalone", is_flag=True,
              help="Also include the system configuration, for use as FONTCONFIG_FILE.")
def fontconfig(profile_name: str, standalone: bool) -> None:
    """Print fontconfig rules mapping the official font names to the open substitutes.

    Install the output as /etc/fonts/conf.d/65-docgen.conf so that LibreOffice
    shows and prints docgen's DOCX files with the right substitute fonts.
    """
    from docgen.fonts.fontconfig import alias_conf
    profile = _profile(profile_name, writes=False)
    click.echo(_reported(lambda: alias_conf(profile, standalone=standalone), writes=False), nl=False)


if __name__ == "__main__":        # python -m docgen.cli, as tests run it in a process of its own
    run()
