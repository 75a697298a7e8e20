"""Qt item models over the session's accounts: grouped, live, filterable.

``AccountsModel`` is a two-level tree adapter over ``SessionState`` (architecture.md, practice 4):
top-level rows are the groups Deriv shows (real non-EU, real EU, demo), their children are the
accounts in Deriv's order. It keeps no balances of its own; ``data()`` reads the state each time.
Balance bursts are coalesced into at most one ``dataChanged`` per group and frame.

``AccountsFilterProxy`` adds the search box and the "hide zero balances" switch.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QIcon

from deriv_desktop.domain.figures import converted, totals_currency
from deriv_desktop.domain.health import Health
from deriv_desktop.domain.models import Account, Balance
from deriv_desktop.domain.state import SessionState
from deriv_desktop.gui.bridge import StateBridge
from deriv_desktop.gui.coalesce import Coalescer
from deriv_desktop.gui.formatting import (
    NO_VALUE,
    app_locale,
    currency_name,
    display_code,
    format_age,
    format_clock,
    format_date,
    format_money,
)
from deriv_desktop.gui.privacy import Privacy
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.currency_icons import currency_icon

AnyIndex = QModelIndex | QPersistentModelIndex

_ROOT = QModelIndex()  # the invisible root, as a shared default argument
_GROUP_ID = 0  # internalId of group rows; account rows carry their group's row + 1


class AccountGroup(enum.IntEnum):
    """The switcher's sections, in display order."""

    REAL_NON_EU = 0
    REAL_EU = 1
    DEMO = 2


def group_of(account: Account) -> AccountGroup:
    if account.is_virtual:
        return AccountGroup.DEMO
    return AccountGroup.REAL_EU if account.is_eu else AccountGroup.REAL_NON_EU


def group_title(group: AccountGroup) -> str:
    if group is AccountGroup.REAL_NON_EU:
        return tr("AccountsModel", "Real accounts · Non-EU")
    if group is AccountGroup.REAL_EU:
        return tr("AccountsModel", "Real accounts · EU")
    return tr("AccountsModel", "Demo")


class RowKind(enum.IntEnum):
    GROUP = 0
    ACCOUNT = 1


class BadgeKind(enum.Enum):
    DISABLED = "disabled"
    SELF_EXCLUDED = "self_excluded"
    NO_ACCESS = "no_access"


@dataclass(frozen=True, slots=True)
class Badge:
    kind: BadgeKind
    text: str
    explanation: str


class Role(enum.IntEnum):
    KIND = Qt.ItemDataRole.UserRole + 1
    LOGINID = enum.auto()
    CURRENCY = enum.auto()
    DISPLAY_CODE = enum.auto()
    TITLE = enum.auto()
    SUBTITLE = enum.auto()
    LANDING_COMPANY = enum.auto()
    BALANCE_TEXT = enum.auto()
    AMOUNT = enum.auto()
    CONVERTED_TEXT = enum.auto()
    UPDATED_AT = enum.auto()
    IS_ACTIVE = enum.auto()
    IS_VIRTUAL = enum.auto()
    SELECTABLE = enum.auto()
    BADGES = enum.auto()
    STALE = enum.auto()
    SEARCH_TEXT = enum.auto()
    GROUP = enum.auto()
    CHILD_COUNT = enum.auto()
    ROW = enum.auto()  # an AccountRow: everything the delegate paints, in one call


@dataclass(frozen=True, slots=True)
class AccountRow:
    """One account row as the delegate paints it.

    A row paints from about twenty roles; each ``data()`` call crosses from C++ into Python and
    looks the account up again, which was most of a repaint's cost while balances stream. The
    delegate reads this instead (``Role.ROW``); the single roles stay for everything else.
    """

    title: str
    display_code: str
    subtitle: str
    balance_text: str
    converted_text: str
    updated_at: float | None
    icon: QIcon
    badges: tuple[Badge, ...]
    is_virtual: bool
    enabled: bool
    selectable: bool
    active: bool
    stale: bool


_BALANCE_ROLES: list[int] = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Role.BALANCE_TEXT,
    Role.AMOUNT,
    Role.CONVERTED_TEXT,
    Role.UPDATED_AT,
    Role.STALE,
    Role.ROW,
]
#: What a balance refresh changes; none of it can change a row's height or children.
BALANCE_ROLES = frozenset(int(role) for role in _BALANCE_ROLES)

