"""Colours derived from the palette, so tints follow the light or dark theme."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``; keeps tints theme-aware."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
        1.0,
    )


def muted(palette: QPalette, group: QPalette.ColorGroup = QPalette.ColorGroup.Active) -> QColor:
    return mix(
        palette.color(group, QPalette.ColorRole.Text),
        palette.color(group, QPalette.ColorRole.Base),
        0.45,
    )
