"""docgen.xml_text escapes as xml.sax.saxutils does (the DOCX's and the OFD's parts were
written with it, and their bytes must not change), for any text: control characters,
quotes, &, <, >, line breaks, tabs, and text that already looks like an entity."""

from __future__ import annotations

from xml.sax.saxutils import escape as sax_escape
from xml.sax.saxutils import quoteattr as sax_quoteattr

from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

from docgen.xml_text import escape, quoteattr

# Mostly the characters escaping is about, so that mixtures of them are common, and any other.
_SPECIAL = st.sampled_from(list("&<>\"'\n\r\t ;#a中\x00\x01\x0b\x1f\x7f\ufffe"))
TEXTS = st.text(st.one_of(_SPECIAL, st.characters()), max_size=40)


@given(TEXTS)
@example("")
@example("&amp; &lt; <&>")
@example("\"'\"")
@example("a\r\nb\tc\n")
def test_escape_writes_what_saxutils_writes(text):
    assert escape(text) == sax_escape(text)


@given(TEXTS)
@example("")
@example('say "hi"')                # double quotes only: saxutils switches to single quotes
@example("it's \"so\"")             # both: double quotes written as &quot;
@example("tab\there\r\nnext & <last>")
def test_quoteattr_writes_what_saxutils_writes(value):
    assert quoteattr(value) == sax_quoteattr(value)


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40).filter(
    lambda t: all(c in "\t\n\r" or c >= " " for c in t) and "\ufffe" not in t and "\uffff" not in t))
def test_an_xml_parser_reads_back_the_text_and_the_value(text):
    element = etree.fromstring(f"<e a={quoteattr(text)}>{escape(text)}</e>".encode())
    assert element.get("a") == text
    assert (element.text or "") == text.replace("\r\n", "\n").replace("\r", "\n")    # XML 1.0 §2.11
