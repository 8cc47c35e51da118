"""A body's paragraphs → its sections, nested by the kind of their numbers.

Levels nest by marker kind (GB/T 9704 7.3.3: 一、 over （一） over 1. over （1）), not by
the order in which kinds first appear. Where a document skips a level (一、 straight to
1.), the heading takes the next level down, the one its place gives it: docgen numbers
levels by depth, so it prints as （一）, as GB/T 9704 asks of a second level — an
unnumbered level in between would need a title the source does not have. Paragraphs
before a section's first subsection stay its own paragraphs; paragraphs before the first
heading are the preamble. Numbers as typed are checked, not trusted: a repeated or
skipped ordinal keeps its heading (docgen renumbers) and is reported, and numbering that
runs on across parents (1. 2. under （一）, 3. 4. under （二）) becomes `numbering:
continue` on the grandparent.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from docgen.content.model import MAX_DEPTH
from docgen.format.cjk import MAX_HEADING_NUMBER
from docgen.importing.headings import KINDS, Heading, NotHeading, heading_of
from docgen.importing.paragraphs import Para


@dataclass
class Node:
    """A section being built: its heading, its paragraphs (and tables), its subsections, and
    what the recogniser decided about it, as (field under the section, message)."""
    heading: Heading
    depth: int
    above: str                          # the number of the heading it stands under ("the report" at the top)
    items: list[Para] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    numbering: str | None = None        # "continue" when the level two below counts on across children

    @property
    def numbered(self) -> bool:
        return self.heading.kind is not None


@dataclass
class Outline:
    """A body: the paragraphs before its first heading, its top-level sections, and the
    paragraphs it kept as they were because it could not tell what they are."""
    lead_items: list[Para] = field(default_factory=list)
    sections: list[Node] = field(default_factory=list)
    kept: dict[int, str] = field(default_factory=dict)      # id(Para) → why (unplaced)
    notes: dict[int, str] = field(default_factory=dict)     # id(Para) → a judgement on a paragraph kept as written


def outline(paras: list[Para]) -> Outline:
    """Nest the headings among `paras` and check their numbers."""
    result = Outline()
    stack: list[Node] = []
    for para in paras:
        found = heading_of(para, MAX_DEPTH)
        if isinstance(found, NotHeading):
            (result.kept if found.unplaced else result.notes)[id(para)] = found.why
        if isinstance(found, Heading):
            while stack and stack[-1].heading.level >= found.level:
                stack.pop()
            siblings = stack[-1].children if stack else result.sections
            if len(siblings) >= MAX_HEADING_NUMBER:
                result.kept[id(para)] = (f"a heading past the {MAX_HEADING_NUMBER}th side by side (docgen numbers "
                                           f"up to {MAX_HEADING_NUMBER}): kept as a paragraph with its number")
            else:
                above = stack[-1].heading.marker or stack[-1].heading.title if stack else "the report"
                node = Node(found, len(stack) + 1, above)
                if found.rest is not None:
                    node.items.append(found.rest)
                siblings.append(node)
                stack.append(node)
                continue
        (stack[-1].items if stack else result.lead_items).append(para)
    for node in result.sections:
        _settle(node)
        _mark_continued(node)
    _check_ordinals(result.sections, 1)
    _check_lists(result.sections, False)
    return result


def _settle(node: Node) -> None:
    """A heading sentence alone that has paragraphs or subsections after all stands on its own line:
    run in, it would take the next paragraph into its own. Then each heading's level is noted."""
    heading = node.heading
    if heading.run_in and heading.rest is None and (node.items or node.children):
        node.heading = heading = dataclasses.replace(heading, run_in=False)
    node.notes.insert(0, ("title", _level_note(heading, node.depth, node.above)))
    for child in node.children:
        _settle(child)


def _level_note(heading: Heading, depth: int, above: str) -> str:
    shape = ("a heading" if not heading.run_in else
             "a run-in heading (its sentence and text share the paragraph)" if heading.rest is not None else
             "a run-in heading alone (a sentence ending in 。 with no text after it, not a heading style)")
    if heading.kind is None:
        said = f"{shape} by its outline level {heading.level} ({heading.para.block.style or 'a heading style'}), " \
               "unnumbered in the source: number: false"
    else:
        typed = "Word's numbering label" if heading.para.block.numbering else "typed number"
        said = f"{shape}, {typed} {heading.marker}: level {heading.level}"
    if depth == heading.level:      # else shallower: the levels between are missing above it
        return said
    return (f"{said}, but directly under {above}: placed at level {depth}, numbered like "
            f"{KINDS[depth - 1].shown(1)} (GB/T 9704 7.3.3 numbers levels 一、（一）1.（1） by depth)")


def _mark_continued(node: Node) -> None:
    """`numbering: continue` when each child's subsections go on counting from where the
    previous child's stopped (1. 2. under （一）, 3. 4. under （二）)."""
    groups = [[c.heading.ordinal for c in child.children if c.heading.ordinal is not None]
              for child in node.children]
    groups = [group for group in groups if group]
    if len(groups) >= 2 and all(later[0] == earlier[-1] + 1 for earlier, later in zip(groups, groups[1:])):
        node.numbering = "continue"
        markers = [child.children[0].heading.marker for child in node.children if child.children]
        node.notes.append(("numbering", f"numbering continued across the subsections ({' … '.join(markers)} "
                                        "start where the previous ones stopped): numbering: continue"))
    for child in node.children:
        _mark_continued(child)


def _check_lists(nodes: list[Node], continued: bool) -> None:
    """Check the subsections of each of `nodes` (siblings); continued: their parent counts the
    level below them on across them."""
    count = 1
    for node in nodes:
        count = _check_ordinals(node.children, count if continued else 1)
        _check_lists(node.children, node.numbering == "continue")


def _check_ordinals(sections: list[Node], start: int) -> int:
    """Compare each numbered heading's typed ordinal with the number docgen will give it;
    return the count after the last (for a level that counts on across parents)."""
    expected = start
    previous: Node | None = None
    for node in sections:
        heading = node.heading
        if heading.kind is None:
            continue
        if heading.ordinal != expected:
            after = f"follows {previous.heading.marker}" if previous else "opens this level"
            node.notes.append(("title", f"{heading.marker} {after}: kept, numbered {heading.kind.shown(expected)} "
                                        "in the output (docgen numbers headings in order)"))
        expected += 1
        previous = node
    return expected
