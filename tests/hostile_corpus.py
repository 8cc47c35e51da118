"""Hostile content folders: hundreds of ways a mailed report can be wrong or malicious.

Every case is a mutation of one of two real reports (tests/fixtures/all-elements and
the bundled content/xinwu-2023), or a folder that is wrong as a folder: control
characters in every text field (raw and as YAML escapes), wrong types in every field,
broken YAML, odd encodings, huge numbers, deep nesting, alias bombs, over-long texts
and files, symbolic links, and template texts that try to escape the sandbox; and the
fields of the whole official document: **bold** marks (unpaired, empty, made by a
template, thousands), tables, the 版头, seal images (paths out of the folder, links,
damaged or huge PNGs, SVGs that refer to other files or expand entities), joint
signatures, number:/numbering: values and attachments with bodies.
tests/test_hostile_content.py runs each through the CLI.

A case says what must happen: OK (exit 0 and the output written), ERROR (exit 1,
nothing written) or EITHER, and where it knows it, the exact location of the first error.

    python tests/hostile_corpus.py FOLDER     writes every case into FOLDER, for a look
"""

from __future__ import annotations

import codecs
import json
import os
import re
import struct
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.events import (
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    ScalarEvent,
)
from ruamel.yaml.nodes import ScalarNode

ROOT = Path(__file__).resolve().parent.parent
BASES = {
    "all": ROOT / "tests" / "fixtures" / "all-elements" / "report.yaml",
    "xinwu": ROOT / "content" / "xinwu-2023" / "report.yaml",
}
OK, ERROR, EITHER = "ok", "error", "either"


@dataclass(frozen=True)
class Link:
    """report.yaml (or another entry) as a symbolic link to this target."""
    target: str


FIFO = object()         # the entry is a named pipe
FOLDER = object()       # the entry is a folder


@dataclass(frozen=True)
class Case:
    id: str
    files: dict[str, object]            # entry name → bytes, str (UTF-8), Link, FIFO or FOLDER
    expect: str = EITHER
    located: str | None = None          # the first error line starts with <folder>/<located>
    message: str | None = None          # …and contains this
    folder: str | None = None           # the content folder's name, if not the id
    content_dir: str | None = None      # what the CLI is given, if not the folder

    @property
    def folder_name(self) -> str:
        return self.folder or self.id

    @property
    def argument(self) -> str:
        return self.content_dir or self.folder_name


def write(case: Case, root: Path) -> Path:
    """Make the case's content folder under root; return it."""
    folder = root / case.folder_name
    if "." in case.files:               # the folder itself is special
        entry = case.files["."]
        if isinstance(entry, Link):
            os.symlink(entry.target, folder)
        elif isinstance(entry, bytes):
            folder.write_bytes(entry)
        return folder
    folder.mkdir()
    for name, content in case.files.items():
        path = folder / name
        if isinstance(content, Link):
            os.symlink(content.target, path)
        elif content is FIFO:
            os.mkfifo(path)
        elif content is FOLDER:
            path.mkdir()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(str(content), encoding="utf-8", newline="")
    return folder


def base(name: str) -> str:
    return BASES[name].read_text(encoding="utf-8")


# -- where the values are -----------------------------------------------------

@dataclass(frozen=True)
class Scalar:
    path: str           # as docgen names fields: sections[0].paragraphs[1].text
    start: int          # character offsets of the value in the text
    end: int
    value: str
    text: bool          # a string (or a date), not a number or true/false


@dataclass
class _Open:
    path: str
    mapping: bool
    key: str | None = None
    index: int = 0


def scalars(text: str) -> list[Scalar]:
    """Every value (not key) written as a scalar, with its field path and span."""
    yaml = YAML(typ="safe")
    stack: list[_Open] = []
    found = []
    for event in yaml.parse(text):
        if isinstance(event, (ScalarEvent, CollectionStartEvent)):
            top = stack[-1] if stack else None
            if top is not None and top.mapping and top.key is None:
                top.key = event.value if isinstance(event, ScalarEvent) else "?"
                continue
            if top is None:
                path = ""
            elif top.mapping:
                path, top.key = (f"{top.path}.{top.key}" if top.path else str(top.key)), None
            else:
                path, top.index = f"{top.path}[{top.index}]", top.index + 1
            if isinstance(event, ScalarEvent):
                tag = yaml.resolver.resolve(ScalarNode, event.value, event.implicit)
                is_text = not event.implicit[0] or tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp")
                found.append(Scalar(path, event.start_mark.index, event.end_mark.index, event.value, is_text))
            else:
                stack.append(_Open(path, isinstance(event, MappingStartEvent)))
        elif isinstance(event, CollectionEndEvent):
            stack.pop()
    return found


def shapes_once(found: list[Scalar]) -> list[Scalar]:
    """One scalar per field shape (sections[*].title, metrics.*.label …): the bundled report
    repeats each many times."""
    seen: dict[str, Scalar] = {}
    for scalar in found:
        shape = re.sub(r"\[\d+\]", "[]", re.sub(r"^metrics\.\w+", "metrics.*", scalar.path))
        seen.setdefault(shape, scalar)
    return list(seen.values())


def position(text: str, index: int) -> str:
    """1-based line:column of a character offset (the bases use \\n line ends)."""
    line = text.count("\n", 0, index) + 1
    return f"{line}:{index - (text.rfind(chr(10), 0, index) + 1) + 1}"


def quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's form is one)."""
    return json.dumps(value, ensure_ascii=False)


def replaced(text: str, scalar: Scalar, new: str) -> str:
    return text[:scalar.start] + new + text[scalar.end:]


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def with_brief(text: str, settings: str) -> str:
    """The report with its `brief:` (the bundled one has one) replaced by settings, a line
    such as "issue: 3"."""
    return re.sub(r"^brief:\n(?:  .*\n)*", "", text, flags=re.MULTILINE) + f"brief:\n  {settings}\n"


# -- the cases -----------------------------------------------------------------

RAW_CHARACTERS = ["\x01", "\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\ufffe", "\uffff",
                  "\u202e", "\x9b", "\x08", "\x1f"]
ESCAPES = {"\\x01": "U+0001", "\\0": "U+0000", "\\uffff": "U+FFFF", "\\x1b": "U+001B", "\\x7f": "U+007F",
           "\\N": "U+0085", "\\L": "U+2028", "\\P": "U+2029", "\\u202e": "U+202E", "\\x85": "U+0085",
           "\\ufffe": "U+FFFE", "\\b": "U+0008", "\\v": "U+000B", "\\f": "U+000C", "\\e": "U+001B", "\\a": "U+0007",
           "\\x9f": "U+009F", "\\U0000FFFF": "U+FFFF"}
WRONG_TYPES = {"list": "[1, 2]", "mapping": "{a: 1}", "number": "12", "flag": "true", "null": "null",
               "empty": '""', "huge-float": "1e400"}
XINWU_TYPES = ("list", "mapping", "number", "null")


