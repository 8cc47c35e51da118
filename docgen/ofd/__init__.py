"""The OFD writer (GB/T 33190-2016): the PDF's pages, drawn as an OFD package."""
