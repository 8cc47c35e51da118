"""The `docgen` command: parse arguments, call the library, print. No logic here.

Every failure the library knows of (bad content, profile or configuration, a
missing font or glyph, a file that cannot be read or written) is printed by
_reported() as what failed and why, with a non-zero exit; never a traceback.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import NoReturn, TypeVar

import click

from docgen import __version__
from docgen.build import BRIEF_FORMATS, BRIEF_PROFILE, FORMATS, BuildOptions, CheckFailed, NotFinal, build
from docgen.checking import format_report
from docgen.checking.findings import summary
from docgen.checking.fix import FixError, apply_fixes
from docgen.checking.format_report import UnreadableFile
from docgen.checking.lint import errors as lint_errors
from docgen.checking.lint import lint
from docgen.content.load import load_report
from docgen.content.model import shown_path
from docgen.content.resolve import resolve
from docgen.content.rollover import RolloverError, new_year
from docgen.document.plan import planned
from docgen.errors import ContentErrors, MissingGlyphs
from docgen.failures import exit_code, failure_lines
from docgen.fonts.choose import (
    FontError,
    choose_fonts,
    installed_fonts,
    refuse_substitutes,
)
from docgen.fonts.config import config_path, read_config
from docgen.fonts.fontconfig import alias_conf
from docgen.format.profile import (
    DEFAULT_PROFILE,
    Profile,
    available_profiles,
    load_profile,
)
from docgen.importing import ImportRefused, import_report, imported_temporarily, is_importable
from docgen.output import OutputError
from docgen.paths import BUNDLED_EXAMPLE
from docgen.settings import SettingsErrors

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
    except (ContentErrors, NotFinal, CheckFailed, SettingsErrors, FontError, MissingGlyphs, RolloverError,
            ImportRefused, FixError, UnreadableFile, OutputError, OSError) as exc:
        _fail(failure_lines(exc, writes, content), exit_code(exc))


def _profile(name: str, writes: bool = True) -> Profile:
    return _reported(lambda: load_profile(name), writes)


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


@main.command(name="build")
@CONTENT_ARG
@click.option("--format", "fmt", type=click.Choice(FORMATS + ("all",)), default="docx", show_default=True,
              help="Output format; 'all' writes every format.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Folder for the output files.")
@PROFILE_OPT
@click.option("--strict-fonts", is_flag=True, help="PDF: refuse substitutes for the official fonts.")
@click.option("--final", is_flag=True,
              help="Refuse while the content is a draft (values to fill, carried paragraphs, open checklist).")
@NO_CHECK_OPT
def build_command(content_dir: Path | None, fmt: str, out_dir: Path, profile_name: str, strict_fonts: bool,
                  final: bool, no_check: bool) -> None:
    """Build the report from CONTENT_DIR into OUT/<name>.<format>.

    CONTENT_DIR may also be a report as another office sent it, a .docx, .html
    or .txt file: it is imported on the fly (into a temporary folder, removed
    after; `docgen import` keeps the content to edit) and built in the official
    format, the files named after it. Nothing is written when the content has an error (or a character has no
    glyph in its font), or the checks before publishing (`docgen check`) find
    an error; an existing output file is replaced only by a complete new one.
    """
    profile = _profile(profile_name)
    everything = fmt == "all"
    _build(content_dir, out_dir, BuildOptions(strict_fonts=strict_fonts, final=final, check=not no_check),
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
    options = dataclasses.replace(options, on_progress=_FontProgress())
    with ExitStack() as temporary:
        if content_dir is not None and is_importable(content_dir):
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
@CONTENT_ARG
@PROFILE_OPT
def validate(content_dir: Path | None, profile_name: str) -> None:
    """Check CONTENT_DIR (structure, dates, figures, template names, what only placing shows:
    a 版头 line too wide, a seal image that cannot be drawn) without writing anything."""
    profile = _profile(profile_name, writes=False)
    report = _reported(lambda: resolve(load_report(content_dir or BUNDLED_EXAMPLE), profile), writes=False)
    _reported(lambda: planned(report, profile), writes=False)
    sections = sum(1 for _ in report.sections)
    click.echo(f"{report.source}: ok — {report.year}, {sections} top-level sections, "
               f"{len(report.metrics)} metrics")
    if report.open_items:
        click.echo(f"a draft: {len(report.open_items)} open item(s) before `docgen build --final`:")
        for item in report.open_items:
            click.echo(f"  {item}")


@main.command()
@click.argument("targets", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people, json for tools.")
@click.option("--fix", is_flag=True,
              help="Apply the safe fixes (punctuation width, …… and ——, 序次语 forms, doubled typed numbering) "
                   "to report.yaml, keeping its comments and layout; each change is printed.")
@PROFILE_OPT
def check(targets: tuple[Path, ...], output: str, fix: bool, profile_name: str) -> None:
    """Check before publishing. Each TARGET is a content folder (default: the bundled
    example) or a finished FILE.docx / FILE.pdf.

    A content folder's text is checked against the national rules — the
    regulation's required parts and dates, GB/T 15834 punctuation, GB/T 15835
    numbers, the figures against the metrics — and every finding printed with
    its code, file:line:column, the characters concerned, the rule and the
    fix. A .docx (docgen's or another office's) or a .pdf is checked against
    the format profile: page, margins, grid, fonts and sizes, page numbers; a
    table shows each check passed or failed. Exit 1 on an error or a failed
    check, 0 on warnings only.
    """
    profile = _profile(profile_name, writes=False)
    targets = targets or (BUNDLED_EXAMPLE,)
    if fix and any(target.suffix.lower() in FILE_CHECKS for target in targets):
        _fail(["error: --fix changes content folders (report.yaml), not .docx or .pdf files"], 2)
    results = [_checked(target, profile, fix) for target in targets]
    if output == "json":
        click.echo(json.dumps([result for result, _, _ in results], ensure_ascii=False, indent=2))
    else:
        for _, lines, _ in results:
            for line in lines:
                click.echo(line)
    if any(failed for _, _, failed in results):
        sys.exit(1)


FILE_CHECKS = (".docx", ".pdf")


def _checked(target: Path, profile: Profile, fix: bool) -> tuple[dict, list[str], bool]:
    """One target checked: (its JSON object, its lines for people, whether it failed)."""
    suffix = target.suffix.lower()
    if suffix in FILE_CHECKS:
        rows = _reported(partial(_file_rows, target, profile), writes=False)
        return (json.loads(format_report.as_json(shown_path(target), rows)),
                format_report.as_table(shown_path(target), rows),
                bool(format_report.failed(rows)))
    findings = _reported(partial(lint, target, profile), writes=False, content=str(target))
    lines = []
    if fix:
        applied = _reported(partial(apply_fixes, findings), writes=False)
        lines += [f"fixed {change}" for change in applied]
        if applied:
            findings = _reported(partial(lint, target, profile), writes=False, content=str(target))
    shown = shown_path(target)
    lines += [line for finding in findings for line in finding.lines()] + [f"{shown}: {summary(findings)}"]
    result = {"content": shown, "summary": summary(findings), "findings": [f.as_dict() for f in findings]}
    return result, lines, bool(lint_errors(findings))


def _file_rows(path: Path, profile: Profile) -> list[format_report.FormatCheck]:
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
    profile = _profile(profile_name, writes=False)
    click.echo(_reported(lambda: alias_conf(profile, standalone=standalone), writes=False), nl=False)


if __name__ == "__main__":        # python -m docgen.cli, as tests run it in a process of its own
    main()