def control_characters(name: str, text: str, found: list[Scalar]) -> Iterator[Case]:
    """Every text value with a refused character: raw (at its place) and as a YAML escape."""
    escapes = list(ESCAPES.items())
    for n, scalar in enumerate(s for s in found if s.text and s.value):
        raw = RAW_CHARACTERS[n % len(RAW_CHARACTERS)]
        at = scalar.start + 1
        yield Case(f"{name}-raw-{n:03d}", {"report.yaml": text[:at] + raw + text[at:]}, ERROR,
                   f"report.yaml:{position(text, at)}: ", f"U+{ord(raw):04X}")
        escape, code = escapes[n % len(escapes)]
        head = quoted(scalar.value[:1])[:-1]            # '"' and the first character, escaped
        new = head + escape + quoted(scalar.value[1:])[1:]
        mutated = replaced(text, scalar, new)
        yield Case(f"{name}-escape-{n:03d}", {"report.yaml": mutated}, ERROR,
                   f"report.yaml:{position(mutated, scalar.start + len(head))}: {scalar.path}: ", code)


def wrong_types(name: str, text: str, found: list[Scalar],
                kinds: tuple[str, ...] = tuple(WRONG_TYPES)) -> Iterator[Case]:
    for n, scalar in enumerate(found):
        for kind in kinds:
            value = WRONG_TYPES[kind]
            if value != scalar.value:
                yield Case(f"{name}-type-{n:03d}-{kind}", {"report.yaml": replaced(text, scalar, value)})


def key_characters(name: str, text: str) -> Iterator[Case]:
    """Refused characters in keys, escaped in a quoted key."""
    for n, key in enumerate(("year", "title", "sections", "metrics", "label", "text", "role", "date")):
        match = re.search(rf"^(\s*(?:- )?){key}:", text, re.MULTILINE)
        if match is None:
            continue
        at = match.start() + len(match.group(1))
        mutated = text[:at] + f'"{key[0]}\\x0{n + 1}{key[1:]}":' + text[match.end():]
        yield Case(f"{name}-key-escape-{key}", {"report.yaml": mutated}, ERROR,
                   f"report.yaml:{position(mutated, at + 2)}: ", f"U+000{n + 1}")


def broken_yaml(name: str, text: str) -> Iterator[Case]:
    lines = text.splitlines(keepends=True)
    for n in range(1, 16):                              # cut anywhere
        cut = len(text) * n // 16
        yield Case(f"{name}-cut-{n:02d}", {"report.yaml": text[:cut]})
    for n in range(0, len(lines), max(1, len(lines) // 12)):       # one line gone, one line doubled, a tab
        yield Case(f"{name}-no-line-{n:03d}", {"report.yaml": "".join(lines[:n] + lines[n + 1:])})
        yield Case(f"{name}-line-twice-{n:03d}", {"report.yaml": "".join(lines[:n + 1] + lines[n:])})
        yield Case(f"{name}-tab-{n:03d}", {"report.yaml": "".join(lines[:n] + ["\t" + lines[n]] + lines[n + 1:])})
        yield Case(f"{name}-indent-{n:03d}", {"report.yaml": "".join(lines[:n] + ["   " + lines[n]] + lines[n + 1:])})
    last = text.count("\n") + 1                    # the line an appended text starts on
    for label, (extra, column, message) in {
        "open-bracket": ("note2: [a, [b\n", None, "YAML syntax"),
        "open-brace": ("note2: {a: 1\n", None, "YAML syntax"),
        "open-quote": ('note2: "abc\n', None, "YAML syntax"),
        "colons": ("note2: a: b: c\n", None, "an ASCII colon followed by a space"),
        "dashes": ("- - -\n", None, "YAML syntax"),
        "question": ("? \n", None, None),
        "complex-key": ("? [a, b]\n: c\n", 3, "a key is a name, not a list or a mapping"),
        "map-key": ("{a: 1}: b\n", 1, "a key is a name"),
        "python-tag": ('note2: !!python/object/apply:os.system ["echo hostile"]\n', 8, "YAML tags"),
        "custom-tag": ("note2: !mine x\n", 8, "YAML tags (!mine)"),
        "binary": ("note2: !!binary aGVsbG8=\n", 8, "YAML tags"),
        "set": ("note2: !!set {a, b}\n", 8, "YAML tags"),
        "second-document": ("---\nyear: 2024\n", 1, "one YAML document"),
        "document-end": ("...\nyear: 2024\n", None, "YAML syntax"),
        "directive": ("%YAML 1.1\n", None, "YAML syntax"),
        "undefined-alias": ("note2: *nowhere\n", 8, "names no anchor &nowhere"),
        "merge-key": ("<<: {year: 2020}\n", 1, "unknown field"),
        "long-key": ("k" * 150 + ": 1\n", 1, "a key of 150 characters"),
        "newline-key": ('"a\\nb": 1\n', 1, "a\\nb: unknown field"),
        "unknown": ("unknown_field: 1\n", 1, "unknown field"),
        "mustache": ("note2: {{ year }}年\n", 8, "put the whole text in quotes"),
        "mustache-alone": ("note2: {{ year }}\n", 8, "put the whole text in quotes"),
        "bom-inside": ("\ufeffnote2: x\n", None, None),
        "null-key": ("null: 1\n", 1, "unknown field"),
        "int-key": ("12: 1\n", 1, "unknown field"),
        "float-key": ("1.5: x\n", 1, "unknown field"),
        "bool-key": ("true: x\n", 1, "unknown field"),
        "bare-colon": (":\n", None, None),
        "empty-flow-key": ("{: x}\n", None, None),
    }.items():
        located = f"report.yaml:{last}:{column}: " if column else None
        yield Case(f"{name}-yaml-{label}", {"report.yaml": text + extra}, ERROR, located, message)
    yield Case(f"{name}-yaml-top-list", {"report.yaml": "- " + text.replace("\n", "\n  ")})
    yield Case(f"{name}-yaml-top-text", {"report.yaml": quoted(text)}, ERROR)
    yield Case(f"{name}-crlf", {"report.yaml": text.replace("\n", "\r\n")}, OK)
    yield Case(f"{name}-cr", {"report.yaml": text.replace("\n", "\r")}, OK)
    bad_year = edit(text, "year: 2023", 'year: "x"')
    line = position(bad_year, bad_year.index('year: "x"') + 6)
    for label, newline in (("crlf", "\r\n"), ("cr", "\r")):
        yield Case(f"{name}-{label}-located", {"report.yaml": bad_year.replace("\n", newline)}, ERROR,
                   f"report.yaml:{line}: year: ")


def encodings(name: str, text: str) -> Iterator[Case]:
    yield Case(f"{name}-utf8-bom", {"report.yaml": codecs.BOM_UTF8 + text.encode()}, OK)
    for codec in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "gbk", "gb18030", "big5"):
        try:
            data = text.encode(codec)
        except UnicodeEncodeError:
            data = text.encode(codec, errors="replace")
        yield Case(f"{name}-{codec}", {"report.yaml": data}, ERROR,
                   "report.yaml:1:" if codec.startswith("utf-") else None)
    lines = text.splitlines(keepends=True)
    for n in (3, len(lines) // 2, len(lines) - 1):       # one bad byte, at a known place
        head = "".join(lines[:n - 1])
        for label, bad in (("byte", b"\xff"), ("surrogate", b"\xed\xa0\x80"), ("overlong", b"\xc0\xaf"),
                           ("cut", b"\xe6\xb3")):
            data = head.encode() + lines[n - 1][:4].encode() + bad + lines[n - 1][4:].encode() + \
                "".join(lines[n:]).encode()
            yield Case(f"{name}-{label}-line-{n}", {"report.yaml": data}, ERROR, f"report.yaml:{n}:5: ", "not UTF-8")
    yield Case(f"{name}-cut-character-at-end", {"report.yaml": text.encode() + "法".encode()[:2]}, ERROR)
    yield Case(f"{name}-latin1", {"report.yaml": text.encode("utf-8").decode("latin-1").encode("latin-1") + b"\xe9"},
               ERROR)


def numbers(name: str, text: str) -> Iterator[Case]:
    for label, value in {"huge": str(10 ** 50), "negative": "-1", "zero": "0", "fraction": "2023.5",
                         "inf": ".inf", "nan": ".nan", "hex": "0x7E7", "octal": "0o3747", "text": "二〇二三",
                         "5000-digits": "9" * 5000, "float-huge": "1e400"}.items():
        expect = OK if label in ("hex", "octal") else ERROR        # 0x7E7 and 0o3747 are 2023
        yield Case(f"{name}-year-{label}", {"report.yaml": edit(text, "year: 2023", f"year: {value}")}, expect)
    metric = re.search(r"^    value: (.+)$", text, re.MULTILINE)
    assert metric is not None
    for label, value in {"40-digits": "1" * 40 + "件", "16-digits": "1" * 16 + "件", "15-digits": "1" * 15 + "件",
                         "int-40": "1" * 40, "int-5000": "9" * 5000, "float": "1.5e300", "inf": ".inf",
                         "nan": ".nan", "negative": "-5件", "long-unit": "1" + "件" * 100, "fullwidth": "１２件",
                         "many-decimals": "0." + "0" * 13 + "1件", "dots": "1.2.3件", "approx-only": "余件"}.items():
        mutated = text[:metric.start(1)] + value + text[metric.end(1):]
        expect = OK if label in ("15-digits", "fullwidth", "many-decimals") else ERROR
        yield Case(f"{name}-metric-{label}", {"report.yaml": mutated}, expect)
    if "{{ metrics.cases }}" in text:            # 同比 of absurd figures
        yoy = edit(text, "{{ metrics.cases }}", "{{ metrics.cases.yoy }}")
        for label, value, previous in (("40-digits", "1" * 40 + "件", "1000件"),
                                       ("max", "9" * 15 + "万亿件", "0." + "0" * 13 + "1件"),
                                       ("zero", "5件", "0件"), ("units", "5件", "5%")):
            mutated = edit(edit(yoy, "value: 1200余件", f'value: "{value}"'),
                           "previous: 1000件", f'previous: "{previous}"')
            yield Case(f"{name}-yoy-{label}", {"report.yaml": mutated}, OK if label == "max" else ERROR)
    for key in ("issue", "total_issue", "copies", "min_chars", "max_chars"):
        for label, value in (("huge", str(10 ** 30)), ("zero", "0"), ("max", "999999"), ("over", "1000000")):
            expect = EITHER if label == "max" else ERROR
            yield Case(f"{name}-brief-{key}-{label}", {"report.yaml": with_brief(text, f"{key}: {value}")}, expect)


def nesting(name: str, text: str) -> Iterator[Case]:
    yield Case(f"{name}-flow-100000", {"report.yaml": text + "note2: " + "[" * 100_000 + "]" * 100_000 + "\n"},
               ERROR, None, "nest more than 40 deep")
    yield Case(f"{name}-flow-1000", {"report.yaml": text + "note2: " + "{a: " * 1000 + "1" + "}" * 1000 + "\n"},
               ERROR, None, "nest more than 40 deep")
    yield Case(f"{name}-block-1000", {"report.yaml": text + "note2:\n" + "".join(
        "  " * i + "- \n" for i in range(1, 1000))}, ERROR)
    yield Case(f"{name}-depth-39", {"report.yaml": text + "note2: " + "[" * 39 + "]" * 39 + "\n"}, ERROR)
    yield Case(f"{name}-depth-40", {"report.yaml": text + "note2: " + "[" * 40 + "]" * 40 + "\n"}, ERROR,
               None, "nest more than 40 deep")
    yield Case(f"{name}-self-alias", {"report.yaml": text + "note2: &r [*r]\n"}, ERROR, None, "inside the value &r")
    yield Case(f"{name}-self-alias-map", {"report.yaml": text + "note2: &m {a: *m}\n"}, ERROR, None,
               "inside the value &m")
    laughs = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 10))
    yield Case(f"{name}-billion-laughs", {"report.yaml": 'l0: &l0 "lol"\n' + laughs + text}, ERROR, None,
               "repeats too much")
    yield Case(f"{name}-quadratic-alias", {"report.yaml": "big: &b [" + ", ".join(["x"] * 20_000) + "]\n"
                                           + "more: [" + ", ".join(["*b"] * 100) + "]\n" + text}, ERROR)
    yield Case(f"{name}-1001-aliases", {"report.yaml": text + "note2: &a x\nnote3: [" + ", ".join(["*a"] * 1001)
                                        + "]\n"}, ERROR, None, "more than 1,000 aliases")
    if name == "all":           # the parser reads 50,000 values before it stops: 0.5 s
        yield Case(f"{name}-60000-values", {"report.yaml": text + "note2: [" + ", ".join(['""'] * 60_000) + "]\n"},
                   ERROR, None, "more than 50,000")


