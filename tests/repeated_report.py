"""The bundled report made longer by repeating its own sections (test and benchmark helper).

Each section's subsections are repeated `copies` times and the four top-level sections
`groups` times, so that every heading number stays within 九十九 and the text stays the
bundled report's own.
"""

from __future__ import annotations

import copy
from pathlib import Path

from ruamel.yaml import YAML

from docgen.paths import BUNDLED_EXAMPLE

SIZES = {50: (5, 1), 200: (7, 3), 400: (7, 6)}      # pages at least → (groups, copies)


def repeated_report(folder: Path, groups: int, copies: int) -> Path:
    """A content folder holding the bundled report with its sections repeated."""
    yaml = YAML()
    data = yaml.load((BUNDLED_EXAMPLE / "report.yaml").read_text(encoding="utf-8"))
    sections = []
    for _ in range(groups):
        for section in data["sections"]:
            section = copy.deepcopy(section)
            if "sections" in section:
                section["sections"] = [copy.deepcopy(sub) for _ in range(copies) for sub in section["sections"]]
            sections.append(section)
    data["sections"] = sections
    folder.mkdir(parents=True)
    with open(folder / "report.yaml", "w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return folder
