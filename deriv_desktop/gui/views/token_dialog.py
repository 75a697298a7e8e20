"""The token manager: list, create, copy and delete one account's API tokens.

Layout: the account picker on top; the token table (filterable, sortable) with its actions on
the left; the create form (name checked as you type against all of Deriv's rules, the five
scopes, the IP lock) on the right. A new token is shown once in a panel above the table.

Safety rules this dialog keeps:
* token values are masked until revealed, copied through ``SecretClipboard`` (cleared after
  30 s if unchanged) and an Admin token is only copied after a warning;
* deleting the token Deriv Desktop signed in with says that it signs you out, and the dialog
  closes once the session has ended (``TokenService.delete`` ends it);
* without the Admin scope, or on a backend without token calls, a full-page explanation
  replaces the buttons that would fail;
* server refusals appear where they belong: name problems under the name field, permission
  problems in the banner.

Never ``exec()``: questions are ``ConfirmBox``es awaited through ``open()``, the file chooser
is a ``QFileDialog`` opened with ``open()``.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import QAction, QColor, QFont, QFontDatabase, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deriv_desktop.domain.errors import (
    APITokenError,
    ConnectionProblem,
    InputValidationFailed,
    PermissionDenied,
)
from deriv_desktop.domain.models import ApiToken, Scope
from deriv_desktop.gui.clipboard import SecretClipboard, secret_clipboard
from deriv_desktop.gui.context import GuiContext
from deriv_desktop.gui.models.tokens import (
    Column,
    TokenFilter,
    TokensFilterProxy,
    TokensModel,
    token_filter_label,
    value_available,
)
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.views.account_tools_dialog import AccountToolDialog, describe_failure
from deriv_desktop.gui.widgets.colors import mix, muted
from deriv_desktop.gui.widgets.confirm_box import ConfirmBox, ask
from deriv_desktop.gui.widgets.message_bar import HUES, MessageKind
from deriv_desktop.gui.widgets.notice_panel import NoticeIcon, NoticePanel
from deriv_desktop.gui.widgets.scope_chips import ChipsDelegate
from deriv_desktop.gui.widgets.scope_picker import ScopePicker
from deriv_desktop.services.export import tokens_csv, write_csv
from deriv_desktop.services.tokens import (
    DASHBOARD_TOKENS_URL,
    MAX_TOKENS_PER_ACCOUNT,
    NAME_MAX,
    NameProblem,
    NameRule,
    TokenService,
    TokensUnsupported,
    check_token_name,
)

AnyIndex = QModelIndex | QPersistentModelIndex


def name_problem_text(problem: NameProblem) -> str:
    """Each of Deriv's name rules in the user's language."""
    rule = problem.rule
    if rule is NameRule.LIMIT:
        return tr(
            "TokenDialog",
            "This account already has %1 tokens, the most Deriv allows. Delete one to make room.",
        ).replace("%1", str(MAX_TOKENS_PER_ACCOUNT))
    if rule is NameRule.EMPTY:
        return tr("TokenDialog", "Enter a name for the token.")
    if rule is NameRule.CHARACTERS:
        return tr("TokenDialog", "Use only letters, digits, spaces and underscores.")
    if rule is NameRule.NEEDS_LETTER_OR_DIGIT:
        return tr("TokenDialog", "The name needs at least one letter or digit.")
    if rule is NameRule.TOO_SHORT:
        return tr("TokenDialog", "The name must be 2 to 32 characters long.")
    if rule is NameRule.TOO_LONG:
        return tr("TokenDialog", "The name can be at most 32 characters long.")
    if rule is NameRule.RESERVED:
        return tr(
            "TokenDialog",
            "Deriv doesn't allow names containing “deriv” or “binary”, however spelt.",
        )
    if rule is NameRule.DUPLICATE:
        return tr("TokenDialog", "This account already has a token with that name.")
    return problem.message  # pragma: no cover - every rule is worded above


class NewTokenPanel(QFrame):
    """Shows a freshly created token once, with a Copy button; tinted like a success message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new-token-panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.token: ApiToken | None = None
        self.title = QLabel(self)
        bold = QFont(self.title.font())
        bold.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(bold)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.value = QLabel(self)
        self.value.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.value.setAccessibleName(tr("TokenDialog", "New token value"))
        self.note = QLabel(
            tr(
                "TokenDialog",
                "Copy it now and keep it somewhere safe: you may not be able to see it again.",
            ),
            self,
        )
        self.note.setWordWrap(True)
        self.copy_button = QPushButton(tr("TokenDialog", "Copy new token"), self)
        self.dismiss_button = QPushButton(tr("TokenDialog", "Done"), self)
        self.dismiss_button.clicked.connect(self.dismiss)
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(self.value, 1)
        row.addWidget(self.copy_button)
        row.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self._tint()
        self.hide()

    def _tint(self) -> None:
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        palette.setColor(QPalette.ColorRole.Window, mix(window, HUES[MessageKind.SUCCESS], 0.14))
        self.setPalette(palette)

    def show_token(self, token: ApiToken) -> None:
        self.token = token
        self.title.setText(
            tr("TokenDialog", "Your new token “%1”").replace("%1", token.display_name)
        )
        self.value.setText(token.token)
        self.show()
        self.copy_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def dismiss(self) -> None:
        self.token = None
        self.value.clear()
        self.hide()


