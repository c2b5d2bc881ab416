"""Finding a font that has Chinese glyphs on this machine, for charts; None when there is none."""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

# Family names seen on Debian (fonts-noto-cjk, fonts-wqy-*), macOS and Windows, best first.
FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Noto Sans CJK JP",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "Noto Serif CJK SC",
    "SimSun",
)
# Where Debian puts them, for a machine without fontconfig's fc-list.
KNOWN_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
)
_FC_TIMEOUT_S = 10


@cache
def cjk_font() -> Path | None:
    """A font file with Chinese glyphs: from matplotlib's list, fontconfig, or Debian's paths."""
    return _from_matplotlib() or _from_fontconfig() or _from_known_files()


def _from_matplotlib() -> Path | None:
    """A file of the first family in FAMILIES that matplotlib knows."""
    from matplotlib import font_manager  # imported here: loading its font list takes a while

    files = {entry.name: entry.fname for entry in font_manager.fontManager.ttflist}
    for family in FAMILIES:
        if family in files and Path(files[family]).is_file():
            return Path(files[family])
    return None


def _from_fontconfig() -> Path | None:
    """The first regular file fontconfig lists for the Chinese language."""
    if shutil.which("fc-list") is None:
        return None
    try:
        listing = subprocess.run(
            ["fc-list", ":lang=zh:style=Regular", "file"],
            capture_output=True,
            text=True,
            timeout=_FC_TIMEOUT_S,
            check=False,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    files = sorted(line.strip().rstrip(":") for line in listing.splitlines() if line.strip())
    # Sans before serif: bars are labelled with short words that read better without serifs.
    files.sort(key=lambda f: ("Serif" in f, f))
    return next((Path(f) for f in files if Path(f).is_file()), None)


def _from_known_files() -> Path | None:
    """The first of Debian's usual CJK font files that exists."""
    return next((Path(f) for f in KNOWN_FILES if Path(f).is_file()), None)
