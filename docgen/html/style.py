"""The page's CSS: report.css (the web page's own look) after the values the format profile
holds, generated here so that no number of the official format is typed twice: the font
stacks (the profile's official names first, then what a Chinese reader's system has), the
print page (@page size and margins, GB/T 9704 5.2.1), sizes, the line pitch and tracking."""

from __future__ import annotations

from importlib.resources import files

from docgen.format import grid
from docgen.format.profile import Profile

# What Windows, macOS and Linux systems carry for each font role, after the profile's names.
_SYSTEM_FONTS: dict[str, tuple[str, ...]] = {
    "fangsong": ("FangSong", "仿宋", "仿宋_GB2312", "STFangsong", "serif"),
    "heiti": ("SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", "sans-serif"),
    "kaiti": ("KaiTi", "楷体", "楷体_GB2312", "STKaiti", "serif"),
    "xiaobiaosong": ("Noto Serif CJK SC", "SimSun", "serif"),
    "songti": ("SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "serif"),
}
_GENERIC = {"serif", "sans-serif"}

# WCAG 2.1 1.4.3: body text contrast at least 4.5:1 on the white page.
MIN_CONTRAST = 4.5
PAGE_BACKGROUND = "#ffffff"


def font_stack(profile: Profile, role: str) -> str:
    """The CSS font-family of a font role: official names, then the system's, deduplicated."""
    official = profile.fonts[role].names if role in profile.fonts else ()
    names = list(dict.fromkeys((*official, *_SYSTEM_FONTS.get(role, ("serif",)))))
    return ", ".join(name if name in _GENERIC else f'"{name}"' for name in names)


def relative_luminance(color: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground: str, background: str = PAGE_BACKGROUND) -> float:
    light, dark = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(color: str) -> str:
    """The colour, darkened in steps keeping its hue until it reads at MIN_CONTRAST on the page
    (the 版头's red, #FF0000, is 4.0:1: on paper it stays the official red)."""
    r, g, b = (int(color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    shade = f"#{r:02x}{g:02x}{b:02x}"
    factor = 1.0
    while contrast(shade) < MIN_CONTRAST:
        factor -= 0.02
        shade = "#" + "".join(f"{round(c * factor):02x}" for c in (r, g, b))
    return shade


def _pt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "pt"


def _mm(value: float) -> str:
    return f"{value:g}mm"


def profile_css(profile: Profile) -> str:
    page, head = profile.page, profile.letterhead
    roles = sorted({*profile.fonts, *_SYSTEM_FONTS})
    fonts = "".join(f"--{role}:{font_stack(profile, role)};" for role in roles)
    return (
        f":root{{{fonts}--letterhead-color:{readable(head.organ_color)};"
        f"--letterhead-rule:{readable(head.rule_color)};}}\n"
        # GB/T 9704 5.2.1: A4, 天头 37 mm, 订口 28 mm; the text block 156 × 225 mm.
        f"@page{{size:{_mm(page.width_mm)} {_mm(page.height_mm)};margin:{_mm(page.margin_top_mm)} "
        f"{_mm(page.margin_right_mm)} {_mm(page.margin_bottom_mm)} {_mm(page.margin_left_mm)};}}\n"
        f"@media print{{:root{{--body-size:{_pt(profile.body.size_pt)};--pitch:{_pt(profile.line_pitch_pt)};"
        f"--tracking:{_pt(grid.tracking_pt(profile, profile.body.size_pt))};"
        f"--title-size:{_pt(profile.title.size_pt)};--table-size:{_pt(profile.table.size_pt)};"
        f"--attachment-title-size:{_pt(profile.attachment_pages.title_size)};"
        f"--distribution-size:{_pt(profile.distribution.size_pt)};"
        f"--letterhead-color-print:{head.organ_color};--letterhead-rule-print:{head.rule_color};}}}}\n"
    )


def stylesheet(profile: Profile) -> str:
    """The whole inline style sheet of a page in this profile."""
    own = files("docgen.html").joinpath("report.css").read_text(encoding="utf-8")
    return profile_css(profile) + own
