"""Format profiles: templates/<name>/profile.yaml → a typed, checked Profile.

A profile holds every number of an output format (page, grid, fonts, sizes,
indents, page numbers). Writers and checks read it and type none of these
numbers themselves. A profile may `extends:` another and override only what
differs, so a house style repeats none of the standard's numbers.

A profile is checked completely when loaded, because a house style may come
from anywhere: every field's type and range (by the unit its name ends in, see
_rule_for), every format tried with its placeholders, the numbers against each
other (_check_consistency), and keys that nothing reads. Every problem of every
file is reported at once, each with its file:line:column and key (settings.py).
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import typing
from pathlib import Path
from typing import Any, get_type_hints

from docgen.content.model import MAX_DEPTH
from docgen.format.units import TWIPS_PER_PT, mm_to_pt, pt_to_mm
from docgen.paths import TEMPLATES_DIR
from docgen.record import record
from docgen.settings import MISSING, Rule, Settings, SettingsErrors, between, shown

DEFAULT_PROFILE = "gbt9704"


class ProfileError(SettingsErrors):
    """A profile file is missing, malformed or incomplete: every problem, each located."""

    what = "the format profile"


@record
class FontRole:
    role: str
    name: str
    aliases: tuple[str, ...]
    files: tuple[str, ...] = ()     # usual file names of the official font

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@record
class Page:
    width_mm: float
    height_mm: float
    margin_top_mm: float
    margin_bottom_mm: float
    margin_left_mm: float
    margin_right_mm: float
    tolerance_mm: float         # what a measured edge may be off (docgen check)


@record
class TextStyle:
    """Font role, size in pt and weight of one kind of text."""
    font: str
    size_pt: float
    bold: bool = False


@record
class HeadingStyle(TextStyle):
    numbering: str = ""


@record
class TitleStyle(TextStyle):
    max_chars_per_line: int = 0
    blank_lines_after: int = 0


@record
class BodyStyle(TextStyle):
    first_line_indent_chars: float = 0


@record
class SignatureStyle:
    blank_lines_before: int
    right_indent_chars: float
    date_offset_chars: float


@record
class SealStyle:
    """The sealed signature and its seal (GB/T 9704 7.3.5.1; elements.seal of profile.yaml)."""
    diameter_mm: float              # the seal image's longer side is scaled to this, keeping its aspect
    blank_lines_before: int         # between the text above (body or 附件说明) and the issuer's name
    date_right_indent_chars: float  # 成文日期 from the right edge of the text block
    centre_above_name_mm: float     # the seal's centre above the middle of the name's grid line
    seals_per_row: int              # joint issuers: at most this many seals side by side
    min_gap_mm: float               # the least room between two seals, in a row and between rows
    raster_dpi: int                 # an SVG seal is drawn as a PNG of this resolution at its printed size


@record
class AttachmentsStyle:
    label: str
    blank_lines_before: int


@record
class AttachmentPagesStyle:
    """附件 with a body, each on pages of its own after the signature (GB/T 9704 §7.3.7):
    its label on line 1 of a new page, its title below, then its text as the body's."""
    label_format: str               # with {n}: the number as in the 附件说明
    single_label: str               # the label when there is one attachment
    label_font: str
    label_size: float
    blank_lines_after_label: int    # the title on the line after these
    title_font: str
    title_size: float
    blank_lines_after_title: int

    @property
    def label(self) -> TextStyle:
        return TextStyle(self.label_font, self.label_size)

    @property
    def title(self) -> TextStyle:
        return TextStyle(self.title_font, self.title_size)


@record
class DistributionStyle(TextStyle):
    side_indent_chars: float = 0
    outer_rule_mm: float = 0
    inner_rule_mm: float = 0
    cc_label: str = ""
    printed_suffix: str = ""
    blank_lines_before: int = 0     # between the text and the 版记


@record
class PageNumberStyle(TextStyle):
    format: str = ""
    below_text_block_mm: float = 0
    outer_indent_chars: float = 0
    enabled: bool = True


@record
class YearOnYearStyle:
    """How a computed 同比 reads."""
    decimals: int
    up: str
    down: str
    rate_up: str
    rate_down: str
    points: str
    same: str
    prefix: str


