"""Where the project's data folders are.

docgen is installed editable from its checkout (see the Makefile), so the
format profiles (templates/) and the bundled example (content/) sit next to
the package rather than inside it: clerks edit them as plain files.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PROJECT_ROOT / "templates"
CONTENT_DIR = PROJECT_ROOT / "content"
BUNDLED_EXAMPLE = CONTENT_DIR / "xinwu-2023"
