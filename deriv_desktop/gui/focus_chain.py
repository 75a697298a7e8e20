"""Tab order set from a window's own ordered list of its controls.

Qt's own order is the order of creation, which is not the order on screen when a window adds
parts above or inside what it built first (a message bar shown over a list built before it).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtWidgets import QWidget


def chain_tabs(widgets: Sequence[QWidget]) -> None:
    """Tab visits ``widgets`` in this order (hidden or disabled ones are skipped as Tab goes)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)
