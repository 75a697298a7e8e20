"""Screenshots of the security checkup on a real X server, in English and French.

    python tools/screenshots_checkup.py OUTPUT_DIR

Starts a private Xvfb (unless DISPLAY is set; ``language_shots.XServer``), then one child per
language with ``QT_QPA_PLATFORM=xcb``. Each child starts the built-in sandbox, signs in through
the real stack as the seeded risky@ user and then clean@, and saves ``checkup_<lang>_<shot>.png``:

* ``badge``: the main window after the checkup ran at sign-in (status-bar badge);
* ``list``: the checkup window, a high-risk token selected;
* ``replaced``: after "Replace with a safer token": the new token shown once;
* ``clean``: clean@'s checkup (nothing to fix).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from language_shots import language_tool
from shot_kit import settle

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "fr")


async def shots(language: str, out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from deriv_desktop.gui.views.checkup_dialog import CheckupDialog
    from deriv_desktop.gui.views.main_window import MainWindow
    from deriv_desktop.services.checkup_rules import FindingKind
    from tests.gui.checkup_fixtures import clean_stack, risky_stack
    from tests.gui.fixtures import Stack, wait_until

    async def save(widget: QWidget, name: str) -> None:
        await settle(rounds=6, pause=0.03)
        image = widget.screen().grabWindow(widget.winId())
        path = out / f"checkup_{language}_{name}.png"
        image.save(str(path))
        print(path)

    async def open_checkup(stack: Stack, parent: QWidget) -> CheckupDialog:
        dialog = CheckupDialog(stack.ctx, parent=parent)
        stack.windows.append(dialog)
        dialog.open()
        dialog.start()
        await wait_until(lambda: dialog.loaded_for is not None and not dialog.running)
        return dialog

    scratch = Path(tempfile.mkdtemp(prefix="screens-"))
    async with risky_stack(scratch / "risky") as stack:
        stack.ctx.settings.language = language
        window = MainWindow(stack.ctx)
        stack.windows.append(window)
        window.resize(640, 560)
        window.move(0, 0)
        window.show()
        window.run_checkup()
        await wait_until(window.checkup_badge.isVisible)
        await save(window, "badge")

        dialog = await open_checkup(stack, window)
        report = stack.ctx.checkup.report
        assert report is not None
        first = next(f for f in report.findings if f.kind is FindingKind.TOKEN_UNLOCKED_POWER)
        dialog.select_finding(first.id)
        await save(dialog, "list")

        QTest.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: dialog.replace_box is not None and dialog.replace_box.isVisible())
        box = dialog.replace_box
        assert box is not None
        await settle(rounds=4, pause=0.03)
        shot = box.screen().grabWindow(box.winId())
        shot.save(str(out / f"checkup_{language}_replace_form.png"))
        print(out / f"checkup_{language}_replace_form.png")
        QTest.mouseClick(box.form.create_button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: dialog.new_token.isVisible() and not dialog._busy)
        await save(dialog, "replaced")
        dialog.reject()
        window.close()

    async with clean_stack(scratch / "clean") as stack:
        host = QWidget()
        host.resize(10, 10)
        dialog = await open_checkup(stack, host)
        await save(dialog, "clean")
        dialog.reject()
        host.deleteLater()
    app = QApplication.instance()
    assert app is not None


if __name__ == "__main__":
    raise SystemExit(language_tool(__doc__, __file__, shots))
