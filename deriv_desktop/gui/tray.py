"""The tray icon: the real accounts' total at a glance, switching, privacy mode, quitting.

It stays for the app's lifetime (the controller builds it after the first sign-in, so the first
frame never loads it) and follows whichever connection is current through ``attach``. Where the
desktop has no tray, nothing is shown and closing the window quits as before.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from deriv_desktop.domain.figures import real_total_in
from deriv_desktop.domain.state import SessionState
from deriv_desktop.gui.bridge import StateBridge
from deriv_desktop.gui.formatting import NO_VALUE, app_locale, format_money
from deriv_desktop.gui.notice_text import account_label
from deriv_desktop.gui.privacy import Privacy
from deriv_desktop.gui.resources import resources_dir
from deriv_desktop.gui.strings import tr


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (64, 128, 256):
        icon.addFile(str(resources_dir() / "icons" / f"deriv-desktop-{size}.png"))
    return icon


class Tray(QObject):
    """See the module docstring. Signals ask the controller to act."""

    showRequested = Signal()
    switchRequested = Signal(str)  # login id
    quitRequested = Signal()

    def __init__(
        self,
        privacy: Privacy,
        icon: QIcon,
        base: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._privacy = privacy
        self._base = base
        self._state: SessionState | None = None
        self._bridge: StateBridge | None = None
        self.icon = QSystemTrayIcon(icon, self)
        self.menu = QMenu()
        self.total_action = QAction(self.menu)
        self.total_action.setEnabled(False)
        self.switch_menu = QMenu(tr("Tray", "&Switch to"), self.menu)
        self._switch_group = QActionGroup(self.switch_menu)
        self.show_action = QAction(tr("Tray", "&Show Deriv Desktop"), self.menu)
        self.hide_amounts_action = QAction(tr("Tray", "&Hide amounts"), self.menu)
        self.hide_amounts_action.setCheckable(True)
        self.quit_action = QAction(tr("Tray", "&Quit"), self.menu)
        self.menu.addAction(self.total_action)
        self.menu.addSeparator()
        self.menu.addMenu(self.switch_menu)
        self.menu.addAction(self.show_action)
        self.menu.addAction(self.hide_amounts_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.icon.setContextMenu(self.menu)

        self.show_action.triggered.connect(self.showRequested)
        self.quit_action.triggered.connect(self.quitRequested)
        self.hide_amounts_action.toggled.connect(privacy.set_hidden)
        privacy.changed.connect(self._privacy_changed)
        self.icon.activated.connect(self._activated)
        self._privacy_changed(privacy.hidden)

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    # ------------------------------------------------------------------ following a session
    def attach(self, state: SessionState, bridge: StateBridge) -> None:
        self.detach()
        self._state, self._bridge = state, bridge
        bridge.accountsChanged.connect(self._accounts_changed)
        bridge.activeChanged.connect(self._active_changed)
        bridge.balancesChanged.connect(self._balances_changed)
        bridge.ratesChanged.connect(self.refresh)
        self._accounts_changed()

    def detach(self) -> None:
        bridge, self._bridge, self._state = self._bridge, None, None
        if bridge is not None:
            bridge.accountsChanged.disconnect(self._accounts_changed)
            bridge.activeChanged.disconnect(self._active_changed)
            bridge.balancesChanged.disconnect(self._balances_changed)
            bridge.ratesChanged.disconnect(self.refresh)
        self._accounts_changed()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    # ------------------------------------------------------------------ contents
    def total_text(self) -> str:
        """``Real accounts: 12,345.67 USD`` (masked in privacy mode)."""
        state = self._state
        base = self._base() or "USD"
        total = real_total_in(state, base) if state is not None else None
        amount = NO_VALUE
        if total is not None and state is not None:
            amount = self._privacy.shown(format_money(total, base, state.currencies, app_locale()))
        return tr("Tray", "Real accounts: %1").replace("%1", amount)

    def refresh(self) -> None:
        total = self.total_text()
        self.total_action.setText(total)
        self.icon.setToolTip(tr("Tray", "Deriv Desktop") + "\n" + total)

    def _accounts_changed(self) -> None:
        for action in self.switch_menu.actions():
            self._switch_group.removeAction(action)
            action.deleteLater()
        self.switch_menu.clear()
        state = self._state if self._state is not None else SessionState()
        for account in state.accounts:
            action = QAction(account_label(state, account.loginid), self.switch_menu)
            action.setCheckable(True)
            action.setChecked(account.loginid == state.active)
            action.setEnabled(account.selectable)
            action.setData(account.loginid)
            action.triggered.connect(
                lambda _checked=False, lid=account.loginid: self.switchRequested.emit(lid)
            )
            self._switch_group.addAction(action)
            self.switch_menu.addAction(action)
        self.switch_menu.setEnabled(bool(self.switch_menu.actions()))
        self.refresh()

    def switch_action(self, loginid: str) -> QAction | None:
        for action in self.switch_menu.actions():
            if action.data() == loginid:
                return action
        return None

    def _active_changed(self, loginid: object) -> None:
        for action in self.switch_menu.actions():
            action.setChecked(action.data() == loginid)

    def _balances_changed(self, _loginids: object) -> None:
        self.refresh()

    def _privacy_changed(self, hidden: bool) -> None:
        self.hide_amounts_action.setChecked(hidden)
        self.refresh()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.showRequested.emit()

    def close(self) -> None:
        self.detach()
        self.icon.hide()
        self.menu.deleteLater()


__all__ = ["Tray", "app_icon"]
