"""The font cache: each chosen font made usable by reportlab and quick to load, once.

CFF-outline fonts are converted to TrueType, large TrueType fonts cut to
GB 2312 (prep.py does the work); the results live in the user's cache folder,
keyed by the source file, so later builds only read them. They are written by
the one atomic writer (output.py) under unique temp names, so two builds that
prepare the same font at once each write a whole file and the last rename wins.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from docgen.fonts import prep as fontprep
from docgen.fonts.choose import FontChoice, FontError
from docgen.output import write_atomically
from docgen.record import record

# Part of every cache key: a new version prepares the fonts again.
# 3: prepared fonts keep their source's head.modified (prep.py).
_CONVERTER_VERSION = "3"

OnProgress = Callable[[float], None]        # the share of the font preparation done, 0 … 1
Report = Callable[[int, int], None]         # (steps done, steps in all) of one font


def cache_dir() -> Path:
    """$DOCGEN_CACHE_DIR, else $XDG_CACHE_HOME/docgen (~/.cache/docgen)."""
    if os.environ.get("DOCGEN_CACHE_DIR"):
        return Path(os.environ["DOCGEN_CACHE_DIR"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "docgen"


def prepared_fonts_dir() -> Path:
    """The cache's folder of prepared fonts (and their saved faces, pdf/face_cache.py): files
    docgen writes whole, atomically, never in place."""
    return cache_dir() / "fonts"


@record
class PreparedFont:
    """What reportlab loads for a role: a fast file, and the full font for characters outside it."""
    file: Path
    index: int
    full: tuple[Path, int] | None = None


# What the cache holds for a font, by the file's suffix.
_CONVERTED, _CUT, _AS_IS = ".ttf", ".cut.ttf", ".asis"


def _cache_file(choice: FontChoice, kind: str) -> Path:
    stat = choice.file.stat()
    key = hashlib.sha256(f"{choice.file.resolve()}|{choice.index}|{stat.st_size}|{stat.st_mtime_ns}|"
                         f"{_CONVERTER_VERSION}".encode()).hexdigest()[:16]
    return prepared_fonts_dir() / f"{choice.file.stem}-{choice.index}-{key}{kind}"


def prepared(choice: FontChoice) -> PreparedFont | None:
    """The font as prepared earlier, or None if it still needs preparing."""
    for kind in (_CONVERTED, _CUT, _AS_IS):
        if _cache_file(choice, kind).is_file():
            return _prepared_font(choice, kind)
    return None


def _prepared_font(choice: FontChoice, kind: str) -> PreparedFont:
    if kind == _AS_IS:
        return PreparedFont(choice.file, choice.index)
    return PreparedFont(_cache_file(choice, kind), 0, full=(choice.file, choice.index) if kind == _CUT else None)


def prepare(choice: FontChoice, report: Report) -> PreparedFont:
    """Make the chosen font usable by reportlab and quick to load, into the cache."""
    original = (choice.file, choice.index)
    try:
        if fontprep.has_cff_outlines(*original):
            kind, data = _CONVERTED, fontprep.convert_to_truetype(*original, report)
        elif fontprep.glyph_count(*original) > fontprep.LARGE_FONT_GLYPHS_TRUETYPE:
            report(0, 1)
            kind, data = _CUT, fontprep.cut_truetype(*original)
        else:
            kind, data = _AS_IS, b"used as it is\n"
    except OSError:
        raise
    except Exception as exc:        # fontTools raises many kinds of error on a damaged font file
        raise FontError(f"{choice.file}: cannot read the {choice.role} font (face {choice.index}): "
                        f"{type(exc).__name__}: {exc}") from None
    write_atomically(_cache_file(choice, kind), data)
    report(1, 1)
    return _prepared_font(choice, kind)


def prepare_all(choices: dict[str, FontChoice], on_progress: OnProgress | None = None) -> dict[str, PreparedFont]:
    """Every role's prepared font. What is not cached yet is prepared in parallel
    worker processes (one per core): the first run on a machine takes tens of seconds."""
    result: dict[str, PreparedFont] = {}
    todo: dict[str, FontChoice] = {}
    for role, choice in choices.items():
        earlier = prepared(choice)
        if earlier is None:
            todo[role] = choice
        else:
            result[role] = earlier
    if not todo:
        return result
    folder = prepared_fonts_dir()
    try:                                # before tens of seconds of work, not after
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FontError(f"cannot create the font cache folder {folder}: {exc.strerror or exc}") from None
    import multiprocessing  # only on a first run: keep the others quick
    from concurrent.futures import ProcessPoolExecutor
    from queue import Empty
    shares = {role: 0.0 for role in todo}
    with multiprocessing.Manager() as manager, \
            ProcessPoolExecutor(max_workers=min(len(todo), os.cpu_count() or 1)) as pool:
        queue = manager.Queue()
        futures = {role: pool.submit(_prepare_in_worker, role, choice, queue) for role, choice in todo.items()}
        while not all(future.done() for future in futures.values()) or not queue.empty():
            try:
                role, done, total = queue.get(timeout=0.2)
            except Empty:
                continue
            shares[role] = done / total
            if on_progress:
                on_progress(sum(shares.values()) / len(shares))
        for role, future in futures.items():
            result[role] = future.result()
    return result


def _prepare_in_worker(role: str, choice: FontChoice, queue) -> PreparedFont:
    return prepare(choice, lambda done, total: queue.put((role, done, total)))