def with_field(text: str, key: str, value: str) -> str:
    """The report with the top-level field key set to value (written on one line)."""
    line = f"{key}: {value}"
    if re.search(rf"^{key}:", text, re.MULTILINE):
        return re.sub(rf"^{key}:.*$", lambda _: line, text, count=1, flags=re.MULTILINE)
    return edit(text, "issuer:", line + "\nissuer:")


def sizes(name: str, text: str) -> Iterator[Case]:
    yield Case(f"{name}-over-2mb", {"report.yaml": text + "#" * 2_000_001 + "\n"}, ERROR, "report.yaml:1:1: ",
               "a file docgen reads is at most 2,000,000 bytes")
    yield Case(f"{name}-empty", {"report.yaml": b""}, ERROR, "report.yaml:1:1: ")
    yield Case(f"{name}-blank", {"report.yaml": "\n\n   \n"}, ERROR, "report.yaml:1:1: ")
    yield Case(f"{name}-comment-only", {"report.yaml": "# nothing\n"}, ERROR, "report.yaml:1:1: ")
    yield Case(f"{name}-bom-only", {"report.yaml": codecs.BOM_UTF8}, ERROR, "report.yaml:1:1: ")
    yield Case(f"{name}-nul-only", {"report.yaml": b"\x00" * 100}, ERROR, "report.yaml:1:1: ", "UTF-16")
    for label, length, expect in (("10000", 10_000, OK), ("10001", 10_001, ERROR), ("66660", 66_660, ERROR)):
        yield Case(f"{name}-note-{label}", {"report.yaml": with_field(text, "note", "文" * length)}, expect,
                   None, None if expect is OK else "one text is at most 10,000")
    for label, title, expect in (("100-unknown", "甲" * 100, OK), ("101", "甲" * 101, ERROR),
                                 ("81", "甲" * 81, OK), ("100-words", "法治工作" * 25, OK),
                                 ("99-mixed", ("某市某区司法局2023年度" * 7)[:99], OK)):
        yield Case(f"{name}-title-{label}", {"report.yaml": with_field(text, "title", title)}, expect,
                   None, None if expect is OK else "a title is at most 100")
    yield Case(f"{name}-headline-101", {"report.yaml": with_brief(text, "headline: " + "甲" * 101)}, ERROR,
               None, "a title is at most 100")


