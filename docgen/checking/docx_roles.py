"""What each paragraph of a .docx is (title, body, heading 1–4, 版记) and the properties Word
gives it: line spacing, indents, alignment, and each run's fonts, size and weight.

The file may come from anywhere (docgen, Word, WPS), so a paragraph's role is inferred the way a
reader sees it: docgen's style names (profile docx_styles) or Word's built-in ones (Title,
标题 1/Heading 1 …, or an outline level), else position (the title is the first centred
paragraph larger than the body, before any body text), else the marker its text starts with
(一、 （一） 1. （1）, GB/T 9704 §7.3.3). A body paragraph that starts with a marker and goes on
after the heading's sentence is a run-in heading: its first sentence is the heading's.

Properties are resolved as Word resolves them (ECMA-376 Part 1, 17.7.2), attribute by
attribute: the paragraph's or run's own, its character style's chain, its paragraph style's
chain, the document defaults (importing/docx_styles.Formatting finds the chains). A font slot
may name a theme font (w:eastAsiaTheme …, 17.3.2.26), which overrides the slot's name at
the same level and is looked up in the theme (a:majorFont / a:minorFont).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from docgen.format.profile import Profile
from docgen.importing.docx_package import LayoutParts
from docgen.importing.docx_styles import Formatting, w
from docgen.record import record

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
# The four font slots of w:rFonts; Chinese text is set in the eastAsia slot (w:hint aside).
EAST_ASIA, ASCII = "eastAsia", "ascii"
# Heading markers at the start of a paragraph's text, by level (GB/T 9704 §7.3.3).
_ZH = "一二三四五六七八九十"
MARKERS = (
    re.compile(f"[{_ZH}]+、"),
    re.compile(f"（[{_ZH}]+）"),
    re.compile(r"[0-9]+[.．](?![0-9])"),
    re.compile(r"（[0-9]+）"),
)
_SENTENCE_END = re.compile("[。！？]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z0-9]")
_WORD_TITLE_STYLES = ("title", "标题")
_CENTRED = ("center",)


@record
class Font:
    """What one font slot of a run resolves to."""
    name: str                       # "" when no level names it
    theme: str = ""                 # the theme font it comes from (minorEastAsia …), if any


@record
class RunView:
    text: str
    east_asia: Font
    ascii: Font
    size_pt: float | None
    bold: bool

    @property
    def has_han(self) -> bool:
        return bool(_HAN.search(self.text))

    @property
    def has_latin(self) -> bool:
        return bool(_LATIN.search(self.text))


@dataclass
class ParagraphView:
    number: int                     # 1-based, in body order (the paragraphs of tables included)
    element: etree._Element
    text: str
    style: str                      # the paragraph style's name
    align: str                      # "", "center", "right"
    level: int | None               # outline level (stated or of a built-in heading style)
    in_data_table: bool             # a cell of a table of more than one column
    runs: list[RunView]
    role: str = ""                  # "title", "body", "heading 1" … "distribution", "" (unchecked)
    heading_chars: int = 0          # a run-in heading: the heading's characters at the start


class Resolver:
    """Resolves paragraph and run properties of one document (its styles and theme)."""

    def __init__(self, parts: LayoutParts):
        self.formatting = Formatting(parts.styles)
        self.theme = _theme_fonts(parts.theme)

    def paragraph_holders(self, paragraph: etree._Element) -> list[etree._Element]:
        """The w:pPr that apply to a paragraph, nearest first."""
        ppr = paragraph.find(w("pPr"))
        style_id = self.formatting.paragraph_style(ppr)
        holders = [ppr] + [s.find(w("pPr")) for s in self.formatting.chain(style_id)]
        return [h for h in (*holders, self.formatting.default_ppr) if h is not None]

    def paragraph_attribute(self, paragraph: etree._Element, tag: str, attribute: str) -> str | None:
        """An attribute of a paragraph property (w:spacing/@w:line …), from the nearest level that sets it."""
        for holder in self.paragraph_holders(paragraph):
            node = holder.find(w(tag))
            if node is not None and node.get(w(attribute)) is not None:
                return node.get(w(attribute))
        return None

    def run_holders(self, run: etree._Element, paragraph: etree._Element) -> list[etree._Element]:
        """The w:rPr that apply to a run, nearest first."""
        rpr = run.find(w("rPr"))
        node = None if rpr is None else rpr.find(w("rStyle"))
        char_style = node.get(w("val"), "") if node is not None else self.formatting.default.get("character", "")
        para_style = self.formatting.paragraph_style(paragraph.find(w("pPr")))
        holders = [rpr] + [s.find(w("rPr")) for s in self.formatting.chain(char_style)]
        holders += [s.find(w("rPr")) for s in self.formatting.chain(para_style)]
        return [h for h in (*holders, self.formatting.default_rpr) if h is not None]

    def font(self, holders: list[etree._Element], slot: str) -> Font:
        """The slot's font: the nearest level naming it or its theme font (the theme wins at one level)."""
        for holder in holders:
            fonts = holder.find(w("rFonts"))
            if fonts is None:
                continue
            theme = fonts.get(w(f"{slot}Theme"))
            if theme:
                return Font(self.theme.get(theme, ""), theme)
            if fonts.get(w(slot)):
                return Font(fonts.get(w(slot), ""))
        return Font("")

    def run(self, run: etree._Element, paragraph: etree._Element, text: str) -> RunView:
        holders = self.run_holders(run, paragraph)
        style = self.formatting.run(run.find(w("rPr")), self.formatting.paragraph_style(paragraph.find(w("pPr"))))
        return RunView(text, self.font(holders, EAST_ASIA), self.font(holders, ASCII), style.size_pt, style.bold)


