"""The token manager against the in-process sandbox: real sockets, real services, real widgets.

The default stack signs in with the sandbox's full-scope account tokens; tests that need the
"used by this app" row, a session without Admin, or a PermissionDenied from the server sign in
again with pasted API tokens, exactly as a user would.
"""

from __future__ import annotations

import asyncio
import csv
import io
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.modeltest import ModelTester

from deriv_desktop.domain.errors import TokenDeleted
from deriv_desktop.domain.models import ApiToken, Scope
from deriv_desktop.gui.clipboard import SecretClipboard, secret_clipboard
from deriv_desktop.gui.models.tokens import (
    MASK,
    Column,
    Role,
    TokenFilter,
    TokensFilterProxy,
    TokensModel,
)
from deriv_desktop.gui.views.account_tools_dialog import AccountToolDialog
from deriv_desktop.gui.views.token_dialog import TokenDialog
from deriv_desktop.gui.widgets import token_create_form
from deriv_desktop.gui.widgets.message_bar import MessageKind
from deriv_desktop.gui.widgets.token_create_form import name_problem_text
from deriv_desktop.services.tokens import (
    DASHBOARD_APPS_URL,
    DASHBOARD_TOKENS_URL,
    MAX_TOKENS_PER_ACCOUNT,
    NameProblem,
    NameRule,
)
from tests.gui.fixtures import Stack, wait_until
from tests.gui.token_fixtures import (
    EN,
    all_api_token_values,
    answer,
    api_token_value,
    clipboard_text,
    closed,
    english,
    main_window,
    names,
    open_apps_dialog,
    open_token_dialog,
    press_and_answer,
    record_problems,
    record_sign_outs,
    signed_out_and_closed,
    stack_signed_in_with,
    url_spy,
    usd_stack,
    without_token_calls,
)
from tests.support.secret_sniffer import SecretSniffer, scan_for_secrets

USD_TOKENS = ["Admin tools", "Read only", "Trading bot"]


@pytest.fixture(autouse=True)
def _english_and_clean_clipboard(qapp: QApplication) -> Iterator[None]:
    QApplication.clipboard().clear()
    with english():
        yield
    QApplication.clipboard().clear()


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[Stack]:
    async with usd_stack(tmp_path) as st:
        yield st


ADMIN_TOKEN = ("Admin tools", "USD", False)
READ_ONLY_TOKEN = ("Read only", "USD", False)
DEMO_BOT_TOKEN = ("Demo bot", "USD", True)


@pytest.fixture
async def admin_stack(tmp_path: Path) -> AsyncIterator[Stack]:
    """Signed in with the pasted "Admin tools" API token of the USD account."""
    async with stack_signed_in_with(tmp_path, api_tokens=[ADMIN_TOKEN]) as st:
        yield st


def cell(dialog: TokenDialog, name: str, column: Column, role: int = 0) -> object:
    row = dialog.model.row_of(name)
    assert row >= 0, name
    return dialog.model.index(row, column).data(role or Qt.ItemDataRole.DisplayRole)


def bypass_client_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the form send what the client would refuse, to prove the server's refusal shows."""
    monkeypatch.setattr(token_create_form, "check_token_name", lambda _name, _existing: None)


async def type_and_create(dialog: TokenDialog, name: str, *scopes: Scope) -> None:
    QTest.keyClicks(dialog.form.name_edit, name)
    for scope in scopes:
        dialog.form.scope_picker.boxes[scope].click()
    assert dialog.form.create_button.isEnabled(), dialog.form.name_error.text()
    QTest.mouseClick(dialog.form.create_button, Qt.MouseButton.LeftButton)


async def refused_by_the_server(
    dialog: TokenDialog, monkeypatch: pytest.MonkeyPatch, name: str
) -> str:
    """Send ``name`` past the form's own checks; returns what shows under the name field."""
    bypass_client_checks(monkeypatch)
    await type_and_create(dialog, name, Scope.READ)
    await wait_until(lambda: dialog.form.name_error.isVisible())
    return dialog.form.name_error.text()


# ---------------------------------------------------------------------------------- the model
def sample_tokens() -> list[ApiToken]:
    return [
        ApiToken(
            "Admin tools",
            "AAAAAAAAAAAAAAA",
            frozenset({Scope.READ, Scope.ADMIN}),
            "2026-11-21 08:26:35",
        ),
        ApiToken("Read only", "BBBBBBBBBBBBBBB", frozenset({Scope.READ}), None),
        ApiToken(
            "Trading bot",
            "CCCCCCCCCCCCCCC",
            frozenset({Scope.READ, Scope.TRADE, Scope.TRADING_INFORMATION}),
            None,
            "203.0.113.7",
        ),
        ApiToken("Masked", "***************", frozenset({Scope.READ}), None),
    ]


