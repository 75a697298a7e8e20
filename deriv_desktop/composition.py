"""How deriv-desktop is put together: the one place that constructs services.

``build_stack`` builds, for one connection profile, everything a signed-in window runs on: the
API's backend (through its descriptor in ``services/api_kinds.py``), the session, token,
security-checkup and login services, the state and its Qt bridge, and the task registry.
``ConnectionStack.context`` hands a window the typed ``GuiContext`` it needs. The app
(``controller.py``), ``--self-test``, the benches, the screenshot tools and the GUI test
fixtures all call these functions, so what the tests run is what users run; only the knobs in
``Tuning`` differ.

``resolve_endpoints`` says where a profile connects: Deriv's servers, or the built-in sandbox,
where it also registers the app ids the profile uses.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog

from deriv_desktop.auth.loopback_types import LoopbackConfig
from deriv_desktop.domain.state import SessionState
from deriv_desktop.gui.bridge import StateBridge
from deriv_desktop.gui.context import GuiContext
from deriv_desktop.gui.privacy import Privacy
from deriv_desktop.gui.resources import resources_dir
from deriv_desktop.gui.tasks import TaskRegistry
from deriv_desktop.logging_setup import log_dir
from deriv_desktop.services.api_kinds import BrowserRoute
from deriv_desktop.services.api_parts import Endpoints, Transport
from deriv_desktop.services.checkup import SecurityCheckup
from deriv_desktop.services.lifecycle import shutdown_session
from deriv_desktop.services.login import LoginConfig, LoginService, OpenUrl
from deriv_desktop.services.profile import ConnectionProfile, RedirectKind, with_any_port
from deriv_desktop.services.proxy_secret import ProxyKeeper
from deriv_desktop.services.session import SessionService
from deriv_desktop.services.tokens import TokenService
from deriv_desktop.storage.secrets import (
    KeyringTokenStore,
    MemoryTokenStore,
    SecretProblem,
    SecretStoreError,
    TokenStore,
)
from deriv_desktop.storage.settings import Settings, SettingsFile

if TYPE_CHECKING:
    from deriv_desktop.api.backoff import Backoff
    from deriv_desktop.sandbox import Sandbox

__all__ = [
    "SANDBOX_APP_NAME",
    "ConnectionStack",
    "Endpoints",
    "Tuning",
    "build_stack",
    "resolve_endpoints",
]

log = logging.getLogger(__name__)

SANDBOX_APP_NAME = "Deriv Desktop"
SANDBOX_RELAY_PATH = "/relay/deriv-desktop-relay.html"


@dataclass(frozen=True)
class Tuning:
    """What tests, benches and tools may change; ``Tuning()`` is exactly what the app runs."""

    backoff: Backoff | None = None  # reconnect pacing (tests press "Retry now" on a long one)
    request_timeout: float | None = None
    login_timeout: float | None = None
    loopback: LoopbackConfig | None = None

    def client_options(self) -> Mapping[str, Any]:
        options: dict[str, Any] = {}
        if self.backoff is not None:
            options["backoff"] = self.backoff
        if self.request_timeout is not None:
            options["request_timeout"] = self.request_timeout
        return options


async def _no_browser(_url: str) -> bool:
    return False


@dataclass
class ConnectionStack:
    """Everything that belongs to one profile; the controller rebuilds it when that changes."""

    profile: ConnectionProfile
    endpoints: Endpoints
    state: SessionState
    bridge: StateBridge
    session: SessionService
    tokens: TokenService
    checkup: SecurityCheckup
    login: LoginService
    tasks: TaskRegistry
    settings: Settings
    settings_file: SettingsFile
    privacy: Privacy
    proxy_keeper: ProxyKeeper  # Tools ▸ Preferences changes the proxy through it
    #: Open an address in the browser without waiting (windows call it from slots).
    open_url: Callable[[str], bool] = lambda _url: False
    dialogs: dict[str, QDialog] = field(default_factory=dict)

    def reconnect_now(self) -> None:
        """The "Retry now" button: whichever API is in use connects again at once."""
        self.session.reconnect_now()

    def context(self, *, server_label: str, version: str = "") -> GuiContext:
        """What a window of this stack is handed."""
        return GuiContext(
            state=self.state,
            bridge=self.bridge,
            session=self.session,
            tokens=self.tokens,
            checkup=self.checkup,
            tasks=self.tasks,
            settings=self.settings,
            settings_file=self.settings_file,
            server_label=server_label,
            app_id=self.profile.active_app_id,
            open_url=self.open_url,
            privacy=self.privacy,
            proxy=self.proxy_keeper,
            version=version,
            log_folder=log_dir(),
            open_dialogs=self.dialogs,
        )

    async def close(self) -> None:
        """End the login attempt and the session; the bridge is deleted on the GUI thread."""
        await self.login.aclose()
        await shutdown_session(self.session)
        self.bridge.detach()
        # A QObject left to Python's collector may be destroyed from whichever thread runs it.
        self.bridge.deleteLater()


def build_stack(
    profile: ConnectionProfile,
    endpoints: Endpoints,
    *,
    store: TokenStore,
    settings: Settings,
    settings_file: SettingsFile,
    tasks: TaskRegistry | None = None,
    open_url: OpenUrl = _no_browser,
    on_redirect: Callable[[str], Awaitable[None]] | None = None,
    tuning: Tuning = Tuning(),
    privacy: Privacy | None = None,
    secrets: TokenStore | None = None,
) -> ConnectionStack:
    """The backend, services, state, bridge and task registry for ``profile`` at ``endpoints``.

    ``privacy`` is the app's privacy mode (the controller keeps one across stacks); without one
    the stack starts from the saved setting. ``secrets`` keeps the proxy's password (the app's
    keyring, also when ``store`` remembers no session); by default ``store``.

    ``open_url`` is the system browser (awaitable); ``on_redirect`` is told the loopback
    redirect URL once the login service listens (the sandbox registers its port).
    """
    kind = profile.api_kind
    app_id = profile.active_app_id
    parts = kind.build(
        Transport(
            endpoints,
            app_id,
            language=profile.language,
            client_options=tuning.client_options(),
            proxy=profile.proxy,
        )
    )
    state = SessionState()
    bridge = StateBridge(state)
    session = SessionService(
        server=parts.session_server,
        app_id=app_id,
        state=state,
        backend_factory=parts.backend_factory,
        store=store,
        settings=settings,
        settings_file=settings_file,
        stream_backoff=tuning.backoff,
    )
    config = LoginConfig(
        app_id=app_id,
        oauth_url=endpoints.oauth_url,
        redirect_uri=endpoints.redirect_uri,
        language=profile.language,
        api=kind,
    )
    if tuning.login_timeout is not None:
        config = replace(config, timeout=tuning.login_timeout)
    if tuning.loopback is not None:
        config = replace(config, loopback=tuning.loopback)
    login = LoginService(
        session, config, open_url=open_url, on_redirect=on_redirect, oauth2=parts.oauth2(session)
    )
    session.problem.connect(bridge.report)
    registry = tasks if tasks is not None else TaskRegistry()

    def open_soon(url: str) -> bool:
        async def open_it() -> None:
            await open_url(url)

        registry.spawn(open_it(), name="open-url")
        return True

    tokens = TokenService(session)
    return ConnectionStack(
        profile=profile,
        endpoints=endpoints,
        state=state,
        bridge=bridge,
        session=session,
        tokens=tokens,
        checkup=SecurityCheckup(tokens, settings, settings_file),
        login=login,
        tasks=registry,
        settings=settings,
        settings_file=settings_file,
        privacy=privacy if privacy is not None else Privacy(settings.hide_amounts),
        proxy_keeper=ProxyKeeper(secrets or store, settings, settings_file),
        open_url=open_soon,
    )


# ---------------------------------------------------------------------------------- parts
async def open_token_store() -> tuple[TokenStore, SecretStoreError | None]:
    """The OS keyring, checked; without a usable one, a store that remembers nothing (and the
    reason, which the windows explain)."""
    keyring_store = KeyringTokenStore()
    try:
        # A keyring that does not answer within a few seconds is left alone for this run.
        async with asyncio.timeout(keyring_store.slow_after):
            await keyring_store.check()
    except TimeoutError:
        keyring_store.give_up(for_this_run=True)
        log.warning("the keyring did not answer; sign-ins will not be remembered")
        return MemoryTokenStore(), SecretStoreError(SecretProblem.NOT_ANSWERED)
    except SecretStoreError as exc:
        log.warning("sign-ins will not be remembered: %s", exc.problem.kind.value)
        return MemoryTokenStore(), exc
    return keyring_store, None


async def start_sandbox() -> Sandbox:
    """The built-in sandbox on free loopback ports (``--sandbox``)."""
    from deriv_desktop.sandbox import Sandbox, SandboxConfig

    sandbox = Sandbox(SandboxConfig(port=0, oauth_port=0))
    await sandbox.start()
    return sandbox


# ---------------------------------------------------------------------------------- endpoints
def read_relay_page() -> str:
    """The relay page users host for OAuth2 on the new API (blocking: run it in an executor)."""
    return (resources_dir() / "relay" / "deriv-desktop-relay.html").read_text(encoding="utf-8")


async def resolve_endpoints(profile: ConnectionProfile, sandbox: Sandbox | None) -> Endpoints:
    """Where ``profile`` connects. For the sandbox (``sandbox`` given, already running) its
    addresses, with the profile's app id registered there for the chosen API."""
    kind = profile.api_kind
    if sandbox is None:
        return kind.endpoints(profile)
    app_id = profile.active_app_id
    valid = kind.is_valid_app_id(app_id)
    if kind.browser_route is BrowserRoute.OAUTH2_RELAY:
        relay = profile.relay_url
        if not relay:  # the sandbox plays the static host the relay page would live on
            page = await asyncio.get_running_loop().run_in_executor(None, read_relay_page)
            relay = sandbox.host_page(SANDBOX_RELAY_PATH, page)
        assert sandbox.newapi is not None
        if valid:
            sandbox.newapi.register_client(app_id, relay, name=SANDBOX_APP_NAME)
        return Endpoints(sandbox.rest_url, sandbox.oauth2_url.removesuffix("/oauth2/auth"), relay)
    redirect = profile.redirect_uri
    if profile.redirect is RedirectKind.LOOPBACK:
        redirect = with_any_port(redirect)  # the real port is registered once listening
    if valid:
        _register_redirect(sandbox, int(app_id), redirect)
    return Endpoints(sandbox.ws_url, sandbox.oauth_url, redirect)


def _register_redirect(sandbox: Sandbox, app_id: int, redirect_uri: str) -> None:
    """Point the sandbox's app ``app_id`` at ``redirect_uri``; an app the sandbox already
    knows (a seeded one) keeps its name and scopes."""
    known = sandbox.state.apps.get(app_id)
    if known is None:
        sandbox.register_app(app_id, redirect_uri, name=SANDBOX_APP_NAME)
    else:
        sandbox.state.register_app(dataclasses.replace(known, redirect_uri=redirect_uri))


def sandbox_redirect_hook(
    profile: ConnectionProfile, sandbox: Sandbox
) -> Callable[[str], Awaitable[None]] | None:
    """Registers the loopback port the login service chose (legacy sign-in on the sandbox)."""
    if profile.api_kind.browser_route is not BrowserRoute.ACCOUNT_TOKENS:
        return None
    app_id = profile.active_app_id
    if not profile.api_kind.is_valid_app_id(app_id):
        return None

    async def register(redirect_uri: str) -> None:
        _register_redirect(sandbox, int(app_id), redirect_uri)

    return register
