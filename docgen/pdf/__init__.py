"""The PDF writer: docgen's own Chinese typesetter and page layout (no reportlab),
and the drawing on reportlab's canvas with embedded, prepared fonts.
"""