def test_model_and_proxy_pass_the_model_tester(
    qtmodeltester: ModelTester, request: pytest.FixtureRequest
) -> None:
    model = TokensModel(locale=EN)
    proxy = TokensFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)  # type: ignore[no-untyped-call]
    second = ModelTester(request.config)  # type: ignore[no-untyped-call]
    second.check(model, force_py=True)  # type: ignore[no-untyped-call]
    model.set_tokens(sample_tokens(), in_use="AAAAAAAAAAAAAAA")
    proxy.sort(Column.LAST_USED, Qt.SortOrder.DescendingOrder)
    proxy.set_text("bot")
    proxy.set_kind(TokenFilter.IP_LOCKED)
    proxy.set_text("")
    model.set_revealed(1, True)
    proxy.set_kind(TokenFilter.ADMIN)
    model.set_tokens(sample_tokens()[:2])
    model.clear()
    assert proxy.rowCount() == 0


def test_model_roles_mask_and_describe() -> None:
    model = TokensModel(locale=EN)
    model.set_tokens(sample_tokens(), in_use="AAAAAAAAAAAAAAA")
    admin, masked = model.index(0, Column.TOKEN), model.index(3, Column.TOKEN)
    assert admin.data() == MASK
    model.set_revealed(0, True)
    assert admin.data() == "AAAAAAAAAAAAAAA"
    model.set_revealed(3, True)  # the server only gave a masked value: nothing to reveal
    assert masked.data() == MASK and not model.is_revealed(3)
    assert model.index(0, Column.NAME).data(Role.IN_USE) is True
    assert model.index(1, Column.NAME).data(Role.IN_USE) is False
    assert model.index(0, Column.SCOPES).data() == "Read, Admin"
    assert model.index(2, Column.SCOPES).data() == "Read, Trade, Trading information"
    assert model.index(0, Column.SCOPES).data(Role.SCOPES) == [Scope.READ, Scope.ADMIN]
    assert model.index(0, Column.LAST_USED).data() == "Nov 21, 2026"
    assert model.index(1, Column.LAST_USED).data() == "Never"
    assert model.index(2, Column.IP_LOCK).data() == "203.0.113.7"
    assert model.index(1, Column.IP_LOCK).data() == "Any address"
    assert model.headerData(Column.SCOPES, Qt.Orientation.Horizontal) == "Scopes"
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) is not None
    assert model.data(QModelIndex()) is None


# ---------------------------------------------------------------------------------- listing
async def test_lists_the_active_accounts_tokens(stack: Stack, qtbot: object) -> None:
    dialog = await open_token_dialog(stack)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.isVisible()
    assert dialog.loginid == stack.loginid("USD") == dialog.loaded_for
    assert names(dialog) == USD_TOKENS
    assert all(cell(dialog, n, Column.TOKEN) == MASK for n in USD_TOKENS)
    assert cell(dialog, "Admin tools", Column.SCOPES) == "Read, Admin"
    assert cell(dialog, "Admin tools", Column.SCOPES, Role.IS_ADMIN) is True
    assert cell(dialog, "Read only", Column.LAST_USED) == "Never"
    assert cell(dialog, "Admin tools", Column.LAST_USED) != "Never"
    assert cell(dialog, "Trading bot", Column.IP_LOCK) == "203.0.113.7"
    # Signed in with account tokens: none of these is the one this app uses.
    assert not any(cell(dialog, n, Column.NAME, Role.IN_USE) for n in USD_TOKENS)
    assert dialog.count_label.text() == f"3 of {MAX_TOKENS_PER_ACCOUNT} tokens"
    assert not dialog.form.create_button.isEnabled()


