"""Reading and understanding a report's content: the model, YAML with positions,
sandboxed text templates, resolution (templates rendered once, headings numbered),
figures, drafts and next year's rollover. Nothing here knows about looks or formats.
"""
