"""Which font file draws each font role in the PDF, and making it usable.

Resolution per role, first found wins:
1. a font file the user named in the configuration file (see `config_path`);
2. the official font, if installed (by family name or the usual Windows file name);
3. the open substitute from templates/fonts/substitutes.yaml (Debian packages).
CFF-outline fonts are converted to TrueType once and kept in the user's cache.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from . import fontprep
from .fontconfig import load_substitutes
from .profile import Profile

# fontconfig weights: 200 is bold.
_BOLD_WEIGHT = 200
_CONVERTER_VERSION = "2"

OnProgress = Callable[[float], None]        # the share of the font preparation done, 0 … 1
Report = Callable[[int, int], None]         # (steps done, steps in all) of one font


class FontError(Exception):
    """No usable font for a role, or a refused substitute."""


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class InstalledFont:
    families: tuple[str, ...]
    file: Path
    index: int
    weight: int


def config_path() -> Path:
    """$DOCGEN_CONFIG, else $XDG_CONFIG_HOME/docgen/config.yaml (~/.config/docgen/config.yaml)."""
    if os.environ.get("DOCGEN_CONFIG"):
        return Path(os.environ["DOCGEN_CONFIG"])
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "docgen" / "config.yaml"


def cache_dir() -> Path:
    """$DOCGEN_CACHE_DIR, else $XDG_CACHE_HOME/docgen (~/.cache/docgen)."""
    if os.environ.get("DOCGEN_CACHE_DIR"):
        return Path(os.environ["DOCGEN_CACHE_DIR"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "docgen"


def read_config(path: Path | None = None) -> dict:
    """The user's configuration: {fonts: {role: file or {file, index}}, fallback: …}."""
    path = path or config_path()
    if not path.is_file():
        return {}
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
    except YAMLError as exc:
        raise FontError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise FontError(f"{path}: expected a mapping such as 'fonts: {{fangsong: /path/to/font.ttf}}'")
    return data


def installed_fonts() -> list[InstalledFont]:
    """Every font fontconfig knows, with all its family names."""
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


def choose_fonts(profile: Profile, config: dict, installed: list[InstalledFont]) -> dict[str, FontChoice]:
    """A font for every role of the profile, or FontError saying what to install."""
    substitutes = load_substitutes()
    configured = config.get("fonts") or {}
    choices, missing = {}, []
    for role, font in profile.fonts.items():
        choice = (_configured(role, configured.get(role))
                  or _official(role, font.names, font.files, installed)
                  or _substitute(role, substitutes.get(role), installed))
        if choice is None:
            missing.append(role)
        else:
            choices[role] = choice
    if missing:
        raise FontError(_install_hint(profile, missing, substitutes))
    return choices


def fallback_font(config: dict) -> FontChoice | None:
    """The font for characters the role's font lacks, if the user named one."""
    return _configured("fallback", config.get("fallback"))


def _configured(role: str, entry) -> FontChoice | None:
    if entry is None:
        return None
    file, index = (entry.get("file"), entry.get("index", 0)) if isinstance(entry, dict) else (entry, 0)
    path = Path(str(file)).expanduser()
    if not path.is_file():
        raise FontError(f"{config_path()}: fonts.{role}: no font file {path}")
    return FontChoice(role, path.stem, path, int(index), "configured")


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


@dataclass(frozen=True)
class PreparedFont:
    """What reportlab loads for a role: a fast file, and the full font for characters outside it."""
    file: Path
    index: int
    full: tuple[Path, int] | None = None


def _cache_stem(choice: FontChoice) -> Path:
    stat = choice.file.stat()
    key = hashlib.sha256(f"{choice.file.resolve()}|{choice.index}|{stat.st_size}|{stat.st_mtime_ns}|"
                         f"{_CONVERTER_VERSION}".encode()).hexdigest()[:16]
    return cache_dir() / "fonts" / f"{choice.file.stem}-{choice.index}-{key}"


def prepared(choice: FontChoice) -> PreparedFont | None:
    """The font as prepared earlier, or None if it still needs preparing."""
    stem = _cache_stem(choice)
    converted, cut, as_is = stem.with_suffix(".ttf"), stem.with_suffix(".cut.ttf"), stem.with_suffix(".asis")
    if converted.is_file():
        return PreparedFont(converted, 0)
    if cut.is_file():
        return PreparedFont(cut, 0, full=(choice.file, choice.index))
    if as_is.is_file():
        return PreparedFont(choice.file, choice.index)
    return None


def prepare(choice: FontChoice, report: Report) -> PreparedFont:
    """Make the chosen font usable by reportlab and quick to load, into the cache."""
    stem = _cache_stem(choice)
    original = (choice.file, choice.index)
    if fontprep.has_cff_outlines(*original):
        _made_atomically(stem.with_suffix(".ttf"), lambda part: fontprep.convert_to_truetype(*original, part, report))
    elif fontprep.glyph_count(*original) > fontprep.LARGE_FONT_GLYPHS_TRUETYPE:
        report(0, 1)
        _made_atomically(stem.with_suffix(".cut.ttf"), lambda part: fontprep.cut_truetype(*original, part))
    else:
        _made_atomically(stem.with_suffix(".asis"), lambda part: part.write_text("used as it is\n"))
    report(1, 1)
    return prepared(choice)


def prepare_all(choices: dict[str, FontChoice], on_progress: OnProgress | None = None) -> dict[str, PreparedFont]:
    """Every role's prepared font. What is not cached yet is prepared in parallel
    worker processes (one per core): the first run on a machine takes tens of seconds."""
    result = {role: prepared(choice) for role, choice in choices.items()}
    todo = {role: choice for role, choice in choices.items() if result[role] is None}
    if not todo:
        return result
    import multiprocessing                               # only on a first run: keep the others quick
    from concurrent.futures import ProcessPoolExecutor
    from queue import Empty
    shares = {role: 0.0 for role in todo}
    with multiprocessing.Manager() as manager, \
            ProcessPoolExecutor(max_workers=min(len(todo), os.cpu_count() or 1)) as pool:
        queue = manager.Queue()
        futures = {role: pool.submit(_prepare_in_worker, role, choice, queue) for role, choice in todo.items()}
        while not all(future.done() for future in futures.values()) or not queue.empty():
            try:
                role, done, total = queue.get(timeout=0.2)
            except Empty:
                continue
            shares[role] = done / total
            if on_progress:
                on_progress(sum(shares.values()) / len(shares))
        for role, future in futures.items():
            result[role] = future.result()
    return result


def _prepare_in_worker(role: str, choice: FontChoice, queue) -> PreparedFont:
    return prepare(choice, lambda done, total: queue.put((role, done, total)))


def _made_atomically(target: Path, make: Callable[[Path], None]) -> None:
    partial = target.with_name(target.name + ".part")
    partial.parent.mkdir(parents=True, exist_ok=True)
    try:
        make(partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
