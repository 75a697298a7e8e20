"""Qt table models for the token manager, and the scope and date wording both dialogs share.

``TokensModel`` adapts the list the server returned (the ``api_token`` reply always carries the
account's whole list, so the model is simply reset with it). Token values stay masked until a
row is revealed; the view reads everything else through roles. ``TokensFilterProxy`` adds the
filter box and the "show" choice (all, Admin, never used, IP-locked) and sorts by ``Role.SORT``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimeZone,
)
from PySide6.QtGui import QFontDatabase

from deriv_desktop.domain.models import ApiToken, Scope, parse_server_time
from deriv_desktop.gui.formatting import app_locale, format_date
from deriv_desktop.gui.models.record_table import RecordTableModel
from deriv_desktop.gui.strings import tr

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


# ---------------------------------------------------------------------------------- wording
def scope_label(scope: Scope) -> str:
    """Deriv's readable scope names (never the raw ``trading_information``)."""
    if scope is Scope.READ:
        return tr("Scopes", "Read")
    if scope is Scope.TRADE:
        return tr("Scopes", "Trade")
    if scope is Scope.PAYMENTS:
        return tr("Scopes", "Payments")
    if scope is Scope.TRADING_INFORMATION:
        return tr("Scopes", "Trading information")
    return tr("Scopes", "Admin")


def ordered_scopes(scopes: frozenset[Scope]) -> list[Scope]:
    """``scopes`` in Deriv's display order."""
    return [s for s in Scope if s in scopes]


def scopes_text(scopes: frozenset[Scope]) -> str:
    return ", ".join(scope_label(s) for s in ordered_scopes(scopes))


def last_used_text(raw: str | None, *, with_time: bool, locale: QLocale | None = None) -> str:
    """ "Never", a date, or a date and time in the user's time zone and locale."""
    when = parse_server_time(raw)
    if when is None:
        return raw or tr("LastUsed", "Never")
    loc = locale if locale is not None else app_locale()
    local = _local_datetime(when)
    qdate = local.date()
    day = format_date(date(qdate.year(), qdate.month(), qdate.day()), loc)
    if not with_time:
        return day
    clock = loc.toString(local.time(), QLocale.FormatType.ShortFormat)
    return tr("LastUsed", "%1, %2").replace("%1", day).replace("%2", clock)


def last_used_tooltip(raw: str | None, locale: QLocale | None = None) -> str:
    when = parse_server_time(raw)
    if when is None:
        return raw if raw else tr("LastUsed", "Not used since it was created")
    loc = locale if locale is not None else app_locale()
    return loc.toString(_local_datetime(when), QLocale.FormatType.LongFormat)


def last_used_sort_key(raw: str | None) -> float:
    """Seconds since the epoch; never-used items sort before everything else."""
    when = parse_server_time(raw)
    return when.timestamp() if when is not None else -1.0


def _local_datetime(when: datetime) -> QDateTime:
    utc = QDateTime.fromSecsSinceEpoch(int(when.timestamp()), QTimeZone.utc())
    return utc.toLocalTime()


def value_available(token: ApiToken) -> bool:
    """Whether the server gave us the real value (a masked ``*`` string cannot be used)."""
    return bool(token.token) and "*" not in token.token


# ---------------------------------------------------------------------------------- model
class Column(enum.IntEnum):
    NAME = 0
    TOKEN = 1
    SCOPES = 2
    LAST_USED = 3
    IP_LOCK = 4


class Role(enum.IntEnum):
    SORT = Qt.ItemDataRole.UserRole + 1
    SCOPES = Qt.ItemDataRole.UserRole + 2  # list[Scope], Deriv's order
    IS_ADMIN = Qt.ItemDataRole.UserRole + 3
    IN_USE = Qt.ItemDataRole.UserRole + 4  # the token this app signed in with
    NEVER_USED = Qt.ItemDataRole.UserRole + 5
    IP_LOCKED = Qt.ItemDataRole.UserRole + 6
    REVEALED = Qt.ItemDataRole.UserRole + 7
    FILTER_TEXT = Qt.ItemDataRole.UserRole + 8


MASK = "•" * 15


