"""Screenshots of the main window on a real X server: light and dark, English and French.

    python tools/screenshots_main.py OUTPUT_DIR

Starts a private Xvfb (unless DISPLAY is already set), then one child process per combination
of language and palette with ``QT_QPA_PLATFORM=xcb``, so the window is a real X window. Each
child starts the built-in sandbox with its 25-account bench user, signs in through the real
stack, installs the language with ``deriv_desktop.gui.i18n`` and saves, as
``main_<lang>_<theme>_<shot>.png``:

* ``open``: the window as it opens, scrolled to the active account;
* ``top``: scrolled to the top of the list;
* ``bottom``: scrolled to the demo group;
* ``menu``: the Account menu open (a screen grab, since a menu is its own window);
* ``search``: "usd" typed into the search box;
* ``offline``: the sandbox stopped: stale banner, reconnect status, greyed balances.

Nothing is written outside OUTPUT_DIR and temporary directories.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from language_shots import run_children
from shot_kit import dark_palette, grab, settle

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "fr")
THEMES = ("light", "dark")
WINDOW = (640, 780)  # the size the app opens with


# ------------------------------------------------------------------------------ child side
async def until(event: Any, predicate: Callable[[], object], timeout: float = 10.0) -> None:
    """Wait for a domain ``Event`` after which ``predicate()`` holds."""
    ready = asyncio.Event()
    unlink = event.connect(lambda _payload: ready.set() if predicate() else None)
    try:
        if not predicate():
            async with asyncio.timeout(timeout):
                await ready.wait()
    finally:
        unlink()


async def shots(language: str, theme: str, out: Path) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication, QWidget

    from deriv_desktop.api.backoff import Backoff
    from deriv_desktop.composition import Tuning, build_stack, resolve_endpoints
    from deriv_desktop.domain.credentials import AccountCredential
    from deriv_desktop.gui.views.main_window import MainWindow
    from deriv_desktop.sandbox import Sandbox, SandboxConfig
    from deriv_desktop.services.profile import SANDBOX_SERVER, ConnectionProfile
    from deriv_desktop.storage.secrets import MemoryTokenStore
    from deriv_desktop.storage.settings import Settings, SettingsFile

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    scratch = Path(tempfile.mkdtemp(prefix="screens-"))
    prefix = f"main_{language}_{theme}"

    async def settle_window(window: QWidget) -> None:
        await settle(rounds=6, pause=0.03)
        if isinstance(window, MainWindow):
            window.sync_repaint()
        await asyncio.sleep(0.05)

    async def save(window: QWidget, name: str, *, popup: QWidget | None = None) -> None:
        await settle_window(window)
        image = grab(window, popup)
        path = out / f"{prefix}_{name}.png"
        image.save(str(path))
        print(path)

    config = SandboxConfig(port=0, oauth_port=0, extra_accounts=25, seed=3)
    async with Sandbox(config) as sandbox:
        user = sandbox.user("bench@example.com")
        profile = ConnectionProfile(server=SANDBOX_SERVER, app_id="1089", language=language)
        stack = build_stack(
            profile,
            await resolve_endpoints(profile, sandbox),
            store=MemoryTokenStore(),
            settings=Settings(language=language),
            settings_file=SettingsFile(scratch / "settings.json"),
            # stay visibly "reconnecting" in the offline shot
            tuning=Tuning(backoff=Backoff(base=30, cap=30), request_timeout=10),
        )
        state, session = stack.state, stack.session
        ctx = stack.context(server_label="Sandbox", version="screenshots")
        creds = [
            AccountCredential(a.loginid, a.token, a.currency or None)
            for a in user.accounts
            if not a.is_disabled
        ]
        window: MainWindow | None = None
        try:
            await session.sign_in(creds)
            await until(
                state.balances_changed, lambda: all(state.balance(c.loginid) for c in creds)
            )
            window = MainWindow(ctx)
            window.resize(*WINDOW)
            window.move(0, 0)
            window.show()
            await save(window, "open")

            window.view.scrollToTop()
            await save(window, "top")

            window.view.scrollToBottom()
            await save(window, "bottom")
            window.view.scrollToTop()

            menu = window.menuBar().actions()[0].menu()
            assert menu is not None
            menu.popup(window.menuBar().mapToGlobal(QPoint(0, window.menuBar().height())))
            await save(window, "menu", popup=menu)
            menu.hide()

            window.search.setText("usd")
            await save(window, "search")
            window.search.clear()

            await sandbox.stop()
            await until(state.link_changed, lambda: state.stale)
            await save(window, "offline")
        finally:
            if window is not None:
                window.close()
                window.deleteLater()
            await stack.tasks.shutdown()
            await stack.close()


def child(language: str, theme: str, out: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from deriv_desktop import loop
    from deriv_desktop.gui.i18n import install_language

    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())
    installed = install_language(app, language)
    if installed.missing:
        print(f"missing catalogues: {installed.missing}", file=sys.stderr)
        return 1
    loop.run(app, lambda: shots(language, theme, out))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("output", type=Path, nargs="?", default=Path("screens"))
    parser.add_argument("--child", nargs=2, metavar=("LANG", "THEME"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child[0], args.child[1], args.output.resolve())
    variants = [(language, theme) for language in LANGUAGES for theme in THEMES]
    return run_children(__file__, args.output.resolve(), variants)


if __name__ == "__main__":
    raise SystemExit(main())
