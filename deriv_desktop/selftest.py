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
    from deriv_desktop.api.legacy.client import DerivClient, endpoint_url
    from deriv_desktop.domain.credentials import AccountCredential
    from deriv_desktop.domain.state import SessionState
    from deriv_desktop.gui.bridge import StateBridge
    from deriv_desktop.gui.context import GuiContext
    from deriv_desktop.gui.tasks import TaskRegistry
    from deriv_desktop.gui.views.main_window import MainWindow
    from deriv_desktop.sandbox import Sandbox, SandboxConfig
    from deriv_desktop.services.legacy_backend import LegacyBackend
    from deriv_desktop.services.lifecycle import shutdown_session
    from deriv_desktop.services.profile import SANDBOX_APP_ID
    from deriv_desktop.services.session import SessionService
    from deriv_desktop.storage.secrets import MemoryTokenStore
    from deriv_desktop.storage.settings import Settings, SettingsFile

    with tempfile.TemporaryDirectory(prefix="deriv-desktop-self-test-") as scratch:
        async with Sandbox(SandboxConfig(port=0, oauth_port=0)) as sandbox:
            sandbox.register_app(int(SANDBOX_APP_ID), "http://127.0.0.1:0/cb", name="Self-test")
            user = sandbox.users[0]
            client = DerivClient(endpoint_url(sandbox.ws_url, SANDBOX_APP_ID), request_timeout=15)
            state = SessionState()
            settings = Settings()
            settings_file = SettingsFile(Path(scratch) / "settings.json")
            session = SessionService(
                server=sandbox.ws_url,
                app_id=SANDBOX_APP_ID,
                state=state,
                backend_factory=lambda: LegacyBackend(client),
                store=MemoryTokenStore(),
                settings=settings,
                settings_file=settings_file,
            )
            bridge = StateBridge(state)
            tasks = TaskRegistry()
            window: MainWindow | None = None
            try:
                credentials = [
                    AccountCredential(a.loginid, a.token, a.currency or None)
                    for a in user.accounts
                    if not a.is_disabled
                ]
                await session.sign_in(credentials, via="api_token")
                ctx = GuiContext(
                    state=state,
                    bridge=bridge,
                    session=session,
                    tasks=tasks,
                    settings=settings,
                    settings_file=settings_file,
                    server_label="Self-test",
                    app_id=SANDBOX_APP_ID,
                    open_url=lambda _url: False,
                )
                window = MainWindow(ctx)
                window.show()
                wanted = [c.loginid for c in credentials]
                await _balances_for(state, wanted)
                window.sync_repaint()
                shown = window.model.rowCount()
                if shown == 0:
                    raise RuntimeError("the main window shows no accounts")
                return f"{len(wanted)} accounts with balances over {sandbox.ws_url}"
            finally:
                if window is not None:
                    window.close()
                    window.deleteLater()
                await tasks.shutdown()
                await shutdown_session(session)
                bridge.detach()


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
