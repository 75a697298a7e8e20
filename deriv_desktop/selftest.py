"""``deriv-desktop --self-test``: prove an installed or frozen build works, without a network.

Offscreen Qt, the qasync loop, the built-in sandbox on loopback, a real WebSocket sign-in with a
seeded user's account tokens, the real main window, and balances for every account. Exit code 0
on success; 1 with the reason on stderr otherwise. Nothing is written outside a temporary
directory and no keyring is touched.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deriv_desktop.domain.state import SessionState

SELF_TEST_TIMEOUT = 60.0


def run(timeout: float = SELF_TEST_TIMEOUT) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from deriv_desktop import loop

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    try:
        summary = loop.run(app, lambda: asyncio.wait_for(_check(), timeout))
    except TimeoutError:
        print(f"self-test failed: not finished within {timeout:.0f} s", file=sys.stderr)
        return 1
    except Exception as exc:
        print(f"self-test failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"self-test passed: {summary}")
    return 0


async def _check() -> str:
    from deriv_desktop.composition import Tuning, build_stack, resolve_endpoints, start_sandbox
    from deriv_desktop.domain.credentials import AccountCredential
    from deriv_desktop.gui.views.main_window import MainWindow
    from deriv_desktop.services.profile import SANDBOX_APP_ID, SANDBOX_SERVER, ConnectionProfile
    from deriv_desktop.storage.secrets import MemoryTokenStore
    from deriv_desktop.storage.settings import Settings, SettingsFile

    with tempfile.TemporaryDirectory(prefix="deriv-desktop-self-test-") as scratch:
        sandbox = await start_sandbox()
        try:
            profile = ConnectionProfile(server=SANDBOX_SERVER, app_id=SANDBOX_APP_ID)
            stack = build_stack(
                profile,
                await resolve_endpoints(profile, sandbox),
                store=MemoryTokenStore(),
                settings=Settings(),
                settings_file=SettingsFile(Path(scratch) / "settings.json"),
                tuning=Tuning(request_timeout=15),
            )
            window: MainWindow | None = None
            try:
                credentials = [
                    AccountCredential(a.loginid, a.token, a.currency or None)
                    for a in sandbox.users[0].accounts
                    if not a.is_disabled
                ]
                await stack.session.sign_in(credentials)
                window = MainWindow(stack.context(server_label="Self-test"))
                window.show()
                wanted = [c.loginid for c in credentials]
                await _balances_for(stack.state, wanted)
                window.sync_repaint()
                if window.model.rowCount() == 0:
                    raise RuntimeError("the main window shows no accounts")
                return f"{len(wanted)} accounts with balances over {sandbox.ws_url}"
            finally:
                if window is not None:
                    window.close()
                    window.deleteLater()
                await stack.tasks.shutdown()
                await stack.close()
        finally:
            await sandbox.stop()


async def _balances_for(state: SessionState, loginids: list[str]) -> None:
    """Wait (on events, not polling) until every account in ``loginids`` has a balance."""
    arrived = asyncio.Event()

    def check(_changed: object = None) -> None:
        if all(state.balance(loginid) is not None for loginid in loginids):
            arrived.set()

    unlink = state.balances_changed.connect(check)
    try:
        check()
        await arrived.wait()
    finally:
        unlink()