class TokensModel(RecordTableModel):
    COLUMNS = Column

    """The tokens of one account; see the module docstring."""

    def __init__(self, parent: QObject | None = None, *, locale: QLocale | None = None) -> None:
        super().__init__(parent)
        self._tokens: list[ApiToken] = []
        self._in_use: str | None = None
        self._revealed: set[str] = set()  # casefolded names (unique per account)
        self._locale = locale if locale is not None else app_locale()
        self._mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

    def __repr__(self) -> str:
        return f"TokensModel({len(self._tokens)} tokens)"

    # ------------------------------------------------------------------ content
    @property
    def tokens(self) -> list[ApiToken]:
        return list(self._tokens)

    def set_tokens(self, tokens: Sequence[ApiToken], in_use: str | None = None) -> None:
        """Show ``tokens``; ``in_use`` is the value this app signed in with (marks its row)."""
        self.beginResetModel()
        self._tokens = list(tokens)
        self._in_use = in_use
        self._revealed.clear()  # a fresh list starts hidden again
        self.endResetModel()

    def clear(self) -> None:
        self.set_tokens([])

    def record_at(self, row: int) -> ApiToken | None:
        return self._tokens[row] if 0 <= row < len(self._tokens) else None

    def row_of(self, name: str) -> int:
        key = name.casefold()
        return next((i for i, t in enumerate(self._tokens) if t.display_name.casefold() == key), -1)

    def row_like(self, token: ApiToken) -> int:
        """The row of the token with ``token``'s name (names are unique per account)."""
        return self.row_of(token.display_name)

    def is_in_use(self, token: ApiToken) -> bool:
        return self._in_use is not None and token.token == self._in_use

    def is_revealed(self, row: int) -> bool:
        token = self.record_at(row)
        return token is not None and token.display_name.casefold() in self._revealed

    def hide_all(self) -> None:
        """Mask every revealed value again (the selection moved away from it)."""
        if self._revealed:
            self._revealed.clear()
            top, bottom = self.index(0, Column.TOKEN), self.index(self.rowCount() - 1, Column.TOKEN)
            self.dataChanged.emit(top, bottom)

    def set_revealed(self, row: int, revealed: bool) -> None:
        token = self.record_at(row)
        if token is None or not value_available(token):
            return
        key = token.display_name.casefold()
        if revealed:
            self._revealed.add(key)
        else:
            self._revealed.discard(key)
        index = self.index(row, Column.TOKEN)
        self.dataChanged.emit(index, index)

    # ------------------------------------------------------------------ Qt model API
    def record_count(self) -> int:
        return len(self._tokens)

    def column_titles(self) -> dict[Any, str]:
        return {
            Column.NAME: tr("TokensModel", "Name"),
            Column.TOKEN: tr("TokensModel", "Token"),
            Column.SCOPES: tr("TokensModel", "Scopes"),
            Column.LAST_USED: tr("TokensModel", "Last used"),
            Column.IP_LOCK: tr("TokensModel", "IP lock"),
        }

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        token = self.record_at(index.row())
        if token is None or not 0 <= index.column() < len(Column):
            return None
        column = Column(index.column())
        if role == Role.SCOPES:
            return ordered_scopes(token.scopes)
        if role == Role.IS_ADMIN:
            return token.is_admin
        if role == Role.IN_USE:
            return self.is_in_use(token)
        if role == Role.NEVER_USED:
            return token.last_used is None
        if role == Role.IP_LOCKED:
            return bool(token.valid_for_ip)
        if role == Role.REVEALED:
            return self.is_revealed(index.row())
        if role == Role.FILTER_TEXT:
            return " ".join(
                (token.display_name, scopes_text(token.scopes), token.valid_for_ip)
            ).casefold()
        handler = _CELL_DATA.get(column)
        return handler(self, token, index.row(), role) if handler else None

    # ------------------------------------------------------------------ per column
    def _name(self, token: ApiToken, _row: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return token.display_name
        if role == Role.SORT:
            return token.display_name.casefold()
        if role == Qt.ItemDataRole.ToolTipRole and self.is_in_use(token):
            return tr("TokensModel", "Deriv Desktop is signed in with this token.")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if self.is_in_use(token):
                return tr("TokensModel", "%1, used by this app").replace("%1", token.display_name)
            return token.display_name
        return None

    def _token(self, token: ApiToken, row: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return token.token if self.is_revealed(row) else MASK
        if role == Qt.ItemDataRole.FontRole:
            return self._mono
        if role == Qt.ItemDataRole.ToolTipRole:
            if not value_available(token):
                return tr("TokensModel", "Deriv no longer shows this token's value.")
            if self.is_revealed(row):
                return tr("TokensModel", "Press Ctrl+C to copy it")
            return tr("TokensModel", "Hidden: double-click to show it, Ctrl+C copies it")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (
                tr("TokensModel", "Token value shown")
                if self.is_revealed(row)
                else tr("TokensModel", "Token value hidden")
            )
        if role == Role.SORT:
            return 0
        return None

    def _scopes(self, token: ApiToken, _row: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return scopes_text(token.scopes)
        if role == Qt.ItemDataRole.ToolTipRole and token.is_admin:
            return tr(
                "TokensModel",
                "Admin: whoever holds this token can open accounts, change settings and manage "
                "tokens.",
            )
        if role == Role.SORT:  # Admin tokens together, then by how much they may do
            return (1 if token.is_admin else 0) * 10 + len(token.scopes)
        return None

    def _last_used(self, token: ApiToken, _row: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return last_used_text(token.last_used, with_time=False, locale=self._locale)
        if role == Qt.ItemDataRole.ToolTipRole:
            return last_used_tooltip(token.last_used, self._locale)
        if role == Role.SORT:
            return last_used_sort_key(token.last_used)
        return None

    def _ip_lock(self, token: ApiToken, _row: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return token.valid_for_ip or tr("TokensModel", "Any address")
        if role == Qt.ItemDataRole.ToolTipRole:
            if token.valid_for_ip:
                return tr("TokensModel", "Only works from %1").replace("%1", token.valid_for_ip)
            return tr("TokensModel", "Works from any IP address")
        if role == Role.SORT:
            return token.valid_for_ip
        return None


_CellData = Callable[[TokensModel, ApiToken, int, int], Any]
_CELL_DATA: dict[Column, _CellData] = {
    Column.NAME: TokensModel._name,
    Column.TOKEN: TokensModel._token,
    Column.SCOPES: TokensModel._scopes,
    Column.LAST_USED: TokensModel._last_used,
    Column.IP_LOCK: TokensModel._ip_lock,
}


# ---------------------------------------------------------------------------------- filtering
class TokenFilter(enum.Enum):
    ALL = "all"
    ADMIN = "admin"
    NEVER_USED = "never_used"
    IP_LOCKED = "ip_locked"


def token_filter_label(kind: TokenFilter) -> str:
    if kind is TokenFilter.ADMIN:
        return tr("TokenFilter", "With Admin scope")
    if kind is TokenFilter.NEVER_USED:
        return tr("TokenFilter", "Never used")
    if kind is TokenFilter.IP_LOCKED:
        return tr("TokenFilter", "Locked to an IP")
    return tr("TokenFilter", "All tokens")


class TextFilterProxy(QSortFilterProxyModel):
    """Sorts by ``Role.SORT`` and keeps rows whose ``Role.FILTER_TEXT`` has the needle."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setSortRole(Role.SORT)
        self.setDynamicSortFilter(True)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    @property
    def needle(self) -> str:
        return self._needle

    def set_text(self, text: str) -> None:
        needle = text.strip().casefold()
        if needle != self._needle:
            self._change_filter(lambda: setattr(self, "_needle", needle))

    def _change_filter(self, change: Callable[[], None]) -> None:
        """Qt >= 6.10 wants begin/endFilterChange around the change; older Qt invalidates."""
        if hasattr(self, "endFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt < 6.10
            change()
            self.invalidateFilter()

    def text_matches(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if model is None:
            return False
        if not self._needle:
            return True
        haystack = model.index(source_row, 0, source_parent).data(Role.FILTER_TEXT)
        return self._needle in str(haystack or "")

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        return self.text_matches(source_row, source_parent)


class TokensFilterProxy(TextFilterProxy):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kind = TokenFilter.ALL

    @property
    def kind(self) -> TokenFilter:
        return self._kind

    def set_kind(self, kind: TokenFilter) -> None:
        if kind is not self._kind:
            self._change_filter(lambda: setattr(self, "_kind", kind))

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self.text_matches(source_row, source_parent):
            return False
        model = self.sourceModel()
        assert model is not None
        index = model.index(source_row, 0, source_parent)
        if self._kind is TokenFilter.ADMIN:
            return bool(index.data(Role.IS_ADMIN))
        if self._kind is TokenFilter.NEVER_USED:
            return bool(index.data(Role.NEVER_USED))
        if self._kind is TokenFilter.IP_LOCKED:
            return bool(index.data(Role.IP_LOCKED))
        return True
