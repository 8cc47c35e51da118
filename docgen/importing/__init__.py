"""The way in: a report from a Word file, a saved web page or copied text → a content folder.

    source ─ reader (docx.py, html.py, text.py, chosen by the extension) → Source
           ─ recognise.py → Imported (the content, the judgement calls, what could not be placed)
           ─ metrics.py (--metrics) → figures become metrics
           ─ yaml_out.py → report.yaml, commented for the clerk

import_report() writes the folder only when everything worked, and never over an existing
one: it reads the YAML back with docgen's own loader first (in a temporary folder), so
that content docgen cannot read — which would be the importer's bug, not the clerk's —
is never written; then the folder and its file are written together or not at all
(output.write_all). The readers, the recogniser and the metric proposer are imported
only when used: their libraries load for an import, not for every docgen command.
"""

from __future__ import annotations

import importlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from docgen.content.load import MAX_NAME_BYTES, REPORT_FILE, load_report
from docgen.content.model import Location, Report
from docgen.content.resolve import resolve
from docgen.errors import ContentError, ContentErrors
from docgen.format.profile import Profile, load_profile
from docgen.importing.imported import Imported
from docgen.importing.summary import brief_line, report_lines
from docgen.importing.yaml_out import content_yaml
from docgen.output import write_all
from docgen.record import record

CONTENT_PARENT = Path("content")    # where an imported folder goes by default, as the README keeps reports
SUPPORTED = "a Word file (.docx), a saved web page (.html, .htm) or text copied from one (.txt)"
_UNSAFE_IN_NAME = re.compile(r"[^\w.-]+")     # what a shell or another system would trip over in a folder name
_DEFAULT_NAME = "imported"


def _when_used(module: str, function: str) -> Callable[[Any], Any]:
    """A step of the import, its module imported at the first call."""
    def step(argument: Any) -> Any:
        return getattr(importlib.import_module(module), function)(argument)
    return step


# The importer's steps (tests put fakes in their place). The reader goes by the source's extension.
READERS: dict[str, Callable[[Any], Any]] = {
    ".docx": _when_used("docgen.importing.docx", "read_docx"),
    ".html": _when_used("docgen.importing.html", "read_html"),
    ".htm": _when_used("docgen.importing.html", "read_html"),
    ".txt": _when_used("docgen.importing.text", "read_text"),
}
RECOGNISE = _when_used("docgen.importing.recognise", "recognise")
PROPOSE_METRICS = _when_used("docgen.importing.metrics", "propose_metrics")


class ImportRefused(Exception):
    """The import cannot be written: the folder exists, or docgen could not read back what it made."""


@record
class ImportResult:
    folder: Path                    # the content folder written
    imported: Imported
    lines: tuple[str, ...]          # the printed report (import's output)
    brief: str                      # one line of it, for a build that imports on the fly


def is_importable(path: Path) -> bool:
    """A source docgen imports (by its extension), rather than a content folder."""
    return Path(path).suffix.lower() in READERS and not Path(path).is_dir()


def folder_name(stem: str) -> str:
    """A content folder's name made from a source's name: kept as it is (Chinese included)
    but for what a shell would trip over (spaces, brackets, quotes → -), and short enough
    for the loader (MAX_NAME_BYTES: output files carry the name)."""
    name = _UNSAFE_IN_NAME.sub("-", stem).strip(".-")
    while len(name.encode("utf-8")) > MAX_NAME_BYTES:
        name = name[:-1]
    return name.rstrip(".-") or _DEFAULT_NAME


def import_report(source_path: Path, out_dir: Path | None = None, metrics: bool = False) -> ImportResult:
    """Import the source into out_dir (default content/<its name>), which must not exist.
    Raises ContentErrors (the source is not a file docgen imports, or cannot be read) or
    ImportRefused; nothing is written then."""
    source_path = Path(source_path)
    read = _reader(source_path)
    folder = Path(out_dir) if out_dir is not None else CONTENT_PARENT / folder_name(source_path.stem)
    _check_target(folder)
    imported = RECOGNISE(read(source_path))
    if metrics:
        imported = PROPOSE_METRICS(imported)
    text = content_yaml(imported, source_path.name)
    report, profile = _read_back(text, folder, source_path)
    lines = report_lines(str(source_path), imported, report, profile, folder)
    _check_target(folder)                       # still free after the work (another import, another window)
    write_all({folder / REPORT_FILE: text.encode("utf-8")})
    return ImportResult(folder, imported, tuple(lines), brief_line(str(source_path), imported, report, profile))


@contextmanager
def imported_temporarily(source_path: Path) -> Iterator[ImportResult]:
    """The source imported into a temporary folder (not under content/) named after it, so
    that a build's files carry the source's name; the folder is removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="docgen-import-") as temp:
        yield import_report(source_path, Path(temp) / folder_name(Path(source_path).stem))


def _reader(source_path: Path) -> Callable[[Any], Any]:
    """The reader for the source, or a ContentErrors saying what docgen imports."""
    def refuse(message: str) -> ContentErrors:
        return ContentErrors([ContentError(Location(source_path, 1, 1), "", message)])

    if not os.path.lexists(source_path):
        raise refuse(f"no such file; docgen imports {SUPPORTED}")
    if source_path.is_dir():
        raise refuse(f"a folder; docgen imports a file: {SUPPORTED}")
    kind = source_path.suffix.lower()
    if kind not in READERS:
        what = f"a {kind} file" if kind else "a file without an extension"
        raise refuse(f"{what}: docgen imports {SUPPORTED}")
    return READERS[kind]


def _check_target(folder: Path) -> None:
    name = Path(os.path.abspath(folder)).name
    if os.path.lexists(folder):
        raise ImportRefused(f"{folder} exists already; nothing was written (an import never writes into an "
                            f"existing folder: choose another with --out, e.g. --out {_free_beside(folder)})")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise ImportRefused(f"{folder}: the folder name is {len(name.encode('utf-8'))} bytes long; output files are "
                            f"named after it, so it may be at most {MAX_NAME_BYTES} bytes")


def _free_beside(folder: Path) -> Path:
    number = 2
    while os.path.lexists(folder.with_name(f"{folder.name}-{number}")):
        number += 1
    return folder.with_name(f"{folder.name}-{number}")


def _read_back(text: str, folder: Path, source_path: Path) -> tuple[Report, Profile]:
    """The content as docgen loads and resolves it, from a temporary copy; docgen failing to
    read what it wrote is the importer's bug, said plainly, and nothing is written."""
    profile = load_profile()
    with tempfile.TemporaryDirectory(prefix="docgen-import-check-") as temp:
        check = Path(temp) / Path(os.path.abspath(folder)).name
        check.mkdir()
        (check / REPORT_FILE).write_text(text, encoding="utf-8")
        try:
            return resolve(load_report(check), profile), profile
        except ContentErrors as exc:
            target = folder / REPORT_FILE
            problems = [str(ContentError(Location(target, e.where.line, e.where.column), e.field, e.message))
                        for e in exc.errors]
            raise ImportRefused("\n".join(
                [f"docgen made content from {source_path} that it cannot read back itself: a bug in docgen's "
                 "importer, not a mistake in the source. Nothing was written. What the loader said about the "
                 f"{REPORT_FILE} that would have been written:"] + [f"  {p}" for p in problems])) from None