def siblings(name: str, text: str) -> Iterator[Case]:
    start = text.index("\nsections:\n") + len("\nsections:\n")
    for count, expect in ((99, OK), (100, ERROR), (150, ERROR)):
        extra = "".join(f"  - role: other\n    title: 第{i}项\n    paragraphs: [文。]\n" for i in range(count - 4))
        mutated = text[:start] + extra + text[start:]
        tops = [m.start() for m in re.finditer(r"^  - ", mutated[start:], re.MULTILINE)]
        assert len(tops) >= count, (name, len(tops))
        located = None if expect is OK else f"report.yaml:{position(mutated, start + tops[99] + 4)}: sections[99]: "
        yield Case(f"{name}-siblings-{count}", {"report.yaml": mutated}, expect, located,
                   None if expect is OK else "more than 99 sections side by side")
    nested = "".join(f"      - title: 小{i}\n        paragraphs: [文。]\n" for i in range(100))
    mutated = edit(text, "    sections:\n", "    sections:\n" + nested)
    yield Case(f"{name}-siblings-nested-100", {"report.yaml": mutated}, ERROR, None,
               "more than 99 sections side by side")


# Template texts from the probe (issue 8); {metric}: a metric of the report. Each must be a located error.
TEMPLATES = {
    "power-tower": "{{{{ 9**(9**9) }}}}",
    "power": "{{{{ 10**5000 }}}}",
    "include": "{{% include 'x' %}}",
    "import": "{{% import 'x' as y %}}",
    "extends": "{{% extends 'x' %}}",
    "from-import": "{{% from 'x' import y %}}",
    "metrics": "{{{{ metrics }}}}",
    "range": "{{{{ range }}}}",
    "self": "{{{{ self }}}}",
    "divide-by-zero": "{{{{ 1/0 }}}}",
    "add-text": "{{{{ year + 'a' }}}}",
    "range-list": "{{{{ range(10**6)|list }}}}",
    "range-loops": "{{% for i in range(99999) %}}{{% for j in range(99999) %}}{{% endfor %}}{{% endfor %}}",
    "recursive-macro": "{{% macro m() %}}{{{{ m() }}}}{{% endmacro %}}{{{{ m() }}}}",
    "repeat": "{{{{ 'x' * 10**10 }}}}",
    "lipsum": "{{{{ lipsum(100000) }}}}",
    "read-file": "{{{{ metrics.{metric}.label.where.file.joinpath('/etc/passwd').read_text() }}}}",
    "list-folder": "{{{{ metrics.{metric}.label.where.file.parent.iterdir()|list }}}}",
    "metric-object": "{{{{ metrics.{metric}.metric }}}}",
    "dunder": "{{{{ ''.__class__.__mro__ }}}}",
    "cycler": "{{{{ cycler }}}}",
    "namespace": "{{{{ namespace }}}}",
    "dict": "{{{{ dict }}}}",
}


def templates(name: str, text: str) -> Iterator[Case]:
    """Template texts that must each be a located error."""
    metric = re.search(r"^metrics:\n  (\w+):", text, re.MULTILINE)
    assert metric is not None
    targets = [s for s in scalars(text) if s.text and s.path in ("title", "note", "signature")
               or s.path.endswith("paragraphs[0].text") or s.path.startswith("preamble")][:3]
    for label, template in TEMPLATES.items():
        for n, scalar in enumerate(targets):
            mutated = replaced(text, scalar, quoted(template.format(metric=metric.group(1))))
            yield Case(f"{name}-template-{label}-{n}", {"report.yaml": mutated}, ERROR,
                       f"report.yaml:{position(mutated, scalar.start)}: {scalar.path}: ")


# -- the whole official document (issue 10): bold marks, tables, 版头, seals, numbering, attachments --

def at(text: str, needle: str, offset: int = 0) -> str:
    """report.yaml:L:C: of a needle's first place in the text (offset characters into it)."""
    return f"report.yaml:{position(text, text.index(needle) + offset)}: "


PARAGRAPH = "      - 主要负责人带头学法。\n"       # sections[1].paragraphs[0] of the all-elements report


def with_paragraph(text: str, value: str) -> str:
    return edit(text, PARAGRAPH, f"      - {quoted(value)}\n")


def markers(text: str) -> Iterator[Case]:
    """**…** bold marks: unpaired, empty, made by templates, thousands of them, in fields printed as written."""
    field = "sections[1].paragraphs[0]"
    for label, value, expect, message in (
            ("unpaired", "主要**负责人带头学法。", ERROR, "a ** that opens bold text has no ** closing it"),
            ("empty-pair", "主要****负责人带头学法。", ERROR, "an empty ** ** pair"),
            ("only-marks", "****", ERROR, "an empty ** ** pair"),
            ("odd-thousands", "*" * 9_999, ERROR, "a ** that opens bold text has no ** closing it"),
            ("empty-thousands", "**" * 5_000, ERROR, "an empty ** ** pair"),
            ("template-opens", "{{ '**' }}主要负责人带头学法。", ERROR, "once rendered, a ** that opens"),
            ("template-empty", "主要{{ '**' * 2 }}负责人。", ERROR, "once rendered, an empty ** ** pair"),
            ("template-pair", "{{ '**' }}主要{{ '**' }}负责人带头学法。", OK, None),
            ("power", "主要负责人带头学法{{ 2**3 }}次。", OK, None),
            ("around-figure", "全年办理**{{ metrics.cases }}**。", OK, None),
            ("triple", "***主要***负责人带头学法。", OK, None),
            ("thousands", "**重点**" * 1_250, OK, None),
            ("all-bold", "**主要负责人带头学法。**", OK, None)):
        mutated = with_paragraph(text, value)
        yield Case(f"all-marker-{label}", {"report.yaml": mutated}, expect,
                   None if expect is OK else at(mutated, quoted(value)) + f"{field}: ", message)
    for label, old, new in (("lead", "lead: 一是提高审查质量。", "lead: 一是**提高**审查质量。"),
                            ("heading", "title: 健全制度体系", "title: 健全**制度**体系"),
                            ("signature", "signature: 某市某区司法局", "signature: 某市**某区**司法局"),
                            ("note", "note: 此件公开发布", "note: 此件**公开**发布"),
                            ("attachment", "  - 2023年度法治政府建设工作台账", "  - 2023年度**法治政府**建设工作台账")):
        yield Case(f"all-marker-in-{label}", {"report.yaml": edit(text, old, new)}, OK)
    # Fields printed as written, never rendered: a ** there would reach the output.
    for label, old, new, value, field in (
            ("issuer", "issuer: 某市某区司法局", "issuer: 某市**某区**司法局", "某市**某区**司法局", "issuer"),
            ("label", "label: 办理案件", "label: 办理**案件**", "办理**案件**", "metrics.cases.label"),
            ("rank", "    highlight: true\n", "    highlight: true\n    rank: 全市**第一**\n", "全市**第一**",
             "metrics.cases.rank")):
        mutated = edit(text, old, new)
        yield Case(f"all-marker-plain-{label}", {"report.yaml": mutated}, ERROR, at(mutated, value) + f"{field}: ",
                   "is not possible here")
    mutated = text + "checklist:\n  - item: 完善**制度**\n"
    yield Case("all-marker-plain-checklist", {"report.yaml": mutated}, ERROR,
               at(mutated, "完善**制度**") + "checklist[0].item: ", "is not possible here")
    mutated = edit(text, "title: 主要举措及成效", "title: 主要**举措及成效")
    yield Case("all-marker-unpaired-heading", {"report.yaml": mutated}, ERROR,
               at(mutated, "主要**举措") + "sections[0].title: ", "a ** that opens bold text")


