"""The security checkup window against the sandbox: the ranked list and its summary, every fix
through its button and confirmation, "replace with a safer token" failing half-way either way,
"this is expected" and its undo, the exports, the main window's badge and the new API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from deriv_desktop.domain.models import ApiToken
from deriv_desktop.gui.clipboard import SecretClipboard
from deriv_desktop.gui.views.checkup_dialog import CheckupDialog, replacement_name
from deriv_desktop.gui.widgets.message_bar import MessageKind
from deriv_desktop.services.checkup_rules import FindingKind, Severity
from tests.gui.checkup_fixtures import clean_stack, risky_stack, token_names
from tests.gui.fixtures import Stack, wait_until
from tests.gui.token_fixtures import (
    answer,
    english,
    main_window,
    names,
    shown,
    url_spy,
    without_token_calls,
)

K = FindingKind


@pytest.fixture(autouse=True)
def _english(qapp: QApplication) -> Iterator[None]:
    with english():
        yield
    QApplication.clipboard().clear()


async def open_checkup(stack: Stack) -> CheckupDialog:
    clipboard = SecretClipboard(clear_after_ms=60_000)
    dialog = CheckupDialog(stack.ctx, clipboard=clipboard)
    clipboard.setParent(dialog)
    dialog = await shown(stack, dialog)
    await wait_until(lambda: dialog.loaded_for is not None)
    return dialog


async def test_a_narrow_window_keeps_the_risk_column_in_sight(tmp_path: Path) -> None:
    # Selecting a row once scrolled the table to its name column, past the risk level.
    async with risky_stack(tmp_path) as stack:
        dialog = CheckupDialog(stack.ctx)
        dialog.resize(dialog.minimumSize())
        dialog = await shown(stack, dialog)
        await wait_until(lambda: dialog.loaded_for is not None)
        dialog.table.setColumnWidth(1, 900)  # findings as long as some are in French
        sideways = dialog.table.horizontalScrollBar()
        assert sideways.maximum() > 0  # the findings are wider than the window
        select(dialog, K.APP_POWER, "Cash Mover")
        assert sideways.value() == 0
        assert dialog.table.columnViewportPosition(0) == 0


def select(dialog: CheckupDialog, kind: FindingKind, subject: str) -> None:
    report = dialog.checkup.report
    assert report is not None
    (finding,) = [f for f in report.findings if f.kind is kind and f.subject == subject]
    assert dialog.select_finding(finding.id)


def click(button: object) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[call-overload]


def rows(dialog: CheckupDialog) -> list[str]:
    return [
        str(dialog.proxy.index(r, 1).data()) + " / " + str(dialog.proxy.index(r, 2).data())
        for r in range(dialog.proxy.rowCount())
    ]


async def test_findings_are_ranked_with_a_summary_and_the_fixes_that_apply(
    tmp_path: Path,
) -> None:
    async with risky_stack(tmp_path) as stack:
        dialog = await open_checkup(stack)
        report = dialog.checkup.report
        assert report is not None and dialog.model.rowCount() == len(report.findings)
        risks = [str(dialog.proxy.index(r, 0).data()) for r in range(dialog.proxy.rowCount())]
        assert risks[0] == "High risk" and risks[-1] == "For your information"
        assert f"High risk: {report.count(Severity.HIGH)}" in dialog.summary.text()
        assert "accounts checked: 3" in dialog.ran_at.text()
        select(dialog, K.TOKEN_UNLOCKED_POWER, "Payout script")
        assert dialog.replace_button.isVisibleTo(dialog) and dialog.delete_button.isEnabled()
        assert not dialog.revoke_button.isVisibleTo(dialog)
        assert "Payout script" in dialog.detail.text() and "Payments" in dialog.detail.text()
        select(dialog, K.APP_POWER, "Cash Mover")
        assert dialog.revoke_button.isVisibleTo(dialog)
        assert not dialog.replace_button.isVisibleTo(dialog)
        select(dialog, K.SIGN_IN_SCOPES, "")
        assert not dialog.expected_button.isVisibleTo(dialog)  # information only


async def test_delete_and_revoke_through_the_buttons(tmp_path: Path) -> None:
    async with risky_stack(tmp_path) as stack:
        dialog = await open_checkup(stack)
        select(dialog, K.TOKEN_NEVER_USED, "Sheet import")
        click(dialog.delete_button)
        text = await answer(dialog, accept=True)  # type: ignore[arg-type]
        assert "Sheet import" in text
        await wait_until(lambda: "Sheet import" not in token_names(stack))
        await wait_until(lambda: not any("Sheet import" in r for r in rows(dialog)))
        assert dialog.banner.kind is MessageKind.SUCCESS

        select(dialog, K.APP_POWER, "Cash Mover")
        click(dialog.revoke_button)
        await answer(dialog, accept=False)  # type: ignore[arg-type]
        assert 52001 in stack.user.consents  # declined: nothing changed
        click(dialog.revoke_button)
        await answer(dialog, accept=True)  # type: ignore[arg-type]
        await wait_until(lambda: 52001 not in stack.user.consents)
        await wait_until(lambda: not any("Cash Mover" in r for r in rows(dialog)))


async def replace(dialog: CheckupDialog, subject: str) -> None:
    select(dialog, K.TOKEN_UNLOCKED_POWER, subject)
    click(dialog.replace_button)
    await wait_until(lambda: dialog.replace_box is not None and dialog.replace_box.isVisible())
    box = dialog.replace_box
    assert box is not None and box.form.create_button.isEnabled()
    click(box.form.create_button)
    await wait_until(lambda: dialog.replace_box is None)


async def test_replace_shows_the_new_token_once_then_deletes_the_old(tmp_path: Path) -> None:
    async with risky_stack(tmp_path) as stack:
        dialog = await open_checkup(stack)
        await replace(dialog, "Old admin")
        await wait_until(lambda: "Old admin" not in token_names(stack))
        assert "Old admin 2" in token_names(stack)
        new = next(
            t
            for t in stack.sandbox.state.api_tokens(stack.loginid("USD"))
            if t.display_name == "Old admin 2"
        )
        assert new.scopes == ("read", "trade")  # Admin dropped
        assert dialog.new_token.isVisible() and dialog.new_token.value.text() == new.value
        await wait_until(lambda: dialog.banner.kind is MessageKind.SUCCESS)
        click(dialog.new_token.copy_button)
        await wait_until(lambda: QApplication.clipboard().text() == new.value)
        dialog.reject()
        assert dialog.new_token.value.text() == ""  # gone with the dialog


async def test_replace_whose_create_fails_changes_nothing(tmp_path: Path) -> None:
    async with risky_stack(tmp_path) as stack:
        dialog = await open_checkup(stack)
        before = token_names(stack)
        stack.sandbox.faults.fail_next("api_token", "WrongResponse")
        await replace(dialog, "Payout script")
        await wait_until(lambda: dialog.banner.kind is MessageKind.ERROR)
        assert "unchanged" in dialog.banner.text
        assert token_names(stack) == before and not dialog.new_token.isVisible()


async def test_replace_whose_delete_fails_keeps_both_and_says_so(tmp_path: Path) -> None:
    async with risky_stack(tmp_path) as stack:
        dialog = await open_checkup(stack)
        show_once = dialog._show_new_token

        def shown_then_fail_the_delete(token: ApiToken) -> None:
            show_once(token)  # created: the next api_token request is the delete
            stack.sandbox.faults.fail_next("api_token", "WrongResponse")

        dialog._show_new_token = shown_then_fail_the_delete  # type: ignore[method-assign]
        await replace(dialog, "Payout script")
        await wait_until(lambda: dialog.banner.kind is MessageKind.WARNING)
        assert "could not be deleted" in dialog.banner.text
        names_now = token_names(stack)
        assert "Payout script" in names_now and "Payout script 2" in names_now
        assert dialog.new_token.isVisible()  # the new token is still shown once


async def test_this_is_expected_hides_the_finding_and_can_be_undone(tmp_path: Path) -> None:
    async with risky_stack(tmp_path) as stack:
        dialog = await open_checkup(stack)
        window = await main_window(stack)
        await wait_until(lambda: window.checkup_badge.isVisible())
        before = dialog.checkup.report.attention  # type: ignore[union-attr]
        select(dialog, K.APP_THIRD_PARTY_TRADE, "Copy Trader Pro")
        click(dialog.expected_button)
        await wait_until(lambda: not any("Copy Trader Pro" in r for r in rows(dialog)))
        assert str(before - 1) in window.checkup_badge.text()
        click(dialog.show_expected)
        assert any("Copy Trader Pro" in r for r in rows(dialog))
        select(dialog, K.APP_THIRD_PARTY_TRADE, "Copy Trader Pro")
        assert dialog.expected_button.text().replace("&", "") == "Not expected any more"
        click(dialog.expected_button)
        await wait_until(lambda: str(before) in window.checkup_badge.text())
        assert stack.ctx.settings.checkup_acknowledged == []


async def test_exports_hold_names_never_token_values(tmp_path: Path) -> None:
    async with risky_stack(tmp_path) as stack:
        dialog = await open_checkup(stack)
        dialog.export_to(tmp_path / "c.csv")
        dialog.export_html_to(tmp_path / "c.html")
        await wait_until(lambda: (tmp_path / "c.csv").exists() and (tmp_path / "c.html").exists())
        csv_text = (tmp_path / "c.csv").read_bytes().decode("utf-8-sig")
        page = (tmp_path / "c.html").read_text(encoding="utf-8")
        assert "Payout script" in csv_text and "Payout script" in page
        assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "src=" not in page
        values = [t.value for t in stack.sandbox.state.tokens.values()]
        assert not any(v in csv_text or v in page for v in values)
        assert csv_text.count("\r\n") == dialog.proxy.rowCount() + 1


async def test_the_badge_and_the_tools_menu(tmp_path: Path) -> None:
    async with risky_stack(tmp_path) as stack:
        window = await main_window(stack)
        assert not window.checkup_badge.isVisible()
        window.run_checkup()
        await wait_until(lambda: window.checkup_badge.isVisible())
        attention = stack.ctx.checkup.report.attention  # type: ignore[union-attr]
        assert f"({attention})" in window.checkup_action.text()
        before = stack.sandbox.stats.requests["api_token"]
        window.checkup_action.trigger()
        dialog = stack.ctx.open_dialogs["dialog:CheckupDialog"]
        assert isinstance(dialog, CheckupDialog)
        stack.windows.append(dialog)
        await wait_until(lambda: dialog.loaded_for is not None and not dialog.running)
        assert stack.sandbox.stats.requests["api_token"] == before  # opened from what is held


async def test_the_clean_user_gets_no_badge(tmp_path: Path) -> None:
    async with clean_stack(tmp_path) as stack:
        window = await main_window(stack)
        window.run_checkup()
        await wait_until(lambda: stack.ctx.checkup.report is not None)
        assert not window.checkup_badge.isVisible()
        dialog = await open_checkup(stack)
        assert names(dialog) == [""]  # the information row about the sign-in's scopes
        assert "High risk: 0" in dialog.summary.text()


async def test_new_api_says_what_it_checked_and_opens_the_dashboard(tmp_path: Path) -> None:
    async with risky_stack(tmp_path) as stack:
        without_token_calls(stack)
        opened = url_spy(stack)
        dialog = await open_checkup(stack)
        report = dialog.checkup.report
        assert report is not None and [f.kind for f in report.findings] == [K.NEW_API]
        assert "Trade" in dialog.detail.text()
        click(dialog.dashboard_button)
        assert opened and "deriv.com" in opened[0]


def test_replacement_names_fit_deriv_s_rules() -> None:
    assert replacement_name("Bot", ["Bot", "bot 2"]) == "Bot 3"
    long = "A" * 32
    assert len(replacement_name(long, [long])) == 32
