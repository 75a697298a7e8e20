"""Where the files in ``resources/`` (translations, currency icons, the relay page) are found."""

from __future__ import annotations

import sys
from pathlib import Path

import deriv_desktop


def resources_dir() -> Path:
    """Beside the package (a checkout or an install), or inside a PyInstaller bundle."""
    beside = Path(deriv_desktop.__file__).resolve().parent.parent / "resources"
    if beside.is_dir():
        return beside
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return beside
