"""The content model of a report: typed, validated meaning, no I/O, no looks.

Text fields are `Text`: a str that remembers where in the content files it was
written, so that any later error (an undefined template name, a lint finding)
can point the clerk to file:line:column.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import field
from decimal import Decimal
from pathlib import Path

from docgen.format.cjk import to_fill
from docgen.record import record

ROLES = ("measures", "responsibility", "shortcomings", "next_year", "other", "thematic")
KINDS = ("annual-report",)
MAX_DEPTH = 4


def shown_path(path: Path) -> str:
    """Relative to the working folder when inside it: what the clerk typed. Links are not followed
    (a path that loops or is too long must still be shown in the message that says so)."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(os.getcwd()))
    except (ValueError, OSError):
        return str(path)


@record
class Location:
    file: Path
    line: int      # 1-based
    column: int    # 1-based

    def __str__(self) -> str:
        return f"{shown_path(self.file)}:{self.line}:{self.column}"


NOWHERE = Location(Path("?"), 0, 0)     # for text made by docgen rather than read from a file


@record
class MetricUse:
    """Where a resolved text shows (or depends on) a metric: characters [start, end)."""
    metric: str
    start: int
    end: int


class Text(str):
    """A piece of content text that knows where it was written and under which field.

    Once resolved it also knows which metrics its templates used, and where in the
    text (`uses`): the 简报 picks sentences by the metrics they hold; and which of its
    characters the clerk marked **bold** (`emphasis`), the markers themselves removed,
    so that nothing downstream sees a `**`. Immutable.
    """

    where: Location | None
    field: str
    uses: tuple[MetricUse, ...]
    emphasis: tuple[tuple[int, int], ...]

    def __new__(cls, value: str, where: Location | None = None, field: str = "",
                uses: tuple[MetricUse, ...] = (), emphasis: tuple[tuple[int, int], ...] = ()):
        obj = super().__new__(cls, value)
        object.__setattr__(obj, "where", where)
        object.__setattr__(obj, "field", field)
        object.__setattr__(obj, "uses", uses)
        object.__setattr__(obj, "emphasis", emphasis)   # resolved: the **…** spans, [start, end)
        return obj

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Text is immutable: cannot set {name}")

    def metrics_in(self, start: int, end: int) -> list[str]:
        """The metrics used within characters [start, end), in order of use."""
        found = (use.metric for use in self.uses
                 if use.start < end and (use.end > start if use.end > use.start else use.start >= start))
        return list(dict.fromkeys(found))


@record
class Quantity:
    """A figure as officials write it (3.6万件, 9000余件, 近2万元, 96%), and its value.

    The display form is kept exactly; `amount` is what computations use.
    """
    display: str
    prefix: str          # 近 约 超 逾 …
    number: Decimal      # as written: 3.6
    multiplier: str      # 万, 亿 or ""
    approx: str          # 余, 多 or ""
    unit: str            # 件, 万元 → 元 with multiplier 万, %, 个百分点 …

    MULTIPLIERS = {"": 1, "万": 10_000, "亿": 100_000_000, "万亿": 10**12}

    @property
    def amount(self) -> Decimal:
        return self.number * self.MULTIPLIERS[self.multiplier]

    def __str__(self) -> str:
        return self.display


@record
class Metric:
    """A key figure: defined once, referenced from the text as {{ metrics.<id> }}."""
    id: str
    label: Text
    value: Quantity | None              # None: to fill (a draft made by `docgen new-year`)
    previous: Quantity | None = None    # last year's value, for 同比
    rank: str | None = None
    comparison: str | None = None
    highlight: bool = False
    where: Location | None = None

    def __str__(self) -> str:
        return str(self.value) if self.value is not None else to_fill(self.label)


@record
class ChecklistItem:
    """One of last year's planned items (下一年度安排), to be reported on this year."""
    text: Text
    addressed: bool
    where: Location | None = None


@record
class Paragraph:
    text: Text
    lead: Text | None = None        # 段首主旨句, e.g. 政务服务实现“新提升”。
    brief: Text | None = None       # the author's own text for the 简报, replacing the generated one
    carried: bool = False           # carried from last year's report: rewrite or confirm, then remove the mark


@record
class TableRow:
    cells: tuple[Text, ...]
    highlight: bool = False         # a key row: the 简报's 主要数据 shows it
    where: Location | None = None


@record
class Table:
    """A table among a section's paragraphs (GB/T 9704 tables): a header row, body rows
    of as many cells, an optional title above and note below."""
    header: tuple[Text, ...]
    rows: tuple[TableRow, ...]
    title: Text | None = None
    note: Text | None = None
    where: Location | None = None


# What a paragraph list holds: paragraphs and tables, in reading order.
Item = Paragraph | Table

