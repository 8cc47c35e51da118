"""Write a .docx from WordprocessingML fragments, as Word, WPS or a hostile sender might (test helper).

The package is the least Word opens: [Content_Types].xml, the package relationships, the
document, and optionally styles, numbering and more parts and relationships. Small
builders make paragraphs, runs, tables and list levels readable in the tests.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
NAMESPACES = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in (
    ("w", W), ("r", REL),
    ("mc", "http://schemas.openxmlformats.org/markup-compatibility/2006"),
    ("wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
    ("a", "http://schemas.openxmlformats.org/drawingml/2006/main"),
    ("wps", "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"),
    ("v", "urn:schemas-microsoft-com:vml"),
))


def relationship(rel_id: str, kind: str, target: str, external: bool = False) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rel_id}" Type="{REL}/{kind}" Target={quoteattr(target)}{mode}/>'


def write_docx(path: Path, body: str, styles: str | None = None, numbering: str | None = None,
               relationships: tuple[str, ...] = (), parts: dict[str, bytes | str] | None = None,
               document: str | None = None) -> Path:
    """A .docx whose body is `body` (or whose document.xml is `document`), with a styles
    part holding `styles` and a numbering part holding `numbering` when given."""
    files: dict[str, bytes | str] = {
        "word/document.xml": document if document is not None else
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NAMESPACES}><w:body>{body}'
        '<w:sectPr/></w:body></w:document>',
    }
    rels = list(relationships)
    overrides = [f'<Override PartName="/word/document.xml" ContentType="{_CT}.document.main+xml"/>']
    for name, root, content in (("styles", "styles", styles), ("numbering", "numbering", numbering)):
        if content is not None:
            files[f"word/{name}.xml"] = f'<w:{root} {NAMESPACES}>{content}</w:{root}>'
            rels.append(relationship(f"rId{name}", name, f"{name}.xml"))
            overrides.append(f'<Override PartName="/word/{name}.xml" ContentType="{_CT}.{name}+xml"/>')
    files["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>")
    files["_rels/.rels"] = (f'<Relationships xmlns="{_PKG_REL}">'
                            + relationship("rId1", "officeDocument", "word/document.xml") + "</Relationships>")
    files["word/_rels/document.xml.rels"] = f'<Relationships xmlns="{_PKG_REL}">{"".join(rels)}</Relationships>'
    files.update(parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def r(text: str = "", props: str = "", content: str | None = None) -> str:
    """A run of text (its w:rPr children in `props`), or of other run content."""
    inner = content if content is not None else f'<w:t xml:space="preserve">{escape(text)}</w:t>'
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{inner}</w:r>"


def p(*runs: str, props: str = "") -> str:
    """A paragraph of runs (plain strings are runs of that text), its w:pPr children in `props`."""
    inner = "".join(run if run.startswith("<") else r(run) for run in runs)
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{inner}</w:p>"


def numbered(text: str, num_id: int, ilvl: int | None = None, props: str = "") -> str:
    level = "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
    return p(text, props=f'{props}<w:numPr>{level}<w:numId w:val="{num_id}"/></w:numPr>')


def tc(*paragraphs: str, props: str = "") -> str:
    inner = "".join(x if x.startswith("<") else p(x) for x in paragraphs) or p()
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{inner}</w:tc>"


def tbl(*rows: list[str], columns: int | None = None, row_props: str = "") -> str:
    """A table of rows of cells (plain strings are cells holding one paragraph of that text),
    each row with the w:trPr children in `row_props`."""
    width = columns or max(len(row) for row in rows)
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(width))
    trpr = f"<w:trPr>{row_props}</w:trPr>" if row_props else ""
    body = "".join(f"<w:tr>{trpr}" + "".join(c if c.startswith("<w:tc") else tc(c) for c in row) + "</w:tr>"
                   for row in rows)
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def style(kind: str, style_id: str, name: str, ppr: str = "", rpr: str = "", based_on: str = "",
          default: bool = False) -> str:
    marks = ' w:default="1"' if default else ""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    ppr = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:style w:type="{kind}" w:styleId="{style_id}"{marks}><w:name w:val="{name}"/>{based}{ppr}{rpr}</w:style>'