@record
class DraftStyle(TextStyle):
    label: str = ""
    color: str = ""
    mark: str = ""
    above_text_block_mm: float = 0  # the label's middle above the text block


@record
class TableStyle(TextStyle):
    """A table among the paragraphs (elements.table): its cells in font and size_pt, the
    header row, the title centred above, the note below, the rules and the cells' padding."""
    header_font: str = ""
    title_font: str = ""
    title_size: float = 0
    note_font: str = ""
    note_size: float = 0
    note_label: str = ""            # put before a note that does not begin with it
    rule_width_pt: float = 0        # every rule: above, between and below the rows, at every column edge
    cell_padding_chars: float = 0   # a cell's text from its column rules, in characters of the cell size
    min_column_chars: float = 0     # the least text a column holds on a line, in characters of the cell size
    align: str = ""                 # a cell whose text fits one line (the header's always)
    wrapped_align: str = ""         # a body cell whose text takes several lines


@record
class DocxStyleNames:
    """The names of the DOCX's styles, one for each kind of block (TextBlock.role):
    what Word's style gallery shows; presentation, so a house profile may rename them."""
    title: str
    addressee: str
    body: str
    lead: str                       # a character style: the bold lead phrase
    emphasis: str                   # a character style: the **…** words of a paragraph
    headings: tuple[str, ...]       # one for each level of elements.headings
    attachment: str
    signature: str
    date: str
    note: str
    cc: str
    printed: str
    blank: str
    table: str
    table_header: str
    table_title: str
    table_note: str
    page_number: str
    draft_label: str
    brief_name: str
    brief_issue: str
    brief_unit: str
    brief_foot: str
    brief_copies: str
    attachment_label: str           # 附件1 atop an attachment's first page
    attachment_title: str
    letterhead_copy: str            # 版头 (GB/T 9704 7.2): 份号 …
    letterhead_secrecy: str
    letterhead_urgency: str
    letterhead_organ: str
    letterhead_number: str
    letterhead_signer: str          # the 签发人 line (with the 发文字号 on its last line)


@record
class BriefingStyle:
    """The 简报's conventions (templates/briefing/profile.yaml)."""
    default_name: str
    red: str
    name_font: str
    name_size: float
    name_lines: int
    issue_font: str
    issue_size: float
    issue_format: str
    total_issue_format: str
    unit_font: str
    unit_size: float
    unit_suffix: str
    side_indent_chars: float
    rule_pt: float
    headline_format: str            # the default headline: {short_name}, {year}
    headline_blank_lines_before: int    # between the red rule and the headline
    paragraph_lead: str             # ordinal (一是优化法治环境。…) | lead (the title or lead phrase in the lead style)
    ordinal_format: str             # {zh}: 一, 二 … (一是)
    table_title: str
    table_header: list
    table_font: str
    table_header_font: str
    table_size: float
    table_rule_pt: float
    table_cell_padding_chars: float
    foot_font: str
    foot_size: float
    foot_labels: list
    copies_format: str
    outer_rule_mm: float
    inner_rule_mm: float
    foot_blank_lines_before: int    # between the text and the 报尾
    min_chars: int
    max_chars: int
    max_pages: int


PARAGRAPH_LEADS = ("ordinal", "lead")     # how a 简报 paragraph starts: 一是… or its lead phrase


@record
class LineBreaking:
    """How lines end (README, "Notes on rendering"): the marks that may hang one past
    the text block, the space between a hanzi and a digit or Latin letter, and one more
    twip of narrowing than 28 characters need (a LibreOffice 7.4 hanging-mark bug)."""
    hanging_marks: str
    script_space_em: float
    extra_narrowing_twips: int


