"""The five scope checkboxes of the create form, each with one line saying what it allows.

The wording paraphrases what Deriv's own token page says about each scope. Ticking Admin shows
a standing warning: an Admin token can be used to take over the account.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from deriv_desktop.domain.models import Scope
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.colors import muted
from deriv_desktop.gui.widgets.message_bar import MessageBar, MessageKind


def scope_checkbox_text(scope: Scope) -> str:
    """Labels with mnemonics (Alt+R, T, P, I, A)."""
    if scope is Scope.READ:
        return tr("ScopePicker", "&Read")
    if scope is Scope.TRADE:
        return tr("ScopePicker", "&Trade")
    if scope is Scope.PAYMENTS:
        return tr("ScopePicker", "&Payments")
    if scope is Scope.TRADING_INFORMATION:
        return tr("ScopePicker", "Trading &information")
    return tr("ScopePicker", "&Admin")


def scope_description(scope: Scope) -> str:
    if scope is Scope.READ:
        return tr(
            "ScopePicker",
            "See balances, statements, trade history, limits and account settings.",
        )
    if scope is Scope.TRADE:
        return tr(
            "ScopePicker",
            "Buy and sell contracts, renew expired purchases and top up demo accounts.",
        )
    if scope is Scope.PAYMENTS:
        return tr(
            "ScopePicker",
            "Withdraw through payment agents and move money between your accounts.",
        )
    if scope is Scope.TRADING_INFORMATION:
        return tr("ScopePicker", "See the history of your trades.")
    return tr("ScopePicker", "Open accounts, change settings and create or delete tokens.")


def admin_warning_text() -> str:
    return tr(
        "ScopePicker",
        "Anyone holding an Admin token can take control of this account and its money. Give "
        "it only to apps you trust completely.",
    )


class ScopePicker(QWidget):
    """Emits ``changed`` whenever the ticked set changes; ``scopes()`` reads it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[Scope, QCheckBox] = {}
        self.descriptions: dict[Scope, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for scope in Scope:
            box = QCheckBox(scope_checkbox_text(scope), self)
            box.setObjectName(f"scope-{scope.value}")
            description = QLabel(scope_description(scope), self)
            description.setWordWrap(True)
            description.setTextFormat(Qt.TextFormat.PlainText)
            description.setIndent(self._indent(box))
            description.setBuddy(box)
            box.setAccessibleDescription(description.text())
            box.toggled.connect(self._toggled)
            layout.addWidget(box)
            layout.addWidget(description)
            layout.addSpacing(6)
            self.boxes[scope] = box
            self.descriptions[scope] = description
        self.admin_warning = MessageBar(self, closable=False)
        self.admin_warning.show_message(MessageKind.WARNING, admin_warning_text(), timeout_ms=0)
        self.admin_warning.setVisible(False)
        layout.addWidget(self.admin_warning)
        self._restyle()

    @staticmethod
    def _indent(box: QCheckBox) -> int:
        """Line descriptions up with the checkbox text, not the box."""
        return box.sizeHint().width() - box.fontMetrics().horizontalAdvance(
            box.text().replace("&", "")
        )

    def _restyle(self) -> None:
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.92)
        for label in self.descriptions.values():
            label.setFont(small)
            palette = label.palette()
            palette.setColor(label.foregroundRole(), muted(self.palette()))
            label.setPalette(palette)

    def scopes(self) -> frozenset[Scope]:
        return frozenset(scope for scope, box in self.boxes.items() if box.isChecked())

    def set_scopes(self, scopes: frozenset[Scope]) -> None:
        for scope, box in self.boxes.items():
            box.setChecked(scope in scopes)

    def clear(self) -> None:
        self.set_scopes(frozenset())

    def _toggled(self, _checked: bool) -> None:
        self.admin_warning.setVisible(self.boxes[Scope.ADMIN].isChecked())
        self.changed.emit()
