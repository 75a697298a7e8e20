"""The sign-in window driven like a user would (clicks, typing, keys) over real parts: the login
service, the hardened loopback handler and an in-process sandbox on real sockets. The browser's
part is played with plain HTTP requests here; tests/e2e uses a real Chromium.
"""

from __future__ import annotations

import asyncio
import socket
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QRadioButton, QWidget

from deriv_desktop.domain.problems import Problem, ProblemKind
from deriv_desktop.domain.proxy import ProxyMode, ProxySettings
from deriv_desktop.gui.tasks import TaskRegistry
from deriv_desktop.gui.views.sign_in import SignInWindow
from deriv_desktop.gui.widgets.message_bar import MessageKind
from deriv_desktop.gui.widgets.sign_in_texts import format_remaining, short_link
from deriv_desktop.services.api_kinds import NEW
from deriv_desktop.services.login import LoginPhase
from deriv_desktop.services.profile import ConnectionProfile, ServerKind
from deriv_desktop.services.session import SignInOutcome
from deriv_desktop.storage.secrets import KeyringTokenStore
from tests.e2e.sign_in_kit import (
    APP_ID,
    Catch,
    LoginStack,
    callback_query,
    connection_refused,
    follow_to_done,
    login_stack,
    port_of,
    state_of,
    usable_accounts,
    wait_for_status,
)
from tests.gui.fixtures import wait_until

TIMEOUT = 10.0


class Ui:
    """A window on a login stack, plus what it emitted."""

    def __init__(self, stack: LoginStack, window: SignInWindow, tasks: TaskRegistry) -> None:
        self.stack = stack
        self.window = window
        self.tasks = tasks

    def click(self, widget: QWidget) -> None:
        """A left click where a person would click (the box of a radio button or check box)."""
        assert widget.isVisible() and widget.isEnabled(), f"{widget!r} not clickable"
        at = (
            QPoint(8, widget.height() // 2)
            if isinstance(widget, QCheckBox | QRadioButton)
            else QPoint()
        )
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)

    async def start_waiting(self) -> str:
        """Press "Log in with Deriv" and wait for the waiting page; returns the callback base."""
        self.click(self.window.login_button)
        status = await wait_for_status(self.stack.login, lambda s: s.waiting)
        assert self.window.page == SignInWindow.PAGE_WAITING
        assert status.redirect_uri is not None
        return status.redirect_uri


