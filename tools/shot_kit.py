"""What the screenshot tools share: the dark palette, and letting the qasync loop lay out and
paint before a grab.

Never ``processEvents()`` inside a coroutine: under qasync it runs other tasks' wake-ups while
this task is still executing ("Cannot enter into task"), which once killed the sandbox's
connection handler mid-run and left a screenshot child waiting for ever.
"""

from __future__ import annotations

import asyncio
from typing import Any


async def settle(rounds: int = 5, pause: float = 0.04) -> None:
    """Give Qt's layouts and paints a few turns of the loop (a screenshot tool, not a test)."""
    for _ in range(rounds):
        await asyncio.sleep(pause)


def dark_palette() -> Any:
    """The dark palette the screenshots are also taken in (Qt's Fusion colours, darkened)."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colours = {
        role.Window: "#1f2226",
        role.WindowText: "#e6e8eb",
        role.Base: "#17191c",
        role.AlternateBase: "#202328",
        role.Text: "#e6e8eb",
        role.Button: "#2a2e33",
        role.ButtonText: "#e6e8eb",
        role.Highlight: "#4c8dff",
        role.HighlightedText: "#ffffff",
        role.Mid: "#3a3f45",
        role.Light: "#3a3f45",
        role.Midlight: "#30343a",
        role.Dark: "#0f1113",
        role.Shadow: "#000000",
        role.PlaceholderText: "#8b9096",
        role.ToolTipBase: "#2a2e33",
        role.ToolTipText: "#e6e8eb",
        role.BrightText: "#ffffff",
        role.Link: "#6ea2ff",
    }
    for which, colour in colours.items():
        palette.setColor(which, QColor(colour))
    for which in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(group.Disabled, which, QColor("#6b7076"))
    return palette


def grab(window: Any, popup: Any = None) -> Any:
    """The window as the X server shows it (or, offscreen, as Qt paints it); with ``popup`` (a
    menu is a window of its own) the part of the screen that holds both."""
    from PySide6.QtWidgets import QApplication

    screen = window.screen()
    if popup is not None:
        geometry = window.frameGeometry().united(popup.frameGeometry())
        return screen.grabWindow(0, *geometry.getRect())
    if QApplication.platformName() == "xcb":
        return screen.grabWindow(window.winId())
    return window.grab()
