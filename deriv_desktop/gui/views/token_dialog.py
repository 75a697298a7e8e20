"""The token manager: list, create, copy and delete one account's API tokens.

Layout: the account picker on top; the token table (filterable, sortable) with its actions on
the left; the create form (``TokenCreateForm``) on the right. A new token is shown once in a
panel above the table. Loading, failures and the CSV export are the base's
(``AccountToolDialog``); this module says what is particular to tokens.

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

from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QFont, QFontDatabase, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deriv_desktop.domain.errors import APITokenError, InputValidationFailed
from deriv_desktop.domain.models import ApiToken, Scope
from deriv_desktop.gui.clipboard import SecretClipboard, secret_clipboard
from deriv_desktop.gui.context import GuiContext
from deriv_desktop.gui.mnemonics import set_keyed_text
from deriv_desktop.gui.models.tokens import (
    Column,
    TokenFilter,
    TokensFilterProxy,
    TokensModel,
    token_filter_label,
    value_available,
)
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.tool_words import token_words
from deriv_desktop.gui.views.account_tools_dialog import AccountToolDialog, ToolWording
from deriv_desktop.gui.widgets.colors import mix
from deriv_desktop.gui.widgets.confirm_box import ConfirmBox
from deriv_desktop.gui.widgets.message_bar import HUES, MessageKind
from deriv_desktop.gui.widgets.screen_fit import VerticalScroll
from deriv_desktop.gui.widgets.token_create_form import NewTokenRequest, TokenCreateForm
from deriv_desktop.services.export import tokens_csv
from deriv_desktop.services.tokens import (
    DASHBOARD_TOKENS_URL,
    MAX_TOKENS_PER_ACCOUNT,
    TokenService,
)


async def copy_token_flow(
    dialog: AccountToolDialog[Any], clipboard: SecretClipboard, token: ApiToken
) -> None:
    """Copy ``token`` (an Admin one only after a warning), to be cleared from the clipboard
    later; the dialog's banner says so. Shared by the token manager and the checkup."""
    clear_seconds = str(max(1, round(clipboard.clear_after_ms / 1000)))
    if token.is_admin:
        box = dialog.question(
            tr("TokenDialog", "Copy an Admin token?"),
            tr(
                "TokenDialog",
                "Whoever gets the token “%1” can open accounts, change your settings and "
                "create or delete tokens on this account.",
            ).replace("%1", token.display_name),
            tr(
                "TokenDialog",
                "Paste it only into an app you trust. The clipboard is cleared after %1 seconds.",
            ).replace("%1", clear_seconds),
            tr("TokenDialog", "Copy anyway"),
        )
        if not await dialog.confirm(box):
            return
    clipboard.copy(token.token)
    dialog.banner.show_message(
        MessageKind.SUCCESS,
        tr(
            "TokenDialog",
            "“%1” copied. The clipboard will be cleared in %2 seconds if it still holds it.",
        )
        .replace("%1", token.display_name)
        .replace("%2", clear_seconds),
    )


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
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.copy_button = QPushButton(tr("TokenDialog", "Copy n&ew token"), self)
        self.dismiss_button = QPushButton(tr("TokenDialog", "Do&ne"), self)
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

    def show_token(self, token: ApiToken, *, shown_again: bool) -> None:
        """``shown_again``: Deriv lists this token's value, so "Show token" can show it later;
        the note says only what is true of this token."""
        self.token = token
        self.note.setText(
            tr(
                "TokenDialog",
                "Copy it now and keep it somewhere safe. Anyone who has it can use this account "
                "within its scopes. You can show it again later with Show token.",
            )
            if shown_again
            else tr(
                "TokenDialog",
                "Copy it now and keep it somewhere safe: Deriv will not show it again.",
            )
        )
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


