"""The font cache: each chosen font made usable by reportlab and quick to load, once.

CFF-outline fonts are converted to TrueType, large TrueType fonts cut to
GB 2312 (prep.py does the work); the results live in the user's cache folder,
keyed by the source file, so later builds only read them.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from docgen.fonts import prep as fontprep
from docgen.fonts.choose import FontChoice

_CONVERTER_VERSION = "2"

OnProgress = Callable[[float], None]        # the share of the font preparation done, 0 … 1
Report = Callable[[int, int], None]         # (steps done, steps in all) of one font


def cache_dir() -> Path:
    """$DOCGEN_CACHE_DIR, else $XDG_CACHE_HOME/docgen (~/.cache/docgen)."""
    if os.environ.get("DOCGEN_CACHE_DIR"):
        return Path(os.environ["DOCGEN_CACHE_DIR"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "docgen"


@dataclass(frozen=True)
class PreparedFont:
    """What reportlab loads for a role: a fast file, and the full font for characters outside it."""
    file: Path
    index: int
    full: tuple[Path, int] | None = None


def _cache_stem(choice: FontChoice) -> Path:
    stat = choice.file.stat()
    key = hashlib.sha256(f"{choice.file.resolve()}|{choice.index}|{stat.st_size}|{stat.st_mtime_ns}|"
                         f"{_CONVERTER_VERSION}".encode()).hexdigest()[:16]
    return cache_dir() / "fonts" / f"{choice.file.stem}-{choice.index}-{key}"


def prepared(choice: FontChoice) -> PreparedFont | None:
    """The font as prepared earlier, or None if it still needs preparing."""
    stem = _cache_stem(choice)
    converted, cut, as_is = stem.with_suffix(".ttf"), stem.with_suffix(".cut.ttf"), stem.with_suffix(".asis")
    if converted.is_file():
        return PreparedFont(converted, 0)
    if cut.is_file():
        return PreparedFont(cut, 0, full=(choice.file, choice.index))
    if as_is.is_file():
        return PreparedFont(choice.file, choice.index)
    return None


def prepare(choice: FontChoice, report: Report) -> PreparedFont:
    """Make the chosen font usable by reportlab and quick to load, into the cache."""
    stem = _cache_stem(choice)
    original = (choice.file, choice.index)
    if fontprep.has_cff_outlines(*original):
        _made_atomically(stem.with_suffix(".ttf"), lambda part: fontprep.convert_to_truetype(*original, part, report))
    elif fontprep.glyph_count(*original) > fontprep.LARGE_FONT_GLYPHS_TRUETYPE:
        report(0, 1)
        _made_atomically(stem.with_suffix(".cut.ttf"), lambda part: fontprep.cut_truetype(*original, part))
    else:
        _made_atomically(stem.with_suffix(".asis"), lambda part: part.write_text("used as it is\n"))
    report(1, 1)
    return prepared(choice)


def prepare_all(choices: dict[str, FontChoice], on_progress: OnProgress | None = None) -> dict[str, PreparedFont]:
    """Every role's prepared font. What is not cached yet is prepared in parallel
    worker processes (one per core): the first run on a machine takes tens of seconds."""
    result = {role: prepared(choice) for role, choice in choices.items()}
    todo = {role: choice for role, choice in choices.items() if result[role] is None}
    if not todo:
        return result
    import multiprocessing                               # only on a first run: keep the others quick
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


def _made_atomically(target: Path, make: Callable[[Path], None]) -> None:
    partial = target.with_name(target.name + ".part")
    partial.parent.mkdir(parents=True, exist_ok=True)
    try:
        make(partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
