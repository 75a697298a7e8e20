"""Currency icons from the bundled SVGs in ``resources/currencies``.

``resources/`` sits at the repository root and is installed next to the package; frozen builds
unpack it under ``sys._MEIPASS``. Icons are loaded once per file and shared.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

import deriv_desktop

# Currency code (upper case) -> icon file stem, where they differ.
_ALIASES = {
    "UST": "usdt",
    "USDT": "usdt",
    "EUSDT": "usdt",
    "TUSDT": "usdt",
}
_KNOWN = frozenset({"usd", "eur", "gbp", "aud", "btc", "eth", "ltc", "usdt", "usdc"})


def resources_dir() -> Path:
    """Where ``resources/`` lives: beside the package, or inside a PyInstaller bundle."""
    beside = Path(deriv_desktop.__file__).resolve().parent.parent / "resources"
    if beside.is_dir():
        return beside
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return beside


def icon_stem(code: str, is_virtual: bool = False) -> str:
    """The SVG file stem for an account's currency; demo and unknown currencies have their own."""
    if is_virtual:
        return "demo"
    upper = code.upper()
    stem = _ALIASES.get(upper, upper.lower())
    return stem if stem in _KNOWN else "unknown"


@cache
def _icon_for_stem(stem: str) -> QIcon:
    path = resources_dir() / "currencies" / f"{stem}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def currency_icon(code: str, is_virtual: bool = False) -> QIcon:
    return _icon_for_stem(icon_stem(code, is_virtual))