SHORTCOMINGS = "    paragraphs: [工作还有差距。]\n"


def with_table(text: str, table: str) -> str:
    """The report with a table (YAML under `table:`, indented 10) after the 存在的不足 paragraph."""
    return edit(text, SHORTCOMINGS, "    paragraphs:\n      - 工作还有差距。\n      - table:\n" + table)


def tables(text: str) -> Iterator[Case]:
    """Tables: wrong cell counts, too many rows or columns, lists, mappings, numbers and nulls as cells."""
    good = "          title: 执法数据\n          header: [项目, 数量]\n          rows:\n"
    field = "sections[2].paragraphs[1].table"
    for label, rows, expect, needle, where, message in (
            ("ok", "            - [行政处罚, 12件]\n            - {cells: [行政许可, 30件], highlight: true}\n",
             OK, None, None, None),
            ("numbers", "            - [12, 3.5]\n            - [-1, 1e300]\n", OK, None, None, None),
            ("empty-cells", "            - ['', 12件]\n", OK, None, None, None),
            ("null-cell", "            - [行政处罚, null]\n", OK, None, None, None),      # a value to fill: a draft
            ("marked-cell", "            - ['**行政**处罚', 12件]\n", OK, None, None, None),
            ("short-row", "            - [行政处罚]\n", ERROR, "[行政处罚]", "rows[0]",
             "1 cell, but the header has 2"),
            ("long-row", "            - [行政处罚, 12件, 多余]\n", ERROR, "[行政处罚, 12件, 多余]", "rows[0]",
             "3 cells, but the header has 2"),
            ("empty-row", "            - []\n", ERROR, "[]", "rows[0]", "expected at least one cell"),
            ("list-cell", "            - [[行政, 处罚], 12件]\n", ERROR, "[行政, 处罚]", "rows[0][0]",
             "expected text, got a list"),
            ("mapping-cell", "            - [{a: 1}, 12件]\n", ERROR, "{a: 1}", "rows[0][0]",
             "expected text, got a mapping"),
            ("flag-cell", "            - [true, 12件]\n", ERROR, "true, 12件", "rows[0][0]",
             "expected text, got true/false"),
            ("text-row", "            - 行政处罚\n", ERROR, "行政处罚", "rows[0]", "expected a list of cells"),
            ("bad-highlight", "            - {cells: [行政处罚, 12件], highlight: yes}\n", ERROR, "yes",
             "rows[0].highlight", "expected true or false"),
            ("no-cells", "            - {highlight: true}\n", ERROR, "{highlight: true}", "rows[0].cells",
             "missing (a required field)"),
            ("long-cell", f"            - [{'甲' * 10_001}, 12件]\n", ERROR, "甲", "rows[0][0]",
             "one text is at most 10,000")):
        mutated = with_table(text, good + rows)
        yield Case(f"all-table-{label}", {"report.yaml": mutated}, expect,
                   None if needle is None else at(mutated, needle) + f"{field}.{where}: ", message)
    wide = "[" + ", ".join(f"列{i}" for i in range(13)) + "]"
    mutated = with_table(text, f"          header: {wide}\n          rows:\n            - {wide}\n")
    yield Case("all-table-13-columns", {"report.yaml": mutated}, ERROR, at(mutated, wide) + f"{field}.header: ",
               "13 cells; a table has at most 12 columns")
    row = "            - [" + ", ".join(["一二三四"] * 12) + "]\n"
    header = "          header: [" + ", ".join(f"列{i}" for i in range(12)) + "]\n          rows:\n"
    yield Case("all-table-1000-rows", {"report.yaml": with_table(text, header + row * 1_000)}, OK)
    mutated = with_table(text, header + row * 1_001)
    yield Case("all-table-1001-rows", {"report.yaml": mutated}, ERROR, None, "more than 1,000 rows; split the table")
    for label, body, message in (("no-header", "          rows:\n            - [a]\n", "missing (a required field)"),
                                 ("no-rows", "          header: [a]\n          rows: []\n",
                                  "expected at least one row"),
                                 ("null", "          null\n", "expected a mapping with header, rows"),
                                 ("list", "          - [a]\n", "expected a mapping with header, rows"),
                                 ("unknown", good + "            - [a, b]\n          caption: x\n",
                                  "unknown field")):
        yield Case(f"all-table-{label}", {"report.yaml": with_table(text, body)}, ERROR, None, message)
    mutated = edit(text, SHORTCOMINGS, "    paragraphs:\n      - {table: {header: [a], rows: [[b]]}, text: x}\n")
    yield Case("all-table-and-text", {"report.yaml": mutated}, ERROR, None, "unknown field")
    mutated = edit(text, "    run_in: true\n    paragraphs:\n      - 主要负责人带头学法。\n",
                   "    run_in: true\n    paragraphs:\n      - table: {header: [a], rows: [[b]]}\n")
    yield Case("all-table-run-in", {"report.yaml": mutated}, ERROR, None, "runs into a paragraph, not a table")


def letterheads(text: str) -> Iterator[Case]:
    """版头: 发文字号 in every wrong form, long signer lists, wrong types."""
    def head(number: str = "新府发〔2024〕12号", extra: str = "") -> str:
        return text + f"letterhead:\n  organ: 某市某区人民政府\n  number: {quoted(number)}\n{extra}"

    yield Case("all-letterhead-ok", {"report.yaml": head(extra="  signer: [张三, 李四]\n  copy_number: '000001'\n"
                                                                 "  secrecy: 秘密★1年\n  urgency: 特急\n")}, OK)
    yield Case("all-letterhead-copy-number-int", {"report.yaml": head(extra="  copy_number: 12\n")}, OK)
    for label, number, message in (
            ("square", "新府发[2024]12号", "not [] or （）"), ("round", "新府发（2024）12号", "not [] or （）"),
            ("lenticular", "新府发【2024】12号", "not [] or （）"),
            ("no-brackets", "新府发2024年12号", "not [] or （）"),
            ("leading-zero", "新府发〔2024〕012号", "no leading zeros"), ("zero", "新府发〔2024〕0号", "发文字号"),
            ("di", "新府发〔2024〕第12号", "no 第 before the number"),
            ("short-year", "新府发〔24〕12号", "four digits"),
            ("no-code", "〔2024〕12号", "发文字号"), ("no-hao", "新府发〔2024〕12", "发文字号"),
            ("seven-digits", "新府发〔2024〕1234567号", "发文字号"), ("spaces", "新府发 〔2024〕 12号", "发文字号"),
            ("marked", "新府发〔2024〕**12**号", "is not possible here")):
        mutated = head(number)
        yield Case(f"all-letterhead-number-{label}", {"report.yaml": mutated}, ERROR,
                   at(mutated, quoted(number)) + "letterhead.number: ", message)
    for label, extra, message in (
            ("7-signers", "  signer: [" + ", ".join("张三李四王五"[i % 6] * 2 for i in range(7)) + "]\n",
             "7 signers; at most 6"),
            ("1000-signers", "  signer: [" + ", ".join(["张三"] * 1_000) + "]\n", "1000 signers; at most 6"),
            ("signer-mapping", "  signer: {a: 1}\n", "expected a list"),
            ("copy-7-digits", "  copy_number: '1234567'\n", "expected 份号 as up to 6 Arabic digits"),
            ("copy-text", "  copy_number: 第一份\n", "expected 份号"),
            ("urgency-list", "  urgency: [特急]\n", "expected text, got a list"),
            ("unknown", "  seal: x\n", "unknown field")):
        mutated = head(extra=extra)
        key = extra.strip().split(":")[0]
        # A value's error is located at the value, an unknown key's at the key.
        offset = 2 if label == "unknown" else 2 + len(key) + 2
        yield Case(f"all-letterhead-{label}", {"report.yaml": mutated}, ERROR,
                   at(mutated, extra, offset) + f"letterhead.{key}: ", message)
    for label, value, message in (("list", "[a]", "expected a mapping with organ"),
                                  ("text", "某市某区人民政府", "expected a mapping with organ"),
                                  ("number", "12", "expected a mapping with organ"),
                                  ("no-organ", "{number: 新府发〔2024〕12号}", "missing (a required field)"),
                                  ("organ-list", "{organ: [a, b]}", "expected text, got a list"),
                                  ("organ-101", "{organ: " + "府" * 101 + "}", "a title is at most 100")):
        yield Case(f"all-letterhead-{label}", {"report.yaml": text + f"letterhead: {value}\n"}, ERROR, None, message)


