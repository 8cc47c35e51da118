"""YAML content → the validated model; every error names file:line:column and the field.

Content arrives by mail: the folder and report.yaml are checked before the
file is read (a regular file, not a symbolic link, at most MAX_FILE_BYTES),
its bytes must be UTF-8, and yamltree.py reads the YAML within bounds, with
positions kept. Then every field is checked, with bounds on lengths and counts
that keep every later stage quick. All problems are collected, so one run shows
them all. Dates stay text until we parse them ourselves: a bad date (2024-13-01)
must be a located message, not a crash inside the YAML library.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import errno
import os
import re
import stat
from pathlib import Path
from typing import Any

from docgen.content.emphasis import MARKER, TEMPLATE_CODE
from docgen.content.figures import parse_quantity
from docgen.content.images import ImageProblem, image_kind_and_size
from docgen.content.model import (
    KINDS,
    MAX_DEPTH,
    NUMBERINGS,
    ROLES,
    Attachment,
    BriefSettings,
    ChecklistItem,
    Distribution,
    Item,
    Letterhead,
    Location,
    Metric,
    Paragraph,
    PublicationField,
    Report,
    Seal,
    Section,
    Table,
    TableRow,
    Text,
)
from docgen.content.templating import template_context, template_errors
from docgen.content.yamltree import COLON_HINT, MAX_PROBLEMS, Mapping, Sequence, parse
from docgen.errors import ContentError, ContentErrors
from docgen.format.cjk import MAX_HEADING_NUMBER, chinese_numeral, to_fill
from docgen.paths import TEMPLATES_DIR
from docgen.record import record

REPORT_FILE = "report.yaml"
# Bounds on what a mailed file can make docgen do. The bundled report is 25 KB and its longest
# paragraph 600 characters; an official title takes one to three lines of about 20 (GB/T 9704 7.3.1).
MAX_FILE_BYTES = 2_000_000
MAX_TEXT_CHARS = 10_000
MAX_SHORT_NAME_CHARS = 20       # short_name: a unit's name (新吴区), not a sentence
MAX_TITLE_CHARS = 100
MAX_NAME_BYTES = 200            # the folder's name, which output files carry: file names stop at 255 bytes
MAX_WHOLE_NUMBER = 999_999      # 期数, 印数, the 简报's length bounds
MAX_TABLE_COLUMNS = 12         # 28 字 a line: more columns than this hold no readable text
MAX_TABLE_ROWS = 1_000
MAX_SEAL_BYTES = 2_000_000
MAX_SIGNERS = 6                 # 签发人 and joint issuers: two a line, three lines
DEFAULT_TITLE_TEMPLATE = TEMPLATES_DIR / "text" / "annual-report-title.j2"
_METRIC_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CN_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
# 发文字号 (GB/T 9704 7.2.4): organ's code, year in full inside 〔〕, the number without 第 or leading zeros.
_DOCUMENT_NUMBER = re.compile(r"^(?P<code>[^〔〕\s]+)〔(?P<year>\d{4})〕(?P<number>[1-9]\d{0,5})号$")


@record
class _Node:
    value: Any
    field: str
    where: Location


def load_report(content_dir: Path) -> Report:
    """Read content_dir/report.yaml into a Report, or raise ContentErrors."""
    return load_report_and_texts(content_dir)[0]


def load_report_and_texts(content_dir: Path) -> tuple[Report, list[Text]]:
    """The Report and every text read for it, in file order, each knowing its field
    (sections[0].paragraphs[2].text) and where it starts: what the checks read."""
    content_dir = Path(content_dir)
    file = content_dir / REPORT_FILE
    data = _parse_yaml(file, _read_report_file(content_dir, file))
    reader = _Reader(file)
    report = reader.report(_Node(data, "", Location(file, 1, 1)), content_dir)
    if reader.errors or report is None:
        # Report the template mistakes too, so one run shows every problem.
        errors = reader.errors + template_errors(reader.texts, _partial_context(data))
        raise _errors(errors)
    return report, reader.texts


def _partial_context(data) -> dict:
    """The template names as far as they can be read from broken content. Names whose
    field is missing or broken still count as defined: that field has its own error."""
    data = data if isinstance(data, dict) else {}
    metrics = data.get("metrics")
    issuer = data.get("issuer")
    return template_context(
        year=data.get("year"), issuer=issuer if isinstance(issuer, str) else "", date="",
        unreadable=[str(key) for key in metrics] if isinstance(metrics, dict) else [])


def _errors(errors: list[ContentError]) -> ContentErrors:
    """The errors in reading order; past MAX_PROBLEMS, one line saying more follow."""
    errors = sorted(errors, key=lambda e: (e.where.line, e.where.column))
    if len(errors) > MAX_PROBLEMS:
        errors = errors[:MAX_PROBLEMS] + [ContentError(errors[MAX_PROBLEMS].where, "",
                                                       "more problems from here on; fix the ones above first")]
    return ContentErrors(errors)


def _read_report_file(content_dir: Path, file: Path) -> str:
    """report.yaml's text. The folder must be a folder with a name output files can carry; the file a
    regular file of at most MAX_FILE_BYTES. A symbolic link is refused, not followed: a file from another
    office must not make docgen read (and quote in its messages) a file elsewhere on this machine."""
    def refuse(where: Path, message: str) -> ContentErrors:
        return ContentErrors([ContentError(Location(where, 1, 1), "", message)])

    try:
        folder = os.stat(content_dir)
    except OSError as exc:
        raise refuse(content_dir, _unreachable(exc, "no such content folder")) from None
    if not stat.S_ISDIR(folder.st_mode):
        raise refuse(content_dir, f"not a folder: a content folder holds its report in {REPORT_FILE}")
    name_bytes = len(report_name(content_dir).encode("utf-8"))
    if name_bytes > MAX_NAME_BYTES:
        raise refuse(content_dir, f"the folder name is {name_bytes} bytes long; output files are named after it, "
                                  f"so it may be at most {MAX_NAME_BYTES} bytes (about {MAX_NAME_BYTES // 3} "
                                  "Chinese characters)")
    try:
        info = os.lstat(file)
    except OSError as exc:
        raise refuse(file, _unreachable(exc, f"missing: a content folder holds its report in {REPORT_FILE}")) from None
    if stat.S_ISLNK(info.st_mode):
        raise refuse(file, "a symbolic link: docgen reads only a report file kept in the content folder itself "
                           "(copy the file here instead of linking to it)")
    return _read_text(file, info, f": a content folder holds its report in {REPORT_FILE}")


def read_yaml_file(file: Path) -> Any:
    """A settings file's YAML (a profile, the configuration), read within the bounds content is
    read in (size, characters, nesting, aliases). Raises ContentErrors, or OSError if it cannot
    be opened."""
    return _parse_yaml(file, _read_text(file, os.stat(file), " (a folder?)"))


def _read_text(file: Path, info: os.stat_result, not_a_file_hint: str) -> str:
    """The text of a regular file of at most MAX_FILE_BYTES, decoded as UTF-8, or ContentErrors."""
    def refuse(message: str) -> ContentErrors:
        return ContentErrors([ContentError(Location(file, 1, 1), "", message)])

    if not stat.S_ISREG(info.st_mode):
        raise refuse(f"not a regular file{not_a_file_hint}")
    if info.st_size > MAX_FILE_BYTES:
        raise refuse(f"{info.st_size:,} bytes: a file docgen reads is at most {MAX_FILE_BYTES:,} bytes "
                     "(is it the right file?)")
    try:
        with open(file, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise refuse(_unreachable(exc, "cannot be read")) from None
    if len(data) > MAX_FILE_BYTES:      # it grew while we looked
        raise refuse(f"more than {MAX_FILE_BYTES:,} bytes: a file docgen reads is at most that")
    return _decode(file, data)


def report_name(content_dir: Path) -> str:
    """The folder's own name, also for "." or "x/..": output files are named after it."""
    return Path(os.path.abspath(content_dir)).name


