"""The DOCX's named styles: one for each kind of block, so that Word users restyle by style.

Each kind of paragraph (TextBlock.role: title, body, heading of each level,
signature, 版记, the 简报's blocks, table text, blank lines, page number …) gets
a paragraph style named in the profile (docx_styles), holding the whole format
of the first paragraph of that kind: fonts in all four slots, size, the
narrowing, colour, exact line height, indents in both forms, keepNext, the
outline level of a heading. Every paragraph names its style and writes only
where it differs from it (a signature's computed indent, a row's line height);
every run writes only where it differs from its paragraph's style (a run-in
heading's font, a draft's highlight). The bold lead phrase and the **…** words are
character styles.
"""

from __future__ import annotations

import dataclasses

from lxml import etree

from docgen.docx import oxml as ox
from docgen.format.profile import DocxStyleNames
from docgen.record import record


@record
class Style:
    style_id: str
    paragraph: ox.ParagraphFormat
    run: ox.RunFormat


def _style_id(key: str) -> str:
    """An ASCII id of a style key (brief_name → DocgenBriefName); Word shows the name."""
    return "Docgen" + "".join(part.capitalize() for part in key.split("_"))


class StyleSheet:
    """The styles a document uses, each defined by its first use, in the order of first use."""

    BODY = "body"

    def __init__(self, names: DocxStyleNames):
        self.names = names
        self._styles: dict[str, Style] = {}
        # Character styles by key (lead, emphasis): (its format, the paragraph style's run it differs from).
        self._characters: dict[str, tuple[ox.RunFormat, ox.RunFormat]] = {}

    def name(self, key: str) -> str:
        """heading1 … the heading levels' names, others by their field in docx_styles."""
        if key.startswith("heading"):
            return self.names.headings[int(key.removeprefix("heading")) - 1]
        return getattr(self.names, key)

    def use(self, key: str, fmt: ox.ParagraphFormat, run: ox.RunFormat) -> Style:
        """The style of `key`; the first use defines it with this paragraph's and run's formats."""
        if key not in self._styles:
            self._styles[key] = Style(_style_id(key), fmt, run)
        return self._styles[key]

    def paragraph(self, style: Style, fmt: ox.ParagraphFormat, runs: list[etree._Element]) -> etree._Element:
        return ox.paragraph(ox.paragraph_overrides(style.style_id, fmt, style.paragraph), runs)

    def run_properties(self, style: Style, fmt: ox.RunFormat,
                       character: tuple[str, ox.RunFormat] | None = None) -> etree._Element | None:
        """A run's own properties in a paragraph of `style`; a run given a character style
        (its key in docx_styles and its format: the lead phrase, the **…** words) takes that
        style, defined by its first use as what differs from that paragraph's style."""
        if character is None or character[1] == style.run:
            return ox.run_overrides(fmt, style.run)
        key, character_fmt = character
        defined, base = self._characters.setdefault(key, (character_fmt, style.run))
        differing = {f.name: getattr(defined, f.name) for f in dataclasses.fields(defined)
                     if getattr(defined, f.name) != getattr(base, f.name)}
        return ox.run_overrides(fmt, dataclasses.replace(style.run, **differing), _style_id(key))

    def elements(self) -> list[etree._Element]:
        """The w:style elements; headings and the title are followed by body text."""
        body = self._styles.get(self.BODY)
        out = []
        for key, style in self._styles.items():
            follows = body.style_id if body is not None and (key == "title" or key.startswith("heading")) else None
            out.append(ox.style("paragraph", style.style_id, self.name(key), ox.paragraph_properties(style.paragraph),
                                ox.run_properties(style.run), follows))
        for key, (character_fmt, base) in self._characters.items():
            out.append(ox.style("character", _style_id(key), self.name(key), None,
                                ox.run_overrides(character_fmt, base)))
        return out