# Flags of enabled account rows, combined once: the view asks for them on every repaint, and
# combining Qt's Python enums costs more than the rest of ``flags``.
_ENABLED_ROW = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
_SELECTABLE_ROW = _ENABLED_ROW | Qt.ItemFlag.ItemIsSelectable

# Readable names for landing companies whose full name the server did not send.
_LANDING_COMPANY_NAMES = {
    "svg": "Deriv (SVG) LLC",
    "maltainvest": "Deriv Investments (Europe) Limited",
    "malta": "Deriv (Europe) Limited",
    "iom": "Deriv (MX) Ltd",
}


def landing_company_label(account: Account) -> str:
    if account.landing_company_fullname:
        return account.landing_company_fullname
    if account.is_virtual:
        return tr("AccountsModel", "Demo account")
    return _LANDING_COMPANY_NAMES.get(account.landing_company, account.landing_company.upper())


class AccountsModel(QAbstractItemModel):
    """The grouped account tree; see the module docstring."""

    #: Emitted after a coalesced balance refresh with the login ids that changed.
    balancesRefreshed = Signal(object)

    def __init__(
        self,
        state: SessionState,
        bridge: StateBridge,
        *,
        locale: QLocale | None = None,
        clock: Callable[[], float] = time.time,
        privacy: Privacy | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._locale = locale if locale is not None else app_locale()
        self.privacy = privacy if privacy is not None else Privacy(parent=self)
        self.privacy.changed.connect(lambda _hidden: self._refresh_all(_BALANCE_ROLES))
        self._clock = clock
        self._groups: list[tuple[AccountGroup, list[str]]] = []
        self._where: dict[str, tuple[int, int]] = {}
        self._active = state.active
        self._stale = state.stale
        # Balances received since the link last came up; the others are shown as stale even
        # while online, until the re-opened stream has delivered them again.
        self._fresh: set[str] = (
            set()
            if state.stale
            else {a.loginid for a in state.accounts if state.balance(a.loginid) is not None}
        )
        # Balances delivered while the session was not yet healthy on this link: the re-opened
        # stream's first message arrives before the status turns online (it is what proves
        # the stream is back), so they are fresh from that moment.
        self._arrived: set[str] = set()
        self.coalescer = Coalescer(parent=self)
        self.coalescer.flushed.connect(self._balances_flushed)
        bridge.accountsChanged.connect(self.rebuild)
        bridge.balancesChanged.connect(self._balances_changed)
        bridge.activeChanged.connect(self._active_changed)
        bridge.healthChanged.connect(self._health_changed)
        bridge.totalsChanged.connect(self._totals_changed)
        bridge.ratesChanged.connect(self._rates_changed)
        self._build()

    # ------------------------------------------------------------------ structure
    def _build(self) -> None:
        buckets: dict[AccountGroup, list[str]] = {}
        for account in self._state.accounts:  # already in Deriv's order
            buckets.setdefault(group_of(account), []).append(account.loginid)
        self._groups = [(g, buckets[g]) for g in AccountGroup if g in buckets]
        self._where = {
            loginid: (g, r)
            for g, (_, ids) in enumerate(self._groups)
            for r, loginid in enumerate(ids)
        }
        self._active = self._state.active
        self._stale = self._state.stale
        self._fresh &= set(self._where)

    def rebuild(self) -> None:
        """The account list itself changed: start over (pending balance repaints are moot)."""
        self.beginResetModel()
        self.coalescer.discard()
        self._build()
        self.endResetModel()

    def index(self, row: int, column: int, parent: AnyIndex = _ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row < len(self._groups):
                return self.createIndex(row, 0, _GROUP_ID)
            return QModelIndex()
        if parent.internalId() != _GROUP_ID or parent.column() != 0:
            return QModelIndex()
        group_row = parent.row()
        if group_row < len(self._groups) and row < len(self._groups[group_row][1]):
            return self.createIndex(row, 0, group_row + 1)
        return QModelIndex()

    @overload
    def parent(self) -> QObject | None: ...

    @overload
    def parent(self, child: AnyIndex) -> QModelIndex: ...

    def parent(self, child: AnyIndex | None = None) -> QObject | QModelIndex | None:
        if child is None:
            return super().parent()
        if not child.isValid() or child.internalId() == _GROUP_ID:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP_ID)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0 or parent.internalId() != _GROUP_ID:
            return 0
        return len(self._groups[parent.row()][1]) if parent.row() < len(self._groups) else 0

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 1

    def hasChildren(self, parent: AnyIndex = _ROOT) -> bool:
        return self.rowCount(parent) > 0

    # ------------------------------------------------------------------ lookups
    def loginid_at(self, index: AnyIndex) -> str | None:
        if not index.isValid() or index.model() is not self or index.internalId() == _GROUP_ID:
            return None
        group_row = index.internalId() - 1
        if group_row >= len(self._groups):
            return None
        ids = self._groups[group_row][1]
        return ids[index.row()] if index.row() < len(ids) else None

    def account_at(self, index: AnyIndex) -> Account | None:
        loginid = self.loginid_at(index)
        return self._state.account(loginid) if loginid else None

    def index_of(self, loginid: str) -> QModelIndex:
        where = self._where.get(loginid)
        if where is None:
            return QModelIndex()
        return self.createIndex(where[1], 0, where[0] + 1)

    def group_index(self, group: AccountGroup) -> QModelIndex:
        for row, (g, _) in enumerate(self._groups):
            if g is group:
                return self.createIndex(row, 0, _GROUP_ID)
        return QModelIndex()

    @property
    def groups(self) -> list[AccountGroup]:
        return [g for g, _ in self._groups]

    def loginids(self, group: AccountGroup | None = None) -> list[str]:
        return [x for g, ids in self._groups if group in (None, g) for x in ids]

    @property
    def locale(self) -> QLocale:
        return self._locale

    def set_locale(self, locale: QLocale) -> None:
        self._locale = locale
        self._refresh_all(None)

    # ------------------------------------------------------------------ data
    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _GROUP_ID:
            return Qt.ItemFlag.ItemIsEnabled
        account = self.account_at(index)
        if account is None or account.is_disabled:
            return Qt.ItemFlag.ItemNeverHasChildren  # greyed out, not selectable
        return _SELECTABLE_ROW if account.selectable else _ENABLED_ROW

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP_ID:
            return self._group_data(index.row(), role)
        account = self.account_at(index)
        if account is None:
            return None
        return self._account_data(account, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            section == 0
            and orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
        ):
            return tr("AccountsModel", "Accounts")
        return None

    def _group_data(self, row: int, role: int) -> Any:
        if row >= len(self._groups):
            return None
        group, ids = self._groups[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return group_title(group)
        if role == Role.KIND:
            return int(RowKind.GROUP)
        if role == Role.GROUP:
            return int(group)
        if role == Role.CHILD_COUNT:
            return len(ids)
        if role == Role.SEARCH_TEXT:
            return ""
        return None

    def _account_data(self, account: Account, role: int) -> Any:
        if role == Role.ROW:
            return self.row(account)
        currencies = self._state.currencies
        balance = self._state.balance(account.loginid)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self.title(account)} — {account.loginid} — {self.balance_text(account)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tooltip(account)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(account)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.icon(account)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(account.loginid == self._state.active)
            return font
        if role == Role.KIND:
            return int(RowKind.ACCOUNT)
        if role == Role.LOGINID:
            return account.loginid
        if role == Role.CURRENCY:
            return account.currency
        if role == Role.DISPLAY_CODE:
            return display_code(account.currency, currencies)
        if role == Role.TITLE:
            return self.title(account)
        if role == Role.SUBTITLE:
            return self.subtitle(account)
        if role == Role.LANDING_COMPANY:
            return landing_company_label(account)
        if role == Role.BALANCE_TEXT:
            return self.balance_text(account)
        if role == Role.AMOUNT:
            return balance.amount if balance is not None else None
        if role == Role.CONVERTED_TEXT:
            return self.converted_text(account, balance)
        if role == Role.UPDATED_AT:
            return balance.updated_at if balance is not None else None
        if role == Role.IS_ACTIVE:
            return account.loginid == self._state.active
        if role == Role.IS_VIRTUAL:
            return account.is_virtual
        if role == Role.SELECTABLE:
            return account.selectable
        if role == Role.BADGES:
            return self.badges(account)
        if role == Role.STALE:
            return self.is_stale(account.loginid)
        if role == Role.SEARCH_TEXT:
            return self.search_text(account)
        if role == Role.GROUP:
            return int(group_of(account))
        return None

    # ------------------------------------------------------------------ presentation
    def row(self, account: Account) -> AccountRow:
        balance = self._state.balance(account.loginid)
        return AccountRow(
            title=self.title(account),
            display_code=display_code(account.currency, self._state.currencies),
            subtitle=self.subtitle(account),
            balance_text=self.balance_text(account),
            converted_text=self.converted_text(account, balance),
            updated_at=balance.updated_at if balance is not None else None,
            icon=self.icon(account),
            badges=tuple(self.badges(account)),
            is_virtual=account.is_virtual,
            enabled=not account.is_disabled,
            selectable=account.selectable,
            active=account.loginid == self._state.active,
            stale=self.is_stale(account.loginid),
        )

    def title(self, account: Account) -> str:
        if account.is_virtual:
            return tr("AccountsModel", "Demo")
        if not account.currency:
            return tr("AccountsModel", "No currency assigned")
        return currency_name(account.currency, self._state.currencies)

    def subtitle(self, account: Account) -> str:
        return f"{account.loginid} · {landing_company_label(account)}"

    def icon(self, account: Account) -> QIcon:
        return currency_icon(account.currency, account.is_virtual)

    def balance_text(self, account: Account) -> str:
        balance = self._state.balance(account.loginid)
        if balance is None:
            return NO_VALUE
        return self.privacy.shown(
            format_money(balance.amount, account.currency, self._state.currencies, self._locale)
        )

    def converted_text(self, account: Account, balance: Balance | None) -> str:
        """``≈ 1,234.56 USD``: the live balance in its family's totals currency, if different
        (``domain.figures``, the same computation the totals use)."""
        if balance is None or not account.currency:
            return ""
        target = totals_currency(self._state, account.is_virtual)
        if target == account.currency:
            return ""
        value = converted(self._state, account, target)
        if value is None:
            return ""
        amount = format_money(value, target, self._state.currencies, self._locale)
        return tr("AccountsModel", "≈ %1").replace("%1", self.privacy.shown(amount))

    def badges(self, account: Account) -> list[Badge]:
        out: list[Badge] = []
        if account.is_disabled:
            out.append(
                Badge(
                    BadgeKind.DISABLED,
                    tr("AccountsModel", "Disabled"),
                    tr("AccountsModel", "Deriv has disabled this account; it cannot be used."),
                )
            )
        if account.excluded_until is not None:
            day = format_date(account.excluded_until, self._locale)
            out.append(
                Badge(
                    BadgeKind.SELF_EXCLUDED,
                    tr("AccountsModel", "Self-excluded until %1").replace("%1", day),
                    tr(
                        "AccountsModel",
                        "You chose to exclude yourself from trading on this account until %1.",
                    ).replace("%1", day),
                )
            )
        if not account.has_token and not account.is_disabled:
            out.append(
                Badge(
                    BadgeKind.NO_ACCESS,
                    tr("AccountsModel", "No access"),
                    tr(
                        "AccountsModel",
                        "This sign-in did not grant access to this account, so the app cannot "
                        "switch to it. Sign in again and allow every account to use it here.",
                    ),
                )
            )
        return out

    def tooltip(self, account: Account) -> str:
        code = display_code(account.currency, self._state.currencies)
        head = self.title(account) + (f" ({code})" if code and not account.is_virtual else "")
        lines = [f"{head} — {account.loginid}", landing_company_label(account)]
        balance = self._state.balance(account.loginid)
        if balance is None:
            lines.append(tr("AccountsModel", "Balance not received yet."))
        else:
            lines.append(
                tr("AccountsModel", "Balance: %1").replace("%1", self.balance_text(account))
            )
            converted = self.converted_text(account, balance)
            if converted:
                lines.append(converted)
            when = QDateTime.fromMSecsSinceEpoch(int(balance.updated_at * 1000))
            stamp = format_clock(when.time(), self._locale)
            age = format_age(self._clock() - balance.updated_at)
            lines.append(
                tr("AccountsModel", "Last updated %1 (%2)").replace("%1", stamp).replace("%2", age)
            )
            if self.is_stale(account.loginid):
                lines.append(
                    tr(
                        "AccountsModel",
                        "Stale: this figure has not been confirmed since the connection to Deriv "
                        "was lost, so it may be out of date.",
                    )
                )
        lines.extend(badge.explanation for badge in self.badges(account))
        if account.loginid == self._state.active:
            lines.append(tr("AccountsModel", "This is the active account."))
        return "\n".join(lines)

    def search_text(self, account: Account) -> str:
        currencies = self._state.currencies
        parts = [
            account.loginid,
            account.currency,
            display_code(account.currency, currencies),
            currency_name(account.currency, currencies),
            self.title(account),
        ]
        return " ".join(parts).casefold()

    # ------------------------------------------------------------------ live updates
    def _emit_rows(self, rows: Iterable[tuple[int, int]], roles: list[int] | None) -> None:
        """One ``dataChanged`` per group, spanning the changed rows of that group."""
        spans: dict[int, tuple[int, int]] = {}
        for group_row, row in rows:
            low, high = spans.get(group_row, (row, row))
            spans[group_row] = (min(low, row), max(high, row))
        for group_row, (low, high) in sorted(spans.items()):
            top = self.createIndex(low, 0, group_row + 1)
            bottom = self.createIndex(high, 0, group_row + 1)
            self.dataChanged.emit(top, bottom, roles or [])

    def _refresh_all(self, roles: list[int] | None) -> None:
        self._emit_rows(self._where.values(), roles)

    def _balances_flushed(self, loginids: frozenset[str]) -> None:
        rows = [self._where[x] for x in loginids if x in self._where]
        self._emit_rows(rows, _BALANCE_ROLES)
        self.balancesRefreshed.emit(loginids)

    def _active_changed(self, loginid: object) -> None:
        previous, self._active = self._active, self._state.active
        rows = [self._where[x] for x in (previous, self._active) if x in self._where]
        self._emit_rows(rows, None)

    def is_stale(self, loginid: str) -> bool:
        """True unless the session is healthy for this account (link up, its stream live, its
        token accepted) and its balance arrived since then."""
        return self._state.balance_stale(loginid) or loginid not in self._fresh

    def _balances_changed(self, loginids: frozenset[str]) -> None:
        if self._state.stale:
            self._arrived.update(loginids)
        else:
            self._fresh.update(loginids)
        self.coalescer.add(loginids)

    def _totals_changed(self, _totals: object) -> None:
        self._refresh_all(_BALANCE_ROLES)

    def _rates_changed(self) -> None:
        """Converted amounts move with the rates, not only with the balances."""
        self._refresh_all(_BALANCE_ROLES)

    def _health_changed(self, _health: Health) -> None:
        stale = self._state.stale
        if stale:
            self._fresh.clear()
            if not self._state.link.online:  # the next link delivers every balance again
                self._arrived.clear()
        if stale != self._stale:
            self._stale = stale
            if not stale:
                self._fresh |= self._arrived & set(self._where)
                self._arrived.clear()
            self._refresh_all(None)

    def flush_pending(self) -> None:
        """Apply queued balance repaints now (used before screenshots and on shutdown)."""
        self.coalescer.flush()


class AccountsFilterProxy(QSortFilterProxyModel):
    """Search by login id, currency code or name; optionally hide accounts holding nothing.

    Groups are never accepted for themselves: recursive filtering shows a group exactly when one
    of its accounts passes. The active account is never hidden by the zero-balance switch.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._hide_zero = False
        self.setRecursiveFilteringEnabled(True)
        self.setDynamicSortFilter(True)

    @property
    def search(self) -> str:
        return self._needle

    def set_search(self, text: str) -> None:
        needle = text.strip().casefold()
        if needle != self._needle:
            self._change_filter(lambda: setattr(self, "_needle", needle))

    @property
    def hide_zero(self) -> bool:
        return self._hide_zero

    def set_hide_zero(self, hide: bool) -> None:
        if hide != self._hide_zero:
            self._change_filter(lambda: setattr(self, "_hide_zero", hide))

    def _change_filter(self, change: Callable[[], None]) -> None:
        """Qt >= 6.10 wants begin/endFilterChange around the change; older Qt invalidates."""
        if hasattr(self, "endFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt < 6.10
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if model is None:
            return False
        index = model.index(source_row, 0, source_parent)
        if index.data(Role.KIND) != RowKind.ACCOUNT:
            return False
        if self._needle and self._needle not in str(index.data(Role.SEARCH_TEXT) or ""):
            return False
        if self._hide_zero and not index.data(Role.IS_ACTIVE):
            amount = index.data(Role.AMOUNT)
            if isinstance(amount, Decimal) and amount == 0:
                return False
        return True
