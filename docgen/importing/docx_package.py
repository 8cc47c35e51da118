"""A .docx that arrived by mail, opened as untrusted input: the parts the reader needs, or one plain refusal.

A .docx is a zip of XML parts (ECMA-376 Part 2, Open Packaging Conventions): the
document, its styles and its list numbering are found through the package's
relationships, as Word finds them; the format check (checking/docx_format.py) also reads
the settings, the theme and the footers. Nothing else is read: no picture, no part
outside the archive. Every way the file can be wrong (a Word 97–2003
.doc, an RTF or a web page under a .docx name, a damaged or encrypted zip, a zip bomb, a
DTD with entities, a relationship to a file or a URL outside the package) ends in a
ContentErrors naming the file, before anything is decompressed beyond the bounds
below or any entity or network address is followed.
"""

from __future__ import annotations

import posixpath
import stat
import zipfile
import zlib
from pathlib import Path
from typing import NoReturn

from lxml import etree

from docgen.content.model import Location
from docgen.errors import ContentError, ContentErrors
from docgen.record import record

# Bounds on what one import reads. A report's .docx is 15–100 kB, its document.xml well under
# 1 MB; pictures (a scanned seal) make the file large, but are never decompressed.
MAX_DOCX_BYTES = 100 * 1024 * 1024          # the file itself
MAX_ZIP_ENTRIES = 10_000                    # the archive's directory
MAX_PART_BYTES = 30 * 1024 * 1024           # one XML part, uncompressed
MAX_TOTAL_BYTES = 50 * 1024 * 1024          # all parts read, uncompressed
# Office XML deflates 5–30 times; a zip bomb some thousand times. Small parts are not
# worth refusing whatever their ratio (a part of repeated empty table rows deflates well).
MAX_COMPRESSION_RATIO = 200
RATIO_CHECKED_ABOVE_BYTES = 1024 * 1024

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE_PREFIX = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

_SAVE_AS_DOCX = "open it in Word or WPS and save it as .docx (Word Document)"
# The first bytes of files that are not zips but turn up named .docx or .doc.
_SIGNATURES = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     f"it is a Word 97–2003 .doc (or a .docx protected by a password): {_SAVE_AS_DOCX}, without a password"),
    (b"{\\rtf", f"it is an RTF file: {_SAVE_AS_DOCX}"),
    (b"MIME-Version", f"it is a web archive (.mht): {_SAVE_AS_DOCX}, or import the web page itself"),
)

# Errors the zip module raises for a damaged or unusual archive: a bad directory or CRC
# (BadZipFile), truncated or corrupt deflate data (EOFError, zlib.error), a compression
# method it lacks (NotImplementedError), an encrypted entry (RuntimeError), impossible
# header values (ValueError), a read failing (OSError).
_ZIP_ERRORS = (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, RuntimeError, ValueError, OSError)


@record
class Package:
    """The parts of a .docx the reader uses, parsed."""
    body: etree._Element                    # w:body of the main document part
    styles: etree._Element | None           # w:styles, if the document has styles
    numbering: etree._Element | None        # w:numbering, if it has list numbering


@record
class LayoutParts:
    """The parts a format check reads: the whole main document (its sections too), its styles,
    settings and theme, and its footers by relationship id (as w:footerReference names them)."""
    document: etree._Element                # w:document
    styles: etree._Element | None
    settings: etree._Element | None
    theme: etree._Element | None            # a:theme
    footers: dict[str, etree._Element]      # r:id → w:ftr


def refuse(path: Path, message: str) -> NoReturn:
    """Stop: the file as a whole cannot be read (a located error at its start)."""
    raise ContentErrors([ContentError(Location(path, 1, 1), "", message)])


def not_docx(path: Path, why: str) -> NoReturn:
    refuse(path, f"not a Word .docx file: {why}")


def open_package(path: Path) -> Package:
    """The document's body, styles and numbering, read within the bounds above."""
    with _open_archive(path) as archive:
        return _Reader(path, archive).package()


def open_layout(path: Path) -> LayoutParts:
    """The document with its styles, settings, theme and footers, read within the bounds above."""
    with _open_archive(path) as archive:
        return _Reader(path, archive).layout()


