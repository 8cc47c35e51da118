"""The PDF's fonts: each role resolved (fonts/choose.py), prepared (fonts/cache.py), registered with
reportlab; and the check that every character of the document has a glyph."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

from docgen.errors import MissingGlyph
from docgen.fonts.cache import OnProgress, prepare_all
from docgen.fonts.choose import (
    FontError,
    choose_fonts,
    fallback_font,
    installed_fonts,
    refuse_substitutes,
)
from docgen.fonts.config import read_config
from docgen.format.profile import Profile
from docgen.pdf.face_cache import load_face
from docgen.pdf.layout import FALLBACK

FULL = "+full"      # suffix of a role key: the role's full font, for characters outside its cut
# Loaded fonts, kept for the life of the process (face_cache.py: parsed once on a machine).
_LOADED: dict[tuple[Path, int], TTFont] = {}
# What the fonts answer (advances by character, font key and size; font keys by character and
# role), by the prepared fonts of every role: kept as long as the fonts are, since a batch
# worker or `docgen watch` makes a PdfFonts for every build and would find them all again.
_ANSWERS: dict[tuple, tuple[dict[tuple[str, str, float], float], dict[tuple[str, str], str | None]]] = {}


class _LoadedFont(TTFont):
    """reportlab's TTFont around a face loaded by face_cache.load_face: what TTFont.__init__
    sets, but for the face, which it would parse from the file again."""

    def __init__(self, name: str, face: TTFontFace):
        self.fontName, self.face, self.encoding = name, face, TTEncoding()
        self.state: WeakKeyDictionary = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, pattern) for pattern in rl_config.unShapedFontGlob)


def _load(path: Path, index: int) -> TTFont:
    key = (path, index)
    if key not in _LOADED:
        try:
            font = _LoadedFont(f"docgen-{path.stem}-{index}", load_face(path, index))
        except OSError:
            raise
        except Exception as exc:    # reportlab's TTFError, or struct/index errors on a damaged file
            raise FontError(f"{path}: cannot load the font (face {index}): {type(exc).__name__}: {exc}") from None
        # reportlab treats two files with one PostScript name as one font (a cut
        # and its full file are): give each file a name of its own.
        taken = {loaded.face.name for loaded in _LOADED.values()}
        base, n = font.face.name, 2
        while font.face.name in taken:
            font.face.name = base + b"-%d" % n
            n += 1
        pdfmetrics.registerFont(font)
        _LOADED[key] = font
    return _LOADED[key]


class PdfFonts:
    """Font roles → registered reportlab fonts, with coverage and fallback.

    A font key is a role, a role + FULL (its full font where the prepared one
    is cut) or FALLBACK (the user's fallback font).
    """

    def __init__(self, profile: Profile, strict: bool = False, on_progress: OnProgress | None = None):
        config = read_config()
        self.choices = choose_fonts(profile, config, installed_fonts())
        if strict or profile.strict_fonts:
            refuse_substitutes(self.choices)
        fallback = fallback_font(config)
        if fallback is not None:
            self.choices[FALLBACK] = fallback
        self._prepared = prepare_all(self.choices, on_progress)
        self._fonts = {role: _load(p.file, p.index) for role, p in self._prepared.items()}
        self.fallback_used: list[MissingGlyph] = []
        self._widths, self._keys = _ANSWERS.setdefault(tuple(sorted(self._prepared.items())), ({}, {}))

    @property
    def fallback_family(self) -> str | None:
        return self.choices[FALLBACK].family if FALLBACK in self.choices else None

    def _font(self, key: str) -> TTFont:
        if key not in self._fonts:                       # a role's full font, loaded when first needed
            full = self._prepared[key.removesuffix(FULL)].full
            assert full is not None, key                 # key_for asks for a full font only where there is one
            self._fonts[key] = _load(*full)
        return self._fonts[key]

    def face(self, key: str) -> TTFontFace:
        """The parsed font that draws the font key: the OFD cuts its embedded subsets from it,
        the same glyphs the PDF embeds."""
        return self._font(key).face

    def family(self, key: str) -> str:
        return self.choices[key.removesuffix(FULL)].family

    def name(self, key: str) -> str:
        return self._font(key).fontName

    def has_glyph(self, key: str, char: str) -> bool:
        return ord(char) in self._font(key).face.charToGlyph

    def width(self, char: str, key: str, size: float) -> float:
        """reportlab's advance, remembered: the layout asks for each character it sets."""
        found = self._widths.get((char, key, size))
        if found is None:
            found = self._widths[char, key, size] = pdfmetrics.stringWidth(char, self.name(key), size)
        return found

    def key_for(self, char: str, role: str) -> str | None:
        """The font that draws char for role: the role's (or its full font), else the
        fallback (or its full font), else None. Remembered, as widths are."""
        if (char, role) not in self._keys:
            self._keys[char, role] = self._key_for(char, role)
        return self._keys[char, role]

    def _key_for(self, char: str, role: str) -> str | None:
        if char.isspace():
            return role
        for base in (role, FALLBACK):
            if base not in self._prepared:
                continue
            keys = (base, base + FULL) if self._prepared[base].full is not None else (base,)
            for key in keys:
                if self.has_glyph(key, char):
                    return key
        return None
