"""The DOCX package docgen writes: its parts, their relationships and content types, one zip.

A .docx is a zip of XML parts tied together by relationships (ECMA-376 Part 2, Open
Packaging Conventions). Word's default template is US Letter, maps Chinese to a
Japanese theme font, carries a thumbnail and 870 kB of styles; docgen's package holds
only the parts a document needs, with defaults taken from the profile: the document,
its styles (the writer adds one for each kind of paragraph, styles.py), settings, a
font table naming the official fonts (so Word can offer a substitute of the right kind
when one is missing) and a theme whose fonts are the profile's (no theme font turns
Chinese into a Japanese or Latin face); header and footer parts when the writer asks
for them, an image part for each distinct picture.

The parts the writer fills (document, styles, headers, footers) are lxml trees. The zip
is written once, with fixed timestamps and a fixed member order, so the same content
always gives the same bytes. The parts are written byte for byte as earlier docgen
versions (built on python-docx) wrote them: the parts docgen edits and the package's own
(relationships, content types) as lxml serialises a tree (`<?xml version='1.0' …?>`, no
whitespace between elements), the font table, the theme and app.xml as made here.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from lxml import etree

from docgen.format.units import pt_to_twips
from docgen.record import record
from docgen.xml_text import quoteattr

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument"
_CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DC_NS = "http://purl.org/dc/elements/1.1/"
_DCTERMS_NS = "http://purl.org/dc/terms/"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
# ZIP cannot store dates before 1980; any fixed date makes builds reproducible.
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"   # as lxml writes it

# The content types of the parts docgen may write: by extension (sorted), else by kind.
_DEFAULT_TYPES = (("png", "image/png"), ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
                  ("xml", "application/xml"))
_PART_TYPES = {
    "document": f"{_CT}.wordprocessingml.document.main+xml",
    "styles": f"{_CT}.wordprocessingml.styles+xml",
    "settings": f"{_CT}.wordprocessingml.settings+xml",
    "fontTable": f"{_CT}.wordprocessingml.fontTable+xml",
    "theme": f"{_CT}.theme+xml",
    "header": f"{_CT}.wordprocessingml.header+xml",
    "footer": f"{_CT}.wordprocessingml.footer+xml",
    "core": "application/vnd.openxmlformats-package.core-properties+xml",
    "app": f"{_CT}.extended-properties+xml",
}

def _relationships(targets: list[tuple[str, str]]) -> bytes:
    """A relationships part: (type, target) pairs, numbered rId1, rId2 … in order."""
    lines = [f'<Relationship Id="rId{n}" Type="{kind}" Target="{target}"/>'
             for n, (kind, target) in enumerate(targets, start=1)]
    return "".join([_DECLARATION, f'<Relationships xmlns="{_PKG_REL}">', *lines, "</Relationships>"]).encode()


_PACKAGE_RELS = _relationships([
    (f"{_REL}/officeDocument", "word/document.xml"),
    (f"{_PKG_REL}/metadata/core-properties", "docProps/core.xml"),
    (f"{_REL}/extended-properties", "docProps/app.xml")])

_DOCUMENT_RELS = [(f"{_REL}/styles", "styles.xml"), (f"{_REL}/settings", "settings.xml"),
                  (f"{_REL}/fontTable", "fontTable.xml"), (f"{_REL}/theme", "theme/theme1.xml")]

_DOCUMENT = f"""<w:document xmlns:w="{_W_NS}" xmlns:r="{_R_NS}"><w:body><w:sectPr/></w:body></w:document>"""

# Word reads even pages' headers and footers only with evenAndOddHeaders on (ECMA-376 §17.15.1.35).
_SETTINGS = f"""<w:settings xmlns:w="{_W_NS}"><w:defaultTabStop w:val="{{tab_twips}}"/>{{even_and_odd}}\
<w:characterSpacingControl w:val="doNotCompress"/>\
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>\
</w:compat></w:settings>"""

_APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>docgen</Application></Properties>"""

