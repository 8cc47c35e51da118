"""The official format's rules: the profile (every number of GB/T 9704, once),
units, Chinese text rules, title breaking and sentences.
"""
