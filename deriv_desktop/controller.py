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
import os
import shutil
import signal
import subprocess
import sys
import webbrowser
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QUrl
from PySide6.QtGui import QDesktopServices, QFileOpenEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from deriv_desktop import __version__
from deriv_desktop.auth.scheme import SCHEME
from deriv_desktop.composition import (
    ConnectionStack,
    Tuning,
    build_stack,
    open_token_store,
    resolve_endpoints,
    sandbox_redirect_hook,
    start_sandbox,
)
from deriv_desktop.domain.errors import ApiError, ConnectionProblem, InvalidToken
from deriv_desktop.domain.health import HealthPhase
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.domain.proxy import ProxySettings
from deriv_desktop.gui.privacy import Privacy
from deriv_desktop.gui.problem_text import describe
from deriv_desktop.gui.profile_words import server_label
from deriv_desktop.gui.single_instance import ACTIVATE, REFUSED, SingleInstance, refusal
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.tasks import TaskRegistry
from deriv_desktop.gui.views.first_frame import FirstFrame
from deriv_desktop.gui.views.sign_in import SignInWindow
from deriv_desktop.gui.widgets.message_bar import MessageKind
from deriv_desktop.services.api_kinds import TokenRoute
from deriv_desktop.services.login import OpenUrl
from deriv_desktop.services.profile import ConnectionProfile
from deriv_desktop.services.proxy_secret import remember_password, with_saved_password
from deriv_desktop.services.session import SignInOutcome
from deriv_desktop.storage.secrets import (
    KeyringTokenStore,
    MemoryTokenStore,
    SecretProblem,
    SecretStoreError,
    TokenStore,
)
from deriv_desktop.storage.settings import Settings, SettingsFile

if TYPE_CHECKING:  # imported where first used: the first window paints without them
    from deriv_desktop.gui.alerts import Alerts
    from deriv_desktop.gui.notifications import FreedesktopNotifier
    from deriv_desktop.gui.tray import Tray
    from deriv_desktop.gui.views.main_window import MainWindow
    from deriv_desktop.sandbox import Sandbox

log = logging.getLogger(__name__)

SANDBOX_APP_NAME = "Deriv Desktop"


# ---------------------------------------------------------------------------------- browser
_NO_URL_SERVICES = frozenset({"offscreen", "minimal", "vnc"})
#: How long a launcher has to fail before it counts as started: ``xdg-open`` exits non-zero at
#: once when it finds no browser; a launcher still running then *is* the browser.
LAUNCH_GRACE_SECONDS = 3.0