def _open_archive(path: Path) -> zipfile.ZipFile:
    """The file opened as a zip, once it is known not to be another kind of file or too large."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):    # a folder, a pipe that would never end, a device
            refuse(path, "not a file")
        size = status.st_size
        with open(path, "rb") as file:
            head = file.read(16)
    except OSError as error:
        refuse(path, f"cannot read the file: {error.strerror or error}")
    for signature, why in _SIGNATURES:
        if head.startswith(signature):
            not_docx(path, why)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        not_docx(path, f"it is a web page or an XML file: {_SAVE_AS_DOCX}, or import the web page itself")
    if size > MAX_DOCX_BYTES:
        refuse(path, f"the file is {_megabytes(size)}, more than the {_megabytes(MAX_DOCX_BYTES)} docgen imports")
    try:
        return zipfile.ZipFile(path)
    except _ZIP_ERRORS as error:
        if not head.startswith(b"PK"):
            not_docx(path, f"it is not a zip archive (a .doc from Word 97–2003, or text renamed?): {_SAVE_AS_DOCX}")
        not_docx(path, f"the archive is damaged ({error})")


class _Reader:
    """Finds and parses the parts of one archive, counting what it decompresses."""

    def __init__(self, path: Path, archive: zipfile.ZipFile):
        self.path = path
        self.archive = archive
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            not_docx(path, f"the archive holds {len(entries)} entries, more than the {MAX_ZIP_ENTRIES} docgen reads")
        # Part names are case-insensitive (ECMA-376 Part 2, 9.1.1.1): look them up folded.
        self.entries = {info.filename.lstrip("/").casefold(): info for info in entries}
        self.total = 0

    def package(self) -> Package:
        main, document = self.main_document()
        body = document.find(f"{{{W_NS}}}body")
        return Package(
            body=body if body is not None else etree.Element(f"{{{W_NS}}}body"),
            styles=self.optional(main, "styles"),
            numbering=self.optional(main, "numbering"),
        )

    def layout(self) -> LayoutParts:
        main, document = self.main_document()
        footers = {rel_id: self.parse(name) for rel_id, name in self.relationships(main, "footer") if self.has(name)}
        return LayoutParts(document=document, styles=self.optional(main, "styles"),
                           settings=self.optional(main, "settings"), theme=self.optional(main, "theme"),
                           footers=footers)

    def main_document(self) -> tuple[str, etree._Element]:
        """The main part's name and its w:document."""
        if "[content_types].xml" not in self.entries:
            not_docx(self.path, "the archive has no [Content_Types].xml (is it another kind of zip?)")
        main = self.related("", "officeDocument") if self.has("_rels/.rels") else "word/document.xml"
        if main is None or not self.has(main):
            not_docx(self.path, "the archive has no word/document.xml (an .xlsx, a .pptx or another zip?)")
        document = self.parse(main)
        if document.tag == f"{{{_STRICT_W_NS}}}document":
            refuse(self.path, "a Strict Open XML document, which docgen does not read: open it in Word and save it "
                              "as an ordinary Word Document (.docx)")
        if document.tag != f"{{{W_NS}}}document":
            not_docx(self.path, f"its main part {main} is not a Word document (an .xlsx, a .pptx?)")
        return main, document

    def optional(self, source: str, kind: str) -> etree._Element | None:
        """The part the source relates to by a relationship of this kind, if there is one."""
        name = self.related(source, kind)
        return None if name is None or not self.has(name) else self.parse(name)

    def has(self, name: str) -> bool:
        return name.casefold() in self.entries

    def related(self, source: str, kind: str) -> str | None:
        """The name of the part `source` ("" for the package) points to with a relationship of
        this kind; a relationship to anything outside the archive is refused, never followed."""
        return next((name for _, name in self.relationships(source, kind)), None)

    def relationships(self, source: str, kind: str) -> list[tuple[str, str]]:
        """(id, part name) of each relationship of this kind from `source`, refused as above."""
        folder, file = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", f"{file}.rels")
        if not self.has(rels):
            return []
        found = []
        for relationship in self.parse(rels).iter(f"{{{_RELS_NS}}}Relationship"):
            # Transitional and Strict name the types under different roots: match the last segment.
            if relationship.get("Type", "").rsplit("/", 1)[-1] != kind:
                continue
            target = relationship.get("Target", "")
            if relationship.get("TargetMode") == "External":
                refuse(self.path, f"its {kind} part is linked from outside the file ({target}); docgen reads only "
                                  "what the .docx holds: open it in Word and save it again")
            name = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
            if name.startswith("../") or name == "..":
                refuse(self.path, f"its {kind} part points outside the archive ({target})")
            found.append((relationship.get("Id", ""), name))
        return found

    def parse(self, name: str) -> etree._Element:
        """A part as XML: no DTD (so no entity), no network, libxml2's default depth and size limits."""
        data = self.read(name)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                                 remove_comments=True, remove_pis=True)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as error:
            # libxml2's words for its own depth limit advise a parser option; a clerk needs the fact.
            why = "nested too deeply: more than 256 levels" if "Excessive depth" in (error.msg or "") else error.msg
            not_docx(self.path, f"its part {name} is not well-formed XML ({why})")
        if root.getroottree().docinfo.doctype:
            # Word never writes a DTD; one in a .docx exists to declare entities (billion laughs, file reads).
            refuse(self.path, f"its part {name} declares a DTD (<!DOCTYPE …>), which Word never writes: refused")
        return root

    def read(self, name: str) -> bytes:
        info = self.entries[name.casefold()]
        if info.flag_bits & 0x1:
            refuse(self.path, "the .docx is encrypted: open it in Word or WPS and save it without a password")
        size, packed = info.file_size, max(info.compress_size, 1)
        if size > MAX_PART_BYTES:
            refuse(self.path, f"its part {name} unpacks to {_megabytes(size)}, more than the "
                              f"{_megabytes(MAX_PART_BYTES)} docgen reads (a zip bomb?)")
        if size > RATIO_CHECKED_ABOVE_BYTES and size / packed > MAX_COMPRESSION_RATIO:
            refuse(self.path, f"its part {name} unpacks {size // packed} times larger than it is stored, more than "
                              f"the {MAX_COMPRESSION_RATIO} times any Word file does (a zip bomb?)")
        self.total += size
        if self.total > MAX_TOTAL_BYTES:
            refuse(self.path, f"its parts unpack to more than the {_megabytes(MAX_TOTAL_BYTES)} docgen reads")
        try:
            with self.archive.open(info) as part:
                return part.read()      # never more than the stated size: the zip module cuts there
        except _ZIP_ERRORS as error:
            not_docx(self.path, f"the archive is damaged ({error})")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
