"""Draw the bundled examples' seal: a clearly fictitious one (示例单位印章 · 样章), never a real seal.

A red ring, a five-pointed star and text: 示例单位印章 along the upper arc, 样章 across
under the star. The characters are written into the SVG as outlines (taken from an
installed OFL font, Noto Serif CJK SC Bold), so the SVG draws the same everywhere
without fonts; the PNG is that SVG drawn by cairosvg, as docgen draws an SVG seal.
Both files are written with fixed bytes: running the script twice gives the same files.

    python scripts/draw-example-seal.py [--font FILE] [--out tests/fixtures/seal]
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import cairosvg
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.ttCollection import TTCollection

FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc")
FAMILY = "Noto Serif CJK SC"
OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seal"
NAME = "example-seal"

RED = "#D7281E"
SIZE = 200                  # the drawing's units across (viewBox); printed 45 mm across
PRINTED = "45mm"
PNG_PX = 600                # the PNG's pixels across
CENTRE = SIZE / 2
RING_RADIUS, RING_WIDTH = 94, 6
ARC_TEXT = "示例单位印章"
ARC_RADIUS, ARC_CHAR = 66, 34          # the characters' centres on this circle, this big
ARC_SPAN_DEG = 220                      # from the first character's centre to the last's
STAR_OUTER = 32
STAR_INNER = STAR_OUTER * math.sin(math.radians(18)) / math.sin(math.radians(126))
LINE_TEXT, LINE_CHAR, LINE_Y = "样章", 28, 150
EM_MIDDLE = 380             # the middle of a CJK em box, font units above the baseline (−120 … 880)


def _font(path: Path) -> TTFont:
    if path.suffix.lower() in (".ttc", ".otc"):
        for font in TTCollection(str(path)).fonts:
            if font["name"].getDebugName(1) == FAMILY:
                return font
        raise SystemExit(f"{path} holds no {FAMILY}")
    return TTFont(str(path))


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _glyph(font: TTFont, char: str, x: float, y: float, size: float, turn_deg: float) -> str:
    """The character's outline as a path, its em box centred on (x, y), turned by turn_deg."""
    glyph_set = font.getGlyphSet()
    name = font.getBestCmap()[ord(char)]
    scale = size / font["head"].unitsPerEm
    turn = math.radians(turn_deg)
    cos, sin = math.cos(turn), math.sin(turn)
    advance = glyph_set[name].width
    # font units (y up, em box centred on the origin) → drawing units (y down), turned, moved to (x, y)
    transform = (scale * cos, scale * sin, scale * sin, -scale * cos,
                 x - scale * (cos * advance / 2 + sin * EM_MIDDLE), y - scale * (sin * advance / 2 - cos * EM_MIDDLE))
    pen = SVGPathPen(glyph_set, ntos=_number)
    glyph_set[name].draw(TransformPen(pen, transform))
    return f'<path d="{pen.getCommands()}"/>'


def _star() -> str:
    points = []
    for i in range(10):
        radius = STAR_OUTER if i % 2 == 0 else STAR_INNER
        angle = math.radians(-90 + 36 * i)
        points.append(f"{_number(CENTRE + radius * math.cos(angle))},{_number(CENTRE + radius * math.sin(angle))}")
    return f'<polygon points="{" ".join(points)}"/>'


def seal_svg(font: TTFont) -> str:
    step = ARC_SPAN_DEG / (len(ARC_TEXT) - 1)
    arc = []
    for i, char in enumerate(ARC_TEXT):
        angle = -ARC_SPAN_DEG / 2 + i * step             # 0: straight up
        x = CENTRE + ARC_RADIUS * math.sin(math.radians(angle))
        y = CENTRE - ARC_RADIUS * math.cos(math.radians(angle))
        arc.append(_glyph(font, char, x, y, ARC_CHAR, angle))
    line_width = LINE_CHAR * len(LINE_TEXT)
    across = [_glyph(font, char, CENTRE - line_width / 2 + LINE_CHAR * (i + 0.5), LINE_Y, LINE_CHAR, 0)
              for i, char in enumerate(LINE_TEXT)]
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{PRINTED}" height="{PRINTED}" viewBox="0 0 {SIZE} {SIZE}">',
        "<title>示例单位印章（样章）: a fictitious seal for docgen's examples</title>",
        f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{RING_RADIUS}" fill="none" stroke="{RED}" '
        f'stroke-width="{RING_WIDTH}"/>',
        f'<g fill="{RED}">',
        _star(), *arc, *across,
        "</g>",
        "</svg>",
        "",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font", type=Path, default=FONT, help=f"an OFL font file with {FAMILY} (default {FONT})")
    parser.add_argument("--out", type=Path, default=OUT, help=f"the folder to write into (default {OUT})")
    args = parser.parse_args()
    svg = seal_svg(_font(args.font)).encode("utf-8")
    png = cairosvg.svg2png(bytestring=svg, output_width=PNG_PX, output_height=PNG_PX, unsafe=False)
    args.out.mkdir(parents=True, exist_ok=True)
    for suffix, data in (("svg", svg), ("png", png)):
        path = args.out / f"{NAME}.{suffix}"
        path.write_bytes(data)
        print(f"wrote {path} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
