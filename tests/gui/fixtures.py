"""The real stack for GUI tests: an in-process sandbox and the stack the app builds for it
(``deriv_desktop.composition``), signed in with the sandbox user's account tokens.

Nothing is faked or wired by hand: balances travel over a real WebSocket on 127.0.0.1 and
arrive through the state and the bridge exactly as in the app.
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
from deriv_desktop.composition import ConnectionStack, Tuning, build_stack, resolve_endpoints
from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.state import SessionState
from deriv_desktop.gui.bridge import StateBridge
from deriv_desktop.gui.context import GuiContext
from deriv_desktop.gui.profile_words import server_label
from deriv_desktop.gui.tasks import TaskRegistry
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.sandbox.models import User
from deriv_desktop.services.profile import SANDBOX_SERVER, ConnectionProfile
from deriv_desktop.services.session import SessionService
from deriv_desktop.storage.secrets import MemoryTokenStore
from deriv_desktop.storage.settings import LEGACY_API, Settings, SettingsFile

APP_ID = "1089"  # a third-party app the sandbox seeds


async def wait_until(predicate: Callable[[], object], timeout: float = 10.0) -> None:
    """Poll ``predicate`` while the (qasync) loop keeps running Qt; never a blocking Qt wait.

    ``timeout`` only bounds a test that would otherwise hang: on a loaded 2-core machine a
    dialog's first list has been seen to take over 5 s."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(0.01)


@dataclass
class Stack:
    """The stack the app builds (``deriv_desktop.composition``) over an in-process sandbox."""

    sandbox: Sandbox
    parts: ConnectionStack
    ctx: GuiContext
    user: User
    windows: list[QWidget] = field(default_factory=list)

    @property
    def session(self) -> SessionService:
        return self.parts.session

    @property
    def state(self) -> SessionState:
        return self.parts.state

    @property
    def bridge(self) -> StateBridge:
        return self.parts.bridge

    @property
    def tasks(self) -> TaskRegistry:
        return self.parts.tasks

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


def test_profile(api: str = LEGACY_API) -> ConnectionProfile:
    """The sandbox profile the tests sign in with (a third-party app id the sandbox seeds)."""
    return ConnectionProfile(server=SANDBOX_SERVER, api=api, app_id=APP_ID)


@asynccontextmanager
async def app_stack(
    tmp_path: Path,
    sb: Sandbox,
    *,
    profile: ConnectionProfile | None = None,
    backoff: Backoff | None = None,
    settings: Settings | None = None,
    user_index: int = 0,
) -> AsyncIterator[Stack]:
    """The real stack for ``profile`` on the running sandbox ``sb``, built by the composition
    root as the app builds it (only reconnects and timeouts are quicker), not signed in."""
    profile = profile or test_profile()
    endpoints = await resolve_endpoints(profile, sb)
    parts = build_stack(
        profile,
        endpoints,
        store=MemoryTokenStore(),
        settings=settings or Settings(),
        settings_file=SettingsFile(tmp_path / "settings.json"),
        tuning=Tuning(backoff=backoff or Backoff(base=0.05, cap=0.2), request_timeout=15),
    )
    parts.open_url = lambda _url: True
    ctx = parts.context(server_label=server_label(profile), version="0.1.0-test")
    stack = Stack(sb, parts, ctx, sb.users[user_index])
    try:
        yield stack
    finally:
        for window in stack.windows:  # close while the loop still runs (settings are saved)
            if shiboken6.isValid(window):
                window.close()
                window.deleteLater()
        await parts.tasks.shutdown()
        await parts.close()


@asynccontextmanager
async def signed_in_stack(
    tmp_path: Path,
    *,
    user_index: int = 0,
    backoff: Backoff | None = None,
    settings: Settings | None = None,
    with_tokens_for: Callable[[str], bool] | None = None,
) -> AsyncIterator[Stack]:
    """Start a sandbox and sign in as one of its seeded users; tear everything down after.

    ``with_tokens_for(loginid)`` can leave some accounts out of the sign-in (they then show as
    "no access"); ``backoff`` paces reconnects (tests pass a long one and press "Retry now").
    """
    async with (
        Sandbox(SandboxConfig(port=0, oauth_port=0)) as sb,
        app_stack(tmp_path, sb, backoff=backoff, settings=settings, user_index=user_index) as stack,
    ):
        keep = with_tokens_for or (lambda _loginid: True)
        creds = [  # Deriv refuses to authorize a disabled account's token
            AccountCredential(a.loginid, a.token, a.currency or None)
            for a in stack.user.accounts
            if keep(a.loginid) and not a.is_disabled
        ]
        await stack.session.sign_in(creds)
        await wait_until(lambda: all(stack.state.balance(c.loginid) for c in creds))
        yield stack


def fixed_clock(start: float | None = None) -> tuple[Callable[[], float], list[float]]:
    """A clock tests can move: returns ``(clock, cell)``; set ``cell[0]`` to change the time."""
    cell = [time.time() if start is None else start]
    return (lambda: cell[0]), cell
