"""Settings files — format profiles and the user's configuration — read with every problem located.

Both are small YAML files written by hand (a house style, a font path) or received
with a report. A mistake in one must read `file:line:column: key: what was expected,
got what`, never a traceback and never a key that is silently ignored. A Settings
tree is read key by key with a type and a rule; problems are collected rather than
raised, so one run names them all; keys that nothing read are reported as unknown,
with the nearest known name. The YAML itself is read as content is (content/load.py:
positions kept, bounded, undecodable bytes and syntax errors located).
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docgen.content.model import Location
from docgen.content.yamltree import Mapping, Sequence
from docgen.errors import ContentError, ContentErrors
from docgen.record import record

MISSING: Any = object()        # no default: the key must be present
_KIND_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
               dict: "a mapping", list: "a list"}
MAX_TEXT = 200                 # characters in one setting (a label, a font name, a format)


@record
class Rule:
    """What a value must be beyond its type: `wanted` completes "expected <kind>…", `ok` tells."""
    wanted: str
    ok: Callable[[Any], bool]


class SettingsErrors(Exception):
    """Every problem of a settings file (or of a profile and the profiles it extends)."""

    what = "the settings"

    def __init__(self, problems: list[ContentError] | list[str]):
        located = sorted((p for p in problems if isinstance(p, ContentError)),
                         key=lambda p: (str(p.where.file), p.where.line, p.where.column))
        self.problems = [str(p) for p in problems if not isinstance(p, ContentError)] + [str(p) for p in located]
        super().__init__("\n".join(self.problems))


@record
class _Place:
    key: Location           # where the key is written
    value: Location         # where its value starts


class Settings:
    """A settings tree (one file, or a profile merged over the ones it extends) read key by key."""

    def __init__(self, data: dict, places: dict[str, _Place], top: Location, problems: list[ContentError]):
        self.data, self.places, self.top = data, places, top
        self.problems = problems
        self._read: set[str] = set()
        self._refused: set[str] = set()         # keys whose value was wrong: what is under them is not unknown

    @classmethod
    def read(cls, path: Path) -> Settings:
        """The file's settings; problems reading it (unreadable, not UTF-8, bad YAML, keys written
        twice, not a mapping) are in .problems, with an empty tree."""
        # Imported here: content/load.py itself reads profiles (through content/figures.py).
        from docgen.content.load import read_yaml_file
        top = Location(path, 1, 1)
        try:
            data = read_yaml_file(path)
        except ContentErrors as exc:
            return cls({}, {}, top, list(exc.errors))
        except OSError as exc:
            return cls({}, {}, top, [ContentError(top, "", f"cannot read the file: {exc.strerror or exc}")])
        if data is None:
            data = Mapping()
        if not isinstance(data, dict):
            return cls({}, {}, top, [ContentError(top, "", f"expected a mapping of settings (key: value), "
                                                           f"got {shown(data)}")])
        places: dict[str, _Place] = {}
        _collect_places(data, "", path, places)
        return cls(data, places, top, [])

    def merged_over(self, base: Settings) -> Settings:
        """These settings over `base`: a mapping merges key by key, anything else replaces."""
        return Settings(_deep_merge(base.data, self.data), {**base.places, **self.places}, self.top,
                        base.problems + self.problems)

    # -- reading -------------------------------------------------------------------------------
    def where(self, dotted: str, key: bool = False) -> Location:
        """Where a key (or its value) is written; for a missing key, where its nearest parent is."""
        path = dotted
        while path:
            if path in self.places:
                place = self.places[path]
                return place.key if key or path != dotted else place.value
            path = path.rpartition(".")[0]
        return self.top

    def problem(self, dotted: str, message: str, key: bool = False) -> None:
        self.problems.append(ContentError(self.where(dotted, key), dotted, message))

    def raw(self, dotted: str) -> Any:
        """The value as written (MISSING if absent), unchecked: for a key that may take several kinds."""
        return _lookup(self.data, dotted)

    def get(self, dotted: str, kind: type, default: Any = MISSING, rule: Rule | None = None) -> Any:
        """The value at `dotted` if it is of `kind` and keeps `rule`; else a problem is noted and a
        stand-in returned (the kind's empty value, so that reading goes on and finds every problem).
        `default` (None: the value may also be null) applies when the key is absent."""
        self._read.add(dotted)
        value = _lookup(self.data, dotted)
        if value is MISSING or (value is None and default is None):
            if default is MISSING:
                self.problem(dotted, "missing")
                return kind()
            return default
        written = value
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)) \
                or (isinstance(value, float) and not math.isfinite(value)) or (rule is not None and not rule.ok(value)):
            self.problem(dotted, f"expected {_KIND_NAMES[kind]}{rule.wanted if rule else ''}, got {shown(written)}")
            self._refused.add(dotted)
            return kind()
        trouble = _text_problem(value) if isinstance(value, str) else None
        if trouble is not None:
            self.problem(dotted, trouble)
            return kind()
        return value

    def keys(self, dotted: str) -> list[str]:
        """The keys of the mapping at `dotted` (a problem if it is not one)."""
        return [str(k) for k in self.get(dotted, dict)]

    def items(self, dotted: str, kind: type, rule: Rule | None = None, default: Any = MISSING) -> list:
        """A list whose every item is of `kind` and keeps `rule`, each checked where it is written."""
        items = self.get(dotted, list, default)
        return [self.get(f"{dotted}.{i}", kind, rule=rule) for i in range(len(items))]

    def mark_read(self, dotted: str) -> None:
        self._read.add(dotted)

    def note_unknown_keys(self) -> None:
        """A problem for every key that nothing read: a typo must not pass as a setting."""
        for dotted in _paths(self.data, ""):
            parent = dotted.rpartition(".")[0]
            if self._known(dotted) or (parent and not self._known(parent)):
                continue
            siblings = {r.rpartition(".")[2] for r in self._read
                        if r.rpartition(".")[0] == parent and not r.rpartition(".")[2].isdigit()}
            name = dotted.rpartition(".")[2]
            hint = difflib.get_close_matches(name, sorted(siblings), n=1)
            if hint:
                self.problem(dotted, f"unknown key; did you mean '{hint[0]}'?", key=True)
            else:
                known = f" (known here: {', '.join(sorted(siblings))})" if siblings else ""
                self.problem(dotted, f"unknown key{known}", key=True)

    def _known(self, dotted: str) -> bool:
        return (dotted in self._read or any(r.startswith(dotted + ".") for r in self._read)
                or any(dotted.startswith(r + ".") for r in self._refused))


def shown(value: Any) -> str:
    """A value as a message quotes it."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:40] + "…")


def between(low: float, high: float) -> Rule:
    return Rule(f" from {low:,} to {high:,}", lambda v: low <= v <= high)


def _text_problem(text: str) -> str | None:
    """Control characters never get this far: the YAML reader refuses them where they are written."""
    if len(text) > MAX_TEXT:
        return f"expected at most {MAX_TEXT} characters, got {len(text)}"
    return None


def _lookup(data: Any, dotted: str) -> Any:
    node = data
    for part in dotted.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return MISSING
    return node


def _paths(node: Any, prefix: str):
    """Every key path in the tree (list items are numbered), parents first."""
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in children:
        dotted = f"{prefix}.{key}" if prefix else str(key)
        yield dotted
        yield from _paths(value, dotted)


def _collect_places(node: Any, prefix: str, file: Path, places: dict[str, _Place]) -> None:
    def at(mark: tuple[int, int]) -> Location:
        return Location(file, mark[0] + 1, mark[1] + 1)
    if isinstance(node, Mapping):
        for key, value in node.items():
            dotted = f"{prefix}.{key}" if prefix else str(key)
            places[dotted] = _Place(at(node.key_marks[key]), at(node.value_marks[key]))
            _collect_places(value, dotted, file, places)
    elif isinstance(node, Sequence):
        for i, value in enumerate(node):
            dotted = f"{prefix}.{i}"
            places[dotted] = _Place(at(node.item_marks[i]), at(node.item_marks[i]))
            _collect_places(value, dotted, file, places)


def _deep_merge(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged
