"""The app on a real X display with a real tray host (run by tests/e2e/test_tray_host.py).

    python -m tests.e2e.tray_host_child OUTPUT_DIR

Signs in on the built-in sandbox, then drives the tray as a user would: the icon embedded in the
tray, its menu switching accounts, closing the window (asked once: kept in the tray), privacy
mode. Writes what it saw to OUTPUT_DIR/result.json and screenshots beside it.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

from deriv_desktop.app import effective_profile
from deriv_desktop.controller import AppController
from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.loop import run as run_qasync
from deriv_desktop.options import parse
from deriv_desktop.storage.settings import Settings, SettingsFile

TIMEOUT = 20.0


async def until(predicate: Any, timeout: float = TIMEOUT) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.02)


def grab(path: Path) -> None:
    screen = QGuiApplication.primaryScreen()
    screen.grabWindow(0).save(str(path))


async def drive(out: Path) -> dict[str, Any]:
    result: dict[str, Any] = {}
    await until(QSystemTrayIcon.isSystemTrayAvailable)
    settings = Settings()
    profile, overridden = effective_profile(settings, parse(["--sandbox"]))
    app = AppController(
        settings=settings,
        settings_file=SettingsFile(out / "settings.json"),
        profile=profile,
        overridden=overridden,
        single_instance=False,
    )
    try:
        await app.start()
        assert app.restore_task is not None and app.sandbox is not None and app.stack is not None
        await app.restore_task
        user = app.sandbox.users[0]
        creds = [
            AccountCredential(a.loginid, a.token, a.currency or None)
            for a in user.accounts
            if not a.is_disabled
        ]
        outcome = await app.stack.session.sign_in(creds)
        assert app.sign_in_window is not None
        app.sign_in_window.proceed.emit(outcome)
        state = app.stack.state
        await until(lambda: app.main_window is not None and app.tray is not None)
        await until(lambda: all(state.balance(c.loginid) for c in creds))
        tray, main = app.tray, app.main_window
        assert tray is not None and main is not None
        await until(lambda: tray.icon.isVisible() and not tray.icon.geometry().isEmpty())
        geometry = tray.icon.geometry()
        result["tray_geometry"] = [geometry.x(), geometry.y(), geometry.width(), geometry.height()]
        result["tooltip"] = tray.icon.toolTip()

        # The tray menu switches accounts.
        target = next(
            a.loginid for a in state.accounts if a.selectable and a.loginid != state.active
        )
        tray.menu.popup(geometry.bottomLeft())
        await until(tray.menu.isVisible)
        tray.switch_menu.popup(tray.menu.geometry().topRight())
        await asyncio.sleep(0.3)  # a screenshot tool, not a synchronisation
        grab(out / "tray-menu.png")
        action = tray.switch_action(target)
        assert action is not None
        action.trigger()
        tray.switch_menu.hide()
        tray.menu.hide()
        await until(lambda: state.active == target)
        result["switched_to"] = state.active
        result["target"] = target

        # Privacy mode from the tray.
        tray.hide_amounts_action.trigger()
        main.resize(640, 700)
        main.move(200, 60)
        await asyncio.sleep(0.3)
        grab(out / "privacy-mode.png")
        result["privacy_tooltip"] = tray.icon.toolTip()
        result["privacy_header"] = main.header.balance.text()
        tray.hide_amounts_action.trigger()

        # Closing the window: asked once, kept in the tray.
        main.close()
        await until(lambda: app.tray_question is not None and app.tray_question.isVisible())
        box = app.tray_question
        assert box is not None
        result["question"] = box.text()
        keep = next(
            b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.AcceptRole
        )
        keep.click()
        await until(lambda: app.settings.close_to_tray is True)
        result["running_after_close"] = not app.quit_requested.is_set()
        result["window_hidden"] = not main.isVisible()
        tray.show_action.trigger()
        await until(main.isVisible)
        result["shown_again"] = True
        main.close()  # answered already: no second question
        await asyncio.sleep(0.2)
        result["asked_again"] = app.tray_question is not None
        result["running_after_second_close"] = not app.quit_requested.is_set()
        tray.quit_action.trigger()
        result["quit_from_tray"] = app.quit_requested.is_set()
    finally:
        await app.shutdown()
    return result


def main() -> int:
    out = Path(sys.argv[1])
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    app = QApplication([])
    app.setQuitOnLastWindowClosed(False)
    result = run_qasync(app, lambda: drive(out))
    (out / "result.json").write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
