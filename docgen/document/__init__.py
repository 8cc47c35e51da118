"""Documents as writer-neutral blocks: the report's plan, and the 简报's
selection of content and its layout.
"""
