"""Render a DOCX to PDF with LibreOffice headless, the way a reader's office suite would.

Each conversion gets its own throw-away profile directory (parallel or stale
LibreOffice profiles otherwise block or alter the run), a timeout, and may be
given a fontconfig file so the official font names resolve to our substitutes.

The DOCX is rendered as shipped: nothing in it is mended for LibreOffice.
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
    return docx_files_to_pdf([docx_path], out_dir, fontconfig_file, timeout)[0]


def docx_files_to_pdf(docx_paths: list[Path], out_dir: Path, fontconfig_file: Path | None = None,
                      timeout: float = 180) -> list[Path]:
    """Convert several DOCX files in one LibreOffice run each way; the PDFs' paths in order."""
    program = soffice()
    if program is None:
        raise RenderError("LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)")
    env = dict(os.environ)
    if fontconfig_file is not None:
        env["FONTCONFIG_FILE"] = str(fontconfig_file)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docgen-lo-") as work:
        return _convert(program, work, "pdf", [Path(path) for path in docx_paths], out_dir, env, timeout)


def docx_to_docx(docx_path: Path, out_dir: Path, timeout: float = 180) -> Path:
    """LibreOffice's own save of the DOCX as DOCX (opened as shipped, nothing mended)."""
    return _save_as(docx_path, out_dir, "docx", timeout)


def docx_to_text(docx_path: Path, out_dir: Path, timeout: float = 180) -> Path:
    """The DOCX as LibreOffice saves it as plain text: each paragraph a line, list labels included."""
    return _save_as(docx_path, out_dir, "txt", timeout)


def _save_as(docx_path: Path, out_dir: Path, fmt: str, timeout: float) -> Path:
    program = soffice()
    if program is None:
        raise RenderError("LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory(prefix="docgen-lo-") as work:
        source = Path(work) / "in" / Path(docx_path).name
        source.parent.mkdir()
        shutil.copyfile(docx_path, source)
        return _convert(program, work, fmt, [source], out_dir, dict(os.environ), timeout)[0]


def _convert(program: str, work: str, fmt: str, sources: list[Path], out_dir: Path, env: dict,
             timeout: float) -> list[Path]:
    command = [program, f"-env:UserInstallation=file://{work}/profile", "--headless", "--norestore",
               "--convert-to", fmt, "--outdir", str(out_dir), *map(str, sources)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        raise RenderError(f"LibreOffice did not finish within {timeout:.0f} s") from None
    outputs = [out_dir / f"{source.stem}.{fmt}" for source in sources]
    if result.returncode != 0 or not all(path.is_file() for path in outputs):
        raise RenderError(f"LibreOffice failed ({result.returncode}): {result.stdout}{result.stderr}")
    return outputs
