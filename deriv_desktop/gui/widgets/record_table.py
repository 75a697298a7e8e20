"""The table of the token manager and the connected-apps dialog, or a notice in its place.

Both dialogs list one account's records (tokens, apps) the same way: sortable, one whole row
selected at a time, scopes drawn as chips, "this app" marked after the name. When there is
nothing to show (loading, empty, nothing matches the filter, the list could not be loaded) a
compact ``NoticePanel`` takes the table's place, so the empty state says why.

Rows are found through the filter proxy; callers speak in the source model's rows.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStackedWidget,
    QStyle,
    QTableView,
    QWidget,
)

from deriv_desktop.gui.widgets.notice_panel import NoticeIcon, NoticePanel
from deriv_desktop.gui.widgets.scope_chips import ChipsDelegate

ROW_HEIGHT = 34
_SELECT_ROW = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
)


def title_width(header: QHeaderView, title: str) -> int:
    """What a column needs to show ``title`` whole: text, margins and the sort arrow."""
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    return header.fontMetrics().horizontalAdvance(title) + 4 * margin + arrow


class RecordTable(QStackedWidget):
    """``table`` or ``empty``; ``widths`` maps columns to their starting width."""

    def __init__(
        self,
        parent: QWidget,
        proxy: QSortFilterProxyModel,
        *,
        name_column: int,
        scopes_column: int,
        marker_text: str,
        accessible_name: str,
        widths: dict[int, int],
    ) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.name_column = name_column
        self.scopes_column = scopes_column
        table = self.table = QTableView(self)
        table.setModel(proxy)
        self.delegate = ChipsDelegate(
            table, scopes_column=scopes_column, name_column=name_column, marker_text=marker_text
        )
        table.setItemDelegate(self.delegate)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setSortingEnabled(True)
        table.sortByColumn(name_column, Qt.SortOrder.AscendingOrder)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        table.setAccessibleName(accessible_name)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Widths follow the column titles (longer in French), the given width being the least.
        titles = {
            column: title_width(header, str(proxy.headerData(column, Qt.Orientation.Horizontal)))
            for column in range(proxy.columnCount())
        }
        header.setMinimumSectionSize(max(60, titles.get(scopes_column, 0)))
        for column, width in widths.items():
            header.resizeSection(column, max(width, titles.get(column, 0)))
        self._name_widths = (titles.get(name_column, 0), header.sectionSize(name_column))
        self._scopes_title = titles.get(scopes_column, 0)
        for signal in (proxy.modelReset, proxy.rowsInserted):
            signal.connect(self._fit_columns)
        header.sectionResized.connect(self._section_resized)
        table.viewport().installEventFilter(self)
        self.empty = NoticePanel(self, compact=True)
        self.addWidget(table)
        self.addWidget(self.empty)

    def tab_stops(self) -> list[QWidget]:
        """The table, or the button of the notice in its place, for the dialog's Tab chain."""
        return [self.table, self.empty.action]

    # ------------------------------------------------------------------ column widths
    def _fit_columns(self) -> None:
        """The name column as wide as its names, between its title and its starting width (the
        room short names leave goes to the scope chips: beside a 220 px column holding "Deriv"
        the Admin and Payments chips were cut to "Ad…" at 800 px and in French), then the
        scopes column filled."""
        least, most = self._name_widths
        names = self.table.sizeHintForColumn(self.name_column)
        header = self.table.horizontalHeader()
        header.resizeSection(self.name_column, max(least, min(most, names)))
        self._fill_scopes()

    def _fill_scopes(self) -> None:
        """The scopes column takes the room the other columns leave, and never less than its
        rows' Admin and Payments chips and "+N" need whole: on a narrow table it scrolls
        sideways rather than cut them (a stretching column fell to the header's minimum)."""
        header = self.table.horizontalHeader()
        font = self.table.font()
        need = max(
            [self._scopes_title]
            + [
                self.delegate.least_width(font, self.proxy.index(row, self.scopes_column))
                for row in range(self.proxy.rowCount())
            ]
        )
        room = self.table.viewport().width() - (
            header.length() - header.sectionSize(self.scopes_column)
        )
        width = max(need, room)
        if width != header.sectionSize(self.scopes_column):
            header.resizeSection(self.scopes_column, width)

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if column != self.scopes_column:  # another column dragged or fitted: refill
            self._fill_scopes()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fill_scopes()
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ what is shown
    def show_empty(
        self, title: str, body: str, action: str = "", icon: NoticeIcon = NoticeIcon.NONE
    ) -> None:
        self.empty.show_notice(title, body, action, icon)
        self.setCurrentWidget(self.empty)

    def show_table(self) -> None:
        self.setCurrentWidget(self.table)

    @property
    def showing_table(self) -> bool:
        return self.currentWidget() is self.table

    # ------------------------------------------------------------------ selection
    def selected_source_row(self) -> int:
        """The source model's row of the selection; -1 when none (or the table is hidden)."""
        if not self.showing_table:
            return -1
        rows = self.table.selectionModel().selectedRows()
        index = rows[0] if rows else QModelIndex()
        return self.proxy.mapToSource(index).row() if index.isValid() else -1

    def name_of(self, row: int) -> str:
        """The name the table shows for the source model's ``row``."""
        source = self.proxy.sourceModel()
        return str(source.index(row, self.name_column).data()) if source is not None else ""

    def select_source_row(self, row: int) -> bool:
        """Select and show the source model's ``row``; False when it is filtered out or absent."""
        source = self.proxy.sourceModel()
        if row < 0 or source is None:
            return False
        index = self.proxy.mapFromSource(source.index(row, 0))
        if not index.isValid():
            return False
        # The current cell is the row's first: moving to it never scrolls the table sideways
        # past its first column (the checkup's risk level).
        self.table.selectionModel().setCurrentIndex(index, _SELECT_ROW)
        self.table.scrollTo(index)
        return True

    def select_none(self) -> None:
        """No row chosen (the chosen one is gone): a second Delete must not hit a neighbour."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)

    def select_first_row(self) -> None:
        """A row is always chosen, so the row actions work straight from the keyboard."""
        first = self.proxy.index(0, 0)
        if first.isValid():
            self.table.selectionModel().setCurrentIndex(first, _SELECT_ROW)
