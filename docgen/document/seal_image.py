"""A seal image as the PNG both writers place, at the size the profile prints it.

The loader has read the seal and checked that its bytes are what its name says
(content/images.py). A PNG goes to the writers as the clerk sent it (the DOCX
embeds it, the PDF draws it), so the same file gives the same bytes. An SVG is
drawn here once, by cairosvg (imported only for an SVG: it needs libcairo2), at
its printed size and the profile's raster_dpi: the SVG arrives by mail, so it
is drawn without entities, external files, links or data: URLs (every fetch gets
an empty image) and a failure is the clerk's located error, never a traceback.
cairo writes no time into a PNG: the same SVG gives the same bytes.
"""

from __future__ import annotations

import functools

from docgen.content.model import NOWHERE, Seal
from docgen.errors import ContentError, ContentErrors
from docgen.format.units import MM_PER_INCH

_EMPTY_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'


def printed_size_mm(seal: Seal, diameter_mm: float) -> tuple[float, float]:
    """(width, height) the seal is printed at: its longer side the profile's diameter, its aspect kept."""
    longer = max(seal.width_px, seal.height_px)
    return diameter_mm * seal.width_px / longer, diameter_mm * seal.height_px / longer


def seal_png(seal: Seal, width_mm: float, height_mm: float, dpi: int) -> bytes:
    """The seal as PNG bytes: a PNG as it is, an SVG drawn at width_mm × height_mm and dpi."""
    if seal.kind == "png":
        return seal.data
    size = (max(1, round(width_mm / MM_PER_INCH * dpi)), max(1, round(height_mm / MM_PER_INCH * dpi)))
    try:
        return _drawn(seal.data, *size)
    except Exception as exc:    # untrusted SVG into a third-party renderer: whatever it raises
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        message = f"{seal.name}: docgen cannot draw this SVG image ({reason}); send the seal as a PNG"
        raise ContentErrors([ContentError(seal.where or NOWHERE, "seal", message)]) from None


@functools.lru_cache(maxsize=8)
def _drawn(svg: bytes, width_px: int, height_px: int) -> bytes:
    """The SVG drawn by cairosvg (both writers plan the signature: drawn once)."""
    import cairosvg.surface  # type: ignore[import-untyped]  # pyproject lists no stubs for it

    return cairosvg.surface.PNGSurface.convert(bytestring=svg, output_width=width_px, output_height=height_px,
                                               unsafe=False, url_fetcher=_fetch_nothing)


def _fetch_nothing(url: str, resource_type: str) -> bytes:
    """What an SVG seal may load from elsewhere (files, the network, data: URLs): nothing."""
    return _EMPTY_SVG
