"""The sign-in window: "Log in with Deriv" through the system browser, or API tokens, plus the
connection settings.

It renders the login service's :class:`LoginStatus` and calls its methods through the task
registry; it never decides anything about answers, ports or tokens itself. Every route stays
reachable while a browser sign-in waits: the link can be copied or opened again (same attempt),
the address the browser ended on can be pasted, and API tokens work at any time.

It extends :class:`~deriv_desktop.gui.views.first_frame.FirstFrame` (the header, the start
page and the footer the app paints before anything else loads) with the other pages, the
messages, the token panel, the keys and the behaviour; the app builds it once the login service
exists and puts it where the first frame was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.gui.focus_chain import chain_tabs
from deriv_desktop.gui.lazy_qt import Qt
from deriv_desktop.gui.problem_text import describe
from deriv_desktop.gui.profile_words import api_texts
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.views.first_frame import FirstFrame
from deriv_desktop.gui.widgets.message_kind import MessageKind
from deriv_desktop.gui.widgets.sign_in_parts import (
    muted,
    point_with_hand,
    quit_keys,
    scaled,
)
from deriv_desktop.gui.widgets.sign_in_texts import (
    format_remaining,
    not_remembered_text,
    overrides_note,
    short_link,
)
from deriv_desktop.services.api_kinds import BrowserRoute, TokenRoute
from deriv_desktop.services.login_phase import (
    VIA_API_TOKEN,
    VIA_PAT,
    LoginPhase,
    LoginProblem,
    NoticeKind,
    RemoteSession,
)
from deriv_desktop.services.profile import ConnectionProfile

if TYPE_CHECKING:  # the window paints before the service (and asyncio) is imported
    from deriv_desktop.domain.connection import LinkState
    from deriv_desktop.gui.tasks import TaskRegistry
    from deriv_desktop.services.login import LoginService
    from deriv_desktop.services.login_status import LoginNotice, LoginStatus
    from deriv_desktop.services.session import SignInOutcome

log = logging.getLogger(__name__)


class _LoginRelay(QObject):
    """The login service's Qt-free events as Qt signals (one thread, so a direct call)."""

    changed = Signal(object)
    notice = Signal(object)


