"""The Qt table model of the security checkup's findings, and its filter.

The model holds one report's findings in ranked order (the Risk column sorts by that rank) and
shows each with its risk, a short title, the token or app, the accounts and the scopes
concerned; the reason is its tooltip. The proxy hides findings marked "this is expected"
unless asked to show them, besides the text filter.
"""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor

from deriv_desktop.gui.checkup_text import (
    accounts_text,
    finding_reason,
    finding_title,
    severity_label,
)
from deriv_desktop.gui.models.tokens import AnyIndex, Role, TextFilterProxy, ordered_scopes
from deriv_desktop.gui.strings import tr
from deriv_desktop.services.checkup import CheckupReport
from deriv_desktop.services.checkup_rules import Finding, Severity

_ROOT = QModelIndex()
SEVERITY_COLOURS = {
    Severity.HIGH: QColor("#c62828"),
    Severity.MEDIUM: QColor("#ef6c00"),
    Severity.LOW: QColor("#b08900"),
    Severity.INFO: QColor("#607d8b"),
}


class CheckupColumn(enum.IntEnum):
    RISK = 0
    FINDING = 1
    SUBJECT = 2
    ACCOUNTS = 3
    SCOPES = 4


class CheckupRole(enum.IntEnum):
    EXPECTED = Qt.ItemDataRole.UserRole + 30


class CheckupModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._expected: frozenset[str] = frozenset()

    def __repr__(self) -> str:
        return f"CheckupModel({len(self._findings)} findings)"

    @property
    def findings(self) -> list[Finding]:
        return list(self._findings)

    def set_report(self, report: CheckupReport | None) -> None:
        self.beginResetModel()
        self._findings = list(report.findings) if report is not None else []
        self._expected = report.acknowledged if report is not None else frozenset()
        self.endResetModel()

    def clear(self) -> None:
        self.set_report(None)

    def record_at(self, row: int) -> Finding | None:
        return self._findings[row] if 0 <= row < len(self._findings) else None

    def row_of(self, finding_id: str) -> int:
        return next((i for i, f in enumerate(self._findings) if f.id == finding_id), -1)

    def row_like(self, finding: Finding) -> int:
        return self.row_of(finding.id)

    def is_expected(self, finding: Finding) -> bool:
        return finding.id in self._expected

    # ------------------------------------------------------------------ Qt model API
    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(CheckupColumn)

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
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(CheckupColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                CheckupColumn.RISK: tr("CheckupModel", "Risk"),
                CheckupColumn.FINDING: tr("CheckupModel", "Finding"),
                CheckupColumn.SUBJECT: tr("CheckupModel", "Token or app"),
                CheckupColumn.ACCOUNTS: tr("CheckupModel", "Accounts"),
                CheckupColumn.SCOPES: tr("CheckupModel", "Scopes concerned"),
            }[CheckupColumn(section)]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = index.row()
        finding = self.record_at(row)
        if finding is None or not 0 <= index.column() < len(CheckupColumn):
            return None
        column = CheckupColumn(index.column())
        if role == CheckupRole.EXPECTED:
            return self.is_expected(finding)
        if role == Role.SCOPES:
            return ordered_scopes(finding.scopes)
        if role in (Role.IS_ADMIN, Role.NEVER_USED, Role.IP_LOCKED, Role.REVEALED):
            return False
        if role == Role.IN_USE:
            return finding.in_use
        if role == Role.FILTER_TEXT:
            return " ".join(
                (finding_title(finding), finding.subject, accounts_text(finding))
            ).casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding_reason(finding)
        if role == Role.SORT:
            return self._sort_key(column, row, finding)
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.is_expected(finding):
                return QColor("#888888")
            return SEVERITY_COLOURS[finding.severity] if column is CheckupColumn.RISK else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(column, finding)
        return None

    def _text(self, column: CheckupColumn, finding: Finding) -> str | None:
        if column is CheckupColumn.RISK:
            label = severity_label(finding.severity)
            if self.is_expected(finding):
                return tr("CheckupModel", "%1 (expected)").replace("%1", label)
            return label
        if column is CheckupColumn.FINDING:
            return finding_title(finding)
        if column is CheckupColumn.SUBJECT:
            return finding.subject
        if column is CheckupColumn.ACCOUNTS:
            return accounts_text(finding)
        return None  # the scopes are drawn as chips

    @staticmethod
    def _sort_key(column: CheckupColumn, row: int, finding: Finding) -> Any:
        if column is CheckupColumn.RISK:
            return row  # the report's ranking
        if column is CheckupColumn.FINDING:
            return finding_title(finding).casefold()
        if column is CheckupColumn.SUBJECT:
            return finding.subject.casefold()
        if column is CheckupColumn.ACCOUNTS:
            return accounts_text(finding)
        return len(finding.scopes)


class CheckupFilterProxy(TextFilterProxy):
    """The text filter, and findings marked "this is expected" hidden unless shown."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show_expected = False

    @property
    def show_expected(self) -> bool:
        return self._show_expected

    def set_show_expected(self, show: bool) -> None:
        if show != self._show_expected:
            self._change_filter(lambda: setattr(self, "_show_expected", show))

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self.text_matches(source_row, source_parent):
            return False
        if self._show_expected:
            return True
        model = self.sourceModel()
        assert model is not None
        return not model.index(source_row, 0, source_parent).data(CheckupRole.EXPECTED)


__all__ = ["CheckupColumn", "CheckupFilterProxy", "CheckupModel", "CheckupRole"]
