"""Read and render an OFD with independent readers from PyPI, and compare renders (test helper).

Two readers that share no code with docgen, nor with each other:
- ofdkit reads the text of each page with its position (millimetres, origin top left,
  y the baseline), resolving each TextObject's Boundary, CTM and TextCode X/Y as
  GB/T 33190-2016 §11 says;
- ofd2img (a fork of easyofd that draws text in the fonts the OFD embeds; easyofd itself
  draws every glyph in a "宋体" that Linux does not have, so its render holds no text)
  converts the OFD to a PDF with reportlab, which PyMuPDF turns into pixels. It finds an
  embedded font only when the FontFile's name is the FontName with its spaces taken out
  (FandolFang.ttf for "FandolFang", NotoSerifCJKSC.ttf for "Noto Serif CJK SC"; no style
  word such as Bold in the name): otherwise it draws the text in a Latin system font and
  the Chinese glyphs are missing from its render.

docgen's own PDF is rendered by PyMuPDF at the same resolution, so the two renders are
compared pixel for pixel: `agreement` is the share of one render's dark pixels that have
a dark pixel of the other within a given distance.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MM = 72 / 25.4                  # points per millimetre
_OFD2IMG_UNIT = 200 / 25.4      # ofd2img's PDF draws 1 mm as 200/25.4 units (its DrawPDF.OP)
DARK = 128                      # a pixel is dark when its grey value is below this


@dataclass
class OfdLine:
    """The text runs of one page that share a baseline (within 1 pt), left to right."""
    text: str
    x0: float                   # pt from the page's left edge
    baseline: float             # pt from the page's top edge


def read_lines(ofd_path: Path) -> list[list[OfdLine]]:
    """Each page's lines as ofdkit reads them, in points, top to bottom."""
    import ofdkit

    pages = []
    with ofdkit.open(str(ofd_path)) as document:
        for page in document.pages:
            runs = sorted((run for run in page.runs if run.text.strip()), key=lambda r: (r.y, r.x))
            lines: list[list] = []
            for run in runs:
                if lines and abs(run.y - lines[-1][0].y) * MM < 1:
                    lines[-1].append(run)
                else:
                    lines.append([run])
            pages.append([OfdLine(re.sub(r"\s", "", "".join(r.text for r in sorted(line, key=lambda r: r.x))),
                                  min(r.x for r in line) * MM, line[0].y * MM) for line in lines])
    return pages


def render_ofd(ofd_path: Path, pages: list[int], dpi: int, workdir: Path) -> tuple[int, dict[int, np.ndarray]]:
    """The number of pages of ofd2img's conversion, and the given pages (1-based; -1 the
    last) as RGB arrays at `dpi`. ofd2img registers the embedded fonts in reportlab's
    process-wide registry under their file names (font_1…), so a second document in the
    same process would be drawn in the first one's fonts, and it unpacks the package into
    the current folder: each conversion runs in a process of its own, inside `workdir`."""
    converted = workdir / "ofd2img.pdf"
    subprocess.run([sys.executable, "-c", _CONVERT, str(ofd_path.resolve()), str(converted)],
                   cwd=workdir, check=True, capture_output=True)
    return _render(converted.read_bytes(), pages, dpi / _OFD2IMG_UNIT / 25.4)


_CONVERT = """
import sys
from pathlib import Path
from ofd2img import OFD
reader = OFD()
reader.read(sys.argv[1], fmt="path")
Path(sys.argv[2]).write_bytes(reader.to_pdf())
"""


def render_pdf(pdf_path: Path, pages: list[int], dpi: int) -> tuple[int, dict[int, np.ndarray]]:
    """The PDF's number of pages, and the given pages (1-based; -1 the last) drawn by
    PyMuPDF, as RGB arrays at `dpi`."""
    return _render(pdf_path.read_bytes(), pages, dpi / 72)


def _render(pdf: bytes, pages: list[int], zoom: float) -> tuple[int, dict[int, np.ndarray]]:
    import pymupdf

    images = {}
    with pymupdf.open(stream=pdf, filetype="pdf") as document:
        for number in pages:
            page = document[number - 1 if number > 0 else number]
            pixmap = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
            samples = np.frombuffer(pixmap.samples, dtype=np.uint8)
            images[number] = samples.reshape(pixmap.height, pixmap.width, pixmap.n)[:, :, :3].copy()
        return document.page_count, images


def dark(image: np.ndarray) -> np.ndarray:
    """Pixels darker than mid grey (ITU-R BT.601 luma), red text included."""
    grey = image[:, :, 0] * 0.299 + image[:, :, 1] * 0.587 + image[:, :, 2] * 0.114
    return grey < DARK


def red(image: np.ndarray) -> np.ndarray:
    """Clearly red pixels: the 版头's issuer and rule, the 简报's masthead and rule."""
    r, g, b = (image[:, :, i].astype(int) for i in range(3))
    return (r > 150) & (g < 100) & (b < 100)


def agreement(mask: np.ndarray, other: np.ndarray, radius: int) -> float:
    """Share of `mask`'s set pixels with a set pixel of `other` at most `radius` px away
    (horizontally and vertically: a square neighbourhood). 1.0 when `mask` is empty."""
    height = min(mask.shape[0], other.shape[0])
    width = min(mask.shape[1], other.shape[1])
    mask, other = mask[:height, :width], other[:height, :width]
    if not mask.any():
        return 1.0
    padded = np.pad(other, radius)
    near = np.zeros_like(other)
    for dy in range(2 * radius + 1):
        for dx in range(2 * radius + 1):
            near |= padded[dy:dy + height, dx:dx + width]
    return float((mask & near).sum() / mask.sum())
