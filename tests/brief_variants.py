"""The bundled report changed to stress the 简报 (test helper): a 主要数据 table of 12 rows
with long labels, after a one-sentence opening."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from docgen.paths import BUNDLED_EXAMPLE
from hostile_corpus import with_brief


def long_table_report(folder: Path) -> Path:
    """The bundled report with its first 12 metrics highlighted (and no others), each label
    lengthened, and a one-sentence opening for its 简报."""
    shutil.copytree(BUNDLED_EXAMPLE, folder)
    path = folder / "report.yaml"
    head, rest = path.read_text(encoding="utf-8").split("\nmetrics:\n", 1)
    metrics, tail = re.split(r"\n(?=\S)", rest, maxsplit=1)
    metrics = metrics.replace("    highlight: true\n", "")
    labels = iter(range(12))
    metrics = re.sub(r"    label: (.+)", lambda m: m.group(0) if next(labels, None) is None else
                     f"    label: {m.group(1)}（全区各级行政机关年度合计数）\n    highlight: true", metrics)
    assert metrics.count("highlight: true") == 12
    text = with_brief(f"{head}\nmetrics:\n{metrics}\n{tail}", "summary: 2023年，新吴区法治政府建设取得新成效。")
    path.write_text(text, encoding="utf-8")
    return folder
