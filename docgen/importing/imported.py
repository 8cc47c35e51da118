"""What the recogniser hands on: the content it made of a source, and why.

`content` is the report in the shape of report.yaml (plain dicts, lists and str, keys
in the order a clerk reads them: see README "Every field"), ready for the YAML writer
(yaml_out.py) and for the loader. Each judgement call (this line is the title, this
bold phrase is a lead, this section's role is measures because its title says 举措) is a
Decision that names the source line and the field it made, so the writer can put it
as a comment beside that field and the import report can list it.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any

from docgen.importing.source import Change
from docgen.record import record


@record
class Decision:
    where: int          # the source's line (or DOCX paragraph), 1-based
    field: str          # the content field it made, as docgen names fields: sections[0].sections[1].title
    message: str        # in the clerk's words: "a level-2 heading (（一）)", "role measures: the title says 举措"


@record
class Imported:
    content: dict[str, Any]
    decisions: tuple[Decision, ...] = ()
    unplaced: tuple[Decision, ...] = ()     # kept as plain paragraphs where the recogniser could not tell
    changes: tuple[Change, ...] = field(default=())
    lines: dict[str, int] = field(default_factory=dict)    # field → its source line, for each
                                                            # paragraph, section and table made
