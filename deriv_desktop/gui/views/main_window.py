"""The main window: every account with its live balance, switching, demo top-up, totals, status.

It reads the session state through the accounts model and the bridge's signals, and acts only
through ``SessionService`` calls run by the task registry; results come back as non-blocking
messages. Nothing here blocks the event loop or opens a nested one.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QLocale, QPoint, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QHideEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deriv_desktop.domain.connection import LinkState
from deriv_desktop.domain.health import Health, HealthPhase
from deriv_desktop.domain.models import Money
from deriv_desktop.gui.context import GuiContext
from deriv_desktop.gui.focus_chain import chain_tabs
from deriv_desktop.gui.formatting import format_money
from deriv_desktop.gui.mnemonics import give_mnemonics
from deriv_desktop.gui.models.accounts import AccountsFilterProxy, AccountsModel
from deriv_desktop.gui.problem_text import describe, health_sentence
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.about_dialog import AboutDialog
from deriv_desktop.gui.widgets.account_delegate import AccountDelegate
from deriv_desktop.gui.widgets.account_header import AccountHeader
from deriv_desktop.gui.widgets.accounts_view import AccountsView
from deriv_desktop.gui.widgets.confirm_box import ConfirmBox, ask
from deriv_desktop.gui.widgets.connection_status import ConnectionStatus
from deriv_desktop.gui.widgets.message_bar import MessageBar, MessageKind
from deriv_desktop.gui.widgets.screen_fit import fit_to_screen, keep_on_screen
from deriv_desktop.gui.widgets.sign_in_parts import quit_keys
from deriv_desktop.gui.widgets.totals_bar import TotalsBar
from deriv_desktop.services.checkup import CheckupReport
from deriv_desktop.services.checkup_rules import Severity

log = logging.getLogger(__name__)

SHORTCUT_SLOTS = 9
CONTENT_WIDTH = 960  # the widest the accounts column gets
HIDE_AMOUNTS_KEYS = "Ctrl+Shift+H"


class MainWindow(QMainWindow):
    """See the module docstring. ``closed`` is emitted once the window has been closed."""

    closed = Signal()
    quitRequested = Signal()  # Quit chosen: the app ends even if it could stay in the tray
    signInRequested = Signal()  # Deriv signed the user out and they chose to sign in again

    def __init__(
        self,
        ctx: GuiContext,
        *,
        clock: Callable[[], float] = time.time,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._clock = clock
        self._topup_busy = False
        self.logout_box: ConfirmBox | None = None  # the "Log out?" question while it is open
        state = ctx.state

        # Only the server: Qt appends the app's display name ("Sandbox — Deriv Desktop").
        self.setWindowTitle(ctx.server_label or tr("MainWindow", "Deriv Desktop"))

        # Model / view.
        self.model = AccountsModel(state, ctx.bridge, clock=clock, privacy=ctx.privacy, parent=self)
        self.proxy = AccountsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.delegate = AccountDelegate(self, clock=clock)
        self.view = AccountsView(self.delegate, self)
        self.view.setModel(self.proxy)

        # The other pieces.
        self.header = AccountHeader(state, self.model, clock=clock, parent=self)
        self.stale_banner = MessageBar(self, closable=False)
        self.messages = MessageBar(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("MainWindow", "Search by login id, currency or name"))
        self.search.setAccessibleName(tr("MainWindow", "Search accounts"))
        self.search.setClearButtonEnabled(True)
        self.clear_search_action = QAction(self)
        self.clear_search_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.clear_search_action.setEnabled(False)  # only while there is something to clear
        self.clear_search_action.triggered.connect(self.clear_search)
        self.addAction(self.clear_search_action)
        self.hide_zero = QCheckBox(tr("MainWindow", "Hide zero balances"), self)
        self.hide_zero.setChecked(ctx.settings.hide_zero)
        self.proxy.set_hide_zero(ctx.settings.hide_zero)
        self.totals = TotalsBar(
            state,
            base=ctx.settings.base_currency or "USD",
            locale=self.model.locale,
            privacy=ctx.privacy,
            parent=self,
        )
        self.connection = ConnectionStatus(self, clock=clock)
        self.connection.set_retry_available(True)  # every API can connect again at once
        self.statusBar().addWidget(self.connection)
        self.checkup_badge = QPushButton(self)
        self.checkup_badge.setObjectName("checkup-badge")
        self.checkup_badge.setFlat(True)
        self.checkup_badge.setCursor(Qt.CursorShape.PointingHandCursor)
        self.checkup_badge.setStyleSheet("QPushButton#checkup-badge { color: #c62828; }")
        self.checkup_badge.clicked.connect(self.open_checkup)
        self.checkup_badge.hide()
        self.statusBar().addPermanentWidget(self.checkup_badge)
        self.statusBar().setSizeGripEnabled(True)

        self._build_layout()
        self._build_menus()

        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)

        bridge = ctx.bridge
        bridge.accountsChanged.connect(self._accounts_changed)
        bridge.activeChanged.connect(self._active_changed)
        bridge.linkChanged.connect(self._link_changed)
        bridge.healthChanged.connect(self._health_changed)
        bridge.totalsChanged.connect(self._totals_changed)
        bridge.ratesChanged.connect(self._rates_changed)
        bridge.problem.connect(self._problem)
        self.model.balancesRefreshed.connect(self._balances_refreshed)
        self.view.accountChosen.connect(self.request_switch)
        self.view.topupRequested.connect(self.request_topup)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.header.topupRequested.connect(self.request_topup)
        self.search.textChanged.connect(self.proxy.set_search)
        self.search.textChanged.connect(lambda _text: self.view.expandAll())
        self.search.textChanged.connect(
            lambda text: self.clear_search_action.setEnabled(bool(text))
        )
        self.hide_zero.toggled.connect(self._hide_zero_toggled)
        self.totals.baseChanged.connect(self._base_changed)
        self.connection.retryRequested.connect(self._retry_now)
        self.connection.signInRequested.connect(self.signInRequested)
        ctx.privacy.changed.connect(self._privacy_changed)
        self._unlink_checkup = ctx.checkup.changed.connect(self._checkup_changed)
        if ctx.checkup.report is not None:  # a window opened after the checkup ran
            self._checkup_changed(ctx.checkup.report)

        self._accounts_changed()
        self.connection.set_health(state.health, state.link)
        self._update_stale()
        self._restore_geometry()
        self.view.setFocus()

    # ------------------------------------------------------------------ construction
    def _build_layout(self) -> None:
        # One column of at most CONTENT_WIDTH, centred: on a wide window the name and the
        # balance stay a glance apart instead of 1,100 px.
        central = QWidget(self)
        outer = QHBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        column = QWidget(central)
        column.setMaximumWidth(CONTENT_WIDTH)
        outer.addStretch(1)
        outer.addWidget(column, 100)
        outer.addStretch(1)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)

        notes = QVBoxLayout()
        notes.setContentsMargins(16, 0, 16, 0)
        notes.setSpacing(8)
        notes.addWidget(self.stale_banner)
        notes.addWidget(self.messages)
        layout.addLayout(notes)

        filters = QHBoxLayout()
        filters.setContentsMargins(16, 10, 16, 6)
        filters.setSpacing(12)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.hide_zero)
        layout.addLayout(filters)

        layout.addWidget(self.view, 1)
        layout.addWidget(self.totals)
        self.setCentralWidget(central)
        # Tab follows what the eye reads: top to bottom, left to right; the message bars
        # (built after the list) where they show, under the header.
        chain_tabs(
            [
                self.header.topup_button,
                self.stale_banner.close_button,
                self.messages.close_button,
                self.search,
                self.hide_zero,
                self.view,
                self.totals.base_combo,
                self.connection.retry_button,
                self.connection.sign_in_button,
                self.checkup_badge,
            ]
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        account = bar.addMenu(tr("MainWindow", "&Account"))
        self.switch_menu = QMenu(tr("MainWindow", "&Switch to"), self)
        account.addMenu(self.switch_menu)
        self._switch_group = QActionGroup(self)
        self._switch_group.setExclusive(True)
        self.switch_actions: dict[str, QAction] = {}

        self.topup_action = QAction(tr("MainWindow", "&Top up demo account"), self)
        self.topup_action.triggered.connect(lambda: self.request_topup(self.ctx.state.active))
        account.addAction(self.topup_action)
        account.addSeparator()
        self.find_action = QAction(tr("MainWindow", "&Find account"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._focus_search)
        account.addAction(self.find_action)
        self.addAction(self.find_action)
        account.addSeparator()
        self.settings_action = QAction(tr("MainWindow", "&Settings…"), self)
        self.settings_action.setStatusTip(
            tr(
                "MainWindow",
                "Tray, notifications and alerts. The server and app are chosen when you sign "
                "in: log out to change them.",
            )
        )
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.settings_action.triggered.connect(lambda _checked=False: self.open_preferences())
        account.addAction(self.settings_action)
        self.logout_action = QAction(tr("MainWindow", "&Log out…"), self)
        self.logout_action.triggered.connect(self.request_logout)
        account.addAction(self.logout_action)
        account.addSeparator()
        self.quit_action = QAction(tr("MainWindow", "&Quit"), self)
        self.quit_action.setShortcuts(quit_keys())
        self.quit_action.triggered.connect(self.quit)
        account.addAction(self.quit_action)
        self.addAction(self.quit_action)

        view = bar.addMenu(tr("MainWindow", "&View"))
        self.hide_amounts_action = QAction(tr("MainWindow", "&Hide amounts"), self)
        self.hide_amounts_action.setCheckable(True)
        self.hide_amounts_action.setChecked(self.ctx.privacy.hidden)
        self.hide_amounts_action.setShortcut(QKeySequence(HIDE_AMOUNTS_KEYS))
        self.hide_amounts_action.setStatusTip(
            tr("MainWindow", "Hide every balance and total, for screen sharing and recording")
        )
        self.hide_amounts_action.toggled.connect(self.ctx.privacy.set_hidden)
        view.addAction(self.hide_amounts_action)
        self.addAction(self.hide_amounts_action)

        tools = bar.addMenu(tr("MainWindow", "&Tools"))
        self.tokens_action = self._tool_action(
            tools, tr("MainWindow", "API &tokens…"), self.open_tokens
        )
        self.apps_action = self._tool_action(
            tools, tr("MainWindow", "Connected &apps…"), self.open_apps
        )
        self.checkup_action = self._tool_action(
            tools, tr("MainWindow", "Security &checkup…"), self.open_checkup
        )
        tools.addSeparator()
        self.preferences_action = self._tool_action(
            tools, tr("MainWindow", "&Preferences…"), self.open_preferences
        )

        help_menu = bar.addMenu(tr("MainWindow", "&Help"))
        self.log_folder_action = QAction(tr("MainWindow", "Open the &log folder"), self)
        self.log_folder_action.setStatusTip(
            tr("MainWindow", "The app's log files, to attach to a support request")
        )
        self.log_folder_action.triggered.connect(self.open_log_folder)
        self.log_folder_action.setEnabled(self.ctx.log_folder is not None)
        help_menu.addAction(self.log_folder_action)
        help_menu.addSeparator()
        self.about_action = QAction(tr("MainWindow", "&About Deriv Desktop"), self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _tool_action(self, menu: QMenu, text: str, handler: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: handler())
        menu.addAction(action)
        menu.setToolTipsVisible(True)
        return action

    def _rebuild_switch_menu(self) -> None:
        for action in self.switch_actions.values():
            self._switch_group.removeAction(action)
            self.removeAction(action)
            action.deleteLater()
        self.switch_menu.clear()
        self.switch_actions = {}
        state = self.ctx.state
        slot = 0
        # The list's order (grouped: real non-EU, real EU, demo), so Ctrl+N is the Nth row.
        listed = [state.account(x) for x in self.model.loginids()]
        for account in (a for a in listed if a is not None):
            text = f"{self.model.title(account)} · {account.loginid}"
            action = QAction(self.model.icon(account), text, self)
            action.setCheckable(True)
            action.setChecked(account.loginid == state.active)
            action.setEnabled(account.selectable)
            if account.selectable and slot < SHORTCUT_SLOTS:
                slot += 1
                action.setShortcut(QKeySequence(f"Ctrl+{slot}"))
                self.addAction(action)  # shortcuts work without opening the menu
            action.triggered.connect(
                lambda _checked=False, lid=account.loginid: self.request_switch(lid)
            )
            self._switch_group.addAction(action)
            self.switch_menu.addAction(action)
            self.switch_actions[account.loginid] = action
        self.switch_menu.setEnabled(bool(self.switch_actions))

    # ------------------------------------------------------------------ state reactions
    def _accounts_changed(self) -> None:
        self._rebuild_switch_menu()
        self.totals.currencies_changed()
        self.header.refresh()
        self._update_actions()
        self._update_stale()
        self._select_active()

    def _active_changed(self, loginid: object) -> None:
        self.messages.dismiss()  # what was said belonged to the account being left
        for lid, action in self.switch_actions.items():
            action.setChecked(lid == loginid)
        self.header.refresh()
        self._update_actions()
        self._select_active()

    def _balances_refreshed(self, loginids: frozenset[str]) -> None:
        if self.ctx.state.active in loginids:
            self.header.refresh()
        self.totals.refresh()

    def _link_changed(self, link: LinkState) -> None:
        self.connection.set_health(self.ctx.state.health, link)

    def _health_changed(self, health: Health) -> None:
        self.connection.set_health(health, self.ctx.state.link)
        self._update_stale()
        self.header.refresh()
        self._update_actions()

    def _totals_changed(self, _totals: object) -> None:
        self.totals.refresh()
        self.header.refresh()

    def _rates_changed(self) -> None:
        self.totals.refresh()
        self.header.refresh_age()  # its "≈ x USD" moves with the rates

    def _problem(self, error: object) -> None:
        if self.ctx.state.health.phase is HealthPhase.SIGNED_OUT:
            return  # the banner says why Deriv signed the user out; one message is enough
        if isinstance(error, BaseException):
            self.messages.show_message(MessageKind.ERROR, describe(error))

    def _update_stale(self) -> None:
        """The banner says what is not live and why (the status bar offers the way out)."""
        state = self.ctx.state
        self.totals.set_stale(state.totals_stale)
        sentence = health_sentence(state.health)
        if sentence is not None and (state.accounts or state.health.problem is not None):
            self.stale_banner.show_message(MessageKind.WARNING, sentence, timeout_ms=0)
        else:
            self.stale_banner.dismiss()

    def _update_actions(self) -> None:
        state = self.ctx.state
        active = state.account(state.active) if state.active else None
        demo_active = active is not None and active.is_virtual
        self.topup_action.setEnabled(demo_active and not self._topup_busy and state.link.online)
        self.header.set_topup_busy(self._topup_busy)
        self.logout_action.setEnabled(bool(state.accounts))

    def _select_active(self) -> None:
        active = self.ctx.state.active
        if not active:
            return
        index = self.view.index_for(active)
        if index.isValid() and self.view.currentIndex() != index:
            self.view.setCurrentIndex(index)

    def _on_tick(self) -> None:
        self.header.refresh_age()
        self.view.viewport().update()

    # ------------------------------------------------------------------ actions
    def request_switch(self, loginid: str) -> bool:
        """Make ``loginid`` the active account; returns whether a switch was started."""
        state = self.ctx.state
        account = state.account(loginid)
        if account is None or loginid == state.active:
            return False
        if not account.selectable:
            reasons = [b.explanation for b in self.model.badges(account)]
            self.messages.show_message(
                MessageKind.INFO,
                reasons[0] if reasons else tr("MainWindow", "This account cannot be opened."),
            )
            return False
        self.ctx.tasks.spawn(
            self.ctx.session.switch(loginid),
            name="switch-account",
            on_done=lambda _none: self._switched(loginid),
            on_error=self._switch_failed,
        )
        return True

    def _switched(self, loginid: str) -> None:
        """Opening a self-excluded account says what that means, at once."""
        account = self.ctx.state.account(loginid)
        if account is None or loginid != self.ctx.state.active:
            return
        notes = [b.explanation for b in self.model.badges(account)]
        if notes:
            self.messages.show_message(MessageKind.WARNING, " ".join(notes), timeout_ms=0)

    def _switch_failed(self, error: BaseException) -> None:
        log.warning("switching accounts failed: %s", type(error).__name__)
        self.messages.show_message(MessageKind.ERROR, describe(error))

    def request_topup(self, loginid: str | None = None) -> bool:
        """Ask Deriv to top up a demo account; returns whether the request was sent."""
        state = self.ctx.state
        target = loginid or state.active
        account = state.account(target) if target else None
        if account is None or not account.is_virtual or self._topup_busy:
            return False
        if account.is_disabled:
            return False
        if not state.link.online:
            self.messages.show_message(
                MessageKind.INFO,
                tr("MainWindow", "You are offline. Top up once the connection is back."),
            )
            return False
        self._topup_busy = True
        self._update_actions()
        self.ctx.tasks.spawn(
            self.ctx.session.topup(account.loginid),
            name="topup-demo",
            on_done=self._topup_done,
            on_error=self._topup_failed,
        )
        return True

    def _topup_done(self, money: Money) -> None:
        self._topup_busy = False
        self._update_actions()
        amount = format_money(
            money.amount, money.currency, self.ctx.state.currencies, self.model.locale
        )
        self.messages.show_message(
            MessageKind.SUCCESS,
            tr("MainWindow", "Added %1").replace("%1", self.ctx.privacy.shown(amount)),
        )

    def _topup_failed(self, error: BaseException) -> None:
        self._topup_busy = False
        self._update_actions()
        self.messages.show_message(MessageKind.ERROR, describe(error))

    def request_logout(self) -> None:
        """Ask once, then log out: logging out also forgets the saved sign-in."""
        if self.logout_box is not None:
            return
        self.ctx.tasks.spawn(self._logout_flow(), name="logout", on_error=self._logout_failed)

    async def _logout_flow(self) -> None:
        box = ConfirmBox(
            self,
            title=tr("MainWindow", "Log out"),
            text=tr("MainWindow", "Log out of Deriv Desktop?"),
            detail=tr(
                "MainWindow",
                "This computer forgets your sign-in: to see your accounts again you will need "
                "to sign in again.",
            ),
            accept_text=tr("MainWindow", "&Log out"),
            cancel_text=tr("MainWindow", "&Stay signed in"),
            warning=False,
        )
        self.logout_box = box
        try:
            accepted = await ask(box)
        finally:
            self.logout_box = None
        if accepted:
            await self._log_out()

    def log_out_now(self) -> None:
        """Log out without asking (the question was answered elsewhere)."""
        self.ctx.tasks.spawn(self._log_out(), name="logout", on_error=self._logout_failed)

    async def _log_out(self) -> None:
        self.logout_action.setEnabled(False)
        await self.ctx.session.logout()

    def _logout_failed(self, error: BaseException) -> None:
        self.logout_action.setEnabled(True)
        self.messages.show_message(MessageKind.ERROR, describe(error))

    def quit(self) -> None:
        """Quit the app (closing the window alone may keep it in the tray)."""
        self.quitRequested.emit()
        self.close()

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(
            version=self.ctx.version,
            server=self.ctx.server_label,
            app_id=self.ctx.app_id,
            parent=self,
        )
        dialog.open()
        return dialog

    def open_log_folder(self) -> bool:
        """Show the log folder in the file manager (created first if the app has not logged)."""
        folder = self.ctx.log_folder
        if folder is None:
            return False
        folder.mkdir(parents=True, exist_ok=True)
        return self.ctx.open_url(QUrl.fromLocalFile(str(folder)).toString())

    def open_tokens(self) -> QDialog:
        """The token manager (loaded on first use; on an API without token calls it says so)."""
        from deriv_desktop.gui.views.token_dialog import open_token_manager

        return open_token_manager(self.ctx, self)

    def open_apps(self) -> QDialog:
        """The connected-apps dialog (loaded on first use)."""
        from deriv_desktop.gui.views.apps_dialog import open_connected_apps

        return open_connected_apps(self.ctx, self)

    def open_checkup(self) -> QDialog:
        """The security checkup (loaded on first use)."""
        from deriv_desktop.gui.views.checkup_dialog import open_checkup

        return open_checkup(self.ctx, self)

    def run_checkup(self) -> None:
        """Run the security checkup in the background (after sign-in); the badge follows."""
        self.ctx.tasks.spawn(self.ctx.checkup.run(), name="checkup", on_error=self._checkup_failed)

    def _checkup_failed(self, error: BaseException) -> None:
        log.info("the security checkup did not run: %s", type(error).__name__)

    def _checkup_changed(self, report: CheckupReport) -> None:
        """The badge: shown while high or medium risks are open (not marked expected)."""
        count = report.attention
        high = report.count(Severity.HIGH)
        self.checkup_badge.setVisible(count > 0)
        self.checkup_badge.setText(
            tr("MainWindow", "⚠ Security checkup: %1 to review").replace("%1", str(count))
        )
        self.checkup_badge.setToolTip(
            tr("MainWindow", "%1 high-risk and %2 medium-risk findings. Click to review them.")
            .replace("%1", str(high))
            .replace("%2", str(count - high))
        )
        self.checkup_action.setText(
            tr("MainWindow", "Security &checkup (%1)…").replace("%1", str(count))
            if count
            else tr("MainWindow", "Security &checkup…")
        )

    def open_preferences(self) -> QDialog:
        """Tray and notification choices (loaded on first use)."""
        from deriv_desktop.gui.views.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _retry_now(self) -> None:
        self.ctx.session.reconnect_now()

    def clear_search(self) -> None:
        """Escape: empty the search box and give the keyboard back to the list."""
        self.search.clear()
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        loginid = self.view.loginid_at(index)
        account = self.ctx.state.account(loginid) if loginid else None
        if account is None:
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        switch = menu.addAction(tr("MainWindow", "Switch to this account"))
        switch.setEnabled(account.selectable and account.loginid != self.ctx.state.active)
        switch.triggered.connect(lambda: self.request_switch(account.loginid))
        if account.is_virtual:
            topup = menu.addAction(tr("MainWindow", "Top up demo account"))
            topup.setEnabled(not self._topup_busy and self.ctx.state.link.online)
            topup.triggered.connect(lambda: self.request_topup(account.loginid))
        copy = menu.addAction(tr("MainWindow", "Copy login id"))
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(account.loginid))
        menu.popup(self.view.viewport().mapToGlobal(pos))  # popup(), never exec()

    # ------------------------------------------------------------------ preferences
    def _privacy_changed(self, hidden: bool) -> None:
        self.hide_amounts_action.setChecked(hidden)
        self.header.refresh()
        self.messages.dismiss()  # a message may quote an amount ("Added 10,000.00 USD")

    def _hide_zero_toggled(self, hide: bool) -> None:
        self.proxy.set_hide_zero(hide)
        self.view.expandAll()
        self.ctx.settings.hide_zero = hide
        self._save_settings()

    def _base_changed(self, code: str) -> None:
        self.ctx.settings.base_currency = code
        self._save_settings()

    def _save_settings(self) -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # closed after the loop ended: the composition root saves on exit
            log.debug("settings not saved: no running event loop")
            return
        self.ctx.tasks.spawn(self.ctx.settings_file.save(self.ctx.settings), name="save-settings")

    def _restore_geometry(self) -> None:
        fit_to_screen(self, QSize(640, 780), QSize(440, 400))
        saved = self.ctx.settings.window_geometry
        if saved and self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
            keep_on_screen(self)

    # ------------------------------------------------------------------ Qt events
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        give_mnemonics(self)
        self._tick.start()
        self._on_tick()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._tick.stop()

    @property
    def ticking(self) -> bool:
        return self._tick.isActive()

    def closeEvent(self, event: QCloseEvent) -> None:
        geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        self.ctx.settings.window_geometry = geometry
        self._save_settings()
        self._tick.stop()
        self._unlink_checkup()
        super().closeEvent(event)
        self.closed.emit()

    def set_locale(self, locale: QLocale) -> None:
        """Write numbers and dates for ``locale`` from now on (e.g. after a language change)."""
        self.model.set_locale(locale)
        self.totals.set_locale(locale)
        self.header.refresh()

    def sync_repaint(self) -> None:
        """Apply any coalesced balance updates immediately (screenshots, tests)."""
        self.model.flush_pending()

    def __repr__(self) -> str:
        return f"MainWindow({len(self.ctx.state.accounts)} accounts)"


__all__ = ["MainWindow"]
