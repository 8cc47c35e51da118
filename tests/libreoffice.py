"""Render a DOCX to PDF with LibreOffice headless, the way a reader's office suite would.

Each conversion gets its own throw-away profile directory (parallel or stale
LibreOffice profiles otherwise block or alter the run), a timeout, and may be
given a fontconfig file so the official font names resolve to our substitutes.

LibreOffice (7.4) reads two settings of our DOCX differently from Word, and
the copy it renders is mended so that it sets what Word sets:
- w:overflowPunct: its DOCX import (writerfilter DomainMapper) sets "hanging
  punctuation" when the value is 0, while Word and ECMA-376 read 0 as
  "punctuation may not extend past the text block"; the copy says 1.
- w:autoSpaceDE / w:autoSpaceDN = 0 (no extra space between Chinese and
  digits or Latin letters): the import ignores both (DomainMapper: `case
  LN_CT_PPrBase_autoSpaceDE: break;`) and keeps its default of about ¼ em
  (3.5 pt at 16 pt) around every number. No DOCX markup reaches that setting,
  so the copy goes through LibreOffice's own flat ODT, where it is the
  paragraph property style:text-autospace, set to "none" there.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

_WORD_NO_HANGING = b'<w:overflowPunct w:val="0"/>'
_LIBREOFFICE_NO_HANGING = b'<w:overflowPunct w:val="1"/>'
_AUTOSPACE = re.compile(r'style:text-autospace="[^"]*"')


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
        sources = [Path(work) / "in" / Path(path).name for path in docx_paths]
        for path, source in zip(docx_paths, sources):
            _copy_with_word_semantics(Path(path), source)
        flat = _convert(program, work, "fodt", sources, Path(work) / "flat", env, timeout)
        for document in flat:
            _without_autospace(document)
        return _convert(program, work, "pdf", flat, out_dir, env, timeout)


def docx_to_docx(docx_path: Path, out_dir: Path, timeout: float = 180) -> Path:
    """LibreOffice's own save of the DOCX as DOCX (opened as shipped, nothing mended)."""
    program = soffice()
    if program is None:
        raise RenderError("LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory(prefix="docgen-lo-") as work:
        source = Path(work) / "in" / Path(docx_path).name
        source.parent.mkdir()
        shutil.copyfile(docx_path, source)
        return _convert(program, work, "docx", [source], out_dir, dict(os.environ), timeout)[0]


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


def _copy_with_word_semantics(docx_path: Path, target: Path) -> None:
    """Copy the package, rewriting only what LibreOffice's DOCX import reads differently from Word."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(docx_path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                data = data.replace(_WORD_NO_HANGING, _LIBREOFFICE_NO_HANGING)
            copy.writestr(info, data)


def _without_autospace(flat_odt: Path) -> None:
    """No extra space between Chinese and Latin text, as the DOCX's autoSpaceDE/DN = 0 say."""
    text = flat_odt.read_text(encoding="utf-8")
    text, count = _AUTOSPACE.subn('style:text-autospace="none"', text)
    if not count:
        raise RenderError(f"{flat_odt.name}: LibreOffice wrote no text-autospace to switch off")
    flat_odt.write_text(text, encoding="utf-8")