@record
class LetterheadStyle:
    """版头 (GB/T 9704-2012 7.2) of a report filed as 公文: fonts and sizes of its elements,
    where the 发文机关标志 and the red rule sit, the 签发人 layout, the title's distance."""
    copy_number_font: str           # 份号 (7.2.1)
    copy_number_size: float
    copy_number_digits: int
    secrecy_font: str               # 密级和保密期限 (7.2.2)
    secrecy_size: float
    urgency_font: str               # 紧急程度 (7.2.3)
    urgency_size: float
    organ_font: str                 # 发文机关标志 (7.2.4)
    organ_size: float               # the largest; shrunk to fit the text block's width
    organ_color: str
    organ_top_mm: float             # the top of its em box below the top of the text block
    number_font: str                # 发文字号 (7.2.5)
    number_size: float
    number_blank_lines: int         # grid lines between the mark and the 发文字号's line
    side_indent_chars: float        # 上行文: 发文字号 from the left, 签发人 from the right
    signer_label: str               # 签发人 (7.2.6)
    signer_label_font: str
    signer_font: str                # the names
    signer_size: float
    signers_per_line: int
    signer_separator: str           # between two names on a line
    rule_below_mm: float            # 分隔线 (7.2.7): from the bottom of the 发文字号's em box to the rule's middle
    rule_pt: float                  # its thickness
    rule_color: str
    title_blank_lines: int          # between the rule and the title (7.3.1)


@record
class Profile:
    name: str
    description: str
    source: Path
    page: Page
    lines_per_page: int
    chars_per_line: int
    fixed_line_pitch_pt: float | None
    sizes: dict[str, float]
    fonts: dict[str, FontRole]
    strict_fonts: bool
    latin_font: str | None
    text_color: str
    title: TitleStyle
    addressee: TextStyle
    body: BodyStyle
    lead: TextStyle
    headings: tuple[HeadingStyle, ...]
    attachments: AttachmentsStyle
    signature: SignatureStyle
    note_indent_chars: float
    distribution: DistributionStyle
    page_number: PageNumberStyle
    year_on_year: YearOnYearStyle
    draft: DraftStyle
    docx_styles: DocxStyleNames
    line_breaking: LineBreaking
    heading_numbering: str          # restart | continue: the content's `numbering:` when a section has none
    emphasis: TextStyle             # the **…** words of a paragraph's text
    briefing: BriefingStyle | None = None
    # Required, but after the defaulted fields: given by keyword.
    attachment_pages: AttachmentPagesStyle = dataclasses.field(kw_only=True)
    letterhead: LetterheadStyle = dataclasses.field(kw_only=True)
    seal: SealStyle = dataclasses.field(kw_only=True)
    table: TableStyle = dataclasses.field(kw_only=True)

    @property
    def text_width_pt(self) -> float:
        p = self.page
        return mm_to_pt(p.width_mm - p.margin_left_mm - p.margin_right_mm)

    @property
    def text_height_pt(self) -> float:
        p = self.page
        return mm_to_pt(p.height_mm - p.margin_top_mm - p.margin_bottom_mm)

    @property
    def line_pitch_pt(self) -> float:
        """The grid's line pitch: fixed by the profile, or filling the block."""
        if self.fixed_line_pitch_pt is not None:
            return self.fixed_line_pitch_pt
        return self.text_height_pt / self.lines_per_page

    @property
    def line_pitch_twips(self) -> int:
        """Rounded down, so that lines_per_page lines still fit the block."""
        return math.floor(self.line_pitch_pt * TWIPS_PER_PT + 1e-9)

    @property
    def char_pitch_pt(self) -> float:
        """Width of one grid character: the text block width / chars per line."""
        return self.text_width_pt / self.chars_per_line

    def font_name(self, role: str) -> str:
        return self.fonts[role].name


def available_profiles(templates_dir: Path = TEMPLATES_DIR) -> list[str]:
    return sorted(p.parent.name for p in templates_dir.glob("*/profile.yaml"))


def profile_file(name: str, templates_dir: Path = TEMPLATES_DIR) -> Path:
    """The profile.yaml that `name` means: a folder under templates/ by its name, or, when the name
    holds a slash or ends in .yaml, the path of a profile.yaml or of its folder (a house style kept
    elsewhere). Either is checked completely; only the first may be named by `extends:`."""
    if "/" in name or os.sep in name or name.endswith((".yaml", ".yml")):
        path = Path(name).expanduser()
        return path if path.suffix in (".yaml", ".yml") else path / PROFILE_FILE
    known = ", ".join(available_profiles(templates_dir)) or "none"
    path = templates_dir / name / PROFILE_FILE
    if not _PROFILE_NAME.match(name) or not path.is_file():
        raise ProfileError([f"unknown profile '{name}' (no {path}); available: {known}, or the path of a profile.yaml"])
    return path


