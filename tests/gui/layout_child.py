"""One process of the layout guard: every scene in one language at one scale, measured at
each window size, written as JSON.

    QT_SCALE_FACTOR=2 python -m tests.gui.layout_child fr OUT.json

The scale factor must be set before Qt starts, which is why each scale runs in a process of
its own. The screen is an offscreen one of ``SCREEN`` physical pixels (so 800 x 500 logical
pixels at scale 2); each window is measured as it opens ("default"), then resized, within the
screen's available area as a window manager would allow, to each of ``SIZES``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

SCREEN = (1600, 1000)
SIZES: dict[str, tuple[int, int] | None] = {
    "default": None,
    "800x500": (800, 500),
    "1600x1000": (1600, 1000),
}


def offscreen_platform(screen: tuple[int, int] = SCREEN) -> str:
    """``QT_QPA_PLATFORM`` for an offscreen screen of ``screen`` physical pixels."""
    config = {
        "screens": [
            {
                "name": "guard",
                "x": 0,
                "y": 0,
                "width": screen[0],
                "height": screen[1],
                "logicalDpi": 96,
                "logicalBaseDpi": 96,
                "dpr": 1,
            }
        ]
    }
    path = Path(tempfile.mkdtemp(prefix="layout-screen-")) / "screen.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return f"offscreen:configfile={path}"


def english_sources() -> set[str]:
    """Catalogue sources whose French differs: seeing one in a French window means it was
    shown without ``tr`` (or built outside the GUI)."""
    from tests.unit.test_translation_guard import catalogue_entries

    return {
        source.replace("&", "")
        for _context, source, french in catalogue_entries()
        if french != source and "%" not in source
    }


def shown_texts(window: Any) -> list[tuple[str, str]]:
    """(widget, text) for every visible label, button and window title."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from tests.gui.layout_scan import describe

    texts = [("window title", window.windowTitle())]
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if widget.isVisibleTo(window) and widget.text():
            texts.append((describe(widget), widget.text().replace("&", "")))
    return texts


def mnemonic_problems(window: Any) -> list[str]:
    """Visible buttons, field labels, menu titles and tabs without an Alt+letter, or sharing
    one (Qt then cycles between them instead of acting). Hidden ones (another tab, a closed
    section) do not count: Qt ignores their letters."""
    from collections import Counter

    from deriv_desktop.gui.mnemonics import marked_letter, shown_keys
    from tests.gui.layout_scan import describe

    shown = shown_keys(window)
    letters = Counter(marked_letter(text) for _, text in shown)
    problems = []
    for control, text in shown:
        letter = marked_letter(text)
        name = describe(control)
        if control.property("text") is None:  # a menu title or a tab: its bar's words
            name += f" {text.replace('&', '')!r}"
        if letter is None:
            problems.append(f"{name} has no Alt+letter")
        elif letters[letter] > 1:
            problems.append(f"{name} shares Alt+{letter.upper()}")
    return problems


async def measure(language: str) -> list[dict[str, str]]:
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QLayout, QWidget

    from tests.gui import layout_scenes
    from tests.gui.layout_scan import scan, screen_problem
    from tests.gui.tab_order import tab_problems

    found: list[dict[str, str]] = []
    english_only = english_sources() if language != "en" else set()

    def note(scene: str, size: str, widget: str, problem: str) -> None:
        found.append({"scene": scene, "size": size, "widget": widget, "problem": problem})

    async def visit(scene: str, window: QWidget) -> None:
        await layout_scenes.settle()
        opened = window.size()
        frame = window.frameGeometry().size() - window.size()  # the decorations' share
        available = window.screen().availableGeometry().size() - frame
        for size_name, size in SIZES.items():
            if size is not None:
                target = QSize(*size).boundedTo(available)
                window.resize(target)
                await layout_scenes.settle()
                actual = window.size()
                fixed = window.layout() is not None and (
                    window.layout().sizeConstraint() is QLayout.SizeConstraint.SetFixedSize
                )  # sized by its content: the screen check below (at scale 2) is its test
                if not fixed and (
                    actual.width() > target.width() or actual.height() > target.height()
                ):
                    note(
                        scene,
                        size_name,
                        "window",
                        f"cannot be made {target.width()} x {target.height()}: it stays "
                        f"{actual.width()} x {actual.height()}",
                    )
            problem = screen_problem(window)
            if problem:
                note(scene, size_name, "window", problem)
            for finding in scan(window):
                note(scene, size_name, finding.widget, finding.problem)
            if size is None:
                for widget, text in shown_texts(window):
                    if text in english_only:
                        note(scene, size_name, widget, "shown in English")
                for problem in mnemonic_problems(window):
                    note(scene, size_name, "Alt+letter", problem)
                for problem in tab_problems(window):
                    note(scene, size_name, "tab order", problem)
        window.resize(opened)
        await layout_scenes.settle()

    await layout_scenes.visit_all(visit, language)
    return found


def main(argv: list[str]) -> int:
    language, out = argv[1], Path(argv[2])
    from PySide6.QtWidgets import QApplication

    from deriv_desktop import loop
    from deriv_desktop.gui.i18n import install_language

    app = QApplication(argv[:1])
    app.setStyle("Fusion")
    installed = install_language(app, language)
    if installed.missing:
        print(f"missing catalogues: {installed.missing}", file=sys.stderr)
        return 2
    found = loop.run(app, lambda: measure(language))
    out.write_text(json.dumps(found, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ["QT_QPA_PLATFORM"] = offscreen_platform()
    sys.exit(main(sys.argv))
