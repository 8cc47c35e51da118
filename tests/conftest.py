"""Shared fixtures: the bundled report built once, and its LibreOffice rendering.

Tests that need LibreOffice or the fonts skip outside CI (with the reason) but
fail in CI, where .ci/run has installed them. No test reads the user's
configuration or writes the user's font cache (isolated_settings).
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from docgen.build import build
from docgen.fonts.fontconfig import alias_conf
from docgen.format.profile import load_profile
from docgen.paths import BUNDLED_EXAMPLE
from libreoffice import docx_to_pdf, soffice

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "xinwu-2023.txt"
SUBSTITUTE_FAMILIES = ("FandolFang", "WenQuanYi Micro Hei", "AR PL UKai CN", "AR PL UMing CN", "Noto Serif CJK SC")


@pytest.fixture(scope="session", autouse=True)
def isolated_settings(request, tmp_path_factory):
    """No configuration file, and a font cache of the tests' own. The cache lives in pytest's
    cache folder (.pytest_cache/d/docgen-fonts), so the fonts are prepared once per checkout,
    not at every run; a test that needs a cold cache sets DOCGEN_CACHE_DIR itself."""
    cache = getattr(request.config, "cache", None)      # None under -p no:cacheprovider
    fonts = cache.mkdir("docgen-fonts") if cache is not None else tmp_path_factory.mktemp("docgen-fonts")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOCGEN_CONFIG", str(tmp_path_factory.mktemp("config") / "config.yaml"))
        patch.setenv("DOCGEN_CACHE_DIR", str(fonts))
        yield


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
    families = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False).stdout
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


@pytest.fixture(scope="session")
def substitute_files(substitute_fonts) -> dict[str, Path]:
    """The installed substitute font file of each role (FandolFang: CFF; AR PL UMing: TrueType .ttc)."""
    from docgen.fonts.choose import choose_fonts, installed_fonts
    from docgen.fonts.config import Config
    return {role: choice.file for role, choice in choose_fonts(load_profile(), Config({}), installed_fonts()).items()}


def small_font(source: Path, index: int, text: str, target: Path) -> Path:
    """A piece of an installed font: only the glyphs of `text` (and .notdef), outlines kept as they are."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    font = TTFont(source, fontNumber=index, recalcTimestamp=False)
    options = subset.Options()
    options.notdef_outline = True
    options.layout_features = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    font.save(target)
    return target


# Characters that docgen itself writes (numbers, dates, page numbers, labels) or a profile holds.
PROFILE_TEXT = "".join(p.read_text(encoding="utf-8")
                       for p in (Path(__file__).parent.parent / "templates").rglob("*.yaml"))
MADE_TEXT = "一二三四五六七八九十〇年月日第期共印份报送发编（）、：；。，— 0123456789" + PROFILE_TEXT


@pytest.fixture(scope="session")
def small_cff_font(tmp_path_factory, substitute_files) -> Path:
    """FandolFang (CFF outlines) cut to what the all-elements report and its 简报 need, plus 們 (not GB 2312)."""
    text = (FIXTURES / "all-elements" / "report.yaml").read_text(encoding="utf-8") + MADE_TEXT + "們们A"
    return small_font(substitute_files["fangsong"], 0, text, tmp_path_factory.mktemp("fonts") / "small-cff.otf")


@pytest.fixture(scope="session")
def small_truetype_font(tmp_path_factory, substitute_files) -> Path:
    """AR PL UMing (TrueType outlines) cut to a few characters: GB 2312 ones, ASCII and 們 (not GB 2312)."""
    return small_font(substitute_files["songti"], 0, "们們法治A1。", tmp_path_factory.mktemp("fonts") / "small-tt.ttf")


@contextmanager
def file_size_limit(limit: int):
    """Writing past `limit` bytes fails with EFBIG ("File too large"), as on a full disk; SIGXFSZ,
    which would kill the process, is ignored meanwhile."""
    import resource
    import signal
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)