# Profiles loaded in this process, each with the bytes of the files it was read from: a build
# loads a profile more than once (the 简报's extends the report's), a batch or a watch again and
# again, and gets the one already checked while none of its files changed. A file that differs
# in a byte, or cannot be read, is a miss: the profile is read and checked again. A profile is
# kept only if no file changed while it was read (same inode, size, mtime and ctime before and
# after). Profiles are frozen; nothing changes one.
_LOADED: dict[tuple[Path, Path], tuple[tuple[tuple[Path, bytes], ...], Profile]] = {}


def _signature(file: Path) -> tuple[int, int, int, int] | None:
    try:
        info = os.stat(file)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _contents(files: list[Path]) -> tuple[tuple[Path, bytes], ...] | None:
    try:
        return tuple((file, file.read_bytes()) for file in files)
    except OSError:
        return None


def load_profile(name: str = DEFAULT_PROFILE, templates_dir: Path = TEMPLATES_DIR) -> Profile:
    """Load a profile (see profile_file), following `extends:`. Every field is checked — type, range,
    formats tried — and every problem of every file is raised at once (ProfileError). Read once per
    process while its files stay the same (_LOADED)."""
    path = profile_file(name, templates_dir)
    if not path.is_file():
        raise ProfileError([f"no profile file {path}"])
    key = (path.absolute(), templates_dir.absolute())
    if key in _LOADED:
        kept, profile = _LOADED[key]
        if _contents([file for file, _ in kept]) == kept:
            return profile
    files_read: dict[Path, tuple[int, int, int, int] | None] = {}
    profile = _checked(path, templates_dir, files_read)
    contents = _contents(list(files_read))
    if contents is not None and all(_signature(file) == before for file, before in files_read.items()):
        _LOADED[key] = (contents, profile)
    return profile


def _checked(path: Path, templates_dir: Path, files_read: dict[Path, tuple[int, int, int, int] | None]) -> Profile:
    """The profile read and checked; each file read is noted in files_read with its _signature before."""
    settings = _read_chain(path, templates_dir, seen=(), files_read=files_read)
    if settings.problems:               # unreadable, not YAML or a broken extends: nothing to check yet
        raise ProfileError(settings.problems)
    profile = _build(_Reader(settings))
    settings.note_unknown_keys()
    if not settings.problems:
        _check_consistency(profile, settings)
    if settings.problems:
        raise ProfileError(settings.problems)
    return profile


def _read_chain(path: Path, templates_dir: Path, seen: tuple[Path, ...],
                files_read: dict[Path, tuple[int, int, int, int] | None]) -> Settings:
    """The profile at `path` merged over the ones it extends (names under templates_dir)."""
    files_read[path] = _signature(path)
    settings = Settings.read(path)
    settings.mark_read("extends")
    parent = settings.data.pop("extends", None)
    if parent is None:
        return settings
    parent_path = templates_dir / str(parent) / PROFILE_FILE
    chain = [*(p.parent.name for p in seen), path.parent.name, str(parent)]
    if not isinstance(parent, str) or not _PROFILE_NAME.match(parent) or not parent_path.is_file():
        known = ", ".join(available_profiles(templates_dir)) or "none"
        settings.problem("extends", f"expected the name of a profile folder under {templates_dir} "
                                    f"({known}), got {shown(parent)}")
    elif parent_path.resolve() in seen or parent_path.resolve() == path.resolve():
        settings.problem("extends", f"extends itself through {' → '.join(chain)}")
    else:
        return settings.merged_over(_read_chain(parent_path, templates_dir, seen + (path.resolve(),), files_read))
    return settings


# -- what each key must be ---------------------------------------------------------------------
# Rules follow the key's name, so that a new field is checked as soon as it is named by the
# conventions of the profile files: *_mm, *_pt, *_chars, *blank_lines*, *_color, *_format.

# A format's placeholders: each format must use one of them, once, and no other braces
# ("{cn}、" or "{page:>99999}" would fail, or blow up, only when a document is made).
_PLACEHOLDERS = {"numbering": ("zh", "n"), "format": ("page",), "issue_format": ("issue",),
                 "total_issue_format": ("total",), "copies_format": ("copies",),
                 "label_format": ("n",), "headline_format": ("short_name", "year"), "ordinal_format": ("zh",)}
