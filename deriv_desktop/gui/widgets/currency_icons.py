"""Currency icons: PNGs pre-rendered from the SVGs in ``resources/currencies``.

The SVGs are the sources; ``packaging/render_icons.py`` draws each at every size the window
shows it (1x and 2x) into ``resources/currencies/png``. Loading PNGs keeps Qt's SVG module and
its plugins out of the process: about 5 MiB of resident memory and a few milliseconds before
the first row paints (bench/peak_memory.py). ``resources/`` sits at the repository root and is
installed next to the package; frozen builds unpack it under ``sys._MEIPASS``. Icons are loaded
once per currency and shared.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from deriv_desktop.gui.resources import resources_dir

# Currency code (upper case) -> icon file stem, where they differ.
_ALIASES = {
    "UST": "usdt",
    "USDT": "usdt",
    "EUSDT": "usdt",
    "TUSDT": "usdt",
}
_KNOWN = frozenset({"usd", "eur", "gbp", "aud", "btc", "eth", "ltc", "usdt", "usdc"})
STEMS = (*sorted(_KNOWN), "demo", "unknown")

# The edges the icons are drawn at (picker 18, list 32, header 44), and twice each for HiDPI.
SIZES = (18, 32, 36, 44, 64, 88)


def png_path(stem: str, size: int) -> Path:
    return resources_dir() / "currencies" / "png" / f"{stem}-{size}.png"


def icon_stem(code: str, is_virtual: bool = False) -> str:
    """The icon file stem for an account's currency; demo and unknown currencies have their own."""
    if is_virtual:
        return "demo"
    upper = code.upper()
    stem = _ALIASES.get(upper, upper.lower())
    return stem if stem in _KNOWN else "unknown"


@cache
def _icon_for_stem(stem: str) -> QIcon:
    icon = QIcon()
    for size in SIZES:
        path = png_path(stem, size)
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def currency_icon(code: str, is_virtual: bool = False) -> QIcon:
    return _icon_for_stem(icon_stem(code, is_virtual))