def launch_and_watch(argv: list[str], grace: float = LAUNCH_GRACE_SECONDS) -> bool:
    """Start a browser launcher and tell whether it worked (blocking: run it in an executor).

    False when it cannot be started or exits with an error within ``grace`` seconds; True when
    it exits cleanly or is still running (it is left running)."""
    try:
        process = subprocess.Popen(  # noqa: S603 - a fixed launcher and an encoded URL
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        log.warning("browser launcher did not start (%s)", type(exc).__name__)
        return False
    try:
        code = process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        return True
    if code != 0:
        log.warning("browser launcher failed (exit status %d)", code)
    return code == 0


def _watched_launcher() -> str | None:
    """``xdg-open`` where Qt would hand the URL to it without learning whether it worked
    (Linux and BSD desktops outside Flatpak and Snap, whose portal Qt must use)."""
    if (
        sys.platform in ("win32", "darwin")
        or os.environ.get("FLATPAK_ID")
        or os.environ.get("SNAP")
    ):
        return None
    return shutil.which("xdg-open")


async def open_in_browser(url: str) -> bool:
    """The system browser; True only when a launcher reported success (or is still running).

    On Linux desktops ``xdg-open`` is run and watched (Qt would start it and report success
    even when it then finds no browser); on Windows and macOS Qt's URL handler, which does
    report failure, with the exact encoded bytes; else (offscreen, no launcher, or a failure
    there) ``webbrowser`` in an executor, whose ``$BROWSER`` command is waited for."""
    running = asyncio.get_running_loop()
    if QGuiApplication.platformName() not in _NO_URL_SERVICES:
        launcher = _watched_launcher()
        if launcher is not None:
            return await running.run_in_executor(None, launch_and_watch, [launcher, url])
        qurl = QUrl.fromEncoded(QByteArray(url.encode("ascii")), QUrl.ParsingMode.StrictMode)
        if qurl.isValid() and QDesktopServices.openUrl(qurl):
            return True
    return bool(await running.run_in_executor(None, webbrowser.open, url))


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
        tuning: Tuning = Tuning(),  # noqa: B008 - frozen; tests shorten timeouts here
        callback_url: str | None = None,
        single_instance: bool = True,
        set_language: Callable[[str], None] | None = None,
        version: str = __version__,
        first_frame: FirstFrame | None = None,
        notifications_bus: str = "SESSION",
    ) -> None:
        """``first_frame``: what ``app.main`` painted before the rest loaded (its language is
        installed already); the sign-in window replaces it in place. Without one, ``start``
        installs the language and shows the sign-in window."""
        self.settings = settings
        self.settings_file = settings_file
        self.profile = profile
        self._overridden = overridden
        self._set_language = set_language
        self._open_url = open_url
        self._token_store = token_store
        self._tuning = tuning
        self._callback_url = callback_url
        self._single_instance_wanted = single_instance
        self.version = version
        self.tasks = TaskRegistry()
        # Privacy mode belongs to the app, not to one connection: it outlives stack rebuilds.
        self.privacy = Privacy(settings.hide_amounts)
        self.privacy.changed.connect(self._privacy_changed)
        self.store: TokenStore = MemoryTokenStore()
        self.store_problem: SecretStoreError | None = None
        # What loading a damaged settings file reset: said once, in the first window shown.
        repair = settings_file.repair
        self._repair_note: Problem | None = (
            Problem(
                ProblemKind.SETTINGS_RESET, field=",".join(repair.reset), name=repair.kept_as or ""
            )
            if repair is not None
            else None
        )
        self.sandbox: Sandbox | None = None
        self.stack: ConnectionStack | None = None
        self.instance: SingleInstance | None = None
        self.sign_in_window: SignInWindow | None = None
        self.first_frame = first_frame
        if first_frame is not None:  # closing it before the app is ready quits
            first_frame.quitRequested.connect(self.request_quit)
        self.main_window: MainWindow | None = None
        self.restore_task: asyncio.Task[None] | None = None
        self.profile_task: asyncio.Task[None] | None = None
        self.quit_requested = asyncio.Event()
        self._shutdown_task: asyncio.Task[None] | None = None
        self._url_events: _OpenUrlEvents | None = None
        self.tray: Tray | None = None
        self.alerts: Alerts | None = None
        self.notifier: FreedesktopNotifier | None = None
        self._notifications_bus = notifications_bus
        self.tray_question: QMessageBox | None = None

    def __repr__(self) -> str:
        return f"AppController({self.profile.label()}, app {self.profile.app_id})"

    # ------------------------------------------------------------------ start
    async def start(self) -> None:
        """Choose the token store, build the stack, show (or attach) the sign-in window, try to
        restore."""
        await self._choose_store()
        proxy = await with_saved_password(self.store, self.profile.proxy)
        self.profile = self.profile.with_proxy(proxy)
        stack = await self._build_stack(self.profile)
        self.stack = stack
        self._listen(self.profile.scope)
        self._watch_url_events()
        frame, self.first_frame = self.first_frame, None
        if frame is None and self._set_language is not None:
            self._set_language(self.profile.language)  # before any window is built
        window = self._new_sign_in_window(stack)
        if frame is not None:  # the same place, the same start page: nothing seems to change
            window.move(frame.pos())
        window.show()
        if frame is not None:
            frame.quitRequested.disconnect(self.request_quit)
            frame.close_quietly()
            frame.deleteLater()
        if self._callback_url:  # started by the OS with an answer but nobody was running
            url, self._callback_url = self._callback_url, None
            self._message_from_instance(url)
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
        window.restoreCancelled.connect(self._restore_cancelled)
        window.retryRequested.connect(self._retry_restore)
        window.quitRequested.connect(self.request_quit)
        window.keyring_wait.cancelRequested.connect(lambda: self._stop_waiting_for_keyring(False))
        window.keyring_wait.continueRequested.connect(lambda: self._stop_waiting_for_keyring(True))
        store = self.store
        if isinstance(store, KeyringTokenStore) and store.is_waiting:
            window.keyring_wait.set_waiting(True)

    async def _choose_store(self) -> None:
        if self._token_store is not None:
            self.store = self._token_store
        else:
            self.store, self.store_problem = await open_token_store()
        if isinstance(self.store, KeyringTokenStore):
            self.store.waiting.connect(self._keyring_waiting)

    def _keyring_waiting(self, waiting: bool) -> None:
        if self.sign_in_window is not None:
            self.sign_in_window.keyring_wait.set_waiting(waiting)

    def _stop_waiting_for_keyring(self, proceed: bool) -> None:
        """Cancel or "continue without remembering": the keyring is left alone for this run
        (a later call would wait on the same prompt), the sign-in under way ends without it."""
        store, window = self.store, self.sign_in_window
        if not isinstance(store, KeyringTokenStore):
            return
        restoring = self.restore_task is not None and not self.restore_task.done()
        if window is not None and not restoring:
            window.stop_waiting_for_keyring(proceed=proceed)
        log.warning("stopped waiting for the keyring; sign-ins are not remembered this run")
        self.store_problem = SecretStoreError(SecretProblem.NOT_ANSWERED)
        store.give_up(for_this_run=True)
        self._show_banners()

    def _store_for(self, profile: ConnectionProfile) -> TokenStore:
        # The sandbox's world (and its tokens) is new at every start: nothing to remember.
        return MemoryTokenStore() if profile.is_sandbox else self.store

    async def _build_stack(self, profile: ConnectionProfile) -> ConnectionStack:
        sandbox = await self._ensure_sandbox() if profile.is_sandbox else None
        endpoints = await resolve_endpoints(profile, sandbox)
        stack = build_stack(
            profile,
            endpoints,
            store=self._store_for(profile),
            settings=self.settings,
            settings_file=self.settings_file,
            tasks=self.tasks,
            open_url=self._open_url,
            on_redirect=sandbox_redirect_hook(profile, sandbox) if sandbox else None,
            tuning=self._tuning,
            privacy=self.privacy,
            secrets=self.store,
        )
        stack.session.signed_out.connect(self._signed_out)
        stack.proxy_keeper.saved.connect(self._proxy_saved)
        return stack

    async def _ensure_sandbox(self) -> Sandbox:
        if self.sandbox is None:
            self.sandbox = await start_sandbox()
            log.info("built-in sandbox running")
        return self.sandbox

    async def _stop_sandbox(self) -> None:
        sandbox, self.sandbox = self.sandbox, None
        if sandbox is not None:
            await sandbox.stop()

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
            personal = self.profile.api_kind.token_route is TokenRoute.PERSONAL_TOKEN
            if personal and self.sandbox.newapi is not None:
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
        if self._repair_note is not None:  # with any other note: it explains a changed start
            earlier = window.banner.text if window.banner.isVisibleTo(window) else ""
            window.show_banner(" ".join(t for t in (describe(self._repair_note), earlier) if t))

    # ------------------------------------------------------------------ restore
    async def _restore(self) -> None:
        stack, window = self.stack, self.sign_in_window
        assert stack is not None and window is not None
        session = stack.session
        if session.key not in self.settings.sessions:
            if self.settings_file.repair is not None:  # its session metadata may be gone
                await session.forget_orphan()
            return
        window.set_restore_available(False)
        window.show_restoring()
        window.show_restore_link(stack.state.link)
        unlink = stack.state.link_changed.connect(window.show_restore_link)
        try:
            outcome = await session.restore()
        except asyncio.CancelledError:
            # Cancel pressed (or the app is closing): back to the start, the saved sign-in kept.
            if self.sign_in_window is window:
                window.show_idle()
                window.set_restore_available(True)
                window.show_message(
                    MessageKind.INFO, describe(Problem(ProblemKind.RESTORE_CANCELLED))
                )
            raise
        except SecretStoreError as exc:
            window.show_idle()
            window.set_restore_available(True)
            window.show_message(
                MessageKind.WARNING,
                describe(Problem(ProblemKind.SAVED_SIGN_IN_UNREADABLE, cause=exc.problem)),
            )
            return
        except InvalidToken:
            await session.forget_locally()
            window.show_idle()
            window.show_message(
                MessageKind.WARNING, describe(Problem(ProblemKind.SAVED_SIGN_IN_REVOKED))
            )
            return
        except (ApiError, ConnectionProblem) as exc:
            log.warning("restoring the session failed: %s", type(exc).__name__)
            window.show_idle()
            window.set_restore_available(True)
            window.show_message(
                MessageKind.ERROR,
                describe(Problem(ProblemKind.SAVED_SIGN_IN_FAILED, cause=exc.problem)),
            )
            return
        finally:
            unlink()
        if outcome is None:
            window.show_idle()
            return
        log.info("session restored (%d accounts)", len(outcome.signed_in.accounts))
        self._show_main(outcome)

    def _restore_cancelled(self) -> None:
        if self.restore_task is not None and not self.restore_task.done():
            self.restore_task.cancel()

    def _retry_restore(self) -> None:
        if self.stack is not None:
            self.stack.session.reconnect_now()

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
        ctx = stack.context(server_label=server_label(stack.profile), version=self.version)
        from deriv_desktop.gui.views.main_window import MainWindow

        window = MainWindow(ctx)
        window.quitRequested.connect(self.request_quit)
        window.closed.connect(self._main_closed)
        window.signInRequested.connect(lambda: self._signed_out(stack.session.key))
        self.main_window = window
        self._keep_at_hand(stack)
        window.show()
        window.raise_()
        window.activateWindow()
        if sign_in is not None:
            sign_in.hide()
        for kind, text in self._notes_for(outcome):
            window.messages.show_message(kind, text, timeout_ms=0)
        window.run_checkup()  # the security checkup's badge, after every sign-in
        # Where Deriv's move to its new API stands (an API that cannot tell says nothing).
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
            dropped = Problem(ProblemKind.ACCOUNTS_DROPPED, accounts=tuple(outcome.dropped))
            notes.append((MessageKind.WARNING, describe(dropped)))
        problem = outcome.storage_problem or self.store_problem
        if problem is not None and not self.profile.is_sandbox:
            forgotten = Problem(ProblemKind.NOT_REMEMBERED, cause=problem.problem)
            notes.append((MessageKind.WARNING, describe(forgotten)))
        repair, self._repair_note = self._repair_note, None
        if repair is not None:
            notes.append((MessageKind.WARNING, describe(repair)))
            self._show_banners()
        return notes

    def _close_main_window(self) -> None:
        window, self.main_window = self.main_window, None
        if window is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                window.closed.disconnect(self._main_closed)
            window.close()
            window.deleteLater()

    def _signed_out(self, _key: str) -> None:
        was_signed_in = self.main_window is not None
        self._close_main_window()
        self._let_go_of_session()
        window, stack = self.sign_in_window, self.stack
        if window is None or stack is None:
            return
        self.tasks.spawn(stack.login.reset(), name="login-reset")
        window.show_idle()
        health = stack.state.health
        if health.phase is HealthPhase.SIGNED_OUT and health.problem is not None:
            window.show_message(MessageKind.WARNING, describe(health.problem))
        elif was_signed_in:
            window.show_message(MessageKind.INFO, tr("App", "You're signed out."))
        window.bring_to_front()

    def _sign_out_requested(self) -> None:
        if self.stack is not None:
            self.tasks.spawn(self.stack.session.logout(), name="logout")

    def _message_from_instance(self, text: str) -> None:
        """A later start's line (or the OS's URL event): bring the window forward, and hand a
        callback URL to the sign-in. One the hand-over refuses is only reported."""
        if text == ACTIVATE:
            self._bring_to_front()
            return
        stack, main = self.stack, self.main_window
        if stack is None:
            return
        if text == REFUSED or refusal(text) is not None:
            refused = describe(Problem(ProblemKind.HANDOVER_REFUSED))
            if main is not None:
                main.messages.show_message(MessageKind.WARNING, refused, timeout_ms=0)
            elif self.sign_in_window is not None:
                self.sign_in_window.show_message(MessageKind.WARNING, refused)
            self._bring_to_front()
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

    # ------------------------------------------------------------------ tray and notifications
    def _keep_at_hand(self, stack: ConnectionStack) -> None:
        """The tray icon and the notifications follow the signed-in session (built on first
        use: the first frame never loads them)."""
        from deriv_desktop.gui.alerts import Alerts
        from deriv_desktop.gui.notifications import FreedesktopNotifier
        from deriv_desktop.gui.tray import Tray, app_icon
        from deriv_desktop.services.preferences import notify_prefs

        if self.tray is None:
            tray = Tray(self.privacy, app_icon(), base=lambda: self.settings.base_currency)
            tray.showRequested.connect(self._bring_to_front)
            tray.switchRequested.connect(self.open_account)
            tray.quitRequested.connect(self.request_quit)
            self.tray = tray
            if Tray.available():
                tray.show()
        if self.notifier is None:
            self.notifier = FreedesktopNotifier(self.open_account, bus=self._notifications_bus)
            self.tasks.spawn(self.notifier.run(), name="desktop-notifications")
        if self.alerts is None:
            self.alerts = Alerts(lambda: notify_prefs(self.settings), self.privacy, self._notify)
        self.tray.attach(stack.state, stack.bridge)
        self.alerts.attach(stack.state, stack.bridge)

    def _let_go_of_session(self) -> None:
        if self.tray is not None:
            self.tray.detach()
        if self.alerts is not None:
            self.alerts.detach()

    def _notify(self, title: str, body: str, loginid: str | None) -> None:
        notifier, tray = self.notifier, self.tray
        if notifier is not None and notifier.available:
            self.tasks.spawn(notifier.send(title, body, loginid, tr("App", "Open")), name="notify")
        elif tray is not None and tray.icon.isVisible():  # no notification service: a balloon
            tray.icon.showMessage(title, body)

    def open_account(self, loginid: str | None) -> None:
        """A notification or the tray menu asks for an account: show it, switched to."""
        self._bring_to_front()
        if loginid and self.main_window is not None:
            self.main_window.request_switch(loginid)

    def _main_closed(self) -> None:
        """Closing the window quits, unless the user keeps the app in the tray (asked once)."""
        if self.quit_requested.is_set():
            return
        tray = self.tray
        if tray is None or not tray.icon.isVisible():
            self.request_quit()
            return
        if self.settings.close_to_tray is None:
            self._ask_about_tray()
        elif not self.settings.close_to_tray:
            self.request_quit()

    def _ask_about_tray(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("App", "Keep Deriv Desktop in the tray?"),
            tr(
                "App",
                "Closing the window can leave Deriv Desktop running in the tray, with your "
                "total and notifications at hand. You can change this later in Preferences.",
            ),
        )
        keep = box.addButton(tr("App", "Keep in the tray"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("App", "Quit"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)

        def answered() -> None:
            self.tray_question = None
            stay = box.clickedButton() is keep
            self.settings.close_to_tray = stay
            self.tasks.spawn(self.settings_file.save(self.settings), name="save-settings")
            box.deleteLater()
            if not stay:
                self.request_quit()

        box.finished.connect(answered)
        self.tray_question = box
        box.open()  # never exec() in a coroutine-driven app

    def _bring_to_front(self) -> None:
        target: QWidget | None = self.main_window or self.sign_in_window
        if target is not None:
            target.show()
            target.raise_()
            target.activateWindow()

    # ------------------------------------------------------------------ settings
    def _privacy_changed(self, hidden: bool) -> None:
        """Remembered across starts."""
        self.settings.hide_amounts = hidden
        self.tasks.spawn(self.settings_file.save(self.settings), name="save-settings")

    def _settings_applied(self, profile: ConnectionProfile) -> None:
        self.profile_task = self.tasks.spawn(self.apply_profile(profile), name="apply-profile")

    def _proxy_saved(self, proxy: ProxySettings) -> None:
        """Preferences changed the proxy: the sign-in Settings show it, the next stack uses it."""
        self.profile = self.profile.with_proxy(proxy)
        window, stack = self.sign_in_window, self.stack
        if window is not None and stack is not None:
            window.set_login(stack.login, self.profile, overridden=self._overridden)

    async def apply_profile(self, profile: ConnectionProfile) -> None:
        """Save ``profile`` and, if it changes the connection, rebuild the stack for it."""
        profile.store_in(self.settings)
        await self.settings_file.save(self.settings)
        await remember_password(self.store, self.profile.proxy, profile.proxy)
        if profile == self.profile and (self.stack is None or self.stack.profile == profile):
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
            # Quitting is heard while starting too: a keyring that never answers must not
            # hold the start (and with it the quit) for ever.
            starting = asyncio.ensure_future(self.start())
            quitting = asyncio.ensure_future(self.quit_requested.wait())
            await asyncio.wait({starting, quitting}, return_when=asyncio.FIRST_COMPLETED)
            if starting.done():
                starting.result()
                await quitting
            else:
                starting.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await starting
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
        if self.tray_question is not None:
            self.tray_question.close()
            self.tray_question.deleteLater()
            self.tray_question = None
        if self.alerts is not None:
            self.alerts.detach()
            self.alerts.deleteLater()
            self.alerts = None
        if self.tray is not None:
            self.tray.close()
            self.tray.deleteLater()
            self.tray = None
        if self.first_frame is not None:
            self.first_frame.close_quietly()
            self.first_frame.deleteLater()
            self.first_frame = None
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