_EVERY_PLACEHOLDER = ("headline_format",)      # a headline names the issuer and the year
_COLOURS = ("color", "text_color", "red", "mark")
_COUNTS = ("lines_per_page", "chars_per_line", "max_chars_per_line", "name_lines", "max_pages", "signers_per_line",
           "copy_number_digits", "seals_per_row")
_HEX_COLOUR = re.compile(r"^[0-9A-Fa-f]{6}$")
_XML_SPECIAL = '<>&"'
_PROFILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
PROFILE_FILE = "profile.yaml"


def _placeholder_rule(names: tuple[str, ...], every: bool = False) -> Rule:
    """One of the names once (every: each of them once), and no other braces."""
    def ok(text: str) -> bool:
        used = [n for n in names if "{" + n + "}" in text]
        if len(used) != (len(names) if every else 1):
            return False
        rest = text
        for n in used:
            rest = rest.replace("{" + n + "}", "", 1)
        try:                            # tried as the writers use it
            text.format(**{n: 1 for n in names})
        except (KeyError, IndexError, ValueError, AttributeError):
            return False
        return "{" not in rest and "}" not in rest
    wanted = (" and " if every else " or ").join("{" + n + "}" for n in names)
    return Rule(f" with {wanted} once{' each' if every else ''} and no other braces", ok)


_COLOUR_RULE = Rule(' of six hex digits in quotes, such as "FF0000"', lambda v: bool(_HEX_COLOUR.match(v)))
_FONT_NAME_RULE = Rule(f" without {' '.join(_XML_SPECIAL)} (it is written into the DOCX's XML)",
                       lambda v: bool(v.strip()) and not any(c in v for c in _XML_SPECIAL))
_SIZE_RULE = Rule(" from 1 to 200 (pt), or a size name such as 三号", lambda v: 1 <= v <= 200)
_PT_RULE = Rule(" greater than 0 and at most 100", lambda v: 0 < v <= 100)
# Word keeps style names up to 253 characters; a name is shown in menus, so no line breaks.
_STYLE_NAME_RULE = Rule(" of 1 to 100 characters, without line breaks or tabs",
                        lambda v: 0 < len(v.strip()) <= 100 and not any(c in v for c in "\n\r\t"))
_HANGING_RULE = Rule(" of punctuation marks that may end a line's text, such as 、，。",
                     lambda v: all(c in "、，。；：？！．,.;:?!" for c in v))
_NUMBERING_RULE = Rule(" restart or continue", lambda v: v in ("restart", "continue"))
_ALIGN_RULE = Rule(" left, center, right or justify", lambda v: v in ("left", "center", "right", "justify"))


def _rule_for(dotted: str) -> Rule | None:
    parts = [p for p in dotted.split(".") if not p.isdigit()]
    key = parts[-1]
    if parts[0] == "docx_styles":
        return _STYLE_NAME_RULE
    if key in _PLACEHOLDERS:
        return _placeholder_rule(_PLACEHOLDERS[key], every=key in _EVERY_PLACEHOLDER)
    if key in _COLOURS or key.endswith("_color"):
        return _COLOUR_RULE
    if (parts[0] == "fonts" and key in ("name", "aliases")) or key == "latin_font":
        return _FONT_NAME_RULE
    if key in _COUNTS:
        return between(1, 100)
    if key in ("min_chars", "max_chars"):
        return between(0, 100_000)
    if "blank_lines" in key:
        return between(0, 100)
    if key == "decimals":
        return between(0, 6)
    if key.endswith("_mm"):
        return between(0, 1000)
    if key.endswith("_pt"):
        return _PT_RULE
    if key.endswith("_chars"):
        return between(0, 100)
    if key.endswith("_em"):
        return between(0, 1)
    if key.endswith("_twips"):
        return between(0, 20)
    if key.endswith("_dpi"):
        return between(72, 2400)
    if key == "hanging_marks":
        return _HANGING_RULE
    if key == "heading_numbering":
        return _NUMBERING_RULE
    if key.endswith("align"):
        return _ALIGN_RULE
    return None


