"""Hostile content folders: hundreds of ways a mailed report can be wrong or malicious.

Every case is a mutation of one of two real reports (tests/fixtures/all-elements and
the bundled content/xinwu-2023), or a folder that is wrong as a folder: control
characters in every text field (raw and as YAML escapes), wrong types in every field,
broken YAML, odd encodings, huge numbers, deep nesting, alias bombs, over-long texts
and files, symbolic links, and template texts that try to escape the sandbox.
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
import sys
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
        "colons": ("note2: a: b: c\n", None, "YAML syntax"),
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
        "mustache": ("note2: {{ year }}年\n", None, "must be put in quotes"),
        "mustache-alone": ("note2: {{ year }}\n", 8, "must be put in quotes"),
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
            yield Case(f"{name}-brief-{key}-{label}", {"report.yaml": text + f"brief:\n  {key}: {value}\n"}, expect)


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
    yield Case(f"{name}-headline-101", {"report.yaml": text + "brief:\n  headline: " + "甲" * 101 + "\n"}, ERROR,
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
