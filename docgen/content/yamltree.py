"""YAML text → plain Python values that remember where each key and value was written.

Content files arrive by mail, so reading is bounded before anything is built:

- characters an editor does not show (control characters, U+FFFF) and line
  separators it does not break at (NEL, U+2028, U+2029) are refused at their
  line:column, raw or written as a YAML escape ("\\x01"); they are not XML
  characters, so the DOCX writer could not store them, and the separators would
  make every later line number disagree with the clerk's editor;
- collections nest at most MAX_NESTING deep: ruamel's composer recurses
  (RecursionError at ~1,000 levels, a segfault at ~100,000);
- a file holds at most MAX_VALUES values, counting each alias (*name) as the
  values it repeats, and at most MAX_ALIASES aliases: a few lines of anchors and
  aliases are otherwise a billion-laughs bomb. An alias repeats a value that is
  complete (YAML tools write them for shared data); one inside the value it names
  (`note: &r [*r]`) would make an endless value and is refused;
- one document per file, no YAML tags.

We compose the tree ourselves from the C parser's events, in one loop with an
explicit stack (no recursion), stopping at the first bound exceeded; an alias
shares the value it names, as ruamel does. Dates stay text: the loader parses
them with a located message (2024-13-01 must not crash inside the YAML library).
"""

from __future__ import annotations

import bisect
import itertools
import re
from contextlib import closing
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
)
from ruamel.yaml.nodes import ScalarNode

from docgen.record import record

MAX_NESTING = 40        # lists and mappings inside each other; four levels of sections need 13
MAX_VALUES = 50_000     # keys, values and items; the bundled report has 470
MAX_ALIASES = 1_000
MAX_KEY_CHARS = 100     # a key is a field name, a metric id or a web-disclosure label
MAX_PROBLEMS = 100      # reading stops after one more: the clerk fixes these first

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
# Dates stay text; YAML 1.1's merge key (<<) and value key (=) are read as the characters
# they are (and so reported as unknown fields), not as instructions.
_KEPT_AS_TEXT = (_STR, "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")

Mark = tuple[int, int]          # 0-based line, column

# Not XML 1.0 characters (C0 controls but tab and line breaks, U+FFFE, U+FFFF,
# surrogates), C1 controls and DEL (invisible), the line separators that YAML
# counts as line breaks but editors do not (NEL, U+2028, U+2029), and the
# invisible direction controls that show text in another order than it is
# stored (U+202A–U+202E, U+2066–U+2069: a figure could read reversed).
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                      "\ud800-\udfff\ufffe\uffff]")
_SEPARATORS = {"\x85": "NEL", "\u2028": "line separator", "\u2029": "paragraph separator"}
# A double-quoted scalar's escapes: where a refused character written as "\x01" begins.
_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_NAMED_ESCAPES = {"0": "\x00", "a": "\x07", "b": "\x08", "v": "\x0b", "f": "\x0c", "e": "\x1b",
                  "N": "\x85", "L": "\u2028", "P": "\u2029"}


def refused_character_message(ch: str) -> str:
    """Why `ch` may not be in a report, and what to do."""
    code = f"U+{ord(ch):04X}"
    if ch in _SEPARATORS:
        return (f"{_SEPARATORS[ch]} ({code}): editors do not show it as a new line; "
                "delete it or press Enter instead")
    if ch in "\ufffe\uffff" or "\ud800" <= ch <= "\udfff":
        return f"{code} is not a character; delete it"
    if "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069":
        return f"direction control {code} (invisible; it shows text in another order); delete it"
    return f"control character {code} (invisible in most editors); delete it"


class Mapping(dict):
    """A YAML mapping; key_marks and value_marks give where each key and value starts."""

    def __init__(self) -> None:
        super().__init__()
        self.key_marks: dict = {}
        self.value_marks: dict = {}


class Sequence(list):
    """A YAML sequence; item_marks[i] gives where item i starts."""

    def __init__(self) -> None:
        super().__init__()
        self.item_marks: list[Mark] = []


@record
class Problem:
    """Something wrong in the YAML itself, at a 0-based mark; field is the key path so far."""
    mark: Mark
    field: str
    message: str


class _Lines:
    """Character offset → (line, column), counting \\n, \\r\\n and \\r as line ends, as editors do
    (and as the YAML parser does once NEL, U+2028 and U+2029 are refused)."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def mark(self, index: int) -> Mark:
        line = bisect.bisect_right(self.starts, index) - 1
        return line, index - self.starts[line]


def parse(text: str) -> tuple[object, list[Problem]]:
    """The document's value, or None and the problems that stop it from being read."""
    lines = _Lines(text)
    problems = [Problem(lines.mark(m.start()), "", refused_character_message(m.group()))
                for m in itertools.islice(_REFUSED.finditer(text), MAX_PROBLEMS + 1)]
    if problems:
        return None, problems
    composer = _Composer(text, lines)
    try:
        value = composer.compose()
    except MarkedYAMLError as exc:
        return None, _syntax_problem(exc, text)
    except YAMLError as exc:         # not located by ruamel; the character scan above catches the known cases
        return None, [Problem((0, 0), "", f"YAML: {str(exc).splitlines()[0]}")]
    return (None if composer.problems else value), composer.problems


