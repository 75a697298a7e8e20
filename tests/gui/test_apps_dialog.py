"""The connected-apps dialog against the in-process sandbox: real sockets, real services.

The first sandbox user has connected Deriv (16929, official), Copy Trader Pro (41234, 1.5 %
markup) and Balance Buddy (45678, never used). The test app id is 1089 ("Deriv API demo");
signing in through it with OAuth makes it a connected app too, the one that is "this app".
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.modeltest import ModelTester

from deriv_desktop.domain.errors import InvalidToken
from deriv_desktop.domain.models import ConnectedApp, Scope
from deriv_desktop.gui.models.apps import AppColumn, AppRole, AppsFilterProxy, AppsModel
from deriv_desktop.gui.models.tokens import Role
from deriv_desktop.gui.views.apps_dialog import AppsDialog
from deriv_desktop.gui.widgets.message_bar import MessageKind
from deriv_desktop.services.tokens import DASHBOARD_APPS_URL
from tests.gui.fixtures import APP_ID, Stack, wait_until
from tests.gui.token_fixtures import (
    EN,
    all_api_token_values,
    answer,
    closed,
    english,
    main_window,
    names,
    open_apps_dialog,
    press_and_answer,
    record_problems,
    record_sign_outs,
    signed_out_and_closed,
    stack_signed_in_with,
    url_spy,
    usd_stack,
)
from tests.support.secret_sniffer import SecretSniffer, scan_for_secrets

THIRD_PARTY = ["Balance Buddy", "Copy Trader Pro"]


@pytest.fixture(autouse=True)
def _english(qapp: QApplication) -> Iterator[None]:
    with english():
        yield


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[Stack]:
    async with usd_stack(tmp_path) as st:
        yield st


def cell(dialog: AppsDialog, app_id: int, column: AppColumn, role: int = 0) -> object:
    row = dialog.model.row_of(app_id)
    assert row >= 0, app_id
    return dialog.model.index(row, column).data(role or Qt.ItemDataRole.DisplayRole)


# ---------------------------------------------------------------------------------- the model
def test_model_and_proxy_pass_the_model_tester(
    qtmodeltester: ModelTester, request: pytest.FixtureRequest
) -> None:
    model = AppsModel(this_app_id="1089", locale=EN)
    proxy = AppsFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)  # type: ignore[no-untyped-call]
    second = ModelTester(request.config)  # type: ignore[no-untyped-call]
    second.check(model, force_py=True)  # type: ignore[no-untyped-call]
    apps = [
        ConnectedApp(16929, "Deriv", frozenset(Scope), "2026-11-22 08:00:00", True, 0.0),
        ConnectedApp(41234, "Copy Trader Pro", frozenset({Scope.READ}), None, False, 1.5),
        ConnectedApp(1089, "Deriv API demo", frozenset({Scope.ADMIN}), None, False, 0.25),
    ]
    model.set_apps(apps)
    assert proxy.rowCount() == 2  # the official one is hidden by default
    proxy.set_show_official(True)
    assert proxy.rowCount() == 3
    proxy.sort(AppColumn.MARKUP, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, AppColumn.NAME).data() == "Copy Trader Pro"
    proxy.set_text("1089")
    assert proxy.rowCount() == 1
    assert proxy.index(0, AppColumn.NAME).data(AppRole.THIS_APP) is True
    assert proxy.index(0, AppColumn.MARKUP).data() == "0.25%"
    model.set_apps(apps[:1])
    model.clear()
    assert proxy.rowCount() == 0


# ---------------------------------------------------------------------------------- listing
async def test_lists_third_party_apps_with_readable_details(stack: Stack, qtbot: object) -> None:
    dialog = await open_apps_dialog(stack)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.loaded_for == stack.loginid("USD")
    assert names(dialog) == THIRD_PARTY  # Deriv's own app is not listed, as on Deriv's page
    assert cell(dialog, 41234, AppColumn.APP_ID) == "41234"
    assert cell(dialog, 41234, AppColumn.PERMISSIONS) == "Read, Trade, Trading information"
    assert cell(dialog, 41234, AppColumn.PERMISSIONS, Role.SCOPES) == [
        Scope.READ,
        Scope.TRADE,
        Scope.TRADING_INFORMATION,
    ]
    assert cell(dialog, 41234, AppColumn.MARKUP) == "1.5%"
    assert cell(dialog, 45678, AppColumn.MARKUP) == "None"
    assert cell(dialog, 45678, AppColumn.LAST_USED) == "Never"
    assert str(cell(dialog, 41234, AppColumn.LAST_USED)).count(",") == 2  # date and time
    assert dialog.count_label.text() == "Apps listed: 2 (1 of Deriv's own hidden)"
    dialog.show_official.click()
    assert names(dialog) == ["Balance Buddy", "Copy Trader Pro", "Deriv"]
    assert cell(dialog, 16929, AppColumn.NAME, Qt.ItemDataRole.ToolTipRole) == (
        "One of Deriv's own apps"
    )
    QTest.keyClicks(dialog.filter_edit, "trading information")
    assert names(dialog) == ["Copy Trader Pro", "Deriv"]


async def test_empty_state_explains_what_is_not_listed(stack: Stack, qtbot: object) -> None:
    for app_id in (41234, 45678):
        stack.sandbox.state.revoke_app(stack.user, app_id)
    dialog = await open_apps_dialog(stack)
    assert names(dialog) == []
    assert dialog.table_stack.currentWidget() is dialog.empty
    assert dialog.empty.title.text() == "No third-party apps are connected to this account"
    body = dialog.empty.body.text()
    assert "responsible" in body and "Deriv's own apps are not listed" in body
    assert not dialog.revoke_button.isEnabled()
    dialog.show_official.click()
    assert names(dialog) == ["Deriv"]


async def test_a_failed_load_says_why_and_offers_to_try_again(stack: Stack, qtbot: object) -> None:
    faults = stack.sandbox.faults
    faults.fail_only, faults.fail_code = frozenset({"oauth_apps"}), "WrongResponse"
    faults.fail_rate = 1
    dialog = await open_apps_dialog(stack)
    assert dialog.empty.title.text() == "The connected apps could not be loaded"
    assert dialog.table_stack.currentWidget() is dialog.empty
    assert not dialog.revoke_button.isEnabled()
    faults.fail_rate = 0
    QTest.mouseClick(dialog.empty.action, Qt.MouseButton.LeftButton)
    await wait_until(lambda: names(dialog) == THIRD_PARTY)


# ---------------------------------------------------------------------------------- revoke
async def test_revoke_asks_then_shows_the_outcome(stack: Stack, qtbot: object) -> None:
    dialog = await open_apps_dialog(stack)
    assert dialog.select_app(41234)
    question = await press_and_answer(dialog, dialog.revoke_button, accept=False)
    assert "Revoke access for “Copy Trader Pro”?" in question
    assert 41234 in stack.user.consents
    dialog.select_app(41234)
    await press_and_answer(dialog, dialog.revoke_button, accept=True)
    await wait_until(lambda: names(dialog) == ["Balance Buddy"])
    assert 41234 not in stack.user.consents
    assert dialog.banner.kind is MessageKind.SUCCESS
    assert dialog.banner.text == "Access for “Copy Trader Pro” revoked."
    assert stack.session.signed_in  # someone else's app: we stay signed in


async def test_delete_key_revokes_the_selected_app(stack: Stack, qtbot: object) -> None:
    dialog = await open_apps_dialog(stack)
    dialog.activateWindow()
    await wait_until(lambda: QApplication.activeWindow() is dialog)
    dialog.select_app(45678)
    dialog.table.setFocus()
    await wait_until(lambda: dialog.table.hasFocus())
    QTest.keyClick(dialog.table, Qt.Key.Key_Delete)
    question = await answer(dialog, accept=True)
    assert "Balance Buddy" in question
    await wait_until(lambda: names(dialog) == ["Copy Trader Pro"])


async def test_revoking_an_official_app_says_what_it_means(stack: Stack, qtbot: object) -> None:
    dialog = await open_apps_dialog(stack)
    dialog.show_official.click()
    dialog.select_app(16929)
    dialog.revoke_selected()
    question = await answer(dialog, accept=False)
    assert "one of Deriv's own apps" in question


async def test_revoking_this_very_app_warns_and_signs_out(tmp_path: Path, qtbot: object) -> None:
    async with stack_signed_in_with(tmp_path, our_oauth_app=True) as stack:
        problems, sign_outs = record_problems(stack), record_sign_outs(stack)
        dialog = await open_apps_dialog(stack)
        ours = int(APP_ID)
        assert "Deriv API demo" in names(dialog)
        assert cell(dialog, ours, AppColumn.NAME, Role.IN_USE) is True
        assert not cell(dialog, 41234, AppColumn.NAME, Role.IN_USE)
        dialog.select_app(ours)
        question = await press_and_answer(dialog, dialog.revoke_button, accept=True)
        assert "the app you are using now" in question and "signs you out" in question

        def told() -> bool:  # Deriv killed this app's tokens: the streams opened with them know
            return any(isinstance(p, InvalidToken) for p in problems)

        await signed_out_and_closed(stack, dialog, sign_outs, told)
        assert ours not in stack.user.consents
        assert not stack.session.signed_in and stack.state.accounts == []


async def test_without_admin_the_list_shows_but_revoke_is_explained(
    tmp_path: Path, qtbot: object
) -> None:
    async with stack_signed_in_with(tmp_path, api_tokens=[("Read only", "USD", False)]) as stack:
        opened = url_spy(stack)
        dialog = await open_apps_dialog(stack)
        assert names(dialog) == THIRD_PARTY
        dialog.select_app(41234)
        assert not dialog.revoke_button.isEnabled()
        assert not dialog.revoke_action.isEnabled()
        assert dialog.admin_note.isVisible()
        assert "Admin scope" in dialog.admin_note.text
        QTest.mouseClick(dialog.admin_link, Qt.MouseButton.LeftButton)
        assert opened == [DASHBOARD_APPS_URL]


async def test_permission_denied_on_revoke_is_a_banner(tmp_path: Path, qtbot: object) -> None:
    async with stack_signed_in_with(tmp_path, api_tokens=[("Admin tools", "USD", False)]) as stack:
        dialog = await open_apps_dialog(stack)
        dialog.select_app(41234)
        assert dialog.revoke_button.isEnabled()
        # Admin is taken away from the token on Deriv's side while the dialog is open.
        world = stack.sandbox.state
        token = next(
            t for t in world.api_tokens(stack.loginid("USD")) if t.display_name == "Admin tools"
        )
        token.scopes = ("read",)
        await press_and_answer(dialog, dialog.revoke_button, accept=True)
        await wait_until(lambda: dialog.banner.isVisible())
        assert dialog.banner.kind is MessageKind.ERROR
        assert dialog.banner.text == (
            "“Copy Trader Pro” still has access: Your sign-in does not allow this. "
            "Sign in with a token that has the access it needs."
        )
        assert 41234 in stack.user.consents
        assert dialog.admin_note.isVisible() and not dialog.revoke_button.isEnabled()


# ---------------------------------------------------------------------------------- export
async def test_export_through_the_file_chooser(
    stack: Stack,
    qtbot: object,
    tmp_path: Path,
    secret_sniffer: SecretSniffer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    dialog = await open_apps_dialog(stack)
    QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    chooser = dialog.file_dialog
    assert isinstance(chooser, QFileDialog) and chooser.isVisible()
    chooser.selectFile(str(tmp_path / "apps.csv"))
    chooser.accept()
    written = tmp_path / "apps.csv"
    await wait_until(lambda: written.exists() and dialog.banner.isVisible())
    rows = list(csv.reader(io.StringIO(written.read_text(encoding="utf-8-sig"))))
    assert rows[0] == [
        "account",
        "app_id",
        "name",
        "scopes",
        "last_used",
        "markup_percentage",
        "official",
    ]
    by_id = {r[1]: r for r in rows[1:]}
    assert set(by_id) == {"16929", "41234", "45678"}  # the file has them all, with the flag
    assert by_id["16929"][6] == "yes" and by_id["41234"][5] == "1.5"
    assert not scan_for_secrets(
        all_api_token_values(stack),
        records=[r for r in caplog.records if r.name.startswith("deriv_desktop")],
        paths=[secret_sniffer.home, written],
    )


# ---------------------------------------------------------------------------------- integration
async def test_tools_menu_opens_the_dialog(stack: Stack, qtbot: object) -> None:
    window = await main_window(stack)
    window.apps_action.trigger()
    dialog = stack.ctx.open_dialogs.get("dialog:AppsDialog")
    assert isinstance(dialog, AppsDialog)
    stack.windows.append(dialog)
    assert dialog.parent() is window
    await wait_until(lambda: dialog.loaded_for is not None)
    assert names(dialog) == THIRD_PARTY
    dialog.reject()
    await wait_until(lambda: closed(dialog))
