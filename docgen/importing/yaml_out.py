"""The imported content as report.yaml, written for the clerk who checks and edits it.

What the importer made is only a proposal: a clerk reads it next to the source and
corrects what the recogniser guessed wrong. So the YAML reads like the bundled reports:

- keys in the order the content gives them (the order of README "Every field");
- a long text (a paragraph) as a literal block (`|-`): one paragraph, one line in the
  editor, whatever it holds — no quoting, no escapes, and nothing in it (`{{`, `**`,
  `: `, ` #`, a leading `-`) is read as YAML. Folded blocks (`>-`) would fold at
  spaces, which Chinese text does not have, and change text that has them;
- a short text plain where YAML allows it, in quotes only where it must be (it starts
  with `{{`, `*`, `&`, `!`, `%`, `@`, `` ` ``, `#`…, holds `: ` or ` #`, or would be read
  as a number, true/false or null). A date (2024-03-29) stays plain, as the bundled
  reports write it: docgen's loader reads dates as text (content/yamltree.py);
- short lists of short values (a table's rows, joint signatures) in flow style, one row a line;
- above each field the recogniser decided, a comment `# SOURCE:line: why`, so the
  clerk can look at that line of the source; and a header saying where the content
  came from and what to check first.

Round trip: docgen's loader gives back exactly the texts of the content (tested).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import LiteralScalarString
from ruamel.yaml.tag import Tag

from docgen.importing.imported import Decision, Imported
from docgen.importing.summary import change_lines

# A text longer than this goes in a literal block: 30 hanzi are 60 columns, what fits beside
# its key on an 80-column line. Shorter ones (titles, leads, names) stay on their key's line.
LONG_TEXT_CHARS = 30
# A list of scalars whose values take at most this many characters in all is written
# in flow style, [a, b, c]: a table's row reads as a row. Never a list of paragraphs: one
# paragraph a line, each with room for its comment.
FLOW_LIST_CHARS = 60
_PARAGRAPH_LISTS = ("preamble", "paragraphs")
# The layout of the bundled reports: keys 2 deeper than their parent, list items' dashes
# 2 deeper than their key (and their content 2 after the dash).
_INDENT = 2
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"
# A field as decisions name it: sections[0].sections[1].title, publication[2].发布机构.
_FIELD_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class _LoaderResolver(VersionedResolver):
    """Resolves plain scalars as docgen's loader reads them: a date stays text, so a
    date needs no quotes (content/yamltree.py keeps timestamps as text)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        tag = super().resolve(kind, value, implicit)
        return Tag(suffix=_STR) if str(tag) == _TIMESTAMP else tag


def content_yaml(imported: Imported, source_name: str = "the source") -> str:
    """report.yaml's text for the imported content; `source_name` (the source file's name)
    begins each comment, as SOURCE:line."""
    root = _node(imported.content)
    if not isinstance(root, CommentedMap):
        raise TypeError("the imported content must be a mapping of report.yaml's fields")
    source = _one_line(source_name)
    unplaced_fields = {decision.field for decision in imported.unplaced}
    notes = [(d, d.message) for d in imported.decisions]
    notes += [(d, f"could not place: {d.message} (kept as a plain paragraph)") for d in imported.unplaced]
    leftover = _comment_fields(root, [(d, f"{source}:{d.where}: {_one_line(message)}") for d, message in notes])
    header = _header(imported, source, len(notes) - len(leftover), len(unplaced_fields), leftover)
    root.yaml_set_start_comment("\n".join(header) + "\n\n")
    buffer = io.StringIO()
    _yaml().dump(root, buffer)
    return buffer.getvalue()


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Resolver = _LoaderResolver
    yaml.width = 1_000_000              # never fold a line: Chinese text has no spaces to fold at
    yaml.indent(mapping=_INDENT, sequence=2 * _INDENT, offset=_INDENT)
    yaml.representer.ignore_aliases = lambda data: True     # no &id001 / *id001 for repeated values
    return yaml


