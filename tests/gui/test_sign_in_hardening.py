"""The sign-in window where a sign-in could be hijacked or stuck (issue 17), driven like a user
over real parts: the login service, the loopback handler and an in-process sandbox on real
sockets. Each test here failed before the change it covers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from deriv_desktop.domain.problems import ProblemKind
from deriv_desktop.gui.tasks import TaskRegistry
from deriv_desktop.gui.views.sign_in import SignInWindow
from deriv_desktop.services.login import LoginPhase
from deriv_desktop.services.profile import ConnectionProfile
from tests.e2e.sign_in_kit import APP_ID, Catch, LoginStack, login_stack, wait_for_status

BAD_TOKEN = "a1-ThisTokenDoesNotExist000000"  # noqa: S105 - a token Deriv does not know


class Ui:
    def __init__(self, stack: LoginStack, window: SignInWindow) -> None:
        self.stack = stack
        self.window = window

    def click(self, widget: QWidget) -> None:
        assert widget.isVisible() and widget.isEnabled(), f"{widget!r} not clickable"
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
async def ui(tmp_path: Path) -> AsyncIterator[Ui]:
    async with login_stack(tmp_path) as stack:
        tasks = TaskRegistry()
        window = SignInWindow(stack.login, ConnectionProfile(app_id=str(APP_ID)), tasks)
        window.show()
        try:
            yield Ui(stack, window)
        finally:
            window.close_quietly()
            window.deleteLater()
            await tasks.shutdown()


# ------------------------------------------------------------------------------- item 5
async def test_one_bad_token_among_several_is_named_and_the_others_can_continue(ui: Ui) -> None:
    window, stack = ui.window, ui.stack
    good = [
        tokens[0].value
        for account in stack.user.accounts
        if (tokens := stack.sandbox.state.api_tokens(account.loginid))
    ][:2]
    assert len(good) == 2, "the sandbox's first user has tokens on two accounts"
    ui.click(window.token_section.button)
    window.token_panel.set_text("\n".join([good[0], BAD_TOKEN, good[1]]))
    ui.click(window.token_panel.sign_in_button)

    failed = await wait_for_status(stack.login, lambda s: s.phase is LoginPhase.FAILED)
    assert failed.reason is not None
    assert failed.reason.kind is ProblemKind.ONE_TOKEN_NOT_ACCEPTED
    assert (failed.reason.number, failed.reason.count, failed.reason.name) == (2, 3, "a1-T")
    text = window.messages.text
    assert "token 2 of 3 (it starts with a1-T…)" in text
    assert BAD_TOKEN not in text and good[0] not in text and good[1] not in text
    assert window.token_panel.continue_button.isVisible()
    assert window.token_panel.continue_button.text().replace("&", "") == "Continue without token 2"

    proceeded = Catch(window.proceed)
    ui.click(window.token_panel.continue_button)
    (outcome,) = await proceeded.wait()
    signed = {c.token for c in outcome.signed_in.credentials}
    assert signed == set(good)
    assert not window.token_panel.continue_button.isVisible()


async def test_a_single_bad_token_is_not_offered_a_continue(ui: Ui) -> None:
    window, stack = ui.window, ui.stack
    ui.click(window.token_section.button)
    QTest.keyClicks(window.token_panel.text_edit, BAD_TOKEN)
    ui.click(window.token_panel.sign_in_button)
    failed = await wait_for_status(stack.login, lambda s: s.phase is LoginPhase.FAILED)
    assert failed.reason is not None and failed.reason.kind is ProblemKind.API_TOKEN_NOT_ACCEPTED
    assert failed.other_tokens == 0 and not window.token_panel.continue_button.isVisible()
