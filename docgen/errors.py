"""Content errors that speak the clerk's language: file:line:column: field: what is wrong."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Location


@dataclass(frozen=True)
class ContentError:
    where: Location
    field: str          # e.g. sections[0].paragraphs[3].lead; "" for the file as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.field}: {self.message}" if self.field else f"{self.where}: {self.message}"


class ContentErrors(Exception):
    """One or more problems in a report's content; nothing may be written."""

    def __init__(self, errors: list[ContentError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors
