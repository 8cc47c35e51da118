"""A saved disclosure page (.html, .htm) read into paragraphs: `read_html(path) -> Source`.

A government page holds the report among its site's chrome: a header and navigation, a
breadcrumb, the title, the 信息公开 header (a table or lines), the article, the page's
tools (字体大小, 打印, 分享到) and a footer (版权所有, 网站标识码). Sites differ in every
class name, so the article is found by its text, not by one site's markup: starting at
<body>, step into the child that holds more than half of the page's Chinese characters
(text inside links does not count: menus are links), as long as that child is a
container (it has paragraphs, <br> lines or tables inside); where that stops is the
article. A child named like an article (ARTICLE_HINTS: zoom, TRS_Editor, …) that holds at
least HINT_SHARE of the page's text narrows it further when the text alone cannot.

The title is the element whose text is the <title> without the site's name (无锡市新吴区…
报告 - 无锡市新吴区人民政府), else the first <h1> with Chinese text that is not the site's
name (many sites put their logo in an <h1>), else the <title>'s text itself. The 信息公开 header is looked for
in what stands before the article and at the article's start (metadata.py). Everything
else outside the article is dropped, summarised as a Change; chrome inside the article
(a line of 打印 关闭) is dropped line by line (normalize.py).

In the article, <p>, <div>, headings, list items and the like are paragraphs and <br>
splits one; bold runs come from <strong>, <b> and style font-weight, alignment from
align= and style text-align (inherited, as CSS does); white space collapses as a browser
shows it (CSS Text 3 §4.1: a line break in the source between two Chinese characters
vanishes). A <table> of two or more columns is a table block, its header rows first,
spanned cells as "" cells; one with a single column, a nested table, a paragraph-long cell
or the article inside only lays the page out and is read as paragraphs.

Untrusted input: the file's size, its elements and its text are bounded, nothing is
fetched (no network, no DTD, no entities: libxml2's HTML parser expands none), and libxml2
refuses nesting deeper than 256 (huge_tree off), which is reported, located, rather than
read in part.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.format.cjk import is_cjk_or_full_width
from docgen.importing import normalize
from docgen.importing.metadata import split_header
from docgen.importing.rawtext import decode, read_bounded, refuse, refuse_binary
from docgen.importing.source import Block, Change, Run, Source

MAX_PAGE_BYTES = 8 * 1024 * 1024     # a saved disclosure page is 50 KB – 2 MB
MAX_PAGE_TEXT_CHARS = 500_000        # a report's text is 10 000 – 50 000 characters
MAX_PAGE_ELEMENTS = 50_000           # such a page has a few thousand
MAX_TABLE_CELLS = 100_000            # after spans: colspan=100000 on every cell is a memory bomb
MAX_COLSPAN = 1000                   # HTML's own limit (rowspan is held to the table's rows)
MAX_DATA_CELL_CHARS = 300            # a cell holding more text is a layout table's column
CHARSET_SNIFF_BYTES = 4096           # where a page's <meta charset> stands
ARTICLE_SHARE = 0.5                  # the article's container holds more than this of the page's text
HINT_SHARE = 0.3                     # an element named like an article holding this much is taken
EXCERPT_CHARS = 40                   # how much of dropped page text a Change quotes
WHAT = "web page"

ARTICLE_HINTS = frozenset({"zoom", "content", "article", "trs_editor", "custom_unionstyle", "pages_content", "con",
                           "article-content", "article_content", "main-content", "detail", "xxgk_content"})
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas",
                        "video", "audio", "select", "button", "input", "textarea", "option", "head", "title", "meta",
                        "link", "base", "map"})
_CHROME = frozenset({"nav", "header", "footer", "aside", "form"})
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
                     "dl", "dt", "dd", "blockquote", "center", "pre", "address", "figure", "figcaption", "table",
                     "caption", "tr", "td", "th", "tbody", "thead", "tfoot", "hr", "fieldset", "body", "html",
                     *_CHROME})
_CONTAINERS = frozenset({"div", "section", "article", "main", "td", "th", "table", "tbody", "thead", "tfoot", "tr",
                         "center", "body", "html", "font", "span", "form", "blockquote"})
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_BOLD = re.compile(r"font-weight\s*:\s*(?:(bold|bolder|[6-9]00)|normal|lighter|[1-5]00)", re.IGNORECASE)
_TEXT_ALIGN = re.compile(r"text-align\s*:\s*([a-z]+)", re.IGNORECASE)
_ALIGNS = {"center": "center", "middle": "center", "right": "right", "left": "", "justify": "", "start": ""}
_WHITE = re.compile(r"[ \t\n\r\f]+")
_TITLE_SEPARATORS = re.compile(r"\s+[-_|–—]+\s+|_|｜|\|")


def read_html(path: Path) -> Source:
    """The paragraphs and tables of a saved page's article, its title first, its 信息公开
    header apart, with every change made."""
    data = read_bounded(path, MAX_PAGE_BYTES, WHAT)
    refuse_binary(path, data, WHAT)
    declared = _CHARSET.search(data[:CHARSET_SNIFF_BYTES])
    text, made = decode(path, data, declared.group(1).decode("ascii") if declared else None)
    root = _parse(path, text)
    body = root.find("body")
    page = _Page(root, body if body is not None else root)
    walker = _Walker(page, path)
    walked = walker.blocks()
    shown = sum(len(w.block.text) + sum(len(cell) for row in w.block.rows for cell in row) for w in walked)
    if shown > MAX_PAGE_TEXT_CHARS:
        raise refuse(path, f"the page shows {shown} characters of text; more than {MAX_PAGE_TEXT_CHARS} is no report")
    return page.source(path, walked, made + walker.changes)


def _parse(path: Path, text: str) -> Any:
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True,
                                  huge_tree=False, recover=True, default_doctype=False)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        raise refuse(path, "the page holds no text") from None
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT":      # libxml2's depth or size limit (huge_tree off)
            raise refuse(path, f"the page is nested too deep or too large to read safely: {entry.message.strip()}",
                         entry.line or 1, entry.column or 1)
    count = sum(1 for _ in root.iter())
    if count > MAX_PAGE_ELEMENTS:
        raise refuse(path, f"the page has {count} elements; more than {MAX_PAGE_ELEMENTS} is no disclosure page")
    return root


def _tag(element: Any) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _cjk(text: str | None) -> int:
    return len(_CJK.findall(text)) if text else 0


class _Page:
    """The page's parts: its title element (or <title> text) and its article element."""

    def __init__(self, root: Any, body: Any):
        self.root, self.body = root, body
        self.counts = self._counts()
        self.article = self._article()
        self.title, self.title_text = self._title()

    def _counts(self) -> dict[Any, int]:
        """Each element's Chinese characters, outside links and invisible or chrome elements."""
        counts: dict[Any, int] = {}
        for element in reversed(list(self.body.iter())):      # every element after its descendants
            tag = _tag(element)
            if tag in _INVISIBLE or tag in _CHROME or tag == "a":
                counts[element] = 0
                continue
            counts[element] = _cjk(element.text) + sum(counts.get(c, 0) + _cjk(c.tail) for c in element)
        return counts

    def _article(self) -> Any:
        node = self.body
        total = self.counts[node]
        while True:
            child = max((c for c in node if _tag(c) in _CONTAINERS), key=self.counts.__getitem__, default=None)
            if child is None or self.counts[child] <= ARTICLE_SHARE * total or not _contains_blocks(child):
                break
            node = child
        hinted = [e for e in node.iter() if _hinted(e) and self.counts.get(e, 0) >= HINT_SHARE * total > 0]
        if not hinted:
            return node
        widest = max(hinted, key=self.counts.__getitem__)
        return [e for e in hinted if e is widest or _is_inside(e, widest)][-1]    # the innermost named one in it

    def _title(self) -> tuple[Any, str]:
        """The title's element (None when only <title> has it) and the <title>'s text with the
        site's name cut: of its parts (无锡市新吴区…报告 - 无锡市新吴区人民政府) the most Chinese one."""
        title = self.root.find(".//title")
        words = _WHITE.sub(" ", title.text_content()).strip() if title is not None else ""
        parts = [part.strip() for part in _TITLE_SEPARATORS.split(words) if part.strip()]
        named = max(parts, key=_cjk, default="")
        if named:
            for element in self.body.iter():
                if _tag(element) not in _INVISIBLE and named[:4] in (element.text or "") \
                        and _WHITE.sub("", element.text_content()) == _WHITE.sub("", named):
                    return element, named
        site_names = {_WHITE.sub("", part) for part in parts if part != named}
        for element in self.body.iter("h1"):      # not the site's logo, an <h1> on many sites
            text = _WHITE.sub("", element.text_content())
            if _cjk(text) and text not in site_names:
                return element, named
        return None, named

    def source(self, path: Path, walked: Sequence[_Walked], made: list[Change]) -> Source:
        """The Source: title and article blocks, the header apart, what else the page showed
        summarised as dropped."""
        title = [w.block for w in walked if w.region == "title"]
        cut = _without_chrome([w.block for w in walked if w.region == "article"])
        made.extend(change for _, _, change in cut if change)
        article = split_header([block for _, block, _ in cut if block])
        around = [w for w in walked if w.region not in ("article", "title")]
        cut = _without_chrome([w.block for w in around if w.before_article])
        outside = split_header([block for _, block, _ in cut if block], anywhere=True)
        kept = {id(block) for block in outside.blocks}
        made.extend(change for _, block, change in cut if change and block and id(block) not in kept)
        before = [original for original, block, _ in cut if not block or id(block) in kept]
        after = [w.block for w in around if not w.before_article]
        made.extend(outside.changes + article.changes)
        if not title and self.title_text:
            line = self.root.find(".//title").sourceline or 1
            title = [Block(line, (Run(self.title_text),))]
            made.append(Change(line, "", self.title_text, "title taken from the page's <title>, the site's name cut"))
        body = list(article.blocks)
        if title and body and body[0].text == "".join(b.text for b in title):
            made.append(Change(body[0].where, body[0].text, "", "the title, repeated at the article's start, dropped"))
            body.pop(0)
        made.extend(_dropped(before, "before") + _dropped(after, "after"))
        blocks, cleaned = _cleaned(title + body)
        made.extend(cleaned)
        if not blocks:
            raise refuse(path, "the page shows no text to import (a page drawn by scripts must be saved "
                               "from the browser after it has loaded, or copied as text)")
        return Source(path, "html", tuple(blocks), tuple(sorted(made, key=lambda c: c.where)),
                      outside.pairs + tuple(p for p in article.pairs if p not in outside.pairs))


