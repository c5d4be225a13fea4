"""The chart fonts: Urdu's found on this system and pinned for vl-convert by a fontconfig file.

vl-convert measures text with the fonts fontconfig lists. With every system font listed it
re-opens font files thousands of times per chart (2.6x slower, PERF-NOTES.md), and even a font
listed alone is re-opened for every label it measures (~1,400 times a chart). So Latin text uses
the Liberation Sans that vl-convert carries in memory (Arial's metrics, which is what most
readers' browsers draw it with), and the fontconfig file lists only the Urdu font: a directory
of links to it and a fonts.conf naming that directory.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
)
BUILT_IN = "Liberation Sans"  # inside vl-convert: needs no file
#: Urdu fonts, preferred first: family name and regular file name (Debian fonts-noto-core,
#: fonts-dejavu-core). Naskh, not Nastaliq: it stays legible at chart label sizes and is
#: Android's own Arabic-script font, so what we measure is what most readers see.
URDU: tuple[tuple[str, str], ...] = (
    ("Noto Naskh Arabic", "NotoNaskhArabic-Regular.ttf"),
    ("Noto Nastaliq Urdu", "NotoNastaliqUrdu-Regular.ttf"),
    ("DejaVu Sans", "DejaVuSans.ttf"),
)
#: What a reader's browser tries after our fonts (SVG text stays text).
FALLBACK = {"en": ("Arial", "Helvetica", "sans-serif"), "ur": ("Tahoma", "sans-serif")}


@cache
def _index() -> dict[str, Path]:
    """Every .ttf/.otf file name under the font directories -> its first path."""
    found: dict[str, Path] = {}
    for root in FONT_DIRS:
        if root.is_dir():
            for path in sorted(root.rglob("*.[ot]tf")):
                found.setdefault(path.name, path)
    return found


@cache
def urdu() -> tuple[str, Path] | None:
    """(family, font file) Urdu text is measured with, or None when none is installed.

    Without one, Vega estimates the width of Urdu text and readers' browsers pick the font.
    """
    for family_name, file_name in URDU:
        if file_name in _index():
            return family_name, _index()[file_name]
    return None


def files() -> list[Path]:
    """The font files pinned for vl-convert."""
    pick = urdu()
    return [pick[1]] if pick else []


def family(lang: str) -> str:
    """The CSS font-family list written into the SVG for ``lang``."""
    pick = urdu()
    names = ([pick[0]] if pick and lang == "ur" else []) + [BUILT_IN, *FALLBACK[lang]]
    return ", ".join(f'"{name}"' if " " in name else name for name in dict.fromkeys(names))


def write_config(directory: Path) -> Path:
    """Link the pinned fonts into ``directory``/fonts and write ``directory``/fonts.conf."""
    fonts = directory / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for source in files():
        target = fonts / source.name
        if not target.exists():
            try:
                target.symlink_to(source)
            except OSError:
                shutil.copyfile(source, target)
    config = directory / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{escape(str(fonts))}</dir>\n"
        f"  <cachedir>{escape(str(directory / 'cache'))}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return config


@cache
def config_file() -> Path:
    """A fonts.conf listing only the pinned fonts, in a temporary directory removed at exit."""
    directory = Path(tempfile.mkdtemp(prefix="shafaf-chart-fonts-"))
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    return write_config(directory)
