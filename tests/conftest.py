"""Shared fixtures: the bundled report built once, and its LibreOffice rendering.

Tests that need LibreOffice or the fonts skip outside CI (with the reason) but
fail in CI, where .ci/run has installed them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from docgen.build import build
from docgen.fonts.fontconfig import alias_conf
from libreoffice import docx_to_pdf, soffice
from docgen.paths import BUNDLED_EXAMPLE
from docgen.format.profile import load_profile

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "xinwu-2023.txt"
SUBSTITUTE_FAMILIES = ("FandolFang", "WenQuanYi Micro Hei", "AR PL UKai CN", "AR PL UMing CN", "Noto Serif CJK SC")


def require(condition: bool, reason: str) -> None:
    """Skip outside CI; in CI a missing tool is a failure, never a silent skip."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must install it: see .ci/run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def profile():
    return load_profile()


@pytest.fixture(scope="session")
def built_docx(tmp_path_factory, profile) -> Path:
    out = tmp_path_factory.mktemp("build")
    [path] = build(BUNDLED_EXAMPLE, profile, ("docx",), out).paths
    return path


def _substitutes_installed() -> bool:
    if shutil.which("fc-list") is None:
        return False
    import subprocess
    families = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    return all(name in families for name in SUBSTITUTE_FAMILIES)


@pytest.fixture(scope="session")
def substitute_fonts() -> None:
    require(_substitutes_installed(), "the open substitute fonts are not installed (make system)")


@pytest.fixture(scope="session")
def built_pdf(tmp_path_factory, profile, substitute_fonts) -> Path:
    [path] = build(BUNDLED_EXAMPLE, profile, ("pdf",), tmp_path_factory.mktemp("pdf")).paths
    return path


@pytest.fixture(scope="session")
def fontconfig_file(tmp_path_factory, profile, substitute_fonts) -> Path:
    path = tmp_path_factory.mktemp("fontconfig") / "fonts.conf"
    path.write_text(alias_conf(profile, standalone=True), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def rendered_pdf(tmp_path_factory, built_docx, fontconfig_file) -> Path:
    require(soffice() is not None, "LibreOffice is not installed (make system-test)")
    return docx_to_pdf(built_docx, tmp_path_factory.mktemp("rendered"), fontconfig_file)
