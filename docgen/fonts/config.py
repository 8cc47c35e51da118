"""The user's configuration file: font files for roles, and a fallback font.

    fonts:
      fangsong: /path/to/仿宋_GB2312.ttf
      songti: {file: /path/to/simsun.ttc, index: 0}
    fallback: /path/to/uming.ttc            # for characters a role's font lacks

It is $DOCGEN_CONFIG, else $XDG_CONFIG_HOME/docgen/config.yaml. It is checked
completely when read — every key, type, file and face — and every problem is
reported at once with its file:line:column, so that a typo never surfaces as a
traceback halfway through drawing a PDF.
"""

from __future__ import annotations

import os
from pathlib import Path

from docgen.content.model import Location
from docgen.fonts.prep import face_count
from docgen.record import record
from docgen.settings import MISSING, Settings, SettingsErrors, between, shown

MAX_FACE_INDEX = 255


class ConfigError(SettingsErrors):
    """The configuration file has problems; each is located."""

    what = "the configuration file"


@record
class ConfiguredFont:
    file: Path
    index: int                      # face in a .ttc collection
    where: Location                 # where the configuration names it


@record
class Config:
    fonts: dict[str, ConfiguredFont]
    fallback: ConfiguredFont | None = None
    path: Path | None = None


def config_path() -> Path:
    """$DOCGEN_CONFIG, else $XDG_CONFIG_HOME/docgen/config.yaml (~/.config/docgen/config.yaml)."""
    if os.environ.get("DOCGEN_CONFIG"):
        return Path(os.environ["DOCGEN_CONFIG"])
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "docgen" / "config.yaml"


def read_config(path: Path | None = None) -> Config:
    """The configuration (empty if there is no file), or ConfigError naming every problem."""
    path = path or config_path()
    if not os.path.lexists(path):
        return Config({}, None, path)
    settings = Settings.read(path)
    if settings.problems:
        raise ConfigError(settings.problems)
    settings.mark_read("fonts")
    settings.mark_read("fallback")
    fonts = {}
    if settings.raw("fonts") is not MISSING:
        for role in settings.keys("fonts"):
            font = _font_entry(settings, f"fonts.{role}")
            if font is not None:
                fonts[role] = font
    fallback = _font_entry(settings, "fallback") if settings.raw("fallback") is not MISSING else None
    settings.note_unknown_keys()
    if settings.problems:
        raise ConfigError(settings.problems)
    return Config(fonts, fallback, path)


def _font_entry(settings: Settings, dotted: str) -> ConfiguredFont | None:
    """A font file, given as its path or as {file: path, index: face}; the file must be a font
    with that face."""
    if isinstance(settings.raw(dotted), dict):
        file_key, index = f"{dotted}.file", settings.get(f"{dotted}.index", int, 0, between(0, MAX_FACE_INDEX))
    else:
        file_key, index = dotted, 0
    name = settings.get(file_key, str)
    if not name:
        return None
    path = Path(name).expanduser()
    where = settings.where(file_key)
    try:
        faces = face_count(path)
    except OSError as exc:
        settings.problem(file_key, f"cannot read the font file {path}: {exc.strerror or exc}")
        return None
    if faces is None:
        settings.problem(file_key, f"{path} is not a TrueType or OpenType font file (.ttf, .otf, .ttc)")
    elif index >= faces:
        settings.problem(f"{dotted}.index", f"the file has {faces} face(s), numbered from 0; got {shown(index)}")
    else:
        return ConfiguredFont(path, index, where)
    return None