class _Reader:
    """Typed reads of the profile, each checked by the rule its key's name implies."""

    def __init__(self, settings: Settings):
        self.s = settings
        self.sizes: dict[str, float] = {}
        self.roles: set[str] | None = None       # None while `fonts` is unread or broken

    def get(self, dotted: str, kind: Any, default: Any = MISSING) -> Any:
        kind, item, optional = _kind(kind)
        if optional and default is MISSING:
            default = None
        if kind in (list, tuple):
            items = self.s.items(dotted, item, _rule_for(dotted), default=default)
            return tuple(items) if kind is tuple else items
        return self.s.get(dotted, kind, default, _rule_for(dotted))

    def size(self, dotted: str, default: Any = MISSING) -> float:
        """A font size given as 号 (三号) or in pt."""
        if isinstance(self.s.raw(dotted), str):
            name = self.s.get(dotted, str)
            if name not in self.sizes and name:
                self.s.problem(dotted, f"unknown size {shown(name)} (sizes: {', '.join(self.sizes)})")
            return self.sizes.get(name, 1.0)
        return float(self.s.get(dotted, float, default, _SIZE_RULE))

    def font(self, dotted: str, default: Any = MISSING) -> str:
        role = self.s.get(dotted, str, default)
        if self.roles is not None and role not in self.roles:
            self.s.problem(dotted, f"unknown font role {shown(role)} (roles: {', '.join(sorted(self.roles))})")
        return role


def _kind(hint: Any) -> tuple[Any, Any, bool]:
    """(kind, item kind of a list or tuple, whether null is allowed) of a field's type hint."""
    args = typing.get_args(hint)
    if type(None) in args:
        [inner] = [a for a in args if a is not type(None)]
        return (*_kind(inner)[:2], True)
    origin = typing.get_origin(hint) or hint
    if origin in (list, tuple):
        return origin, (args[0] if args else str), False
    return hint, None, False


def _build(r: _Reader) -> Profile:
    s = r.s
    r.sizes = {k: s.get(f"sizes.{k}", float, rule=_SIZE_RULE) for k in s.keys("sizes")}
    roles = s.keys("fonts")
    fonts = {role: FontRole(role, r.get(f"fonts.{role}.name", str),
                            r.get(f"fonts.{role}.aliases", tuple[str, ...], ()),
                            r.get(f"fonts.{role}.files", tuple[str, ...], ()))
             for role in roles}
    if roles:
        r.roles = set(roles)
    else:
        s.problem("fonts", "expected at least one font role (such as fangsong: {name: 仿宋_GB2312})")
    body_size = r.size("elements.body.size")
    heading_count = len(s.get("elements.headings", list))
    return Profile(
        name=r.get("name", str),
        description=r.get("description", str, ""),
        source=s.top.file,
        page=Page(**{k: r.get(f"page.{k}", float) for k in Page.__dataclass_fields__}),
        lines_per_page=r.get("grid.lines_per_page", int),
        chars_per_line=r.get("grid.chars_per_line", int),
        fixed_line_pitch_pt=r.get("grid.line_pitch_pt", float | None),
        sizes=r.sizes,
        fonts=fonts,
        strict_fonts=r.get("strict_fonts", bool, False),
        latin_font=r.get("latin_font", str | None),
        text_color=r.get("text_color", str),
        title=_element(r, TitleStyle, "title"),
        addressee=_element(r, TextStyle, "addressee"),
        body=_element(r, BodyStyle, "body"),
        lead=_element(r, TextStyle, "lead", size_pt=body_size),
        headings=tuple(_element(r, HeadingStyle, f"headings.{i}", default_size=body_size)
                       for i in range(heading_count)),
        attachments=_element(r, AttachmentsStyle, "attachments"),
        signature=_element(r, SignatureStyle, "signature"),
        note_indent_chars=r.get("elements.note.indent_chars", float),
        distribution=_element(r, DistributionStyle, "distribution"),
        page_number=_element(r, PageNumberStyle, "page_number"),
        year_on_year=_element(r, YearOnYearStyle, "year_on_year", root=""),
        draft=_element(r, DraftStyle, "draft", root=""),
        docx_styles=_element(r, DocxStyleNames, "docx_styles", root=""),
        line_breaking=_element(r, LineBreaking, "line_breaking", root=""),
        heading_numbering=r.get("elements.heading_numbering", str, "restart"),
        emphasis=_element(r, TextStyle, "emphasis", size_pt=body_size),
        briefing=_element(r, BriefingStyle, "briefing", root="") if s.raw("briefing") is not MISSING else None,
        attachment_pages=_element(r, AttachmentPagesStyle, "attachment_pages"),
        letterhead=_element(r, LetterheadStyle, "letterhead", root=""),
        seal=_element(r, SealStyle, "seal"),
        table=_element(r, TableStyle, "table"),
    )


