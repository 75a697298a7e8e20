"""The account list widget: a flat-looking tree that turns clicks and Enter into account choices.

Group rows are headers, never a stop for the keyboard cursor. A click on a demo row's "Top up"
button asks for a top-up instead of a switch.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAccessible, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTreeView, QWidget

from deriv_desktop.gui.models.accounts import BALANCE_ROLES, Role, RowKind
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.account_delegate import AccountDelegate

AnyIndex = QModelIndex | QPersistentModelIndex


class AccountsView(QTreeView):
    accountChosen = Signal(str)
    topupRequested = Signal(str)

    def __init__(self, delegate: AccountDelegate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = delegate
        self.setItemDelegate(delegate)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setExpandsOnDoubleClick(False)
        self.setIndentation(0)
        self.setUniformRowHeights(False)
        self.setMouseTracking(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setAccessibleName(tr("AccountsView", "Accounts"))

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            for signal in (model.modelReset, model.rowsInserted, model.layoutChanged):
                signal.connect(self.expandAll)
        self.expandAll()

    def dataChanged(
        self, topLeft: AnyIndex, bottomRight: AnyIndex, roles: Sequence[int] = ()
    ) -> None:
        """A balance refresh only repaints its rows.

        ``QTreeView`` answers every ``dataChanged`` by asking each row of the range for its
        height and children again; here a row's height follows its kind alone, so for
        balance roles that is twenty-odd calls into the model per refresh, many times a second,
        for nothing. Anything else, and everything while assistive technology listens (it is
        told about changes from the base class), takes the usual path."""
        if roles and BALANCE_ROLES.issuperset(roles) and not QAccessible.isActive():
            self.viewport().update(self.visualRect(topLeft).united(self.visualRect(bottomRight)))
            return
        super().dataChanged(topLeft, bottomRight, roles)

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def is_account(index: AnyIndex) -> bool:
        return index.isValid() and index.data(Role.KIND) == RowKind.ACCOUNT

    def loginid_at(self, index: AnyIndex) -> str | None:
        if not self.is_account(index):
            return None
        value = index.data(Role.LOGINID)
        return str(value) if value else None

    def index_for(self, loginid: str) -> QModelIndex:
        model = self.model()
        if model is None:
            return QModelIndex()
        for group_row in range(model.rowCount()):
            group = model.index(group_row, 0)
            for row in range(model.rowCount(group)):
                child = model.index(row, 0, group)
                if child.data(Role.LOGINID) == loginid:
                    return child
        return QModelIndex()

    def _choose(self, index: AnyIndex) -> None:
        """Any account row, disabled ones too: the window then says why it cannot open it."""
        loginid = self.loginid_at(index)
        if loginid is not None:
            self.accountChosen.emit(loginid)

    # ------------------------------------------------------------------ input
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or not self.is_account(index):
            return
        pill = self.delegate.topup_rect(self.visualRect(index), index, self.font())
        if pill is not None and pill.contains(event.position().toPoint()):
            loginid = self.loginid_at(index)
            if loginid is not None and index.flags() & Qt.ItemFlag.ItemIsEnabled:
                self.topupRequested.emit(loginid)
            return
        self._choose(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            self._choose(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def _reachable(self) -> list[QModelIndex]:
        """Enabled account rows in display order (headers and disabled rows are skipped)."""
        model = self.model()
        out: list[QModelIndex] = []
        if model is None:
            return out
        for group_row in range(model.rowCount()):
            group = model.index(group_row, 0)
            for row in range(model.rowCount(group)):
                child = model.index(row, 0, group)
                if child.flags() & Qt.ItemFlag.ItemIsEnabled:
                    out.append(child)
        return out

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Up/Down/Home/End/Page keys over account rows only, never onto a group header."""
        rows = self._reachable()
        if not rows:
            return QModelIndex()
        action = QAbstractItemView.CursorAction
        current = self.currentIndex()
        pos = next((i for i, x in enumerate(rows) if x == current), -1)
        page = max(1, self.viewport().height() // AccountDelegate.ACCOUNT_HEIGHT - 1)
        if cursorAction in (action.MoveDown, action.MoveNext):
            return rows[min(pos + 1, len(rows) - 1)]
        if cursorAction in (action.MoveUp, action.MovePrevious):
            return rows[max(pos - 1, 0)] if pos >= 0 else rows[0]
        if cursorAction == action.MoveHome:
            return rows[0]
        if cursorAction == action.MoveEnd:
            return rows[-1]
        if cursorAction == action.MovePageDown:
            return rows[min(max(pos, 0) + page, len(rows) - 1)]
        if cursorAction == action.MovePageUp:
            return rows[max(pos - page, 0)]
        return current if self.is_account(current) else rows[0]