def _contains_blocks(element: Any) -> bool:
    return any(_tag(child) in _BLOCKS or _tag(child) == "br" for child in element)


def _hinted(element: Any) -> bool:
    names = {element.get("id", "").lower(), *element.get("class", "").lower().split()}
    return not names.isdisjoint(ARTICLE_HINTS)


def _is_inside(element: Any, ancestor: Any) -> bool:
    return any(a is ancestor for a in element.iterancestors())


def _dropped(blocks: Sequence[Block], side: str) -> list[Change]:
    if not blocks:
        return []
    text = " ".join(block.text if not block.is_table else " ".join(" ".join(r) for r in block.rows) for block in blocks)
    excerpt = text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"
    lines = f"{len(blocks)} line{'s' if len(blocks) > 1 else ''}"
    return [Change(blocks[0].where, excerpt, "", f"page text {side} the article dropped ({lines}: "
                                                   "site header, navigation, footer)")]


def _without_chrome(blocks: Sequence[Block]) -> list[tuple[Block, Block | None, Change | None]]:
    """Each block, as it is with the chrome that ends it cut (None: it was only chrome), and
    the Change when some was cut."""
    out: list[tuple[Block, Block | None, Change | None]] = []
    for block in blocks:
        edit = None if block.is_table else normalize.chrome_at_end(block.text)
        if edit is None:
            out.append((block, block, None))
            continue
        runs = tuple(run for run in normalize.apply(block.runs, [edit]) if run.text)
        out.append((block, Block(block.where, runs, align=block.align) if runs else None,
                    Change(block.where, block.text[edit.start:].strip(), "", edit.why)))
    return out


