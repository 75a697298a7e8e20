"""Connected apps: which applications may act on an account, and taking that access back.

Like Deriv's own page, the list shows third-party apps only; "Show Deriv's own apps" reveals
the official ones too (the table says which is which). Beyond Deriv's page it shows each app's
id and price markup, handles apps that were never used, confirms the outcome of a revoke, and
warns before revoking Deriv Desktop's own app id, which signs the user out (the dialog then
closes with the session).

Listing needs the Read scope, revoking the Admin scope: without Admin the list stays visible,
Revoke is disabled and a note says why and where else to do it.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deriv_desktop.domain.errors import ApiError, ConnectionProblem, PermissionDenied
from deriv_desktop.domain.models import ConnectedApp
from deriv_desktop.gui.context import GuiContext
from deriv_desktop.gui.models.apps import AppColumn, AppsFilterProxy, AppsModel
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.views.account_tools_dialog import AccountToolDialog, describe_failure
from deriv_desktop.gui.widgets.confirm_box import ConfirmBox, ask
from deriv_desktop.gui.widgets.message_bar import MessageBar, MessageKind
from deriv_desktop.gui.widgets.notice_panel import NoticeIcon, NoticePanel
from deriv_desktop.gui.widgets.scope_chips import ChipsDelegate
from deriv_desktop.services.export import apps_csv, write_csv
from deriv_desktop.services.tokens import DASHBOARD_APPS_URL, TokenService, TokensUnsupported


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


class AppsDialog(AccountToolDialog):
    """See the module docstring."""

    def __init__(
        self,
        ctx: GuiContext,
        *,
        service: TokenService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, service=service, parent=parent)
        self.setWindowTitle(tr("AppsDialog", "Connected apps"))
        self.prompt: ConfirmBox | None = None
        self.file_dialog: QFileDialog | None = None
        self.loaded_for: str | None = None
        self._load_generation = 0
        self._busy = False

        self.model = AppsModel(self, this_app_id=str(ctx.app_id))
        self.proxy = AppsFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.reload_button = QPushButton(tr("AppsDialog", "Re&load"), self)
        self.reload_button.setToolTip(tr("AppsDialog", "Fetch the list again (F5)"))
        self.reload_button.clicked.connect(self.reload)
        reload_action = QAction(self)
        reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        reload_action.triggered.connect(self.reload)
        self.addAction(reload_action)

        self._assemble(self._build_main_page(), extra_header=self.reload_button)
        chain: list[QWidget] = [
            self.picker,
            self.reload_button,
            self.filter_edit,
            self.show_official,
            self.table,
            self.revoke_button,
            self.export_button,
            self.admin_note.close_button,
            self.admin_link,
            *self.buttons.buttons(),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.resize(900, 560)
        self.setMinimumSize(700, 420)
        self._update_actions()

    def _build_main_page(self) -> QWidget:
        page = QWidget(self)
        self.filter_edit = QLineEdit(page)
        self.filter_edit.setPlaceholderText(tr("AppsDialog", "Name, app ID or permission"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.filter_edit.textChanged.connect(lambda _t: self._update_table_state())
        filter_label = QLabel(tr("AppsDialog", "&Filter:"), page)
        filter_label.setBuddy(self.filter_edit)
        self.show_official = QCheckBox(tr("AppsDialog", "Show &Deriv's own apps"), page)
        self.show_official.toggled.connect(self._official_toggled)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(filter_label)
        filters.addWidget(self.filter_edit, 1)
        filters.addSpacing(8)
        filters.addWidget(self.show_official)

        self.admin_note = MessageBar(page, closable=True)
        self.admin_link = QPushButton(tr("AppsDialog", "Open Deriv's connected apps page"), page)
        self.admin_link.clicked.connect(lambda: self.open_link(DASHBOARD_APPS_URL))
        self.admin_link.hide()

        self.table = QTableView(page)
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(
            ChipsDelegate(
                self.table,
                scopes_column=AppColumn.PERMISSIONS,
                name_column=AppColumn.NAME,
                marker_text=tr("AppsDialog", "this app"),
            )
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(AppColumn.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.setAccessibleName(tr("AppsDialog", "Connected apps"))
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(AppColumn.PERMISSIONS, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(AppColumn.NAME, 220)
        header.resizeSection(AppColumn.APP_ID, 80)
        header.resizeSection(AppColumn.LAST_USED, 170)
        header.resizeSection(AppColumn.MARKUP, 80)
        selection = self.table.selectionModel()
        selection.selectionChanged.connect(lambda *_: self._update_actions())
        selection.currentRowChanged.connect(lambda *_: self._update_actions())
        self.proxy.modelReset.connect(self._update_table_state)
        self.proxy.rowsInserted.connect(self._update_table_state)
        self.proxy.rowsRemoved.connect(self._update_table_state)

        self.revoke_action = QAction(tr("AppsDialog", "Revoke access…"), self.table)
        self.revoke_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.revoke_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.revoke_action.triggered.connect(self.revoke_selected)
        self.table.addAction(self.revoke_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.empty = NoticePanel(page, compact=True)
        self.empty.actionTriggered.connect(self.reload)
        self.table_stack = QStackedWidget(page)
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty)

        self.revoke_button = QPushButton(tr("AppsDialog", "&Revoke access…"), page)
        self.revoke_button.setToolTip(tr("AppsDialog", "Take away the selected app's access"))
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.export_button = QPushButton(tr("AppsDialog", "E&xport CSV…"), page)
        self.export_button.clicked.connect(self.choose_export_path)
        self.count_label = QLabel(page)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        actions.addWidget(self.revoke_button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        actions.addSpacing(8)
        actions.addWidget(self.export_button)

        note_row = QHBoxLayout()
        note_row.setSpacing(8)
        note_row.addWidget(self.admin_note, 1)
        note_row.addWidget(self.admin_link, 0, Qt.AlignmentFlag.AlignVCenter)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(filters)
        layout.addLayout(note_row)
        layout.addWidget(self.table_stack, 1)
        layout.addLayout(actions)
        return page

    # ------------------------------------------------------------------ loading
    def reload(self) -> None:
        if self.closed_for_good:
            return
        self.cancel_reads()
        self.loading = False
        self._load_generation += 1
        generation = self._load_generation
        loginid = self.loginid
        if not self.service.supported:
            self.model.clear()
            self.loaded_for = None
            self.set_header_visible(False)  # no account choice matters: nothing can be listed
            self.show_notice(
                tr("AppsDialog", "Connected apps are managed on Deriv's website"),
                tr(
                    "AppsDialog",
                    "This sign-in uses Deriv's new API, which offers apps no way to list or revoke "
                    "connected apps. You can still manage them on Deriv's dashboard.",
                ),
                tr("AppsDialog", "Open Deriv's dashboard"),
                lambda: self.open_link(DASHBOARD_APPS_URL),
            )
            return
        if loginid is None:
            self.show_notice(
                tr("AppsDialog", "No account to manage"),
                tr("AppsDialog", "Deriv Desktop holds no sign-in for any account right now."),
            )
            return
        self.show_manager()
        if self.loaded_for != loginid:
            self.model.clear()
            self.loaded_for = None
            self.empty.show_notice(
                tr("AppsDialog", "Loading connected apps…"),
                tr("AppsDialog", "Asking Deriv which apps may use this account."),
            )
            self.table_stack.setCurrentWidget(self.empty)
        self._update_admin_note()
        self._update_actions()
        self.loading = True
        self.run(
            self.service.connected_apps(loginid),
            name="list-apps",
            on_done=lambda apps: self._loaded(generation, loginid, apps),
            on_error=lambda error: self._load_failed(generation, error),
        )

    def _loaded(self, generation: int, loginid: str, apps: list[ConnectedApp]) -> None:
        if generation != self._load_generation:
            return
        self.loading = False
        selected = self.selected_app()
        self.model.set_apps(apps)
        self.loaded_for = loginid
        if selected is None or not self.select_app(selected.app_id):
            first = self.proxy.index(0, AppColumn.NAME)
            if first.isValid():  # a row is always chosen, so Revoke works from the keyboard
                self.table.selectionModel().setCurrentIndex(
                    first,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        self._update_table_state()
        self._update_admin_note()
        self._update_actions()

    def _load_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._load_generation:
            return
        self.loading = False
        if isinstance(error, TokensUnsupported):
            self.reload()
            return
        self.empty.show_notice(
            tr("AppsDialog", "The connected apps could not be loaded"),
            describe_failure(error),
            tr("AppsDialog", "Try again"),
            NoticeIcon.WARNING,
        )
        self.table_stack.setCurrentWidget(self.empty)
        self._update_actions()

    def _update_table_state(self) -> None:
        if self.loaded_for is None:
            return
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        hidden_official = total - shown if not self.proxy.needle else 0
        if shown == 0 and self.proxy.needle and total:
            self.empty.show_notice(
                tr("AppsDialog", "No app matches"),
                tr("AppsDialog", "Change the filter to see the other apps."),
            )
            self.table_stack.setCurrentWidget(self.empty)
        elif shown == 0:
            self.empty.show_notice(
                tr("AppsDialog", "No third-party apps are connected to this account"),
                empty_state_text(not self.proxy.show_official),
            )
            self.table_stack.setCurrentWidget(self.empty)
        else:
            self.table_stack.setCurrentWidget(self.table)
        text = tr("AppsDialog", "Apps listed: %1").replace("%1", str(shown))
        if hidden_official > 0 and not self.proxy.show_official:
            text = (
                tr("AppsDialog", "Apps listed: %1 (%2 of Deriv's own hidden)")
                .replace("%1", str(shown))
                .replace("%2", str(hidden_official))
            )
        self.count_label.setText(text)

    def _official_toggled(self, show: bool) -> None:
        self.proxy.set_show_official(show)
        self._update_table_state()
        self._update_actions()

    def _update_admin_note(self) -> None:
        loginid = self.loaded_for or self.loginid
        lacks = loginid is not None and self.service.lacks_admin(loginid)
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

    # ------------------------------------------------------------------ selection
    def selected_app(self) -> ConnectedApp | None:
        if self.table_stack.currentWidget() is not self.table:
            return None
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.app_at(self.proxy.mapToSource(rows[0]).row())

    def select_app(self, app_id: int) -> bool:
        row = self.model.row_of(app_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, AppColumn.NAME))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _update_actions(self) -> None:
        app = self.selected_app()
        ready = self.loaded_for is not None and not self._busy
        lacks_admin = self.loaded_for is not None and self.service.lacks_admin(self.loaded_for)
        can_revoke = ready and app is not None and not lacks_admin
        self.revoke_button.setEnabled(can_revoke)
        self.revoke_action.setEnabled(can_revoke)
        if lacks_admin:
            self.revoke_button.setToolTip(
                tr("AppsDialog", "Revoking needs a sign-in with the Admin scope")
            )
        else:
            self.revoke_button.setToolTip(tr("AppsDialog", "Take away the selected app's access"))
        self.export_button.setEnabled(ready and self.model.rowCount() > 0)
        self.reload_button.setEnabled(not self._busy and self.service.supported)
        self.picker.setEnabled(not self._busy and self.service.supported)

    # ------------------------------------------------------------------ revoke
    def revoke_selected(self) -> None:
        app = self.selected_app()
        loginid = self.loaded_for
        if app is None or loginid is None or self._busy or self.prompt is not None:
            return
        if self.service.lacks_admin(loginid):
            return
        self.run(self._revoke_flow(loginid, app), name="revoke-app", read=False)

    def _question(self, app: ConnectedApp) -> ConfirmBox:
        if self.service.is_this_app(app):
            return ConfirmBox(
                self,
                title=tr("AppsDialog", "Revoke Deriv Desktop's own access?"),
                text=tr(
                    "AppsDialog",
                    "“%1” (app ID %2) is the app you are using now. Revoking its access signs "
                    "you out of Deriv Desktop straight away.",
                )
                .replace("%1", app.name)
                .replace("%2", str(app.app_id)),
                detail=tr(
                    "AppsDialog",
                    "Every sign-in made through this app stops working. You can sign in again "
                    "afterwards and allow it once more.",
                ),
                accept_text=tr("AppsDialog", "Revoke and sign out"),
                cancel_text=tr("AppsDialog", "Back"),
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
        return ConfirmBox(
            self,
            title=tr("AppsDialog", "Revoke access"),
            text=tr("AppsDialog", "Revoke access for “%1”?").replace("%1", app.name),
            detail=detail,
            accept_text=tr("AppsDialog", "Revoke access"),
            cancel_text=tr("AppsDialog", "Back"),
        )

    async def _revoke_flow(self, loginid: str, app: ConnectedApp) -> None:
        box = self._question(app)
        self.prompt = box
        try:
            if not await ask(box):
                return
        finally:
            self.prompt = None
        if self.closed_for_good:
            return
        self._busy = True
        self._update_actions()
        try:
            await self.service.revoke(loginid, app)
        except (ApiError, ConnectionProblem) as e:
            if self.closed_for_good:
                return
            self._busy = False
            self.banner.show_message(
                MessageKind.ERROR,
                tr("AppsDialog", "“%1” still has access: %2")
                .replace("%1", app.name)
                .replace("%2", describe_failure(e)),
            )
            if isinstance(e, PermissionDenied):
                self._update_admin_note()
            self._update_actions()
            return
        except Exception:
            if not self.closed_for_good:
                self._busy = False
                self._update_actions()
            raise
        if self.closed_for_good:  # our own app: the session ended and the dialog closed
            return
        self._busy = False
        self.banner.show_message(
            MessageKind.SUCCESS,
            tr("AppsDialog", "Access for “%1” revoked.").replace("%1", app.name),
        )
        self.reload()

    # ------------------------------------------------------------------ export
    def choose_export_path(self) -> QFileDialog | None:
        loginid = self.loaded_for
        if loginid is None or self.model.rowCount() == 0:
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chooser = QFileDialog(
            self,
            tr("AppsDialog", "Export connected apps"),
            str(Path(folder or Path.home()) / f"deriv-connected-apps-{loginid}.csv"),
            tr("AppsDialog", "CSV files (*.csv)"),
        )
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setDefaultSuffix("csv")
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(lambda path: self.export_to(Path(path)))
        chooser.finished.connect(lambda _code: setattr(self, "file_dialog", None))
        self.file_dialog = chooser
        chooser.open()
        return chooser

    def export_to(self, path: Path) -> None:
        loginid = self.loaded_for
        if loginid is None:
            return
        apps = self.model.apps
        self.run(
            write_csv(path, apps_csv(loginid, apps)),
            name="export-apps",
            on_done=lambda written: self.banner.show_message(
                MessageKind.SUCCESS,
                tr("AppsDialog", "Saved %1 apps to %2")
                .replace("%1", str(len(apps)))
                .replace("%2", str(written)),
            ),
            on_error=lambda error: self.banner.show_message(
                MessageKind.ERROR,
                tr("AppsDialog", "The file could not be saved: %1").replace(
                    "%1",
                    error.strerror
                    if isinstance(error, OSError) and error.strerror
                    else describe_failure(error),
                ),
            ),
            read=False,
        )

    def forget_secrets(self) -> None:
        if self.prompt is not None:
            self.prompt.reject()
        if self.file_dialog is not None:
            self.file_dialog.reject()

    def __repr__(self) -> str:
        return f"AppsDialog({self.loaded_for or 'nothing loaded'})"


def open_connected_apps(ctx: GuiContext, parent: QWidget | None = None) -> AppsDialog:
    """Tools ▸ Connected apps…: open (or raise) the dialog over ``parent``."""
    return AppsDialog.launch(ctx, parent)


__all__ = ["AppsDialog", "empty_state_text", "open_connected_apps"]