# The namespaces a header or footer part declares: those Word's own declare (python-docx's
# template copied them, and docgen's headers have carried them since).
_HEADER_FOOTER_NAMESPACES = (
    ("m", "http://schemas.openxmlformats.org/officeDocument/2006/math"),
    ("mc", "http://schemas.openxmlformats.org/markup-compatibility/2006"),
    ("mo", "http://schemas.microsoft.com/office/mac/office/2008/main"),
    ("mv", "urn:schemas-microsoft-com:mac:vml"),
    ("o", "urn:schemas-microsoft-com:office:office"),
    ("r", _R_NS),
    ("v", "urn:schemas-microsoft-com:vml"),
    ("w10", "urn:schemas-microsoft-com:office:word"),
    ("w14", "http://schemas.microsoft.com/office/word/2010/wordml"),
    ("w", _W_NS),
    ("wne", "http://schemas.microsoft.com/office/word/2006/wordml"),
    ("wp14", "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"),
    ("wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
    ("wpc", "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"),
    ("wpg", "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"),
    ("wpi", "http://schemas.microsoft.com/office/word/2010/wordprocessingInk"),
    ("wps", "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"),
)
_HEADER_FOOTER_DECLARATIONS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _HEADER_FOOTER_NAMESPACES)

_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def _tree(text: str) -> etree._Element:
    return etree.fromstring(text.encode("utf-8"), _PARSER)


def _xml(element: etree._Element) -> bytes:
    return etree.tostring(element, encoding="UTF-8", standalone=True)


@record
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
        inner = f"<w:altName w:val={quoteattr(font.alt_name)}/>" if font.alt_name else ""
        panose, family, pitch = _FONT_RECORDS.get(font.name, (None, None, None))
        if panose:
            inner += f'<w:panose1 w:val="{panose}"/>'
        inner += f'<w:charset w:val="{_GB2312_CHARSET}"/>'
        if family:
            inner += f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/>'
        entries.append(f"<w:font w:name={quoteattr(font.name)}>{inner}</w:font>")
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
        return (f"<a:{kind}Font><a:latin typeface={quoteattr(latin_font or east_asian)}/><a:ea typeface={quoteattr(east_asian)}/>"
                f'<a:cs typeface=""/><a:font script="Hans" typeface={quoteattr(east_asian)}/></a:{kind}Font>')
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


@record
class CoreProperties:
    """docProps/core.xml: what Word shows under File › Info."""
    title: str
    author: str
    written: datetime           # created and last modified, in UTC
    language: str