_OPTIONAL = {"bold": False, "enabled": True}


def _element(r: _Reader, cls: type, name: str, default_size: float | None = None, root: str = "elements",
             **given: Any):
    """Read <root>.<name> into the style dataclass `cls`, field by field, typed by its annotations.

    `font` and `*_font` are font roles, `size_pt` comes from `size` and `*_size` are
    sizes (号 or pt); `bold` and `enabled` may be left out.
    """
    path = f"{root}.{name}" if root else name
    types = get_type_hints(cls)
    values = dict(given)
    for field in dataclasses.fields(cls):
        if field.name in values:
            continue
        if field.name == "font" or field.name.endswith("_font"):
            values[field.name] = r.font(f"{path}.{field.name}")
        elif field.name == "size_pt":
            values["size_pt"] = r.size(f"{path}.size", MISSING if default_size is None else default_size)
        elif field.name.endswith("_size"):
            values[field.name] = r.size(f"{path}.{field.name}")
        else:
            values[field.name] = r.get(f"{path}.{field.name}", types[field.name], _OPTIONAL.get(field.name, MISSING))
    return cls(**values)


def _check_consistency(p: Profile, s: Settings) -> None:
    """What no single field shows: the numbers must make a page that can be set."""
    page = p.page
    for across, size, (low, high) in (("wide", page.width_mm, ("left", "right")),
                                      ("high", page.height_mm, ("top", "bottom"))):
        margins = getattr(page, f"margin_{low}_mm") + getattr(page, f"margin_{high}_mm")
        if margins >= size:
            s.problem(f"page.margin_{low}_mm", f"the {low} and {high} margins ({margins:g} mm) leave no text "
                                               f"block on a page {size:g} mm {across}")
    if s.problems:
        return
    if p.line_pitch_pt < p.body.size_pt:
        where = "grid.line_pitch_pt" if p.fixed_line_pitch_pt is not None else "grid.lines_per_page"
        s.problem(where, f"a line pitch of {p.line_pitch_pt:.4g} pt is less than the body text's "
                         f"{p.body.size_pt:g} pt: lines would overlap")
    if p.fixed_line_pitch_pt is not None and p.line_pitch_pt * p.lines_per_page > p.text_height_pt + 1e-6:
        s.problem("grid.line_pitch_pt", f"{p.lines_per_page} lines of {p.line_pitch_pt:g} pt do not fit the text "
                                        f"block, {p.text_height_pt:.1f} pt high")
    if len(p.headings) < MAX_DEPTH:
        s.problem("elements.headings", f"expected {MAX_DEPTH} heading styles (一、 （一） 1. （1）), one for each "
                                       f"level sections may nest, got {len(p.headings)}")
    names = p.docx_styles
    if len(names.headings) != len(p.headings) >= MAX_DEPTH:
        s.problem("docx_styles.headings", f"expected a style name for each of the {len(p.headings)} heading "
                                          f"levels of elements.headings, got {len(names.headings)}")
    named: dict[str, str] = {}
    for field in dataclasses.fields(names):
        value = getattr(names, field.name)
        keys = [f"{field.name}.{i}" for i in range(len(value))] if isinstance(value, tuple) else [field.name]
        for key, name in zip(keys, _as_tuple(value)):
            if name in named:
                s.problem(f"docx_styles.{key}", f"{shown(name)} is already the name of docx_styles.{named[name]}: "
                                                f"each style needs a name of its own")
            named.setdefault(name, key)
    if p.body.first_line_indent_chars >= p.chars_per_line:
        s.problem("elements.body.first_line_indent_chars",
                  f"the indent ({p.body.first_line_indent_chars:g}) fills the line of {p.chars_per_line} characters")
    if p.briefing is not None:
        _check_briefing(p.briefing, p, s)
    _check_letterhead(p.letterhead, p, s)
    _check_seal(p.seal, p, s)
    _check_table(p.table, p, s)


