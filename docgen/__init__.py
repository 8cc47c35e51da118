"""docgen: annual rule-of-law reports (法治政府建设年度报告) in the official format.

One structured source (YAML under content/) gives the GB/T 9704-2012 DOCX; the
format's numbers live in templates/<profile>/profile.yaml.
"""

__version__ = "0.1.0"
