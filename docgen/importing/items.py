"""A list of paragraphs and tables (the preamble's, a section's, an attachment's) →
report.yaml's paragraph items: plain text with **bold**, `lead:` + `text:`, `table:`.

A paragraph that opens with bold words ending a sentence (。) or announcing one (：) has a
lead phrase (段首主旨句): the bundled report's shape. The web loses the bold, so a
paragraph whose first sentence is short, has no comma and no figure, and is followed by
more text, is a lead too — when at least LEAD_PATTERN_MIN paragraphs of the same list
open so: one such sentence may be prose, a repeated one is the report's pattern. A table
takes the short centred paragraph just before it that names it (…表, …情况) as its title,
and a paragraph just after it that starts with 注： as its note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docgen.content.load import MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, MAX_TEXT_CHARS
from docgen.importing.paragraphs import SPACES, Para, TextWriter, sentence_end

MAX_LEAD_CHARS = 40             # the bundled report's leads have 8 to 16 characters
LEAD_PATTERN_MIN = 2
MAX_TABLE_TITLE_CHARS = 40
LEAD_ENDS = "。：:！？"
_TABLE_TITLE = re.compile(r".*(表|情况)$")
_TABLE_NOTE = re.compile(r"^注[：:]")
_NOT_IN_A_LEAD = re.compile(r"[，、；：,;:0-9]")


@dataclass
class Placed:
    """A paragraph item as report.yaml writes it, where it came from, and what was decided
    about it: (field under the item, message); `unplaced`: why it is kept as it was."""
    value: Any
    where: int
    notes: list[tuple[str, str]] = field(default_factory=list)
    unplaced: str = ""


def content_items(paras: list[Para], writer: TextWriter, aligned: bool, run_in: bool = False,
                  pattern_leads: bool = True, kept: dict[int, str] | None = None,
                  judged: dict[int, str] | None = None) -> list[Placed]:
    """The items of one list. aligned: the source states alignment (a table title is centred);
    run_in: the first paragraph is a run-in heading's text (never a lead or a table's title);
    pattern_leads: unbolded leads may be found (not in a preamble: the bundled report's leads
    open the paragraphs of a section); kept/judged: paragraphs (by id) the outline left as they are,
    and why (unplaced, or a judgement)."""
    kept, judged = kept or {}, judged or {}
    candidates = [p for i, p in enumerate(paras)
                  if id(p) not in kept and id(p) not in judged and not (run_in and i == 0)]
    leads = _pattern_leads(candidates) if pattern_leads else {}
    used: set[int] = set()
    placed: list[Placed] = []
    for i, para in enumerate(paras):
        if id(para) in used:
            continue
        if para.is_table:
            refused = _refused_table(para)
            if refused:
                placed += _rows_as_paragraphs(para, refused, writer)
                continue
            title_may_be = i - 1 >= (1 if run_in else 0) and placed and id(paras[i - 1]) not in used
            before = paras[i - 1] if title_may_be else None
            title = before if before is not None and _names_table(before, aligned) else None
            after = paras[i + 1] if i + 1 < len(paras) else None
            note = after if after is not None and not after.is_table and _TABLE_NOTE.match(after.text) else None
            if title is not None:
                placed.pop()
            if note is not None:
                used.add(id(note))
            placed.append(_table(para, title, note, writer))
            continue
        for piece in _pieces(para):
            item = _paragraph(piece, writer, leads.get(id(para)) if piece is para else None)
            if id(para) in kept:
                item.unplaced = kept[id(para)]
            elif id(para) in judged:
                item.notes.append(("", judged[id(para)]))
            if piece is not para:
                item.notes.append(("", f"a paragraph of {len(para.text):,} characters: cut at a sentence end "
                                       f"(a text is at most {MAX_TEXT_CHARS:,})"))
            placed.append(item)
    return placed


def _paragraph(para: Para, writer: TextWriter, pattern_lead: int | None) -> Placed:
    text = para.text
    bold = para.bold_prefix()
    if bold and bold < len(text):
        end = bold if text[bold - 1] in LEAD_ENDS else bold + 1 if text[bold] in LEAD_ENDS else 0
        if end and text[end:].strip(SPACES):
            how = "bold words ending in " + text[end - 1]
            if end > bold:
                how += " (the mark itself not bold)"
            return Placed({"lead": writer.plain(text[:end], para.where), "text": writer.marked(para, end)},
                          para.where, [("lead", f"a lead phrase: {how}")])
    if pattern_lead:
        lead = writer.plain(text[:pattern_lead], para.where)
        why = "a lead phrase, not bold in the source: a short first sentence without a comma, as other " \
              "paragraphs here open"
        return Placed({"lead": lead, "text": writer.marked(para, pattern_lead)}, para.where, [("lead", why)])
    return Placed(writer.marked(para), para.where)


def _pattern_leads(paras: list[Para]) -> dict[int, int]:
    """Paragraphs (by id) that open with an unbolded lead sentence, and where it ends —
    if at least LEAD_PATTERN_MIN of the list do."""
    found = {}
    for para in paras:
        if para.is_table or para.bold:
            continue
        end = sentence_end(para.text)
        if 1 < end <= MAX_LEAD_CHARS and para.text[end:].strip(SPACES) \
                and not _NOT_IN_A_LEAD.search(para.text[:end]):
            found[id(para)] = end
    return found if len(found) >= LEAD_PATTERN_MIN else {}


def _pieces(para: Para) -> list[Para]:
    """A paragraph cut at sentence ends into texts the loader takes (rare: a pasted chapter).
    The written text counts (** markers, template escapes), so each piece fits as written."""
    if len(TextWriter().marked(para)) <= MAX_TEXT_CHARS:
        return [para]
    half, cut, end = len(para.text) // 2, 0, sentence_end(para.text)
    while 0 < end < len(para.text) and (end <= half or not cut):
        cut, end = end, sentence_end(para.text, end)
    cut = cut if 0 < cut < len(para.text) else half
    return _pieces(para.head(cut)) + _pieces(para.tail(cut))


def _names_table(para: Para, aligned: bool) -> bool:
    return (len(para.text) <= MAX_TABLE_TITLE_CHARS and bool(_TABLE_TITLE.match(para.text))
            and (para.block.align == "center" or not aligned))


def _refused_table(table: Para) -> str:
    """Why a table cannot be one in report.yaml ("" if it can)."""
    rows, width = table.rows, max(len(row) for row in table.rows)
    if len(rows) < 2:
        return "a table of one row (a table has a header and at least one row)"
    if width > MAX_TABLE_COLUMNS:
        return f"a table of {width} columns (at most {MAX_TABLE_COLUMNS})"
    if len(rows) - 1 > MAX_TABLE_ROWS:
        return f"a table of {len(rows) - 1:,} rows (at most {MAX_TABLE_ROWS:,})"
    return ""


def _rows_as_paragraphs(table: Para, why: str, writer: TextWriter) -> list[Placed]:
    """A table report.yaml cannot hold, kept as text: a paragraph a row."""
    rows = [[cell.strip(SPACES) for cell in row if cell.strip(SPACES)] for row in table.rows]
    return [Placed(writer.plain("　".join(cells), table.where), table.where,
                   unplaced=f"{why}: kept as a paragraph a row, cells parted by a full-width space")
            for cells in rows if cells]


def _table(table: Para, title: Para | None, note: Para | None, writer: TextWriter) -> Placed:
    rows = [[writer.plain(cell.strip(SPACES), table.where) for cell in row] for row in table.rows]
    width = max(len(row) for row in rows)
    notes: list[tuple[str, str]] = [("table", "a table: its first row is the header")]
    if any(len(row) < width for row in rows):
        notes.append(("table.rows", "rows with fewer cells than the widest (merged cells?): filled with empty cells"))
    rows = [row + [""] * (width - len(row)) for row in rows]
    body: dict[str, Any] = {}
    if title is not None:
        body["title"] = writer.plain(title.text, title.where)
        ending = "情况" if title.text.endswith("情况") else "表"
        notes.append(("table.title", f"the table's title: the short paragraph just before it, ending in {ending}"))
    body["header"] = rows[0]
    body["rows"] = rows[1:]
    if note is not None:
        body["note"] = writer.marked(note)
        notes.append(("table.note", "the table's note: the paragraph just after it, starting with 注："))
    return Placed({"table": body}, table.where, notes)
