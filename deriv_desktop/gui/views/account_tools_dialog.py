"""What the token manager and the connected-apps dialog share.

An account picker (tokens and apps belong to one account), a message bar for outcomes, a page
stack with a full-page notice for the cases where the buttons could only fail, the list of one
account's records (``RecordTable``) with its filter, count and CSV export, and the plumbing that
keeps asynchronous work safe around a dialog that may close at any moment:

* every call runs on the GUI task registry; callbacks do nothing once the dialog has closed;
* the list is loaded by one ``reload`` with a generation counter: a late reply for an account
  (or a reload) that is no longer the current one is dropped;
* reads are cancelled when the dialog closes, changes (create, delete, revoke) are left to
  finish, so the session is never left half signed out;
* when the session ends (a deleted token or revoked app was this app's own), the dialog closes;
* every failure is shown by ``show_failure`` in words from ``failure_text``, with a way out.

Subclasses say only what differs: which call lists the records, how they fill the model, which
notices and columns they show, which rows the CSV gets. Dialogs are window-modal and shown with
``open()``; questions and the file chooser too (never ``exec()``); ``launch`` keeps one per kind.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Generic, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from deriv_desktop.domain.errors import (
    APITokenError,
    DerivError,
    InputValidationFailed,
    PermissionDenied,
)
from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.gui.context import GuiContext
from deriv_desktop.gui.focus_chain import chain_tabs
from deriv_desktop.gui.mnemonics import give_mnemonics
from deriv_desktop.gui.models.tokens import TextFilterProxy
from deriv_desktop.gui.problem_text import describe
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.account_picker import AccountPicker
from deriv_desktop.gui.widgets.confirm_box import ConfirmBox, ask
from deriv_desktop.gui.widgets.message_bar import MessageBar, MessageKind
from deriv_desktop.gui.widgets.notice_panel import NoticeIcon, NoticePanel
from deriv_desktop.gui.widgets.record_table import RecordTable
from deriv_desktop.gui.widgets.screen_fit import fit_to_screen
from deriv_desktop.services.export import write_csv
from deriv_desktop.services.tokens import TokenService, TokensUnsupported

T = TypeVar("T")
RowT = TypeVar("RowT")
RowT_co = TypeVar("RowT_co", covariant=True)
D = TypeVar("D", bound="AccountToolDialog[Any]")
log = logging.getLogger(__name__)


class Records(Protocol[RowT_co]):
    """What the base needs of a subclass's table model."""

    def clear(self) -> None: ...

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ...) -> int: ...

    def record_at(self, row: int) -> RowT_co | None: ...

    def row_like(self, record: Any) -> int:
        """The row of the record that stands for ``record`` now (same name or id), or -1."""
        ...


@dataclass(frozen=True)
class ToolWording:
    """The sentences that differ between the two dialogs, already translated."""

    title: str  # the window's, and the table's accessible name
    this_app: str  # the marker after the name of the record this app uses
    change_failed: str  # a delete or revoke failed: %1 the record's name, %2 why
    loading: tuple[str, str]  # title and body in the table's place while the list loads
    load_failed: str  # title in the table's place when it could not be loaded
    no_account: str  # body of the page shown when no account can be chosen
    export_title: str  # the file chooser's title
    export_saved: str  # after an export: %1 rows saved to %2


def _as_is(reason: str) -> str:
    return reason


def _default_parent() -> QWidget | None:
    active = QApplication.activeWindow()
    if active is not None:
        return active
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow) and widget.isVisible():
            return widget
    return None