def _theme_fonts(theme: etree._Element | None) -> dict[str, str]:
    """Theme font references (w:*Theme values) → the typeface the theme gives (Chinese: the
    a:ea typeface, else the script "Hans" one, as Word does for zh-CN text)."""
    names: dict[str, str] = {}
    if theme is None:
        return names
    for kind in ("major", "minor"):
        scheme = theme.find(f".//{{{A_NS}}}{kind}Font")
        if scheme is None:
            continue

        def typeface(tag: str, scheme: etree._Element = scheme) -> str:
            node = scheme.find(f"{{{A_NS}}}{tag}")
            return "" if node is None else node.get("typeface", "")
        hans = next((font.get("typeface", "") for font in scheme.iterfind(f"{{{A_NS}}}font")
                     if font.get("script") == "Hans"), "")
        names[f"{kind}EastAsia"] = typeface("ea") or hans
        names[f"{kind}HAnsi"] = names[f"{kind}Ascii"] = typeface("latin")
        names[f"{kind}Bidi"] = typeface("cs")
    return names


def paragraphs(parts: LayoutParts, resolver: Resolver, profile: Profile) -> list[ParagraphView]:
    """Every paragraph of the body in order (text boxes aside), with its role assigned."""
    body = parts.document.find(w("body"))
    views: list[ParagraphView] = []
    if body is None:
        return views
    for element in body.iter(w("p")):
        if any(a.tag == w("txbxContent") for a in element.iterancestors()):
            continue
        views.append(_view(len(views) + 1, element, resolver))
    _assign_roles(views, profile)
    return views


def _view(number: int, element: etree._Element, resolver: Resolver) -> ParagraphView:
    runs = []
    for run in element.iter(w("r")):
        if any(a.tag == w("txbxContent") for a in run.iterancestors()):
            continue
        text = "".join("\t" if node.tag == w("tab") else (node.text or "")
                       for node in run if node.tag in (w("t"), w("tab")))
        if text:
            runs.append(resolver.run(run, element, text))
    fmt = resolver.formatting.paragraph(element.find(w("pPr")))
    table = next((a for a in element.iterancestors() if a.tag == w("tbl")), None)
    columns = 0 if table is None else len(table.findall(f"{w('tblGrid')}/{w('gridCol')}"))
    return ParagraphView(number, element, "".join(r.text for r in runs), fmt.style, fmt.align, fmt.level,
                         columns > 1, runs)


def _assign_roles(views: list[ParagraphView], profile: Profile) -> None:
    names = profile.docx_styles
    by_style = {names.title: "title", names.body: "body", names.addressee: "body"}
    by_style.update({name: f"heading {i + 1}" for i, name in enumerate(names.headings)})
    docgen_styles = {value for value in vars(names).values() if isinstance(value, str)}
    body_seen = False
    cc, printed = profile.distribution.cc_label, profile.distribution.printed_suffix
    for view in views:
        text = view.text.strip(" \u3000\t")
        if not text or view.in_data_table:
            continue
        if text.startswith(cc) or (text.endswith(printed) and "年" in text):
            view.role = "distribution"
        elif view.style in by_style:
            view.role = by_style[view.style]
        elif view.style in docgen_styles:
            continue                # docgen's signature, date, 版头, table, 简报 parts: not checked here
        elif view.style.strip().lower() in _WORD_TITLE_STYLES or (not body_seen and _looks_like_title(view, profile)):
            view.role = "title"
        elif view.level is not None and view.level <= len(profile.headings):
            view.role = f"heading {view.level}"
        elif view.align in ("center", "right"):
            continue                # a signature, a date, a centred caption
        else:
            view.role = "body"
        if view.role == "body":
            _run_in_heading(view, text)
        body_seen = body_seen or view.role.startswith(("body", "heading"))


def _looks_like_title(view: ParagraphView, profile: Profile) -> bool:
    """Centred and larger than the body, not the red 发文机关标志."""
    sizes = [r.size_pt for r in view.runs if r.size_pt is not None]
    organ_red = profile.letterhead.organ_color.upper()
    red = any(run.get(w("val"), "").upper() == organ_red for run in view.element.iter(w("color")))
    return view.align in _CENTRED and bool(sizes) and max(sizes) > profile.body.size_pt and not red


def _run_in_heading(view: ParagraphView, text: str) -> None:
    """A body paragraph starting with a marker: a heading of its own, or run in (its first sentence)."""
    for level, marker in enumerate(MARKERS, start=1):
        if marker.match(text):
            end = _SENTENCE_END.search(text)
            if end is None or end.end() == len(text):
                view.role = f"heading {level}"
            else:
                view.role = f"body+heading {level}"
                view.heading_chars = len(view.text) - len(view.text.lstrip(" \u3000\t")) + end.end()
            return


def role_runs(view: ParagraphView) -> list[tuple[str, RunView]]:
    """(role, run) for each run of the paragraph: a run-in heading's first runs are the heading's."""
    if not view.role.startswith("body+"):
        return [(view.role, run) for run in view.runs]
    heading = view.role.split("+", 1)[1]
    out, offset = [], 0
    for run in view.runs:
        out.append((heading if offset < view.heading_chars else "body", run))
        offset += len(run.text)
    return out


def paragraph_role(view: ParagraphView) -> str:
    """The role whose paragraph properties (line spacing) the paragraph has."""
    return "body" if view.role.startswith("body") else view.role