def _unreachable(exc: OSError, missing: str) -> str:
    """Why a path cannot be opened, in words (never the exception's repr)."""
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return missing
    if exc.errno == errno.ELOOP:
        return "a symbolic link that leads back to itself"
    if exc.errno == errno.ENAMETOOLONG:
        return "the name is too long for this computer's file system"
    if exc.errno == errno.EACCES:
        return "cannot be opened: permission denied"
    return f"cannot be opened: {exc.strerror or exc}"


def _decode(file: Path, data: bytes) -> str:
    """UTF-8 text (with or without Notepad's byte order mark), or a located error."""
    def refuse(at: int, message: str) -> ContentErrors:
        before = data[:at]
        breaks = list(re.finditer(rb"\r\n|\r|\n", before))
        line_start = breaks[-1].end() if breaks else 0
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        return ContentErrors([ContentError(Location(file, len(breaks) + 1, column), "", message)])

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise refuse(0, "saved as UTF-16 or UTF-32 (\"Unicode\" in Notepad); save the file with UTF-8 encoding")
    data = data.removeprefix(codecs.BOM_UTF8)
    if b"\0" in data:      # UTF-16 without a byte order mark: every other byte of Latin text is 0
        raise refuse(data.index(b"\0"), "NUL character (U+0000): a file full of them was saved as UTF-16 "
                                        "(\"Unicode\"); save it with UTF-8 encoding")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise refuse(exc.start, "not UTF-8 text; save the file with UTF-8 encoding") from None