def _node(value: Any, key: str = "") -> Any:
    """Plain content → ruamel's round-trip nodes, each text in the style that reads best."""
    if isinstance(value, dict):
        return CommentedMap((str(k), _node(item, str(k))) for k, item in value.items())
    if isinstance(value, (list, tuple)):
        items = CommentedSeq(_node(item) for item in value)
        if value and key not in _PARAGRAPH_LISTS and all(_is_short_scalar(item) for item in value) \
                and sum(len(str(item)) for item in value) <= FLOW_LIST_CHARS:
            items.fa.set_flow_style()
        return items
    if isinstance(value, str):
        return LiteralScalarString(value) if _reads_best_as_block(value) else value
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float)):
        return value
    raise TypeError(f"cannot write {type(value).__name__} as report content")


def _is_short_scalar(value: Any) -> bool:
    if isinstance(value, str):
        return not _reads_best_as_block(value)
    return value is None or isinstance(value, (bool, int, float))


def _reads_best_as_block(text: str) -> bool:
    """A literal block for a long or multi-line text — if it can hold the text exactly: a
    block cannot escape a character, and a text that begins or ends with white space reads
    better in quotes, which show it."""
    if len(text) <= LONG_TEXT_CHARS and "\n" not in text:
        return False
    if text != text.strip():
        return False
    return all(ch.isprintable() or ch in "\n\t" for ch in text)


def _one_line(text: str) -> str:
    """Text for a comment: one line, every character visible (a line break inside a comment
    would end it, and the loader refuses control characters even there)."""
    return "".join(ch if ch.isprintable() else (" " if ch in "\t\n\r" else f"\\u{ord(ch):04x}") for ch in text)


def _comment_fields(root: CommentedMap, notes: list[tuple[Decision, str]]) -> list[str]:
    """Put each note above its field; return the notes whose field is not in the content
    (they go in the header)."""
    placed: dict[tuple[int, Any], tuple[Any, Any, int, list[str]]] = {}
    leftover = []
    for decision, note in notes:
        place = _place(root, decision.field)
        if place is None:
            leftover.append(note)
            continue
        container, key, column = place
        placed.setdefault((id(container), key), (container, key, column, []))[3].append(note)
    for container, key, column, lines in placed.values():
        container.yaml_set_comment_before_after_key(key, before="\n".join(lines), indent=column)
    return leftover


def _place(root: CommentedMap, field: str) -> tuple[Any, Any, int] | None:
    """Where a field's comment goes: (the mapping or list, its key or index, the comment's
    column). A field deeper than the content goes above the deepest part that is there; the
    first key of a list item goes above the item (a comment cannot sit between `-` and it)."""
    steps: list[tuple[Any, Any, int]] = []
    node: Any = root
    column = 0
    for match in _FIELD_STEP.finditer(field):
        key: Any = match.group(1) if match.group(1) is not None else int(match.group(2))
        if isinstance(node, CommentedMap) and isinstance(key, str) and key in node:
            pass
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node) \
                and not node.fa.flow_style():
            pass
        else:
            break
        steps.append((node, key, column))
        node, column = node[key], column + _INDENT
    if not steps:
        return None
    container, key, _ = steps[-1]
    if len(steps) > 1 and isinstance(container, CommentedMap) and next(iter(container)) == key \
            and isinstance(steps[-2][0], CommentedSeq):
        return steps[-2]
    return steps[-1]


def _header(imported: Imported, source: str, commented: int, unplaced: int, leftover: Iterable[str]) -> list[str]:
    lines = [
        f"Imported by `docgen import` from {source}. Check it against the source before you build:",
        "  - the title, year, date (成文日期) and signature: docgen takes them from where they usually stand;",
        "  - each top-level section's role (measures, responsibility, shortcomings, next_year, thematic):",
        "    guessed from its title;",
    ]
    if commented:
        lines += [f"  - the {commented} comment(s) `# {source}:N: …` below: each marks a judgement call made at",
                  "    line N of the source; once the field is right, delete the comment;"]
    if unplaced:
        lines += [f"  - the {unplaced} paragraph(s) marked `could not place`: kept as plain paragraphs where",
                  "    they stood; move each where it belongs."]
    leftover = list(leftover)
    if leftover:
        lines.append("Judgement calls about the report as a whole:")
        lines += [f"  {note}" for note in leftover]
    changed = change_lines(source, imported.changes)
    if changed:
        lines.append("The source's text was changed only here (web artefacts mended):")
        lines += [f"  {_one_line(line)}" for line in changed]
    lines.append("Then: docgen validate <this folder>, and docgen build <this folder>.")
    return lines