def _cleaned(blocks: Sequence[Block]) -> tuple[list[Block], list[Change]]:
    """The blocks with indents and web artefacts gone, and the changes made."""
    kept, made, indents = [], [], []
    for block in blocks:
        if block.is_table:
            rows = []
            for row in block.rows:
                cells = []
                for cell in row:
                    cell, cell_changes = normalize.mend_text(cell, block.where)
                    cells.append(cell)
                    made.extend(cell_changes)
                rows.append(tuple(cells))
            kept.append(Block(block.where, rows=tuple(rows)))
            continue
        white = normalize.indent(block.text)
        runs = block.runs
        if white:
            indents.append((block.where, white))
            runs = normalize.apply(runs, [normalize.Edit(0, len(white), "", "indent")])
        runs, mended = normalize.mend(runs, block.where)
        made.extend(mended)
        kept.append(Block(block.where, runs, align=block.align))
    return kept, made + normalize.indent_changes(indents)


@dataclass
class _Walked:
    block: Block
    region: str              # "title", "article", "outside" (the page around them), "chrome" (nav, footer…)
    before_article: bool


@dataclass
class _Paragraph:
    pieces: list[tuple[str, bool]] = field(default_factory=list)
    where: int = 0
    align: str = ""
    chrome: bool = False        # inside a nav, header, footer, aside or form


