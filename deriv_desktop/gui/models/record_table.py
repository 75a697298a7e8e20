"""What the token, connected-app and checkup tables share: a flat, read-only list of records
in fixed columns, each with a translated title.

A subclass names its column enum (``COLUMNS``), says how many records it holds
(``record_count``) and how its columns are titled (``column_titles``); ``data`` stays its own.
"""

from __future__ import annotations

import enum
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class RecordTableModel(QAbstractTableModel):
    COLUMNS: ClassVar[type[enum.IntEnum]]

    def record_count(self) -> int:  # pragma: no cover - overridden
        raise NotImplementedError

    def column_titles(self) -> dict[Any, str]:  # pragma: no cover - overridden
        """Each column's title in the interface language."""
        raise NotImplementedError

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self.record_count()

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.column_titles()[self.COLUMNS(section)]
        return self.header_extra(self.COLUMNS(section), role)

    def header_extra(self, column: Any, role: int) -> Any:
        """Any other role of a column's header (a tooltip, an alignment); None by default."""
        return None
