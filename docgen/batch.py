"""Many content folders built in one run (`docgen build DIR1 DIR2 …`, `--all DIR`).

Each folder is built by build_folder(folder, request): the library's build() once,
every failure turned into a FolderResult row (failures.py's words, the single build's),
never an exception, so one broken folder leaves the others alone. build_folder is a
plain, picklable function of plain values: the batch runs it in worker processes
(run), a task queue runs it on its workers (examples/celery_batch.py).

What every build shares is made once per process by prepare(): the format profiles,
and the PDF fonts parsed and registered with reportlab (docgen.pdf.fonts keeps them
for the life of the process). The batch prepares them in the parent, before the
pool starts, and its workers are forked on Linux, so they inherit both and no
worker parses a profile or a font again (elsewhere each worker prepares once).
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TypeVar

from docgen.build import BRIEF_PROFILE, FIXED_LAYOUT_FORMATS, BuildOptions, build
from docgen.checking.findings import terminal_width
from docgen.content.load import report_name
from docgen.failures import Failure, described
from docgen.fonts.cache import OnProgress
from docgen.fonts.choose import FontError
from docgen.format.profile import DEFAULT_PROFILE, Profile, load_profile
from docgen.record import record

OK, FAILED = "ok", "failed"
REPORT_FILE = "report.yaml"
NO_PAGES = "–"          # a DOCX's page count is the office suite's to make: not known here
T = TypeVar("T")


class BatchRefused(Exception):
    """The folders asked for cannot be built together (a usage error): nothing is built."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@record
class BuildRequest:
    """What to build of every folder: plain values, so that it crosses to a worker process
    or a task queue's message (as_dict) unchanged."""
    out_dir: str
    formats: tuple[str, ...]
    brief_formats: tuple[str, ...] = ()
    profile: str = DEFAULT_PROFILE
    brief_profile: str = BRIEF_PROFILE
    strict_fonts: bool = False
    final: bool = False
    check: bool = True

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> BuildRequest:
        return cls(**{**data, "formats": tuple(data["formats"]), "brief_formats": tuple(data["brief_formats"])})


@record
class FolderResult:
    """One folder's build: a row of the summary table."""
    folder: str
    status: str                     # OK or FAILED
    pages: int | None               # the report's pages where a PDF or OFD laid them out
    files: tuple[str, ...]          # written
    notes: tuple[str, ...]          # what the single build prints as note: lines
    errors: tuple[str, ...]         # every line the single build prints for the failure

    @property
    def first_error(self) -> str:
        return self.errors[0] if self.errors else ""

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> FolderResult:
        return cls(**{**data, **{key: tuple(data[key]) for key in ("files", "notes", "errors")}})


def report_folders(folders: Sequence[Path], all_of: Path | None, files: tuple[str, ...] = ()) -> list[Path]:
    """The folders a batch builds: those given, or every sub-folder of all_of holding a
    report.yaml, in sorted order; BatchRefused for a folder that is not there (a file with
    one of the suffixes `files` is taken as given: `docgen check` checks a .docx)."""
    if all_of is not None and folders:
        raise BatchRefused(["error: give content folders or --all FOLDER, not both"])
    if all_of is not None:
        if not all_of.is_dir():
            raise BatchRefused([f"error: {all_of}: no such folder"])
        found = sorted(sub for sub in all_of.iterdir() if (sub / REPORT_FILE).is_file())
        if not found:
            raise BatchRefused([f"error: {all_of}: no report folder in it (a sub-folder holding a report.yaml)"])
        return found
    refused = [_refused(folder) for folder in folders
               if not (folder.is_dir() or folder.suffix.lower() in files and folder.is_file())]
    if refused:
        raise BatchRefused(refused)
    return list(folders)


def skipped_folders(all_of: Path) -> list[Path]:
    """The sub-folders --all leaves out, having no report.yaml (a report.yml, a folder of
    attachments): said as notes, so that a folder missing from the table is not a mystery.
    Hidden folders (.git) are not mentioned."""
    return sorted(sub for sub in all_of.iterdir()
                  if sub.is_dir() and not sub.name.startswith(".") and not (sub / REPORT_FILE).is_file())


