"""Writing files all or nothing: the one writer for everything docgen puts on disk.

Outputs, next year's content and the font cache all go through write_all. Each
file is written whole to a temp file beside its target (a unique name,
`.<name>.<pid>-XXXXXXXX.tmp`), flushed to disk (fsync), then renamed over the
target, and the folder is flushed so that the rename survives a power cut.
When several files are written together (the report and its 简报, DOCX and PDF)
every temp file is written before any is renamed: a full disk, a file size
limit, or a target that is a folder replaces none of them. After that only the
renames remain — within one folder, they fail only on a broken disk or a race
with another program — and the error then says which files were replaced.

A process killed between its renames leaves its other temp files behind; the
next write into that folder removes the temp files of ours whose process has
ended (a temp file of a running docgen is left alone).
"""

from __future__ import annotations

import errno
import glob
import os
import re
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

_TEMP_SUFFIX = ".tmp"
_NAME_IN_TEMP = 40          # characters of the target's name kept in its temp file's name


class OutputError(Exception):
    """A file could not be written; `replaced` lists the targets already replaced (usually none)."""

    def __init__(self, message: str, replaced: list[Path] | None = None):
        super().__init__(message)
        self.replaced = replaced or []


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` whole, or leave it as it was."""
    write_all({Path(path): data})


def write_all(files: Mapping[Path, bytes]) -> None:
    """Replace every file with its data, or none of them (see the module's docstring)."""
    targets = {Path(path): data for path, data in files.items()}
    folders = list(dict.fromkeys(path.parent for path in targets))
    created: list[Path] = []
    staged: dict[Path, str] = {}
    try:
        for folder in folders:
            created += _make_folder(folder)
        for path in targets:
            _refuse_folder(path)
        for path, data in targets.items():
            staged[path] = _stage(path, data)
    except BaseException:
        _remove(staged.values())
        for folder in reversed(created):
            _quietly(os.rmdir, folder)
        raise
    _rename_all(staged)
    for folder in folders:
        _sync_folder(folder, list(staged))


def _make_folder(folder: Path) -> list[Path]:
    """Make the folder (and its parents); return those made, outermost first."""
    if os.path.lexists(folder) and not os.path.isdir(folder):
        what = "a symbolic link to nothing" if os.path.islink(folder) else "not a folder"
        raise OutputError(f"cannot write into {folder}: it is {what}")
    missing = []
    for parent in (folder, *folder.parents):
        if os.path.lexists(parent):
            break
        missing.append(parent)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder {folder}: {_reason(exc)}") from None
    return list(reversed(missing))


def _refuse_folder(path: Path) -> None:
    """A folder where a file should go would fail the rename, after the other files were replaced."""
    try:
        if stat.S_ISDIR(os.lstat(path).st_mode):
            raise OutputError(f"cannot write {path}: it is a folder")
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from None


def _stage(path: Path, data: bytes) -> str:
    """Write data to a new temp file beside path, flushed to disk; return its name."""
    _remove_stale_temps(path)
    prefix = f".{path.name[:_NAME_IN_TEMP]}.{os.getpid()}-"
    try:
        fd, temp = tempfile.mkstemp(prefix=prefix, suffix=_TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o666 & ~_current_umask())
    except BaseException as exc:
        _quietly(os.unlink, temp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {_reason(exc)}") from None
        raise
    return temp


def _rename_all(staged: dict[Path, str]) -> None:
    replaced: list[Path] = []
    try:
        for path, temp in staged.items():
            os.replace(temp, path)
            replaced.append(path)
    except BaseException as exc:
        failed = next(path for path in staged if path not in replaced)
        _remove(temp for path, temp in staged.items() if path not in replaced)
        if not isinstance(exc, OSError):
            raise
        kept = ", ".join(str(path) for path in staged if path not in replaced)
        done = (f"; already replaced: {', '.join(map(str, replaced))}; kept as they were: {kept}" if replaced
                else "")
        raise OutputError(f"cannot replace {failed}: {_reason(exc)}{done}", replaced) from None


def _sync_folder(folder: Path, replaced: list[Path]) -> None:
    """Flush the folder's entries, so that the renames are on disk too."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        if exc.errno in (errno.EINVAL, errno.ENOTSUP):      # a file system that cannot flush folders
            return
        raise OutputError(f"wrote the files, but cannot flush the folder {folder} to disk: {_reason(exc)}",
                          replaced) from None


def _remove_stale_temps(path: Path) -> None:
    """Remove temp files for `path` left by a docgen that was killed before renaming them."""
    prefix = f".{path.name[:_NAME_IN_TEMP]}."
    pattern = re.compile(re.escape(prefix) + r"(\d+)-\w+" + re.escape(_TEMP_SUFFIX) + "$")
    for name in glob.glob(glob.escape(str(path.parent / prefix)) + "*" + _TEMP_SUFFIX):
        match = pattern.match(Path(name).name)
        if match and not _running(int(match.group(1))):
            _quietly(os.unlink, name)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:             # someone else's process
        return True
    return True


def _remove(temps) -> None:
    for temp in list(temps):
        _quietly(os.unlink, temp)


def _quietly(remove, path) -> None:
    try:
        remove(path)
    except OSError:
        pass


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