class Package:
    """A Word document's package: the parts, made as the writer asks for them, then one zip.

    The document starts as an empty body with its sectPr (`body`, `sect_pr`); `header`
    and `footer` make a part and its reference in the sectPr on first use; `image` adds a
    picture's part once; `styles` takes the writer's styles."""

    def __init__(self, font: str, latin_font: str | None, size_pt: float, fonts: list[FontEntry],
                 heading_font: str):
        """Default font `font` (Latin text in latin_font, else in the same); tab stops every
        character of that size; `fonts` in the font table, the theme's fonts heading_font and font."""
        self.document = _tree(_DOCUMENT)
        self.body = self.document[0]
        self.sect_pr = self.body[0]
        self.styles = _tree(_styles(font, latin_font or font, round(size_pt * 2)))
        self._tab_twips = pt_to_twips(size_pt)
        self._fixed = {
            "docProps/app.xml": _APP.encode("utf-8"),
            "word/fontTable.xml": _font_table(fonts).encode("utf-8"),
            "word/theme/theme1.xml": _theme(heading_font, font, latin_font).encode("utf-8"),
        }
        self._relationships = list(_DOCUMENT_RELS)          # rId1 … in order
        self._headers_footers: dict[tuple[str, str], etree._Element] = {}     # (hdr | ftr, type) → its root
        self._parts: dict[str, bytes | etree._Element] = {}                   # word/… → content, in order made
        self._images: dict[bytes, str] = {}                 # PNG → its relationship's id
        self.core: CoreProperties | None = None

    def _relate(self, kind: str, target: str) -> str:
        self._relationships.append((f"{_REL}/{kind}", target))
        return f"rId{len(self._relationships)}"

    def header(self, kind: str) -> etree._Element:
        """The root (w:hdr) of the header of kind "default" (odd pages) or "even"; made empty on first use."""
        return self._header_footer("header", "hdr", kind)

    def footer(self, kind: str) -> etree._Element:
        """The root (w:ftr) of the footer of kind "default" (odd pages) or "even"; made empty on first use."""
        return self._header_footer("footer", "ftr", kind)

    def _header_footer(self, part: str, tag: str, kind: str) -> etree._Element:
        if (tag, kind) not in self._headers_footers:
            number = sum(1 for made, _ in self._headers_footers if made == tag) + 1
            name = f"{part}{number}.xml"
            root = _tree(f'<w:{tag} {_HEADER_FOOTER_DECLARATIONS} mc:Ignorable="w14 wp14"/>')
            self._headers_footers[tag, kind] = self._parts[name] = root
            references = self.sect_pr.findall(f"{{{_W_NS}}}headerReference") + \
                self.sect_pr.findall(f"{{{_W_NS}}}footerReference")
            reference = etree.Element(f"{{{_W_NS}}}{part}Reference")
            if references:
                references[-1].addnext(reference)
            else:
                self.sect_pr.insert(0, reference)
            reference.set(f"{{{_W_NS}}}type", kind)
            reference.set(f"{{{_R_NS}}}id", self._relate(part, name))
        return self._headers_footers[tag, kind]

    def image(self, png: bytes) -> str:
        """The relationship id of a PNG's part, word/media/imageN.png (N in the order of first use);
        the same picture twice is one part."""
        if png not in self._images:
            name = f"media/image{len(self._images) + 1}.png"
            self._parts[name] = png
            self._images[png] = self._relate("image", name)
        return self._images[png]

    def _settings(self) -> etree._Element:
        even = any(kind == "even" for _, kind in self._headers_footers)
        return _tree(_SETTINGS.format(tab_twips=self._tab_twips, even_and_odd="<w:evenAndOddHeaders/>" * even))

    def _core(self) -> etree._Element:
        root = _tree(f'<cp:coreProperties xmlns:cp="{_CP_NS}" xmlns:dc="{_DC_NS}" xmlns:dcterms="{_DCTERMS_NS}" '
                     f'xmlns:xsi="{_XSI_NS}"/>')
        if self.core is not None:
            written = self.core.written.strftime("%Y-%m-%dT%H:%M:%SZ")
            for namespace, tag, text in ((_DC_NS, "title", self.core.title), (_DC_NS, "creator", self.core.author),
                                         (_CP_NS, "lastModifiedBy", self.core.author),
                                         (_DCTERMS_NS, "created", written), (_DCTERMS_NS, "modified", written),
                                         (_CP_NS, "revision", "1"), (_DC_NS, "language", self.core.language)):
                element = etree.SubElement(root, f"{{{namespace}}}{tag}")
                element.text = text
                if namespace == _DCTERMS_NS:
                    element.set(f"{{{_XSI_NS}}}type", "dcterms:W3CDTF")
        return root

    def to_bytes(self) -> bytes:
        """The package as a .docx: [Content_Types].xml first, then the parts by name, at a fixed time."""
        parts: dict[str, bytes | etree._Element] = {
            "_rels/.rels": _PACKAGE_RELS,
            "docProps/core.xml": self._core(),
            "word/_rels/document.xml.rels": _relationships(self._relationships),
            "word/document.xml": self.document,
            "word/styles.xml": self.styles,
            "word/settings.xml": self._settings(),
            **self._fixed,
            **{f"word/{name}": content for name, content in self._parts.items()},
        }
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in ["[Content_Types].xml", *sorted(parts)]:
                content = _content_types(parts) if name == "[Content_Types].xml" else parts[name]
                info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, content if isinstance(content, bytes) else _xml(content))
        return out.getvalue()


def _content_types(parts: dict[str, bytes | etree._Element]) -> bytes:
    """[Content_Types].xml: the defaults by extension, then an override for each XML part, by name."""
    extensions = {name.rsplit(".", 1)[-1] for name in parts}
    defaults = "".join(f'<Default Extension="{extension}" ContentType="{kind}"/>'
                       for extension, kind in _DEFAULT_TYPES if extension in extensions)
    overrides = "".join(f'<Override PartName="/{name}" ContentType="{_PART_TYPES[_part_kind(name)]}"/>'
                        for name in sorted(parts) if name.endswith(".xml"))
    return (f'{_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f"{defaults}{overrides}</Types>").encode()


def _part_kind(name: str) -> str:
    """A part's kind from its name: word/header2.xml → header, docProps/core.xml → core."""
    return name.rsplit("/", 1)[-1].removesuffix(".xml").rstrip("0123456789")
