"""The web page: the report as one self-contained HTML file for the government website
(信息公开), from the same blocks as the DOCX and PDF, with no fonts loaded."""
