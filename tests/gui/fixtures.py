"""The real stack for GUI tests: an in-process sandbox, the legacy client and backend, a
``SessionService`` signed in with the sandbox user's account tokens, and a ``GuiContext``.

Nothing is faked: balances travel over a real WebSocket on 127.0.0.1 and arrive through the
state and the bridge exactly as in the app.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QWidget

from deriv_desktop.api.backoff import Backoff
from deriv_desktop.api.legacy.client import DerivClient, endpoint_url
from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.state import SessionState
from deriv_desktop.gui.bridge import StateBridge
from deriv_desktop.gui.context import GuiContext
from deriv_desktop.gui.tasks import TaskRegistry
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.sandbox.models import User
from deriv_desktop.services.legacy_backend import LegacyBackend
from deriv_desktop.services.session import SessionService
from deriv_desktop.storage.secrets import MemoryTokenStore
from deriv_desktop.storage.settings import Settings, SettingsFile

APP_ID = "1089"  # a third-party app the sandbox seeds


async def wait_until(predicate: Callable[[], object], timeout: float = 5.0) -> None:
    """Poll ``predicate`` while the (qasync) loop keeps running Qt; never a blocking Qt wait."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(0.01)


@dataclass
class Stack:
    sandbox: Sandbox
    client: DerivClient
    session: SessionService
    state: SessionState
    bridge: StateBridge
    tasks: TaskRegistry
    ctx: GuiContext
    user: User
    windows: list[QWidget] = field(default_factory=list)

    def loginid(self, currency: str, *, virtual: bool = False) -> str:
        """The user's account with this currency (the demo one with ``virtual=True``)."""
        for account in self.user.accounts:
            if account.currency == currency and account.is_virtual == virtual:
                return account.loginid
        raise KeyError(currency)

    async def load_rates(self, base: str = "USD") -> None:
        """Fetch ``exchange_rates`` like a rates service would, and put them in the state."""
        assert self.session.backend is not None
        raw = await self.session.backend.exchange_rates(base)
        self.state.set_rates(base, {k: Decimal(str(v)) for k, v in raw.items()})

    async def take_offline(self) -> None:
        """Stop the sandbox: open sockets are closed and new connections are refused."""
        await self.sandbox.stop()

    async def bring_back(self) -> None:
        """Start the sandbox again on the same port; the world (and its tokens) is kept."""
        port = int(self.sandbox.ws_url.rsplit(":", 1)[1].split("/", 1)[0])
        self.sandbox.config.port = port
        await self.sandbox.start()


@asynccontextmanager
async def signed_in_stack(
    tmp_path: Path,
    *,
    user_index: int = 0,
    backoff: Backoff | None = None,
    settings: Settings | None = None,
    extras: dict[str, object] | None = None,
    with_tokens_for: Callable[[str], bool] | None = None,
) -> AsyncIterator[Stack]:
    """Start a sandbox and sign in as one of its seeded users; tear everything down after.

    ``with_tokens_for(loginid)`` can leave some accounts out of the sign-in (they then show as
    "no access"); ``backoff`` paces reconnects (tests pass a long one and press "Retry now").
    """
    async with Sandbox(SandboxConfig(port=0, oauth_port=0)) as sb:
        user = sb.users[user_index]
        url = endpoint_url(sb.ws_url, APP_ID)
        client = DerivClient(url, backoff=backoff or Backoff(base=0.05, cap=0.2), request_timeout=5)
        state = SessionState()
        settings = settings or Settings()
        settings_file = SettingsFile(tmp_path / "settings.json")
        session = SessionService(
            server=sb.ws_url,
            app_id=APP_ID,
            state=state,
            backend_factory=lambda: LegacyBackend(client),
            store=MemoryTokenStore(),
            settings=settings,
            settings_file=settings_file,
        )
        bridge = StateBridge(state)
        tasks = TaskRegistry()
        stack_extras: dict[str, object] = {"reconnect_now": client.reconnect_now}
        stack_extras.update(extras or {})
        ctx = GuiContext(
            state=state,
            bridge=bridge,
            session=session,
            tasks=tasks,
            settings=settings,
            settings_file=settings_file,
            server_label="Sandbox",
            app_id=APP_ID,
            open_url=lambda _url: True,
            version="0.1.0-test",
            extras=stack_extras,
        )
        stack = Stack(sb, client, session, state, bridge, tasks, ctx, user)
        try:
            keep = with_tokens_for or (lambda _loginid: True)
            creds = [  # Deriv refuses to authorize a disabled account's token
                AccountCredential(a.loginid, a.token, a.currency or None)
                for a in user.accounts
                if keep(a.loginid) and not a.is_disabled
            ]
            await session.sign_in(creds)
            await wait_until(lambda: all(state.balance(c.loginid) for c in creds))
            yield stack
        finally:
            for window in stack.windows:  # close while the loop still runs (settings are saved)
                if shiboken6.isValid(window):
                    window.close()
                    window.deleteLater()
            await tasks.shutdown()
            await session.shutdown()
            bridge.detach()


def fixed_clock(start: float | None = None) -> tuple[Callable[[], float], list[float]]:
    """A clock tests can move: returns ``(clock, cell)``; set ``cell[0]`` to change the time."""
    cell = [time.time() if start is None else start]
    return (lambda: cell[0]), cell
