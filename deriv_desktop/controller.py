"""The running app: one *connection stack* per profile, the sandbox, the windows, shutdown.

:class:`AppController` is built by ``app.main`` once the sign-in window is painted (everything
here loads after that first frame). It owns the stack (state, bridge, session, login) and
rebuilds it when the Settings change; it also owns the built-in sandbox when that is the chosen
server, the single-instance listener, and the switch between the sign-in window and the main
window. Nothing else constructs services. Shutdown is one idempotent coroutine.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QFileOpenEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from deriv_desktop import __version__
from deriv_desktop.api.legacy.endpoint import endpoint_url
from deriv_desktop.app import ACTIVATE
from deriv_desktop.auth.loopback import LoopbackConfig
from deriv_desktop.auth.scheme import SCHEME
from deriv_desktop.domain.errors import ApiError, ConnectionProblem, InvalidToken
from deriv_desktop.domain.state import SessionState
from deriv_desktop.gui.bridge import StateBridge
from deriv_desktop.gui.context import GuiContext
from deriv_desktop.gui.resources import resources_dir
from deriv_desktop.gui.single_instance import SingleInstance
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.tasks import TaskRegistry
from deriv_desktop.gui.views.sign_in import SignInWindow
from deriv_desktop.gui.widgets.message_bar import MessageKind
from deriv_desktop.gui.widgets.sign_in_parts import quit_keys
from deriv_desktop.gui.widgets.sign_in_texts import keyring_reason, session_not_remembered_note
from deriv_desktop.services.backend import AccountBackend
from deriv_desktop.services.lifecycle import shutdown_session
from deriv_desktop.services.login import LoginConfig, LoginService, OpenUrl
from deriv_desktop.services.profile import (
    ConnectionProfile,
    RedirectKind,
    is_valid_app_id,
    is_valid_new_app_id,
    with_any_port,
)
from deriv_desktop.services.session import SessionService, SignInOutcome
from deriv_desktop.storage.secrets import (
    KeyringTokenStore,
    MemoryTokenStore,
    SecretStoreError,
    TokenStore,
)
from deriv_desktop.storage.settings import Settings, SettingsFile

if TYPE_CHECKING:  # imported where first used: the first window paints without them
    from deriv_desktop.api.legacy.client import DerivClient
    from deriv_desktop.gui.views.main_window import MainWindow
    from deriv_desktop.sandbox import Sandbox
    from deriv_desktop.services.legacy_backend import LegacyBackend
    from deriv_desktop.services.new_api_setup import NewApiEndpoints, NewApiParts

log = logging.getLogger(__name__)

SANDBOX_APP_NAME = "Deriv Desktop"


# ---------------------------------------------------------------------------------- browser
_NO_URL_SERVICES = frozenset({"offscreen", "minimal", "vnc"})


async def open_in_browser(url: str) -> bool:
    """The system browser: Qt's URL handler with the exact encoded bytes, else ``webbrowser``
    in an executor (a ``$BROWSER`` command may block). Platforms without URL services
    (offscreen) go straight to ``webbrowser``."""
    if QGuiApplication.platformName() not in _NO_URL_SERVICES:
        qurl = QUrl.fromEncoded(QByteArray(url.encode("ascii")), QUrl.ParsingMode.StrictMode)
        if qurl.isValid() and QDesktopServices.openUrl(qurl):
            return True
    running = asyncio.get_running_loop()
    return bool(await running.run_in_executor(None, webbrowser.open, url))


# ---------------------------------------------------------------------------------- stack
SANDBOX_RELAY_PATH = "/relay/deriv-desktop-relay.html"


def read_relay_page() -> str:
    """The relay page users host for OAuth2 on the new API (blocking: run it in an executor)."""
    return (resources_dir() / "relay" / "deriv-desktop-relay.html").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Endpoints:
    """Where one profile actually connects (the sandbox's ports are only known once running)."""

    server: str
    oauth_url: str
    redirect_uri: str


@dataclass
class ConnectionStack:
    """Everything that belongs to one profile; rebuilt when the profile changes."""

    profile: ConnectionProfile
    endpoints: Endpoints
    state: SessionState
    bridge: StateBridge
    session: SessionService
    login: LoginService
    clients: list[DerivClient]

    @property
    def client(self) -> DerivClient | None:
        return self.clients[-1] if self.clients else None

    def reconnect_now(self) -> None:
        client = self.client
        if client is not None:
            client.reconnect_now()

    async def close(self) -> None:
        await self.login.aclose()
        await shutdown_session(self.session)
        self.bridge.detach()
        # Deleted by Qt on the GUI thread; a QObject left to Python's collector may be
        # destroyed from whichever thread happens to run it.
        self.bridge.deleteLater()


class _OpenUrlEvents(QObject):
    """macOS hands a custom-scheme URL to the running app as a ``FileOpen`` event (no second
    process starts); route it like a hand-over from another instance."""

    def __init__(self, deliver: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._deliver = deliver

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            url = event.url()
            if url.scheme() == SCHEME:
                self._deliver(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
                return True
        return super().eventFilter(watched, event)


class AppController:
    """Builds and switches everything the user sees. See the module docstring."""

    def __init__(
        self,
        *,
        settings: Settings,
        settings_file: SettingsFile,
        profile: ConnectionProfile,
        overridden: tuple[str, ...] = (),
        open_url: OpenUrl = open_in_browser,
        token_store: TokenStore | None = None,
        login_timeout: float | None = None,
        loopback_config: LoopbackConfig | None = None,
        callback_url: str | None = None,
        single_instance: bool = True,
        set_language: Callable[[str], None] | None = None,
        version: str = __version__,
        sign_in_window: SignInWindow | None = None,
    ) -> None:
        """``sign_in_window``: the window ``app.main`` already painted (built without a login
        service); it is taken over, not rebuilt. Without one, ``start`` builds it."""
        self.settings = settings
        self.settings_file = settings_file
        self.profile = profile
        self._overridden = overridden
        self._set_language = set_language
        self._open_url = open_url
        self._token_store = token_store
        self._login_timeout = login_timeout
        self._loopback_config = loopback_config
        self._callback_url = callback_url
        self._single_instance_wanted = single_instance
        self.version = version
        self.tasks = TaskRegistry()
        self.store: TokenStore = MemoryTokenStore()
        self.store_problem: SecretStoreError | None = None
        self.sandbox: Sandbox | None = None
        self.stack: ConnectionStack | None = None
        self.instance: SingleInstance | None = None
        self.sign_in_window: SignInWindow | None = None
        if sign_in_window is not None:
            self._connect_sign_in_window(sign_in_window)
        self.main_window: MainWindow | None = None
        self.restore_task: asyncio.Task[None] | None = None
        self.profile_task: asyncio.Task[None] | None = None
        self.quit_requested = asyncio.Event()
        self._shutdown_task: asyncio.Task[None] | None = None
        self._url_events: _OpenUrlEvents | None = None

    def __repr__(self) -> str:
        return f"AppController({self.profile.label()}, app {self.profile.app_id})"

    # ------------------------------------------------------------------ start
    async def start(self) -> None:
        """Choose the token store, build the stack, show (or attach) the sign-in window, try to
        restore."""
        await self._choose_store()
        stack = await self._build_stack(self.profile)
        self.stack = stack
        self._listen(self.profile.scope)
        self._watch_url_events()
        window = self.sign_in_window
        if window is None:
            if self._set_language is not None:
                self._set_language(self.profile.language)  # before any window is built
            window = self._new_sign_in_window(stack)
            window.show()
        else:
            window.set_login(
                stack.login, self.profile, tasks=self.tasks, overridden=self._overridden
            )
            self._show_banners()
        if self._callback_url:  # started by the OS with an answer but nobody was running
            url, self._callback_url = self._callback_url, None
            self.tasks.spawn(stack.login.submit_scheme_url(url), name="scheme-callback")
        self.restore_task = self.tasks.spawn(self._restore(), name="restore-session")

    def _new_sign_in_window(self, stack: ConnectionStack) -> SignInWindow:
        window = SignInWindow(stack.login, self.profile, self.tasks, overridden=self._overridden)
        self._connect_sign_in_window(window)
        self._show_banners()
        return window

    def _connect_sign_in_window(self, window: SignInWindow) -> None:
        self.sign_in_window = window
        window.proceed.connect(self._proceed)
        window.settingsApplied.connect(self._settings_applied)
        window.signOutRequested.connect(self._sign_out_requested)
        window.restoreRequested.connect(self._restore_requested)
        window.quitRequested.connect(self.request_quit)

    async def _choose_store(self) -> None:
        if self._token_store is not None:
            self.store = self._token_store
            return
        keyring_store = KeyringTokenStore()
        try:
            await keyring_store.check()
        except SecretStoreError as exc:
            log.warning("sign-ins will not be remembered: %s", exc.problem.value)
            self.store, self.store_problem = MemoryTokenStore(), exc
            return
        self.store = keyring_store

    def _store_for(self, profile: ConnectionProfile) -> TokenStore:
        # The sandbox's world (and its tokens) is new at every start: nothing to remember.
        return MemoryTokenStore() if profile.is_sandbox else self.store

    async def _build_stack(self, profile: ConnectionProfile) -> ConnectionStack:
        state = SessionState()
        bridge = StateBridge(state)
        clients: list[DerivClient] = []
        parts: NewApiParts | None = None
        backend_factory: Callable[[], AccountBackend]
        if profile.is_new_api:
            from deriv_desktop.services.new_api_setup import NewApiParts

            new_endpoints = await self._new_api_endpoints(profile)
            endpoints = Endpoints(
                new_endpoints.rest_url, new_endpoints.auth_base_url, new_endpoints.relay_url
            )
            parts = NewApiParts(profile.new_app_id, new_endpoints)
            backend_factory = parts.backend_factory()
            server, app_id = new_endpoints.session_server, profile.new_app_id
        else:
            endpoints = await self._endpoints(profile)
            url = endpoint_url(endpoints.server, profile.app_id or "0", profile.language)

            def new_backend() -> LegacyBackend:
                from deriv_desktop.api.legacy.client import DerivClient
                from deriv_desktop.services.legacy_backend import LegacyBackend

                client = DerivClient(url)
                clients.append(client)
                return LegacyBackend(client)

            backend_factory, server, app_id = new_backend, profile.server, profile.app_id
        session = SessionService(
            server=server,
            app_id=app_id,
            state=state,
            backend_factory=backend_factory,
            store=self._store_for(profile),
            settings=self.settings,
            settings_file=self.settings_file,
        )
        config = LoginConfig(
            app_id=app_id,
            oauth_url=endpoints.oauth_url,
            redirect_uri=endpoints.redirect_uri,
            language=profile.language,
            new_api=profile.is_new_api,
        )
        if self._login_timeout is not None:
            config = replace(config, timeout=self._login_timeout)
        if self._loopback_config is not None:
            config = replace(config, loopback=self._loopback_config)
        hook = (
            self._register_sandbox_redirect
            if profile.is_sandbox and not profile.is_new_api
            else None
        )
        oauth2 = parts.attach(session) if parts is not None else None
        login = LoginService(
            session, config, open_url=self._open_url, on_redirect=hook, oauth2=oauth2
        )
        session.signed_out.connect(self._signed_out)
        session.problem.connect(bridge.report)
        return ConnectionStack(profile, endpoints, state, bridge, session, login, clients)

    async def _endpoints(self, profile: ConnectionProfile) -> Endpoints:
        if not profile.is_sandbox:
            return Endpoints(profile.server, profile.oauth_url, profile.redirect_uri)
        sandbox = await self._ensure_sandbox()
        redirect = profile.redirect_uri
        if profile.redirect is RedirectKind.LOOPBACK:
            redirect = with_any_port(redirect)  # the real port is registered once listening
        if is_valid_app_id(profile.app_id):
            sandbox.register_app(int(profile.app_id), redirect, name=SANDBOX_APP_NAME)
        return Endpoints(sandbox.ws_url, sandbox.oauth_url, redirect)

    async def _new_api_endpoints(self, profile: ConnectionProfile) -> NewApiEndpoints:
        from deriv_desktop.services.new_api_setup import NewApiEndpoints

        if not profile.is_sandbox:
            return NewApiEndpoints(relay_url=profile.relay_url)
        sandbox = await self._ensure_sandbox()
        relay = profile.relay_url
        if not relay:  # the sandbox plays the static host the relay page would live on
            page = await asyncio.get_running_loop().run_in_executor(None, read_relay_page)
            relay = sandbox.host_page(SANDBOX_RELAY_PATH, page)
        assert sandbox.newapi is not None
        if is_valid_new_app_id(profile.new_app_id):
            sandbox.newapi.register_client(profile.new_app_id, relay, name=SANDBOX_APP_NAME)
        return NewApiEndpoints(
            rest_url=sandbox.rest_url,
            auth_base_url=sandbox.oauth2_url.removesuffix("/oauth2/auth"),
            relay_url=relay,
        )

    async def _ensure_sandbox(self) -> Sandbox:
        if self.sandbox is None:
            from deriv_desktop.sandbox import Sandbox, SandboxConfig

            sandbox = Sandbox(SandboxConfig(port=0, oauth_port=0))
            await sandbox.start()
            self.sandbox = sandbox
            log.info("built-in sandbox running")
        return self.sandbox

    async def _stop_sandbox(self) -> None:
        sandbox, self.sandbox = self.sandbox, None
        if sandbox is not None:
            await sandbox.stop()

    async def _register_sandbox_redirect(self, redirect_uri: str) -> None:
        if self.sandbox is not None and is_valid_app_id(self.profile.app_id):
            self.sandbox.register_app(int(self.profile.app_id), redirect_uri, name=SANDBOX_APP_NAME)

    def _listen(self, scope: str) -> None:
        if not self._single_instance_wanted:
            return
        if self.instance is not None:
            self.instance.close()
            self.instance.deleteLater()
        instance = SingleInstance(scope)
        if instance.listen():
            instance.received.connect(self._message_from_instance)
            self.instance = instance
        else:
            log.warning("another instance owns this profile; hand-overs will go there")
            instance.deleteLater()
            self.instance = None

    def _watch_url_events(self) -> None:
        app = QApplication.instance()
        if app is not None and self._url_events is None:
            self._url_events = _OpenUrlEvents(self._message_from_instance)
            app.installEventFilter(self._url_events)

    def _show_banners(self) -> None:
        window = self.sign_in_window
        if window is None:
            return
        window.banner.dismiss()
        if self.profile.is_sandbox and self.sandbox is not None:
            user = self.sandbox.users[0]
            text = tr(
                "App",
                "Built-in sandbox with test data only. On its sign-in page use %1 with the "
                "password %2.",
            )
            if self.profile.is_new_api and self.sandbox.newapi is not None:
                text = tr(
                    "App",
                    "Built-in sandbox (new Deriv API) with test data only. On its sign-in page "
                    "use %1 with the password %2, or paste the personal access token %3.",
                ).replace("%3", self.sandbox.newapi.pat(user.email))
            window.show_banner(
                text.replace("%1", user.email).replace("%2", user.password), MessageKind.INFO
            )
        elif self.store_problem is not None:
            window.show_keyring_problem(self.store_problem)

    # ------------------------------------------------------------------ restore
    async def _restore(self) -> None:
        stack, window = self.stack, self.sign_in_window
        assert stack is not None and window is not None
        session = stack.session
        if session.key not in self.settings.sessions:
            return
        window.set_restore_available(False)
        window.show_restoring()
        try:
            outcome = await session.restore()
        except SecretStoreError as exc:
            window.show_idle()
            window.set_restore_available(True)
            window.show_message(
                MessageKind.WARNING,
                tr(
                    "App",
                    "Your saved sign-in could not be read because %1 Unlock the keyring and "
                    "press Restore, or sign in again.",
                ).replace("%1", keyring_reason(exc)),
            )
            return
        except InvalidToken:
            await session.forget_locally()
            window.show_idle()
            window.show_message(
                MessageKind.WARNING,
                tr(
                    "App",
                    "Deriv no longer accepts your saved sign-in (it was revoked or has "
                    "expired), so it was removed. Sign in again.",
                ),
            )
            return
        except (ApiError, ConnectionProblem) as exc:
            log.warning("restoring the session failed: %s", type(exc).__name__)
            window.show_idle()
            window.set_restore_available(True)
            window.show_message(
                MessageKind.ERROR,
                tr(
                    "App",
                    "Your saved sign-in could not be restored (%1). Press Restore to try again "
                    "once Deriv is reachable.",
                ).replace("%1", str(exc).rstrip(".")),
            )
            return
        if outcome is None:
            window.show_idle()
            return
        log.info("session restored (%d accounts)", len(outcome.signed_in.accounts))
        self._show_main(outcome)

    def _restore_requested(self) -> None:
        if self.restore_task is None or self.restore_task.done():
            self.restore_task = self.tasks.spawn(self._restore(), name="restore-session")

    # ------------------------------------------------------------------ windows
    def _proceed(self, outcome: SignInOutcome) -> None:
        self._show_main(outcome)

    def _show_main(self, outcome: SignInOutcome) -> None:
        stack, sign_in = self.stack, self.sign_in_window
        assert stack is not None
        self._close_main_window()
        ctx = GuiContext(
            state=stack.state,
            bridge=stack.bridge,
            session=stack.session,
            tasks=self.tasks,
            settings=self.settings,
            settings_file=self.settings_file,
            server_label=stack.profile.label()
            + (tr("App", " (new API)") if stack.profile.is_new_api else ""),
            app_id=stack.profile.active_app_id,
            open_url=self._open_url_soon,
            version=self.version,
            extras={"reconnect_now": stack.reconnect_now},
        )
        from deriv_desktop.gui.views.main_window import MainWindow

        ctx.extras["open_tokens"] = lambda: _open_token_manager(ctx)
        ctx.extras["open_apps"] = lambda: _open_connected_apps(ctx)
        window = MainWindow(ctx)
        quit_action = QAction(window)
        quit_action.setShortcuts(quit_keys())
        quit_action.triggered.connect(self.request_quit)
        window.addAction(quit_action)
        window.closed.connect(self.request_quit)
        self.main_window = window
        window.show()
        window.raise_()
        window.activateWindow()
        if sign_in is not None:
            sign_in.hide()
        for kind, text in self._notes_for(outcome):
            window.messages.show_message(kind, text, timeout_ms=0)
        if stack.profile.is_new_api:
            self.tasks.spawn(self._tell_migration(window, stack), name="migration-status")

    async def _tell_migration(self, window: MainWindow, stack: ConnectionStack) -> None:
        """Say which API the accounts live on (the new API's REST surface knows)."""
        try:
            status = await stack.session.migration_status()
        except (ApiError, ConnectionProblem) as exc:
            log.info("migration status not available (%s)", type(exc).__name__)
            return
        from deriv_desktop.gui.migration_notice import migration_note

        note = migration_note(status)
        if note is not None and window is self.main_window:
            log.info("migration status: %s", status.value if status else "none")
            window.messages.show_message(note[0], note[1], timeout_ms=0)

    def _notes_for(self, outcome: SignInOutcome) -> list[tuple[MessageKind, str]]:
        notes: list[tuple[MessageKind, str]] = []
        if outcome.dropped:
            names = ", ".join(outcome.dropped)
            text = tr(
                "App",
                "Deriv no longer accepts the saved sign-in for %1 (revoked or expired), so it "
                "was left out. Sign in again to see it here.",
            )
            notes.append((MessageKind.WARNING, text.replace("%1", names)))
        problem = outcome.storage_problem or self.store_problem
        if problem is not None and not self.profile.is_sandbox:
            notes.append((MessageKind.WARNING, session_not_remembered_note(problem)))
        return notes

    def _close_main_window(self) -> None:
        window, self.main_window = self.main_window, None
        if window is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                window.closed.disconnect(self.request_quit)
            window.close()
            window.deleteLater()

    def _signed_out(self, _key: str) -> None:
        was_signed_in = self.main_window is not None
        self._close_main_window()
        window, stack = self.sign_in_window, self.stack
        if window is None or stack is None:
            return
        self.tasks.spawn(stack.login.reset(), name="login-reset")
        window.show_idle()
        if was_signed_in:
            window.show_message(MessageKind.INFO, tr("App", "You're signed out."))
        window.bring_to_front()

    def _sign_out_requested(self) -> None:
        if self.stack is not None:
            self.tasks.spawn(self.stack.session.logout(), name="logout")

    def _message_from_instance(self, text: str) -> None:
        if text == ACTIVATE:
            self._bring_to_front()
            return
        stack, main = self.stack, self.main_window
        if stack is None:
            return
        if main is not None:
            main.messages.show_message(
                MessageKind.INFO,
                tr(
                    "App",
                    "You're already signed in, so the sign-in address handed over by the "
                    "system was not used.",
                ),
            )
            self._bring_to_front()
            return
        self._bring_to_front()
        self.tasks.spawn(stack.login.submit_scheme_url(text), name="scheme-callback")

    def _bring_to_front(self) -> None:
        target: QWidget | None = self.main_window or self.sign_in_window
        if target is not None:
            target.show()
            target.raise_()
            target.activateWindow()

    def _open_url_soon(self, url: str) -> bool:
        async def open_it() -> None:
            await self._open_url(url)

        self.tasks.spawn(open_it(), name="open-url")
        return True

    # ------------------------------------------------------------------ settings
    def _settings_applied(self, profile: ConnectionProfile) -> None:
        self.profile_task = self.tasks.spawn(self.apply_profile(profile), name="apply-profile")

    async def apply_profile(self, profile: ConnectionProfile) -> None:
        """Save ``profile`` and, if it changes the connection, rebuild the stack for it."""
        profile.store_in(self.settings)
        await self.settings_file.save(self.settings)
        if profile == self.profile:
            return
        window, old = self.sign_in_window, self.stack
        if window is not None:
            window.detach()
        self.stack = None
        if old is not None:
            await old.close()
        if not profile.is_sandbox:
            await self._stop_sandbox()
        self.profile = profile
        stack = await self._build_stack(profile)
        self.stack = stack
        self._listen(profile.scope)
        language_changed = old is None or old.profile.language != profile.language
        if language_changed and self._set_language is not None:
            self._set_language(profile.language)
            if window is not None:  # its texts were translated when it was built
                window.close_quietly()
                window.deleteLater()
                self._overridden = ()
                self._new_sign_in_window(stack).show()
        elif window is not None:
            window.set_login(stack.login, profile)
            self._show_banners()
        self.restore_task = self.tasks.spawn(self._restore(), name="restore-session")

    # ------------------------------------------------------------------ quitting
    def request_quit(self) -> None:
        self.quit_requested.set()

    async def run(self) -> int:
        """Start, wait for the user (or SIGTERM/SIGINT) to quit, shut down."""
        running = asyncio.get_running_loop()
        handled: list[signal.Signals] = []
        for signum in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                running.add_signal_handler(signum, self.request_quit)
                handled.append(signum)
        try:
            await self.start()
            await self.quit_requested.wait()
        finally:
            await self.shutdown()
            for signum in handled:
                running.remove_signal_handler(signum)
        return 0

    async def shutdown(self) -> None:
        """Close windows, stop every task, the listener, the session and the sandbox. Idempotent."""
        if self._shutdown_task is None:
            self._shutdown_task = asyncio.ensure_future(self._shutdown())
        await asyncio.shield(self._shutdown_task)

    async def _shutdown(self) -> None:
        self.quit_requested.set()
        app = QApplication.instance()
        if self._url_events is not None and app is not None:
            app.removeEventFilter(self._url_events)
            self._url_events.deleteLater()
            self._url_events = None
        if self.instance is not None:
            self.instance.close()
            self.instance.deleteLater()
            self.instance = None
        self._close_main_window()
        if self.sign_in_window is not None:
            self.sign_in_window.close_quietly()
            self.sign_in_window.deleteLater()
            self.sign_in_window = None
        try:
            await self.settings_file.save(self.settings)  # window geometry, last account
        except OSError as exc:
            log.warning("settings not saved on exit (%s)", type(exc).__name__)
        await self.tasks.shutdown()
        stack, self.stack = self.stack, None
        if stack is not None:
            await stack.close()
        await self._stop_sandbox()
        log.info("shut down")


def _open_token_manager(ctx: GuiContext) -> QWidget:
    from deriv_desktop.gui.views.token_dialog import open_token_manager

    return open_token_manager(ctx)


def _open_connected_apps(ctx: GuiContext) -> QWidget:
    from deriv_desktop.gui.views.apps_dialog import open_connected_apps

    return open_connected_apps(ctx)
