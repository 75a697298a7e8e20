"""Connected apps: which applications may act on an account, and taking that access back.

Like Deriv's own page, the list shows third-party apps only; "Show Deriv's own apps" reveals
the official ones too (the table says which is which). Beyond Deriv's page it shows each app's
id and price markup, handles apps that were never used, confirms the outcome of a revoke, and
warns before revoking Deriv Desktop's own app id, which signs the user out (the dialog then
closes with the session).

Listing needs the Read scope, revoking the Admin scope: without Admin the list stays visible,
Revoke is disabled and a note says why and where else to do it. Loading, failures and the CSV
export are the base's (``AccountToolDialog``).
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QWidget

from deriv_desktop.domain.models import ConnectedApp
from deriv_desktop.gui.context import GuiContext
from deriv_desktop.gui.models.apps import AppColumn, AppsFilterProxy, AppsModel
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.tool_words import apps_words
from deriv_desktop.gui.views.account_tools_dialog import AccountToolDialog, ToolWording
from deriv_desktop.gui.widgets.confirm_box import ConfirmBox
from deriv_desktop.gui.widgets.message_bar import MessageBar, MessageKind
from deriv_desktop.services.export import apps_csv
from deriv_desktop.services.tokens import DASHBOARD_APPS_URL


def empty_state_text(official_hidden: bool) -> str:
    """Deriv's three notes for an empty list, in our own words."""
    notes = [
        tr(
            "AppsDialog",
            "1. Connected apps are apps you allowed to use your account, through Deriv's sign-in "
            "page or with an API token. They can do only what you allowed.",
        ),
        tr("AppsDialog", "2. You are responsible for what these apps do on your account."),
    ]
    if official_hidden:
        notes.append(
            tr(
                "AppsDialog",
                "3. Deriv's own apps are not listed. Tick “Show Deriv's own apps” to see them.",
            )
        )
    return "\n\n".join(notes)


