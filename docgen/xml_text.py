"""Text and attribute values written into XML, escaped exactly as xml.sax.saxutils's escape and
quoteattr do, for the packages (DOCX, OFD) that write their parts as text.

Not xml.sax.saxutils itself: that module imports urllib.request, http.client and the e-mail
package, ~17 ms of the start of every process that writes a DOCX or an OFD.
"""

from __future__ import annotations


def escape(text: str) -> str:
    """text for an element's content: &, <, > as entities (& first, so none is escaped twice)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(value: str) -> str:
    """value as a quoted attribute: escaped, line breaks and tabs as character references (an
    XML parser would normalise them to spaces, XML 1.0 §3.3.3), in double quotes — in single
    quotes if it holds a double quote but no single one, else with the double quotes as &quot;."""
    value = escape(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'
