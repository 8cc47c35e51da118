"""Bold spans written in the text as **…**: markers out, spans remembered.

A clerk marks emphasis the way e-mail and most editors do
(`一是**强化组织领导**……；二是**狠抓制度落实**……`). Once a text is rendered the
markers are taken out and the spans kept on the Text (`Text.emphasis`), with
the metric positions (`Text.uses`) moved to match, so that everything after
resolve — the writers, the 简报's sentence picking, the checks — reads plain
text and never a `**`.
"""

from __future__ import annotations

import re

from docgen.content.model import MetricUse, Text

MARKER = "**"
# Template code, where ** is Jinja's power operator ({{ 2**3 }}), not a marker.
TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


class EmphasisProblem(ValueError):
    """The markers do not pair up (a sentence for the clerk)."""


def without_markers(text: Text) -> Text:
    """The text without its ** markers, with the spans they enclosed as text.emphasis."""
    if MARKER not in text:
        return text
    pieces = str(text).split(MARKER)
    if len(pieces) % 2 == 0:
        raise EmphasisProblem("a ** that opens bold text has no ** closing it (write **bold words**)")
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    # Where each character of the marked text lands in the plain one.
    shift: list[int] = []
    position = 0
    for i, piece in enumerate(pieces):
        if i % 2 and not piece:
            raise EmphasisProblem("an empty ** ** pair: put the bold words between the markers")
        if i % 2:
            spans.append((position, position + len(piece)))
        plain.append(piece)
        shift += [position + k for k in range(len(piece))]
        position += len(piece)
        if i < len(pieces) - 1:
            shift += [position] * len(MARKER)
    shift.append(position)
    uses = tuple(MetricUse(use.metric, shift[use.start], shift[use.end]) for use in text.uses)
    return Text("".join(plain), text.where, text.field, uses, tuple(spans))


def emphasis_pieces(text: str) -> list[tuple[str, bool]]:
    """The text in pieces, each with whether it is emphasised (Text.emphasis; none for a plain str)."""
    spans = getattr(text, "emphasis", ())
    pieces, position = [], 0
    for start, end in spans:
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text) or not pieces:
        pieces.append((text[position:], False))
    return pieces


def markers_removed(written: str) -> str:
    """A text as written (its templates not rendered) without its ** markers, for a plain copy
    of it (the checklist `new-year` writes); ** inside template code stays."""
    pieces, position = [], 0
    for code in TEMPLATE_CODE.finditer(written):
        pieces += [written[position:code.start()].replace(MARKER, ""), code.group()]
        position = code.end()
    return "".join(pieces) + written[position:].replace(MARKER, "")