def _as_tuple(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def _check_letterhead(h: LetterheadStyle, p: Profile, s: Settings) -> None:
    """The 版头 (one line of 发文字号) and the title's first line must fit on the first page."""
    height = (mm_to_pt(h.organ_top_mm + h.rule_below_mm) + h.organ_size + h.number_size
              + (h.number_blank_lines + 1 + h.title_blank_lines) * p.line_pitch_pt)
    if height > p.text_height_pt:
        s.problem("letterhead.organ_top_mm", f"the 版头 and the title's first line take {pt_to_mm(height):.0f} mm, "
                                             f"more than the text block's {pt_to_mm(p.text_height_pt):.0f} mm")


def _check_table(t: TableStyle, p: Profile, s: Settings) -> None:
    """A table's text takes one grid line a line, and its narrowest column fits the text block."""
    for key, size in (("size", t.size_pt), ("title_size", t.title_size), ("note_size", t.note_size)):
        if size > p.line_pitch_pt:
            s.problem(f"elements.table.{key}", f"{size:g} pt is more than the line pitch of {p.line_pitch_pt:.4g} pt: "
                                               f"lines would overlap")
    narrowest = (t.min_column_chars + 2 * t.cell_padding_chars) * t.size_pt
    if narrowest > p.text_width_pt:
        s.problem("elements.table.min_column_chars", f"a column of {t.min_column_chars:g} characters and its padding "
                                                     f"({narrowest:.4g} pt) is wider than the text block "
                                                     f"({p.text_width_pt:.4g} pt)")


def _check_briefing(b: BriefingStyle, p: Profile, s: Settings) -> None:
    if len(b.foot_labels) != 3:
        s.problem("briefing.foot_labels", f"expected 3 labels (报：, 送：, 发：), got {len(b.foot_labels)}")
    if b.min_chars > b.max_chars:
        s.problem("briefing.min_chars", f"more than max_chars ({b.min_chars} > {b.max_chars})")
    if b.name_lines > p.lines_per_page:
        s.problem("briefing.name_lines", f"more than the {p.lines_per_page} lines of a page")
    if b.paragraph_lead not in PARAGRAPH_LEADS:
        s.problem("briefing.paragraph_lead", f"expected one of {', '.join(PARAGRAPH_LEADS)}, got {b.paragraph_lead!r}")


def _check_seal(seal: SealStyle, p: Profile, s: Settings) -> None:
    """GB/T 9704 7.3.5.1 with the profile's grid: the seal's top within one line below the text
    above it, the date under the seal (印章下压成文日期), and a row of seals, none touching, within
    the text block's width."""
    pitch_mm = pt_to_mm(p.line_pitch_pt)
    radius = seal.diameter_mm / 2
    top = (seal.blank_lines_before + 0.5) * pitch_mm - seal.centre_above_name_mm - radius
    if not 0 <= top <= pitch_mm:
        s.problem("elements.seal.blank_lines_before",
                  f"the seal's top would be {top:.1f} mm below the text above it; GB/T 9704 7.3.5.1 puts it "
                  f"within one line ({pitch_mm:.1f} mm): change blank_lines_before or centre_above_name_mm")
    if seal.centre_above_name_mm + pitch_mm >= radius:
        s.problem("elements.seal.diameter_mm",
                  f"a seal {seal.diameter_mm:g} mm across does not reach the date's line, "
                  f"{seal.centre_above_name_mm + pitch_mm:.1f} mm below its centre (GB/T 9704 7.3.5.1: the seal "
                  "presses the date)")
    row = seal.seals_per_row * (seal.diameter_mm + seal.min_gap_mm)
    width = pt_to_mm(p.text_width_pt)
    if row > width:
        s.problem("elements.seal.seals_per_row",
                  f"{seal.seals_per_row} seals {seal.diameter_mm:g} mm across, {seal.min_gap_mm:g} mm apart, "
                  f"do not fit the text block ({width:.0f} mm)")
