"""What the token manager and the connected-apps dialog share.

An account picker (tokens and apps belong to one account), a message bar for outcomes, a page
stack with a full-page notice for the cases where the buttons could only fail, and the plumbing
that keeps asynchronous work safe around a dialog that may close at any moment:

* every call runs on the GUI task registry; callbacks do nothing once the dialog has closed;
* reads are cancelled when the dialog closes, changes (create, delete, revoke) are left to
  finish, so the session is never left half signed out;
* when the session ends (a deleted token or revoked app was this app's own), the dialog closes.

Dialogs are window-modal and shown with ``open()``; ``launch`` keeps one per kind.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from deriv_desktop.domain.errors import ApiError, ConnectionProblem, DerivError
from deriv_desktop.gui.context import GuiContext
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.account_picker import AccountPicker
from deriv_desktop.gui.widgets.message_bar import MessageBar, MessageKind
from deriv_desktop.gui.widgets.notice_panel import NoticeIcon, NoticePanel
from deriv_desktop.services.tokens import TokenService

T = TypeVar("T")
D = TypeVar("D", bound="AccountToolDialog")
log = logging.getLogger(__name__)


def describe_failure(error: BaseException) -> str:
    """The sentence for a failed call: Deriv's own words when it refused."""
    if isinstance(error, ApiError):
        return error.message
    if isinstance(error, ConnectionProblem):
        return tr(
            "AccountToolDialog",
            "The connection to Deriv was lost before the request finished. Nothing was changed "
            "that we know of; try again once it is back.",
        )
    if isinstance(error, DerivError):
        return str(error)
    return tr(
        "AccountToolDialog", "Something went wrong (%1). The details are in the log."
    ).replace("%1", type(error).__name__)


def _default_parent() -> QWidget | None:
    active = QApplication.activeWindow()
    if active is not None:
        return active
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow) and widget.isVisible():
            return widget
    return None


class AccountToolDialog(QDialog):
    """Base of the two dialogs; subclasses build ``self.main_page`` and implement ``reload``."""

    MANAGER_PAGE, NOTICE_PAGE = 0, 1

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
        self._reads: set[asyncio.Task[Any]] = set()
        self._notice_action: Callable[[], None] | None = None
        self._extra_header: QWidget | None = None
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        self.picker = AccountPicker(self)
        self.picker_label = QLabel(tr("AccountToolDialog", "Acc&ount:"), self)
        self.picker_label.setBuddy(self.picker)
        self.banner = MessageBar(self)
        self.pages = QStackedWidget(self)
        self.notice = NoticePanel(self)
        self.notice.actionTriggered.connect(self._notice_clicked)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.findChildren(QPushButton):
            button.setAutoDefault(False)

        self._unlink = [ctx.session.signed_out.connect(self._signed_out)]
        ctx.bridge.accountsChanged.connect(self._accounts_changed)
        self.picker.accountChosen.connect(self._account_chosen)

    # ------------------------------------------------------------------ layout helpers
    def set_header_visible(self, visible: bool) -> None:
        for widget in (self.picker_label, self.picker, self._extra_header):
            if widget is not None:
                widget.setVisible(visible)

    def _assemble(self, main_page: QWidget, extra_header: QWidget | None = None) -> None:
        self._extra_header = extra_header
        header = QHBoxLayout()
        header.setSpacing(8)
        header.addWidget(self.picker_label)
        header.addWidget(self.picker)
        header.addStretch(1)
        if extra_header is not None:
            header.addWidget(extra_header)
        self.pages.addWidget(main_page)
        self.pages.addWidget(self.notice)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)

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

    def reload(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    # ------------------------------------------------------------------ notices
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
                self.banner.show_message(MessageKind.ERROR, describe_failure(error))

        task = self.ctx.tasks.spawn(coro, name=name, on_done=done, on_error=failed)
        if read:
            self._reads.add(task)
            task.add_done_callback(self._reads.discard)
        return task

    def cancel_reads(self) -> None:
        for task in list(self._reads):
            task.cancel()

    # ------------------------------------------------------------------ closing
    def _signed_out(self, _key: str) -> None:
        """The session ended (maybe by our own delete/revoke): nothing left to manage here."""
        if not self.closed_for_good:
            log.info("session ended; closing %s", type(self).__name__)
            self.reject()

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

    def forget_secrets(self) -> None:
        """Drop token values from widgets before the dialog goes away (override as needed)."""

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
