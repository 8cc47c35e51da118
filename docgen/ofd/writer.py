"""The official-format report as OFD (GB/T 33190-2016), drawn from the PDF's layout.

pages.lay_out sets the blocks once; this module walks the same pages (pages.PageWalker)
and writes what the PDF draws as OFD page objects: a TextObject per run of one style,
its TextCode's DeltaX putting each glyph where the PDF puts it; a PathObject per rule;
an ImageObject per seal. OFD counts millimetres from the page's top-left corner
(GB/T 33190 §7.3); the walker counts points from the bottom-left, converted here.
package.py puts the parts together.
"""

from __future__ import annotations

from docgen.document.blocks import DocumentInfo, Picture, Rule
from docgen.format.cjk import IDEOGRAPHIC_ASCENT
from docgen.format.profile import Profile
from docgen.format.units import pt_to_mm
from docgen.ofd.package import Resources, mm, package
from docgen.pdf.fonts import PdfFonts
from docgen.pdf.layout import Typesetter
from docgen.pdf.pages import FAKE_BOLD_STROKE_EM, Layout, PageWalker, baseline
from docgen.pdf.typeset import Line
from docgen.xml_text import escape

# A TextObject's boundary runs this many em below its baseline, room for descenders.
BOUNDARY_DESCENT_EM = 0.3


def _color(hex_rgb: str) -> str:
    """ct:Color's Value: "r g b" in 0–255 (GB/T 33190 §8.3.2)."""
    return " ".join(str(int(hex_rgb[i:i + 2], 16)) for i in (0, 2, 4))


class _OfdPages(PageWalker):
    """Each page's objects as the XML of its ofd:Layer."""

    def __init__(self, profile: Profile, typesetter: Typesetter, resources: Resources):
        super().__init__(profile, typesetter)
        self.resources = resources
        self.bold_width = mm(pt_to_mm(FAKE_BOLD_STROKE_EM * profile.body.size_pt))
        self.page_box = f"0 0 {mm(profile.page.width_mm)} {mm(profile.page.height_mm)}"
        self.objects: list[str] = []
        self.pages: list[str] = []

    def _y(self, y_pt: float) -> float:
        return pt_to_mm(self.page_height - y_pt)

    def begin_page(self) -> None:
        self.objects = []

    def end_page(self) -> None:
        self.pages.append("".join(self.objects))

    def text(self, line: Line, origin: float, line_top: float, box: float) -> None:
        glyphs = line.glyphs
        start = 0
        while start < len(glyphs):
            end = start + 1
            style = glyphs[start].style
            # a span's glyphs share one style object: `is` answers most without comparing fields
            while end < len(glyphs) and (glyphs[end].style is style or glyphs[end].style == style):
                end += 1
            self._run(line, origin, start, end, baseline(line_top, box, style.size))
            start = end

    def _run(self, line: Line, origin: float, start: int, end: int, base: float) -> None:
        """One TextObject: the glyphs start…end of the line, of one style, on one baseline."""
        style = line.glyphs[start].style
        chars = "".join(g.char for g in line.glyphs[start:end])
        xs = [round(pt_to_mm(origin + line.x[i]), 3) for i in range(start, end)]
        size = pt_to_mm(style.size)
        right = pt_to_mm(origin + line.x[end - 1] + line.glyphs[end - 1].width)
        top = self._y(base) - size
        if style.marked:                # a draft's open item on the mark colour, under its text
            self._fill_box(xs[0], self._y(base) - IDEOGRAPHIC_ASCENT * size, right - xs[0], size)
        font = self.resources.font(style.font, chars)
        stroke = f' Stroke="true" LineWidth="{self.bold_width}"' if style.bold else ""
        colour = _color(style.color)
        stroke_colour = f'<ofd:StrokeColor Value="{colour}"/>' if style.bold else ""
        deltas = " ".join(mm(b - a) for a, b in zip(xs, xs[1:]))
        delta_attr = f' DeltaX="{deltas}"' if deltas else ""
        self.objects.append(
            f'<ofd:TextObject ID="{self.resources.new_id()}" '
            f'Boundary="{mm(xs[0])} {mm(top)} {mm(right - xs[0])} {mm(size * (1 + BOUNDARY_DESCENT_EM))}" '
            f'Font="{font}" Size="{mm(size)}"{stroke}>'
            f'<ofd:FillColor Value="{colour}"/>{stroke_colour}'
            f'<ofd:TextCode X="0" Y="{mm(size)}"{delta_attr}>{escape(chars)}</ofd:TextCode></ofd:TextObject>')

    def _fill_box(self, x: float, y: float, width: float, height: float) -> None:
        """A box filled with the draft's mark colour, its top-left corner at (x, y), mm."""
        self.objects.append(
            f'<ofd:PathObject ID="{self.resources.new_id()}" Boundary="{mm(x)} {mm(y)} {mm(width)} {mm(height)}" '
            f'Stroke="false" Fill="true"><ofd:FillColor Value="{_color(self.profile.draft.mark)}"/>'
            f'<ofd:AbbreviatedData>M 0 0 L {mm(width)} 0 L {mm(width)} {mm(height)} L 0 {mm(height)} C'
            '</ofd:AbbreviatedData></ofd:PathObject>')

    def rule(self, rule: Rule, segments: list[tuple[float, float, float, float]]) -> None:
        """The segments as one PathObject on the page's box, its coordinates the page's."""
        data = " ".join(f"M {mm(pt_to_mm(x0))} {mm(self._y(y0))} L {mm(pt_to_mm(x1))} {mm(self._y(y1))}"
                        for x0, y0, x1, y1 in segments)
        self.objects.append(
            f'<ofd:PathObject ID="{self.resources.new_id()}" Boundary="{self.page_box}" '
            f'LineWidth="{mm(rule.width_mm)}" Stroke="true" Fill="false">'
            f'<ofd:StrokeColor Value="{_color(rule.color)}"/>'
            f'<ofd:AbbreviatedData>{data}</ofd:AbbreviatedData></ofd:PathObject>')

    def picture(self, picture: Picture, x: float, y: float) -> None:
        """An ImageObject: the unit square mapped onto its boundary by the CTM (§10.2)."""
        width, height = pt_to_mm(picture.width_pt), pt_to_mm(picture.height_pt)
        top = self._y(y) - height
        self.objects.append(
            f'<ofd:ImageObject ID="{self.resources.new_id()}" '
            f'Boundary="{mm(pt_to_mm(x))} {mm(top)} {mm(width)} {mm(height)}" '
            f'CTM="{mm(width)} 0 0 {mm(height)} 0 0" ResourceID="{self.resources.image(picture.png)}"/>')


def draw(layout: Layout, profile: Profile, fonts: PdfFonts, info: DocumentInfo) -> bytes:
    """The OFD of a layout (pages.lay_out), the same pages as its PDF."""
    resources = Resources()
    walker = _OfdPages(profile, layout.typesetter, resources)
    for number, lines in enumerate(layout.pages, start=1):
        walker.page(lines, number, info.draft)
    return package(walker.pages, resources, fonts, profile, info)
