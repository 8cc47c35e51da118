"""The DOCX writer: blocks → WordprocessingML on a minimal, reproducible package.
"""
