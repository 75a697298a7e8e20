"""Helpers for the sign-in tests (unit, GUI and end to end): a real sandbox with a real session
and login service, a tiny HTTP client for the loopback handler, event-driven waits, and the
sandbox's OAuth pages driven through headless Chromium.

Nothing here sleeps to synchronise: waits are on the login service's events (or on the browser's
own navigation events), each with a ceiling that is never reached when things work.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlencode, urlsplit

from deriv_desktop.auth.loopback import LoopbackConfig
from deriv_desktop.domain.state import SessionState
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.sandbox.models import Account, User
from deriv_desktop.services.login import LoginService, LoginStatus
from deriv_desktop.services.session import SessionService
from deriv_desktop.storage.secrets import MemoryTokenStore, TokenStore
from deriv_desktop.storage.settings import Settings, SettingsFile

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from deriv_desktop.controller import AppController
    from deriv_desktop.services.profile import ConnectionProfile

APP_ID = 36544
REDIRECT_ANY_PORT = "http://127.0.0.1:0/deriv-desktop/callback"
SCHEME_REDIRECT = "derivdesktop://oauth/callback"
IO_TIMEOUT = 10.0  # ceiling for one network wait; never reached when a test passes


def fast_loopback() -> LoopbackConfig:
    """Short handler timings so the suite stays quick (the defaults suit people)."""
    return LoopbackConfig(read_timeout=2.0, write_timeout=2.0, app_ceiling=5.0, done_grace=2.0)


@asynccontextmanager
async def running_app(
    tmp_path: Path, profile: ConnectionProfile, overridden: tuple[str, ...] = ()
) -> AsyncIterator[AppController]:
    """The real application on ``profile``, settings under ``tmp_path``, shut down after."""
    from deriv_desktop.composition import Tuning
    from deriv_desktop.controller import AppController

    controller = AppController(
        settings=Settings(),
        settings_file=SettingsFile(tmp_path / "config" / "settings.json"),
        profile=profile,
        overridden=overridden,
        tuning=Tuning(loopback=fast_loopback()),
        single_instance=False,
    )
    try:
        yield controller
    finally:
        await controller.shutdown()


async def started(app: AppController) -> Sandbox:
    """Start ``app`` on its built-in sandbox and wait for its start-up restore to settle."""
    await app.start()
    assert app.restore_task is not None
    await app.restore_task
    assert app.sandbox is not None
    return app.sandbox


def usable_accounts(user: User) -> list[Account]:
    """The accounts Deriv issues tokens for (disabled ones are left out)."""
    return [a for a in user.accounts if not a.is_disabled]


def callback_query(
    state: str | None, accounts: list[Account], *, tokens: list[str] | None = None
) -> str:
    """The query Deriv appends to the redirect for these accounts (account tokens by default)."""
    pairs: list[tuple[str, str]] = []
    for number, account in enumerate(accounts, start=1):
        token = tokens[number - 1] if tokens is not None else account.token
        pairs += [(f"acct{number}", account.loginid), (f"token{number}", token)]
        if account.currency:
            pairs.append((f"cur{number}", account.currency))
    if state is not None:
        pairs.append(("state", state))
    return urlencode(pairs)


def state_of(authorize_url: str) -> str:
    return parse_qs(urlsplit(authorize_url).query)["state"][0]


def port_of(url: str) -> int:
    port = urlsplit(url).port
    assert port is not None, "expected an explicit port"
    return port


# ---------------------------------------------------------------------------------- HTTP
@dataclass
class HttpReply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


async def http_get(url: str, *, timeout: float = IO_TIMEOUT) -> HttpReply:
    """One GET over a fresh connection; returns whatever the server sent until it closed."""
    parts = urlsplit(url)
    port = parts.port or 80
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    async with asyncio.timeout(timeout):
        reader, writer = await asyncio.open_connection(parts.hostname, port)
        try:
            head = f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n"
            writer.write(head.encode())
            await writer.drain()
            data = b""
            with contextlib.suppress(ConnectionResetError):
                while chunk := await reader.read(65536):
                    data += chunk
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return HttpReply(int(lines[0].split(" ")[1]), headers, body)


async def follow_to_done(url: str) -> HttpReply:
    """GET the callback like a browser: follow the 303 to /done and return the final page."""
    reply = await http_get(url)
    if reply.status == 303:
        parts = urlsplit(url)
        reply = await http_get(f"{parts.scheme}://{parts.netloc}{reply.headers['location']}")
    return reply


async def connection_refused(port: int) -> bool:
    """True when nothing listens on 127.0.0.1:port any more."""
    try:
        _, writer = await asyncio.open_connection("127.0.0.1", port)
    except ConnectionRefusedError:
        return True
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
    return False


# ---------------------------------------------------------------------------------- waiting
async def wait_for_status(
    login: LoginService, predicate: Callable[[LoginStatus], bool], timeout: float = IO_TIMEOUT
) -> LoginStatus:
    """The first status (current or later) that satisfies ``predicate``."""
    if predicate(login.status):
        return login.status
    future: asyncio.Future[LoginStatus] = asyncio.get_running_loop().create_future()

    def seen(status: LoginStatus) -> None:
        if predicate(status) and not future.done():
            future.set_result(status)

    unlink = login.changed.connect(seen)
    try:
        async with asyncio.timeout(timeout):
            return await future
    finally:
        unlink()


async def wait_for_balances(
    state: SessionState, loginids: list[str], timeout: float = IO_TIMEOUT
) -> None:
    arrived = asyncio.Event()

    def check(_changed: object = None) -> None:
        if all(state.balance(loginid) is not None for loginid in loginids):
            arrived.set()

    unlink = state.balances_changed.connect(check)
    try:
        check()
        async with asyncio.timeout(timeout):
            await arrived.wait()
    finally:
        unlink()


class Catch:
    """Connects to a Qt signal at once (emissions are synchronous) and awaits its first one."""

    def __init__(self, signal: SignalInstance) -> None:
        self._signal = signal
        self._future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()
        signal.connect(self._seen)

    def _seen(self, *args: Any) -> None:
        if not self._future.done():
            self._future.set_result(args)

    @property
    def seen(self) -> bool:
        return self._future.done()

    async def wait(self, timeout: float = IO_TIMEOUT) -> tuple[Any, ...]:
        try:
            async with asyncio.timeout(timeout):
                return await self._future
        finally:
            self._signal.disconnect(self._seen)


# ---------------------------------------------------------------------------------- a stack
class OpenUrlSpy:
    """Stands in for the system browser: records URLs and checks the port already listens."""

    def __init__(self, result: bool = True) -> None:
        self.urls: list[str] = []
        self.result = result
        self.listening_at_open: list[bool] = []
        self.login: LoginService | None = None
        self.opened = asyncio.Event()

    async def __call__(self, url: str) -> bool:
        self.urls.append(url)
        receiver = self.login.receiver if self.login is not None else None
        self.listening_at_open.append(receiver is not None and receiver.is_listening)
        self.opened.set()
        return self.result


@dataclass
class LoginStack:
    sandbox: Sandbox
    session: SessionService
    login: LoginService
    state: SessionState
    spy: OpenUrlSpy
    store: TokenStore
    settings: Settings
    redirects: list[str] = field(default_factory=list)

    @property
    def user(self) -> User:
        return self.sandbox.users[0]


@asynccontextmanager
async def login_stack(
    tmp_path: Path,
    *,
    redirect_uri: str = REDIRECT_ANY_PORT,
    timeout: float = 30.0,
    store: TokenStore | None = None,
    open_result: bool = True,
    sandbox: Sandbox | None = None,
    settings_file: SettingsFile | None = None,
    language: str = "en",
    loopback: LoopbackConfig | None = None,
) -> AsyncIterator[LoginStack]:
    """A sandbox with our app registered, and the stack the app builds for it (session and
    login service over real sockets), through the composition root.

    The sandbox learns each attempt's real loopback port through the login service's redirect
    hook, as the app does with ``--sandbox``.
    """
    from deriv_desktop.composition import Endpoints, Tuning, build_stack
    from deriv_desktop.services.profile import SANDBOX_SERVER, ConnectionProfile

    owned = sandbox is None
    sb = sandbox or Sandbox(SandboxConfig(port=0, oauth_port=0))
    if owned:
        await sb.start()
    sb.register_app(APP_ID, redirect_uri, name="Deriv Desktop")
    settings = settings_file.load_sync() if settings_file is not None else Settings()
    token_store = store or MemoryTokenStore()
    spy = OpenUrlSpy(open_result)
    redirects: list[str] = []

    async def register(uri: str) -> None:
        redirects.append(uri)
        sb.register_app(APP_ID, uri, name="Deriv Desktop")

    profile = ConnectionProfile(
        server=SANDBOX_SERVER, app_id=str(APP_ID), redirect_uri=redirect_uri, language=language
    )
    parts = build_stack(
        profile,
        Endpoints(sb.ws_url, sb.oauth_url, redirect_uri),
        store=token_store,
        settings=settings,
        settings_file=settings_file or SettingsFile(tmp_path / "settings.json"),
        open_url=spy,
        on_redirect=register,
        tuning=Tuning(
            request_timeout=10, login_timeout=timeout, loopback=loopback or fast_loopback()
        ),
    )
    spy.login = parts.login
    stack = LoginStack(
        sb, parts.session, parts.login, parts.state, spy, token_store, settings, redirects
    )
    try:
        yield stack
    finally:
        await parts.tasks.shutdown()
        await parts.close()
        if owned:
            await sb.stop()


# ---------------------------------------------------------------------------------- browser
async def sign_in_on_sandbox_page(
    page: Any, url: str, *, email: str, password: str, decision: str | None = "allow"
) -> None:
    """Drive the sandbox's OAuth pages in a real browser: sign-in form, then the consent page
    (``decision`` "allow" or "deny"; None when no consent page is expected)."""
    await page.navigate(url)
    await page.fill("#email", email)
    await page.fill("#password", password)
    await page.click("button[type=submit]", wait_for_navigation=decision is not None)
    if decision is not None:
        await page.click(f"button[value={decision}]")


async def page_text_when(
    page: Any, predicate: Callable[[str], bool], timeout: float = IO_TIMEOUT
) -> str:
    """Wait until the browser has loaded a page whose URL satisfies ``predicate``; its text."""
    await page.wait_for_url(predicate, timeout=timeout)
    await page.wait_for_load(timeout=timeout)
    return str(await page.text())


async def done_page_text(page: Any, timeout: float = IO_TIMEOUT) -> str:
    """The loopback handler's result page (/done), once the browser shows it."""
    return await page_text_when(page, lambda u: u.endswith("/done"), timeout)