def _refused(path: Path) -> str:
    if path.exists():           # a Word file to reformat is built on its own, or imported first
        return f"error: {path}: not a content folder (`docgen import` makes one of a report file)"
    return f"error: {path}: no such folder"


def refuse_clashes(folders: Sequence[Path], out_dir: Path) -> None:
    """BatchRefused if two folders would write the same files: a report's files are named
    after its folder, so a/xinwu-2023 and b/xinwu-2023 would overwrite each other."""
    by_name: dict[str, list[Path]] = defaultdict(list)
    for folder in folders:
        by_name[report_name(folder)].append(folder)
    clashes = [_clash(same, Path(out_dir) / name) for name, same in by_name.items() if len(same) > 1]
    if clashes:
        raise BatchRefused(clashes)


def _clash(folders: list[Path], files: Path) -> str:
    if len({folder.resolve() for folder in folders}) == 1:
        return f"error: {folders[0]} is given {len(folders)} times: give each folder once"
    return (f"error: {' and '.join(str(f) for f in folders)} would both write {files}.* (a report's files are "
            "named after its folder): rename one, or build them with different --out")


_PROFILES: dict[str, Profile] = {}
_FONTS_READY: set[tuple[str, bool]] = set()


def profile_named(name: str) -> Profile:
    """The profile, loaded once per process (ProfileError if it is broken) and kept as it was:
    every folder of a batch is built with the same profile, even if its file is edited meanwhile
    (load_profile alone would read an edited file again)."""
    if name not in _PROFILES:
        _PROFILES[name] = load_profile(name)
    return _PROFILES[name]


def prepare(request: BuildRequest, on_progress: OnProgress | None = None) -> None:
    """Load the request's profiles and parse the PDF fonts its formats use, once per process;
    the font cache is filled first if it must be (on_progress shows it). FontError when a
    PDF or OFD is asked for and a font is missing; the DOCX and the JSON do without (they
    count lines on the official fonts' widths then, as the single build does)."""
    # (profile, draws a PDF or OFD with it, counts lines with it: the DOCX, the 简报's selection)
    needs = [(request.profile, _draws(request.formats), "docx" in request.formats),
             (request.brief_profile, _draws(request.brief_formats),
              bool(request.brief_formats) or "json" in request.formats)]
    for name, draws, counts in needs:
        profile = profile_named(name)
        if (name, request.strict_fonts) in _FONTS_READY or not (draws or counts):
            continue
        from docgen.pdf.fonts import PdfFonts  # reportlab only for a batch that draws or counts
        try:
            PdfFonts(profile, strict=request.strict_fonts, on_progress=on_progress)
        except FontError:
            if draws:
                raise
        _FONTS_READY.add((name, request.strict_fonts))


def _draws(formats: tuple[str, ...]) -> bool:
    return not set(formats).isdisjoint(FIXED_LAYOUT_FORMATS)


def build_folder(folder: str | Path, request: BuildRequest) -> FolderResult:
    """Build one folder as `docgen build FOLDER` would; any failure is a FAILED row."""
    shown = str(folder)
    try:
        prepare(request)            # nothing to do where the parent or the worker's start did it
        built = build(Path(folder), profile_named(request.profile), request.formats, Path(request.out_dir),
                      BuildOptions(strict_fonts=request.strict_fonts, final=request.final, check=request.check),
                      brief_formats=request.brief_formats, brief_profile=profile_named(request.brief_profile))
    except Exception as exc:        # a batch goes on: even a bug in docgen is one folder's failed row
        return FolderResult(shown, FAILED, None, (), (), attempt_failure(exc, shown).lines)
    return FolderResult(shown, OK, built.pages, tuple(str(p) for p in built.paths), tuple(built.notes), ())


