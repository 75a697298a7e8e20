"""Screenshots of the security checkup on a real X server, in English and French.

    python tools/screenshots_checkup.py OUTPUT_DIR

Starts a private Xvfb (unless DISPLAY is set; ``screenshots_main.XServer``), then one child per
language with ``QT_QPA_PLATFORM=xcb``. Each child starts the built-in sandbox, signs in through
the real stack as the seeded risky@ user and then clean@, and saves ``checkup_<lang>_<shot>.png``:

* ``badge``: the main window after the checkup ran at sign-in (status-bar badge);
* ``list``: the checkup window, a high-risk token selected;
* ``replaced``: after "Replace with a safer token": the new token shown once;
* ``clean``: clean@'s checkup (nothing to fix).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from screenshots_main import XServer
from shot_kit import settle

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "fr")


def run_children(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    server = XServer()
    status = 0
    try:
        for language in LANGUAGES:
            for _attempt in (1, 2, 3):  # a shared machine: retry on a fresh X server
                rc = run_child(language, out, server.ensure())
                if rc == 0:
                    break
            status = status or rc
    finally:
        server.close()
    return status


def run_child(language: str, out: Path, display: str) -> int:
    home = tempfile.mkdtemp(prefix="screens-home-")
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=home)
    env["DERIV_DESKTOP_CONFIG_DIR"] = str(Path(home) / "deriv-desktop")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    argv = [sys.executable, __file__, "--child", language, str(out)]
    return subprocess.run(argv, env=env, cwd=ROOT, timeout=180, check=False).returncode  # noqa: S603


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


def child(language: str, out: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from deriv_desktop import loop
    from deriv_desktop.gui.i18n import install_language

    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    app.setPalette(app.style().standardPalette())
    installed = install_language(app, language)
    if installed.missing:
        print(f"missing catalogues: {installed.missing}", file=sys.stderr)
        return 1
    loop.run(app, lambda: shots(language, out))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("output", type=Path, nargs="?", default=Path("screens"))
    parser.add_argument("--child", nargs=1, metavar="LANG", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child[0], args.output.resolve())
    return run_children(args.output.resolve())


if __name__ == "__main__":
    raise SystemExit(main())
