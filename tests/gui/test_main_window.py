"""The main window against the in-process sandbox: real sockets, real services, real widgets.

Every test signs in as the sandbox's first user (USD, BTC, UST, ETH, EUR/MF, a disabled LTC, a
self-excluded USDC and a demo account) and drives the window the way a user would.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTranslator,
    QUrl,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from deriv_desktop.api.backoff import Backoff
from deriv_desktop.domain.connection import LinkPhase
from deriv_desktop.gui.models.accounts import AccountGroup, Role
from deriv_desktop.gui.views.main_window import MainWindow
from deriv_desktop.gui.widgets.account_delegate import AccountDelegate
from deriv_desktop.gui.widgets.accounts_view import AccountsView
from deriv_desktop.gui.widgets.message_bar import MessageKind
from deriv_desktop.gui.widgets.sign_in_parts import quit_keys
from deriv_desktop.storage.settings import Settings
from tests.gui.fixtures import Stack, fixed_clock, signed_in_stack, wait_until

EN = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


@pytest.fixture(autouse=True)
def _english_numbers() -> object:
    previous = QLocale()
    QLocale.setDefault(EN)
    yield
    QLocale.setDefault(previous)


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[Stack]:
    async with signed_in_stack(tmp_path) as st:
        yield st


def open_window(stack: Stack, qtbot: object, **kwargs: object) -> MainWindow:
    """Show a window; the stack closes it at teardown while the event loop still runs."""
    window = MainWindow(stack.ctx, **kwargs)  # type: ignore[arg-type]
    stack.windows.append(window)
    window.resize(640, 900)
    window.show()
    return window


def row_center(window: MainWindow, loginid: str) -> QPoint:
    index = window.view.index_for(loginid)
    assert index.isValid(), loginid
    window.view.scrollTo(index)
    return window.view.visualRect(index).center()


def click_row(window: MainWindow, loginid: str) -> None:
    QTest.mouseClick(
        window.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        row_center(window, loginid),
    )


def balance_text(window: MainWindow, loginid: str) -> str:
    return str(window.model.index_of(loginid).data(Role.BALANCE_TEXT))


# ---------------------------------------------------------------------------------- display
async def test_shows_the_users_accounts_grouped_with_live_data(stack: Stack, qtbot: object) -> None:
    window = open_window(stack, qtbot)
    model = window.model
    assert model.groups == [AccountGroup.REAL_NON_EU, AccountGroup.REAL_EU, AccountGroup.DEMO]
    non_eu = model.loginids(AccountGroup.REAL_NON_EU)
    # Deriv's order inside the group: fiat first, then crypto, alphabetically by code.
    assert [stack.state.account(x).currency for x in non_eu] == [  # type: ignore[union-attr]
        "USD",
        "BTC",
        "ETH",
        "LTC",
        "USDC",
        "UST",
    ]
    assert model.loginids(AccountGroup.REAL_EU) == [stack.loginid("EUR")]
    assert balance_text(window, stack.loginid("USD")) == "10,250.37 USD"
    assert balance_text(window, stack.loginid("BTC")) == "0.12345678 BTC"
    assert balance_text(window, stack.loginid("ETH")) == "2.50000000 ETH"
    assert balance_text(window, stack.loginid("UST")) == "1,500.00 USDT"
    assert window.header.user.text() == "Signed in as Amara Nkosi"
    active = stack.state.account(stack.state.active or "")
    assert active is not None
    assert window.header.balance.text() == balance_text(window, active.loginid)
    assert window.connection.label.text() == "Online"
    assert not window.stale_banner.isVisible()
    # Real and demo totals as the server computed them.
    assert window.totals.real.value.text().endswith(" USD")
    assert window.totals.demo.value.text() == "870.00 USD"


async def test_balance_pushes_update_the_row_and_the_header(stack: Stack, qtbot: object) -> None:
    window = open_window(stack, qtbot)
    usd = stack.loginid("USD")
    await stack.session.switch(usd)
    stack.sandbox.state.set_balance(usd, "12345.6")
    await wait_until(lambda: balance_text(window, usd) == "12,345.60 USD")
    await wait_until(lambda: window.header.balance.text() == "12,345.60 USD")
    assert "Last updated" in str(window.model.index_of(usd).data(Qt.ItemDataRole.ToolTipRole))


async def test_french_locale_uses_french_separators(stack: Stack, qtbot: object) -> None:
    window = open_window(stack, qtbot)
    window.set_locale(QLocale(QLocale.Language.French, QLocale.Country.France))
    sep = QLocale(QLocale.Language.French, QLocale.Country.France).groupSeparator()
    assert balance_text(window, stack.loginid("USD")) == f"10{sep}250,37 USD"
    assert balance_text(window, stack.loginid("BTC")) == "0,12345678 BTC"


async def test_disabled_and_self_excluded_rows(stack: Stack, qtbot: object) -> None:
    window = open_window(stack, qtbot)
    ltc, usdc = stack.loginid("LTC"), stack.loginid("USDC")
    disabled = window.view.index_for(ltc)
    assert not disabled.flags() & Qt.ItemFlag.ItemIsEnabled
    before = stack.state.active
    click_row(window, ltc)
    await asyncio.sleep(0)
    assert stack.state.active == before
    assert not window.switch_actions[ltc].isEnabled()
    # Self-excluded accounts can still be opened; the row says until when.
    excluded = window.view.index_for(usdc)
    assert any("Self-excluded until" in b.text for b in excluded.data(Role.BADGES))
    click_row(window, usdc)
    await wait_until(lambda: stack.state.active == usdc)


async def test_accounts_without_a_token_cannot_be_switched_to(
    tmp_path: Path, qtbot: object
) -> None:
    async with signed_in_stack(
        tmp_path, with_tokens_for=lambda x: not x.startswith("CR") or x.endswith("1")
    ) as st:
        window = open_window(st, qtbot)
        btc = st.loginid("BTC")
        account = st.state.account(btc)
        assert account is not None and not account.has_token
        index = window.view.index_for(btc)
        assert not index.flags() & Qt.ItemFlag.ItemIsSelectable
        assert "cannot switch" in str(index.data(Qt.ItemDataRole.ToolTipRole))
        before = st.state.active
        click_row(window, btc)
        await wait_until(lambda: window.messages.isVisible())
        assert "did not grant access" in window.messages.text
        assert st.state.active == before
        assert not window.switch_actions[btc].isEnabled()
        assert window.switch_actions[btc].shortcut().isEmpty()


# ---------------------------------------------------------------------------------- switching
async def test_switch_by_click(stack: Stack, qtbot: object) -> None:
    window = open_window(stack, qtbot)
    eth = stack.loginid("ETH")
    assert stack.state.active != eth
    click_row(window, eth)
    await wait_until(lambda: stack.state.active == eth)
    assert window.model.index_of(eth).data(Role.IS_ACTIVE)
    assert window.model.index_of(eth).data(Qt.ItemDataRole.FontRole).bold()
    assert window.header.title.text() == "Ethereum"
    assert window.switch_actions[eth].isChecked()


async def test_switch_by_keyboard_arrows_and_enter(stack: Stack, qtbot: object) -> None:
    window = open_window(stack, qtbot)
    usd, btc = stack.loginid("USD"), stack.loginid("BTC")
    window.view.setCurrentIndex(window.view.index_for(usd))
    QTest.keyClick(window.view, Qt.Key.Key_Down)
    assert window.view.currentIndex().data(Role.LOGINID) == btc
    QTest.keyClick(window.view, Qt.Key.Key_Return)
    await wait_until(lambda: stack.state.active == btc)
    # Up from the first account of a group steps over the group header.
    eur = stack.loginid("EUR")
    window.view.setCurrentIndex(window.view.index_for(eur))
    QTest.keyClick(window.view, Qt.Key.Key_Up)
    assert window.view.currentIndex().data(Role.LOGINID) == stack.loginid("UST")
    # Down skips the disabled Litecoin row.
    window.view.setCurrentIndex(window.view.index_for(stack.loginid("ETH")))
    QTest.keyClick(window.view, Qt.Key.Key_Down)
    assert window.view.currentIndex().data(Role.LOGINID) == stack.loginid("USDC")


async def test_switch_with_ctrl_number_shortcuts(stack: Stack, qtbot: object) -> None:
    window = open_window(stack, qtbot)
    window.activateWindow()
    await wait_until(lambda: QApplication.activeWindow() is window)
    # Ctrl+N is the Nth account the list shows (grouped), not Deriv's own order.
    proxy = window.proxy
    listed = [
        str(proxy.index(row, 0, proxy.index(group, 0)).data(Role.LOGINID))
        for group in range(proxy.rowCount())
        for row in range(proxy.rowCount(proxy.index(group, 0)))
    ]
    selectable = [x for x in listed if x and (a := stack.state.account(x)) and a.selectable]
    for slot, loginid in enumerate(selectable, start=1):
        assert window.switch_actions[loginid].shortcut().toString() == f"Ctrl+{slot}"
    assert window.switch_actions[selectable[1]].shortcut().toString() == "Ctrl+2"
    QTest.keyClick(window.view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    await wait_until(lambda: stack.state.active == selectable[1])
    QTest.keyClick(window.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    await wait_until(lambda: stack.state.active == selectable[0])


async def test_switch_from_the_account_menu(stack: Stack, qtbot: object) -> None:
    window = open_window(stack, qtbot)
    demo = stack.loginid("USD", virtual=True)
    window.switch_actions[demo].trigger()
    await wait_until(lambda: stack.state.active == demo)
    assert window.header.title.text() == "Demo"
    assert window.header.topup_button.isVisible()


# ---------------------------------------------------------------------------------- top-up
async def test_demo_top_up_success_then_derivs_refusal(stack: Stack, qtbot: object) -> None:
    window = open_window(stack, qtbot)
    demo = stack.loginid("USD", virtual=True)
    await stack.session.switch(demo)
    index = window.view.index_for(demo)
    window.view.scrollTo(index)
    pill = window.delegate.topup_rect(window.view.visualRect(index), index, window.view.font())
    assert pill is not None
    QTest.mouseClick(
        window.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        pill.center(),
    )
    await wait_until(lambda: window.messages.isVisible())
    assert window.messages.kind is MessageKind.SUCCESS
    assert window.messages.text == "Added 10,000.00 USD"
    await wait_until(lambda: balance_text(window, demo) == "10,870.00 USD")
    await wait_until(lambda: window.topup_action.isEnabled())
    # Above Deriv's threshold the server refuses; the app says so in its own words (Deriv's
    # English text stays in the log), without a dialog.
    window.topup_action.trigger()
    await wait_until(lambda: window.messages.kind is MessageKind.ERROR)
    assert window.messages.text == (
        "Deriv did not top up this demo account: it only does so when the balance is low."
    )
    assert QApplication.activeModalWidget() is None
    assert balance_text(window, demo) == "10,870.00 USD"


async def test_top_up_is_only_for_demo_accounts(stack: Stack, qtbot: object) -> None:
    window = open_window(stack, qtbot)
    await stack.session.switch(stack.loginid("USD"))
    assert not window.topup_action.isEnabled()
    assert not window.request_topup(stack.loginid("USD"))
    assert not window.header.topup_button.isVisible()


# ---------------------------------------------------------------------------------- offline
async def test_stale_while_unreachable_then_recovers_with_retry_now(
    tmp_path: Path, qtbot: object
) -> None:
    clock, now = fixed_clock()
    async with signed_in_stack(tmp_path, backoff=Backoff(base=60, cap=60, jitter=0)) as st:
        window = open_window(st, qtbot, clock=clock)
        usd = st.loginid("USD")
        await st.take_offline()
        await wait_until(
            lambda: (
                st.state.link.phase is LinkPhase.RECONNECTING
                and st.state.link.next_try_at is not None
            )
        )
        assert window.stale_banner.isVisible()
        assert "Balances may be out of date" in window.stale_banner.text
        assert window.model.index_of(usd).data(Role.STALE)
        assert "Stale" in str(window.model.index_of(usd).data(Qt.ItemDataRole.ToolTipRole))
        assert window.header.balance.font().italic()
        assert window.connection.retry_button.isVisible()
        first = window.connection.label.text()
        assert re.fullmatch(r"Reconnecting in \d+ s", first), first
        now[0] += 20  # the countdown follows the clock
        await wait_until(lambda: window.connection.label.text() != first)
        left = int(window.connection.label.text().split()[2])
        assert left < int(first.split()[2])
        assert not window.request_topup(st.loginid("USD", virtual=True))  # not while stale

        await st.bring_back()
        QTest.mouseClick(window.connection.retry_button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: st.state.link.online, timeout=10)
        await wait_until(lambda: not window.stale_banner.isVisible())
        assert window.connection.label.text() == "Online"
        assert not window.connection.counting_down
        await wait_until(lambda: not window.model.index_of(usd).data(Role.STALE))
        await wait_until(lambda: not window.header.balance.font().italic())
        st.sandbox.state.set_balance(usd, "99")
        await wait_until(lambda: balance_text(window, usd) == "99.00 USD", timeout=10)


# ---------------------------------------------------------------------------------- filters
async def test_search_and_hide_zero(stack: Stack, qtbot: object) -> None:
    window = open_window(stack, qtbot)
    proxy = window.proxy

    def visible() -> set[str]:
        out = set()
        for g in range(proxy.rowCount()):
            group = proxy.index(g, 0)
            out |= {
                proxy.index(r, 0, group).data(Role.LOGINID) for r in range(proxy.rowCount(group))
            }
        return out

    assert len(visible()) == 8
    QTest.keyClicks(window.search, "bitcoin")
    assert visible() == {stack.loginid("BTC")}
    window.search.clear()
    QTest.keyClicks(window.search, stack.loginid("EUR").lower())
    assert visible() == {stack.loginid("EUR")}
    window.search.clear()
    QTest.keyClicks(window.search, "USDT")
    assert visible() == {stack.loginid("UST")}
    window.search.clear()
    window.hide_zero.setChecked(True)
    assert stack.loginid("LTC") not in visible()
    assert len(visible()) == 7
    assert stack.ctx.settings.hide_zero is True
    await wait_until(
        lambda: (
            stack.ctx.settings_file.path.exists()
            and json.loads(stack.ctx.settings_file.path.read_text())["hide_zero"]
        )
    )


async def test_total_in_a_chosen_currency(stack: Stack, qtbot: object) -> None:
    window = open_window(stack, qtbot)
    stack.state.set_rates("USD", {})
    assert window.totals.base_value.text() == "—"  # no rates, no made-up figure
    await stack.load_rates("USD")  # the session also streams them; either way they arrive
    await wait_until(lambda: window.totals.base_value.text() != "—")
    assert window.totals.base_value.text().endswith(" USD")
    in_usd = Decimal(window.totals.base_value.text().split()[0].replace(",", ""))
    window.totals.set_base("EUR")
    assert window.totals.base_value.text().endswith(" EUR")
    in_eur = Decimal(window.totals.base_value.text().split()[0].replace(",", ""))
    eur_per_usd = stack.state.rates["EUR"]
    assert abs(in_eur - in_usd * eur_per_usd) < Decimal("0.02")
    assert stack.ctx.settings.base_currency == "EUR"


# ---------------------------------------------------------------------------------- chrome
async def test_menus_tools_and_about(tmp_path: Path, qtbot: object) -> None:
    async with signed_in_stack(tmp_path) as st:
        window = open_window(st, qtbot)
        assert window.tokens_action.isEnabled() and window.apps_action.isEnabled()
        window.apps_action.trigger()
        apps = st.ctx.open_dialogs.get("dialog:AppsDialog")
        assert apps is not None and apps.parent() is window
        st.windows.append(apps)
        apps.reject()
        await wait_until(lambda: not apps.isVisible())
        dialog = window.show_about()
        await wait_until(dialog.isVisible)
        assert not dialog.logo.pixmap().isNull()
        assert dialog.version_label.text() == "0.1.0-test"
        assert dialog.server_label.text() == "Sandbox"
        assert dialog.app_id_label.text() == "1089"
        assert QApplication.activeModalWidget() in (None, dialog)  # window-modal via open()
        dialog.reject()
        await wait_until(lambda: not dialog.isVisible())


async def test_quit_and_the_log_folder_are_in_the_menus(
    stack: Stack, qtbot: object, tmp_path: Path
) -> None:
    opened: list[str] = []

    def record(url: str) -> bool:
        opened.append(url)
        return True

    stack.ctx.open_url = record
    stack.ctx.log_folder = tmp_path / "logs"
    window = open_window(stack, qtbot)
    assert window.log_folder_action.isEnabled()
    window.log_folder_action.trigger()
    assert opened == [QUrl.fromLocalFile(str(tmp_path / "logs")).toString()]
    assert (tmp_path / "logs").is_dir()

    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))
    menu_texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Quit" in menu_texts
    assert window.quit_action.shortcuts() == quit_keys()
    window.quit_action.trigger()
    assert closed == [True] and not window.isVisible()


async def test_logout_from_the_account_menu(stack: Stack, qtbot: object) -> None:
    window = open_window(stack, qtbot)
    signed_out: list[str] = []
    stack.session.signed_out.connect(signed_out.append)
    window.logout_action.trigger()
    await wait_until(lambda: window.logout_box is not None and window.logout_box.isVisible())
    assert window.logout_box is not None
    assert "sign in again" in window.logout_box.informativeText()
    window.logout_box.cancel_button.click()  # "Stay signed in"
    await wait_until(lambda: window.logout_box is None)
    assert stack.session.signed_in and not signed_out
    window.logout_action.trigger()
    await wait_until(lambda: window.logout_box is not None and window.logout_box.isVisible())
    assert window.logout_box is not None
    window.logout_box.accept_button.click()
    await wait_until(lambda: signed_out)
    assert stack.state.accounts == []
    assert window.model.rowCount() == 0
    assert not window.logout_action.isEnabled()


async def test_age_timer_runs_only_while_visible(stack: Stack, qtbot: object) -> None:
    clock, now = fixed_clock()
    window = open_window(stack, qtbot, clock=clock)
    assert window.ticking
    now[0] += 42
    await wait_until(lambda: "updated 4" in window.header.detail.text(), timeout=3)
    window.hide()
    assert not window.ticking


async def test_geometry_is_saved_on_close_and_restored(stack: Stack, qtbot: object) -> None:
    window = open_window(stack, qtbot)
    window.resize(700, 640)
    window.close()
    await wait_until(
        lambda: (
            stack.ctx.settings_file.path.exists()
            and json.loads(stack.ctx.settings_file.path.read_text())["window_geometry"]
        )
    )
    saved = json.loads(stack.ctx.settings_file.path.read_text())["window_geometry"]
    assert saved == stack.ctx.settings.window_geometry
    again = MainWindow(stack.ctx)
    stack.windows.append(again)
    assert (again.width(), again.height()) == (700, 640)
    fresh = Settings()
    assert fresh.window_geometry == ""


async def test_a_burst_from_the_server_is_coalesced(stack: Stack, qtbot: object) -> None:
    window = open_window(stack, qtbot)
    emissions: list[int] = []
    window.model.dataChanged.connect(lambda *_: emissions.append(1))
    flushes_before = window.model.coalescer.flush_count
    ids = [stack.loginid(c) for c in ("USD", "BTC", "ETH", "UST", "EUR")]
    for i in range(1000):
        stack.sandbox.state.set_balance(ids[i % len(ids)], Decimal(1000 + i))
    last = ids[999 % len(ids)]
    refreshed: list[frozenset[str]] = []
    window.model.balancesRefreshed.connect(refreshed.append)
    await wait_until(
        lambda: (
            any(last in keys for keys in refreshed) and balance_text(window, last) == "1,999.00 EUR"
        ),
        timeout=10,
    )
    flushes = window.model.coalescer.flush_count - flushes_before
    assert flushes >= 1
    assert len(emissions) <= 3 * flushes  # at most one dataChanged per group and frame
    assert flushes < 100  # many server messages per repaint


async def test_a_balance_refresh_repaints_its_rows_without_measuring_them_again(
    stack: Stack, qtbot: object
) -> None:
    """A refresh of balances repaints the changed rows; row heights follow the row's kind only,
    so the view does not ask the delegate for them again (AccountsView.dataChanged)."""
    measured: list[int] = []

    class CountingDelegate(AccountDelegate):
        def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # type: ignore[override]
            measured.append(1)
            return super().sizeHint(option, index)

    window = open_window(stack, qtbot)
    view = AccountsView(CountingDelegate())
    stack.windows.append(view)
    view.setModel(window.proxy)
    view.resize(640, 900)
    view.show()
    painted: list[QRect] = []

    class PaintSpy(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(event.rect())  # type: ignore[attr-defined]
            return False

    spy = PaintSpy(view)
    view.viewport().installEventFilter(spy)
    loginid = stack.loginid("BTC")
    await wait_until(lambda: balance_text(window, loginid) != "—" and bool(painted))
    row_rect = view.visualRect(view.index_for(loginid))
    assert measured != []  # laid out: every row was measured once
    measured.clear()
    painted.clear()
    stack.sandbox.state.set_balance(loginid, Decimal("0.4242"))
    await wait_until(lambda: balance_text(window, loginid).startswith("0.42420000"))
    await wait_until(lambda: any(rect.intersects(row_rect) for rect in painted))
    assert measured == []
    # Any other change takes QTreeView's own path: the row's height is asked for again.
    window.model.dataChanged.emit(
        window.model.index_of(loginid), window.model.index_of(loginid), []
    )
    assert measured != []


# ---------------------------------------------------------------------------------- language
FRENCH_TS = (
    '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="fr">'
    "<context><name>MainWindow</name>"
    "<message><source>Hide zero balances</source>"
    "<translation>Masquer les soldes nuls</translation></message>"
    "<message><source>&amp;Account</source><translation>&amp;Compte</translation></message>"
    "</context><context><name>ConnectionStatus</name>"
    "<message><source>Online</source><translation>En ligne</translation></message>"
    "</context></TS>"
)


@pytest.fixture
def french_qm(tmp_path: Path) -> Path:
    """A three-message French catalogue compiled with Qt's own lrelease."""
    beside_python = Path(sys.executable).parent / "pyside6-lrelease"
    lrelease = shutil.which("pyside6-lrelease") or (
        str(beside_python) if beside_python.exists() else None
    )
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed, so no .qm can be built")
    ts = tmp_path / "fr.ts"
    ts.write_text(FRENCH_TS, encoding="utf-8")
    qm = tmp_path / "fr.qm"
    done = subprocess.run([lrelease, str(ts), "-qm", str(qm)], capture_output=True, check=False)
    assert done.returncode == 0 and qm.exists(), done.stderr
    return qm


async def test_visible_text_goes_through_qt_translation(
    stack: Stack, qtbot: object, french_qm: Path
) -> None:
    translator = QTranslator()
    assert translator.load(str(french_qm))
    QApplication.installTranslator(translator)
    try:
        window = open_window(stack, qtbot)
        assert window.hide_zero.text().replace("&", "") == "Masquer les soldes nuls"
        assert window.menuBar().actions()[0].text() == "&Compte"
        assert window.connection.label.text() == "En ligne"
    finally:
        QApplication.removeTranslator(translator)