class AccountToolDialog(QDialog, Generic[RowT]):
    """Base of the two dialogs; see the module docstring for what a subclass provides."""

    MANAGER_PAGE, NOTICE_PAGE = 0, 1
    #: In task names and the suggested file name (``deriv-<SLUG>-<loginid>.csv``).
    SLUG: ClassVar[str] = ""
    #: Where Deriv's own page for these records is, for backends without the calls.
    DASHBOARD_URL: ClassVar[str] = ""
    SIZE: ClassVar[tuple[int, int]] = (900, 560)
    MINIMUM_SIZE: ClassVar[tuple[int, int]] = (600, 400)

    model: Records[RowT]
    proxy: TextFilterProxy

    def __init__(
        self,
        ctx: GuiContext,
        *,
        service: TokenService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = service or ctx.tokens
        self.closed_for_good = False
        self.started = False
        self.loading = False  # a list request is in flight
        self.loaded_for: str | None = None  # the account whose list the table shows
        self.prompt: ConfirmBox | None = None
        self.file_dialog: QFileDialog | None = None
        self._busy = False  # a change is on its way
        self._load_generation = 0
        self._reads: set[asyncio.Task[Any]] = set()
        self._notice_action: Callable[[], None] | None = None
        self.waiting_for_link = False  # the list was not asked for (or failed): offline
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        self.picker = AccountPicker(self)
        self.picker_label = QLabel(tr("AccountToolDialog", "Acc&ount:"), self)
        self.picker_label.setBuddy(self.picker)
        self.reload_button = QPushButton(tr("AccountToolDialog", "Re&load"), self)
        self.reload_button.setToolTip(tr("AccountToolDialog", "Fetch the list again (F5)"))
        self.reload_button.clicked.connect(self.reload)
        reload_action = QAction(self)
        reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        reload_action.triggered.connect(self.reload)
        self.addAction(reload_action)
        self.banner = MessageBar(self)
        self.pages = QStackedWidget(self)
        self.notice = NoticePanel(self)
        self.notice.actionTriggered.connect(self._notice_clicked)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        self._unlink = [ctx.session.signed_out.connect(self._signed_out)]
        ctx.bridge.accountsChanged.connect(self._accounts_changed)
        ctx.bridge.linkChanged.connect(self._link_changed)
        self.picker.accountChosen.connect(self._account_chosen)

        self.setWindowTitle(self.wording().title)
        self._assemble(*self.build_page())
        fit_to_screen(self, QSize(*self.SIZE), QSize(*self.MINIMUM_SIZE))

    # ------------------------------------------------------------------ what a subclass says
    def build_page(self) -> tuple[QWidget, list[QWidget]]:  # pragma: no cover - overridden
        """Create ``model`` and ``proxy``, then the main page (with ``adopt_table`` and
        ``list_column``); returns it with its widgets in Tab order, as they read on screen (the
        table as ``table_stack.tab_stops()``). Called once, by ``__init__``."""
        raise NotImplementedError

    def wording(self) -> ToolWording:  # pragma: no cover - overridden
        raise NotImplementedError

    def list_call(self, loginid: str) -> Coroutine[Any, Any, list[RowT]]:  # pragma: no cover
        raise NotImplementedError

    def fill(self, loginid: str, rows: list[RowT]) -> None:  # pragma: no cover - overridden
        """Put ``rows`` into the model."""
        raise NotImplementedError

    def empty_text(self, total: int, shown: int) -> tuple[str, str] | None:  # pragma: no cover
        """Title and body in the table's place when no row shows; None when rows show."""
        raise NotImplementedError

    def count_text(self, total: int, shown: int) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def export_csv(self, loginid: str) -> tuple[str, int]:  # pragma: no cover - overridden
        """The CSV text of the shown account's records (never a token value) and its row count."""
        raise NotImplementedError

    def before_list(self, loginid: str) -> bool:
        """Called before the list is asked for; False when it must not be (the page says why)."""
        return True

    def permission_lost(self, loginid: str) -> None:
        """Deriv refused for lack of a scope: hide or explain what can no longer work."""

    def forget_list(self, *, leaving_account: bool = False) -> None:
        """Nothing of the old list stays on screen; ``leaving_account`` drops the rest too."""
        self.model.clear()
        self.loaded_for = None

    def forget_secrets(self) -> None:
        """Drop token values from widgets before the dialog goes away (extend as needed)."""
        if self.prompt is not None:
            self.prompt.reject()
        if self.file_dialog is not None:
            self.file_dialog.reject()

    # ------------------------------------------------------------------ layout
    def adopt_table(self, name_column: int, scopes_column: int, widths: dict[int, int]) -> None:
        """Build the dialog's table over ``proxy``; selection and filter changes refresh the
        buttons. ``widths`` are the columns' starting widths; the scopes column stretches."""
        wording = self.wording()
        table = RecordTable(
            self,
            self.proxy,
            name_column=name_column,
            scopes_column=scopes_column,
            marker_text=wording.this_app,
            accessible_name=wording.title,
            widths=widths,
        )
        self.table_stack = table
        self.table = table.table
        self.empty = table.empty
        self.empty.actionTriggered.connect(self.reload)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(lambda *_: self.update_actions())
        selection.selectionChanged.connect(lambda *_: self.update_actions())
        for signal in (self.proxy.modelReset, self.proxy.rowsInserted, self.proxy.rowsRemoved):
            signal.connect(self.update_table_state)

    def list_column(
        self,
        page: QWidget,
        *,
        filter_hint: str,
        beside_filter: QWidget,
        buttons: Sequence[QWidget],
        above_table: QLayout | None = None,
    ) -> QVBoxLayout:
        """Filter row, the table, then the row buttons with the count and Export at the end."""
        self.filter_edit = QLineEdit(page)
        self.filter_edit.setPlaceholderText(filter_hint)
        self.filter_edit.setClearButtonEnabled(True)
        # Room to read what is typed, even when a narrow window squeezes the row.
        self.filter_edit.setMinimumWidth(self.filter_edit.fontMetrics().averageCharWidth() * 16)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.filter_edit.textChanged.connect(lambda _t: self.update_table_state())
        filter_label = QLabel(tr("AccountToolDialog", "&Filter:"), page)
        filter_label.setBuddy(self.filter_edit)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(filter_label)
        filters.addWidget(self.filter_edit, 1)
        # The other filter on a row of its own: both on one row do not fit a narrow window.
        choices = QHBoxLayout()
        choices.addWidget(beside_filter)
        choices.addStretch(1)

        self.export_button = QPushButton(tr("AccountToolDialog", "E&xport CSV…"), page)
        self.export_button.clicked.connect(self.choose_export_path)
        self.count_label = QLabel(page)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        for button in buttons:
            actions.addWidget(button)
        actions.addStretch(1)
        # The count and Export on a row of their own: one row of everything does not fit a
        # narrow window in French.
        footer = QHBoxLayout()
        footer.setSpacing(8)
        footer.addWidget(self.count_label)
        footer.addStretch(1)
        footer.addWidget(self.export_button)

        column = QVBoxLayout()
        column.setSpacing(8)
        column.addLayout(filters)
        column.addLayout(choices)
        if above_table is not None:
            column.addLayout(above_table)
        column.addWidget(self.table_stack, 1)
        column.addLayout(actions)
        column.addLayout(footer)
        return column

    def _assemble(self, main_page: QWidget, tab_chain: Sequence[QWidget]) -> None:
        """Header (account, Reload), message bar, the pages, Close. Tab goes the same way: the
        header, the message bar's Dismiss, ``tab_chain`` (the main page) or the notice page's
        button in its place, then Close."""
        header = QHBoxLayout()
        header.setSpacing(8)
        header.addWidget(self.picker_label)
        header.addWidget(self.picker)
        header.addStretch(1)
        header.addWidget(self.reload_button)
        self.pages.addWidget(main_page)
        self.pages.addWidget(self.notice)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        chain_tabs(
            [
                self.picker,
                self.reload_button,
                self.banner.close_button,
                *tab_chain,
                self.notice.action,
                *self.buttons.buttons(),
            ]
        )
        for button in self.findChildren(QPushButton):  # Return never presses a button by accident
            button.setAutoDefault(False)
            button.setDefault(False)
        self.update_actions()

    def set_header_visible(self, visible: bool) -> None:
        for widget in (self.picker_label, self.picker, self.reload_button):
            widget.setVisible(visible)

    # ------------------------------------------------------------------ accounts
    @property
    def loginid(self) -> str | None:
        return self.picker.current_loginid()

    def fill_accounts(self) -> None:
        state = self.ctx.state
        self.picker.set_accounts(self.service.accounts(), state.currencies, state.active)

    def _accounts_changed(self) -> None:
        if not self.closed_for_good:
            self.fill_accounts()  # a different choice re-loads through accountChosen

    def _account_chosen(self, _loginid: str) -> None:
        if self.started and not self.closed_for_good:
            self.banner.dismiss()
            self.reload()

    def start(self) -> None:
        """Fill the account list (the active account first choice) and load its data."""
        self.fill_accounts()
        self.started = True
        self.reload()

    # ------------------------------------------------------------------ loading
    def reload(self) -> None:
        """Ask for the chosen account's list; any earlier request's reply will be dropped."""
        if self.closed_for_good:
            return
        self.cancel_reads()
        self.loading = False
        self._load_generation += 1
        generation = self._load_generation
        loginid = self.loginid
        if not self.service.supported:
            self.show_unsupported()
            return
        if loginid is None:
            self.show_notice(
                tr("AccountToolDialog", "No account to manage"), self.wording().no_account
            )
            return
        if not self.before_list(loginid):
            return
        self.show_manager()
        if not self.ctx.state.link.online:
            # The session knows it is offline: say so now rather than wait for a timeout,
            # and load by itself once the link is back (``_link_changed``).
            self.waiting_for_link = True
            if self.loaded_for != loginid:
                self.forget_list(leaving_account=True)
            self.table_stack.show_empty(
                tr("AccountToolDialog", "Offline"),
                tr(
                    "AccountToolDialog",
                    "Deriv Desktop is not connected to Deriv right now. The list loads by "
                    "itself as soon as the connection is back.",
                ),
                icon=NoticeIcon.WARNING,
            )
            self.update_actions()
            return
        self.waiting_for_link = False
        if self.loaded_for != loginid:  # a different account: nothing of the old list stays
            self.forget_list(leaving_account=True)
            self.table_stack.show_empty(*self.wording().loading)
        self.update_actions()
        self.loading = True
        self.run(
            self.list_call(loginid),
            name=f"list-{self.SLUG}",
            on_done=lambda rows: self._listed(generation, loginid, rows),
            on_error=lambda error: self._list_failed(generation, loginid, error),
        )

    def _link_changed(self, link: object) -> None:
        """Back online after an offline notice or a failed load: fetch the list again."""
        if self.closed_for_good or not self.started or not self.ctx.state.link.online:
            return
        if self.waiting_for_link:
            self.reload()

    def _current(self, generation: int) -> bool:
        """Whether a reply belongs to the latest request (which then is no longer loading)."""
        if generation != self._load_generation:
            return False
        self.loading = False
        return True

    def _listed(self, generation: int, loginid: str, rows: list[RowT]) -> None:
        if self._current(generation):
            self.show_list(loginid, rows)

    def _list_failed(self, generation: int, loginid: str, error: BaseException) -> None:
        if self._current(generation):
            self.show_failure(error, loginid, list_failed=True)

    def show_list(self, loginid: str, rows: list[RowT]) -> None:
        """Show ``rows`` as ``loginid``'s list, keeping the selected record selected; when it
        is gone (deleted, revoked) nothing is selected, so a repeated Delete cannot hit the row
        that moved into its place. A fresh list starts on its first row."""
        kept = self.selected_record()
        self.fill(loginid, rows)
        self.loaded_for = loginid
        self.show_manager()
        if kept is None:
            self.table_stack.select_first_row()
        elif not self.table_stack.select_source_row(self.model.row_like(kept)):
            self.table_stack.select_none()
        self.update_table_state()
        self.update_actions()

    def selected_record(self) -> RowT | None:
        row = self.table_stack.selected_source_row()
        return self.model.record_at(row) if row >= 0 else None

    def update_table_state(self) -> None:
        """The table, or a notice in its place when no row shows; the count below it."""
        if self.loaded_for is None:
            return
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        empty = self.empty_text(total, shown)
        if empty is None:
            self.table_stack.show_table()
        else:
            self.table_stack.show_empty(*empty)
        self.count_label.setText(self.count_text(total, shown))

    def update_actions(self) -> None:
        """Enable what can work now (subclasses add their row buttons)."""
        ready = self.loaded_for is not None and not self._busy
        self.export_button.setEnabled(ready and self.model.rowCount() > 0)
        self.reload_button.setEnabled(not self._busy and self.service.supported)
        self.picker.setEnabled(not self._busy and self.service.supported)

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.update_actions()

    # ------------------------------------------------------------------ failures and notices
    def failure_text(self, error: BaseException) -> str:
        """The one sentence both dialogs show for ``error``: the app's words for its problem
        (``gui/problem_text.py``); Deriv's own reason for a refused name (Deriv answers in the
        interface's language), the system's for a file that could not be written."""
        if isinstance(error, InputValidationFailed) and "new_token" in error.details:
            return tr("AccountToolDialog", "Deriv refused this name: %1").replace(
                "%1", str(error.details["new_token"])
            )
        if isinstance(error, APITokenError):  # which rule a token broke: only Deriv knows
            return str(error.message)
        if isinstance(error, OSError) and not isinstance(error, DerivError) and error.strerror:
            return error.strerror
        return describe(error)

    def show_failure(
        self,
        error: BaseException,
        loginid: str | None = None,
        *,
        say: Callable[[str], str] = _as_is,
        list_failed: bool = False,
    ) -> None:
        """Show what went wrong, in words from ``failure_text``, with a way out:

        * a backend without these calls: the full page leading to Deriv's dashboard;
        * a scope Deriv found missing: ``permission_lost`` (the token manager's full page says
          to sign in again with an Admin token; the apps dialog's note says where else to go);
        * a list that could not be loaded: in the table's place, with Try again;
        * anything else: the message bar, ``say`` putting the reason in its sentence.
        """
        if isinstance(error, TokensUnsupported):
            self.show_unsupported()
            return
        reason = self.failure_text(error)
        if not list_failed:
            self.banner.show_message(MessageKind.ERROR, say(reason))
        if isinstance(error, PermissionDenied) and loginid is not None:
            self.permission_lost(loginid)
        if list_failed and not self.showing_notice:
            self.waiting_for_link = True  # a reconnect will try again by itself
            self.forget_list()
            self.table_stack.show_empty(
                self.wording().load_failed,
                reason,
                tr("AccountToolDialog", "Try again"),
                NoticeIcon.WARNING,
            )
            self.update_actions()

    def show_unsupported(self) -> None:
        """No calls for this on this backend: nothing to choose or list, only the dashboard."""
        self.forget_list(leaving_account=True)
        self.set_header_visible(False)
        self.show_notice(
            tr("AccountToolDialog", "Managed on Deriv's website"),
            describe(Problem(ProblemKind.TOKENS_UNSUPPORTED)),
            tr("AccountToolDialog", "Open Deriv's dashboard"),
            lambda: self.open_link(self.DASHBOARD_URL),
        )

    def show_notice(
        self,
        title: str,
        body: str,
        action: str = "",
        on_action: Callable[[], None] | None = None,
        icon: NoticeIcon = NoticeIcon.INFO,
    ) -> None:
        self.notice.show_notice(title, body, action, icon)
        self._notice_action = on_action
        self.pages.setCurrentIndex(self.NOTICE_PAGE)

    def show_manager(self) -> None:
        self.pages.setCurrentIndex(self.MANAGER_PAGE)

    @property
    def showing_notice(self) -> bool:
        return self.pages.currentIndex() == self.NOTICE_PAGE

    def _notice_clicked(self) -> None:
        if self._notice_action is not None:
            self._notice_action()

    def open_link(self, url: str) -> None:
        if not self.ctx.open_url(url):
            self.banner.show_message(
                MessageKind.WARNING,
                tr(
                    "AccountToolDialog", "The browser could not be opened. The address is %1"
                ).replace("%1", url),
            )

    # ------------------------------------------------------------------ running work
    def run(
        self,
        coro: Coroutine[Any, Any, T],
        *,
        name: str,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        read: bool = True,
    ) -> asyncio.Task[T]:
        """Run ``coro`` on the task registry; callbacks are skipped once the dialog has closed.

        ``read=True`` work is cancelled when the dialog closes; changes are allowed to finish.
        """

        def done(value: T) -> None:
            if not self.closed_for_good and on_done is not None:
                on_done(value)

        def failed(error: BaseException) -> None:
            if self.closed_for_good:
                log.info("%s failed after its dialog closed: %s", name, type(error).__name__)
                return
            if on_error is not None:
                on_error(error)
            else:
                log.error("%s failed", name, exc_info=error)
                self.show_failure(error)

        task = self.ctx.tasks.spawn(coro, name=name, on_done=done, on_error=failed)
        if read:
            self._reads.add(task)
            task.add_done_callback(self._reads.discard)
        return task

    def cancel_reads(self) -> None:
        for task in list(self._reads):
            task.cancel()

    async def confirm(self, box: ConfirmBox) -> bool:
        """Ask ``box`` (awaited through ``open()``); False if declined or the dialog closed."""
        self.prompt = box
        try:
            accepted = await ask(box)
        finally:
            self.prompt = None
        return accepted and not self.closed_for_good

    def question(self, title: str, text: str, detail: str, accept: str) -> ConfirmBox:
        """A window-modal question of this dialog, its safe answer worded by ``wording``."""
        return ConfirmBox(
            self,
            title=title,
            text=text,
            detail=detail,
            accept_text=accept,
            cancel_text=tr("AccountToolDialog", "Cancel"),  # the safe answer, in both dialogs
        )

    def change_selected(
        self,
        question: Callable[[RowT], ConfirmBox],
        call: Callable[[str, RowT], Coroutine[Any, Any, T]],
        done: Callable[[str, RowT, T], None],
    ) -> None:
        """Ask ``question`` about the selected record; if accepted, ``call`` makes the change
        with the dialog busy, then ``done`` shows the outcome.

        One change or question at a time. A refusal goes to ``show_failure``, in the
        ``change_failed`` sentence. When the change ended the session, the dialog has closed
        itself and ``done`` is not called.
        """
        row, loginid = self.table_stack.selected_source_row(), self.loaded_for
        record = self.model.record_at(row) if row >= 0 else None
        if record is None or loginid is None or self._busy or self.prompt is not None:
            return
        failed = self.wording().change_failed.replace("%1", self.table_stack.name_of(row))

        async def flow() -> None:
            if not await self.confirm(question(record)):
                return
            self.set_busy(True)
            try:
                result = await call(loginid, record)
            except DerivError as error:
                if not self.closed_for_good:
                    self.set_busy(False)
                    self.show_failure(error, loginid, say=lambda why: failed.replace("%2", why))
                return
            except Exception:
                if not self.closed_for_good:
                    self.set_busy(False)
                raise
            if not self.closed_for_good:  # a change that ended the session closed the dialog
                self.set_busy(False)
                done(loginid, record, result)

        name = getattr(call, "__name__", "change")  # "delete", "revoke"
        self.run(flow(), name=f"{name}-{self.SLUG}", read=False)

    # ------------------------------------------------------------------ export
    def choose_export_path(self) -> QFileDialog | None:
        """Ask where to save the CSV (non-blocking ``open()``); the export runs when chosen."""
        loginid = self.loaded_for
        if loginid is None or self.model.rowCount() == 0:
            return None
        return self.save_file_dialog(
            self.wording().export_title,
            f"deriv-{self.SLUG}-{loginid}.csv",
            tr("AccountToolDialog", "CSV files (*.csv)"),
            lambda path: self.export_to(path),
        )

    def save_file_dialog(
        self, title: str, file_name: str, file_filter: str, on_chosen: Callable[[Path], None]
    ) -> QFileDialog:
        """A "save as" chooser in the Documents folder, opened with ``open()``."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chooser = QFileDialog(
            self, title, str(Path(folder or Path.home()) / file_name), file_filter
        )
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setDefaultSuffix(Path(file_name).suffix.lstrip("."))
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(lambda path: on_chosen(Path(path)))
        chooser.finished.connect(lambda _code: setattr(self, "file_dialog", None))
        self.file_dialog = chooser
        chooser.open()
        return chooser

    def export_to(self, path: Path) -> None:
        """Write the shown list to ``path`` in a worker thread and say how it went."""
        loginid = self.loaded_for
        if loginid is None:
            return
        text, count = self.export_csv(loginid)
        saved = self.wording().export_saved.replace("%1", str(count))
        self.write_export(path, text, saved, loginid)

    def write_export(
        self,
        path: Path,
        text: str,
        saved: str,
        loginid: str | None = None,
        *,
        encoding: str = "utf-8-sig",
    ) -> None:
        """Write ``text`` in a worker thread; then ``saved`` (%2: the path) or why not."""
        self.run(
            write_csv(path, text, encoding=encoding),
            name=f"export-{self.SLUG}",
            on_done=lambda written: self.banner.show_message(
                MessageKind.SUCCESS, saved.replace("%2", str(written))
            ),
            on_error=lambda error: self.show_failure(
                error,
                loginid,
                say=lambda reason: tr(
                    "AccountToolDialog", "The file could not be saved: %1"
                ).replace("%1", reason),
            ),
            read=False,
        )

    # ------------------------------------------------------------------ closing
    def _signed_out(self, _key: str) -> None:
        """The session ended (maybe by our own delete/revoke): nothing left to manage here."""
        if not self.closed_for_good:
            log.info("session ended; closing %s", type(self).__name__)
            self.reject()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        give_mnemonics(self)

    def done(self, result: int) -> None:
        if not self.closed_for_good:
            self.closed_for_good = True
            self.cancel_reads()
            for unlink in self._unlink:
                unlink()
            self._unlink.clear()
            with contextlib.suppress(RuntimeError, TypeError):
                self.ctx.bridge.accountsChanged.disconnect(self._accounts_changed)
            self.forget_secrets()
        super().done(result)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.loaded_for or 'nothing loaded'})"

    @classmethod
    def launch(cls: type[D], ctx: GuiContext, parent: QWidget | None = None, **kwargs: Any) -> D:
        """Open this dialog window-modally over ``parent`` (or the active window); if one is
        already open, bring it to the front instead."""
        key = f"dialog:{cls.__name__}"
        existing = ctx.open_dialogs.get(key)
        if (
            isinstance(existing, cls)
            and shiboken6.isValid(existing)
            and not existing.closed_for_good
        ):
            existing.raise_()
            existing.activateWindow()
            return existing
        dialog = cls(ctx, parent=parent if parent is not None else _default_parent(), **kwargs)
        ctx.open_dialogs[key] = dialog
        dialog.open()
        dialog.start()
        return dialog
