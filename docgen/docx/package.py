"""A minimal, clean starting package for python-docx, and reproducible saving.

python-docx's default template is US Letter, maps Chinese to a Japanese theme
font, carries a thumbnail and 870 kB of styles. We start instead from the few
parts a document needs, with defaults taken from the profile: the document, its
styles (the writer adds one for each kind of paragraph, styles.py), settings, a
font table naming the official fonts (so Word can offer a substitute of the
right kind when one is missing) and a theme whose fonts are the profile's (no
theme font turns Chinese into a Japanese or Latin face). We save with fixed zip
timestamps so the same content always gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import docx

from docgen.format.units import pt_to_twips

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument"
# ZIP cannot store dates before 1980; any fixed date makes builds reproducible.
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

_CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{_CT}.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="{_CT}.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="{_CT}.wordprocessingml.settings+xml"/>
<Override PartName="/word/fontTable.xml" ContentType="{_CT}.wordprocessingml.fontTable+xml"/>
<Override PartName="/word/theme/theme1.xml" ContentType="{_CT}.theme+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="{_CT}.extended-properties+xml"/>
</Types>"""

# An attribute value in double quotes. Not xml.sax.saxutils.quoteattr: that module imports
# urllib and the e-mail package (~15 ms of every DOCX build's start); for a value without a
# double quote (the profile refuses them in font names) the two write the same.
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                                    "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _attribute(value: str) -> str:
    return '"' + value.translate(_ATTRIBUTE_ESCAPES) + '"'


def _relationships(*targets: tuple[str, str]) -> str:
    """A relationships part: (type, target) pairs, numbered rId1, rId2 … in order."""
    lines = [f'<Relationship Id="rId{n}" Type="{kind}" Target="{target}"/>'
             for n, (kind, target) in enumerate(targets, start=1)]
    return "\n".join(['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
                      f'<Relationships xmlns="{_PKG_REL}">', *lines, "</Relationships>"])


_PACKAGE_RELS = _relationships(
    (f"{_REL}/officeDocument", "word/document.xml"),
    ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
    (f"{_REL}/extended-properties", "docProps/app.xml"))

_DOCUMENT_RELS = _relationships(
    (f"{_REL}/styles", "styles.xml"), (f"{_REL}/settings", "settings.xml"),
    (f"{_REL}/fontTable", "fontTable.xml"), (f"{_REL}/theme", "theme/theme1.xml"))

_DOCUMENT = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{_W_NS}" xmlns:r="{_R_NS}"><w:body><w:sectPr/></w:body></w:document>"""

_SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{_W_NS}">
<w:defaultTabStop w:val="{{tab_twips}}"/>
<w:characterSpacingControl w:val="doNotCompress"/>
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
</w:settings>"""

_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>"""

_APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>docgen</Application></Properties>"""


@dataclass(frozen=True)
class FontEntry:
    name: str                   # as the runs and styles name it
    alt_name: str | None        # another name of the same font (the profile's first alias)


# What Windows records of the official fonts it ships, as Word writes them into
# fontTable.xml (PANOSE, family, pitch); all are GB2312 fonts: charset 86. A font
# not listed gets its name, alternative name and charset only.
_FONT_RECORDS = {
    "宋体": ("02010600030101010101", "auto", "variable"),
    "黑体": ("02010609060101010101", "modern", "fixed"),
    "仿宋_GB2312": ("02010609030101010101", "modern", "fixed"),
}
_GB2312_CHARSET = "86"


def _font_table(fonts: list[FontEntry]) -> str:
    entries = []
    for font in fonts:
        inner = f"<w:altName w:val={_attribute(font.alt_name)}/>" if font.alt_name else ""
        panose, family, pitch = _FONT_RECORDS.get(font.name, (None, None, None))
        if panose:
            inner += f'<w:panose1 w:val="{panose}"/>'
        inner += f'<w:charset w:val="{_GB2312_CHARSET}"/>'
        if family:
            inner += f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/>'
        entries.append(f"<w:font w:name={_attribute(font.name)}>{inner}</w:font>")
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="{_W_NS}">{"".join(entries)}</w:fonts>"""


_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _theme(heading_font: str, body_font: str, latin_font: str | None) -> str:
    """A minimal theme: black and white colours, and as its fonts the profile's
    (heading: 黑体, body: 仿宋_GB2312), for East Asian text and for Simplified
    Chinese (script Hans) alike, so that a theme font Word offers is never a
    Japanese or Latin face; Latin text in the profile's latin_font, else in the same
    font (as the styles set it). Styles and runs name their fonts themselves."""
    def fonts(kind: str, east_asian: str) -> str:
        return (f"<a:{kind}Font><a:latin typeface={_attribute(latin_font or east_asian)}/><a:ea typeface={_attribute(east_asian)}/>"
                f'<a:cs typeface=""/><a:font script="Hans" typeface={_attribute(east_asian)}/></a:{kind}Font>')
    colours = "".join(f"<a:{name}><a:srgbClr val=\"{value}\"/></a:{name}>" for name, value in (
        ("dk2", "000000"), ("lt2", "FFFFFF"), *((f"accent{i}", "000000") for i in range(1, 7)),
        ("hlink", "0000FF"), ("folHlink", "800080")))
    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="{_A_NS}" name="docgen"><a:themeElements>
<a:clrScheme name="docgen"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>{colours}</a:clrScheme>
<a:fontScheme name="docgen">{fonts("major", heading_font)}{fonts("minor", body_font)}</a:fontScheme>
<a:fmtScheme name="docgen"><a:fillStyleLst>{solid * 3}</a:fillStyleLst><a:lnStyleLst>{f'<a:ln w="6350">{solid}</a:ln>' * 3}</a:lnStyleLst><a:effectStyleLst>{"<a:effectStyle><a:effectLst/></a:effectStyle>" * 3}</a:effectStyleLst><a:bgFillStyleLst>{solid * 3}</a:bgFillStyleLst></a:fmtScheme>
</a:themeElements></a:theme>"""


def _styles(font: str, latin_font: str, half_points: int) -> str:
    """Document defaults: the body font and size, Chinese as the East Asian language."""
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{_W_NS}">
<w:docDefaults>
<w:rPrDefault><w:rPr><w:rFonts w:ascii="{latin_font}" w:hAnsi="{latin_font}" w:eastAsia="{font}" w:cs="{latin_font}" w:hint="eastAsia"/><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>
</w:styles>"""


def new_document(font: str, latin_font: str | None, size_pt: float, fonts: list[FontEntry],
                 heading_font: str) -> docx.document.Document:
    """A python-docx Document on our minimal package, with the given default font
    (Latin text in latin_font, else in the same); tab stops every character of that
    size; `fonts` in its font table."""
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _PACKAGE_RELS,
        "docProps/core.xml": _CORE,
        "docProps/app.xml": _APP,
        "word/_rels/document.xml.rels": _DOCUMENT_RELS,
        "word/document.xml": _DOCUMENT,
        "word/styles.xml": _styles(font, latin_font or font, round(size_pt * 2)),
        "word/settings.xml": _SETTINGS.format(tab_twips=pt_to_twips(size_pt)),
        "word/fontTable.xml": _font_table(fonts),
        "word/theme/theme1.xml": _theme(heading_font, font, latin_font),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))
    buffer.seek(0)
    return docx.Document(buffer)


def reproducible_bytes(document: docx.document.Document) -> bytes:
    """The saved package with fixed timestamps and a fixed member order."""
    raw = io.BytesIO()
    document.save(raw)
    raw.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        ordered = ["[Content_Types].xml"] + sorted(n for n in names if n != "[Content_Types].xml")
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()
