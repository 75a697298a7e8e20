"""The Qt table model of the security checkup's findings, and its filter.

The model holds one report's findings in ranked order (the Risk column sorts by that rank) and
shows each with its risk, a short title, the token or app, the accounts and the scopes
concerned; the reason is its tooltip. The proxy hides findings marked "this is expected"
unless asked to show them, besides the text filter.
"""

from __future__ import annotations

import enum
from typing import Any, NamedTuple

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QColor

from deriv_desktop.gui.checkup_text import (
    accounts_text,
    finding_reason,
    finding_title,
    severity_label,
)
from deriv_desktop.gui.models.record_table import RecordTableModel
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


class _Row(NamedTuple):
    """What the view asks for again and again (sorting, filtering), worded once per report."""

    risk: str
    title: str
    accounts: str
    filter_text: str


class CheckupModel(RecordTableModel):
    COLUMNS = CheckupColumn

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._rows: list[_Row] = []
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
        self._rows = self._worded(self._findings)
        self.endResetModel()

    def same_as(self, report: CheckupReport) -> bool:
        """Whether ``report`` would show exactly what is shown (no reset needed)."""
        return report.acknowledged == self._expected and list(report.findings) == self._findings

    def _worded(self, findings: list[Finding]) -> list[_Row]:
        """The texts of every row; a title or risk label is translated once per report."""
        labels: dict[tuple[object, ...], str] = {}
        rows = []
        for finding in findings:
            expected = self.is_expected(finding)
            risk_key = (finding.severity, expected)
            if risk_key not in labels:
                label = severity_label(finding.severity)
                if expected:
                    label = tr("CheckupModel", "%1 (expected)").replace("%1", label)
                labels[risk_key] = label
            title_key = (finding.kind, finding.days)
            if title_key not in labels:
                labels[title_key] = finding_title(finding)
            title, accounts = labels[title_key], accounts_text(finding)
            filter_text = f"{title} {finding.subject} {accounts}".casefold()
            rows.append(_Row(labels[risk_key], title, accounts, filter_text))
        return rows

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
    def record_count(self) -> int:
        return len(self._findings)

    def column_titles(self) -> dict[Any, str]:
        return {
            CheckupColumn.RISK: tr("CheckupModel", "Risk"),
            CheckupColumn.FINDING: tr("CheckupModel", "Finding"),
            CheckupColumn.SUBJECT: tr("CheckupModel", "Token or app"),
            CheckupColumn.ACCOUNTS: tr("CheckupModel", "Accounts"),
            CheckupColumn.SCOPES: tr("CheckupModel", "Scopes concerned"),
        }

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._findings) or not 0 <= column < _COLUMNS:
            return None
        finding, worded = self._findings[row], self._rows[row]
        if role == _SORT:  # asked n·log n times per reset: plain ints and strings only
            if column == _RISK:
                return row  # the report's ranking
            if column == _FINDING:
                return worded.title.casefold()
            if column == _SUBJECT:
                return finding.subject.casefold()
            if column == _ACCOUNTS:
                return worded.accounts
            return len(finding.scopes)
        if role in (_DISPLAY, _ACCESSIBLE):
            if column == _RISK:
                return worded.risk
            if column == _FINDING:
                return worded.title
            if column == _SUBJECT:
                return finding.subject
            if column == _ACCOUNTS:
                return worded.accounts
            return None  # the scopes are drawn as chips
        if role == CheckupRole.EXPECTED:
            return self.is_expected(finding)
        if role == _FILTER:
            return worded.filter_text
        if role == Role.SCOPES:
            return ordered_scopes(finding.scopes)
        if role == Role.IN_USE:
            return finding.in_use
        if role in (Role.IS_ADMIN, Role.NEVER_USED, Role.IP_LOCKED, Role.REVEALED):
            return False
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding_reason(finding)
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.is_expected(finding):
                return _MUTED
            return SEVERITY_COLOURS[finding.severity] if column == _RISK else None
        return None


_COLUMNS = len(CheckupColumn)
_RISK, _FINDING, _SUBJECT, _ACCOUNTS = (
    int(CheckupColumn.RISK),
    int(CheckupColumn.FINDING),
    int(CheckupColumn.SUBJECT),
    int(CheckupColumn.ACCOUNTS),
)
_SORT, _FILTER = int(Role.SORT), int(Role.FILTER_TEXT)
_DISPLAY, _ACCESSIBLE = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.AccessibleTextRole)
_MUTED = QColor("#888888")


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