class _Walker:
    """The page's text in document order, as paragraph and table blocks, each with its region."""

    def __init__(self, page: _Page, path: Path):
        self.page, self.path = page, path
        self.walked: list[_Walked] = []
        self.paragraph = _Paragraph()
        self.region = "outside"
        self.before_article = True
        self.changes: list[Change] = []

    def blocks(self) -> list[_Walked]:
        self._walk(self.page.body, False, "", False)
        self._flush()
        return self.walked

    def _walk(self, element: Any, bold: bool, align: str, chrome: bool) -> None:
        tag = _tag(element)
        if not tag or tag in _INVISIBLE:
            return
        if tag == "br":
            self._flush()
            return
        if tag == "img":
            if self.region == "article":
                image = element.get("alt") or element.get("src") or ""
                self.changes.append(Change(element.sourceline or 1, f"[{image}]", "",
                                           "an image in the article is not imported (a chart or scan: add it by hand)"))
            return
        region = self.region
        special = element is self.page.title or element is self.page.article
        if special or tag in _BLOCKS:
            self._flush()
            align = _align(element, align)
        if special:
            self.region = "title" if element is self.page.title else "article"
        chrome = chrome or tag in _CHROME
        if tag == "table" and _is_data_table(element, self.page):
            self._table(element, chrome)
        else:
            bold = _bold(element, bold)
            self._text(element.text, bold, element.sourceline, align, chrome)
            for child in element:
                self._walk(child, bold, align, chrome)
                self._text(child.tail, bold, child.sourceline, align, chrome)
        if special or tag in _BLOCKS:
            self._flush()
        if element is self.page.article:
            self.before_article = False
        self.region = region

    def _text(self, text: str | None, bold: bool, line: int | None, align: str, chrome: bool) -> None:
        if not text:
            return
        paragraph = self.paragraph
        if not any(piece.strip() for piece, _ in paragraph.pieces):
            paragraph.where, paragraph.align, paragraph.chrome = line or 1, align, chrome
        paragraph.pieces.append((text, bold))

    def _flush(self) -> None:
        paragraph, self.paragraph = self.paragraph, _Paragraph()
        runs = _collapsed(tuple(Run(text, bold) for text, bold in paragraph.pieces))
        if runs:
            self._add(Block(paragraph.where, runs, align=paragraph.align), paragraph.chrome)

    def _add(self, block: Block, chrome: bool) -> None:
        region = "chrome" if chrome and self.region != "title" else self.region
        self.walked.append(_Walked(block, region, self.before_article))

    def _table(self, table: Any, chrome: bool) -> None:
        caption = table.find("caption")
        if caption is not None:
            self._walk(caption, False, "center", chrome)
        rows = _grid(self.path, table, self._cell_text)
        if any(any(cell for cell in row) for row in rows):
            self._add(Block(table.sourceline or 1, rows=rows), chrome)

    def _cell_text(self, cell: Any) -> str:
        inner = _Walker(self.page, self.path)
        inner._text(cell.text, False, cell.sourceline, "", False)
        for child in cell:
            inner._walk(child, False, "", False)
            inner._text(child.tail, False, child.sourceline, "", False)
        inner._flush()
        texts = [w.block.text for w in inner.walked]
        out = texts[0] if texts else ""
        for text in texts[1:]:
            out += ("" if is_cjk_or_full_width(out[-1]) or is_cjk_or_full_width(text[0]) else " ") + text
        return out


