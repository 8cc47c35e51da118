"""Content errors that speak the clerk's language: file:line:column: field: what is wrong."""

from __future__ import annotations

from docgen.content.model import Location
from docgen.record import record


@record
class ContentError:
    where: Location
    field: str          # e.g. sections[0].paragraphs[3].lead; "" for the file as a whole
    message: str

    def __str__(self) -> str:
        text = f"{self.where}: {self.field}: {self.message}" if self.field else f"{self.where}: {self.message}"
        # One error, one line, whatever a quoted key or value holds.
        return text.replace("\r", "\\r").replace("\n", "\\n")


class ContentErrors(Exception):
    """One or more problems in a report's content; nothing may be written."""

    def __init__(self, errors: list[ContentError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@record
class MissingGlyph:
    char: str
    role: str
    where: Location | None

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where else ""
        return f"{place}'{self.char}' (U+{ord(self.char):04X}) has no glyph in the {self.role} font"


class MissingGlyphs(Exception):
    """Characters no font of their role can draw: the build stops (no tofu, ever)."""

    def __init__(self, missing: list[MissingGlyph], families: dict[str, str]):
        self.missing = missing
        lines = [f"{m} ({families[m.role]})" for m in missing]
        lines.append("name a fallback font file in the configuration (fallback: /path/to/font.ttf), "
                     "or a font for the role that has these characters")
        super().__init__("\n".join(lines))
