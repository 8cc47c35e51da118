"""Sentences of Chinese prose: the unit the 简报 copies from the report, whole."""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^。！？]*[。！？]")


def sentences(text: str) -> list[str]:
    """The text's sentences, each with its closing 。！？; a trailing rest without one counts too."""
    found = _SENTENCE.findall(text)
    rest = text[sum(len(s) for s in found):]
    return found + ([rest] if rest.strip() else [])