def _collapsed(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """The runs' white space as a browser shows it: a run of spaces, tabs and line breaks is
    one space, or nothing where a line break stands between two Chinese characters (CSS
    Text 3 §4.1.2); none at either end."""
    text = "".join(run.text for run in runs)
    edits = []
    for match in _WHITE.finditer(text):
        start, end = match.start(), match.end()
        at_edge = start == 0 or end == len(text)
        between_chinese = ("\n" in match.group() or "\r" in match.group()) and not at_edge \
            and is_cjk_or_full_width(text[start - 1]) and is_cjk_or_full_width(text[end])
        replacement = "" if at_edge or between_chinese else " "
        if match.group() != replacement:
            edits.append(normalize.Edit(start, end, replacement, "white space"))
    return tuple(run for run in normalize.apply(runs, edits) if run.text)


def _bold(element: Any, inherited: bool) -> bool:
    if _tag(element) in ("strong", "b"):
        return True
    match = _BOLD.search(element.get("style", ""))
    return bool(match.group(1)) if match else inherited


def _align(element: Any, inherited: str) -> str:
    if _tag(element) == "center":
        return "center"
    match = _TEXT_ALIGN.search(element.get("style", ""))
    value = (match.group(1) if match else element.get("align", "")).lower()
    return _ALIGNS.get(value, inherited)


def _rows(table: Any) -> list[Any]:
    """A table's own rows, its header rows (thead) first and its footer rows (tfoot) last."""
    rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
    group = {"thead": 0, "tfoot": 2}
    return sorted(rows, key=lambda row: group.get(_tag(row.getparent()), 1))


def _cells(row: Any) -> Iterator[Any]:
    return (cell for cell in row if _tag(cell) in ("td", "th"))


def _is_data_table(table: Any, page: _Page) -> bool:
    """A table of data (two columns or more, short cells, no table inside), not a layout grid
    (one that holds the article or the title: old sites lay their pages out in tables)."""
    rows = _rows(table)
    holds_parts = any(part is not None and _is_inside(part, table) for part in (page.article, page.title))
    if not rows or holds_parts or table.find(".//table") is not None:
        return False
    if max(sum(1 for _ in _cells(row)) for row in rows) < 2:
        return False
    return all(_cjk(cell.text_content()) <= MAX_DATA_CELL_CHARS for row in rows for cell in _cells(row))


def _span(value: str | None, limit: int) -> int:
    try:
        return max(1, min(int(value or 1), limit))
    except ValueError:
        return 1


def _grid(path: Path, table: Any, cell_text: Any) -> tuple[tuple[str, ...], ...]:
    """The table's rows of cell texts: a cell spanning columns or rows leaves "" in the
    places it covers; every row as long as the longest."""
    rows = _rows(table)
    covering: dict[int, int] = {}          # column → rows a cell above still covers
    grid: list[list[str]] = []
    cells = 0
    for index, row in enumerate(rows):
        out: list[str] = []
        for cell in _cells(row):
            _fill_covered(out, covering)
            columns = _span(cell.get("colspan"), MAX_COLSPAN)
            down = _span(cell.get("rowspan"), len(rows) - index)
            if down > 1:
                covering.update(dict.fromkeys(range(len(out), len(out) + columns), down - 1))
            out.extend([cell_text(cell)] + [""] * (columns - 1))
        while any(count for column, count in covering.items() if column >= len(out)):
            if not covering.get(len(out)):
                out.append("")
            _fill_covered(out, covering)
        cells += len(out)
        if cells > MAX_TABLE_CELLS:
            raise refuse(path, f"a table of more than {MAX_TABLE_CELLS} cells is no report's table",
                         table.sourceline or 1)
        grid.append(out)
    width = max((len(row) for row in grid), default=0)
    return tuple(tuple(row + [""] * (width - len(row))) for row in grid if any(row))


def _fill_covered(out: list[str], covering: dict[int, int]) -> None:
    """"" for each column at the row's end that a cell above still covers (rowspan)."""
    while covering.get(len(out)):
        covering[len(out)] -= 1
        out.append("")