async def test_account_picker_lists_each_accounts_own_tokens(stack: Stack, qtbot: object) -> None:
    dialog = await open_token_dialog(stack)
    demo, btc, ltc = stack.loginid("USD", virtual=True), stack.loginid("BTC"), stack.loginid("LTC")
    assert demo in dialog.picker.loginids()
    assert ltc not in dialog.picker.loginids()  # disabled: no session token for it
    assert dialog.picker.choose(demo)
    await wait_until(lambda: dialog.loaded_for == demo)
    assert names(dialog) == ["Demo bot"]
    assert dialog.picker.choose(btc)
    await wait_until(lambda: dialog.loaded_for == btc)
    assert names(dialog) == []
    assert dialog.table_stack.currentWidget() is dialog.empty
    assert dialog.empty.title.text() == "No API tokens yet"
    assert not dialog.export_button.isEnabled()


async def test_filter_box_show_choice_and_sorting(stack: Stack, qtbot: object) -> None:
    dialog = await open_token_dialog(stack)
    QTest.keyClicks(dialog.filter_edit, "o")
    assert names(dialog) == USD_TOKENS  # all three contain an "o"
    dialog.filter_edit.clear()
    QTest.keyClicks(dialog.filter_edit, "bot")
    assert names(dialog) == ["Trading bot"]
    QTest.keyClicks(dialog.filter_edit, "x")
    assert dialog.table_stack.currentWidget() is dialog.empty
    assert dialog.empty.title.text() == "No token matches"
    dialog.filter_edit.clear()
    QTest.keyClicks(dialog.filter_edit, "admin")  # scope names are searchable too
    assert names(dialog) == ["Admin tools"]
    dialog.filter_edit.clear()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(TokenFilter.NEVER_USED.value))
    assert names(dialog) == ["Read only", "Trading bot"]
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(TokenFilter.IP_LOCKED.value))
    assert names(dialog) == ["Trading bot"]
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(TokenFilter.ALL.value))
    header = dialog.table.horizontalHeader()
    QTest.mouseClick(  # clicking "Last used" sorts by date: never used first
        header.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(header.sectionViewportPosition(Column.LAST_USED) + 10, header.height() // 2),
    )
    assert header.sortIndicatorSection() == Column.LAST_USED
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert names(dialog)[-1] == "Admin tools"
    dialog.table.sortByColumn(Column.LAST_USED, Qt.SortOrder.DescendingOrder)
    assert names(dialog)[0] == "Admin tools"
    dialog.table.sortByColumn(Column.NAME, Qt.SortOrder.DescendingOrder)
    assert names(dialog) == list(reversed(USD_TOKENS))


async def test_a_failed_load_says_why_and_offers_to_try_again(stack: Stack, qtbot: object) -> None:
    faults = stack.sandbox.faults
    faults.fail_only, faults.fail_code = frozenset({"api_token"}), "WrongResponse"
    faults.fail_rate = 1
    dialog = await open_token_dialog(stack)
    await wait_until(lambda: dialog.empty.title.text() == "The tokens could not be loaded")
    assert dialog.table_stack.currentWidget() is dialog.empty
    assert dialog.empty.body.text()  # Deriv's own words
    assert not dialog.form.create_button.isEnabled() and not dialog.export_button.isEnabled()
    faults.fail_rate = 0
    QTest.mouseClick(dialog.empty.action, Qt.MouseButton.LeftButton)
    await wait_until(lambda: names(dialog) == USD_TOKENS)
    assert dialog.table_stack.currentWidget() is dialog.table


async def test_a_late_reply_for_an_earlier_choice_is_dropped(
    stack: Stack, qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A USD list arriving after the demo account was chosen must not replace the demo's list
    (as if the reply was already on its way when the earlier request was cancelled)."""
    usd, demo = stack.loginid("USD"), stack.loginid("USD", virtual=True)
    dialog = await open_token_dialog(stack)
    monkeypatch.setattr(dialog, "cancel_reads", lambda: None)
    real, gate = dialog.service.tokens, asyncio.Event()

    async def usd_held_back(loginid: str) -> list[ApiToken]:
        tokens = await real(loginid)  # the real reply, over the socket
        if loginid == usd:
            await gate.wait()
        return tokens

    monkeypatch.setattr(dialog.service, "tokens", usd_held_back)
    dialog.reload()  # asks for USD again: held back
    assert dialog.picker.choose(demo)
    await wait_until(lambda: dialog.loaded_for == demo)
    gate.set()
    await wait_until(lambda: not [t for t in asyncio.all_tasks() if t.get_name() == "list-tokens"])
    assert dialog.loaded_for == demo and names(dialog) == ["Demo bot"]


async def test_every_failure_is_worded_by_the_one_failure_text(
    stack: Stack, qtbot: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The list, the name field, a change and the export all word their problem through
    ``AccountToolDialog.failure_text`` (which the shared problem vocabulary will feed)."""
    monkeypatch.setattr(AccountToolDialog, "failure_text", lambda _d, e: f"<{type(e).__name__}>")
    faults = stack.sandbox.faults
    faults.fail_only, faults.fail_code, faults.fail_rate = frozenset({"api_token"}), "RateLimit", 1
    dialog = await open_token_dialog(stack)
    assert dialog.empty.body.text() == "<RateLimit>"
    faults.fail_rate = 0
    dialog.reload()
    await wait_until(lambda: names(dialog) == USD_TOKENS)
    assert await refused_by_the_server(dialog, monkeypatch, "admin TOOLS") == "<APITokenError>"
    faults.fail_rate = 1
    dialog.select_token("Trading bot")
    await press_and_answer(dialog, dialog.delete_button, accept=True)
    await wait_until(lambda: dialog.banner.isVisible())
    assert dialog.banner.text == "“Trading bot” was not deleted: <RateLimit>"
    dialog.export_to(tmp_path / "no such folder" / "tokens.csv")
    await wait_until(lambda: dialog.banner.text.startswith("The file could not be saved"))
    assert dialog.banner.text == "The file could not be saved: <FileNotFoundError>"
    faults.fail_only = frozenset({"oauth_apps"})
    apps = await open_apps_dialog(stack)
    assert apps.empty.body.text() == "<RateLimit>"


# ---------------------------------------------------------------------------------- the form
@pytest.mark.parametrize(
    ("typed", "rule"),
    [
        ("bad-name", NameRule.CHARACTERS),
        ("__ _", NameRule.NEEDS_LETTER_OR_DIGIT),
        ("a", NameRule.TOO_SHORT),
        ("x" * 33, NameRule.TOO_LONG),
        ("my d3riv bot", NameRule.RESERVED),
        ("Binary helper", NameRule.RESERVED),
        ("trading BOT", NameRule.DUPLICATE),
    ],
)
async def test_name_is_checked_as_you_type(
    stack: Stack, qtbot: object, typed: str, rule: NameRule
) -> None:
    dialog = await open_token_dialog(stack)
    dialog.form.scope_picker.boxes[Scope.READ].click()
    assert not dialog.form.name_error.isVisible()  # nothing typed yet: no scolding
    QTest.keyClicks(dialog.form.name_edit, typed)
    expected = name_problem_text(NameProblem(rule, ""))
    assert dialog.form.name_error.isVisible()
    assert dialog.form.name_error.text() == expected
    assert not dialog.form.name_hint.isVisible()
    assert not dialog.form.create_button.isEnabled()
    assert dialog.form.name_edit.accessibleDescription() == expected


async def test_emptying_the_name_asks_for_one(stack: Stack, qtbot: object) -> None:
    dialog = await open_token_dialog(stack)
    dialog.form.scope_picker.boxes[Scope.READ].click()
    QTest.keyClicks(dialog.form.name_edit, "ok")
    assert dialog.form.create_button.isEnabled()
    QTest.keyClick(dialog.form.name_edit, Qt.Key.Key_Backspace)
    QTest.keyClick(dialog.form.name_edit, Qt.Key.Key_Backspace)
    assert dialog.form.name_error.text() == "Enter a name for the token."
    assert not dialog.form.create_button.isEnabled()


async def test_at_least_one_scope_and_admin_warning(stack: Stack, qtbot: object) -> None:
    dialog = await open_token_dialog(stack)
    picker = dialog.form.scope_picker
    assert [b.text() for b in picker.boxes.values()] == [
        "&Read",
        "&Trade",
        "&Payments",
        "Trading &information",
        "&Admin",
    ]
    assert all(label.text() for label in picker.descriptions.values())
    QTest.keyClicks(dialog.form.name_edit, "CI runner")
    assert not dialog.form.create_button.isEnabled()  # no scope yet
    picker.boxes[Scope.TRADE].click()
    assert dialog.form.create_button.isEnabled()
    picker.boxes[Scope.TRADE].click()
    assert dialog.form.scope_hint.isVisible()
    assert dialog.form.scope_hint.text() == "Choose at least one scope."
    assert not dialog.form.create_button.isEnabled()
    assert not picker.admin_warning.isVisible()
    picker.boxes[Scope.ADMIN].click()
    assert picker.admin_warning.isVisible()
    assert picker.admin_warning.kind is MessageKind.WARNING
    assert "take control" in picker.admin_warning.text
    assert dialog.form.create_button.isEnabled()


async def test_create_shows_the_new_token_once_and_updates_the_list(
    stack: Stack, qtbot: object
) -> None:
    dialog = await open_token_dialog(stack)
    await type_and_create(dialog, "  CI runner ", Scope.READ, Scope.TRADE)
    # words set while the dialog shows get an Alt+letter of their own too (gui.mnemonics)
    assert dialog.form.create_button.text().replace("&", "") == "Creating…"
    await wait_until(lambda: dialog.new_token.isVisible())
    value = api_token_value(stack, "CI runner")  # trimmed, as the rules say
    assert dialog.new_token.value.text() == value
    assert "CI runner" in dialog.new_token.title.text()
    # The legacy API lists values again: the note says so rather than "never again".
    assert "Show token" in dialog.new_token.note.text()
    assert "not show it again" not in dialog.new_token.note.text()
    assert names(dialog) == ["Admin tools", "CI runner", "Read only", "Trading bot"]
    assert dialog.selected_token() is not None
    assert dialog.selected_token().display_name == "CI runner"  # type: ignore[union-attr]
    created = stack.sandbox.state.tokens[value]
    assert created.scopes == ("read", "trade") and created.valid_for_ip == ""
    # The form is reset for the next one.
    assert dialog.form.name_edit.text() == "" and not dialog.form.scope_picker.scopes()
    assert not dialog.form.name_error.isVisible() and not dialog.form.create_button.isEnabled()
    # Copy from the panel, then dismiss it: the value leaves the widget.
    QTest.mouseClick(dialog.new_token.copy_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: clipboard_text() == value)
    QTest.mouseClick(dialog.new_token.dismiss_button, Qt.MouseButton.LeftButton)
    assert not dialog.new_token.isVisible() and dialog.new_token.value.text() == ""


async def test_create_ip_locked_token_with_the_return_key(stack: Stack, qtbot: object) -> None:
    dialog = await open_token_dialog(stack)
    dialog.form.scope_picker.boxes[Scope.READ].click()
    dialog.form.ip_only.click()
    QTest.keyClicks(dialog.form.name_edit, "Office only")
    QTest.keyClick(dialog.form.name_edit, Qt.Key.Key_Return)
    await wait_until(lambda: dialog.new_token.isVisible())
    assert cell(dialog, "Office only", Column.IP_LOCK) == "127.0.0.1"
    assert dialog.isVisible()  # Return created the token; it did not close the dialog


# ---------------------------------------------------------------------------------- server refusals
async def test_duplicate_name_refused_by_the_server_shows_under_the_name(
    stack: Stack, qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = await open_token_dialog(stack)
    assert await refused_by_the_server(dialog, monkeypatch, "admin TOOLS") == "The name is taken."
    assert not dialog.banner.isVisible()
    assert names(dialog) == USD_TOKENS
    QTest.keyClicks(dialog.form.name_edit, "2")  # typing again clears the server's complaint
    assert not dialog.form.name_error.isVisible()


async def test_names_the_schema_refuses_show_the_servers_details(
    stack: Stack, qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = await open_token_dialog(stack)
    shown = await refused_by_the_server(dialog, monkeypatch, "bad-name")
    assert shown.startswith("Deriv refused this name: ")
    assert len(shown) > len("Deriv refused this name: ")


async def test_one_character_name_refused_by_the_server(
    stack: Stack, qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = await open_token_dialog(stack)
    assert "between 2 and 32" in await refused_by_the_server(dialog, monkeypatch, "x")


async def test_the_thirty_first_token(
    stack: Stack, qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    usd = stack.loginid("USD")
    for i in range(MAX_TOKENS_PER_ACCOUNT - len(USD_TOKENS)):
        stack.sandbox.state.create_api_token(usd, f"Filler {i:02d}", ["read"])
    dialog = await open_token_dialog(stack)
    assert dialog.count_label.text() == "30 of 30 tokens"
    # The client says so before anything is typed, and Create stays off.
    assert dialog.form.name_error.isVisible()
    assert "30 tokens" in dialog.form.name_error.text()
    dialog.form.scope_picker.boxes[Scope.READ].click()
    QTest.keyClicks(dialog.form.name_edit, "One more")
    assert not dialog.form.create_button.isEnabled()
    # Bypassing the client's check proves the server's own refusal is shown as well.
    bypass_client_checks(monkeypatch)
    dialog.form.name_edit.clear()
    await type_and_create(dialog, "One more")
    await wait_until(lambda: dialog.form.name_error.text() == "Max 30 tokens are allowed.")
    assert dialog.model.rowCount() == 30


async def test_permission_lost_before_create_is_a_banner(admin_stack: Stack, qtbot: object) -> None:
    stack = admin_stack
    dialog = await open_token_dialog(stack)
    assert dialog.loaded_for == stack.loginid("USD")
    # Someone takes Admin away from the token on Deriv's side while the dialog is open.
    stack.sandbox.state.tokens[api_token_value(stack, "Admin tools")].scopes = ("read",)
    await type_and_create(dialog, "Too late", Scope.READ)
    await wait_until(lambda: dialog.banner.isVisible())
    assert dialog.banner.kind is MessageKind.ERROR
    assert "Your sign-in does not allow this" in dialog.banner.text
    assert not dialog.form.name_error.isVisible()
    assert dialog.showing_notice  # and the buttons that would fail are gone
    assert "can't manage API tokens" in dialog.notice.title.text()


# ---------------------------------------------------------------------------------- no admin
async def test_a_sign_in_without_admin_explains_instead_of_failing(
    tmp_path: Path, qtbot: object
) -> None:
    async with stack_signed_in_with(tmp_path, api_tokens=[READ_ONLY_TOKEN]) as stack:
        await _explains_missing_admin(stack)


async def _explains_missing_admin(stack: Stack) -> None:
    opened = url_spy(stack)
    calls_before = stack.sandbox.stats.requests.get("api_token", 0)
    dialog = await open_token_dialog(stack)
    assert dialog.showing_notice
    assert dialog.notice.title.text() == "This sign-in can't manage API tokens"
    assert "Admin scope" in dialog.notice.body.text()
    assert "sign in again with an API token" in dialog.notice.body.text()
    # Known from authorize: no request was even sent.
    assert stack.sandbox.stats.requests.get("api_token", 0) == calls_before
    QTest.mouseClick(dialog.notice.action, Qt.MouseButton.LeftButton)
    assert opened == [DASHBOARD_TOKENS_URL]


async def test_permission_denied_from_the_server_explains(tmp_path: Path, qtbot: object) -> None:
    # Authorize reports the scopes of the first token only; the demo's is read + trade.
    async with stack_signed_in_with(tmp_path, api_tokens=[ADMIN_TOKEN, DEMO_BOT_TOKEN]) as stack:
        await _permission_denied_on_list(stack)


async def _permission_denied_on_list(stack: Stack) -> None:
    demo = stack.loginid("USD", virtual=True)
    dialog = await open_token_dialog(stack)
    assert names(dialog) == USD_TOKENS
    assert dialog.picker.choose(demo)
    await wait_until(lambda: dialog.showing_notice)
    assert dialog.notice.title.text() == "This sign-in can't manage API tokens"
    assert demo in dialog.notice.body.text()
    assert dialog.service.lacks_admin(demo)
    assert dialog.picker.choose(stack.loginid("USD"))  # the admin account still works
    await wait_until(lambda: dialog.loaded_for == stack.loginid("USD"))
    assert not dialog.showing_notice


@pytest.mark.parametrize(
    ("opener", "dashboard"),
    [(open_token_dialog, DASHBOARD_TOKENS_URL), (open_apps_dialog, DASHBOARD_APPS_URL)],
    ids=["tokens", "apps"],
)
async def test_backend_without_token_calls_links_to_the_dashboard(
    stack: Stack,
    qtbot: object,
    opener: Callable[[Stack], Awaitable[AccountToolDialog[Any]]],
    dashboard: str,
) -> None:
    """Both dialogs (their shared base): no account to choose, only the way to Deriv's site."""
    opened = url_spy(stack)
    without_token_calls(stack)  # what the new-API backend reports
    dialog = await opener(stack)
    assert dialog.showing_notice
    assert "Deriv's new API" in dialog.notice.body.text()
    assert dialog.picker.isHidden() and dialog.reload_button.isHidden()
    QTest.mouseClick(dialog.notice.action, Qt.MouseButton.LeftButton)
    assert opened == [dashboard]


# ---------------------------------------------------------------------------------- copy / reveal
async def test_reveal_and_copy_then_the_clipboard_is_cleared(stack: Stack, qtbot: object) -> None:
    dialog = await open_token_dialog(stack, clear_after_ms=80)
    value = api_token_value(stack, "Read only")
    assert dialog.select_token("Read only")
    QTest.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)
    assert cell(dialog, "Read only", Column.TOKEN) == value
    assert dialog.reveal_button.text() == "&Hide token"
    QTest.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)
    assert cell(dialog, "Read only", Column.TOKEN) == MASK
    QTest.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: clipboard_text() == value)
    assert dialog.prompt is None  # no question for a non-Admin token
    assert dialog.banner.kind is MessageKind.SUCCESS
    assert dialog.clipboard.pending
    await wait_until(lambda: not dialog.clipboard.pending)
    assert clipboard_text() == ""


async def test_clipboard_changed_since_is_left_alone(stack: Stack, qtbot: object) -> None:
    dialog = await open_token_dialog(stack, clear_after_ms=80)
    cleared: list[bool] = []
    dialog.clipboard.cleared.connect(lambda: cleared.append(True))
    dialog.select_token("Trading bot")
    dialog.copy_selected()
    await wait_until(lambda: clipboard_text() == api_token_value(stack, "Trading bot"))
    QApplication.clipboard().setText("something the user copied later")
    await wait_until(lambda: not dialog.clipboard.pending)
    assert clipboard_text() == "something the user copied later"
    assert cleared == []


def test_clipboard_guard_marks_the_data_as_concealed(qtbot: object) -> None:
    guard = SecretClipboard(clear_after_ms=60_000)
    guard.copy("s3cr3tvalue1234")
    data = QApplication.clipboard().mimeData()
    assert data.text() == "s3cr3tvalue1234"
    assert bytes(data.data("x-kde-passwordManagerHint").data()) == b"secret"
    assert guard.clear_if_unchanged() is True
    assert QApplication.clipboard().text() == ""
    assert guard.clear_if_unchanged() is False  # nothing left to clear


async def test_copying_an_admin_token_asks_first(stack: Stack, qtbot: object) -> None:
    dialog = await open_token_dialog(stack)
    value = api_token_value(stack, "Admin tools")
    dialog.select_token("Admin tools")
    question = await press_and_answer(dialog, dialog.copy_button, accept=False)
    assert "Admin" in question and "open accounts" in question
    assert clipboard_text() != value
    await press_and_answer(dialog, dialog.copy_button, accept=True)
    await wait_until(lambda: clipboard_text() == value)


async def test_keyboard_ctrl_c_copies_and_delete_key_deletes(stack: Stack, qtbot: object) -> None:
    dialog = await open_token_dialog(stack)
    dialog.activateWindow()
    await wait_until(lambda: QApplication.activeWindow() is dialog)
    dialog.select_token("Read only")
    dialog.table.setFocus()
    await wait_until(lambda: dialog.table.hasFocus())
    QTest.keyClick(dialog.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    await wait_until(lambda: clipboard_text() == api_token_value(stack, "Read only"))
    QTest.keyClick(dialog.table, Qt.Key.Key_Delete)
    question = await answer(dialog, accept=True)
    assert "Read only" in question
    await wait_until(lambda: "Read only" not in names(dialog))
    # Mnemonics: every label points at its field.
    assert dialog.picker_label.buddy() is dialog.picker
    assert "&" in dialog.form.create_button.text() and "&" in dialog.delete_button.text()


# ---------------------------------------------------------------------------------- delete
async def test_delete_asks_then_deletes(stack: Stack, qtbot: object) -> None:
    dialog = await open_token_dialog(stack)
    value = api_token_value(stack, "Trading bot")
    dialog.select_token("Trading bot")
    question = await press_and_answer(dialog, dialog.delete_button, accept=False)
    assert "Delete the token “Trading bot”?" in question and "can't be undone" in question
    assert value in stack.sandbox.state.tokens
    await press_and_answer(dialog, dialog.delete_button, accept=True)
    await wait_until(lambda: names(dialog) == ["Admin tools", "Read only"])
    assert value not in stack.sandbox.state.tokens
    assert dialog.banner.kind is MessageKind.SUCCESS
    assert dialog.banner.text == "Token “Trading bot” deleted."
    assert stack.state.accounts  # still signed in


async def test_deleting_the_token_in_use_signs_out_cleanly(
    admin_stack: Stack, qtbot: object
) -> None:
    stack = admin_stack
    problems, sign_outs = record_problems(stack), record_sign_outs(stack)
    dialog = await open_token_dialog(stack)
    assert cell(dialog, "Admin tools", Column.NAME, Role.IN_USE) is True
    assert not cell(dialog, "Read only", Column.NAME, Role.IN_USE)
    dialog.select_token("Admin tools")
    question = await press_and_answer(dialog, dialog.delete_button, accept=True)
    assert "signed in with" in question and "signs you out" in question

    def told() -> bool:  # the server pushed TokenDeleted to the streams opened with it
        return any(isinstance(p, TokenDeleted) for p in problems)

    await signed_out_and_closed(stack, dialog, sign_outs, told)  # nothing was left half done
    assert not stack.session.signed_in
    assert stack.state.accounts == [] and stack.state.active is None
    assert await stack.session.store.load(stack.session.key) in (None, {})


# ------------------------------------------------------------------------- export and leaks
async def test_export_through_the_file_chooser(stack: Stack, qtbot: object, tmp_path: Path) -> None:
    dialog = await open_token_dialog(stack)
    QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    chooser = dialog.file_dialog
    assert isinstance(chooser, QFileDialog) and chooser.isVisible()
    assert chooser.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    target = tmp_path / "tokens"
    chooser.selectFile(str(target))
    chooser.accept()
    written = tmp_path / "tokens.csv"  # the default suffix was added
    await wait_until(lambda: dialog.banner.isVisible() and written.exists())
    assert dialog.banner.kind is MessageKind.SUCCESS
    text = written.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["account", "name", "scopes"]
    assert [r[1] for r in rows[1:]] == USD_TOKENS
    assert not any(v in text for v in all_api_token_values(stack))


async def test_no_token_value_reaches_the_logs_or_the_csv(
    admin_stack: Stack,
    qtbot: object,
    tmp_path: Path,
    secret_sniffer: SecretSniffer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    stack = admin_stack
    dialog = await open_token_dialog(stack, clear_after_ms=50)
    await type_and_create(dialog, "Leak check", Scope.READ, Scope.ADMIN)
    await wait_until(lambda: dialog.new_token.isVisible())
    QTest.mouseClick(dialog.new_token.copy_button, Qt.MouseButton.LeftButton)
    await answer(dialog, accept=True)
    await wait_until(lambda: not dialog.clipboard.pending and clipboard_text() == "")
    dialog.select_token("Read only")
    dialog.toggle_reveal()
    dialog.select_token("Trading bot")
    dialog.delete_selected()
    await answer(dialog, accept=True)
    await wait_until(lambda: "Trading bot" not in names(dialog))
    target = tmp_path / "export.csv"
    dialog.export_to(target)
    await wait_until(target.exists)
    values = [*all_api_token_values(stack), api_token_value(stack, "Admin tools")]
    assert len(values) >= 4
    ours = [r for r in caplog.records if r.name.startswith("deriv_desktop")]
    assert any(r.levelno == logging.DEBUG for r in ours)  # DEBUG was captured
    # Only our own loggers: websockets' frame dumps (DEBUG, third-party) carry the protocol's
    # token fields by design and are masked by the app's RedactingFilter, not tested here.
    found = scan_for_secrets(values, records=ours, paths=[secret_sniffer.home, target])
    assert not found, "secrets leaked:\n" + "\n".join(str(f) for f in found)
    assert "Leak check" in target.read_text(encoding="utf-8-sig")


# ---------------------------------------------------------------------------------- integration
async def test_tools_menu_opens_one_window_modal_manager(stack: Stack, qtbot: object) -> None:
    window = await main_window(stack)
    assert window.tokens_action.isEnabled()
    window.tokens_action.trigger()
    dialog = stack.ctx.open_dialogs.get("dialog:TokenDialog")
    assert isinstance(dialog, TokenDialog)
    stack.windows.append(dialog)
    assert dialog.parent() is window
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    await wait_until(lambda: dialog.loaded_for is not None)
    window.tokens_action.trigger()  # a second trigger raises the same dialog
    assert stack.ctx.open_dialogs.get("dialog:TokenDialog") is dialog
    QTest.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    await wait_until(lambda: closed(dialog))


def test_the_application_guard_is_shared_and_outlives_dialogs(qtbot: object) -> None:
    guard = secret_clipboard()
    assert secret_clipboard() is guard
    assert guard.parent() is QApplication.instance()  # not a dialog: its timer keeps running
    assert guard.clear_after_ms == 30_000  # Deriv Desktop's default: half a minute
