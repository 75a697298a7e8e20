"""Helpers for the token and connected-apps dialog tests: other ways to sign in (pasted API
tokens, OAuth tokens of our own app id), opening the dialogs, reading their tables, answering
their questions, and what both check when a change signs the user out.

Everything runs against the sandbox of ``signed_in_stack`` over real sockets.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.errors import DerivError
from deriv_desktop.gui.clipboard import SecretClipboard
from deriv_desktop.gui.views.account_tools_dialog import AccountToolDialog
from deriv_desktop.gui.views.apps_dialog import AppsDialog
from deriv_desktop.gui.views.main_window import MainWindow
from deriv_desktop.gui.views.token_dialog import TokenDialog
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.sandbox.models import User
from tests.gui.fixtures import APP_ID, Stack, app_stack, signed_in_stack, wait_until

EN = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)

#: (token name, account currency, demo?) of a seeded API token of the first sandbox user.
TokenRef = tuple[str, str, bool]


@contextmanager
def english() -> Iterator[None]:
    """US English dates and numbers while the dialogs are built (their models read the locale)."""
    previous = QLocale()
    QLocale.setDefault(EN)
    try:
        yield
    finally:
        QLocale.setDefault(previous)


@asynccontextmanager
async def usd_stack(tmp_path: Path) -> AsyncIterator[Stack]:
    """``signed_in_stack`` with the USD account active: the dialogs open on its list."""
    async with signed_in_stack(tmp_path) as stack:
        await stack.session.switch(stack.loginid("USD"))
        yield stack


def _api_token(sb: Sandbox, user: User, ref: TokenRef) -> str:
    name, currency, virtual = ref
    for account in user.accounts:
        if account.currency == currency and account.is_virtual == virtual:
            for token in sb.state.api_tokens(account.loginid):
                if token.display_name == name:
                    return token.value
    raise KeyError(ref)


@asynccontextmanager
async def stack_signed_in_with(
    tmp_path: Path, *, api_tokens: Sequence[TokenRef] = (), our_oauth_app: bool = False
) -> AsyncIterator[Stack]:
    """Like ``signed_in_stack``, but the one and only sign-in is the way a user would do it:
    with pasted API tokens, or with the OAuth tokens a browser sign-in to our app id yields."""
    assert bool(api_tokens) != our_oauth_app, "choose one way to sign in"
    async with (
        Sandbox(SandboxConfig(port=0, oauth_port=0)) as sb,
        app_stack(tmp_path, sb) as stack,
    ):
        user, session = stack.user, stack.session
        if our_oauth_app:
            issued = sb.state.issue_oauth_tokens(user, sb.state.apps[int(APP_ID)])
            await session.sign_in(
                [AccountCredential(a.loginid, t.value, a.currency or None) for a, t in issued]
            )
        else:
            await session.sign_in_with_tokens([_api_token(sb, user, r) for r in api_tokens])
        await wait_until(lambda: stack.state.active is not None)
        yield stack


def api_token_value(stack: Stack, name: str, currency: str = "USD", virtual: bool = False) -> str:
    """The value of a seeded (or test-made) API token, read from the sandbox's world."""
    loginid = stack.loginid(currency, virtual=virtual)
    for token in stack.sandbox.state.api_tokens(loginid):
        if token.display_name == name:
            return token.value
    raise KeyError(name)


def all_api_token_values(stack: Stack) -> list[str]:
    return [t.value for a in stack.user.accounts for t in stack.sandbox.state.api_tokens(a.loginid)]


def url_spy(stack: Stack) -> list[str]:
    """Record the addresses the dialogs ask the browser to open (instead of opening them)."""
    opened: list[str] = []

    def open_url(url: str) -> bool:
        opened.append(url)
        return True

    stack.ctx.open_url = open_url
    return opened


def record_problems(stack: Stack) -> list[DerivError]:
    seen: list[DerivError] = []
    stack.session.problem.connect(seen.append)
    return seen


def record_sign_outs(stack: Stack) -> list[str]:
    seen: list[str] = []
    stack.session.signed_out.connect(seen.append)
    return seen


D = TypeVar("D", bound=AccountToolDialog[Any])


async def shown(stack: Stack, dialog: D, loginid: str | None = None) -> D:
    """Open ``dialog`` as ``launch`` does (``open()``, then ``start()``), choose ``loginid``
    if given, and wait until its list has arrived (or failed)."""
    stack.windows.append(dialog)
    dialog.open()
    dialog.start()
    if loginid is not None and loginid != dialog.loginid:
        assert dialog.picker.choose(loginid)
    await wait_until(lambda: dialog.started and not dialog.loading)
    return dialog


async def open_token_dialog(
    stack: Stack, *, clear_after_ms: int = 60_000, loginid: str | None = None
) -> TokenDialog:
    clipboard = SecretClipboard(clear_after_ms=clear_after_ms)
    dialog = TokenDialog(stack.ctx, clipboard=clipboard)
    clipboard.setParent(dialog)
    return await shown(stack, dialog, loginid)


async def open_apps_dialog(stack: Stack) -> AppsDialog:
    return await shown(stack, AppsDialog(stack.ctx))


async def main_window(stack: Stack) -> MainWindow:
    """The main window, shown and active (its Tools menu opens the dialogs over it)."""
    window = MainWindow(stack.ctx)
    stack.windows.append(window)
    window.show()
    window.activateWindow()
    await wait_until(lambda: QApplication.activeWindow() is window)
    return window


def without_token_calls(stack: Stack) -> None:
    """Make the session's backend say what the new-API backend says: no token or app calls."""
    backend = stack.session.backend
    assert backend is not None
    backend.supports_tokens = False


def names(dialog: AccountToolDialog[Any]) -> list[str]:
    """The names in the table, top to bottom, as filtered and sorted."""
    proxy, column = dialog.proxy, dialog.table_stack.name_column
    return [str(proxy.index(r, column).data()) for r in range(proxy.rowCount())]


def closed(dialog: AccountToolDialog[Any]) -> bool:
    """Closed for good: hidden, and deleted (WA_DeleteOnClose) once the loop got to it."""
    return dialog.closed_for_good and (not shiboken6.isValid(dialog) or not dialog.isVisible())


async def signed_out_and_closed(
    stack: Stack, dialog: AccountToolDialog[Any], sign_outs: list[str], told: Callable[[], bool]
) -> None:
    """After a change that ends the session: signed out once, the dialog closed, and the
    streams opened with the dead credentials were ``told`` so by the server."""
    await wait_until(lambda: sign_outs == [stack.session.key])
    await wait_until(lambda: closed(dialog))
    await wait_until(told)
    assert not stack.session.signed_in
    assert stack.state.accounts == []


async def press_and_answer(
    dialog: TokenDialog | AppsDialog, button: QPushButton, *, accept: bool
) -> str:
    """Click ``button``, then answer the question it asks; returns the question's text."""
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    return await answer(dialog, accept=accept)


async def answer(dialog: TokenDialog | AppsDialog, *, accept: bool) -> str:
    """Wait for the dialog's question, click one of its buttons, return the question's text."""
    await wait_until(lambda: dialog.prompt is not None and dialog.prompt.isVisible())
    box = dialog.prompt
    assert box is not None
    assert box.windowModality() == Qt.WindowModality.WindowModal
    text = f"{box.windowTitle()}\n{box.text()}\n{box.informativeText()}"
    button = box.accept_button if accept else box.cancel_button
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: dialog.prompt is None)
    return text


def clipboard_text() -> str:
    return QApplication.clipboard().text()
