"""The sign-in window where a sign-in could be hijacked or stuck (issue 17), driven like a user
over real parts: the login service, the loopback handler and an in-process sandbox on real
sockets. Each test here failed before the change it covers."""

from __future__ import annotations

import webbrowser
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from deriv_desktop.app import effective_profile
from deriv_desktop.domain.problems import ProblemKind
from deriv_desktop.gui.tasks import TaskRegistry
from deriv_desktop.gui.views.sign_in import SignInWindow
from deriv_desktop.options import parse
from deriv_desktop.services.login import LoginPhase
from deriv_desktop.services.profile import ConnectionProfile
from deriv_desktop.storage.settings import Settings
from tests.e2e.sign_in_kit import (
    APP_ID,
    Catch,
    LoginStack,
    callback_query,
    login_stack,
    running_app,
    state_of,
    usable_accounts,
    wait_for_status,
)

BAD_TOKEN = "a1-ThisTokenDoesNotExist000000"


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


# ------------------------------------------------------------------------------- items 3 and 4
async def test_a_failing_browser_launcher_is_told_and_copy_link_comes_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's real launcher (``webbrowser`` with ``$BROWSER``, offscreen) fails."""
    monkeypatch.setenv("BROWSER", "false")
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    profile, overridden = effective_profile(Settings(), parse(["--sandbox"]))
    async with running_app(tmp_path, profile, overridden) as app:
        await app.start()
        window, stack = app.sign_in_window, app.stack
        assert window is not None and stack is not None
        QTest.mouseClick(window.login_button, Qt.MouseButton.LeftButton)
        status = await wait_for_status(stack.login, lambda s: s.browser_opened is not None)

        assert status.waiting and status.browser_opened is False
        assert window.page == SignInWindow.PAGE_WAITING
        assert "could not open your browser" in window.wait_text.text()
        assert "is open in your browser" not in window.wait_text.text()
        assert window.copy_button.isDefault() and window.copy_button.hasFocus()
        assert window.wait_title.text() == "Open the sign-in link in your browser"


@pytest.mark.parametrize(
    ("variable", "value", "reason", "words"),
    [
        ("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22", "ssh", "over SSH"),
        ("WSL_DISTRO_NAME", "Ubuntu", "wsl", "in WSL"),
        ("QT_QPA_PLATFORM", "offscreen", "no_display", "no screen"),
    ],
)
async def test_without_a_usable_browser_the_link_and_the_paste_route_lead(
    ui: Ui,
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    value: str,
    reason: str,
    words: str,
) -> None:
    """No ``$BROWSER`` names a launcher, and the session is SSH, WSL or has no display (the
    suite runs without DISPLAY: that is the third case)."""
    monkeypatch.delenv("BROWSER")
    monkeypatch.setenv(variable, value)
    window, stack = ui.window, ui.stack
    ui.click(window.login_button)
    status = await wait_for_status(stack.login, lambda s: s.waiting)

    remote = getattr(status, "remote", None)
    assert remote is not None and remote.value == reason
    assert stack.spy.urls == [], "no browser was opened"
    assert window.wait_title.text() == "Sign in from a browser on any device"
    text = window.wait_text.text()
    assert words in text and "open it in a browser on any device" in text
    assert "paste below" in text
    assert window.copy_button.isDefault() and window.copy_button.hasFocus()
    assert window.paste_edit.isVisible() and window.paste_warning.isVisible()
    assert window.open_again_button.text().replace("&", "") == "Open in a browser here"

    # The pasted address still signs in (same validator as every route).
    assert status.authorize_url is not None and status.redirect_uri is not None
    query = callback_query(state_of(status.authorize_url), usable_accounts(stack.user))
    proceeded = Catch(window.proceed)
    window.paste_edit.setText(f"{status.redirect_uri}?{query}")
    ui.click(window.paste_button)
    await proceeded.wait()