class TokenDialog(AccountToolDialog):
    """See the module docstring."""

    def __init__(
        self,
        ctx: GuiContext,
        *,
        service: TokenService | None = None,
        clipboard: SecretClipboard | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, service=service, parent=parent)
        self.clipboard = clipboard or secret_clipboard()
        self.setWindowTitle(tr("TokenDialog", "API tokens"))
        self.prompt: ConfirmBox | None = None
        self.file_dialog: QFileDialog | None = None
        self.loaded_for: str | None = None  # the account whose list the table shows
        self._load_generation = 0
        self._busy = False
        self._name_touched = False
        self._scopes_touched = False
        self._server_name_error = ""

        self.model = TokensModel(self)
        self.proxy = TokensFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.reload_button = QPushButton(tr("TokenDialog", "Re&load"), self)
        self.reload_button.setToolTip(tr("TokenDialog", "Fetch the list again (F5)"))
        self.reload_button.clicked.connect(self.reload)
        reload_action = QAction(self)
        reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        reload_action.triggered.connect(self.reload)
        self.addAction(reload_action)

        self._assemble(self._build_main_page(), extra_header=self.reload_button)
        self._set_tab_order()
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.resize(1180, 700)
        self.setMinimumSize(940, 560)
        self._update_actions()
        self._validate_form()

    # ------------------------------------------------------------------ construction
    def _build_main_page(self) -> QWidget:
        page = QWidget(self)
        self.new_token = NewTokenPanel(page)
        self.new_token.copy_button.clicked.connect(self.copy_new_token)
        copy_new = QAction(self.new_token)
        copy_new.setShortcut(QKeySequence.StandardKey.Copy)
        copy_new.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy_new.triggered.connect(self.copy_new_token)
        self.new_token.addAction(copy_new)

        # Left: filter, table, actions.
        self.filter_edit = QLineEdit(page)
        self.filter_edit.setPlaceholderText(tr("TokenDialog", "Name, scope or IP address"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.filter_edit.textChanged.connect(lambda _t: self._update_table_state())
        filter_label = QLabel(tr("TokenDialog", "&Filter:"), page)
        filter_label.setBuddy(self.filter_edit)
        self.kind_combo = QComboBox(page)
        for kind in TokenFilter:
            self.kind_combo.addItem(token_filter_label(kind), kind.value)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        kind_label = QLabel(tr("TokenDialog", "Sho&w:"), page)
        kind_label.setBuddy(self.kind_combo)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(filter_label)
        filters.addWidget(self.filter_edit, 1)
        filters.addSpacing(8)
        filters.addWidget(kind_label)
        filters.addWidget(self.kind_combo)

        self.table = QTableView(page)
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(
            ChipsDelegate(
                self.table,
                scopes_column=Column.SCOPES,
                name_column=Column.NAME,
                marker_text=tr("TokenDialog", "used by this app"),
            )
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.setAccessibleName(tr("TokenDialog", "API tokens"))
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.SCOPES, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        header.resizeSection(Column.NAME, 204)
        header.resizeSection(Column.TOKEN, 134)
        header.resizeSection(Column.LAST_USED, 100)
        header.resizeSection(Column.IP_LOCK, 100)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.doubleClicked.connect(self._double_clicked)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(lambda *_: self._update_actions())
        selection.selectionChanged.connect(lambda *_: self._update_actions())
        self.proxy.modelReset.connect(self._update_table_state)
        self.proxy.rowsInserted.connect(self._update_table_state)
        self.proxy.rowsRemoved.connect(self._update_table_state)

        self.copy_action = QAction(tr("TokenDialog", "Copy token"), self.table)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(self.copy_selected)
        self.delete_action = QAction(tr("TokenDialog", "Delete token…"), self.table)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.reveal_action = QAction(tr("TokenDialog", "Show or hide token"), self.table)
        self.reveal_action.triggered.connect(self.toggle_reveal)
        self.table.addActions([self.copy_action, self.delete_action, self.reveal_action])
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.empty = NoticePanel(page, compact=True)
        self.empty.actionTriggered.connect(self.reload)
        self.table_stack = QStackedWidget(page)
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty)

        self.reveal_button = QPushButton(tr("TokenDialog", "&Show token"), page)
        self.reveal_button.clicked.connect(self.toggle_reveal)
        self.copy_button = QPushButton(tr("TokenDialog", "Cop&y"), page)
        self.copy_button.setToolTip(tr("TokenDialog", "Copy the selected token (Ctrl+C)"))
        self.copy_button.clicked.connect(self.copy_selected)
        self.delete_button = QPushButton(tr("TokenDialog", "&Delete…"), page)
        self.delete_button.setToolTip(tr("TokenDialog", "Delete the selected token (Delete)"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button = QPushButton(tr("TokenDialog", "E&xport CSV…"), page)
        self.export_button.setToolTip(
            tr("TokenDialog", "Save names, scopes and dates as CSV; token values are left out")
        )
        self.export_button.clicked.connect(self.choose_export_path)
        self.count_label = QLabel(page)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        actions.addWidget(self.reveal_button)
        actions.addWidget(self.copy_button)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        actions.addSpacing(8)
        actions.addWidget(self.export_button)

        left = QVBoxLayout()
        left.setSpacing(8)
        left.addLayout(filters)
        left.addWidget(self.table_stack, 1)
        left.addLayout(actions)

        # Right: the create form.
        self.form = self._build_form(page)

        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addLayout(left, 1)
        columns.addWidget(self.form, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.new_token)
        layout.addLayout(columns, 1)
        return page

    def _build_form(self, page: QWidget) -> QFrame:
        form = QFrame(page)
        form.setObjectName("create-form")
        form.setFrameShape(QFrame.Shape.StyledPanel)
        form.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Maximum)
        form.setFixedWidth(340)
        heading = QLabel(tr("TokenDialog", "Create a token"), form)
        heading_font = QFont(heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.15)
        heading_font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(heading_font)
        self.name_edit = QLineEdit(form)
        self.name_edit.setMaxLength(NAME_MAX + 16)  # room to type past the limit and be told
        self.name_edit.setPlaceholderText(tr("TokenDialog", "For example: Trading bot"))
        self.name_edit.textEdited.connect(self._name_edited)
        self.name_edit.returnPressed.connect(self._return_in_name)
        name_label = QLabel(tr("TokenDialog", "Token &name"), form)
        name_label.setBuddy(self.name_edit)
        self.name_hint = QLabel(
            tr("TokenDialog", "2 to 32 characters: letters, digits, spaces and underscores."),
            form,
        )
        self.name_hint.setWordWrap(True)
        self.name_error = QLabel(form)
        self.name_error.setWordWrap(True)
        self.name_error.setTextFormat(Qt.TextFormat.PlainText)
        self.name_error.setObjectName("name-error")
        self.name_error.hide()

        scopes_label = QLabel(tr("TokenDialog", "Scopes"), form)
        bold = QFont(scopes_label.font())
        bold.setWeight(QFont.Weight.DemiBold)
        scopes_label.setFont(bold)
        name_label.setFont(bold)
        self.scope_picker = ScopePicker(form)
        self.scope_picker.changed.connect(self._scopes_changed)
        self.scope_hint = QLabel(tr("TokenDialog", "Choose at least one scope."), form)
        self.scope_hint.setObjectName("scope-error")
        self.scope_hint.hide()
        self.ip_only = QCheckBox(tr("TokenDialog", "&Use only from my current IP address"), form)
        self.ip_only.setToolTip(
            tr(
                "TokenDialog",
                "Deriv will refuse this token from any other IP address. Leave it off if your "
                "address changes (mobile networks, VPNs).",
            )
        )
        self.create_button = QPushButton(tr("TokenDialog", "&Create token"), form)
        self.create_button.clicked.connect(self.create_token)

        for label in (self.name_hint,):
            small = QFont(label.font())
            small.setPointSizeF(small.pointSizeF() * 0.92)
            label.setFont(small)
            palette = label.palette()
            palette.setColor(label.foregroundRole(), muted(self.palette()))
            label.setPalette(palette)
        for label in (self.name_error, self.scope_hint):
            palette = label.palette()
            text = self.palette().color(QPalette.ColorRole.WindowText)
            error_ink = mix(QColor(HUES[MessageKind.ERROR]), text, 0.15)
            palette.setColor(label.foregroundRole(), error_ink)
            label.setPalette(palette)

        layout = QVBoxLayout(form)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addSpacing(6)
        layout.addWidget(name_label)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.name_error)
        layout.addWidget(self.name_hint)
        layout.addSpacing(8)
        layout.addWidget(scopes_label)
        layout.addWidget(self.scope_picker)
        layout.addWidget(self.scope_hint)
        layout.addSpacing(4)
        layout.addWidget(self.ip_only)
        layout.addSpacing(6)
        layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)
        return form

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.picker,
            self.reload_button,
            self.new_token.copy_button,
            self.new_token.dismiss_button,
            self.filter_edit,
            self.kind_combo,
            self.table,
            self.reveal_button,
            self.copy_button,
            self.delete_button,
            self.export_button,
            self.name_edit,
            *self.scope_picker.boxes.values(),
            self.ip_only,
            self.create_button,
            *self.buttons.buttons(),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

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
            self._show_unsupported()
            return
        if loginid is None:
            self.show_notice(
                tr("TokenDialog", "No account to manage"),
                tr(
                    "TokenDialog",
                    "Deriv Desktop holds no sign-in for any account right now, so there are no "
                    "tokens to show.",
                ),
            )
            return
        if self.service.lacks_admin(loginid):
            self._show_no_admin(loginid)
            return
        self.show_manager()
        if self.loaded_for != loginid:  # a different account: nothing of the old list stays
            self.model.clear()
            self.new_token.dismiss()
            self.loaded_for = None
            self._show_empty(
                tr("TokenDialog", "Loading tokens…"),
                tr("TokenDialog", "Asking Deriv for this account's tokens."),
            )
        self._update_actions()
        self._validate_form()
        self.loading = True
        self.run(
            self.service.tokens(loginid),
            name="list-tokens",
            on_done=lambda tokens: self._loaded(generation, loginid, tokens),
            on_error=lambda error: self._load_failed(generation, loginid, error),
        )

    def _loaded(self, generation: int, loginid: str, tokens: list[ApiToken]) -> None:
        if generation != self._load_generation:
            return
        self.loading = False
        self._show_tokens(loginid, tokens)

    def _show_tokens(self, loginid: str, tokens: list[ApiToken]) -> None:
        selected = self.selected_token()
        self.model.set_tokens(tokens, in_use=self.service.signed_in_with(loginid))
        self.loaded_for = loginid
        self.show_manager()
        if selected is None or not self.select_token(selected.display_name):
            self._select_first_row()
        self._update_table_state()
        self._update_actions()
        self._validate_form()

    def _load_failed(self, generation: int, loginid: str, error: BaseException) -> None:
        if generation != self._load_generation:
            return
        self.loading = False
        if isinstance(error, PermissionDenied):
            self._show_no_admin(loginid)
        elif isinstance(error, TokensUnsupported):
            self._show_unsupported()
        else:  # nothing stale stays on screen or in the form's duplicate/limit checks
            self.model.clear()
            self.loaded_for = None
            self._show_empty(
                tr("TokenDialog", "The tokens could not be loaded"),
                describe_failure(error),
                tr("TokenDialog", "Try again"),
                NoticeIcon.WARNING,
            )
            self._update_actions()
            self._validate_form()

    def _show_no_admin(self, loginid: str) -> None:
        self.model.clear()
        self.loaded_for = None
        self.new_token.dismiss()
        self.show_notice(
            tr("TokenDialog", "This sign-in can't manage API tokens"),
            tr(
                "TokenDialog",
                "Deriv allows listing, creating and deleting API tokens only from a sign-in "
                "that holds the Admin scope. The sign-in Deriv Desktop uses for %1 doesn't "
                "hold it.\n\n"
                "To manage tokens here, log out and sign in again with an API token that has "
                "the Admin scope. You can create one on Deriv's API token page.",
            ).replace("%1", loginid),
            tr("TokenDialog", "Open Deriv's API token page"),
            lambda: self.open_link(DASHBOARD_TOKENS_URL),
        )

    def _show_unsupported(self) -> None:
        self.model.clear()
        self.loaded_for = None
        self.new_token.dismiss()
        self.set_header_visible(False)  # no account choice matters: nothing can be listed
        self.show_notice(
            tr("TokenDialog", "API tokens are managed on Deriv's website"),
            tr(
                "TokenDialog",
                "This sign-in uses Deriv's new API, which offers apps no way to list, create or "
                "delete API tokens. You can still manage them on Deriv's dashboard.",
            ),
            tr("TokenDialog", "Open Deriv's dashboard"),
            lambda: self.open_link(DASHBOARD_TOKENS_URL),
        )

    def _show_empty(
        self, title: str, body: str, action: str = "", icon: NoticeIcon = NoticeIcon.NONE
    ) -> None:
        self.empty.show_notice(title, body, action, icon)
        self.table_stack.setCurrentWidget(self.empty)

    def _update_table_state(self) -> None:
        if self.loaded_for is None:
            return
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if total == 0:
            self._show_empty(
                tr("TokenDialog", "No API tokens yet"),
                tr(
                    "TokenDialog",
                    "A token lets another app or a script act on this account within the scopes "
                    "you choose. Create one with the form on the right.",
                ),
            )
        elif shown == 0:
            self._show_empty(
                tr("TokenDialog", "No token matches"),
                tr("TokenDialog", "Change the filter to see the other tokens."),
            )
        else:
            self.table_stack.setCurrentWidget(self.table)
        self.count_label.setText(
            tr("TokenDialog", "%1 of %2 tokens")
            .replace("%1", str(total))
            .replace("%2", str(MAX_TOKENS_PER_ACCOUNT))
        )

    def _kind_changed(self, _index: int) -> None:
        self.proxy.set_kind(TokenFilter(self.kind_combo.currentData()))
        self._update_table_state()

    # ------------------------------------------------------------------ selection
    def selected_token(self) -> ApiToken | None:
        row = self._selected_source_row()
        return self.model.token_at(row) if row >= 0 else None

    def _selected_source_row(self) -> int:
        if self.table_stack.currentWidget() is not self.table:
            return -1
        rows = self.table.selectionModel().selectedRows()
        index = rows[0] if rows else QModelIndex()
        if not index.isValid():
            return -1
        return self.proxy.mapToSource(index).row()

    def select_token(self, name: str) -> bool:
        row = self.model.row_of(name)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, Column.NAME))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _select_first_row(self) -> None:
        """A row is always chosen, so Copy/Delete work straight from the keyboard."""
        first = self.proxy.index(0, Column.NAME)
        if first.isValid():
            self.table.selectionModel().setCurrentIndex(
                first,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _update_actions(self) -> None:
        token = self.selected_token()
        ready = self.loaded_for is not None and not self._busy
        has_value = token is not None and value_available(token)
        self.reveal_button.setEnabled(ready and has_value)
        self.copy_button.setEnabled(ready and has_value)
        self.copy_action.setEnabled(ready and has_value)
        self.reveal_action.setEnabled(ready and has_value)
        self.delete_button.setEnabled(ready and token is not None)
        self.delete_action.setEnabled(ready and token is not None)
        self.export_button.setEnabled(ready and self.model.rowCount() > 0)
        self.reload_button.setEnabled(not self._busy and self.service.supported)
        revealed = token is not None and self.model.is_revealed(
            self.model.row_of(token.display_name)
        )
        self.reveal_button.setText(
            tr("TokenDialog", "&Hide token") if revealed else tr("TokenDialog", "&Show token")
        )

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() == Column.TOKEN:
            self.toggle_reveal()

    # ------------------------------------------------------------------ reveal and copy
    def toggle_reveal(self) -> None:
        token = self.selected_token()
        if token is None or not value_available(token):
            return
        row = self.model.row_of(token.display_name)
        self.model.set_revealed(row, not self.model.is_revealed(row))
        self._update_actions()

    def copy_selected(self) -> None:
        token = self.selected_token()
        if token is None or self._busy:
            return
        if not value_available(token):
            self.banner.show_message(
                MessageKind.INFO,
                tr(
                    "TokenDialog",
                    "Deriv no longer shows this token's value, so it can't be copied.",
                ),
            )
            return
        self.run(self._copy_flow(token), name="copy-token")

    def copy_new_token(self) -> None:
        token = self.new_token.token
        if token is not None:
            self.run(self._copy_flow(token), name="copy-new-token")

    async def _copy_flow(self, token: ApiToken) -> None:
        if token.is_admin:
            box = ConfirmBox(
                self,
                title=tr("TokenDialog", "Copy an Admin token?"),
                text=tr(
                    "TokenDialog",
                    "Whoever gets the token “%1” can open accounts, change your settings and "
                    "create or delete tokens on this account.",
                ).replace("%1", token.display_name),
                detail=tr(
                    "TokenDialog",
                    "Paste it only into an app you trust. The clipboard is cleared after %1 "
                    "seconds.",
                ).replace("%1", str(self._clear_seconds())),
                accept_text=tr("TokenDialog", "Copy anyway"),
                cancel_text=tr("TokenDialog", "Cancel"),
            )
            self.prompt = box
            try:
                if not await ask(box):
                    return
            finally:
                self.prompt = None
        if self.closed_for_good:
            return
        self.clipboard.copy(token.token)
        self.banner.show_message(
            MessageKind.SUCCESS,
            tr(
                "TokenDialog",
                "“%1” copied. The clipboard will be cleared in %2 seconds if it still holds it.",
            )
            .replace("%1", token.display_name)
            .replace("%2", str(self._clear_seconds())),
        )

    def _clear_seconds(self) -> int:
        return max(1, round(self.clipboard.clear_after_ms / 1000))

    # ------------------------------------------------------------------ create
    def _name_edited(self, _text: str) -> None:
        self._name_touched = True
        self._server_name_error = ""
        self._validate_form()

    def _scopes_changed(self) -> None:
        self._scopes_touched = True
        self._validate_form()

    def current_name_problem(self) -> NameProblem | None:
        return check_token_name(self.name_edit.text(), self.model.tokens)

    def _validate_form(self) -> bool:
        """Show the first problem with the form and enable Create only when there is none."""
        loaded = self.loaded_for is not None
        problem = self.current_name_problem() if loaded else None
        error = self._server_name_error
        if (
            not error
            and problem is not None
            and (self._name_touched or problem.rule is NameRule.LIMIT)
        ):
            error = name_problem_text(problem)
        self.name_error.setText(error)
        self.name_error.setVisible(bool(error))
        self.name_hint.setVisible(not error)
        self.name_edit.setAccessibleDescription(error or self.name_hint.text())
        no_scopes = not self.scope_picker.scopes()
        self.scope_hint.setVisible(no_scopes and self._scopes_touched)
        valid = loaded and problem is None and not no_scopes
        self.create_button.setEnabled(valid and not self._busy)
        self.form.setEnabled(loaded and not self._busy)
        return valid

    def _return_in_name(self) -> None:
        if self.create_button.isEnabled():
            self.create_token()

    def create_token(self) -> bool:
        """Send the form to Deriv; returns whether a request was sent."""
        loginid = self.loaded_for
        if loginid is None or self._busy or not self._validate_form():
            return False
        return self.submit(
            loginid, self.name_edit.text(), self.scope_picker.scopes(), self.ip_only.isChecked()
        )

    def submit(self, loginid: str, name: str, scopes: frozenset[Scope], ip_only: bool) -> bool:
        """Ask Deriv for a new token without the form's checks (the server has the last word)."""
        if not scopes or self._busy:
            return False
        self._set_busy(True)
        self.create_button.setText(tr("TokenDialog", "Creating…"))
        self.run(
            self.service.create(loginid, name, scopes, ip_only=ip_only),
            name="create-token",
            on_done=lambda result: self._created(loginid, *result),
            on_error=lambda error: self._create_failed(loginid, error),
            read=False,
        )
        return True

    def _created(self, loginid: str, tokens: list[ApiToken], created: ApiToken | None) -> None:
        self._set_busy(False)
        self._show_tokens(loginid, tokens)
        self.name_edit.clear()
        self.scope_picker.clear()
        self.ip_only.setChecked(False)
        self._name_touched = self._scopes_touched = False
        self._validate_form()
        if created is None:
            self.banner.show_message(
                MessageKind.SUCCESS, tr("TokenDialog", "The token was created.")
            )
            return
        self.select_token(created.display_name)
        if value_available(created):
            self.new_token.show_token(created)
            self.banner.dismiss()
        else:
            self.banner.show_message(
                MessageKind.SUCCESS,
                tr("TokenDialog", "Token “%1” created.").replace("%1", created.display_name),
            )

    def _create_failed(self, loginid: str, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, PermissionDenied):
            self.banner.show_message(
                MessageKind.ERROR,
                tr("TokenDialog", "Deriv refused: %1").replace("%1", error.message),
            )
            self._show_no_admin(loginid)
        elif isinstance(error, InputValidationFailed):
            detail = error.details.get("new_token")
            if detail is not None:
                self._server_name_error = tr("TokenDialog", "Deriv refused this name: %1").replace(
                    "%1", str(detail)
                )
            else:
                self.banner.show_message(MessageKind.ERROR, describe_failure(error))
        elif isinstance(error, APITokenError):
            self._server_name_error = error.message
        else:
            self.banner.show_message(MessageKind.ERROR, describe_failure(error))
        self._validate_form()
        if self._server_name_error:
            self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        if not busy:
            self.create_button.setText(tr("TokenDialog", "&Create token"))
        self.picker.setEnabled(not busy)
        self._update_actions()
        self._validate_form()

    # ------------------------------------------------------------------ delete
    def delete_selected(self) -> None:
        token = self.selected_token()
        loginid = self.loaded_for
        if token is None or loginid is None or self._busy or self.prompt is not None:
            return
        self.run(self._delete_flow(loginid, token), name="delete-token", read=False)

    async def _delete_flow(self, loginid: str, token: ApiToken) -> None:
        in_use = self.model.is_in_use(token)
        if in_use:
            box = ConfirmBox(
                self,
                title=tr("TokenDialog", "Delete the token you are signed in with?"),
                text=tr(
                    "TokenDialog",
                    "Deriv Desktop is signed in with “%1”. Deleting it signs you out of Deriv "
                    "Desktop straight away.",
                ).replace("%1", token.display_name),
                detail=tr(
                    "TokenDialog",
                    "You will need to sign in again with another token or with your Deriv "
                    "account. Other apps using this token stop working too. This can't be "
                    "undone.",
                ),
                accept_text=tr("TokenDialog", "Delete and sign out"),
                cancel_text=tr("TokenDialog", "Cancel"),
            )
        else:
            box = ConfirmBox(
                self,
                title=tr("TokenDialog", "Delete token"),
                text=tr("TokenDialog", "Delete the token “%1”?").replace("%1", token.display_name),
                detail=tr(
                    "TokenDialog",
                    "Apps and scripts using it stop working at once. This can't be undone.",
                ),
                accept_text=tr("TokenDialog", "Yes, delete"),
                cancel_text=tr("TokenDialog", "Cancel"),
            )
        self.prompt = box
        try:
            if not await ask(box):
                return
        finally:
            self.prompt = None
        if self.closed_for_good:
            return
        self._set_busy(True)
        try:
            tokens = await self.service.delete(loginid, token)
        except (PermissionDenied, APITokenError, InputValidationFailed, ConnectionProblem) as e:
            if self.closed_for_good:
                return
            self._set_busy(False)
            self.banner.show_message(
                MessageKind.ERROR,
                tr("TokenDialog", "“%1” was not deleted: %2")
                .replace("%1", token.display_name)
                .replace("%2", describe_failure(e)),
            )
            if isinstance(e, PermissionDenied):
                self._show_no_admin(loginid)
            return
        except Exception:
            if not self.closed_for_good:
                self._set_busy(False)
            raise
        if self.closed_for_good:  # the session ended with it: the dialog has closed itself
            return
        self._set_busy(False)
        if self.new_token.token is not None and self.new_token.token.token == token.token:
            self.new_token.dismiss()
        self._show_tokens(loginid, tokens)
        self.banner.show_message(
            MessageKind.SUCCESS,
            tr("TokenDialog", "Token “%1” deleted.").replace("%1", token.display_name),
        )

    # ------------------------------------------------------------------ export
    def choose_export_path(self) -> QFileDialog | None:
        """Ask where to save the CSV (non-blocking ``open()``); the export runs when chosen."""
        loginid = self.loaded_for
        if loginid is None or self.model.rowCount() == 0:
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chooser = QFileDialog(
            self,
            tr("TokenDialog", "Export token list"),
            str(Path(folder or Path.home()) / f"deriv-tokens-{loginid}.csv"),
            tr("TokenDialog", "CSV files (*.csv)"),
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
        tokens = self.model.tokens
        text = tokens_csv(loginid, tokens, in_use=self.service.signed_in_with(loginid))
        self.run(
            write_csv(path, text),
            name="export-tokens",
            on_done=lambda written: self.banner.show_message(
                MessageKind.SUCCESS,
                tr("TokenDialog", "Saved %1 tokens (without their values) to %2")
                .replace("%1", str(len(tokens)))
                .replace("%2", str(written)),
            ),
            on_error=lambda error: self.banner.show_message(
                MessageKind.ERROR,
                tr("TokenDialog", "The file could not be saved: %1").replace(
                    "%1",
                    error.strerror
                    if isinstance(error, OSError) and error.strerror
                    else describe_failure(error),
                ),
            ),
            read=False,
        )

    # ------------------------------------------------------------------ closing
    def forget_secrets(self) -> None:
        self.new_token.dismiss()
        self.model.clear()
        if self.prompt is not None:
            self.prompt.reject()
        if self.file_dialog is not None:
            self.file_dialog.reject()

    def __repr__(self) -> str:
        return f"TokenDialog({self.loaded_for or 'nothing loaded'})"


def open_token_manager(ctx: GuiContext, parent: QWidget | None = None) -> TokenDialog:
    """Tools ▸ API tokens…: open (or raise) the token manager over ``parent``."""
    return TokenDialog.launch(ctx, parent)


__all__ = ["TokenDialog", "name_problem_text", "open_token_manager"]