@pytest.fixture
async def ui(tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[Ui]:
    options: dict[str, Any] = getattr(request, "param", {})
    async with login_stack(tmp_path, **options) as stack:
        tasks = TaskRegistry()
        profile = ConnectionProfile(app_id=str(APP_ID))
        window = SignInWindow(stack.login, profile, tasks)
        window.show()
        try:
            yield Ui(stack, window, tasks)
        finally:
            window.close_quietly()
            window.deleteLater()
            await tasks.shutdown()


# ------------------------------------------------------------------------------- small helpers
def test_countdown_and_link_text() -> None:
    assert format_remaining(299.2) == "5:00"
    assert format_remaining(61) == "1:01"
    assert format_remaining(0.0) == "0:00"
    url = "https://oauth.deriv.com/oauth2/authorize?app_id=1234&l=EN&brand=deriv&state=SECRET"
    assert short_link(url) == "oauth.deriv.com/oauth2/authorize?app_id=1234 …"
    assert "SECRET" not in short_link(url)


# ------------------------------------------------------------------------------- idle
async def test_idle_window_offers_every_route(ui: Ui) -> None:
    window = ui.window
    assert window.page == SignInWindow.PAGE_START
    assert window.login_button.isEnabled() and window.login_button.hasFocus()
    assert window.login_button.text().replace("&", "") == "Log in with Deriv"
    assert not window.token_panel.isVisible()
    assert str(APP_ID) not in window.settings_summary.text(), "technical details stay in Settings"
    assert window.settings_button.isEnabled()
    QTest.keyClick(window.token_section.button, Qt.Key.Key_Space)
    assert window.token_panel.isVisible() and window.token_panel.text_edit.hasFocus()


# ------------------------------------------------------------------------------- waiting
async def test_waiting_page_countdown_copy_open_again_and_escape(ui: Ui) -> None:
    window, stack = ui.window, ui.stack
    redirect = await ui.start_waiting()
    url = stack.login.status.authorize_url
    assert url is not None

    assert "left" in window.countdown_label.text()
    assert 0 < window.countdown_bar.value() <= 1000
    assert state_of(url) not in window.link_label.text(), "the state is never shown"
    assert window.paste_edit.hasFocus()
    assert not window.settings_button.isEnabled(), "settings wait until the attempt ends"

    ui.click(window.copy_button)
    assert QGuiApplication.clipboard().text() == url
    ui.click(window.open_again_button)
    await asyncio.wait_for(ui.tasks.shutdown(), TIMEOUT)  # the open-again task has finished
    assert stack.spy.urls == [url, url]

    QTest.keyClick(window, Qt.Key.Key_Escape)
    await wait_for_status(stack.login, lambda s: s.phase is LoginPhase.CANCELLED)
    assert window.page == SignInWindow.PAGE_START
    assert window.messages.isVisible() and window.messages.kind is MessageKind.INFO
    assert await connection_refused(port_of(redirect))


async def test_the_browser_answer_takes_the_window_on(ui: Ui) -> None:
    window, stack = ui.window, ui.stack
    redirect = await ui.start_waiting()
    url = stack.login.status.authorize_url
    assert url is not None
    proceeded = Catch(window.proceed)
    query = callback_query(state_of(url), usable_accounts(stack.user))

    page = await follow_to_done(f"{redirect}?{query}")

    (outcome,) = await proceeded.wait()
    assert isinstance(outcome, SignInOutcome) and "signed in" in page.text
    assert window.page == SignInWindow.PAGE_BUSY


async def test_pasted_address_with_enter(ui: Ui) -> None:
    window, stack = ui.window, ui.stack
    redirect = await ui.start_waiting()
    url = stack.login.status.authorize_url
    assert url is not None
    accounts = usable_accounts(stack.user)[:1]

    QTest.keyClicks(window.paste_edit, f"{redirect}?{callback_query('w' * 43, accounts)}")
    QTest.keyClick(window.paste_edit, Qt.Key.Key_Return)
    assert window.paste_edit.text() == "", "an address with tokens never stays in the field"
    await wait_for_status(stack.login, lambda s: s.wrong_state_count == 1)
    await asyncio.wait_for(ui.tasks.shutdown(), TIMEOUT)
    assert window.messages.kind is MessageKind.WARNING
    assert "older or different sign-in" in window.messages.text

    proceeded = Catch(window.proceed)
    QTest.keyClicks(window.paste_edit, f"{redirect}?{callback_query(state_of(url), accounts)}")
    ui.click(window.paste_button)
    (outcome,) = await proceeded.wait()
    assert [a.loginid for a in outcome.signed_in.accounts if a.has_token] == [accounts[0].loginid]


async def test_consent_refused_is_explained(ui: Ui) -> None:
    window, stack = ui.window, ui.stack
    redirect = await ui.start_waiting()
    url = stack.login.status.authorize_url
    assert url is not None
    await follow_to_done(f"{redirect}?error=scope_denied&state={state_of(url)}")
    await wait_for_status(stack.login, lambda s: s.phase is LoginPhase.FAILED)
    assert window.page == SignInWindow.PAGE_START
    assert window.messages.kind is MessageKind.WARNING
    assert "chose not to give Deriv Desktop access" in window.messages.text


@pytest.mark.parametrize("ui", [{"timeout": 0.4}], indirect=True)
async def test_timeout_message(ui: Ui) -> None:
    await ui.start_waiting()
    await wait_for_status(ui.stack.login, lambda s: s.phase is LoginPhase.TIMED_OUT)
    assert ui.window.page == SignInWindow.PAGE_START
    assert "timed out" in ui.window.messages.text
    assert ui.window.login_button.isEnabled()
    # The expired attempt accepts no pasted address, and no paste box shows: never ask for one.
    assert not ui.window.paste_edit.isVisible()
    assert "paste" not in ui.window.messages.text.casefold()


@pytest.fixture
def blocked_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen(1)
        yield blocker.getsockname()[1]


async def test_a_taken_port_is_explained_and_the_token_route_offered(
    tmp_path: Path, blocked_port: int
) -> None:
    """Another program listens on the redirect's port: the window says so, no browser opens
    and the API-token section opens as the safe way in."""
    redirect = f"http://127.0.0.1:{blocked_port}/deriv-desktop/callback"
    async with login_stack(tmp_path, redirect_uri=redirect) as stack:
        tasks = TaskRegistry()
        window = SignInWindow(stack.login, ConnectionProfile(app_id=str(APP_ID)), tasks)
        window.show()
        try:
            QTest.mouseClick(window.login_button, Qt.MouseButton.LeftButton)
            await wait_for_status(stack.login, lambda s: s.phase is LoginPhase.FAILED)
            assert window.page == SignInWindow.PAGE_START
            assert window.messages.kind is MessageKind.ERROR
            assert f"port {blocked_port}" in window.messages.text
            assert "did not open the browser" in window.messages.text
            assert stack.spy.urls == []
            assert window.token_section.is_open and window.token_panel.isVisible()
            assert window.login_button.isEnabled()  # once the program is gone, try again
        finally:
            window.close_quietly()
            window.deleteLater()  # deleted on this thread, never by a collector elsewhere
            await tasks.shutdown()


async def test_a_handed_over_address_while_idle_is_reported(ui: Ui) -> None:
    await ui.stack.login.submit_scheme_url("derivdesktop://oauth/callback?acct1=CR1&state=x")
    assert ui.window.messages.kind is MessageKind.INFO
    assert "not waiting" in ui.window.messages.text


# ------------------------------------------------------------------------------- API tokens
async def test_api_tokens_with_ctrl_enter_and_masking(ui: Ui) -> None:
    window, stack = ui.window, ui.stack
    tokens = [t.value for t in stack.sandbox.state.api_tokens(stack.user.accounts[0].loginid)]
    ui.click(window.token_section.button)
    panel = window.token_panel
    QTest.keyClicks(panel.text_edit, tokens[0])
    ui.click(panel.mask_check)
    assert panel.masked and panel.masked_edit.text() == tokens[0]
    assert panel.masked_edit.echoMode() == panel.masked_edit.EchoMode.Password
    ui.click(panel.mask_check)
    assert panel.text_edit.toPlainText() == tokens[0]

    proceeded = Catch(window.proceed)
    QTest.keyClick(panel.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    (outcome,) = await proceeded.wait()

    assert outcome.signed_in.accounts
    assert panel.text() == "", "tokens are cleared once handed over"


async def test_an_unknown_token_is_refused_in_plain_words(ui: Ui) -> None:
    window, stack = ui.window, ui.stack
    ui.click(window.token_section.button)
    QTest.keyClicks(window.token_panel.text_edit, "a1-ThisTokenDoesNotExist000000")
    ui.click(window.token_panel.sign_in_button)
    await wait_for_status(stack.login, lambda s: s.phase is LoginPhase.FAILED)
    assert window.messages.kind is MessageKind.ERROR
    assert window.messages.text.startswith("Deriv did not accept the API token.")
    assert "(" not in window.messages.text  # no server code such as "(InvalidToken)"
    assert window.login_button.isEnabled() and window.page == SignInWindow.PAGE_START
    # The refused token stays to be corrected; the refusal goes once it is changed.
    assert window.token_panel.text() == "a1-ThisTokenDoesNotExist000000"
    window.token_panel.text_edit.setFocus()
    await wait_until(window.token_panel.text_edit.hasFocus)
    QTest.keyClick(window.token_panel.text_edit, Qt.Key.Key_Backspace)
    assert not window.messages.isVisible()


# ------------------------------------------------------------------------------- settings
async def test_settings_are_checked_then_applied(ui: Ui) -> None:
    window = ui.window
    panel = window.settings_panel
    ui.click(window.settings_button)
    assert window.page == SignInWindow.PAGE_SETTINGS and panel.app_id_edit.hasFocus()
    assert panel.deriv_radio.isChecked()

    ui.click(panel.custom_radio)
    panel.server_edit.setText("http://not-a-websocket.example")
    panel.app_id_edit.setText("12ab")
    ui.click(panel.save_button)
    assert panel.error_label.isVisible()
    assert "wss://" in panel.error_label.text() and "10 digits" in panel.error_label.text()

    panel.server_edit.setText("wss://ws.example.com/websockets/v3")
    panel.oauth_edit.setText("https://oauth.example.com/oauth2/authorize")
    panel.app_id_edit.setText("4321")
    ui.click(panel.scheme_preset)
    panel.language_combo.setCurrentIndex(panel.language_combo.findData("fr"))
    applied = Catch(window.settingsApplied)
    QTest.keyClick(panel.app_id_edit, Qt.Key.Key_Return)
    (profile,) = await applied.wait()

    assert profile == ConnectionProfile(
        server="wss://ws.example.com/websockets/v3",
        app_id="4321",
        oauth_url="https://oauth.example.com/oauth2/authorize",
        redirect_uri="derivdesktop://oauth/callback",
        language="fr",
    )
    assert profile.kind is ServerKind.CUSTOM
    assert window.page == SignInWindow.PAGE_START
    assert window.settings_summary.text() == "Custom server · Français"
    assert "Français" in window.settings_summary.text()


async def test_settings_escape_reverts(ui: Ui) -> None:
    window = ui.window
    ui.click(window.settings_button)
    window.settings_panel.app_id_edit.setText("999")
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert window.page == SignInWindow.PAGE_START
    assert window.settings_panel.app_id_edit.text() == str(APP_ID)
    ui.click(window.settings_button)
    ui.click(window.settings_panel.sandbox_radio)
    ui.click(window.settings_panel.save_button)
    assert window.settings_panel.profile.kind is ServerKind.SANDBOX


async def test_a_page_keeps_its_own_height_after_a_grab_while_it_was_hidden(ui: Ui) -> None:
    # QWidget.grab resizes hidden pages to a default width; the wrapped words' height there
    # once stayed as the floor of the Settings page: a window far too tall, scrolling.
    def settings_height(window: SignInWindow) -> int:
        ui.click(window.settings_button)
        window.page_scroll.follow()  # what the page switch queues, run now
        assert window.page_scroll.verticalScrollBar().maximum() == 0
        return window.height()

    ui.window.grab()
    grabbed = settings_height(ui.window)
    fresh = SignInWindow(ui.stack.login, ConnectionProfile(app_id=str(APP_ID)), ui.tasks)
    fresh.show()
    try:
        assert grabbed == settings_height(fresh)
    finally:
        fresh.close_quietly()
        fresh.deleteLater()


async def test_choosing_the_new_api_swaps_the_fields_and_keeps_both_apps(ui: Ui) -> None:
    window = ui.window
    panel = window.settings_panel
    ui.click(window.settings_button)
    panel.redirect_edit.setText("derivdesktop://oauth/callback")
    panel.api_combo.setCurrentIndex(panel.api_combo.findData("new"))
    assert panel.app_id_edit.text() == "" and panel.redirect_edit.text() == ""
    assert panel.redirect_label.text().replace("&", "") == "Return address"
    assert not panel.custom_radio.isEnabled() and not panel.scheme_preset.isVisible()

    panel.app_id_edit.setText("desk app")  # a space: not an App ID
    panel.redirect_edit.setText("http://relay.example.com/r.html")  # not https
    ui.click(panel.save_button)
    errors = panel.error_label.text()
    assert "letters, digits" in errors and "https://" in errors

    panel.app_id_edit.setText("desk-app")
    panel.redirect_edit.setText("https://relay.example.com/r.html")
    applied = Catch(window.settingsApplied)
    ui.click(panel.save_button)
    (profile,) = await applied.wait()
    assert profile.api_kind is NEW and profile.new_app_id == "desk-app"
    assert profile.relay_url == "https://relay.example.com/r.html"
    assert profile.app_id == str(APP_ID), "the legacy app id is kept for coming back"
    assert profile.redirect_uri == "derivdesktop://oauth/callback"

    ui.click(window.settings_button)
    panel.api_combo.setCurrentIndex(panel.api_combo.findData("legacy"))
    assert panel.app_id_edit.text() == str(APP_ID)
    assert panel.redirect_edit.text() == "derivdesktop://oauth/callback"
    assert panel.custom_radio.isEnabled()


async def test_without_a_relay_page_the_new_api_offers_the_token_route(tmp_path: Path) -> None:
    """A new-API login service without an OAuth2 flow: the browser button is off and says
    why, the token section is open, and starting anyway fails with a setup sentence."""
    async with login_stack(tmp_path) as stack:
        stack.login.config = replace(stack.login.config, api=NEW)
        tasks = TaskRegistry()
        profile = ConnectionProfile(api="new", new_app_id="desk-app")
        window = SignInWindow(stack.login, profile, tasks)
        window.show()
        try:
            assert not window.login_button.isEnabled()
            assert "relay page" in window.login_hint.text()
            assert window.token_section.is_open
            assert "personal access token" in window.token_panel.intro.text()
            status = await stack.login.start()
            assert status.phase is LoginPhase.FAILED
            assert status.reason == Problem(ProblemKind.NEW_API_SETUP_MISSING)
            assert "relay page" in window.messages.text
            assert not window.login_button.isEnabled()
            bad = await stack.login.sign_in_with_tokens("two words")
            assert bad.reason == Problem(ProblemKind.PAT_SHAPE)
            assert "does not look like a personal access token" in window.messages.text
        finally:
            window.close_quietly()
            window.deleteLater()
            await tasks.shutdown()


# ------------------------------------------------------------------------------- not remembered
@pytest.fixture
def no_keyring() -> Iterator[None]:
    keyring.set_keyring(keyring.backends.fail.Keyring())  # type: ignore[no-untyped-call]
    yield


@pytest.mark.usefixtures("no_keyring")
@pytest.mark.parametrize("ui", [{"store": KeyringTokenStore()}], indirect=True)
async def test_a_sign_in_that_cannot_be_remembered_offers_a_choice(ui: Ui) -> None:
    window, stack = ui.window, ui.stack
    ui.click(window.token_section.button)
    token = stack.sandbox.state.api_tokens(stack.user.accounts[0].loginid)[0].value
    QTest.keyClicks(window.token_panel.text_edit, token)
    ui.click(window.token_panel.sign_in_button)
    await wait_for_status(stack.login, lambda s: s.phase is LoginPhase.READY)

    assert window.page == SignInWindow.PAGE_CHOICE
    assert "won't be remembered because no system keyring" in window.choice_text.text()
    assert window.continue_button.hasFocus()
    proceeded = Catch(window.proceed)
    QTest.keyClick(window.continue_button, Qt.Key.Key_Space)
    (outcome,) = await proceeded.wait()
    assert outcome.storage_problem is not None and not outcome.remembered


@pytest.mark.usefixtures("no_keyring")
@pytest.mark.parametrize("ui", [{"store": KeyringTokenStore()}], indirect=True)
async def test_declining_a_session_that_is_not_remembered(ui: Ui) -> None:
    window, stack = ui.window, ui.stack
    ui.click(window.token_section.button)
    token = stack.sandbox.state.api_tokens(stack.user.accounts[0].loginid)[0].value
    QTest.keyClicks(window.token_panel.text_edit, token)
    ui.click(window.token_panel.sign_in_button)
    await wait_for_status(stack.login, lambda s: s.phase is LoginPhase.READY)
    declined = Catch(window.signOutRequested)
    ui.click(window.sign_out_button)
    await declined.wait()
    assert window.page == SignInWindow.PAGE_START


# ------------------------------------------------------------------------------- keyboard, app
async def test_ctrl_q_asks_to_quit(ui: Ui) -> None:
    quit_asked = Catch(ui.window.quitRequested)
    QTest.keyClick(ui.window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    await quit_asked.wait()


async def test_uncaught_errors_are_logged_redacted_and_shown_without_blocking(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from deriv_desktop import app as app_module
    from deriv_desktop.logging_setup import RedactingFilter

    # pytest keeps one capture handler for the whole session: the filter must leave with the
    # test, or later tests that look for secrets in the captured records find them masked.
    redactor = RedactingFilter()
    caplog.handler.addFilter(redactor)
    restore = app_module.install_excepthook()
    try:
        try:
            raise RuntimeError("boom with http://127.0.0.1/cb?token1=a1-SecretSecretSecret123")
        except RuntimeError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        restore()
        caplog.handler.removeFilter(redactor)
    boxes = list(app_module._error_boxes)
    assert len(boxes) == 1 and boxes[0].isVisible() and not boxes[0].isModal()
    assert "RuntimeError" in boxes[0].text() and "a1-Secret" not in boxes[0].text()
    boxes[0].close()
    assert app_module._error_boxes == []
    logged = caplog.text
    assert "unhandled exception" in logged and "a1-SecretSecretSecret123" not in logged


async def test_saved_settings_rebuild_the_connection(tmp_path: Path) -> None:
    """Settings saved in the window are persisted and the app reconnects accordingly: choosing
    the built-in sandbox starts it (and says how to sign in there); leaving it stops it."""
    from deriv_desktop.controller import AppController
    from deriv_desktop.services.profile import SANDBOX_SERVER
    from deriv_desktop.storage.settings import Settings, SettingsFile

    settings_file = SettingsFile(tmp_path / "settings.json")
    app = AppController(
        settings=Settings(app_id="1234"),
        settings_file=settings_file,
        profile=ConnectionProfile(app_id="1234"),
        single_instance=False,
    )
    try:
        await app.start()
        window = app.sign_in_window
        assert window is not None and app.sandbox is None and app.stack is not None
        old_stack = app.stack
        window.open_settings()
        window.settings_panel.sandbox_radio.setChecked(True)
        window.settings_panel.save_button.click()
        await asyncio.wait_for(settled(app), TIMEOUT)

        assert app.stack is not old_stack and app.stack.profile.is_sandbox
        assert app.sandbox is not None and window.login is app.stack.login
        assert settings_file.load_sync().server == SANDBOX_SERVER
        assert app.sandbox.users[0].email in window.banner.text

        window.open_settings()
        window.settings_panel.deriv_radio.setChecked(True)
        window.settings_panel.save_button.click()
        await asyncio.wait_for(settled(app), TIMEOUT)
        assert app.sandbox is None and not app.stack.profile.is_sandbox
        assert settings_file.load_sync().server == ConnectionProfile().server
    finally:
        await app.shutdown()


async def settled(app: Any) -> None:
    """Wait for the settings the window saved to be applied and any restore to finish."""
    assert app.profile_task is not None
    await app.profile_task
    assert app.restore_task is not None
    await app.restore_task


async def test_a_new_language_rebuilds_the_window(tmp_path: Path) -> None:
    from deriv_desktop.controller import AppController
    from deriv_desktop.storage.settings import Settings, SettingsFile

    languages: list[str] = []
    app = AppController(
        settings=Settings(app_id="1234"),
        settings_file=SettingsFile(tmp_path / "settings.json"),
        profile=ConnectionProfile(app_id="1234"),
        overridden=("app_id",),
        single_instance=False,
        set_language=languages.append,
    )
    try:
        await app.start()
        first = app.sign_in_window
        assert first is not None and languages == ["en"]
        assert "app id" in first.settings_panel.note_label.text()
        first.open_settings()
        panel = first.settings_panel
        panel.language_combo.setCurrentIndex(panel.language_combo.findData("fr"))
        panel.save_button.click()
        await asyncio.wait_for(settled(app), TIMEOUT)

        assert languages == ["en", "fr"]
        second = app.sign_in_window
        assert second is not None and second is not first and second.isVisible()
        assert app.stack is not None and second.login is app.stack.login
        assert "Français" in second.settings_summary.text()
    finally:
        await app.shutdown()


async def test_a_proxy_is_checked_then_applied_with_its_password(ui: Ui) -> None:
    window = ui.window
    panel = window.settings_panel
    fields = panel.proxy_fields
    ui.click(window.settings_button)
    assert not fields.address.isVisible()  # the system's settings: nothing to fill in
    fields.mode_combo.setCurrentIndex(fields.mode_combo.findData("socks5"))
    assert fields.address.isVisible()
    fields.host_edit.setText("http://proxy.lan")
    fields.password_edit.setText("Proxy-Pass-1")
    ui.click(panel.save_button)
    error = panel.error_label.text()
    assert panel.error_label.isVisible()
    assert "without http://" in error and "1 to 65535" in error and "user name" in error

    fields.host_edit.setText("proxy.lan")
    fields.port_edit.setText("1080")
    fields.user_edit.setText("desk")
    applied = Catch(window.settingsApplied)
    ui.click(panel.save_button)
    (profile,) = await applied.wait()
    assert profile.proxy == ProxySettings(
        ProxyMode.SOCKS5, "proxy.lan", 1080, "desk", "Proxy-Pass-1"
    )
    assert "Proxy-Pass-1" not in repr(profile)
