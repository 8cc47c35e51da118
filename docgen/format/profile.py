"""Format profiles: templates/<name>/profile.yaml → a typed, checked Profile.

A profile holds every number of an output format (page, grid, fonts, sizes,
indents, page numbers). Writers and checks read it and type none of these
numbers themselves. A profile may `extends:` another and override only what
differs, so a house style repeats none of the standard's numbers.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_type_hints

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from docgen.paths import TEMPLATES_DIR
from docgen.format.units import mm_to_pt, TWIPS_PER_PT

DEFAULT_PROFILE = "gbt9704"


class ProfileError(Exception):
    """A profile file is missing, malformed or incomplete."""


@dataclass(frozen=True)
class FontRole:
    role: str
    name: str
    aliases: tuple[str, ...]
    files: tuple[str, ...] = ()     # usual file names of the official font

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Page:
    width_mm: float
    height_mm: float
    margin_top_mm: float
    margin_bottom_mm: float
    margin_left_mm: float
    margin_right_mm: float


@dataclass(frozen=True)
class TextStyle:
    """Font role, size in pt and weight of one kind of text."""
    font: str
    size_pt: float
    bold: bool = False


@dataclass(frozen=True)
class HeadingStyle(TextStyle):
    numbering: str = ""


@dataclass(frozen=True)
class TitleStyle(TextStyle):
    max_chars_per_line: int = 0
    blank_lines_after: int = 0


@dataclass(frozen=True)
class BodyStyle(TextStyle):
    first_line_indent_chars: float = 0


@dataclass(frozen=True)
class SignatureStyle:
    blank_lines_before: int
    right_indent_chars: float
    date_offset_chars: float


@dataclass(frozen=True)
class AttachmentsStyle:
    label: str
    blank_lines_before: int


@dataclass(frozen=True)
class DistributionStyle(TextStyle):
    side_indent_chars: float = 0
    outer_rule_mm: float = 0
    inner_rule_mm: float = 0
    cc_label: str = ""
    printed_suffix: str = ""
    blank_lines_before: int = 0     # between the text and the 版记


@dataclass(frozen=True)
class PageNumberStyle(TextStyle):
    format: str = ""
    below_text_block_mm: float = 0
    outer_indent_chars: float = 0
    enabled: bool = True


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class DraftStyle(TextStyle):
    label: str = ""
    color: str = ""
    mark: str = ""
    above_text_block_mm: float = 0  # the label's middle above the text block


@dataclass(frozen=True)
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
    table_title: str
    table_header: list
    table_columns: list
    table_font: str
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


@dataclass(frozen=True)
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
    briefing: BriefingStyle | None = None

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


def load_profile(name: str = DEFAULT_PROFILE, templates_dir: Path = TEMPLATES_DIR) -> Profile:
    """Load a profile by name, following `extends:` chains."""
    data, path = _load_merged(name, templates_dir, seen=())
    return _build(data, path)


def _read_yaml(path: Path) -> dict:
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except YAMLError as exc:
        raise ProfileError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: expected a mapping at the top level")
    return data


def _load_merged(name: str, templates_dir: Path, seen: tuple[str, ...]) -> tuple[dict, Path]:
    path = templates_dir / name / "profile.yaml"
    if not path.is_file():
        known = ", ".join(available_profiles(templates_dir)) or "none"
        raise ProfileError(f"unknown profile '{name}' (no {path}); available: {known}")
    if name in seen:
        raise ProfileError(f"{path}: extends itself through {' → '.join(seen + (name,))}")
    data = _read_yaml(path)
    parent = data.pop("extends", None)
    if parent is None:
        return data, path
    base, _ = _load_merged(str(parent), templates_dir, seen + (name,))
    return _deep_merge(base, data), path


def _deep_merge(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


class _Reader:
    """Typed access into the profile mapping with messages naming the key path."""

    def __init__(self, data: dict, path: Path):
        self.data = data
        self.path = path

    def get(self, dotted: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            if isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
                continue
            if not isinstance(node, dict) or part not in node:
                if default is not ...:
                    return default
                raise ProfileError(f"{self.path}: {dotted}: missing")
            node = node[part]
        if kind is float and isinstance(node, int) and not isinstance(node, bool):
            node = float(node)
        if node is None and default is None:
            return None
        if not isinstance(node, kind) or (kind is not bool and isinstance(node, bool)):
            raise ProfileError(f"{self.path}: {dotted}: expected {_kind_name(kind)}, got {node!r}")
        return node

    def size(self, dotted: str, default: Any = ...) -> float:
        """A font size given as 号 (三号) or in pt."""
        value = self.get(dotted, (str, int, float), default)
        if isinstance(value, str):
            sizes = self.get("sizes", dict)
            if value not in sizes:
                raise ProfileError(f"{self.path}: {dotted}: unknown size '{value}' (sizes: {', '.join(sizes)})")
            return float(sizes[value])
        return float(value)

    def font(self, dotted: str, default: Any = ...) -> str:
        role = self.get(dotted, str, default)
        if role not in self.get("fonts", dict):
            raise ProfileError(f"{self.path}: {dotted}: unknown font role '{role}'")
        return role


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
             dict: "a mapping", list: "a list"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _build(data: dict, path: Path) -> Profile:
    r = _Reader(data, path)
    fonts = {
        role: FontRole(role, r.get(f"fonts.{role}.name", str),
                       tuple(r.get(f"fonts.{role}.aliases", list, [])),
                       tuple(r.get(f"fonts.{role}.files", list, [])))
        for role in r.get("fonts", dict)
    }
    body_size = r.size("elements.body.size")
    heading_count = len(r.get("elements.headings", list))
    return Profile(
        name=r.get("name", str),
        description=r.get("description", str, ""),
        source=path,
        page=Page(**{k: r.get(f"page.{k}", float) for k in Page.__dataclass_fields__}),
        lines_per_page=r.get("grid.lines_per_page", int),
        chars_per_line=r.get("grid.chars_per_line", int),
        fixed_line_pitch_pt=r.get("grid.line_pitch_pt", float, None),
        sizes={k: float(v) for k, v in r.get("sizes", dict).items()},
        fonts=fonts,
        strict_fonts=r.get("strict_fonts", bool, False),
        latin_font=r.get("latin_font", str, None),
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
        briefing=_element(r, BriefingStyle, "briefing", root="") if "briefing" in data else None,
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
            values["size_pt"] = r.size(f"{path}.size", ... if default_size is None else default_size)
        elif field.name.endswith("_size"):
            values[field.name] = r.size(f"{path}.{field.name}")
        else:
            values[field.name] = r.get(f"{path}.{field.name}", types[field.name], _OPTIONAL.get(field.name, ...))
    return cls(**values)