def attempt_failure(exc: Exception, content: str, writes: bool = True) -> Failure:
    """exc in the single command's words; an exception docgen does not know is named as a bug."""
    return described(exc, writes, content) or Failure(
        (f"error: docgen failed unexpectedly on {content}: {type(exc).__name__}: {exc} (a bug in docgen: "
         "please report it with this folder)",), 1)


def attempted(action: Callable[[], T], content: str, writes: bool = False) -> T | Failure:
    """action(), or its failure in words: for commands that go through folders one by one."""
    try:
        return action()
    except Exception as exc:
        return attempt_failure(exc, content, writes)


def run(folders: Sequence[Path], request: BuildRequest, jobs: int,
        on_done: Callable[[FolderResult], None] = lambda result: None) -> list[FolderResult]:
    """Build every folder by build_folder in at most `jobs` worker processes; the results in
    the folders' order. Call prepare(request) first, so that the workers inherit its work.

    A worker that dies (killed, out of memory) breaks the pool and the futures of every
    folder then in flight: those folders are built again, each alone, and the one whose
    worker dies again is the failed row; the rest go on in a new pool."""
    results: dict[int, FolderResult] = {}
    todo = list(range(len(folders)))
    while todo:
        suspects = _in_pool(todo, folders, request, jobs, results, on_done)
        for index in suspects:
            _in_pool([index], folders, request, 1, results, on_done)
        todo = [index for index in todo if index not in results]
    return [results[index] for index in range(len(folders))]


def _in_pool(todo: list[int], folders: Sequence[Path], request: BuildRequest, jobs: int,
             results: dict[int, FolderResult], on_done: Callable[[FolderResult], None]) -> list[int]:
    """Build the folders todo names in one pool, at most `jobs` in flight (so that a broken
    pool names only those); the ones in flight when a worker died, else []."""
    waiting = iter(todo)
    # Fork shares the parent's prepared profiles and fonts; where there is no safe fork, each
    # worker's build_folder prepares once.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo))), mp_context=context) as pool:
        running: dict[Future[FolderResult], int] = {}

        def submit_next() -> None:
            for index in waiting:
                running[pool.submit(build_folder, folders[index], request)] = index
                return

        for _ in range(jobs):
            submit_next()
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = []
            for future in done:
                index = running.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    if len(todo) > 1:
                        broken.append(index)
                        continue
                    result = _killed(folders[index])
                results[index] = result
                on_done(result)
                submit_next()
            if broken:
                return broken + list(running.values())
    return []


def _killed(folder: Path) -> FolderResult:
    return FolderResult(str(folder), FAILED, None, (), (), (
        f"error: the worker process building {folder} stopped abruptly (killed, or out of memory); "
        "some or all of its files were not written (each file written is whole)",))


def printable(text: str) -> str:
    """text with its control characters written as escapes (\\n, \\x1b): a folder's name comes
    from whoever made the folder (an archive mailed in), and a line break or a terminal escape
    in it must neither break the table's rows nor reach the terminal."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def summary_table(results: Sequence[FolderResult]) -> list[str]:
    """The batch's summary: folder, pages, files, status, first error; then the counts."""
    rows = [("folder", "pages", "files", "status", "first error")] + [
        (printable(r.folder), NO_PAGES if r.pages is None else str(r.pages), str(len(r.files)), r.status,
         printable(r.first_error))
        for r in results]
    widths = [max(terminal_width(row[column]) for row in rows) for column in range(4)]
    lines = []
    for row in rows:
        cells = [cell + " " * (width - terminal_width(cell)) if column in (0, 3) else cell.rjust(width)
                 for column, (cell, width) in enumerate(zip(row[:4], widths))]
        lines.append(("  ".join(cells) + "  " + row[4]).rstrip())
    failed = sum(1 for r in results if r.status == FAILED)
    lines.append(f"{len(results) - failed} of {len(results)} folder(s) built"
                 + (f", {failed} failed" if failed else ""))
    return lines