def _parse_yaml(file: Path, text: str) -> Any:
    data, problems = parse(text)
    if problems:
        raise _errors([ContentError(Location(file, p.mark[0] + 1, p.mark[1] + 1), p.field, p.message)
                       for p in problems])
    return data


def _read_as_key_value(value: Any) -> bool:
    """A Chinese text with an ASCII ": " in it, which YAML read as a one-entry mapping
    (主要负责人带头学法: 全年学法4次。 → {主要负责人带头学法: 全年学法4次。})."""
    return (isinstance(value, Mapping) and len(value) == 1
            and any(isinstance(key, str) and not key.isascii() for key in value))


def _describe(value: Any) -> str:
    """A value as a message quotes it: short, whatever the clerk wrote."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({value})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{_shortened(str(value))}'"


def _shortened(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


class _Reader:
    """Walks the YAML tree, builds model objects and collects located errors."""

    def __init__(self, file: Path):
        self.file = file
        self.errors: list[ContentError] = []
        self.texts: list[Text] = []          # every text read, for the template check
        self.blanks: list[ContentError] = []  # values left empty in a draft, to fill

    # -- plumbing ---------------------------------------------------------
    def error(self, node: _Node, message: str) -> None:
        self.errors.append(ContentError(node.where, node.field, message))

    def _loc(self, line0: int, col0: int) -> Location:
        return Location(self.file, line0 + 1, col0 + 1)

    def _join(self, parent: _Node, key: str) -> str:
        return f"{parent.field}.{key}" if parent.field else key

    def fields(self, node: _Node, required: tuple[str, ...], optional: tuple[str, ...]) -> dict[str, _Node] | None:
        """Check a mapping's keys; return its children as nodes (None if not a mapping)."""
        if not isinstance(node.value, Mapping):
            wanted = f"a mapping with {', '.join(required)}" if required else "a mapping"
            self.error(node, f"expected {wanted}, got {_describe(node.value)}")
            return None
        known = required + optional
        children = {}
        misspelt = set()
        for key in node.value:
            key_text = str(key)
            line, col = node.value.key_marks[key]
            if key_text not in known:
                hint = difflib.get_close_matches(key_text, known, n=1)
                suggestion = f"; did you mean '{hint[0]}'?" if hint else f" (expected one of: {', '.join(known)})"
                misspelt.update(hint)
                self.errors.append(ContentError(self._loc(line, col), self._join(node, key_text),
                                                f"unknown field{suggestion}"))
                continue
            vline, vcol = node.value.value_marks[key]
            children[key_text] = _Node(node.value[key], self._join(node, key_text), self._loc(vline, vcol))
        for key in required:
            if key not in children and key not in misspelt:
                self.errors.append(ContentError(node.where, self._join(node, key), "missing (a required field)"))
        return children

    def items(self, node: _Node) -> list[_Node]:
        if not isinstance(node.value, Sequence):
            self.error(node, f"expected a list, got {_describe(node.value)}")
            return []
        return [
            _Node(item, f"{node.field}[{i}]", self._loc(*node.value.item_marks[i]))
            for i, item in enumerate(node.value)
        ]

    def text(self, node: _Node | None, limit: int = MAX_TEXT_CHARS, plain: bool = False) -> Text | None:
        """A text field; plain: one that is printed as written, never rendered (no **…** bold)."""
        if node is None:
            return None
        value = node.value
        if _read_as_key_value(value):
            self.error(node, COLON_HINT)
            return None
        if not isinstance(value, str):
            self.error(node, f"expected text, got {_describe(value)}")
            return None
        if not value.strip():
            self.error(node, "expected text, got an empty value")
            return None
        if self.too_long(node, value, limit):
            return None
        markers = TEMPLATE_CODE.sub("", value).count(MARKER)
        if plain and markers:
            self.error(node, f"{MARKER} (bold words) is not possible here: this field is printed as written; "
                             f"remove the {MARKER}")
            return None
        if markers % 2:
            self.error(node, "a ** that opens bold text has no ** closing it (write **bold words**)")
            return None
        text = Text(str(value).strip(), node.where, node.field)
        self.texts.append(text)
        return text

    def too_long(self, node: _Node, value: str, limit: int) -> bool:
        if len(value) <= limit:
            return False
        what = "a title" if limit == MAX_TITLE_CHARS else "one text"
        advice = "shorten it" if limit == MAX_TITLE_CHARS else "split it into paragraphs"
        self.error(node, f"{len(value):,} characters; {what} is at most {limit:,} ({advice})")
        return True

    def date(self, node: _Node | None) -> dt.date | None:
        if node is None:
            return None
        value = str(node.value).strip() if isinstance(node.value, str) else None
        if value is not None:
            cn = _CN_DATE.match(value)
            try:
                if cn:
                    return dt.date(int(cn[1]), int(cn[2]), int(cn[3]))
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                    return dt.date.fromisoformat(value)
            except ValueError as exc:
                self.error(node, f"expected a date like 2024-03-29, got '{value}' ({exc})")
                return None
        self.error(node, f"expected a date like 2024-03-29, got {_describe(node.value)}")
        return None

    def date_to_fill(self, node: _Node | None, what: str) -> dt.date | None:
        """A date that a draft may leave empty (recorded as to fill)."""
        if node is not None and node.value is None:
            self.blanks.append(ContentError(node.where, node.field, f"{what} to fill"))
            return None
        return self.date(node)

    def flag(self, node: _Node | None) -> bool:
        if node is None:
            return False
        if not isinstance(node.value, bool):
            self.error(node, f"expected true or false, got {_describe(node.value)}")
            return False
        return node.value

    def text_list(self, node: _Node | None) -> tuple[Text, ...]:
        """A list of texts; a single text is accepted as a list of one."""
        if node is None:
            return ()
        if isinstance(node.value, str):
            return tuple(t for t in [self.text(node)] if t is not None)
        return tuple(t for t in (self.text(item) for item in self.items(node)) if t is not None)

    # -- the report -------------------------------------------------------
    def report(self, node: _Node, content_dir: Path) -> Report | None:
        f = self.fields(node, ("kind", "year", "issuer", "date", "signature", "preamble", "sections"),
                        ("title", "addressee", "attachments", "note", "distribution", "letterhead", "seal",
                         "publication", "metrics", "brief", "checklist", "short_name"))
        if f is None:
            return None
        kind = f.get("kind")
        if kind is not None and kind.value not in KINDS:
            self.error(kind, f"unknown kind {_describe(kind.value)} (expected one of: {', '.join(KINDS)})")
        year = f.get("year")
        if year is not None and (not isinstance(year.value, int) or isinstance(year.value, bool)
                                 or not 1900 <= year.value <= 2999):
            self.error(year, f"expected the report year as a whole number such as 2023, got {_describe(year.value)}")
        title = self.text(f.get("title"), MAX_TITLE_CHARS) or Text(
            DEFAULT_TITLE_TEMPLATE.read_text(encoding="utf-8").strip(), node.where, "title")
        sections = self.sections(f.get("sections"), level=1)
        signatures = self.signatures(f.get("signature"))
        report: dict[str, Any] = {
            "name": report_name(content_dir),
            "source": content_dir,
            "kind": kind.value if kind else None,
            "year": year.value if year else None,
            "issuer": self.text(f.get("issuer"), plain=True),
            "short_name": self.short_name(f.get("short_name")),
            "title": title,
            "date": self.date_to_fill(f.get("date"), "成文日期 (date)"),
            "signatures": signatures,
            "preamble": self.paragraphs(f.get("preamble")),
            "sections": sections,
            "addressee": self.text(f.get("addressee")),
            "attachments": self.attachments(f.get("attachments")),
            "letterhead": self.letterhead(f.get("letterhead")),
            "seals": self.seals(f.get("seal"), content_dir, len(signatures)),
            "note": self.text(f.get("note")),
            "distribution": self.distribution(f.get("distribution")),
            "publication": self.publication(f.get("publication")),
            "metrics": self.metrics(f.get("metrics")),
            "brief": self.brief_settings(f.get("brief")),
            "checklist": self.checklist(f.get("checklist")),
        }
        if self.errors:
            return None
        return Report(**report, blanks=tuple(self.blanks))

    def paragraphs(self, node: _Node | None) -> tuple[Item, ...]:
        """A list of paragraphs (text, or a mapping with text and lead…) and tables (`table:`)."""
        if node is None:
            return ()
        if isinstance(node.value, str):
            text = self.text(node)
            return (Paragraph(text),) if text else ()
        result: list[Item] = []
        for item in self.items(node):
            if isinstance(item.value, str):
                text = self.text(item)
                if text:
                    result.append(Paragraph(text))
                continue
            if isinstance(item.value, Mapping) and "table" in item.value:
                table = self.fields(item, ("table",), ())
                if table is not None and "table" in table:
                    result += [t for t in [self.table(table["table"])] if t is not None]
                continue
            if _read_as_key_value(item.value):
                self.error(item, COLON_HINT)
                continue
            f = self.fields(item, ("text",), ("lead", "brief", "carried"))
            if f is None:
                continue
            text = self.text(f.get("text"))
            if text:
                result.append(Paragraph(text, lead=self.text(f.get("lead")), brief=self.text(f.get("brief")),
                                        carried=self.flag(f.get("carried"))))
        return tuple(result)

    def sections(self, node: _Node | None, level: int, roles: bool = True) -> tuple[Section, ...]:
        if node is None:
            return ()
        result = []
        items = self.items(node)
        if len(items) > MAX_HEADING_NUMBER:
            # An official document numbers headings 一 to 九十九 at each level (GB/T 9704 7.3.3:
            # 一、（一）1.（1）); a hundredth heading side by side is a structure to regroup.
            self.error(items[MAX_HEADING_NUMBER], f"more than {MAX_HEADING_NUMBER} sections side by side; "
                                                  f"headings are numbered up to {MAX_HEADING_NUMBER} "
                                                  f"({chinese_numeral(MAX_HEADING_NUMBER)}): group them under "
                                                  "fewer headings")
            items = items[:MAX_HEADING_NUMBER]
        for item in items:
            section = self.section(item, level, roles)
            if section is not None:
                result.append(section)
        if isinstance(node.value, list) and not node.value:
            self.error(node, "expected at least one section")
        return tuple(result)

    def section(self, node: _Node, level: int, roles: bool = True) -> Section | None:
        """A section; roles=False inside an attachment, whose sections have none."""
        if level > MAX_DEPTH:
            self.error(node, f"sections nest at most {MAX_DEPTH} levels (一、 （一） 1. （1）)")
            return None
        f = self.fields(node, ("title",), ("role", "run_in", "number", "numbering", "paragraphs", "sections",
                                           "brief"))
        if f is None:
            return None
        role = f.get("role")
        if not roles and role is not None:
            self.error(role, "an attachment's sections have no role")
        elif level == 1 and role is None and roles:
            self.errors.append(ContentError(node.where, self._join(node, "role"),
                                            f"missing: a top-level section needs a role ({', '.join(ROLES)})"))
        elif level > 1 and role is not None:
            self.error(role, "only top-level sections have a role")
        elif role is not None and role.value not in ROLES:
            self.error(role, f"unknown role {_describe(role.value)} (expected one of: {', '.join(ROLES)})")
        run_in = self.flag(f.get("run_in"))
        numbered = self.flag(f["number"]) if "number" in f else True
        numbering = f.get("numbering")
        if numbering is not None and numbering.value not in NUMBERINGS:
            self.error(numbering, f"expected {' or '.join(NUMBERINGS)} (continue: the levels below keep counting "
                                  f"across this section's subsections), got {_describe(numbering.value)}")
        paragraphs = self.paragraphs(f.get("paragraphs"))
        children = self.sections(f.get("sections"), level + 1, roles)
        if run_in and paragraphs and not isinstance(paragraphs[0], Paragraph):
            self.error(f["run_in"], "a run-in heading runs into a paragraph, not a table")
        title, brief = self.text(f.get("title")), self.text(f.get("brief"))
        if title is None:
            return None
        return Section(
            title=title,
            role=role.value if role is not None and level == 1 and roles else None,
            run_in=run_in,
            paragraphs=paragraphs,
            sections=children,
            level=level,
            brief=brief,
            numbered=numbered,
            numbering=numbering.value if numbering is not None and numbering.value in NUMBERINGS else None,
        )

    def table(self, node: _Node) -> Table | None:
        """`table: {title:, header: [cells], rows: [[cells] or {cells:, highlight:}], note:}`."""
        f = self.fields(node, ("header", "rows"), ("title", "note"))
        if f is None:
            return None
        header = self.cells(f["header"], None) if "header" in f else None
        rows = []
        row_nodes = self.items(f["rows"]) if "rows" in f else []
        if "rows" in f and isinstance(f["rows"].value, list) and not row_nodes:
            self.error(f["rows"], "expected at least one row")
        if len(row_nodes) > MAX_TABLE_ROWS:
            self.error(row_nodes[MAX_TABLE_ROWS], f"more than {MAX_TABLE_ROWS:,} rows; split the table")
            row_nodes = row_nodes[:MAX_TABLE_ROWS]
        for row_node in row_nodes:
            row = self.table_row(row_node, header)
            if row is not None:
                rows.append(row)
        title, note = self.text(f.get("title")), self.text(f.get("note"))
        if header is None or len(rows) != len(row_nodes):
            return None
        return Table(header=header, rows=tuple(rows), title=title, note=note, where=node.where)

    def table_row(self, node: _Node, header: tuple[Text, ...] | None) -> TableRow | None:
        """A row: a list of cells, or `{cells: [...], highlight: true}`."""
        highlight = False
        cells_node = node
        if isinstance(node.value, Mapping):
            f = self.fields(node, ("cells",), ("highlight",))
            if f is None or "cells" not in f:
                return None
            cells_node, highlight = f["cells"], self.flag(f.get("highlight"))
        cells = self.cells(cells_node, header)
        return None if cells is None else TableRow(cells, highlight, node.where)

    def cells(self, node: _Node, header: tuple[Text, ...] | None) -> tuple[Text, ...] | None:
        """A row's cells (the header's, if header is None): text or numbers; an empty cell ('')
        stays empty, a null cell (`null`, or nothing after a block list's dash) is a value to
        fill (a draft's open item), shown as 【待填：its column's header】."""
        columns = len(header) if header else None
        if not isinstance(node.value, Sequence):
            self.error(node, f"expected a list of cells such as [区司法局, 12件, 96%], got {_describe(node.value)}")
            return None
        items = self.items(node)
        if not items:
            self.error(node, "expected at least one cell")
            return None
        if len(items) > MAX_TABLE_COLUMNS:
            self.error(node, f"{len(items)} cells; a table has at most {MAX_TABLE_COLUMNS} columns")
            return None
        if columns is not None and len(items) != columns:
            cells = f"{len(items)} cell{'s' if len(items) > 1 else ''}"
            self.error(node, f"{cells}, but the header has {columns}: every row has one cell per column "
                             "(write '' for an empty cell)")
            return None
        result: list[Text] = []
        for item in items:
            value = item.value
            if value is None:
                self.blanks.append(ContentError(item.where, item.field, "table cell to fill"))
                name = header[len(result)] if header else "表头"
                result.append(Text(to_fill(name), item.where, item.field))
            elif isinstance(value, (int, float)) and not isinstance(value, bool) or value == "":
                result.append(Text(str(value), item.where, item.field))
            else:
                text = self.text(item)
                if text is None:
                    return None
                result.append(text)
        return tuple(result)

    def signatures(self, node: _Node | None) -> tuple[Text, ...]:
        """发文机关署名: one issuer, or a list of joint issuers in issuing order (联合行文)."""
        signatures = self.text_list(node)
        if node is not None and isinstance(node.value, list) and not node.value:
            self.error(node, "expected the issuer's name, or a list of joint issuers")
        if node is not None and len(signatures) > MAX_SIGNERS:
            self.error(node, f"{len(signatures)} issuers; docgen lays out at most {MAX_SIGNERS} joint issuers")
        return signatures

    def attachments(self, node: _Node | None) -> tuple[Attachment, ...]:
        """附件: names (listed in the 附件说明), or `{title:, paragraphs:/sections:}` that also print
        pages of their own."""
        result = []
        for item in self.items(node) if node is not None and not isinstance(node.value, str) else []:
            if isinstance(item.value, str):
                title = self.text(item)
                if title is not None:
                    result.append(Attachment(title, where=item.where))
                continue
            f = self.fields(item, ("title",), ("paragraphs", "sections"))
            if f is None:
                continue
            paragraphs = self.paragraphs(f.get("paragraphs"))
            sections = self.sections(f.get("sections"), level=1, roles=False)
            title = self.text(f.get("title"), MAX_TITLE_CHARS)
            if title is not None:
                result.append(Attachment(title, paragraphs, sections, item.where))
        if node is not None and isinstance(node.value, str):
            result += [Attachment(t, where=t.where) for t in self.text_list(node)]
        return tuple(result)

    def letterhead(self, node: _Node | None) -> Letterhead | None:
        """版头: `{organ:, number:, signer:, copy_number:, secrecy:, urgency:}`."""
        if node is None:
            return None
        f = self.fields(node, ("organ",), ("number", "signer", "copy_number", "secrecy", "urgency"))
        if f is None:
            return None
        number_node = f.get("number")
        number: Text | None
        if number_node is not None and number_node.value is None:
            # A draft's 发文字号 (`new-year` empties it): shown as a placeholder until given.
            self.blanks.append(ContentError(number_node.where, number_node.field, "发文字号 (number) to fill"))
            number = Text(to_fill("发文字号"), number_node.where, number_node.field)
        else:
            number = self.text(number_node, plain=True)
            if number is not None:
                self.check_document_number(f["number"], str(number))
        copy_number = f.get("copy_number")
        if copy_number is not None and isinstance(copy_number.value, int) and not isinstance(copy_number.value, bool):
            copy_number = _Node(str(copy_number.value), copy_number.field, copy_number.where)
        copy_text = self.text(copy_number, plain=True)
        if copy_number is not None and copy_text is not None and not re.fullmatch(r"\d{1,6}", copy_text):
            self.error(copy_number, f"expected 份号 as up to 6 Arabic digits such as 000001 (quote it: '000001'), "
                                    f"got {_describe(copy_text)}")
        signers = self.text_list(f.get("signer"))
        if len(signers) > MAX_SIGNERS:
            self.error(f["signer"], f"{len(signers)} signers; at most {MAX_SIGNERS}")
        organ = self.text(f.get("organ"), MAX_TITLE_CHARS)
        if organ is None:
            return None
        return Letterhead(organ=organ, number=number, signers=signers, copy_number=copy_text,
                          secrecy=self.text(f.get("secrecy"), plain=True),
                          urgency=self.text(f.get("urgency"), plain=True), where=node.where)

    def check_document_number(self, node: _Node, number: str) -> None:
        """发文字号 as GB/T 9704 7.2.4 writes it: 新府发〔2024〕12号."""
        if _DOCUMENT_NUMBER.match(number):
            return
        example = "such as 新府发〔2024〕12号"
        if re.search(r"[\[\]［］【】()（）{}]", number) or "〔" not in number:
            why = "the year goes in 〔〕 (U+3014, U+3015), not [] or （）"
        elif "第" in number:
            why = "no 第 before the number"
        elif re.search(r"〕0\d", number):
            why = "no leading zeros in the number (12号, not 012号)"
        elif not re.search(r"〔\d{4}〕", number):
            why = "the year in full, four digits, inside 〔〕"
        else:
            why = "the organ's code, the year in 〔〕, the number and 号"
        self.error(node, f"发文字号 {_describe(number)}: {why}, {example}")

    def seals(self, node: _Node | None, content_dir: Path, issuers: int) -> tuple[Seal, ...]:
        """印章 images: a file name in the content folder, or one per joint issuer."""
        if node is None:
            return ()
        if not isinstance(node.value, (str, list)):
            self.error(node, f"expected the name of an image file in the content folder such as seal.png, or a list "
                             f"of them (one per issuer), got {_describe(node.value)}")
            return ()
        nodes = [node] if isinstance(node.value, str) else self.items(node)
        seals = tuple(seal for seal in (self.seal(item, content_dir) for item in nodes) if seal is not None)
        if issuers and len(nodes) != issuers:
            self.error(node, f"{len(nodes)} seal images for {issuers} issuers: one seal per issuer, in the order "
                             "of `signature`")
        return seals

    def seal(self, node: _Node, content_dir: Path) -> Seal | None:
        name = node.value
        if not isinstance(name, str) or not name.strip():
            self.error(node, f"expected the name of an image file in the content folder such as seal.png, "
                             f"got {_describe(name)}")
            return None
        name = name.strip()
        if "/" in name or "\\" in name or name.startswith(".") or len(name.encode("utf-8")) > 255:
            self.error(node, f"{_describe(name)}: a seal image is a file in the content folder itself; "
                             "write its name only (seal.png), no folders")
            return None
        file = Path(content_dir) / name
        try:
            info = os.lstat(file)
        except OSError as exc:
            self.error(node, f"{name}: {_unreachable(exc, 'no such file in the content folder')}")
            return None
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
            self.error(node, f"{name}: not a regular file (a link or a folder); put the image itself in the "
                             "content folder")
            return None
        if info.st_size > MAX_SEAL_BYTES:
            self.error(node, f"{name}: {info.st_size:,} bytes; a seal image is at most {MAX_SEAL_BYTES:,} bytes")
            return None
        try:
            with open(file, "rb") as handle:
                data = handle.read(MAX_SEAL_BYTES + 1)
            kind, width, height = image_kind_and_size(name, data[:MAX_SEAL_BYTES])
        except OSError as exc:
            self.error(node, f"{name}: {_unreachable(exc, 'cannot be read')}")
            return None
        except ImageProblem as problem:
            self.error(node, f"{name}: {problem}")
            return None
        return Seal(name, data, kind, width, height, node.where)

    def short_name(self, node: _Node | None) -> Text | None:
        """The issuer's short name for the 简报's headline (新吴区): one line, printed as written."""
        text = self.text(node, MAX_SHORT_NAME_CHARS, plain=True)
        if node is not None and text is not None and "\n" in text:
            self.error(node, "expected the short name on one line (such as 新吴区)")
            return None
        return text

    def brief_settings(self, node: _Node | None) -> BriefSettings:
        if node is None:
            return BriefSettings()
        f = self.fields(node, (), ("name", "issue", "total_issue", "unit", "date", "headline", "summary",
                                   "to_superior", "to_peer", "to_subordinate", "copies", "min_chars", "max_chars"))
        if f is None:
            return BriefSettings()
        numbers = {key: self.whole_number(f.get(key)) for key in ("issue", "total_issue", "copies",
                                                                  "min_chars", "max_chars")}
        if numbers["min_chars"] and numbers["max_chars"] and numbers["min_chars"] > numbers["max_chars"]:
            self.error(f["min_chars"], f"expected at most max_chars ({numbers['max_chars']})")
        return BriefSettings(
            name=self.text(f.get("name")), issue=numbers["issue"] or 1, total_issue=numbers["total_issue"],
            unit=self.text(f.get("unit")), date=self.date(f.get("date")),
            headline=self.text(f.get("headline"), MAX_TITLE_CHARS), summary=self.text(f.get("summary")),
            to_superior=self.text_list(f.get("to_superior")), to_peer=self.text_list(f.get("to_peer")),
            to_subordinate=self.text_list(f.get("to_subordinate")), copies=numbers["copies"],
            min_chars=numbers["min_chars"], max_chars=numbers["max_chars"],
        )

    def checklist(self, node: _Node | None) -> tuple[ChecklistItem, ...]:
        """Last year's planned items: `- item: …` with `addressed: true` once reported on."""
        result = []
        for item in self.items(node) if node is not None else []:
            f = self.fields(item, ("item",), ("addressed",))
            if f is None:
                continue
            text = self.text(f.get("item"), plain=True)
            if text is not None:
                result.append(ChecklistItem(text, self.flag(f.get("addressed")), item.where))
        return tuple(result)

    def whole_number(self, node: _Node | None) -> int | None:
        if node is None:
            return None
        if not isinstance(node.value, int) or isinstance(node.value, bool) or not 1 <= node.value <= MAX_WHOLE_NUMBER:
            self.error(node, f"expected a whole number from 1 to {MAX_WHOLE_NUMBER}, got {_describe(node.value)}")
            return None
        return node.value

    def distribution(self, node: _Node | None) -> Distribution | None:
        if node is None:
            return None
        f = self.fields(node, ("printer", "printed"), ("cc",))
        if f is None:
            return None
        printer, printed = self.text(f.get("printer")), self.date_to_fill(f.get("printed"), "印发日期 (printed)")
        if printer is None:
            return None
        return Distribution(printer=printer, printed=printed, cc=self.text_list(f.get("cc")))

    def publication(self, node: _Node | None) -> tuple[PublicationField, ...]:
        """Web-disclosure metadata: an ordered list of `label: value` pairs."""
        if node is None:
            return ()
        result = []
        for item in self.items(node):
            if not isinstance(item.value, Mapping) or len(item.value) != 1:
                got = f"{len(item.value)} pairs" if isinstance(item.value, dict) else _describe(item.value)
                self.error(item, f"expected one 'label: value' pair such as '信息索引号: 014032126/2024-00580' "
                                 f"(one '- ' line each), got {got}")
                continue
            (label, value), = item.value.items()
            vline, vcol = item.value.value_marks[label]
            value_node = _Node(value, f"{item.field}.{label}", self._loc(vline, vcol))
            if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
                value_node = _Node("" if value is None else str(value), value_node.field, value_node.where)
            text = value_node.value if isinstance(value_node.value, str) else self.text(value_node)
            if text is not None and not self.too_long(value_node, text, MAX_TEXT_CHARS):
                value_text = Text(str(text).strip(), value_node.where, value_node.field)
                self.texts.append(value_text)
                result.append(PublicationField(Text(str(label), item.where), value_text))
        return tuple(result)

    def metrics(self, node: _Node | None) -> dict[str, Metric]:
        if node is None:
            return {}
        if not isinstance(node.value, Mapping):
            self.error(node, f"expected a mapping of metric ids to metrics, got {_describe(node.value)}")
            return {}
        result = {}
        for key in node.value:
            key_line, key_col = node.value.key_marks[key]
            vline, vcol = node.value.value_marks[key]
            child = _Node(node.value[key], self._join(node, str(key)), self._loc(vline, vcol))
            if not _METRIC_ID.match(str(key)):
                self.errors.append(ContentError(self._loc(key_line, key_col), child.field,
                                                "a metric id is letters, digits and _ (such as one_thing_cases)"))
                continue
            metric = self.metric(str(key), child)
            if metric is not None:
                result[str(key)] = metric
        return result

    def metric(self, metric_id: str, node: _Node) -> Metric | None:
        f = self.fields(node, ("label", "value"), ("previous", "rank", "comparison", "highlight"))
        if f is None:
            return None
        value_node = f.get("value")
        if value_node is not None and value_node.value is None:
            self.blanks.append(ContentError(value_node.where, value_node.field, "this year's value to fill"))
            value = None
        else:
            value = self.quantity(value_node)
            if value is None:
                return None
        previous = self.quantity(f.get("previous"))
        label = self.text(f.get("label"), plain=True)
        if label is None:
            return None
        return Metric(id=metric_id, label=label, value=value, previous=previous,
                      rank=self.text(f.get("rank"), plain=True), comparison=self.text(f.get("comparison"), plain=True),
                      highlight=self.flag(f.get("highlight")), where=node.where)

    def quantity(self, node: _Node | None):
        if node is None:
            return None
        raw = node.value
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            raw = str(raw)
        if not isinstance(raw, str):
            self.error(node, f"expected a figure such as 3.6万件, got {_describe(raw)}")
            return None
        try:
            return parse_quantity(raw.strip())
        except ValueError as exc:
            self.error(node, str(exc))
            return None
