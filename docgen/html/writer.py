"""The report as one self-contained HTML page (信息公开): the web metadata, then the blocks
the PDF and DOCX writers draw (document/plan.py), each as the element its role and level
make it. No scripts, no requests: the CSS is inline (style.py), the seal left out (the
stamped PDF is the official copy; a seal image on a public page only helps forgers).

Every text from the content is escaped (html.escape); markup is only ever built here.
Headings: the title is the one h1; a heading block of level L is h(1+n), n counting the
headings above it still open, so that the outline never skips a level. Run-in headings
(a paragraph's first words, GB/T 9704 practice for 3rd/4th level) stay in their
paragraph as a <strong class="run-in"> and are not in the outline; an attachment with a
body is a <section> whose title is an h2 and whose headings go on from there.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from docgen.content.model import Report
from docgen.document.blocks import Block, LetterheadBlock, SpaceBlock, Span, TableBlock, TextBlock, marked_pieces
from docgen.document.plan import planned, report_info
from docgen.format.profile import Profile
from docgen.format.sentences import sentences
from docgen.html.style import stylesheet

SUMMARY_LABEL = "内容概述"      # the 信息公开 field that describes the page
_BLOCK_ROLES = {"title", "attachment-title", "heading"}


def render(report: Report, profile: Profile) -> bytes:
    """The page, UTF-8, the same bytes for the same report."""
    return _Page(report, profile).markup().encode("utf-8")


def description(report: Report) -> str:
    """The meta description: the 内容概述 field, else the preamble's first sentence."""
    summary = report.publication_value(SUMMARY_LABEL)
    if summary:
        return summary
    for item in report.preamble:
        text = getattr(item, "text", None)
        if text is not None:
            found = sentences(str(text))
            if found:
                return found[0].replace("**", "")
    return ""


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _em(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") + "em"


class _Outline:
    """The h-level of each heading: one below the innermost open heading of a lower level."""

    def __init__(self, base: int):
        self.base = base
        self.open: list[tuple[int, int]] = []      # (document level, h level)

    def level(self, document_level: int) -> int:
        while self.open and self.open[-1][0] >= document_level:
            self.open.pop()
        h = min((self.open[-1][1] if self.open else self.base) + 1, 6)
        self.open.append((document_level, h))
        return h


class _Page:
    def __init__(self, report: Report, profile: Profile):
        self.report, self.profile = report, profile
        self.blocks = planned(report, profile)
        self.outline = _Outline(base=1)

    def markup(self) -> str:
        info = report_info(self.report)
        head = (f'<!DOCTYPE html>\n<html lang="{_attr(info.language)}">\n<head>\n<meta charset="utf-8">\n'
                '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f"<title>{escape(info.title)}</title>\n"
                f'<meta name="description" content="{_attr(description(self.report))}">\n'
                f"<style>\n{stylesheet(self.profile)}</style>\n</head>\n<body>\n")
        return head + self.publication() + '<main class="report" id="report">\n' + "".join(self.body()) + \
            "</main>\n</body>\n</html>\n"

    def publication(self) -> str:
        """信息公开: label and value rows in the content's order (left out of print)."""
        rows = self.report.publication
        if not rows:
            return ""
        cells = "".join(f'<tr><th scope="row">{escape(str(r.label))}</th><td>{escape(str(r.value))}</td></tr>\n'
                        for r in rows)
        return (f'<section class="publication" id="publication" aria-label="信息公开">\n'
                f'<div class="table-wrap"><table>\n<tbody>\n{cells}</tbody>\n</table></div>\n</section>\n')

    def body(self) -> Iterator[str]:
        blocks = self.blocks
        in_section = in_foot = False
        i = 0
        while i < len(blocks):
            block = blocks[i]
            if isinstance(block, TextBlock) and block.role == "attachment-label":
                yield from self.close(in_section, in_foot)
                in_section, in_foot = True, False
                self.outline = _Outline(base=1)
                yield '<section class="attachment-page">\n'
            if getattr(block, "at_foot", False) and not in_foot and not isinstance(block, SpaceBlock):
                yield from self.close(in_section, False)       # 版记 ends the whole document
                in_section, in_foot = False, True
                yield '<footer class="distribution">\n'
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if isinstance(block, TextBlock) and block.role == "table-title" and isinstance(following, TableBlock):
                yield self.table(following, block)      # the title is the table's caption
                i += 2
                continue
            yield self.block(block)
            i += 1
        yield from self.close(in_section, in_foot)

    @staticmethod
    def close(in_section: bool, in_foot: bool) -> Iterator[str]:
        if in_foot:
            yield "</footer>\n"
        if in_section:
            yield "</section>\n"

    def block(self, block: Block) -> str:
        if isinstance(block, SpaceBlock):
            return '<div class="blank"></div>\n' if not block.at_foot else ""
        if isinstance(block, TableBlock):
            return self.table(block, None)
        if isinstance(block, LetterheadBlock):
            return self.letterhead(block)
        return self.text(block)

    def text(self, block: TextBlock) -> str:
        tag = "p"
        if block.role == "title":
            tag = "h1"
        elif block.role == "attachment-title":
            tag = f"h{min(self.outline.base + 1, 6)}"
            self.outline = _Outline(base=self.outline.base + 1)
        elif block.role == "heading":
            tag = f"h{self.outline.level(block.level)}"
        classes = [block.role, block.align if block.align != "justify" else "", self._font_class(block.spans)]
        if block.role in _BLOCK_ROLES and not any(span.style.bold for span in block.spans):
            classes.append("normal")
        style = self._indents(block)
        inner = self.spans(block)
        if block.tab_right and "\t" in inner:
            before, after = inner.split("\t", 1)
            inner = f"<span>{before}</span><span>{after}</span>"
        attrs = f' class="{_attr(" ".join(c for c in classes if c))}"' + (f' style="{style}"' if style else "")
        return f"<{tag}{attrs}>{inner}</{tag}>\n"

    @staticmethod
    def _font_class(spans: tuple[Span, ...]) -> str:
        """The block's font: its last span's (a run-in heading's font is its own span's)."""
        return f"f-{spans[-1].style.font}" if spans else ""

    @staticmethod
    def _indents(block: TextBlock) -> str:
        """Indents in 字 as em (one 字 is one em of the body size, format/grid.py)."""
        parts = []
        for name, value in (("text-indent", block.first_line), ("margin-left", block.left),
                            ("margin-right", block.right)):
            if value:
                parts.append(f"{name}:{_em(value)}")
        return ";".join(parts)

    def spans(self, block: TextBlock) -> str:
        base = block.spans[-1].style.font if block.spans else ""
        out = []
        for index, span in enumerate(block.spans):
            run_in = index == 0 and block.level > 0 and block.role == "paragraph"
            text = "".join(f"<mark>{escape(piece)}</mark>" if marked else escape(piece)
                           for piece, marked in marked_pieces(span))
            text = text.replace("\n", "<br>")
            classes = ["run-in"] if run_in else []
            if span.style.font != base:
                classes.append(f"f-{span.style.font}")
            attrs = f' class="{" ".join(classes)}"' if classes else ""
            if span.style.bold or run_in:
                text = f"<strong{attrs}>{text}</strong>" if span.style.bold else f"<span{attrs}>{text}</span>"
            elif attrs:
                text = f"<span{attrs}>{text}</span>"
            out.append(text)
        if block.centres:       # joint issuers side by side: apart on the page, apart here
            return '<span class="gap"> </span>'.join(out)
        return "".join(out)

    def table(self, table: TableBlock, title: TextBlock | None) -> str:
        caption = f"<caption>{self.spans(title)}</caption>\n" if title else ""
        columns = "".join(f'<col style="width:{share * 100:.2f}%">' for share in table.columns)
        header, *rows = table.rows

        def cell(tag: str, r: int, c: int, text: str, scope: str = "") -> str:
            align = table.cell_align(r, c)
            cls = f' class="{align}"' if align != "left" else ""
            return f"<{tag}{scope}{cls}>{escape(text)}</{tag}>"

        head = "".join(cell("th", 0, c, text, ' scope="col"') for c, text in enumerate(header))
        body = "".join("<tr>" + "".join(cell("td", r, c, text) for c, text in enumerate(row)) + "</tr>\n"
                       for r, row in enumerate(rows, start=1))
        return (f'<div class="table-wrap"><table>\n{caption}<colgroup>{columns}</colgroup>\n'
                f"<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n</table></div>\n")

    def letterhead(self, block: LetterheadBlock) -> str:
        """版头: its lines top down, the rule below (the red rule as the header's border)."""
        lines = []
        for placed in sorted(block.placed, key=lambda p: p.top_pt):
            text = placed.text
            cls = "organ" if text.role == "letterhead-organ" else text.role
            align = text.align if text.align != "justify" else "left"
            lines.append(f'<p class="{_attr(cls)} {align}">{self.spans(text)}</p>\n')
        return '<header class="letterhead">\n' + "".join(lines) + "</header>\n"
