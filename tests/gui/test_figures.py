"""Every figure on screen agrees with the rows, over the real stack and the sandbox.

After balance pushes, a demo top-up, a rate move and a change of the total's currency, each
total shown (real, demo, "Real accounts in <base>") must equal the sum of its rows
converted at the rates the app holds now, and every row in another currency than its total must
show its converted amount. The expected figures are computed here, independently of the app's
own code, from the amounts the sandbox holds and the rates in the state.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from deriv_desktop.gui.models.accounts import Role
from deriv_desktop.gui.views.main_window import MainWindow
from tests.gui.fixtures import Stack, signed_in_stack, wait_until

EN = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
CENT = Decimal("0.01")


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


def amount_of(text: str) -> tuple[Decimal, str]:
    """``"≈ 1,234.56 USD"`` -> ``(Decimal("1234.56"), "USD")``."""
    parts = text.replace("≈", "").split()
    assert len(parts) == 2, text
    return Decimal(parts[0].replace(",", "")), parts[1]


def in_currency(stack: Stack, amount: Decimal, source: str, target: str) -> Decimal:
    """Convert with the state's rates (units per one USD), written out here on purpose."""
    rates = stack.state.rates
    usd = amount if source == "USD" else amount / rates[source]
    return usd if target == "USD" else usd * rates[target]


def expected_total(stack: Stack, virtual: bool, target: str) -> Decimal:
    total = Decimal(0)
    for account in stack.user.accounts:
        if account.is_virtual == virtual and account.currency and not account.is_disabled:
            sandbox_amount = stack.sandbox.state.account(account.loginid)
            assert sandbox_amount is not None
            total += in_currency(stack, sandbox_amount.balance, account.currency, target)
    return total


def rows_in_line(stack: Stack, window: MainWindow) -> bool:
    """Every row shows the sandbox's current amount (the pushes have all arrived)."""
    window.sync_repaint()
    for account in stack.user.accounts:
        held = stack.sandbox.state.account(account.loginid)
        index = window.model.index_of(account.loginid)
        if held is None or index.data(Role.AMOUNT) != held.balance:
            return False
    return True


def check_figures(stack: Stack, window: MainWindow) -> None:
    window.sync_repaint()
    state = stack.state
    # Each row in another currency than the totals shows its converted amount, right now.
    row_sum = Decimal(0)
    for account in state.accounts:
        if account.is_virtual or account.is_disabled or not account.currency:
            continue
        index = window.model.index_of(account.loginid)
        amount = index.data(Role.AMOUNT)
        converted = str(index.data(Role.CONVERTED_TEXT))
        if account.currency == "USD":
            assert converted == "", account.loginid
            row_sum += amount
            continue
        assert converted.startswith("≈ "), (account.loginid, converted)
        value, code = amount_of(converted)
        assert code == "USD"
        assert abs(value - in_currency(stack, amount, account.currency, "USD")) <= CENT
        row_sum += value
    real, code = amount_of(window.totals.real.value.text())
    assert code == "USD"
    count = len(state.accounts)
    assert abs(real - expected_total(stack, False, "USD")) <= CENT
    assert abs(real - row_sum) <= CENT * count  # the rows as shown add up to the total
    demo, _ = amount_of(window.totals.demo.value.text())
    assert demo == expected_total(stack, True, "USD")
    base = window.totals.base
    in_base, base_code = amount_of(window.totals.base_value.text())
    assert base_code == base
    assert abs(in_base - expected_total(stack, False, base)) <= CENT
    if base == "USD":
        assert window.totals.base_value.text() == window.totals.real.value.text()
    # The header's converted amount is its row's.
    active = state.active
    assert active is not None
    row_converted = str(window.model.index_of(active).data(Role.CONVERTED_TEXT))
    if row_converted:
        assert row_converted in window.header.detail.text()


async def test_totals_and_converted_amounts_follow_the_rows(stack: Stack, qtbot: object) -> None:
    window = MainWindow(stack.ctx)
    stack.windows.append(window)
    window.resize(640, 900)
    window.show()
    await wait_until(lambda: stack.state.rates and window.totals.real.value.text() != "—")
    await wait_until(lambda: rows_in_line(stack, window))
    check_figures(stack, window)

    # Live pushes carry one account each, without Deriv's conversion or totals.
    btc, eur = stack.loginid("BTC"), stack.loginid("EUR")
    await stack.session.switch(btc)
    stack.sandbox.state.set_balance(btc, "0.5")
    stack.sandbox.state.set_balance(eur, "4321.5")
    stack.sandbox.state.set_balance(stack.loginid("USD"), "20000")
    await wait_until(lambda: rows_in_line(stack, window))
    check_figures(stack, window)

    # A demo top-up moves the demo total with the row.
    demo = stack.loginid("USD", virtual=True)
    await stack.session.switch(demo)
    assert window.request_topup(demo)
    await wait_until(lambda: rows_in_line(stack, window) and not window._topup_busy)
    held = stack.sandbox.state.account(demo)
    assert held is not None and held.balance > Decimal("10000")
    check_figures(stack, window)
    assert window.totals.demo.value.text() == window.header.balance.text()

    # A rate move changes every converted amount and the totals with them.
    before = stack.state.rates["BTC"]
    stack.sandbox.state.set_usd_value("BTC", Decimal("1") / before * Decimal("1.5"))
    await wait_until(lambda: stack.state.rates["BTC"] != before)
    await stack.session.switch(btc)
    check_figures(stack, window)

    # Another currency for the total: the figure follows.
    window.totals.set_base("EUR")
    check_figures(stack, window)
    window.totals.set_base("BTC")
    check_figures(stack, window)


@pytest.mark.parametrize("with_usd", [True, False])
async def test_an_account_without_a_currency_is_never_chosen_first(
    tmp_path: Path, with_usd: bool
) -> None:
    """The sandbox's second user has a real account whose currency is not chosen yet."""
    async with signed_in_stack(tmp_path, user_index=1) as full:
        blank = next(a.loginid for a in full.user.accounts if not a.currency)
        usd = full.loginid("USD")
        demo = full.loginid("USD", virtual=True)
    async with signed_in_stack(
        tmp_path, user_index=1, with_tokens_for=lambda x: with_usd or x in (blank, demo)
    ) as st:
        assert st.state.account(blank) is not None
        assert st.state.active == (usd if with_usd else demo)
