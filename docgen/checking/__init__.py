"""Checks before publishing: the content's text against the national rules (lint findings),
and a finished Word or PDF file against the format profile (format_report rows)."""
