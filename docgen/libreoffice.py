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
from pathlib import Path


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
    with tempfile.TemporaryDirectory(prefix="docgen-lo-") as profile_dir:
        command = [program, f"-env:UserInstallation=file://{profile_dir}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(out_dir), str(docx_path)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            raise RenderError(f"LibreOffice did not finish within {timeout:.0f} s") from None
    pdf = out_dir / (Path(docx_path).stem + ".pdf")
    if result.returncode != 0 or not pdf.is_file():
        raise RenderError(f"LibreOffice failed ({result.returncode}): {result.stdout}{result.stderr}")
    return pdf
