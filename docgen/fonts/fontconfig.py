"""A fontconfig file that maps the official font names to the open substitutes.

A DOCX names 仿宋_GB2312, 黑体 …; on a machine without those commercial fonts
LibreOffice asks fontconfig for a replacement and would otherwise get
whatever CJK font comes first (often a Japanese one). These rules make the
choice explicit: each profile font name and alias → its role's substitute.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ruamel.yaml import YAML

from docgen.format.profile import Profile
from docgen.paths import TEMPLATES_DIR
from docgen.record import record

SUBSTITUTES_FILE = TEMPLATES_DIR / "fonts" / "substitutes.yaml"
SYSTEM_FONTS_CONF = "/etc/fonts/fonts.conf"


@record
class Substitute:
    role: str
    family: str
    weight: str | None
    package: str


def load_substitutes(path: Path = SUBSTITUTES_FILE) -> dict[str, Substitute]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return {
        role: Substitute(role, entry["family"], entry.get("weight"), entry["package"])
        for role, entry in data.items()
    }


def alias_conf(profile: Profile, standalone: bool = False) -> str:
    """The fontconfig XML. standalone=True also loads the system configuration,
    for use as FONTCONFIG_FILE (tests); otherwise it is a conf.d snippet."""
    substitutes = load_substitutes()
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">', "<fontconfig>",
             "  <!-- made by `docgen fontconfig`: official font names → open substitutes -->"]
    if standalone:
        lines.append(f'  <include ignore_missing="yes">{SYSTEM_FONTS_CONF}</include>')
    for role, font in sorted(profile.fonts.items()):
        substitute = substitutes.get(role)
        if substitute is None:
            continue
        for name in font.names:
            lines += [
                '  <match target="pattern">',
                f'    <test name="family" qual="any"><string>{escape(name)}</string></test>',
                f'    <edit name="family" mode="assign" binding="strong">'
                f'<string>{escape(substitute.family)}</string></edit>',
            ]
            if substitute.weight:
                lines.append(f'    <edit name="weight" mode="assign" binding="strong">'
                             f'<const>{substitute.weight}</const></edit>')
            lines.append("  </match>")
    lines.append("</fontconfig>")
    return "\n".join(lines) + "\n"
