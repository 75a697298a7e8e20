"""Helpers for the token and connected-apps dialog tests: other ways to sign in (pasted API
tokens, OAuth tokens of our own app id), opening the dialogs, answering their questions.

Everything runs against the sandbox of ``signed_in_stack`` over real sockets.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from deriv_desktop.api.backoff import Backoff
from deriv_desktop.api.legacy.client import DerivClient, endpoint_url
from deriv_desktop.domain.credentials import AccountCredential
from deriv_desktop.domain.errors import DerivError
from deriv_desktop.domain.state import SessionState
from deriv_desktop.gui.bridge import StateBridge
from deriv_desktop.gui.clipboard import SecretClipboard
from deriv_desktop.gui.context import GuiContext
from deriv_desktop.gui.tasks import TaskRegistry
from deriv_desktop.gui.views.account_tools_dialog import AccountToolDialog
from deriv_desktop.gui.views.apps_dialog import AppsDialog
from deriv_desktop.gui.views.token_dialog import TokenDialog
from deriv_desktop.sandbox import Sandbox, SandboxConfig
from deriv_desktop.sandbox.models import User
from deriv_desktop.services.legacy_backend import LegacyBackend
from deriv_desktop.services.session import SessionService
from deriv_desktop.storage.secrets import MemoryTokenStore
from deriv_desktop.storage.settings import Settings, SettingsFile
from tests.gui.fixtures import APP_ID, Stack, wait_until

#: (token name, account currency, demo?) of a seeded API token of the first sandbox user.
TokenRef = tuple[str, str, bool]


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
    async with Sandbox(SandboxConfig(port=0, oauth_port=0)) as sb:
        user = sb.users[0]
        client = DerivClient(
            endpoint_url(sb.ws_url, APP_ID), backoff=Backoff(base=0.05, cap=0.2), request_timeout=5
        )
        state = SessionState()
        settings = Settings()
        settings_file = SettingsFile(tmp_path / "settings.json")
        session = SessionService(
            server=sb.ws_url,
            app_id=APP_ID,
            state=state,
            backend_factory=lambda: LegacyBackend(client),
            store=MemoryTokenStore(),
            settings=settings,
            settings_file=settings_file,
        )
        bridge = StateBridge(state)
        tasks = TaskRegistry()
        ctx = GuiContext(
            state=state,
            bridge=bridge,
            session=session,
            tasks=tasks,
            settings=settings,
            settings_file=settings_file,
            server_label="Sandbox",
            app_id=APP_ID,
            open_url=lambda _url: True,
            version="0.1.0-test",
            extras={"reconnect_now": client.reconnect_now},
        )
        stack = Stack(sb, client, session, state, bridge, tasks, ctx, user)
        try:
            if our_oauth_app:
                issued = sb.state.issue_oauth_tokens(user, sb.state.apps[int(APP_ID)])
                await session.sign_in(
                    [AccountCredential(a.loginid, t.value, a.currency or None) for a, t in issued]
                )
            else:
                await session.sign_in_with_tokens([_api_token(sb, user, r) for r in api_tokens])
            await wait_until(lambda: state.active is not None)
            yield stack
        finally:
            for window in stack.windows:
                if shiboken6.isValid(window):
                    window.close()
                    window.deleteLater()
            await tasks.shutdown()
            await session.shutdown()
            bridge.detach()


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


def _loaded(dialog: AccountToolDialog) -> Callable[[], bool]:
    return lambda: dialog.started and not dialog.loading


async def open_token_dialog(
    stack: Stack, *, clear_after_ms: int = 60_000, loginid: str | None = None
) -> TokenDialog:
    clipboard = SecretClipboard(clear_after_ms=clear_after_ms)
    dialog = TokenDialog(stack.ctx, clipboard=clipboard)
    clipboard.setParent(dialog)
    stack.windows.append(dialog)
    dialog.open()
    dialog.start()
    if loginid is not None and loginid != dialog.loginid:
        assert dialog.picker.choose(loginid)
    await wait_until(_loaded(dialog))
    return dialog


async def open_apps_dialog(stack: Stack) -> AppsDialog:
    dialog = AppsDialog(stack.ctx)
    stack.windows.append(dialog)
    dialog.open()
    dialog.start()
    await wait_until(_loaded(dialog))
    return dialog


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
