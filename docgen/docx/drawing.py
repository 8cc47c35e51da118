"""A floating picture (a seal) as DrawingML: a w:r holding a wp:anchor.

The picture is anchored to its paragraph and placed from the text block's left
edge (relativeFrom "margin") and from the paragraph's top (relativeFrom
"paragraph"), so that it lands where the plan put it whatever page the paragraph
falls on; both Word and LibreOffice 7.4 place such an anchor exactly. It takes
no room (wrapNone) and lies behind the text (behindDoc), as the PDF draws it
(blocks.Picture). The image part itself is added by the writer (package.py).
"""

from __future__ import annotations

from lxml import etree

from docgen.document.blocks import Picture

EMU_PER_PT = 12700
_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
# Word's own pictures start their stacking order here; each later one lies above the one before.
_FIRST_RELATIVE_HEIGHT = 251658240


def _el(parent: etree._Element | None, qualified: str, **attrs: str | int) -> etree._Element:
    prefix, local = qualified.split(":")
    tag = f"{{{_NS[prefix]}}}{local}"
    element = etree.Element(tag, nsmap=_NS) if parent is None else etree.SubElement(parent, tag)
    for key, value in attrs.items():
        element.set(f"{{{_NS['r']}}}embed" if key == "r_embed" else key, str(value))
    return element


def _emu(pt: float) -> int:
    return round(pt * EMU_PER_PT)


def anchored_picture(picture: Picture, rel_id: str, number: int) -> etree._Element:
    """A run holding the picture, floating behind the text: its top left corner
    (centre_x − width/2) from the text block's left edge and (centre_y − height/2)
    from the top of the paragraph's first line. `number` is unique in the document."""
    run = _el(None, "w:r")
    drawing = _el(run, "w:drawing")
    anchor = _el(drawing, "wp:anchor", distT=0, distB=0, distL=0, distR=0, simplePos=0,
                 relativeHeight=_FIRST_RELATIVE_HEIGHT + number, behindDoc=1, locked=0, layoutInCell=1,
                 allowOverlap=1)
    _el(anchor, "wp:simplePos", x=0, y=0)
    for axis, relative_from, offset in (("H", "margin", picture.centre_x_pt - picture.width_pt / 2),
                                        ("V", "paragraph", picture.centre_y_pt - picture.height_pt / 2)):
        position = _el(anchor, f"wp:position{axis}", relativeFrom=relative_from)
        _el(position, "wp:posOffset").text = str(_emu(offset))
    width, height = _emu(picture.width_pt), _emu(picture.height_pt)
    _el(anchor, "wp:extent", cx=width, cy=height)
    _el(anchor, "wp:effectExtent", l=0, t=0, r=0, b=0)
    _el(anchor, "wp:wrapNone")
    name = f"印章 {number}"
    _el(anchor, "wp:docPr", id=number, name=name, descr=picture.description)
    frame = _el(anchor, "wp:cNvGraphicFramePr")
    _el(frame, "a:graphicFrameLocks", noChangeAspect=1)
    data = _el(_el(anchor, "a:graphic"), "a:graphicData", uri=_NS["pic"])
    pic = _el(data, "pic:pic")
    properties = _el(pic, "pic:nvPicPr")
    _el(properties, "pic:cNvPr", id=number, name=name, descr=picture.description)
    _el(properties, "pic:cNvPicPr")
    fill = _el(pic, "pic:blipFill")
    _el(fill, "a:blip", r_embed=rel_id)
    _el(_el(fill, "a:stretch"), "a:fillRect")
    shape = _el(pic, "pic:spPr")
    transform = _el(shape, "a:xfrm")
    _el(transform, "a:off", x=0, y=0)
    _el(transform, "a:ext", cx=width, cy=height)
    _el(_el(shape, "a:prstGeom", prst="rect"), "a:avLst")
    return run