class TokenDialog(AccountToolDialog[ApiToken]):
    """See the module docstring."""

    SLUG = "tokens"
    DASHBOARD_URL = DASHBOARD_TOKENS_URL
    SIZE, MINIMUM_SIZE = (1180, 700), (720, 440)
    model: TokensModel
    proxy: TokensFilterProxy

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

    # ------------------------------------------------------------------ construction
    def build_page(self) -> tuple[QWidget, list[QWidget]]:
        self.model = TokensModel(self)
        self.proxy = TokensFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        page = QWidget(self)
        self.new_token = NewTokenPanel(page)
        self.new_token.copy_button.clicked.connect(self.copy_new_token)
        copy_new = QAction(self.new_token)
        copy_new.setShortcut(QKeySequence.StandardKey.Copy)
        copy_new.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy_new.triggered.connect(self.copy_new_token)
        self.new_token.addAction(copy_new)

        self.adopt_table(
            Column.NAME,
            Column.SCOPES,
            {Column.NAME: 204, Column.TOKEN: 134, Column.LAST_USED: 100, Column.IP_LOCK: 100},
        )
        self.table.horizontalHeader().setMinimumSectionSize(60)
        # A shown value is for the row it was shown on: moving on hides it again.
        self.table.selectionModel().currentRowChanged.connect(self._row_moved)
        self.table.doubleClicked.connect(self._double_clicked)
        self.copy_action = self._table_action(tr("TokenDialog", "Copy token"), self.copy_selected)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.delete_action = self._table_action(
            tr("TokenDialog", "Delete token…"), self.delete_selected
        )
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.reveal_action = self._table_action(
            tr("TokenDialog", "Show or hide token"), self.toggle_reveal
        )

        self.kind_combo = QComboBox(page)
        for kind in TokenFilter:
            self.kind_combo.addItem(token_filter_label(kind), kind.value)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        kind_label = QLabel(tr("TokenDialog", "Sho&w:"), page)
        kind_label.setBuddy(self.kind_combo)
        show = QWidget(page)
        show_row = QHBoxLayout(show)
        show_row.setContentsMargins(0, 0, 0, 0)
        show_row.setSpacing(8)
        show_row.addWidget(kind_label)
        show_row.addWidget(self.kind_combo)

        self.reveal_button = QPushButton(tr("TokenDialog", "&Show token"), page)
        self.reveal_button.clicked.connect(self.toggle_reveal)
        self.copy_button = QPushButton(tr("TokenDialog", "Cop&y"), page)
        self.copy_button.setToolTip(tr("TokenDialog", "Copy the selected token (Ctrl+C)"))
        self.copy_button.clicked.connect(self.copy_selected)
        self.delete_button = QPushButton(tr("TokenDialog", "&Delete…"), page)
        self.delete_button.setToolTip(tr("TokenDialog", "Delete the selected token (Delete)"))
        self.delete_button.clicked.connect(self.delete_selected)
        left = self.list_column(
            page,
            filter_hint=tr("TokenDialog", "Name, scope or IP address"),
            beside_filter=show,
            buttons=[self.reveal_button, self.copy_button, self.delete_button],
        )
        self.export_button.setToolTip(
            tr("TokenDialog", "Save names, scopes and dates as CSV; token values are left out")
        )

        self.form = TokenCreateForm(page)
        self.form.createRequested.connect(self._create_requested)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addLayout(left, 1)
        # The form scrolls rather than squeezing its scope descriptions on a short window.
        self.form_scroll = VerticalScroll(self.form, page)
        columns.addWidget(self.form_scroll)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.new_token)
        layout.addLayout(columns, 1)
        return page, [
            self.new_token.copy_button,
            self.new_token.dismiss_button,
            self.filter_edit,
            self.kind_combo,
            *self.table_stack.tab_stops(),
            self.reveal_button,
            self.copy_button,
            self.delete_button,
            self.export_button,
            *self.form.focus_chain(),
        ]

    def _table_action(self, text: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.table)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.table.addAction(action)
        return action

    # ------------------------------------------------------------------ what the base asks
    def wording(self) -> ToolWording:
        return token_words()

    def list_call(self, loginid: str) -> Coroutine[Any, Any, list[ApiToken]]:
        return self.service.tokens(loginid)

    def fill(self, loginid: str, rows: list[ApiToken]) -> None:
        self.model.set_tokens(rows, in_use=self.service.signed_in_with(loginid))

    def empty_text(self, total: int, shown: int) -> tuple[str, str] | None:
        if total == 0:
            return (
                tr("TokenDialog", "No API tokens yet"),
                tr(
                    "TokenDialog",
                    "A token lets another app or a script act on this account within the scopes "
                    "you choose. Create one with the form on the right.",
                ),
            )
        if shown == 0:
            return (
                tr("TokenDialog", "No token matches"),
                tr("TokenDialog", "Change the filter to see the other tokens."),
            )
        return None

    def count_text(self, total: int, shown: int) -> str:
        return (
            tr("TokenDialog", "%1 of %2 tokens")
            .replace("%1", str(total))
            .replace("%2", str(MAX_TOKENS_PER_ACCOUNT))
        )

    def export_csv(self, loginid: str) -> tuple[str, int]:
        tokens = self.model.tokens
        return tokens_csv(loginid, tokens, in_use=self.service.signed_in_with(loginid)), len(tokens)

    def before_list(self, loginid: str) -> bool:
        if self.service.lacks_admin(loginid):  # known from authorize: no request is even sent
            self.permission_lost(loginid)
            return False
        return True

    def permission_lost(self, loginid: str) -> None:
        """Without Admin every button here would fail: explain instead, with the way out."""
        self.forget_list(leaving_account=True)
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

    def forget_list(self, *, leaving_account: bool = False) -> None:
        super().forget_list(leaving_account=leaving_account)
        if leaving_account:  # the one-time token belongs to the account being left
            self.new_token.dismiss()
        self.form.set_existing(None)

    def update_actions(self) -> None:
        super().update_actions()
        token = self.selected_token()
        ready = self.loaded_for is not None and not self._busy
        has_value = ready and token is not None and value_available(token)
        for widget in (self.reveal_button, self.copy_button, self.copy_action, self.reveal_action):
            widget.setEnabled(has_value)
        hidden_for_good = ready and token is not None and not value_available(token)
        self.reveal_button.setToolTip(
            tr("TokenDialog", "Deriv shows a token's value only once, when it is created.")
            if hidden_for_good
            else tr("TokenDialog", "Show or hide the selected token's value")
        )
        self.delete_button.setEnabled(ready and token is not None)
        self.delete_action.setEnabled(ready and token is not None)
        revealed = token is not None and self.model.is_revealed(
            self.model.row_of(token.display_name)
        )
        set_keyed_text(
            self.reveal_button,
            tr("TokenDialog", "&Hide token") if revealed else tr("TokenDialog", "&Show token"),
        )
        self.form.set_existing(self.model.tokens if self.loaded_for is not None else None)

    def set_busy(self, busy: bool, *, creating: bool = False) -> None:
        self.form.set_busy(busy, creating=creating)
        super().set_busy(busy)

    def forget_secrets(self) -> None:
        self.new_token.dismiss()
        self.model.clear()
        super().forget_secrets()

    # ------------------------------------------------------------------ table
    def _kind_changed(self, _index: int) -> None:
        self.proxy.set_kind(TokenFilter(self.kind_combo.currentData()))
        self.update_table_state()

    def selected_token(self) -> ApiToken | None:
        return self.selected_record()

    def select_token(self, name: str) -> bool:
        return self.table_stack.select_source_row(self.model.row_of(name))

    def _row_moved(self, *_rows: QModelIndex) -> None:
        self.model.hide_all()
        self.update_actions()

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
        self.update_actions()

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
        await copy_token_flow(self, self.clipboard, token)

    # ------------------------------------------------------------------ create
    def create_token(self) -> bool:
        """Send the form to Deriv if it is valid; returns whether a request was sent."""
        return self.form.submit()

    def _create_requested(self, request: NewTokenRequest) -> None:
        if self.loaded_for is not None:
            self.submit(self.loaded_for, request.name, request.scopes, request.ip_only)

    def submit(self, loginid: str, name: str, scopes: frozenset[Scope], ip_only: bool) -> bool:
        """Ask Deriv for a new token without the form's checks (the server has the last word)."""
        if not scopes or self._busy:
            return False
        self.set_busy(True, creating=True)
        self.run(
            self.service.create(loginid, name, scopes, ip_only=ip_only),
            name="create-token",
            on_done=lambda result: self._created(loginid, *result),
            on_error=lambda error: self._create_failed(loginid, error),
            read=False,
        )
        return True

    def _created(self, loginid: str, tokens: list[ApiToken], created: ApiToken | None) -> None:
        self.set_busy(False)
        self.show_list(loginid, tokens)
        self.form.reset()
        if created is None:
            self.banner.show_message(
                MessageKind.SUCCESS, tr("TokenDialog", "The token was created.")
            )
            return
        self.select_token(created.display_name)
        if value_available(created):
            listed = next((t for t in tokens if t.display_name == created.display_name), None)
            again = listed is not None and value_available(listed)
            self.new_token.show_token(created, shown_again=again)
            self.banner.dismiss()
        else:
            self.banner.show_message(
                MessageKind.SUCCESS,
                tr("TokenDialog", "Token “%1” created.").replace("%1", created.display_name),
            )

    def _create_failed(self, loginid: str, error: BaseException) -> None:
        """A refused name goes under the name field; anything else to ``show_failure``."""
        self.set_busy(False)
        about_name = isinstance(error, APITokenError) or (
            isinstance(error, InputValidationFailed) and "new_token" in error.details
        )
        if about_name:
            self.form.show_server_error(self.failure_text(error))
        else:
            self.show_failure(error, loginid)

    # ------------------------------------------------------------------ delete
    def delete_selected(self) -> None:
        self.change_selected(self._delete_question, self.service.delete, self._deleted)

    def _delete_question(self, token: ApiToken) -> ConfirmBox:
        if self.model.is_in_use(token):
            return self.question(
                tr("TokenDialog", "Delete the token you are signed in with?"),
                tr(
                    "TokenDialog",
                    "Deriv Desktop is signed in with “%1”. Deleting it signs you out of Deriv "
                    "Desktop straight away.",
                ).replace("%1", token.display_name),
                tr(
                    "TokenDialog",
                    "You will need to sign in again with another token or with your Deriv "
                    "account. Other apps using this token stop working too. This can't be "
                    "undone.",
                ),
                tr("TokenDialog", "Delete and sign out"),
            )
        return self.question(
            tr("TokenDialog", "Delete token"),
            tr("TokenDialog", "Delete the token “%1”?").replace("%1", token.display_name),
            tr(
                "TokenDialog",
                "Apps and scripts using it stop working at once. This can't be undone.",
            ),
            tr("TokenDialog", "Yes, delete"),
        )

    def _deleted(self, loginid: str, token: ApiToken, tokens: list[ApiToken]) -> None:
        if self.new_token.token is not None and self.new_token.token.token == token.token:
            self.new_token.dismiss()
        self.show_list(loginid, tokens)
        self.banner.show_message(
            MessageKind.SUCCESS,
            tr("TokenDialog", "Token “%1” deleted.").replace("%1", token.display_name),
        )


def open_token_manager(ctx: GuiContext, parent: QWidget | None = None) -> TokenDialog:
    """Tools ▸ API tokens…: open (or raise) the token manager over ``parent``."""
    return TokenDialog.launch(ctx, parent)


__all__ = ["NewTokenPanel", "TokenDialog", "copy_token_flow", "open_token_manager"]