# A value that YAML reads as something else than the text the clerk meant (README, "YAML traps").
_BRACE_VALUE = re.compile(r"^(?P<lead>[ \t]*(?:-[ \t]+|[^\s#'\"-][^#'\"\n]*?:[ \t]+))(?=\{[{%])", re.MULTILINE)
BRACE_HINT = ("this value starts with {{, which YAML reads as the start of a mapping: put the whole text "
              "in quotes, e.g. \"{{ year }}年……\"")
COLON_HINT = ("this text has an ASCII colon followed by a space (\": \"), which YAML reads as \"key: value\": "
              "write the full-width ： or put the text in quotes")


def _syntax_problem(exc: MarkedYAMLError, text: str) -> list[Problem]:
    """The YAML error in the clerk's terms: the unquoted {{ values up to where YAML stopped (each
    at its line), an ASCII ": " inside a text; else YAML's own words."""
    mark = exc.problem_mark or exc.context_mark
    where = (mark.line, mark.column) if mark else (0, 0)
    braces = [m for m in _BRACE_VALUE.finditer(text) if text.count("\n", 0, m.start()) <= where[0]]
    if braces:
        return [Problem((text.count("\n", 0, m.start()), len(m.group("lead"))), "", BRACE_HINT) for m in braces]
    if (exc.problem or "").startswith("mapping values are not allowed"):
        line = text.splitlines()[where[0]] if where[0] < len(text.splitlines()) else ""
        colon = line.rfind(": ", 0, where[1] + 2)           # YAML marks the colon or the character after it
        return [Problem((where[0], colon if colon >= 0 else where[1]), "", COLON_HINT)]
    return [Problem(where, "", f"YAML syntax: {exc.problem or exc.context}")]


@dataclass
class _Open:
    """A mapping or list being built, and where the next value goes."""
    value: Mapping | Sequence
    mark: Mark
    field: str
    anchor: str | None
    key: object = None
    key_mark: Mark | None = None        # set while the key's value is awaited
    skip_value: bool = False            # the key was refused: drop its value
    size: int = 1                       # values in it, aliases counted as what they repeat
    height: int = 1                     # levels of lists and mappings, itself included


@record
class _Anchored:
    """A complete value an alias may repeat."""
    value: object
    size: int
    height: int