def png(width: int, height: int, data: bytes | None = None, crc: bool = True) -> bytes:
    """A PNG of RGBA pixels (white), or with the given image data; crc=False spoils the header's CRC."""
    def chunk(kind: bytes, body: bytes, right: bool = True) -> bytes:
        check = zlib.crc32(kind + body) ^ (0 if right else 1)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", check)

    raw = data if data is not None else (b"\0" + b"\xff" * 4 * width) * height
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header, crc) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="120">'
       "{}</svg>")
SVG_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY l0 "lol">' + "".join(
    f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">' for i in range(1, 10)) + "]>" + SVG.format("<text>&l9;</text>"))


def seals(text: str) -> Iterator[Case]:
    """印章 images: paths out of the folder, links, things that are not images or damaged ones, huge
    ones, SVGs that would make a renderer read another file or expand entities."""
    good = png(120, 120)

    def case(label: str, files: dict[str, object], expect: str, message: str | None,
             value: str = "seal.png") -> Case:
        mutated = text + f"seal: {quoted(value)}\n"
        return Case(f"all-seal-{label}", {"report.yaml": mutated, **files}, expect,
                    None if expect is OK else at(mutated, "seal: ", 6) + "seal: ", message)

    yield case("png", {"seal.png": good}, OK, None)
    yield case("svg", {"seal.svg": SVG.format('<circle cx="60" cy="60" r="50" stroke="red" fill="none"/>'
                                              '<use href="#c"/><rect id="c" fill="url(#g)"/>')}, OK, None, "seal.svg")
    yield case("svg-doctype", {"seal.svg": '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
                                           '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">' + SVG.format("")},
               OK, None, "seal.svg")
    for label, value, message in (("parent", "../seal.png", "no folders"), ("absolute", "/etc/passwd", "no folders"),
                                  ("backslash", "..\\seal.png", "no folders"), ("hidden", ".seal.png", "no folders"),
                                  ("long-name", "印" * 90 + ".png", "no folders")):
        yield case(label, {"seal.png": good}, ERROR, message, value)
    yield case("missing", {}, ERROR, "no such file in the content folder")
    yield case("link-passwd", {"seal.png": Link("/etc/passwd")}, ERROR, "not a regular file")
    yield case("link-inside", {"real.png": good, "seal.png": Link("real.png")}, ERROR, "not a regular file")
    yield case("link-loop", {"seal.png": Link("seal.png")}, ERROR, "not a regular file")
    yield case("folder", {"seal.png": FOLDER}, ERROR, "not a regular file")
    yield case("pipe", {"seal.png": FIFO}, ERROR, "not a regular file")
    yield case("jpeg-name", {"seal.jpg": b"\xff\xd8\xff\xe0" + b"\0" * 100}, ERROR, "expected a .png or .svg",
               "seal.jpg")
    yield case("text-as-png", {"seal.png": "这不是图片\n"}, ERROR, "not a PNG image")
    yield case("empty-file", {"seal.png": b""}, ERROR, "not a PNG image")
    yield case("bad-crc", {"seal.png": png(120, 120, crc=False)}, ERROR, "its header does not check out")
    yield case("huge", {"seal.png": png(5000, 5000, data=b"")}, ERROR, "5000 × 5000 pixels")
    yield case("zero-wide", {"seal.png": png(0, 10, data=b"")}, ERROR, "0 × 10 pixels")
    yield case("2^31-high", {"seal.png": png(10, 2**31, data=b"")}, ERROR, "pixels")
    yield case("cut", {"seal.png": good[:len(good) // 2]}, ERROR, "a damaged PNG image")
    yield case("no-end", {"seal.png": good[:-12]}, ERROR, "no end chunk")
    yield case("short-data", {"seal.png": png(120, 120, data=b"\0" * 100)}, ERROR, "not the size its header gives")
    yield case("bomb-data", {"seal.png": png(100, 100, data=b"\0" * 50_000_000)}, ERROR,
               "not the size its header gives")
    yield case("over-2mb", {"seal.png": good + b"\0" * 2_000_000}, ERROR, "a seal image is at most 2,000,000 bytes")
    for label, svg, message in (
            ("svg-entity-file", '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                + SVG.format("<text>&x;</text>"), "declares entities"),
            ("svg-laughs", SVG_LAUGHS, "an SVG image"),
            ("svg-small-laughs", SVG_LAUGHS.replace("&l9;", "&l2;"), "declares entities"),
            ("svg-xlink-passwd", SVG.format('<image xlink:href="/etc/passwd" width="9" height="9"/>'),
             "refers to something outside itself ('/etc/passwd')"),
            ("svg-href-file", SVG.format('<image href="file:///etc/passwd"/>'), "refers to something outside"),
            ("svg-use-file", SVG.format('<use href="other.svg#a"/>'), "refers to something outside"),
            ("svg-data-image", SVG.format('<image href="data:image/png;base64,iVBORw0KGgo="/>'),
             "refers to something outside"),
            ("svg-css-url", SVG.format('<rect style="fill: url(/etc/passwd)"/>'), "refers to something outside"),
            ("svg-import", SVG.format("<style>@import url(x.css);</style>"), "refers to something outside"),
            ("svg-xinclude", SVG.format('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
                                        'href="/etc/passwd" parse="text"/>'), "refers to something outside"),
            ("svg-stylesheet", '<?xml-stylesheet href="/etc/passwd"?>' + SVG.format(""), "processing instruction"),
            ("svg-not-svg", '<html xmlns="http://www.w3.org/1999/xhtml"/>', "its root element is not <svg>"),
            ("svg-no-size", '<svg xmlns="http://www.w3.org/2000/svg"/>', "without a size"),
            ("svg-huge", '<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="10"/>', "pixels"),
            ("svg-broken", "<svg", "not well-formed XML"),
            ("svg-deep", "<svg xmlns='http://www.w3.org/2000/svg' width='9' height='9'>" + "<g>" * 100_000
             + "</g>" * 100_000 + "</svg>", "an SVG image")):
        yield case(label, {"seal.svg": svg}, ERROR, message, "seal.svg")
    for label, value, message in (("number", "12", "expected the name of an image file"),
                                  ("empty", "''", "expected the name of an image file"),
                                  ("two-for-one", "[seal.png, seal.png]", "2 seal images for 1 issuers")):
        mutated = text + f"seal: {value}\n"
        yield Case(f"all-seal-{label}", {"report.yaml": mutated, "seal.png": good}, ERROR, None, message)
    joint = edit(text, "signature: 某市某区司法局", "signature: [某市某区司法局, 某市某区人民政府]")
    yield Case("all-seal-joint", {"report.yaml": joint + "seal: [seal.png, seal.png]\n", "seal.png": good}, OK)
    for label, value, message in (("7-issuers", "[" + ", ".join(f"机关{i}" for i in range(7)) + "]",
                                   "7 issuers; docgen lays out at most 6"),
                                  ("none", "[]", "expected the issuer's name, or a list of joint issuers"),
                                  ("mapping", "{a: 1}", "expected a list")):
        mutated = edit(text, "signature: 某市某区司法局", f"signature: {value}")
        yield Case(f"all-signature-{label}", {"report.yaml": mutated}, ERROR, at(mutated, "signature: ", 11)
                   + "signature: ", message)


def numbering_values(text: str) -> Iterator[Case]:
    """number: and numbering: of every wrong kind, and every right one anywhere."""
    level2 = "      - title: 健全制度体系\n"
    for label, value, expect, message in (("false", "false", OK, None), ("true", "true", OK, None),
                                          ("no", "no", ERROR, "expected true or false, got 'no'"),
                                          ("zero", "0", ERROR, "expected true or false, got a number (0)"),
                                          ("null", "null", ERROR, "expected true or false, got nothing"),
                                          ("list", "[false]", ERROR, "expected true or false, got a list")):
        mutated = edit(text, level2, level2 + f"        number: {value}\n")
        yield Case(f"all-number-{label}", {"report.yaml": mutated}, expect,
                   None if expect is OK else at(mutated, f"number: {value}", 8) + "sections[0].sections[0].number: ",
                   message)
    for label, value, expect, message in (("continue", "continue", OK, None), ("restart", "restart", OK, None),
                                          ("continued", "continued", ERROR, "expected restart or continue"),
                                          ("list", "[continue]", ERROR, "expected restart or continue"),
                                          ("flag", "true", ERROR, "expected restart or continue")):
        mutated = edit(text, "    title: 主要举措及成效\n", f"    title: 主要举措及成效\n    numbering: {value}\n")
        yield Case(f"all-numbering-{label}", {"report.yaml": mutated}, expect,
                   None if expect is OK else at(mutated, f"numbering: {value}", 11) + "sections[0].numbering: ",
                   message)
    def unnumbered(title: re.Match) -> str:
        """A section's title line, then `number: false` at the indent of its keys."""
        indent, dash = title[1], title[2] or ""
        return f"{title[0]}\n{indent}{' ' * len(dash)}number: false"

    every = re.sub(r"^( +)(- )?title: .*$", unnumbered, text, flags=re.MULTILINE)
    yield Case("all-number-false-everywhere", {"report.yaml": every}, OK)
    items = "".join(f"      - title: 安排{i}。\n" for i in range(99))
    mutated = edit(text, "    paragraphs: [继续努力。]\n", "    numbering: continue\n    sections:\n" + items)
    yield Case("all-heading-only-99", {"report.yaml": mutated}, OK)
    for count, expect in ((99, OK), (120, ERROR)):       # 1. … 99. straight through 组1, 组2 …
        groups = "".join(f"      - title: 组{i}\n        sections:\n" + "".join(
            f"          - title: 项{i}-{j}\n" for j in range(3)) for i in range(count // 3))
        mutated = edit(text, "    paragraphs: [继续努力。]\n", "    numbering: continue\n    sections:\n" + groups)
        yield Case(f"all-numbering-continue-{count}", {"report.yaml": mutated}, expect,
                   None if expect is OK else at(mutated, "项33-0") + "sections[3].sections[33].sections[0].title: ",
                   "continued numbering reaches 100; headings are numbered up to 99")


def attachment_bodies(text: str) -> Iterator[Case]:
    """Attachments as mappings with bodies, right and wrong."""
    plain = "attachments:\n  - 2023年度法治政府建设工作台账\n  - 2024年度法治政府建设工作要点\n"
    for label, body, expect, message in (
            ("paragraphs", "  - {title: 工作要点, paragraphs: [一、总体要求。, 二、主要任务。]}\n", OK, None),
            ("sections", "  - title: 工作要点\n    sections:\n      - title: 总体要求\n"
                         "        paragraphs: [坚持依法行政。]\n      - title: 主要任务\n", OK, None),
            ("table", "  - title: 工作台账\n    paragraphs:\n"
                      "      - table: {header: [事项, 完成], rows: [[审查, 12件]]}\n", OK, None),
            ("title-only", "  - {title: 工作要点}\n", OK, None),
            ("no-title", "  - {paragraphs: [一、总体要求。]}\n", ERROR, "attachments[0].title: missing"),
            ("title-list", "  - {title: [a, b]}\n", ERROR, "expected text, got a list"),
            ("title-101", "  - {title: " + "附" * 101 + "}\n", ERROR, "a title is at most 100"),
            ("paragraphs-number", "  - {title: 工作要点, paragraphs: 12}\n", ERROR, "expected a list, got a number"),
            ("paragraphs-mapping", "  - {title: 工作要点, paragraphs: {a: 1}}\n", ERROR, "expected a list"),
            ("sections-text", "  - {title: 工作要点, sections: 总体要求}\n", ERROR, "expected a list"),
            ("section-role", "  - title: 工作要点\n    sections:\n      - {title: 总体要求, role: measures}\n",
             ERROR, "an attachment's sections have no role"),
            ("too-deep", "  - title: 工作要点\n    sections:\n      - title: a\n        sections:\n"
                         "          - title: b\n            sections:\n              - title: c\n"
                         "                sections:\n                  - title: d\n"
                         "                    sections:\n                      - title: e\n", ERROR,
             "sections nest at most 4 levels"),
            ("unknown", "  - {title: 工作要点, pages: 3}\n", ERROR, "unknown field"),
            ("number-item", "  - 12\n", ERROR, "expected a mapping with title"),
            ("null-item", "  - \n", ERROR, "expected a mapping with title"),
            ("bad-table", "  - title: 工作台账\n    paragraphs:\n      - table: {header: [a, b], rows: [[c]]}\n",
             ERROR, "1 cell, but the header has 2")):
        yield Case(f"all-attachment-{label}", {"report.yaml": edit(text, plain, "attachments:\n" + body)}, expect,
                   None, message)


def folders(text: str) -> Iterator[Case]:
    """Wrong as folders and files: links, pipes, names."""
    yield Case("folder-loop", {".": Link("folder-loop")}, ERROR, None, "a symbolic link that leads back to itself")
    yield Case("folder-name-250", {"report.yaml": text}, ERROR, None, "the folder name is 250 bytes long",
               folder="x" * 250)
    yield Case("folder-name-200", {"report.yaml": text}, OK, folder="y" * 200)
    yield Case("folder-name-chinese-70", {"report.yaml": text}, ERROR, None, "210 bytes", folder="报" * 70)
    yield Case("folder-is-a-file", {".": b"year: 2023\n"}, ERROR, None, "not a folder")
    yield Case("folder-missing", {}, ERROR, None, "no such content folder", content_dir="folder-missing/nope")
    yield Case("report-missing", {"other.yaml": text}, ERROR, "report.yaml:1:1: ", "missing")
    yield Case("report-link-passwd", {"report.yaml": Link("/etc/passwd")}, ERROR, "report.yaml:1:1: ",
               "a symbolic link")
    yield Case("report-link-inside", {"real.yaml": text, "report.yaml": Link("real.yaml")}, ERROR,
               "report.yaml:1:1: ", "a symbolic link")
    yield Case("report-link-dangling", {"report.yaml": Link("nowhere.yaml")}, ERROR, "report.yaml:1:1: ",
               "a symbolic link")
    yield Case("report-link-loop", {"report.yaml": Link("report.yaml")}, ERROR, "report.yaml:1:1: ",
               "a symbolic link")
    yield Case("report-is-a-folder", {"report.yaml": FOLDER}, ERROR, "report.yaml:1:1: ", "not a regular file")
    yield Case("report-is-a-pipe", {"report.yaml": FIFO}, ERROR, "report.yaml:1:1: ", "not a regular file")


def short_names(text: str) -> Iterator[Case]:
    """The 简报's short issuer name (short_name): wrong types, too long, on two lines, markup."""
    for label, value, expect, message in (
            ("text", "示范区", OK, None), ("number", "12", ERROR, "expected text"),
            ("list", "[甲, 乙]", ERROR, "expected text"), ("empty", "''", ERROR, "empty"),
            ("long", "区" * 21, ERROR, "at most 20"), ("two-lines", '"新吴\\n区"', ERROR, None),
            ("bold", '"**新吴区**"', ERROR, None), ("template", '"{{ issuer }}"', EITHER, None)):
        mutated = text + f"short_name: {value}\n"
        yield Case(f"all-short-name-{label}", {"report.yaml": mutated}, expect,
                   None if expect is OK else at(mutated, "short_name: ", 12) + "short_name: ", message)


def _zip(entries: dict[str, bytes | str]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_DOCX_FRAME = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                           '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                           'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                           '<Override PartName="/word/document.xml" ContentType="application/vnd.'
                           'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
}


def _docx(body: str, prolog: str = "", **more: bytes | str) -> bytes:
    document = f'{prolog}<w:document {_W}><w:body>{body}</w:body></w:document>'
    return _zip({**_DOCX_FRAME, "word/document.xml": document, **more})


def _paragraphs(*texts: str) -> str:
    return "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in texts)


REPORT_LINES = ("某区2023年法治政府建设情况报告", "2023年，我区全面推进依法行政。", "一、主要举措和成效",
                "全年办理行政复议案件56件。", "某区人民政府", "2024年3月29日")


def import_sources(_text: str) -> Iterator[Case]:
    """Sources for `docgen import` and `docgen build SOURCE`: Word files, web pages and text that
    are damaged, bombs, entity tricks, links outside, or simply odd. `validate` refuses a file
    (it takes a folder); `build` imports it, or refuses it at SOURCE:1:1."""
    def case(label: str, name: str, data: bytes, expect: str = EITHER, message: str | None = None) -> Case:
        return Case(f"import-{label}", {name: data}, expect, None, message, content_dir=f"import-{label}/{name}")

    good = _paragraphs(*REPORT_LINES)
    yield case("docx", "r.docx", _docx(good))
    yield case("docx-not-a-zip", "r.docx", "一、这不是Word文件".encode(), ERROR)
    yield case("docx-no-document", "r.docx", _zip(_DOCX_FRAME), ERROR)
    yield case("docx-bomb", "r.docx", _docx(good, **{"word/media/huge.bin": b"0" * 40_000_000}))
    yield case("docx-entity", "r.docx", _docx("<w:p><w:r><w:t>&x;</w:t></w:r></w:p>" + good,
                                              prolog='<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
               ERROR)
    yield case("docx-external", "r.docx", _docx(good, **{
        "word/_rels/document.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                        'relationships"><Relationship Id="rS" Type="http://schemas.openxmlformats.'
                                        'org/officeDocument/2006/relationships/styles" Target="file:///etc/passwd"'
                                        ' TargetMode="External"/></Relationships>'}))
    yield case("docx-deep", "r.docx", _docx("<w:tbl><w:tr><w:tc>" * 100 + good + "</w:tc></w:tr></w:tbl>" * 100))
    yield case("docx-headings", "r.docx", _docx(good + _paragraphs(*[f"{i}.事项" for i in range(1, 300)])))
    page = "<html><body><div id='zoom'>" + "".join(f"<p>{t}</p>" for t in REPORT_LINES) + "</div></body></html>"
    yield case("html", "r.html", page.encode())
    yield case("html-binary", "r.html", bytes(range(256)) * 40, ERROR)
    yield case("html-entity", "r.html", ('<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + page)
               .encode())
    yield case("html-deep", "r.html", ("<div>" * 20_000 + page + "</div>" * 20_000).encode())
    yield case("html-bold-bomb", "r.html", page.replace("</div>", "<b>粗</b>" * 50_000 + "</div>").encode())
    text = "\n\n".join(REPORT_LINES)
    yield case("txt", "r.txt", text.encode())
    yield case("txt-empty", "r.txt", b"", ERROR)
    yield case("txt-gb18030", "r.txt", text.encode("gb18030"))
    yield case("txt-nul", "r.txt", b"\0" * 1000 + text.encode(), ERROR)
    yield case("txt-too-big", "r.txt", ("测试。" * 200_000).encode(), ERROR)
    yield case("txt-1000-headings", "r.txt", (text + "\n\n" + "\n\n".join(f"（{i}）事项。" for i in range(1, 1000)))
               .encode())
    yield case("doc", "r.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, ERROR)


def cases() -> list[Case]:
    """The whole corpus, the same every time."""
    result: list[Case] = []
    generators: list[Callable[[str, str], Iterator[Case]]] = [
        key_characters, broken_yaml, encodings, numbers, nesting, sizes, siblings, templates]
    for name in BASES:
        text = base(name)
        found = scalars(text)
        every_field = found if name == "all" else shapes_once(found)
        result += control_characters(name, text, every_field)
        # every wrong type in the small report; the main ones in the large (its cases cost 50 ms each)
        result += wrong_types(name, text, every_field, tuple(WRONG_TYPES) if name == "all" else XINWU_TYPES)
        for generate in generators:
            result += generate(name, text)
    result += folders(base("all"))
    for generate_whole in (markers, tables, letterheads, seals, numbering_values, attachment_bodies, short_names,
                           import_sources):
        result += generate_whole(base("all"))
    ids = [case.id for case in result]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    return result


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    corpus = cases()
    for case in corpus:
        write(case, target)
    print(f"{len(corpus)} cases in {target}")