class AppsDialog(AccountToolDialog[ConnectedApp]):
    """See the module docstring."""

    SLUG = "connected-apps"
    DASHBOARD_URL = DASHBOARD_APPS_URL
    model: AppsModel
    proxy: AppsFilterProxy

    def build_page(self) -> tuple[QWidget, list[QWidget]]:
        self.model = AppsModel(self, this_app_id=str(self.ctx.app_id))
        self.proxy = AppsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        page = QWidget(self)
        self.adopt_table(
            AppColumn.NAME,
            AppColumn.PERMISSIONS,
            {
                AppColumn.NAME: 220,
                AppColumn.APP_ID: 80,
                AppColumn.LAST_USED: 170,
                AppColumn.MARKUP: 80,
            },
        )
        self.revoke_action = QAction(tr("AppsDialog", "Revoke access…"), self.table)
        self.revoke_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.revoke_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.revoke_action.triggered.connect(self.revoke_selected)
        self.table.addAction(self.revoke_action)

        self.show_official = QCheckBox(tr("AppsDialog", "Show &Deriv's own apps"), page)
        self.show_official.toggled.connect(self._official_toggled)
        self.admin_note = MessageBar(page, closable=True)
        self.admin_link = QPushButton(tr("AppsDialog", "Open Deriv's connected apps page"), page)
        self.admin_link.clicked.connect(lambda: self.open_link(DASHBOARD_APPS_URL))
        self.admin_link.hide()
        note_row = QHBoxLayout()
        note_row.setSpacing(8)
        note_row.addWidget(self.admin_note, 1)
        note_row.addWidget(self.admin_link, 0, Qt.AlignmentFlag.AlignVCenter)

        self.revoke_button = QPushButton(tr("AppsDialog", "&Revoke access…"), page)
        self.revoke_button.clicked.connect(self.revoke_selected)
        column = self.list_column(
            page,
            filter_hint=tr("AppsDialog", "Name, app ID or permission"),
            beside_filter=self.show_official,
            buttons=[self.revoke_button],
            above_table=note_row,
        )
        column.setContentsMargins(0, 0, 0, 0)
        page.setLayout(column)
        return page, [
            self.filter_edit,
            self.show_official,
            self.admin_note.close_button,  # the note sits above the table
            self.admin_link,
            *self.table_stack.tab_stops(),
            self.revoke_button,
            self.export_button,
        ]

    # ------------------------------------------------------------------ what the base asks
    def wording(self) -> ToolWording:
        return apps_words()

    def list_call(self, loginid: str) -> Coroutine[Any, Any, list[ConnectedApp]]:
        return self.service.connected_apps(loginid)

    def fill(self, loginid: str, rows: list[ConnectedApp]) -> None:
        self.model.set_apps(rows)

    def empty_text(self, total: int, shown: int) -> tuple[str, str] | None:
        if shown == 0 and self.proxy.needle and total:
            return (
                tr("AppsDialog", "No app matches"),
                tr("AppsDialog", "Change the filter to see the other apps."),
            )
        if shown == 0:
            return (
                tr("AppsDialog", "No third-party apps are connected to this account"),
                empty_state_text(not self.proxy.show_official),
            )
        return None

    def count_text(self, total: int, shown: int) -> str:
        hidden_official = total - shown if not self.proxy.needle else 0
        if hidden_official > 0 and not self.proxy.show_official:
            return (
                tr("AppsDialog", "Apps listed: %1 (%2 of Deriv's own hidden)")
                .replace("%1", str(shown))
                .replace("%2", str(hidden_official))
            )
        return tr("AppsDialog", "Apps listed: %1").replace("%1", str(shown))

    def export_csv(self, loginid: str) -> tuple[str, int]:
        apps = self.model.apps
        return apps_csv(loginid, apps), len(apps)

    def before_list(self, loginid: str) -> bool:
        self._update_admin_note(loginid)
        return True

    def show_list(self, loginid: str, rows: list[ConnectedApp]) -> None:
        super().show_list(loginid, rows)
        self._update_admin_note(loginid)  # the first real call may have told what is missing

    def permission_lost(self, loginid: str) -> None:
        self._update_admin_note(loginid)
        self.update_actions()

    def update_actions(self) -> None:
        super().update_actions()
        app = self.selected_app()
        ready = self.loaded_for is not None and not self._busy
        lacks_admin = self.loaded_for is not None and self.service.lacks_admin(self.loaded_for)
        can_revoke = ready and app is not None and not lacks_admin
        self.revoke_button.setEnabled(can_revoke)
        self.revoke_action.setEnabled(can_revoke)
        self.revoke_button.setToolTip(
            tr("AppsDialog", "Revoking needs a sign-in with the Admin scope")
            if lacks_admin
            else tr("AppsDialog", "Take away the selected app's access")
        )

    # ------------------------------------------------------------------ list
    def _official_toggled(self, show: bool) -> None:
        self.proxy.set_show_official(show)
        self.update_table_state()
        self.update_actions()

    def _update_admin_note(self, loginid: str) -> None:
        lacks = self.service.lacks_admin(loginid)
        if lacks:
            self.admin_note.show_message(
                MessageKind.INFO,
                tr(
                    "AppsDialog",
                    "Deriv Desktop can list these apps but not revoke them: Deriv requires the "
                    "Admin scope for that, and this sign-in doesn't hold it. Sign in with an "
                    "API token that has the Admin scope, or revoke apps on Deriv's website.",
                ),
                timeout_ms=0,
            )
        else:
            self.admin_note.dismiss()
        self.admin_link.setVisible(lacks)

    def selected_app(self) -> ConnectedApp | None:
        return self.selected_record()

    def select_app(self, app_id: int) -> bool:
        return self.table_stack.select_source_row(self.model.row_of(app_id))

    # ------------------------------------------------------------------ revoke
    def revoke_selected(self) -> None:
        if self.loaded_for is not None and not self.service.lacks_admin(self.loaded_for):
            self.change_selected(self._question, self.service.revoke, self._revoked)

    def _question(self, app: ConnectedApp) -> ConfirmBox:
        if self.service.is_this_app(app):
            return self.question(
                tr("AppsDialog", "Revoke Deriv Desktop's own access?"),
                tr(
                    "AppsDialog",
                    "“%1” (app ID %2) is the app you are using now. Revoking its access signs "
                    "you out of Deriv Desktop straight away.",
                )
                .replace("%1", app.name)
                .replace("%2", str(app.app_id)),
                tr(
                    "AppsDialog",
                    "Every sign-in made through this app stops working. You can sign in again "
                    "afterwards and allow it once more.",
                ),
                tr("AppsDialog", "Revoke and sign out"),
            )
        detail = tr(
            "AppsDialog",
            "It will no longer be able to act on your account; it would have to ask for your "
            "permission again.",
        )
        if app.official:
            detail += "\n\n" + tr(
                "AppsDialog",
                "This is one of Deriv's own apps: you will be signed out of it wherever you use "
                "it.",
            )
        title = tr("AppsDialog", "Revoke access")
        return self.question(
            title,
            tr("AppsDialog", "Revoke access for “%1”?").replace("%1", app.name),
            detail,
            title,
        )

    def _revoked(self, _loginid: str, app: ConnectedApp, _none: None) -> None:
        self.banner.show_message(
            MessageKind.SUCCESS,
            tr("AppsDialog", "Access for “%1” revoked.").replace("%1", app.name),
        )
        self.reload()


def open_connected_apps(ctx: GuiContext, parent: QWidget | None = None) -> AppsDialog:
    """Tools ▸ Connected apps…: open (or raise) the dialog over ``parent``."""
    return AppsDialog.launch(ctx, parent)


__all__ = ["AppsDialog", "empty_state_text", "open_connected_apps"]
