"""Fonts: which file draws each role (configured, official, substitute), the
preparation cache, and fontconfig rules for LibreOffice.
"""