NUMBERINGS = ("restart", "continue")


@record
class Section:
    title: Text
    role: str | None = None         # top level only
    run_in: bool = False            # heading and first paragraph share a line
    paragraphs: tuple[Item, ...] = ()
    sections: tuple[Section, ...] = ()
    number: str = ""                # 一、 （一） …: set by resolve, never typed
    level: int = 1
    brief: Text | None = None       # the author's own text for the 简报, replacing the generated one
    numbered: bool = True           # false (content `number: false`): a heading without a number, not counted
    numbering: str | None = None    # restart | continue: do the levels below this section's children
                                    # count on across them? None: the profile's choice


@record
class Attachment:
    """附件: a name in the 附件说明 and, with a body, pages of its own after the signature."""
    title: Text
    paragraphs: tuple[Item, ...] = ()
    sections: tuple[Section, ...] = ()
    where: Location | None = None

    @property
    def has_pages(self) -> bool:
        return bool(self.paragraphs or self.sections)


@record
class Letterhead:
    """版头 (GB/T 9704 7.2) of the filed paper version."""
    organ: Text                         # 发文机关标志, e.g. 无锡市新吴区人民政府
    number: Text | None = None          # 发文字号, e.g. 新府发〔2024〕12号
    signers: tuple[Text, ...] = ()      # 签发人 (上行文): 发文字号 left, 签发人 right
    copy_number: Text | None = None     # 份号 (6 digits)
    secrecy: Text | None = None         # 密级和保密期限
    urgency: Text | None = None         # 紧急程度
    where: Location | None = None


@record
class Seal:
    """A seal image from the content folder, read once at load (PNG or SVG bytes)."""
    name: str                           # the file name as written
    data: bytes
    kind: str                           # png | svg
    width_px: int
    height_px: int
    where: Location | None = None


@record
class Distribution:
    """版记: 抄送 and 印发机关和印发日期."""
    printer: Text
    printed: dt.date | None         # None: to fill
    cc: tuple[Text, ...] = ()


@record
class PublicationField:
    label: Text
    value: Text


@record
class BriefSettings:
    """The 简报's own facts (its 报头 and 报尾); all optional, with defaults from the report."""
    name: Text | None = None            # 简报名称, default from the briefing profile
    issue: int = 1                      # 第N期
    total_issue: int | None = None      # 总第N期
    unit: Text | None = None            # 编印单位, default the web publisher or the issuer
    date: dt.date | None = None         # default the report's date
    headline: Text | None = None        # default the profile's headline_format (short name, year)
    summary: Text | None = None         # the opening, default the preamble's first sentence
    to_superior: tuple[Text, ...] = ()  # 报
    to_peer: tuple[Text, ...] = ()      # 送
    to_subordinate: tuple[Text, ...] = ()   # 发
    copies: int | None = None           # 印数: （共印N份）
    min_chars: int | None = None        # body length bounds, default from the briefing profile
    max_chars: int | None = None


@record
class Report:
    name: str                       # the content folder's name, e.g. xinwu-2023
    source: Path                    # the content folder
    kind: str
    year: int
    issuer: Text
    title: Text
    date: dt.date | None            # 成文日期; None: to fill
    signatures: tuple[Text, ...]    # 发文机关署名: one issuer, or joint issuers in issuing order
    preamble: tuple[Item, ...]
    sections: tuple[Section, ...]
    addressee: Text | None = None   # 主送机关
    attachments: tuple[Attachment, ...] = ()
    letterhead: Letterhead | None = None
    seals: tuple[Seal, ...] = ()    # none, or one per signature (GB/T 9704 7.3.5.1)
    note: Text | None = None        # 附注
    distribution: Distribution | None = None
    publication: tuple[PublicationField, ...] = ()
    metrics: dict[str, Metric] = field(default_factory=dict)
    brief: BriefSettings = field(default_factory=BriefSettings)
    checklist: tuple[ChecklistItem, ...] = ()     # last year's plan, to report on
    short_name: Text | None = None  # the issuer in a headline (新吴区); default derived (brief_select)
    blanks: tuple = ()              # ContentErrors: values left empty to fill (a draft)
    open_items: tuple = ()          # ContentErrors: all a draft still needs (set by resolve)

    def publication_value(self, *labels: str) -> str | None:
        """The first web-metadata value under any of these labels (they vary by site)."""
        for item in self.publication:
            if item.label in labels:
                return str(item.value)
        return None


def paragraphs_of(items) -> list[Paragraph]:
    """The paragraphs among items, without the tables."""
    return [item for item in items if isinstance(item, Paragraph)]


def walk_sections(sections: tuple[Section, ...]):
    """Every section, depth first, in reading order."""
    for section in sections:
        yield section
        yield from walk_sections(section.sections)
