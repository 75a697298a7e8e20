"""Every text a user can see (or a screen reader can read) in a window, and a test for amounts.

Privacy-mode tests walk what is on screen: labels, buttons, line edits, combo boxes, tooltips,
accessible names, menus and the rows' model roles (what the delegate paints), and look for
anything that reads like an amount.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QWidget,
)

from deriv_desktop.gui.models.accounts import AccountRow, Role

#: An amount as English formatting writes it: digits, a decimal point, at least two decimals.
AMOUNT = re.compile(r"\d\.\d{2}")

_TEXT_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Role.BALANCE_TEXT,
    Role.CONVERTED_TEXT,
)


def widget_texts(root: QWidget) -> Iterator[str]:
    """The texts of ``root`` and of every visible widget under it, and of its menus' actions."""
    widgets: list[QWidget] = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        yield widget.windowTitle()
        yield widget.toolTip()
        yield widget.accessibleName()
        yield widget.accessibleDescription()
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            yield widget.text()
        elif isinstance(widget, QComboBox):
            yield from (widget.itemText(i) for i in range(widget.count()))
    if isinstance(root, QMainWindow):
        yield root.statusBar().currentMessage()
    for menu in root.findChildren(QMenu):
        yield from action_texts(menu.actions())


def action_texts(actions: Iterable[QAction]) -> Iterator[str]:
    for action in actions:
        yield action.text()
        yield action.toolTip()
        yield action.statusTip()
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from action_texts(submenu.actions())


def model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[str]:
    """Every text role of every row (depth first), and the painted row's two amount lines."""
    parent = parent if parent is not None else QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        for role in _TEXT_ROLES:
            value = index.data(role)
            if isinstance(value, str):
                yield value
        painted = index.data(Role.ROW)
        if isinstance(painted, AccountRow):
            yield painted.balance_text
            yield painted.converted_text
        yield from model_texts(model, index)


def amounts_in(texts: Iterable[str]) -> list[str]:
    """The texts that hold something reading like an amount."""
    return [text for text in texts if text and AMOUNT.search(text)]