class _Composer:
    """Builds the tree from the parser's events, one at a time, within the bounds."""

    def __init__(self, text: str, lines: _Lines):
        self.text, self.lines = text, lines
        self.yaml = YAML(typ="safe")
        self.problems: list[Problem] = []
        self.stack: list[_Open] = []
        self.root: object = None
        self.anchors: dict[str, _Anchored | None] = {}     # None: still open
        # The resolver's table (first character → [(tag, pattern)]), read once: its resolve()
        # looks the YAML version up on every call, at 20 µs a value.
        self.implicit = self.yaml.resolver.versioned_resolver
        self.values = 0
        self.aliases = 0

    def compose(self) -> object:
        documents = 0
        with closing(self.yaml.parse(self.text)) as events:
            for event in events:
                if isinstance(event, DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        self.problem(event, "a report file holds one YAML document; a second one starts here")
                        break
                elif not self.take(event):
                    break
                if len(self.problems) > MAX_PROBLEMS:
                    break
        return self.root

    def take(self, event: Event) -> bool:
        """Add one event to the tree; False when reading must stop."""
        if isinstance(event, AliasEvent):
            return self.alias(event)
        if isinstance(event, (ScalarEvent, CollectionStartEvent)):
            self.values += 1
            if self.values > MAX_VALUES:
                self.problem(event, f"more than {MAX_VALUES:,} keys, values and items: too large for a report")
                return False
            if event.tag is not None:
                self.problem(event, f"YAML tags ({event.tag}) are not used in report files; "
                                    "put the value in quotes if it must stay text")
        if isinstance(event, ScalarEvent):
            value = self.scalar(event)
            if event.anchor is not None:
                self.anchors[event.anchor] = _Anchored(value, 1, 0)
            self.add(value, event)
        elif isinstance(event, CollectionStartEvent):
            if len(self.stack) >= MAX_NESTING:
                self.problem(event, f"lists and mappings nest more than {MAX_NESTING} deep here; "
                                    "a report needs far fewer levels")
                return False
            container = Mapping() if isinstance(event, MappingStartEvent) else Sequence()
            self.stack.append(_Open(container, _mark(event), self.field_of_next(), event.anchor))
            if event.anchor is not None:
                self.anchors[event.anchor] = None
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            done = self.stack.pop()
            if done.anchor is not None:
                self.anchors[done.anchor] = _Anchored(done.value, done.size, done.height)
            self.add(done.value, event, done.mark, done.size, done.height)
        return True

    def alias(self, event: AliasEvent) -> bool:
        """Repeat an anchored value, within the bounds; False when reading must stop."""
        self.aliases += 1
        target = self.anchors.get(event.anchor)
        if event.anchor not in self.anchors:
            self.problem(event, f"alias *{event.anchor} names no anchor &{event.anchor} written before it")
        elif target is None:
            self.problem(event, f"alias *{event.anchor} is inside the value &{event.anchor} it repeats: "
                                "that value would never end")
        elif self.aliases > MAX_ALIASES:
            self.problem(event, f"more than {MAX_ALIASES:,} aliases (*name): too many for a report")
            return False
        elif self.values + target.size > MAX_VALUES or len(self.stack) + target.height > MAX_NESTING:
            self.problem(event, f"alias *{event.anchor} repeats too much: a report holds at most "
                                f"{MAX_VALUES:,} values nested at most {MAX_NESTING} deep")
            return False
        else:
            self.values += target.size
            self.add(target.value, event, size=target.size, height=target.height)
            return True
        self.add(None, event)
        return True

    def scalar(self, event: ScalarEvent) -> object:
        tag = self.tag(event)
        if tag in _KEPT_AS_TEXT:
            self.check_characters(event.value, event)
            return event.value
        if tag == _INT and len(event.value) > 100:
            self.problem(event, f"a number of {len(event.value)} digits cannot be a report value")
            return None
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        return self.yaml.constructor.construct_object(node, deep=True)

    def tag(self, event: ScalarEvent) -> str:
        """What a scalar is (text, a number, true/false, null …), as ruamel's resolver decides."""
        if not event.implicit[0]:       # quoted, or a block scalar: text
            return _STR
        value = event.value
        for tag, pattern in self.implicit.get(value[:1], []) + self.implicit.get(None, []):
            if pattern.match(value):
                return tag
        return _STR

    def check_characters(self, value: str, event: ScalarEvent) -> None:
        """A refused character that got past the text scan was written as an escape ("\\x01")."""
        found = _REFUSED.search(value)
        if found is None:
            return
        start, end = event.start_mark.index, event.end_mark.index
        for escape in _ESCAPE.finditer(self.text, start, end):
            code = escape.group(1) or escape.group(2) or escape.group(3)
            ch = chr(int(code, 16)) if code else _NAMED_ESCAPES.get(escape.group(4), "")
            if _REFUSED.fullmatch(ch):
                self.problems.append(Problem(self.lines.mark(escape.start()), self.field_of_next(),
                                             refused_character_message(ch)))
                return
        self.problem(event, refused_character_message(found.group()))

    def field_of_next(self) -> str:
        """The key path of the value about to be added."""
        if not self.stack:
            return ""
        parent = self.stack[-1]
        if isinstance(parent.value, Sequence):
            return f"{parent.field}[{len(parent.value)}]"
        if parent.key_mark is None:
            return parent.field
        return f"{parent.field}.{parent.key}" if parent.field else str(parent.key)

    def add(self, value: object, event: Event, mark: Mark | None = None, size: int = 1, height: int = 0) -> None:
        mark = mark or _mark(event)
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        parent.size += size
        parent.height = max(parent.height, height + 1)
        if isinstance(parent.value, Sequence):
            parent.value.append(value)
            parent.value.item_marks.append(mark)
        elif parent.key_mark is None:
            self.add_key(parent, parent.value, value, mark)
        else:
            self.add_value(parent, parent.value, value, mark)

    def add_key(self, parent: _Open, mapping: Mapping, key: object, mark: Mark) -> None:
        parent.key, parent.key_mark, parent.skip_value = key, mark, False
        if isinstance(key, (dict, list)):
            index = self.lines.starts[mark[0]] + mark[1]
            if self.text.startswith("{{", index - 1):       # title: {{ issuer }}年 reads as a mapping in a mapping
                self.problems.append(Problem(parent.mark, parent.field, BRACE_HINT))
            else:
                self.problems.append(Problem(mark, parent.field, "a key is a name, not a list or a mapping"))
            parent.skip_value = True
        elif isinstance(key, str) and len(key) > MAX_KEY_CHARS:
            self.problems.append(Problem(mark, parent.field, f"a key of {len(key):,} characters: keys are short "
                                                             "names such as title (is a colon missing?)"))
            parent.skip_value = True
        elif key in mapping:
            first = mapping.key_marks[key]
            self.problems.append(Problem(mark, self.field_of_next(),
                                         f"written twice (first at line {first[0] + 1}); keep one"))
            parent.skip_value = True

    @staticmethod
    def add_value(parent: _Open, mapping: Mapping, value: object, mark: Mark) -> None:
        key, key_mark = parent.key, parent.key_mark
        parent.key, parent.key_mark = None, None
        if parent.skip_value or key_mark is None:
            return
        mapping[key] = value
        mapping.key_marks[key] = key_mark
        mapping.value_marks[key] = mark

    def problem(self, event: Event, message: str) -> None:
        self.problems.append(Problem(_mark(event), self.field_of_next(), message))


def _mark(event: Event) -> Mark:
    return event.start_mark.line, event.start_mark.column
