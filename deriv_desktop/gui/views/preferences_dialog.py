"""Tools ▸ Preferences: keeping the app in the tray, which notifications to show, the proxy.

Opened with ``open()`` (never ``exec()``); Save writes the settings file through the task registry.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from deriv_desktop.gui.context import GuiContext
from deriv_desktop.gui.focus_chain import chain_tabs
from deriv_desktop.gui.mnemonics import give_mnemonics
from deriv_desktop.gui.notice_text import account_label
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.proxy_page import ProxyPage
from deriv_desktop.gui.widgets.screen_fit import fit_to_screen
from deriv_desktop.services.notify_rules import NoticeKind, parse_amount


def _kind_labels() -> dict[NoticeKind, str]:
    return {
        NoticeKind.BALANCE_CHANGE: tr("Preferences", "A &balance moves by more than its threshold"),
        NoticeKind.LOW_BALANCE: tr("Preferences", "A balance falls under its &low mark"),
        NoticeKind.LINK_DOWN: tr("Preferences", "The connection to Deriv stays &down"),
        NoticeKind.ACCESS_REVOKED: tr(
            "Preferences", "Access is &revoked or a sign-in deleted outside this app"
        ),
    }


class PreferencesDialog(QDialog):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        settings = ctx.settings
        self.setWindowTitle(tr("Preferences", "Preferences"))
        self.tray_check = QCheckBox(
            tr("Preferences", "&Keep running in the tray when the window is closed"), self
        )
        self.tray_check.setChecked(bool(settings.close_to_tray))

        notifications = QGroupBox(tr("Preferences", "Notify me when"), self)
        kinds = QVBoxLayout(notifications)
        self.kind_checks: dict[NoticeKind, QCheckBox] = {}
        for kind, text in _kind_labels().items():
            check = QCheckBox(text, notifications)
            check.setChecked(kind.value in settings.notify_kinds)
            kinds.addWidget(check)
            self.kind_checks[kind] = check
        form = QFormLayout()
        self.link_minutes = QDoubleSpinBox(notifications)
        self.link_minutes.setDecimals(0)
        self.link_minutes.setRange(1, 240)
        self.link_minutes.setValue(max(1.0, float(settings.link_down_minutes)))
        self.link_minutes.setSuffix(tr("Preferences", " min"))
        form.addRow(tr("Preferences", "Connection down for &more than"), self.link_minutes)
        kinds.addLayout(form)

        note = QLabel(
            tr(
                "Preferences",
                "Thresholds and low marks are in each account's currency. Leave a threshold "
                "empty for the default: every move on real accounts, none on demo.",
            ),
            self,
        )
        note.setWordWrap(True)
        accounts = [a for a in ctx.state.accounts if not a.is_disabled]
        self.table = QTableWidget(len(accounts), 3, self)
        self.table.setHorizontalHeaderLabels(
            [
                tr("Preferences", "Account"),
                tr("Preferences", "Threshold"),
                tr("Preferences", "Low mark"),
            ]
        )
        self.table.verticalHeader().hide()
        self.rows: list[tuple[str, QLineEdit, QLineEdit]] = []
        for row, account in enumerate(accounts):
            name = QTableWidgetItem(account_label(ctx.state, account.loginid))
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, name)
            threshold = QLineEdit(settings.notify_thresholds.get(account.loginid, ""))
            low = QLineEdit(settings.notify_low_marks.get(account.loginid, ""))
            self.table.setCellWidget(row, 1, threshold)
            self.table.setCellWidget(row, 2, low)
            self.rows.append((account.loginid, threshold, low))
        self.table.resizeColumnsToContents()

        general = QWidget(self)
        layout = QVBoxLayout(general)
        layout.addWidget(self.tray_check)
        layout.addWidget(notifications)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        self.proxy_page = ProxyPage(ctx.proxy, ctx.tasks, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(general, tr("Preferences", "&General"))
        self.tabs.addTab(self.proxy_page, tr("Preferences", "Pro&xy"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        outer = QVBoxLayout(self)
        outer.addWidget(self.tabs, 1)
        outer.addWidget(buttons)
        fields = self.proxy_page.fields
        chain_tabs(
            [
                self.tabs.tabBar(),
                self.tray_check,
                *self.kind_checks.values(),
                self.link_minutes,
                self.table,
                *(edit for _loginid, threshold, low in self.rows for edit in (threshold, low)),
                fields.mode_combo,
                fields.host_edit,
                fields.port_edit,
                fields.user_edit,
                fields.password_edit,
                *buttons.buttons(),
            ]
        )
        fit_to_screen(self, QSize(560, 520))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        give_mnemonics(self)  # Save, Cancel and any control without a letter of its own

    def save(self) -> None:
        """Apply what is filled in (amounts that are not numbers are left out) and save."""
        if not self.proxy_page.check():  # a proxy that cannot be used: say why, save nothing
            self.tabs.setCurrentWidget(self.proxy_page)
            return
        self.proxy_page.save()
        settings = self.ctx.settings
        settings.close_to_tray = self.tray_check.isChecked()
        settings.notify_kinds = [k.value for k, c in self.kind_checks.items() if c.isChecked()]
        settings.link_down_minutes = self.link_minutes.value()
        thresholds: dict[str, str] = {}
        lows: dict[str, str] = {}
        for loginid, threshold, low in self.rows:
            if parse_amount(threshold.text()) is not None:
                thresholds[loginid] = threshold.text().strip()
            if parse_amount(low.text()) is not None:
                lows[loginid] = low.text().strip()
        settings.notify_thresholds = thresholds
        settings.notify_low_marks = lows
        self.ctx.tasks.spawn(self.ctx.settings_file.save(settings), name="save-settings")
        self.accept()


__all__ = ["PreferencesDialog"]
