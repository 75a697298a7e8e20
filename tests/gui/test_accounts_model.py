"""AccountsModel and its filter proxy over a hand-filled SessionState (no network needed).

The model is checked by both of pytest-qt's model testers while the state changes under it, and
the behaviour the window relies on (grouping, order, formatting, badges, staleness, repaint
coalescing, search and the zero filter) is checked through the model's roles.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt, QTime
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.modeltest import ModelTester

from deriv_desktop.domain.connection import LinkPhase, LinkState
from deriv_desktop.domain.figures import convert, real_total_in
from deriv_desktop.domain.models import Account, Balance, CurrencyInfo, Money, Totals
from deriv_desktop.domain.state import SessionState
from deriv_desktop.gui.bridge import StateBridge
from deriv_desktop.gui.formatting import format_age, format_amount, format_clock, format_money
from deriv_desktop.gui.models.accounts import (
    AccountGroup,
    AccountsFilterProxy,
    AccountsModel,
    BadgeKind,
    Role,
    RowKind,
)
from tests.gui.fixtures import wait_until

EN = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
FR = QLocale(QLocale.Language.French, QLocale.Country.France)

CURRENCIES = {
    "USD": CurrencyInfo("USD", "US Dollar", 2, False),
    "EUR": CurrencyInfo("EUR", "Euro", 2, False),
    "BTC": CurrencyInfo("BTC", "Bitcoin", 8, True),
    "ETH": CurrencyInfo("ETH", "Ethereum", 8, True),
    "UST": CurrencyInfo("UST", "Tether Omni", 2, True),
}


def seeded_state() -> SessionState:
    state = SessionState()
    state.set_currencies(CURRENCIES)
    state.set_accounts(
        [
            Account("VRTC100", "USD", True, landing_company="virtual"),
            Account("CR102", "BTC", False, landing_company="svg"),
            Account("CR101", "USD", False, landing_company="svg"),
            Account("CR103", "UST", False, landing_company="svg"),
            Account("MF200", "EUR", False, landing_company="maltainvest"),
            Account(
                "CR104", "ETH", False, is_disabled=True, landing_company="svg", has_token=False
            ),
            Account("CR105", "EUR", False, landing_company="svg", excluded_until=date(2031, 5, 22)),
            Account("CR106", "USD", False, landing_company="svg", has_token=False),
        ]
    )
    now = time.time()
    state.update_balances(
        [
            Balance("VRTC100", Decimal("870"), "USD", now, Decimal("870")),
            Balance("CR101", Decimal("1234567.891"), "USD", now, Decimal("1234567.89")),
            Balance("CR102", Decimal("0.12345678"), "BTC", now, Decimal("8008.67")),
            Balance("CR103", Decimal("1500"), "UST", now, Decimal("1500.45")),
            Balance("MF200", Decimal("3200"), "EUR", now, Decimal("3469.44")),
            Balance("CR104", Decimal("0"), "ETH", now, Decimal("0")),
            Balance("CR105", Decimal("10"), "EUR", now, Decimal("10.84")),
            Balance("CR106", Decimal("0"), "USD", now, Decimal("0")),
        ]
    )
    state.set_totals(
        Totals(real=Money(Decimal("1250000"), "USD"), demo=Money(Decimal("870"), "USD"))
    )
    # Units per USD, chosen so each converted amount matches the server's above.
    state.set_rates(
        "USD",
        {
            "BTC": Decimal("0.12345678") / Decimal("8008.67"),
            "UST": Decimal("1500") / Decimal("1500.45"),
            "EUR": Decimal("3200") / Decimal("3469.44"),
            "ETH": Decimal("0.0003"),
        },
    )
    state.set_active("CR101")
    state.set_link(LinkState(LinkPhase.ONLINE))
    return state


@pytest.fixture
def state() -> SessionState:
    return seeded_state()


@pytest.fixture
def bridge(state: SessionState) -> Iterator[StateBridge]:
    bridge = StateBridge(state)
    yield bridge
    bridge.detach()


@pytest.fixture
def model(state: SessionState, bridge: StateBridge, qapp: object) -> AccountsModel:
    return AccountsModel(state, bridge, locale=EN)


def children(model: AccountsModel | AccountsFilterProxy, group_row: int) -> list[str]:
    parent = model.index(group_row, 0)
    return [
        str(model.index(r, 0, parent).data(Role.LOGINID)) for r in range(model.rowCount(parent))
    ]


def shown(proxy: AccountsFilterProxy) -> list[str]:
    return [x for g in range(proxy.rowCount()) for x in children(proxy, g)]


def row_data(model: AccountsModel, loginid: str, role: int) -> object:
    return model.index_of(loginid).data(role)


class ModelChecks:
    """Both model testers: pytest-qt's Python one raises, Qt's C++ one logs ``FAIL!``.

    A pytest-qt ``ModelTester`` watches one model, so the first model gets the
    ``qtmodeltester`` fixture and any further one its own tester.
    """

    def __init__(self, qtmodeltester: ModelTester, qtlog: object, config: object) -> None:
        self._fixture: ModelTester | None = qtmodeltester
        self._config = config
        self._log = qtlog
        self._py: list[ModelTester] = []
        self._cpp: list[QAbstractItemModelTester] = []

    def attach(self, model: object) -> None:
        tester, self._fixture = self._fixture or ModelTester(self._config), None
        tester.check(model, force_py=True)
        self._py.append(tester)
        self._cpp.append(
            QAbstractItemModelTester(
                model,  # type: ignore[arg-type]
                QAbstractItemModelTester.FailureReportingMode.Warning,
            )
        )

    def failures(self) -> list[str]:
        return [r.message for r in self._log.records if "FAIL" in r.message]  # type: ignore[attr-defined]


def test_model_and_proxy_pass_the_model_testers_while_the_state_changes(
    model: AccountsModel,
    state: SessionState,
    qtmodeltester: ModelTester,
    qtlog: object,
    request: pytest.FixtureRequest,
) -> None:
    checks = ModelChecks(qtmodeltester, qtlog, request.config)
    proxy = AccountsFilterProxy()
    proxy.setSourceModel(model)
    checks.attach(model)
    checks.attach(proxy)

    state.update_balances([Balance("CR101", Decimal("5"), "USD", time.time())])
    model.flush_pending()
    state.set_active("MF200")
    state.set_link(LinkState(LinkPhase.RECONNECTING, 1, time.time() + 5, "lost"))
    proxy.set_search("eur")
    proxy.set_hide_zero(True)
    proxy.set_search("")
    state.set_accounts([a for a in state.accounts if a.loginid != "CR103"])
    state.set_accounts([*state.accounts, Account("CR107", "GBP", False, landing_company="svg")])
    state.clear()
    assert model.rowCount() == 0
    assert checks.failures() == []


def test_groups_are_real_non_eu_then_eu_then_demo(model: AccountsModel) -> None:
    assert model.groups == [AccountGroup.REAL_NON_EU, AccountGroup.REAL_EU, AccountGroup.DEMO]
    titles = [model.index(g, 0).data() for g in range(model.rowCount())]
    assert titles == ["Real accounts · Non-EU", "Real accounts · EU", "Demo"]
    assert children(model, 1) == ["MF200"]
    assert children(model, 2) == ["VRTC100"]
    group = model.index(0, 0)
    assert group.data(Role.KIND) == RowKind.GROUP
    assert group.data(Role.CHILD_COUNT) == 6
    assert not group.flags() & Qt.ItemFlag.ItemIsSelectable


def test_accounts_keep_derivs_order_fiat_then_crypto_alphabetically(
    model: AccountsModel,
) -> None:
    assert children(model, 0) == ["CR105", "CR101", "CR106", "CR102", "CR104", "CR103"]


def test_balances_use_each_currencys_decimals_and_locale_separators(
    model: AccountsModel,
) -> None:
    assert row_data(model, "CR101", Role.BALANCE_TEXT) == "1,234,567.89 USD"
    assert row_data(model, "CR102", Role.BALANCE_TEXT) == "0.12345678 BTC"
    assert row_data(model, "CR104", Role.BALANCE_TEXT) == "0.00000000 ETH"
    assert row_data(model, "CR103", Role.BALANCE_TEXT) == "1,500.00 USDT"  # UST shown as USDT
    assert row_data(model, "CR102", Role.CONVERTED_TEXT) == "≈ 8,008.67 USD"
    assert row_data(model, "CR101", Role.CONVERTED_TEXT) == ""  # already in USD
    model.set_locale(FR)
    assert row_data(model, "CR101", Role.BALANCE_TEXT) == "1\u202f234\u202f567,89 USD"
    assert row_data(model, "CR102", Role.BALANCE_TEXT) == "0,12345678 BTC"


def test_amount_formatting_rounds_half_up_and_handles_signs_and_fallbacks() -> None:
    assert format_amount(Decimal("2.005"), 2, EN) == "2.01"
    assert format_amount(Decimal("-1234.5"), 2, EN) == "-1,234.50"
    assert format_amount(Decimal("1234.5"), 0, EN) == "1,235"
    assert format_amount(Decimal("12345678.9"), 2, QLocale("hi_IN")) == "1,23,45,678.90"
    swiss = QLocale("de_CH")
    assert format_amount(Decimal("1234.5"), 2, swiss) == f"1{swiss.groupSeparator()}234.50"
    # Without currencies_config: Deriv's fallbacks (crypto 8, stablecoins 2, fiat 2).
    assert format_money(Decimal("1"), "LTC", {}, EN) == "1.00000000 LTC"
    assert format_money(Decimal("1"), "USDC", {}, EN) == "1.00 USDC"
    assert format_money(Decimal("1"), "AUD", {}, EN) == "1.00 AUD"
    assert format_age(1) == "updated just now"
    assert format_age(5) == "updated 5 s ago"
    assert format_age(125) == "updated 2 min ago"


def test_titles_and_subtitles(model: AccountsModel) -> None:
    assert row_data(model, "CR101", Role.TITLE) == "US Dollar"
    assert row_data(model, "VRTC100", Role.TITLE) == "Demo"
    assert row_data(model, "CR101", Role.SUBTITLE) == "CR101 · Deriv (SVG) LLC"
    assert row_data(model, "MF200", Role.LANDING_COMPANY) == "Deriv Investments (Europe) Limited"
    assert not row_data(model, "CR101", Qt.ItemDataRole.DecorationRole).isNull()


def test_disabled_self_excluded_and_tokenless_rows(model: AccountsModel) -> None:
    disabled = model.index_of("CR104")
    assert not disabled.flags() & Qt.ItemFlag.ItemIsEnabled
    assert not disabled.flags() & Qt.ItemFlag.ItemIsSelectable
    assert [b.kind for b in disabled.data(Role.BADGES)] == [BadgeKind.DISABLED]

    excluded = model.index_of("CR105")
    assert excluded.flags() & Qt.ItemFlag.ItemIsSelectable
    (badge,) = excluded.data(Role.BADGES)
    assert badge.kind is BadgeKind.SELF_EXCLUDED
    assert badge.text == "Self-excluded until May 22, 2031"
    assert "May 22, 2031" in excluded.data(Qt.ItemDataRole.ToolTipRole)

    tokenless = model.index_of("CR106")
    assert tokenless.flags() & Qt.ItemFlag.ItemIsEnabled
    assert not tokenless.flags() & Qt.ItemFlag.ItemIsSelectable
    (badge,) = tokenless.data(Role.BADGES)
    assert badge.kind is BadgeKind.NO_ACCESS
    assert "cannot switch" in tokenless.data(Qt.ItemDataRole.ToolTipRole)


def test_active_row_stands_out_and_follows_the_state(
    model: AccountsModel, state: SessionState, qtbot: object
) -> None:
    assert row_data(model, "CR101", Role.IS_ACTIVE) is True
    assert row_data(model, "CR101", Qt.ItemDataRole.FontRole).bold()
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda top, bottom, _roles: changed.append((top.row(), bottom.row())))
    state.set_active("MF200")
    assert row_data(model, "CR101", Role.IS_ACTIVE) is False
    assert row_data(model, "MF200", Qt.ItemDataRole.FontRole).bold()
    assert len(changed) == 2  # the old and the new active rows, in their two groups


def test_balances_read_as_stale_while_the_link_is_down(
    model: AccountsModel, state: SessionState
) -> None:
    assert row_data(model, "CR101", Role.STALE) is False
    assert "Stale" not in row_data(model, "CR101", Qt.ItemDataRole.ToolTipRole)
    state.set_link(LinkState(LinkPhase.RECONNECTING, 1, time.time() + 3, "lost"))
    assert row_data(model, "CR101", Role.STALE) is True
    assert "Stale" in row_data(model, "CR101", Qt.ItemDataRole.ToolTipRole)
    state.set_link(LinkState(LinkPhase.ONLINE))
    # Back online, a figure stays stale until the re-opened stream has confirmed it.
    assert row_data(model, "CR101", Role.STALE) is True
    state.update_balances([Balance("CR101", Decimal("1"), "USD", time.time() + 1)])
    assert row_data(model, "CR101", Role.STALE) is False
    assert row_data(model, "CR102", Role.STALE) is True


async def test_a_burst_of_1000_balance_updates_repaints_once(
    model: AccountsModel, state: SessionState
) -> None:
    """Coalescing: 1,000 updates in one burst reach the view as one frame (count signals)."""
    emissions: list[tuple[QModelIndex, QModelIndex]] = []
    refreshed: list[frozenset[str]] = []
    model.dataChanged.connect(lambda top, bottom, _roles: emissions.append((top, bottom)))
    model.balancesRefreshed.connect(refreshed.append)
    ids = ["CR101", "CR102", "CR103", "MF200", "VRTC100"]
    start = time.time()
    for i in range(1000):
        loginid = ids[i % len(ids)]
        state.update_balances([Balance(loginid, Decimal(i), "USD", start + i)])
    assert emissions == []  # nothing repaints synchronously
    await wait_until(lambda: refreshed)
    assert model.coalescer.flush_count == 1
    assert refreshed == [frozenset(ids)]
    assert len(emissions) == 3  # one per group that had changes
    assert row_data(model, "VRTC100", Role.AMOUNT) == Decimal(999)
    assert row_data(model, "CR101", Role.AMOUNT) == Decimal(995)


def test_a_new_account_list_drops_pending_repaints(
    model: AccountsModel, state: SessionState
) -> None:
    state.update_balances([Balance("CR101", Decimal("1"), "USD", time.time())])
    assert model.coalescer.pending == {"CR101"}
    state.set_accounts([a for a in state.accounts if a.loginid != "CR101"])
    assert model.coalescer.pending == frozenset()
    assert not model.index_of("CR101").isValid()


def test_search_matches_login_id_code_and_name(model: AccountsModel) -> None:
    proxy = AccountsFilterProxy()
    proxy.setSourceModel(model)
    assert len(shown(proxy)) == 8
    proxy.set_search("cr10")
    assert set(shown(proxy)) == {"CR101", "CR102", "CR103", "CR104", "CR105", "CR106"}
    assert proxy.rowCount() == 1  # only the non-EU group still has matches
    proxy.set_search("BITCOIN")
    assert shown(proxy) == ["CR102"]
    proxy.set_search("usdt")
    assert shown(proxy) == ["CR103"]
    proxy.set_search("  eur ")
    assert shown(proxy) == ["CR105", "MF200"]
    proxy.set_search("nothing like this")
    assert proxy.rowCount() == 0
    proxy.set_search("")
    assert len(shown(proxy)) == 8


def test_hide_zero_keeps_the_active_account(model: AccountsModel, state: SessionState) -> None:
    proxy = AccountsFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_hide_zero(True)
    assert "CR104" not in shown(proxy) and "CR106" not in shown(proxy)
    state.update_balances([Balance("CR101", Decimal("0"), "USD", time.time())])
    model.flush_pending()
    assert "CR101" in shown(proxy)  # active: never hidden
    state.update_balances([Balance("CR102", Decimal("0"), "BTC", time.time())])
    model.flush_pending()
    assert "CR102" not in shown(proxy)  # re-filtered on the live update
    proxy.set_hide_zero(False)
    assert len(shown(proxy)) == 8


def test_totals_in_a_chosen_currency_need_rates(state: SessionState) -> None:
    state.set_rates("USD", {})
    assert real_total_in(state, "USD") is None  # no rates yet: never a guess
    state.set_rates(
        "USD",
        {
            "EUR": Decimal("0.5"),
            "BTC": Decimal("0.00001"),
            "UST": Decimal("1"),
            "ETH": Decimal("0.001"),
        },
    )
    total = real_total_in(state, "USD")
    expected = (
        Decimal("1234567.891")
        + Decimal("0.12345678") / Decimal("0.00001")
        + Decimal("1500")
        + Decimal("3200") / Decimal("0.5")
        + Decimal("0")
        + Decimal("10") / Decimal("0.5")
        + Decimal("0")
    )  # the disabled CR104 is left out, as Deriv leaves it out
    assert total == expected
    in_eur = real_total_in(state, "EUR")
    assert in_eur is not None and abs(in_eur - expected * Decimal("0.5")) < Decimal("1e-12")
    assert convert(Decimal("2"), "EUR", "EUR", "USD", {}) == Decimal("2")
    assert convert(Decimal("2"), "GBP", "USD", "USD", {"EUR": Decimal(1)}) is None


@pytest.mark.parametrize(
    ("locale_name", "expected"),
    [
        ("en_US", "2:05:33\u202fPM"),
        ("fr_FR", "14:05:33"),
        ("es_ES", "14:05:33"),  # the zone sits in parentheses there
        ("zh_CN", "14:05:33"),  # and before the time here
        ("ja_JP", "14時05分33秒"),  # quoted-free literal text stays
    ],
)
def test_update_times_show_seconds_but_no_zone_name(locale_name: str, expected: str) -> None:
    """The zone name is the part of Qt's time formatting that loads ICU's zone data."""
    locale = QLocale(locale_name)
    assert "t" in locale.timeFormat(QLocale.FormatType.LongFormat)
    assert format_clock(QTime(14, 5, 33), locale) == expected
    assert format_clock(QTime(9, 0, 1), QLocale("de_DE")) == "09:00:01"
