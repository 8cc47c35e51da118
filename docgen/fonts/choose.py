"""Which font file draws each font role in the PDF.

Resolution per role, first found wins:
1. a font file the user named in the configuration file (see `config_path`);
2. the official font, if installed (by family name or the usual Windows file name);
3. the open substitute from templates/fonts/substitutes.yaml (Debian packages).
The configuration file itself is read and checked by config.py; making the
chosen file usable and quick to load is cache.py's job.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from docgen.fonts.config import Config, ConfiguredFont, config_path
from docgen.fonts.fontconfig import load_substitutes
from docgen.format.profile import Profile
from docgen.record import record

# fontconfig weights: 200 is bold.
_BOLD_WEIGHT = 200


class FontError(Exception):
    """No usable font for a role, or a refused substitute."""


@record
class FontChoice:
    role: str
    family: str
    file: Path
    index: int                      # face in a .ttc collection
    origin: str                     # configured | official | substitute
    package: str | None = None      # the Debian package of a substitute

    @property
    def is_substitute(self) -> bool:
        return self.origin == "substitute"


@record
class InstalledFont:
    families: tuple[str, ...]
    file: Path
    index: int
    weight: int


# What fontconfig reads to know the fonts: the same values give the same listing.
_FONTCONFIG_ENVIRONMENT = ("PATH", "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                           "FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT")
_LISTINGS: dict[tuple[str | None, ...], list[InstalledFont]] = {}


def installed_fonts() -> list[InstalledFont]:
    """Every font fontconfig knows, with all its family names. Asked once per process and
    fontconfig environment: running fc-list takes 10–15 ms, and a batch worker or `docgen
    watch` builds many times (a font installed meanwhile is seen by the next process)."""
    key = tuple(os.environ.get(name) for name in _FONTCONFIG_ENVIRONMENT)
    if key not in _LISTINGS:
        _LISTINGS[key] = _listing()
    return list(_LISTINGS[key])


def _listing() -> list[InstalledFont]:
    if shutil.which("fc-list") is None:
        return []
    listing = subprocess.run(["fc-list", "--format", "%{family}\t%{file}\t%{index}\t%{weight}\n"],
                             capture_output=True, text=True, check=False).stdout
    fonts = []
    for line in listing.splitlines():
        parts = line.split("\t")
        if len(parts) != 4 or not parts[1]:
            continue
        family, file, index, weight = parts
        fonts.append(InstalledFont(tuple(f.strip() for f in family.split(",")), Path(file),
                                   int(index or 0), int(float(weight or 80))))
    return fonts


def choose_fonts(profile: Profile, config: Config, installed: list[InstalledFont]) -> dict[str, FontChoice]:
    """A font for every role of the profile, or FontError saying what to install."""
    unknown = [role for role in config.fonts if role not in profile.fonts]
    if unknown:
        raise FontError("\n".join(f"{config.fonts[role].where}: fonts.{role}: unknown font role (roles of the "
                                  f"profile {profile.name}: {', '.join(sorted(profile.fonts))})" for role in unknown))
    substitutes = load_substitutes()
    choices, missing = {}, []
    for role, font in profile.fonts.items():
        choice = (_configured(role, config.fonts.get(role))
                  or _official(role, font.names, font.files, installed)
                  or _substitute(role, substitutes.get(role), installed))
        if choice is None:
            missing.append(role)
        else:
            choices[role] = choice
    if missing:
        raise FontError(_install_hint(profile, missing, substitutes))
    return choices


def fallback_font(config: Config) -> FontChoice | None:
    """The font for characters the role's font lacks, if the user named one."""
    return _configured("fallback", config.fallback)


def _configured(role: str, entry: ConfiguredFont | None) -> FontChoice | None:
    if entry is None:
        return None
    return FontChoice(role, entry.file.stem, entry.file, entry.index, "configured")


def _official(role: str, names: tuple[str, ...], files: tuple[str, ...],
              installed: list[InstalledFont]) -> FontChoice | None:
    wanted_files = {f.lower() for f in files}
    for font in installed:
        family = next((n for n in names if n in font.families), None)
        if family or font.file.name.lower() in wanted_files:
            return FontChoice(role, family or font.families[0], font.file, font.index, "official")
    return None


def _substitute(role: str, substitute, installed: list[InstalledFont]) -> FontChoice | None:
    if substitute is None:
        return None
    candidates = [f for f in installed if substitute.family in f.families]
    if substitute.weight == "bold":
        candidates = [f for f in candidates if f.weight >= _BOLD_WEIGHT]
    if not candidates:
        return None
    best = min(candidates, key=lambda f: (str(f.file), f.index))
    return FontChoice(role, substitute.family, best.file, best.index, "substitute", substitute.package)


def _install_hint(profile: Profile, roles: list[str], substitutes) -> str:
    lines = ["no font for: " + ", ".join(f"{r} ({profile.fonts[r].name})" for r in roles)]
    packages = sorted({substitutes[r].package for r in roles if r in substitutes})
    if shutil.which("apt-get") and packages:
        lines.append(f"install the open substitutes: sudo apt-get install {' '.join(packages)}"
                     " (or run `make system`)")
    else:
        lines.append("install the official fonts, or these open fonts: "
                     + ", ".join(substitutes[r].family for r in roles if r in substitutes))
    lines.append(f"or name a font file per role in {config_path()} (fonts: {{{roles[0]}: /path/to/font.ttf}})")
    return "\n".join(lines)


def refuse_substitutes(choices: dict[str, FontChoice]) -> None:
    """Strict mode: only the official (or configured) fonts are acceptable."""
    substitutes = [c for c in choices.values() if c.is_substitute]
    if substitutes:
        raise FontError("strict fonts: substitutes would be used for "
                        + ", ".join(f"{c.role} ({c.family})" for c in substitutes)
                        + "; install the official fonts or name them in " + str(config_path()))
