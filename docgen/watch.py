"""Rebuild as you type: build a content folder, then again each time one of its files is saved.

One process builds through docgen.build.build over and over, so what is slow to prepare is
prepared once: the imports, the PDF fonts (the font cache module keeps the parsed fonts), the
profiles (loaded again only when one of their files changed). A file change is noticed by
inotify through the `watchfiles` package, not by polling.

What is watched: the content folder's report.yaml and its images (a seal is a .png or .svg in
the folder itself, content/load.py), the bundled profiles (those a profile extends; all of
them, as the chain is the profile loader's business) and the default title template under
templates/, and, for a profile kept elsewhere, its profile.yaml. Folders are watched, not files,
and changes are kept by path: editors save by writing a temporary file and renaming it over the
old one (vim, VS Code), which a watch of the file itself would lose.

A failed build (bad content, a check's error, a broken profile) is one more Rebuild: its error
lines are those `docgen build` prints, nothing is written (build writes all files or none), so
the last good files stay, and the next save builds again.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

# watchfiles.watch() starts watching only when first iterated: a save made between the first
# build and the caller's next() would be lost. Its notifier, created first, keeps every change
# from then on (watchfiles documents it as the Rust backend).
from watchfiles._rust_notify import RustNotify

from docgen.build import BRIEF_PROFILE, BuildOptions, build
from docgen.failures import described
from docgen.format.profile import DEFAULT_PROFILE, PROFILE_FILE, load_profile, profile_file
from docgen.paths import TEMPLATES_DIR
from docgen.record import record
from docgen.settings import SettingsErrors

# An editor's save is a burst of events within a few milliseconds (vim: a test file, a backup
# rename, the new file). STEP_MS of quiet ends the burst and the build starts; DEBOUNCE_MS bounds
# the wait if events keep coming. The build itself takes the rest of the 0.3 s (issue 16).
STEP_MS = 30
DEBOUNCE_MS = 200
WAKE_MS = 500           # how often the stop event is looked at while nothing changes
CONTENT_FILES = ("report.yaml",)
IMAGE_SUFFIXES = (".png", ".svg")
TEMPLATES = Path(os.path.abspath(TEMPLATES_DIR))


class StopEvent(Protocol):
    def is_set(self) -> bool: ...


@record
class Rebuild:
    """One build of the watch: the first one, or one after a change."""

    ok: bool
    paths: tuple[Path, ...]         # the files written (none when failed)
    errors: tuple[str, ...]         # what `docgen build` would print for the failure
    notes: tuple[str, ...]          # what a good build wants known (a draft, a fallback font)
    seconds: float                  # the build's own time
    changed: tuple[Path, ...]       # the saved files that caused it; () for the first build
    finished: float                 # time.time() when its files were written (or it failed)


@record
class Watched:
    """Which changed paths call for a rebuild, and which for loading the profiles again."""

    content_dir: Path
    profile_path: Path | None       # a profile kept outside templates/, if any

    @property
    def folders(self) -> list[Path]:
        """The folders to watch, each without its subfolders: the files that matter lie directly in
        them; and the content folder's parent, which sees the folder itself removed or made again
        (a sync tool or a checkout replacing it). Only those that exist: a removed content folder
        is watched again once it is back."""
        bundled = [file.parent for file in TEMPLATES.glob(f"*/{PROFILE_FILE}")] + [TEMPLATES / "text"]
        outside = [self.profile_path.parent] if self.profile_path else []
        folders = [self.content_dir, self.content_dir.parent, *bundled, *outside]
        return [folder for folder in dict.fromkeys(folders) if folder.is_dir()]

    def is_profile(self, path: Path) -> bool:
        if path == self.profile_path:
            return True
        return path.name == PROFILE_FILE and path.parent.parent == TEMPLATES

    def matters(self, path: Path) -> bool:
        if self.is_profile(path) or path == self.content_dir:
            return True
        if path.parent == self.content_dir:
            return path.name in CONTENT_FILES or path.suffix.lower() in IMAGE_SUFFIXES
        return path.parent == TEMPLATES / "text"


def _absolute(path: Path | str) -> Path:
    return Path(os.path.abspath(path))


def _profile_path(profile_name: str) -> Path | None:
    """The profile.yaml of a profile named by its path (None for a bundled one, or a broken name:
    loading it says what is wrong)."""
    try:
        path = _absolute(profile_file(profile_name))
    except SettingsErrors:
        return None
    return None if path.parent.parent == TEMPLATES else path


class _Builder:
    """Builds on request. The profiles are asked for at every build: load_profile keeps each
    one for the process and reads it again only when one of its files changed."""

    def __init__(self, content_dir: Path, out_dir: Path, formats: tuple[str, ...], brief_formats: tuple[str, ...],
                 profile_name: str, options: BuildOptions):
        self.content_dir, self.out_dir = content_dir, out_dir
        self.formats, self.brief_formats = formats, brief_formats
        self.profile_name, self.options = profile_name, options

    def __call__(self, changed: tuple[Path, ...]) -> Rebuild:
        start = time.perf_counter()
        try:
            profile = load_profile(self.profile_name)
            brief_profile = load_profile(BRIEF_PROFILE) if self.brief_formats else None
            built = build(self.content_dir, profile, self.formats, self.out_dir, self.options,
                          brief_formats=self.brief_formats, brief_profile=brief_profile)
        except Exception as exc:
            failure = described(exc)
            if failure is None:         # not a failure of the content or the profile: a bug, end the watch
                raise
            return Rebuild(False, (), failure.lines, (), time.perf_counter() - start, changed, time.time())
        return Rebuild(True, tuple(built.paths), (), tuple(built.notes), time.perf_counter() - start, changed,
                       time.time())


def rebuilds(content_dir: Path, out_dir: Path, formats: tuple[str, ...], brief_formats: tuple[str, ...] = (),
             profile_name: str = DEFAULT_PROFILE, options: BuildOptions | None = None,
             stop_event: StopEvent | None = None) -> Iterator[Rebuild]:
    """Build content_dir into out_dir now, and again after each change of a file the build
    reads, one Rebuild each, until stop_event is set (or Ctrl-C: KeyboardInterrupt). A content
    folder that does not exist gives its failed Rebuild and ends the watch: there is nothing to
    watch."""
    content_dir = _absolute(content_dir)
    watched = Watched(content_dir, _profile_path(profile_name))
    builder = _Builder(content_dir, Path(out_dir), formats, brief_formats, profile_name, options or BuildOptions())
    if not content_dir.is_dir():
        yield builder(())
        return
    changed: tuple[Path, ...] = ()
    while True:
        # The notifier is made before each build, so that no save during the build is lost; made
        # again when the content folder itself went or came (inotify watched the folder it was).
        # Its arguments: no debug output, inotify (no polling, so no poll delay), not recursive,
        # permission errors raised.
        with RustNotify([str(folder) for folder in watched.folders], False, False, 0, False, False) as notifier:
            yield builder(changed)
            for changed in _changes(notifier, watched, stop_event):
                if content_dir in changed:
                    break
                yield builder(changed)
            else:
                return


def _changes(notifier: RustNotify, watched: Watched, stop_event: StopEvent | None) -> Iterator[tuple[Path, ...]]:
    """Each burst of changes to files that matter, as their sorted paths."""
    while stop_event is None or not stop_event.is_set():
        raw = notifier.watch(DEBOUNCE_MS, STEP_MS, WAKE_MS, stop_event)
        if raw == "signal":
            raise KeyboardInterrupt
        if raw == "stop":
            return
        if raw == "timeout":
            continue
        changed = _mattering(raw, watched)
        if changed:
            yield changed


def _mattering(raw: Iterable[tuple[int, str]], watched: Watched) -> tuple[Path, ...]:
    """The paths that matter among the raw (change, path) pairs. A deletion counts: a saved file
    that is renamed away (vim's backup) and then written again shows as deleted, then added."""
    return tuple(sorted({path for path in (_absolute(name) for _, name in raw) if watched.matters(path)}))
