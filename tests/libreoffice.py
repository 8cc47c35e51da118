"""Render a DOCX to PDF with LibreOffice headless, the way a reader's office suite would.

Each conversion gets its own throw-away profile directory (parallel or stale
LibreOffice profiles otherwise block or alter the run), a timeout, and may be
given a fontconfig file so the official font names resolve to our substitutes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

# LibreOffice (7.4, writerfilter DomainMapper) imports w:overflowPunct inverted:
# it sets "hanging punctuation" when the value is 0, while Word (and ECMA-376)
# read 0 as "punctuation may not extend past the text block". Our DOCX says 0
# for Word; LibreOffice is handed a copy that says what it understands as the same.
_WORD_NO_HANGING = b'<w:overflowPunct w:val="0"/>'
_LIBREOFFICE_NO_HANGING = b'<w:overflowPunct w:val="1"/>'


class RenderError(Exception):
    pass


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_path: Path, out_dir: Path, fontconfig_file: Path | None = None,
                timeout: float = 180) -> Path:
    """Convert; return the PDF's path. Raises RenderError with LibreOffice's output."""
    program = soffice()
    if program is None:
        raise RenderError("LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)")
    env = dict(os.environ)
    if fontconfig_file is not None:
        env["FONTCONFIG_FILE"] = str(fontconfig_file)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docgen-lo-") as work:
        source = Path(work) / "in" / Path(docx_path).name
        _copy_with_word_semantics(Path(docx_path), source)
        command = [program, f"-env:UserInstallation=file://{work}/profile", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(out_dir), str(source)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            raise RenderError(f"LibreOffice did not finish within {timeout:.0f} s") from None
    pdf = out_dir / (Path(docx_path).stem + ".pdf")
    if result.returncode != 0 or not pdf.is_file():
        raise RenderError(f"LibreOffice failed ({result.returncode}): {result.stdout}{result.stderr}")
    return pdf


def _copy_with_word_semantics(docx_path: Path, target: Path) -> None:
    """Copy the package, rewriting only what LibreOffice reads differently from Word."""
    target.parent.mkdir(parents=True)
    with zipfile.ZipFile(docx_path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                data = data.replace(_WORD_NO_HANGING, _LIBREOFFICE_NO_HANGING)
            copy.writestr(info, data)