class SignInWindow(FirstFrame):
    """See the module docstring.

    Signals: ``proceed(outcome)`` once signed in (and, if the sign-in cannot be remembered,
    once the user chose to continue); ``settingsApplied(profile)``; ``signOutRequested``
    (declined a session that is not remembered); ``restoreRequested``; ``quitRequested``
    (from :class:`FirstFrame`).
    """

    settingsApplied = Signal(object)
    proceed = Signal(object)
    signOutRequested = Signal()
    restoreRequested = Signal()
    restoreCancelled = Signal()  # Cancel while the saved sign-in is being restored
    retryRequested = Signal()  # Retry now while restoring waits for the connection

    PAGE_START, PAGE_WAITING, PAGE_BUSY, PAGE_CHOICE, PAGE_SETTINGS = range(5)

    def __init__(
        self,
        login: LoginService,
        profile: ConnectionProfile,
        tasks: TaskRegistry,
        *,
        overridden: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(profile, parent=parent)
        # What only this window uses is imported here, after the first frame: importing a Qt
        # class builds its Python enums (QKeySequence's alone: a millisecond).
        from PySide6.QtGui import QKeySequence, QShortcut

        from deriv_desktop.gui.widgets.keyring_wait import KeyringWaitBar
        from deriv_desktop.gui.widgets.message_bar import MessageBar
        from deriv_desktop.gui.widgets.sign_in_tokens import ApiTokenPanel

        self._tasks = tasks
        self._login = login
        self._relay = _LoginRelay(self)
        self._unlink: list[Callable[[], None]] = []
        self._pending: SignInOutcome | None = None
        self._browser_route = True
        self._overridden = tuple(overridden)
        # Set when the user stopped waiting for the keyring during a sign-in: True goes on
        # without remembering it, False signs out again (Cancel).
        self._keyring_choice: bool | None = None

        self.banner = MessageBar(self, closable=False)
        self.messages = MessageBar(self)
        self.keyring_wait = KeyringWaitBar(self)
        self._layout.insertWidget(1, self.banner)
        self._layout.insertWidget(2, self.messages)
        self._layout.insertWidget(3, self.keyring_wait)
        # The pages scroll when the screen is shorter than the window would be (2x scale).
        from deriv_desktop.gui.widgets.screen_fit import ScreenCappedScroll

        at = self._layout.indexOf(self.stack)
        self._layout.removeWidget(self.stack)
        self.page_scroll = ScreenCappedScroll(self.stack, self)
        self._layout.insertWidget(at, self.page_scroll)
        self.token_panel = ApiTokenPanel()
        self.token_section.set_body(self.token_panel)
        for page in (
            self._build_waiting_page(),
            self._build_busy_page(),
            self._build_choice_page(),
            self._build_settings_page(),
        ):
            self.stack.add(page)
        point_with_hand(self.settings_button)
        self._order_tabs()

        self._countdown = QTimer(self)
        self._countdown.setInterval(500)
        self._countdown.timeout.connect(self._tick)
        self._relay.changed.connect(self._render)
        self._relay.notice.connect(self._notice)
        self.login_button.clicked.connect(self.start_browser_sign_in)
        self.restore_button.clicked.connect(self.restoreRequested.emit)
        self.settings_button.clicked.connect(self.open_settings)
        self.settings_panel.applied.connect(self._settings_saved)
        self.settings_panel.cancelled.connect(self.show_idle)
        self.token_section.toggled.connect(self._token_section_toggled)
        self.token_panel.submitted.connect(self._sign_in_with_tokens)
        self.token_panel.continueRequested.connect(self._continue_with_other_tokens)
        self.token_panel.edited.connect(self._tokens_edited)

        for keys in quit_keys():
            quit_shortcut = QShortcut(keys, self)
            quit_shortcut.activated.connect(self.quitRequested.emit)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.activated.connect(self._escape)
        self.set_login(login, profile, overridden=self._overridden)

    # ------------------------------------------------------------------ construction
    def _order_tabs(self) -> None:
        """Tab reads the window top to bottom, left to right: the message bars (added above the
        pages after them), the token panel (added into the start page after the footer), each
        page's buttons as they sit in their rows, and the footer last."""
        status = self.restore_status
        chain_tabs(
            [
                self.banner.close_button,
                self.messages.close_button,
                self.keyring_wait.cancel_button,
                self.keyring_wait.continue_button,
                self.login_button,
                self.restore_button,
                self.token_section.button,
                *self.token_panel.tab_stops(),
                self.copy_button,
                self.open_again_button,
                self.paste_edit,
                self.paste_button,
                self.cancel_button,
                status.retry_button,
                status.sign_in_button,
                self.restore_cancel,
                self.sign_out_button,
                self.continue_button,
                *self.settings_panel.tab_stops(),
                self.settings_button,
            ]
        )

    def _build_settings_page(self) -> QWidget:
        from deriv_desktop.gui.widgets.sign_in_settings import SignInSettings

        page = QWidget(self)
        title = QLabel(tr("SignInWindow", "Settings"), page)
        title.setFont(scaled(self.font(), 1.15, QFont.Weight.DemiBold))
        self.settings_panel = SignInSettings(page)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(self.settings_panel)
        return page

    def _build_waiting_page(self) -> QWidget:
        from PySide6.QtWidgets import QLineEdit, QProgressBar  # after the first frame

        page = QWidget(self)
        self.wait_title = QLabel(tr("SignInWindow", "Continue in your browser"), page)
        self.wait_title.setFont(scaled(self.font(), 1.15, QFont.Weight.DemiBold))
        self.wait_text = QLabel(page)
        self.wait_text.setWordWrap(True)
        self.countdown_label = muted(QLabel(page))
        self.countdown_bar = QProgressBar(page)
        self.countdown_bar.setObjectName("countdownBar")
        self.countdown_bar.setRange(0, 1000)
        self.countdown_bar.setTextVisible(False)
        self.countdown_bar.setFixedHeight(4)
        self.link_label = QLabel(page)
        self.link_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.link_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.copy_button = QPushButton(tr("SignInWindow", "&Copy link"), page)
        self.open_again_button = QPushButton(tr("SignInWindow", "&Open again"), page)
        self.paste_label = QLabel(tr("SignInWindow", "&Paste the address your browser ended on"))
        self.paste_label.setParent(page)
        self.paste_edit = QLineEdit(page)
        self.paste_edit.setPlaceholderText("http://127.0.0.1/…?acct1=…")
        self.paste_label.setBuddy(self.paste_edit)
        self.paste_warning = muted(
            QLabel(
                tr(
                    "SignInWindow",
                    "Paste it here only, never into another site, chat or form, whoever asks: "
                    "the address can sign someone else in to your account.",
                ),
                page,
            )
        )
        self.paste_warning.setWordWrap(True)
        self.paste_button = QPushButton(tr("SignInWindow", "&Submit"), page)
        self.paste_button.setEnabled(False)
        self.cancel_button = QPushButton(tr("SignInWindow", "Cancel"), page)
        self.cancel_button.setToolTip(tr("SignInWindow", "Stop waiting (Esc)"))

        link_row = QHBoxLayout()
        link_row.setSpacing(8)
        link_row.addWidget(self.copy_button)
        link_row.addWidget(self.open_again_button)
        link_row.addStretch(1)
        paste_row = QHBoxLayout()
        paste_row.setSpacing(8)
        paste_row.addWidget(self.paste_edit, 1)
        paste_row.addWidget(self.paste_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.cancel_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.wait_title)
        layout.addWidget(self.wait_text)
        layout.addSpacing(2)
        layout.addWidget(self.countdown_label)
        layout.addWidget(self.countdown_bar)
        layout.addSpacing(6)
        layout.addWidget(self.link_label)
        layout.addLayout(link_row)
        layout.addSpacing(8)
        layout.addWidget(self.paste_label)
        layout.addLayout(paste_row)
        layout.addWidget(self.paste_warning)
        layout.addSpacing(6)
        layout.addLayout(bottom)

        self.copy_button.clicked.connect(self.copy_link)
        self.open_again_button.clicked.connect(self.open_again)
        self.paste_edit.textChanged.connect(
            lambda text: self.paste_button.setEnabled(bool(text.strip()))
        )
        self.paste_edit.returnPressed.connect(self.submit_paste)
        self.paste_button.clicked.connect(self.submit_paste)
        self.cancel_button.clicked.connect(self.cancel)
        return page

    def _build_busy_page(self) -> QWidget:
        from PySide6.QtWidgets import QProgressBar  # after the first frame

        page = QWidget(self)
        self.busy_title = QLabel(page)
        self.busy_title.setFont(scaled(self.font(), 1.15, QFont.Weight.DemiBold))
        self.busy_text = muted(QLabel(page))
        self.busy_text.setWordWrap(True)
        self.busy_bar = QProgressBar(page)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedHeight(6)
        # While a saved sign-in is restored: the connection as it is now, and a way out.
        from deriv_desktop.gui.widgets.connection_status import ConnectionStatus

        self.restore_status = ConnectionStatus(page)
        self.restore_status.set_retry_available(True)
        self.restore_status.retryRequested.connect(self.retryRequested.emit)
        self.restore_cancel = QPushButton(tr("SignInWindow", "&Cancel"), page)
        self.restore_cancel.setToolTip(tr("SignInWindow", "Stop restoring the saved sign-in"))
        self.restore_cancel.clicked.connect(self.restoreCancelled.emit)
        restore_row = QHBoxLayout()
        restore_row.setSpacing(8)
        restore_row.addWidget(self.restore_status, 1)
        restore_row.addWidget(self.restore_cancel)
        self.restore_status.hide()
        self.restore_cancel.hide()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(10)
        layout.addWidget(self.busy_title)
        layout.addWidget(self.busy_text)
        layout.addWidget(self.busy_bar)
        layout.addLayout(restore_row)
        return page

    def _build_choice_page(self) -> QWidget:
        page = QWidget(self)
        self.choice_title = QLabel(
            tr("SignInWindow", "You're signed in, but this sign-in won't be remembered"), page
        )
        self.choice_title.setWordWrap(True)
        self.choice_title.setFont(scaled(self.font(), 1.15, QFont.Weight.DemiBold))
        self.choice_text = QLabel(page)
        self.choice_text.setWordWrap(True)
        self.choice_text.setTextFormat(Qt.TextFormat.PlainText)
        self.continue_button = QPushButton(
            tr("SignInWindow", "&Continue without remembering"), page
        )
        self.continue_button.setObjectName("primaryButton")
        self.continue_button.setMinimumHeight(42)
        self.sign_out_button = QPushButton(tr("SignInWindow", "Sign &out"), page)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_out_button)
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.choice_title)
        layout.addWidget(self.choice_text)
        layout.addLayout(buttons)
        self.continue_button.clicked.connect(self._continue_not_remembered)
        self.sign_out_button.clicked.connect(self._decline_not_remembered)
        return page

    # ------------------------------------------------------------------ wiring
    @property
    def login(self) -> LoginService:
        return self._login

    @property
    def _status(self) -> LoginStatus:
        return self._login.status

    @property
    def _idle(self) -> bool:
        return self._login.status.phase is LoginPhase.IDLE

    def set_login(
        self,
        login: LoginService,
        profile: ConnectionProfile,
        *,
        tasks: TaskRegistry | None = None,
        overridden: Sequence[str] = (),
    ) -> None:
        """Follow ``login`` from now on: when built, and after the connection settings changed."""
        for unlink in self._unlink:
            unlink()
        self._login = login
        if tasks is not None:  # not `or`: an empty registry is falsy
            self._tasks = tasks
        self._profile = profile
        self._unlink = [
            login.changed.connect(self._relay.changed.emit),
            login.notice.connect(self._relay.notice.emit),
        ]
        self.settings_panel.set_profile(profile, note=overrides_note(overridden))
        self._refresh_summary()
        self._apply_api(
            profile,
            browser_route=login.oauth2 is not None
            or profile.api_kind.browser_route is BrowserRoute.ACCOUNT_TOKENS,
        )
        self._render(login.status)

    def _apply_api(self, profile: ConnectionProfile, *, browser_route: bool) -> None:
        """Name the routes of the chosen API; without a relay page the new API signs in with a
        personal access token only, so the browser button says why it is off."""
        self.token_panel.set_personal_token_mode(
            profile.api_kind.token_route is TokenRoute.PERSONAL_TOKEN
        )
        self.paste_edit.setPlaceholderText(api_texts(profile.api_kind).paste_placeholder)
        self._describe_routes(profile, browser_route=browser_route, idle=self._idle)
        if not browser_route:
            self.token_section.set_open(True)

    def detach(self) -> None:
        """Stop following the login service (before it is closed)."""
        for unlink in self._unlink:
            unlink()
        self._unlink = []
        self._countdown.stop()

    # ------------------------------------------------------------------ public controls
    @property
    def page(self) -> int:
        return self.stack.current_index()

    def show_banner(self, text: str, kind: MessageKind = MessageKind.WARNING) -> None:
        """A standing note above everything (e.g. the keyring cannot remember sign-ins)."""
        self.banner.show_message(kind, text, timeout_ms=0)

    def show_keyring_problem(self, error: BaseException) -> None:
        """Say up front that sign-ins are not remembered, and that signing in still works."""
        self.show_banner(
            not_remembered_text(error)
            + " "
            + tr(
                "SignInWindow",
                "You can still sign in; Deriv Desktop forgets the session when it closes.",
            )
        )

    def show_message(self, kind: MessageKind, text: str) -> None:
        timeout = None if kind in (MessageKind.INFO, MessageKind.SUCCESS) else 0
        self.messages.show_message(kind, text, timeout_ms=timeout)

    def show_restoring(self) -> None:
        """The saved session is being restored (keyring read, then authorize)."""
        self.messages.dismiss()
        self.busy_title.setText(tr("SignInWindow", "Signing you back in…"))
        self.busy_text.setText(
            tr("SignInWindow", "Using the sign-in saved in your system keyring.")
        )
        self._show_page(self.PAGE_BUSY)
        self.settings_button.setEnabled(False)
        self.restore_status.show()
        self.restore_cancel.show()
        self.restore_cancel.setFocus()

    def show_restore_link(self, link: LinkState) -> None:
        """The connection while restoring, counting down to the next try (live)."""
        self.restore_status.set_link(link)

    def show_idle(self) -> None:
        self.restore_status.hide()
        self.restore_cancel.hide()
        self._show_page(self.PAGE_START)
        self.settings_button.setEnabled(True)
        self.login_button.setFocus()

    def open_settings(self) -> None:
        """The Settings page (only while no sign-in is waiting or running)."""
        if not self.settings_button.isEnabled():
            return
        self.messages.dismiss()
        self._show_page(self.PAGE_SETTINGS)
        self.settings_panel.app_id_edit.setFocus()

    def set_restore_available(self, available: bool) -> None:
        self.restore_button.setVisible(available)

    def ask_not_remembered(self, outcome: SignInOutcome, error: BaseException) -> None:
        """Offer a session that is not remembered (continue) or signing out again."""
        self._pending = outcome
        self.messages.dismiss()
        self.choice_text.setText(
            not_remembered_text(error)
            + " "
            + tr(
                "SignInWindow",
                "You can keep using Deriv Desktop now and sign in again next time, or sign out.",
            )
        )
        self._show_page(self.PAGE_CHOICE)
        self.continue_button.setFocus()
        self.bring_to_front()

    def stop_waiting_for_keyring(self, *, proceed: bool) -> None:
        """The sign-in under way ends without the keyring: proceed, or sign out (Cancel)."""
        self._keyring_choice = proceed
        self.keyring_wait.set_waiting(False)

    def bring_to_front(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()

    def close_quietly(self) -> None:
        """Close without asking the app to quit (the app is shutting down already)."""
        self.detach()
        super().close_quietly()

    # ------------------------------------------------------------------ actions
    def _spawn(self, make: Callable[[LoginService], Coroutine[Any, Any, Any]], name: str) -> None:
        """Run ``make(login)`` as a task of the registry (kept, supervised, cancelled on quit)."""
        self._tasks.spawn(make(self._login), name=name, on_error=self._failed)

    def start_browser_sign_in(self) -> None:
        self.messages.dismiss()
        self.login_button.setEnabled(False)  # the status change enables it again
        self._spawn(lambda login: login.start(), "sign-in-start")

    def copy_link(self) -> None:
        url = self._status.authorize_url
        if url:
            QGuiApplication.clipboard().setText(url)
            self.show_message(
                MessageKind.INFO,
                tr("SignInWindow", "Link copied. Open it in the browser you use for Deriv."),
            )

    def open_again(self) -> None:
        self._spawn(lambda login: login.open_again(), "sign-in-open")

    def cancel(self) -> None:
        self._login.cancel()

    def submit_paste(self) -> None:
        text = self.paste_edit.text().strip()
        self.paste_edit.clear()  # the address carries tokens: never keep it in the field
        if text:
            self._spawn(lambda login: self._submit_paste(login, text), "sign-in-paste")

    async def _submit_paste(self, login: LoginService, text: str) -> None:
        submission = await login.submit_pasted(text)
        if not submission.used and submission.reason is not None:
            self.show_message(MessageKind.WARNING, describe(submission.reason))

    def _tokens_edited(self) -> None:
        """A refusal is about the tokens as they were: once they change, it no longer holds."""
        if self.messages.isVisible() and self.messages.kind in (
            MessageKind.ERROR,
            MessageKind.WARNING,
        ):
            self.messages.dismiss()

    def _sign_in_with_tokens(self, text: str) -> None:
        self.messages.dismiss()
        self._spawn(lambda login: login.sign_in_with_tokens(text), "sign-in-tokens")

    def _continue_with_other_tokens(self) -> None:
        self.messages.dismiss()
        self.token_panel.offer_others(0)
        self._spawn(lambda login: login.continue_with_other_tokens(), "sign-in-other-tokens")

    def _continue_not_remembered(self) -> None:
        outcome, self._pending = self._pending, None
        if outcome is not None:
            self.proceed.emit(outcome)

    def _decline_not_remembered(self) -> None:
        self._pending = None
        self.show_idle()
        self.signOutRequested.emit()

    def _settings_saved(self, profile: ConnectionProfile) -> None:
        self._profile = profile
        self._refresh_summary()
        self.show_idle()
        self.show_message(MessageKind.SUCCESS, tr("SignInWindow", "Settings saved."))
        self.settingsApplied.emit(profile)

    def _failed(self, error: BaseException) -> None:
        log.error("sign-in action failed", exc_info=error)
        self.show_message(MessageKind.ERROR, describe(error))
        self._render(self._status)

    def _escape(self) -> None:
        if self.page == self.PAGE_WAITING:
            self.cancel()
        elif self.page == self.PAGE_BUSY and self.restore_cancel.isVisible():
            self.restoreCancelled.emit()
        elif self.page == self.PAGE_SETTINGS:
            self.settings_panel.cancel()

    def _token_section_toggled(self, open_: bool) -> None:
        self.page_scroll.follow()
        if open_:
            self.token_panel.focus_input()

    # ------------------------------------------------------------------ rendering
    def _render(self, status: LoginStatus) -> None:
        phase = status.phase
        idle_like = phase in (
            LoginPhase.IDLE,
            LoginPhase.FAILED,
            LoginPhase.CANCELLED,
            LoginPhase.TIMED_OUT,
        )
        self.login_button.setEnabled(idle_like and self._browser_route)
        self.token_panel.set_busy(phase is LoginPhase.EXCHANGING)
        refused = status.reason.number if status.reason is not None else 0
        self.token_panel.offer_others(
            refused if phase is LoginPhase.FAILED and status.other_tokens else 0
        )
        self.settings_button.setEnabled(idle_like)
        if phase is LoginPhase.AWAITING_BROWSER:
            self._render_waiting(status)
            return
        self._countdown.stop()
        if phase is LoginPhase.EXCHANGING:
            self.busy_title.setText(tr("SignInWindow", "Signing you in…"))
            self.busy_text.setText(
                tr("SignInWindow", "Checking your API token with Deriv.")
                if status.via == VIA_API_TOKEN
                else tr("SignInWindow", "Checking your personal access token with Deriv.")
                if status.via == VIA_PAT
                else tr("SignInWindow", "Deriv answered. Opening your accounts…")
            )
            self._show_page(self.PAGE_BUSY)
        elif phase is LoginPhase.READY:
            self._render_ready(status)
        elif idle_like:
            if self.page != self.PAGE_SETTINGS or phase is not LoginPhase.IDLE:
                self._show_page(self.PAGE_START)
            if phase is LoginPhase.FAILED:
                kind = (
                    MessageKind.WARNING
                    if status.problem is LoginProblem.REFUSED
                    else MessageKind.ERROR
                )
                self._show_reason(kind, status.reason)
                if status.problem is LoginProblem.PORT_TAKEN:
                    self.token_section.set_open(True)  # the route that stays safe
            elif phase is LoginPhase.TIMED_OUT:
                self._show_reason(MessageKind.WARNING, status.reason)
            elif phase is LoginPhase.CANCELLED:
                self._show_reason(MessageKind.INFO, status.reason)

    def _show_reason(self, kind: MessageKind, reason: Problem | None) -> None:
        if reason is not None:
            self.show_message(kind, describe(reason))

    def _render_waiting(self, status: LoginStatus) -> None:
        manual = status.remote is not None or status.browser_opened is False
        self.wait_title.setText(
            tr("SignInWindow", "Sign in from a browser on any device")
            if status.remote is not None
            else tr("SignInWindow", "Open the sign-in link in your browser")
            if status.browser_opened is False
            else tr("SignInWindow", "Continue in your browser")
        )
        if status.remote is not None:
            text = self._remote_text(status.remote)
        elif status.browser_opened is False:
            text = tr(
                "SignInWindow",
                "Deriv Desktop could not open your browser (it failed to start, or none was "
                "found). Copy the link and open it in your browser, then sign in on Deriv's page.",
            )
        elif status.browser_opened is None:
            text = tr("SignInWindow", "Opening Deriv's sign-in page in your browser…")
        elif status.listening:
            text = tr(
                "SignInWindow",
                "Deriv's sign-in page is open in your browser. After you allow access you'll "
                "come back here by yourself. Nothing opened? Copy the link or open it again.",
            )
        elif status.bind_error:
            text = tr(
                "SignInWindow",
                "Sign in on Deriv's page in your browser. Deriv Desktop cannot receive the "
                "answer by itself this time, so copy the address your browser ends on and "
                "paste it below.",
            )
        else:
            text = tr(
                "SignInWindow",
                "Sign in on Deriv's page in your browser. Your browser hands the answer back "
                "to Deriv Desktop; if it doesn't, paste the address it ends on below.",
            )
        self.wait_text.setText(text)
        self.link_label.setText(short_link(status.authorize_url or ""))
        self.link_label.setToolTip(tr("SignInWindow", "Deriv's sign-in page for this attempt"))
        self.copy_button.setDefault(manual)
        from deriv_desktop.gui.mnemonics import set_keyed_text  # after the first frame

        set_keyed_text(
            self.open_again_button,
            tr("SignInWindow", "&Open in a browser here")
            if status.remote is not None
            else tr("SignInWindow", "&Open again"),
        )
        if self.page != self.PAGE_WAITING:
            self.messages.dismiss()
            self._show_page(self.PAGE_WAITING)
            self.paste_edit.setFocus()
        if manual and not self.paste_edit.text():
            self.copy_button.setFocus()  # the link is the way forward
        if status.bind_error:
            self.show_message(MessageKind.WARNING, describe(status.bind_error))
        elif status.tls_hint:
            self.show_message(MessageKind.WARNING, describe(Problem(ProblemKind.TLS_TO_LOOPBACK)))
        self._countdown.start()
        self._tick()

    @staticmethod
    def _remote_text(remote: RemoteSession) -> str:
        after = tr(
            "SignInWindow",
            "Copy the link, open it in a browser on any device and sign in. Then paste below "
            "the address the browser ends on, even if it shows an error page.",
        )
        if remote is RemoteSession.SSH:
            why = tr(
                "SignInWindow",
                "Deriv Desktop is running over SSH, so it did not open a browser on this computer.",
            )
        elif remote is RemoteSession.WSL:
            why = tr(
                "SignInWindow",
                "Deriv Desktop is running in WSL, where it cannot open your Windows browser by "
                "itself.",
            )
        else:
            why = tr(
                "SignInWindow",
                "This session has no screen for a browser, so Deriv Desktop did not open one.",
            )
        return why + " " + after

    def _render_ready(self, status: LoginStatus) -> None:
        self.token_panel.clear()
        self.paste_edit.clear()
        self.messages.dismiss()
        self.busy_title.setText(tr("SignInWindow", "You're signed in"))
        self.busy_text.setText(tr("SignInWindow", "Opening your accounts…"))
        self._show_page(self.PAGE_BUSY)
        outcome = status.outcome
        if outcome is None:
            return
        choice, self._keyring_choice = self._keyring_choice, None
        if outcome.storage_problem is None or choice is True:
            self.proceed.emit(outcome)
        elif choice is False:
            self._decline_not_remembered()
        else:
            self.ask_not_remembered(outcome, outcome.storage_problem)

    def _notice(self, notice: LoginNotice) -> None:
        if notice.kind is NoticeKind.TLS:
            return  # shown through the status (tls_hint), worded for the window
        kind = MessageKind.INFO if notice.kind is NoticeKind.NOT_WAITING else MessageKind.WARNING
        self.show_message(kind, describe(notice.reason))
        if notice.kind is NoticeKind.NOT_WAITING:
            self.bring_to_front()

    def _tick(self) -> None:
        remaining = self._login.remaining()
        if remaining is None:
            self._countdown.stop()
            return
        timeout = max(self._status.timeout, 1.0)
        self.countdown_label.setText(
            tr("SignInWindow", "Waiting for your browser · %1 left").replace(
                "%1", format_remaining(remaining)
            )
        )
        self.countdown_bar.setValue(int(1000 * min(1.0, remaining / timeout)))

    def _show_page(self, index: int) -> None:
        if self.stack.current_index() == index:
            return
        self.stack.set_current(index)
        on_settings = index == self.PAGE_SETTINGS
        self.footer_line.setVisible(not on_settings)
        self.settings_button.setVisible(not on_settings)
        self.settings_summary.setVisible(not on_settings)
        self.page_scroll.follow()

    # ------------------------------------------------------------------ Qt events
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        from deriv_desktop.gui.mnemonics import give_mnemonics  # after the first frame

        give_mnemonics(self)
        if self.page == self.PAGE_START:
            self.login_button.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._countdown.stop()
        super().closeEvent(event)

    def __repr__(self) -> str:
        return f"SignInWindow(page={self.page})"


__all__ = ["SignInWindow"]
