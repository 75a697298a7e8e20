"""The Qt table model for connected apps (``oauth_apps``) and its filter.

Deriv's own page lists third-party apps only; ``AppsFilterProxy`` does the same by default
(``show_official``) and adds the filter box. The model itself keeps every app the server sent,
so the export and the "show Deriv's own apps" switch see the whole list.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QObject, Qt

from deriv_desktop.domain.models import ConnectedApp
from deriv_desktop.gui.formatting import app_locale
from deriv_desktop.gui.models.record_table import RecordTableModel
from deriv_desktop.gui.models.tokens import (
    AnyIndex,
    Role,
    TextFilterProxy,
    last_used_sort_key,
    last_used_text,
    last_used_tooltip,
    ordered_scopes,
    scopes_text,
)
from deriv_desktop.gui.strings import tr

_ROOT = QModelIndex()


class AppColumn(enum.IntEnum):
    NAME = 0
    APP_ID = 1
    PERMISSIONS = 2
    LAST_USED = 3
    MARKUP = 4


class AppRole(enum.IntEnum):
    OFFICIAL = Qt.ItemDataRole.UserRole + 20
    THIS_APP = Qt.ItemDataRole.UserRole + 21


class AppsModel(RecordTableModel):
    COLUMNS = AppColumn

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        this_app_id: str = "",
        locale: QLocale | None = None,
    ) -> None:
        super().__init__(parent)
        self._apps: list[ConnectedApp] = []
        self._this_app = this_app_id
        self._locale = locale if locale is not None else app_locale()

    def __repr__(self) -> str:
        return f"AppsModel({len(self._apps)} apps)"

    @property
    def apps(self) -> list[ConnectedApp]:
        return list(self._apps)

    def set_apps(self, apps: Sequence[ConnectedApp]) -> None:
        self.beginResetModel()
        self._apps = list(apps)
        self.endResetModel()

    def clear(self) -> None:
        self.set_apps([])

    def record_at(self, row: int) -> ConnectedApp | None:
        return self._apps[row] if 0 <= row < len(self._apps) else None

    def row_of(self, app_id: int) -> int:
        return next((i for i, a in enumerate(self._apps) if a.app_id == app_id), -1)

    def row_like(self, app: ConnectedApp) -> int:
        """The row of the app with ``app``'s id (its name may change, or be shared)."""
        return self.row_of(app.app_id)

    def is_this_app(self, app: ConnectedApp) -> bool:
        return bool(self._this_app) and str(app.app_id) == self._this_app

    def markup_text(self, app: ConnectedApp) -> str:
        if app.markup_percentage == 0:
            return tr("AppsModel", "None")
        number = self._locale.toString(app.markup_percentage, "f", 2).rstrip("0")
        number = number.rstrip(self._locale.decimalPoint())
        return tr("AppsModel", "%1%").replace("%1", number)

    # ------------------------------------------------------------------ Qt model API
    def record_count(self) -> int:
        return len(self._apps)

    def column_titles(self) -> dict[Any, str]:
        return {
            AppColumn.NAME: tr("AppsModel", "Name"),
            AppColumn.APP_ID: tr("AppsModel", "App ID"),
            AppColumn.PERMISSIONS: tr("AppsModel", "Permissions"),
            AppColumn.LAST_USED: tr("AppsModel", "Last used"),
            AppColumn.MARKUP: tr("AppsModel", "Markup"),
        }

    def header_extra(self, column: Any, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == AppColumn.MARKUP:
            return tr("AppsModel", "What the app adds to contract prices for itself")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            AppColumn.APP_ID,
            AppColumn.MARKUP,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        app = self.record_at(index.row())
        if app is None or not 0 <= index.column() < len(AppColumn):
            return None
        if role == AppRole.OFFICIAL:
            return app.official
        if role == AppRole.THIS_APP:
            return self.is_this_app(app)
        if role == Role.SCOPES:
            return ordered_scopes(app.scopes)
        if role == Role.IS_ADMIN:
            return False  # an app's Admin permission is not a warning sign in this table
        if role == Role.IN_USE:
            return self.is_this_app(app)
        if role == Role.FILTER_TEXT:
            return " ".join((app.name, str(app.app_id), scopes_text(app.scopes))).casefold()
        handler = _CELL_DATA[AppColumn(index.column())]
        return handler(self, app, role)

    def _name(self, app: ConnectedApp, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return app.name
        if role == Role.SORT:
            return app.name.casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.is_this_app(app):
                return tr("AppsModel", "This is Deriv Desktop, the app you are using now.")
            if app.official:
                return tr("AppsModel", "One of Deriv's own apps")
        return None

    def _app_id(self, app: ConnectedApp, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return str(app.app_id)
        if role == Role.SORT:
            return app.app_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _permissions(self, app: ConnectedApp, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return scopes_text(app.scopes)
        if role == Role.SORT:
            return len(app.scopes)
        return None

    def _last_used(self, app: ConnectedApp, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return last_used_text(app.last_used, with_time=True, locale=self._locale)
        if role == Qt.ItemDataRole.ToolTipRole:
            return last_used_tooltip(app.last_used, self._locale)
        if role == Role.SORT:
            return last_used_sort_key(app.last_used)
        return None

    def _markup(self, app: ConnectedApp, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.markup_text(app)
        if role == Role.SORT:
            return app.markup_percentage
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("AppsModel", "What the app adds to contract prices for itself")
        return None


_CELL_DATA: dict[AppColumn, Callable[[AppsModel, ConnectedApp, int], Any]] = {
    AppColumn.NAME: AppsModel._name,
    AppColumn.APP_ID: AppsModel._app_id,
    AppColumn.PERMISSIONS: AppsModel._permissions,
    AppColumn.LAST_USED: AppsModel._last_used,
    AppColumn.MARKUP: AppsModel._markup,
}


class AppsFilterProxy(TextFilterProxy):
    """The filter box plus Deriv's rule of listing third-party apps only (switchable)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show_official = False

    @property
    def show_official(self) -> bool:
        return self._show_official

    def set_show_official(self, show: bool) -> None:
        if show != self._show_official:
            self._change_filter(lambda: setattr(self, "_show_official", show))

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self.text_matches(source_row, source_parent):
            return False
        if self._show_official:
            return True
        model = self.sourceModel()
        assert model is not None
        index = model.index(source_row, 0, source_parent)
        # Our own app stays visible even if Deriv counts it as official: the user must be
        # able to see (and revoke) what this very program may do.
        return not index.data(AppRole.OFFICIAL) or bool(index.data(AppRole.THIS_APP))
