"""The OFD package (GB/T 33190-2016 §7): a zip of XML parts and resources.

  OFD.xml                       the entry: DocInfo (title, author, dates, creator) and DocRoot
  Doc_0/Document.xml            CommonData (MaxUnitID, the page area, the resource files), Pages
  Doc_0/PublicRes.xml           the fonts, each an embedded TrueType subset in Doc_0/Res/
  Doc_0/DocumentRes.xml         the images (a seal), when there are any
  Doc_0/Pages/Page_N/Content.xml one layer of each page's objects (writer.py)
  Doc_0/Res/…                   <family>.ttf (e.g. FandolFang.ttf), image_N.png

Reproducible: entries in this order, dated 1980-01-01 (the zip format's first date),
deflated at a fixed level; the DocID is a hash of the document's own parts.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from functools import lru_cache

from docgen import __version__
from docgen.document.blocks import DocumentInfo
from docgen.format.profile import Profile
from docgen.ofd.subset import subset_font
from docgen.pdf.fonts import PdfFonts
from docgen.xml_text import escape, quoteattr

NAMESPACE = "http://www.ofdspec.org/2016"
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
DEFLATE_LEVEL = 1       # fonts are most of an OFD: level 1 is 30 % faster than 6 for 6 % more bytes (issue 16)


@lru_cache(maxsize=4096)
def mm(value: float) -> str:
    """A length in mm as OFD writes it: at most 3 decimals, no trailing zeros. Remembered: a page
    writes one for each glyph's advance (DeltaX), and most advances repeat."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


class Resources:
    """The document's object IDs (ST_ID, unique in the document) and the resources its
    pages use: fonts by key with the characters drawn in each, images by content."""

    def __init__(self) -> None:
        self.last_id = 0
        self.fonts: dict[str, tuple[int, set[str]]] = {}
        self.images: dict[bytes, int] = {}

    def new_id(self) -> int:
        self.last_id += 1
        return self.last_id

    def font(self, key: str, chars: str) -> int:
        if key not in self.fonts:
            self.fonts[key] = (self.new_id(), set())
        self.fonts[key][1].update(chars)
        return self.fonts[key][0]

    def image(self, png: bytes) -> int:
        if png not in self.images:
            self.images[png] = self.new_id()
        return self.images[png]


def _xml(root: str, body: str, attributes: str = "") -> bytes:
    return f'{HEAD}<ofd:{root} xmlns:ofd="{NAMESPACE}"{attributes}>{body}</ofd:{root}>'.encode()


# Words that name a style, not a family. ofd2img 0.1.2 (an OFD renderer built on easyofd) uses
# an embedded font only when its file is named after the font with the spaces taken out and
# no style word: font_3.ttf makes it draw Chinese in a Latin system font (measured).
_STYLE_WORDS = re.compile(r"(Bold|Italic|Regular|Light|Medium|Heavy|Black|Oblique)", re.IGNORECASE)


def _font_file_names(resources: Resources, fonts: PdfFonts) -> dict[str, str]:
    """Each embedded font's file name: its family without spaces or style words (NotoSerifCJKSC.ttf),
    its ID added where two families would share a name."""
    names: dict[str, str] = {}
    for key, (font_id, _) in resources.fonts.items():
        stem = _STYLE_WORDS.sub("", re.sub(r"\s+", "", fonts.family(key))) or "font"
        name = f"{stem}.ttf"
        names[key] = name if name not in names.values() else f"{stem}{font_id}.ttf"
    return names


def _parts(pages: list[str], resources: Resources, fonts: PdfFonts, profile: Profile) -> dict[str, bytes]:
    """Doc_0's parts, in the package's order."""
    page_ids = [resources.new_id() for _ in pages]
    layer_ids = [resources.new_id() for _ in pages]
    font_files = _font_file_names(resources, fonts)
    font_entries = "".join(
        f'<ofd:Font ID="{font_id}" FontName={quoteattr(fonts.family(key))} FamilyName={quoteattr(fonts.family(key))}>'
        f'<ofd:FontFile>{font_files[key]}</ofd:FontFile></ofd:Font>'
        for key, (font_id, _) in resources.fonts.items())
    image_entries = "".join(
        f'<ofd:MultiMedia ID="{image_id}" Type="Image" Format="PNG"><ofd:MediaFile>image_{image_id}.png'
        '</ofd:MediaFile></ofd:MultiMedia>' for image_id in resources.images.values())
    document_res = '<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>' if resources.images else ""
    page = profile.page
    parts = {
        "Doc_0/Document.xml": _xml("Document", (
            f'<ofd:CommonData><ofd:MaxUnitID>{resources.last_id}</ofd:MaxUnitID>'
            f'<ofd:PageArea><ofd:PhysicalBox>0 0 {mm(page.width_mm)} {mm(page.height_mm)}</ofd:PhysicalBox>'
            f'</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{document_res}</ofd:CommonData>'
            '<ofd:Pages>' + "".join(f'<ofd:Page ID="{page_id}" BaseLoc="Pages/Page_{n}/Content.xml"/>'
                                    for n, page_id in enumerate(page_ids)) + '</ofd:Pages>')),
        "Doc_0/PublicRes.xml": _xml("Res", f'<ofd:Fonts>{font_entries}</ofd:Fonts>', ' BaseLoc="Res"'),
    }
    if resources.images:
        parts["Doc_0/DocumentRes.xml"] = _xml("Res", f'<ofd:MultiMedias>{image_entries}</ofd:MultiMedias>',
                                              ' BaseLoc="Res"')
    for n, (objects, layer_id) in enumerate(zip(pages, layer_ids)):
        parts[f"Doc_0/Pages/Page_{n}/Content.xml"] = _xml(
            "Page", f'<ofd:Content><ofd:Layer ID="{layer_id}" Type="Body">{objects}</ofd:Layer></ofd:Content>')
    for key, (_, chars) in resources.fonts.items():
        parts[f"Doc_0/Res/{font_files[key]}"] = subset_font(fonts.face(key), "".join(chars))
    for png, image_id in resources.images.items():
        parts[f"Doc_0/Res/image_{image_id}.png"] = png
    return parts


def _ofd_xml(info: DocumentInfo, doc_id: str) -> bytes:
    """The entry file: DocInfo (GB/T 33190 §7.4), dates the document's own."""
    date = info.written.date().isoformat()
    doc_info = (f'<ofd:DocID>{doc_id}</ofd:DocID><ofd:Title>{escape(info.title)}</ofd:Title>'
                f'<ofd:Author>{escape(info.author)}</ofd:Author><ofd:Subject>{escape(info.subject)}</ofd:Subject>'
                f'<ofd:CreationDate>{date}</ofd:CreationDate><ofd:ModDate>{date}</ofd:ModDate>'
                f'<ofd:Creator>docgen</ofd:Creator><ofd:CreatorVersion>{__version__}</ofd:CreatorVersion>')
    return _xml("OFD", f'<ofd:DocBody><ofd:DocInfo>{doc_info}</ofd:DocInfo>'
                       '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>',
                ' Version="1.0" DocType="OFD"')


def package(pages: list[str], resources: Resources, fonts: PdfFonts, profile: Profile, info: DocumentInfo) -> bytes:
    """The .ofd file's bytes."""
    parts = _parts(pages, resources, fonts, profile)
    digest = hashlib.sha256()
    for name, data in parts.items():
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    entries = {"OFD.xml": _ofd_xml(info, digest.hexdigest()[:32]), **parts}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            entry = zipfile.ZipInfo(name, ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0         # not the building machine's
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data, compresslevel=DEFLATE_LEVEL)
    return buffer.getvalue()
