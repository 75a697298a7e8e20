"""The window's header: who is signed in, the active account, and its balance in large type.

All text comes from the accounts model's presentation helpers, so the header and the list never
disagree about how an amount is written.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QWidget

from deriv_desktop.domain.state import SessionState
from deriv_desktop.gui.formatting import NO_VALUE, format_age
from deriv_desktop.gui.models.accounts import AccountsModel, landing_company_label
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.colors import muted
from deriv_desktop.gui.widgets.screen_fit import steady_text


def _scaled(font: QFont, factor: float, weight: QFont.Weight | None = None) -> QFont:
    out = QFont(font)
    out.setPointSizeF(font.pointSizeF() * factor)
    if weight is not None:
        out.setWeight(weight)
    return out


class AccountHeader(QWidget):
    topupRequested = Signal(str)

    ICON = 44

    def __init__(
        self,
        state: SessionState,
        model: AccountsModel,
        *,
        clock: Callable[[], float] = time.time,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._model = model
        self._clock = clock
        self.user = QLabel(self)
        self.icon = QLabel(self)
        self.icon.setFixedSize(self.ICON, self.ICON)
        self.title = QLabel(self)
        self.subtitle = QLabel(self)
        self.balance = QLabel(self)
        self.balance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.balance.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.detail = QLabel(self)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.topup_button = QPushButton(tr("AccountHeader", "Top up &demo"), self)
        self.topup_button.setToolTip(tr("AccountHeader", "Add virtual funds to the demo account"))
        self.topup_button.clicked.connect(self._topup_clicked)
        # Its row keeps its height on every account: the list does not jump on the demo one.
        policy = self.topup_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.topup_button.setSizePolicy(policy)
        self.topup_button.hide()

        base = self.font()
        self.user.setFont(_scaled(base, 0.9))
        self.title.setFont(_scaled(base, 1.15, QFont.Weight.DemiBold))
        self.subtitle.setFont(_scaled(base, 0.92))
        self.balance.setFont(_scaled(base, 2.0, QFont.Weight.DemiBold))
        self.detail.setFont(_scaled(base, 0.9))
        for label in (self.title, self.subtitle, self.user):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        grid = QGridLayout(self)
        grid.setContentsMargins(20, 16, 20, 14)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.user, 0, 0, 1, 3)
        grid.addWidget(self.icon, 1, 0, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.title, 1, 1, Qt.AlignmentFlag.AlignBottom)
        grid.addWidget(self.subtitle, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(
            self.balance, 1, 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom
        )
        grid.addWidget(self.detail, 2, 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.topup_button, 3, 1, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(1, 1)
        self._recolour()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._recolour()
            self.refresh()

    def _recolour(self) -> None:
        soft = muted(self.palette())
        for label in (self.user, self.subtitle, self.detail):
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, soft)
            label.setPalette(palette)

    def set_topup_busy(self, busy: bool) -> None:
        self.topup_button.setEnabled(not busy and self._state.link.online)

    def _topup_clicked(self) -> None:
        if self._state.active:
            self.topupRequested.emit(self._state.active)

    def refresh(self) -> None:
        state = self._state
        label = state.user_label
        self.user.setText(
            tr("AccountHeader", "Signed in as %1").replace("%1", label) if label else ""
        )
        self.user.setVisible(bool(label))
        account = state.account(state.active) if state.active else None
        if account is None:
            self.icon.clear()
            self.title.setText(tr("AccountHeader", "No account selected"))
            self.subtitle.setText("")
            self.balance.setText(NO_VALUE)
            self.detail.setText("")
            self.topup_button.hide()
            return
        self.icon.setPixmap(
            self._model.icon(account).pixmap(QSize(self.ICON, self.ICON), self.devicePixelRatioF())
        )
        self.title.setText(self._model.title(account))
        # Disabled, self-excluded, no access: said where the account is named, not only in
        # the list.
        parts = [account.loginid, landing_company_label(account)]
        parts += [badge.text for badge in self._model.badges(account)]
        self.subtitle.setText(" · ".join(parts))
        self.balance.setText(self._model.balance_text(account))
        font = self.balance.font()
        stale = self._model.is_stale(account.loginid)
        font.setItalic(stale)
        self.balance.setFont(font)
        palette = self.balance.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText,
            muted(self.palette()) if stale else self.palette().color(QPalette.ColorRole.Text),
        )
        self.balance.setPalette(palette)
        self.balance.setToolTip(self._model.tooltip(account))
        self.topup_button.setVisible(account.is_virtual)
        self.topup_button.setEnabled(state.link.online)
        self.refresh_age()

    def refresh_age(self) -> None:
        """Update only the "updated … ago" line (called by the window's one-second tick)."""
        state = self._state
        account = state.account(state.active) if state.active else None
        if account is None:
            return
        balance = state.balance(account.loginid)
        parts: list[str] = []
        if balance is not None:
            converted = self._model.converted_text(account, balance)
            if converted:
                parts.append(converted)
            if self._model.is_stale(account.loginid):
                parts.append(tr("AccountHeader", "stale"))
            parts.append(format_age(self._clock() - balance.updated_at))
        else:
            parts.append(tr("AccountHeader", "waiting for the balance…"))
        steady_text(self.detail, " · ".join(parts))
