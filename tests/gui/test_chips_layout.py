"""The layout guard measures the scope chips as ``ChipsDelegate`` paints them: in every cell of
a table, whether the delegate is the view's or only one column's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QTableView

from deriv_desktop.domain.models import Scope
from deriv_desktop.gui.models.tokens import Role
from deriv_desktop.gui.widgets import scope_chips
from deriv_desktop.gui.widgets.scope_chips import MORE_CHIP, SCOPE_CHIP, ChipsDelegate
from tests.gui.layout_scan import delegate_problems
from tests.gui.token_fixtures import english

EVERY = [Scope.READ, Scope.TRADE, Scope.PAYMENTS, Scope.TRADING_INFORMATION, Scope.ADMIN]
SCOPES = 1  # the chips column of the little table below


@pytest.fixture(autouse=True)
def _english(qapp: QApplication) -> Iterator[None]:
    with english():
        yield


def _table(scopes_width: int, *, per_column: bool) -> QTableView:
    """A two-column table (a name, then every scope) with the chips delegate set for the view
    or only for the chips column, that column ``scopes_width`` px wide."""
    model = QStandardItemModel(1, 2)
    model.setHorizontalHeaderLabels(["Name", "Scopes"])
    model.setItem(0, 0, QStandardItem("Admin tools"))
    chips = QStandardItem()
    chips.setData(EVERY, Role.SCOPES)
    model.setItem(0, SCOPES, chips)
    view = QTableView()
    view.setModel(model)
    delegate = ChipsDelegate(view, scopes_column=SCOPES)
    if per_column:
        view.setItemDelegateForColumn(SCOPES, delegate)
    else:
        view.setItemDelegate(delegate)
    view.horizontalHeader().setMinimumSectionSize(10)
    view.setColumnWidth(0, 320)
    view.setColumnWidth(SCOPES, scopes_width)
    view.resize(scopes_width + 200, 120)
    return view


def _chip_findings(view: QTableView) -> list[str]:
    return [str(f) for f in delegate_problems(view) if "column 'Scopes'" in f.widget]


@pytest.mark.parametrize("per_column", [False, True])
def test_chips_that_fit_are_not_reported(qtbot: object, per_column: bool) -> None:
    view = _table(600, per_column=per_column)
    assert delegate_problems(view) == []
    texts = [t.text for t in _painted(view)]
    assert texts == ["Read", "Trade", "Payments", "Trading information", "Admin"]


@pytest.mark.parametrize("per_column", [False, True])
def test_a_narrow_column_that_shortens_admin_is_reported(qtbot: object, per_column: bool) -> None:
    """In 90 px Admin and Payments cannot both show whole: the guard says so, for the chips
    column, whether the delegate is the view's or set for that column alone."""
    view = _table(90, per_column=per_column)
    found = _chip_findings(view)
    assert any(f" {SCOPE_CHIP}: 'Admin' is shown shortened" in f for f in found), found
    assert any(f" {SCOPE_CHIP}: 'Payments' is shown shortened" in f for f in found), found


def test_a_long_scope_name_is_reported(qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """A translation far longer than the column (the risky chips never collapse): shortened."""
    long = "Payments to and from every account you hold"
    monkeypatch.setattr(
        scope_chips,
        "scope_label",
        lambda scope: long if scope is Scope.PAYMENTS else scope.value.title(),
    )
    view = _table(240, per_column=True)
    found = _chip_findings(view)
    assert any(f"{long!r} is shown shortened" in f for f in found), found
    assert not any("'Admin'" in f for f in found), found


def test_chips_on_top_of_each_other_or_past_the_cell_are_reported(
    qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A layout slip (chips placed 30 px too close) shows as overlapping chips; chips wider than
    their room run out of the cell."""
    monkeypatch.setattr(scope_chips, "CHIP_GAP", -30)
    found = _chip_findings(_table(600, per_column=True))
    assert any(f"{SCOPE_CHIP}: overlaps the {SCOPE_CHIP}" in f for f in found), found
    monkeypatch.setattr(scope_chips, "CHIP_GAP", 4)
    monkeypatch.setattr(scope_chips, "chip_plan", lambda scopes, *_: [("+5", None)] * 9)
    found = _chip_findings(_table(120, per_column=True))
    assert any(f"{MORE_CHIP}: '+5' is painted outside its cell" in f for f in found), found


def _painted(view: QTableView) -> list[scope_chips.PaintedText]:
    index = view.model().index(0, SCOPES)
    option = QStyleOptionViewItem()
    option.rect = view.visualRect(index)
    option.font = view.font()
    option.palette = view.palette()
    delegate = view.itemDelegateForIndex(index)
    assert isinstance(delegate, ChipsDelegate)
    return delegate.painted_texts(option, index)


@pytest.mark.parametrize("width", [60, 130, 220, 600])
def test_paint_draws_the_chips_the_guard_measures(qtbot: object, width: int) -> None:
    """``paint`` and ``painted_texts`` come from one layout: same texts, same places."""
    drawn: list[tuple[str, QRect]] = []

    class Recorder(ChipsDelegate):
        def _draw_chip(
            self,
            painter: QPainter,
            rect: QRect,
            text: str,
            option: QStyleOptionViewItem,
            hue: QColor | None,
        ) -> None:
            drawn.append((text, QRect(rect)))

    view = _table(width, per_column=True)
    view.setItemDelegateForColumn(SCOPES, Recorder(view, scopes_column=SCOPES))
    index = view.model().index(0, SCOPES)
    option = QStyleOptionViewItem()
    option.rect = view.visualRect(index)
    option.font = view.font()
    option.palette = view.palette()
    image = QImage(width + 20, 60, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    view.itemDelegateForIndex(index).paint(painter, option, index)
    painter.end()
    measured = [(t.text, t.rect) for t in _painted(view)]
    assert drawn == measured
    assert any(text.startswith("A") for text, _rect in drawn)  # Admin is always there


def test_the_this_app_chip_follows_the_name_and_only_the_name_gives_way(qtbot: object) -> None:
    """The token this app signed in with: its name, then the "this app" chip, both inside the
    cell; in a narrow column the name is shortened (a name may be), never the chip."""
    view = _table(300, per_column=False)
    name = view.model().item(0, 0)
    name.setText("Desktop sign-in")
    name.setData(True, Role.IN_USE)
    assert delegate_problems(view) == []
    index = view.model().index(0, 0)
    option = QStyleOptionViewItem()
    option.rect = QRect(view.visualRect(index))
    option.font = view.font()
    option.palette = view.palette()
    delegate = view.itemDelegateForIndex(index)
    assert isinstance(delegate, ChipsDelegate)
    wide = delegate.painted_texts(option, index)
    assert [t.part for t in wide] == [scope_chips.NAME, scope_chips.MARKER_CHIP]
    assert wide[0].text == wide[0].full and wide[1].text == "Used by this app"
    option.rect = QRect(option.rect.left(), option.rect.top(), 170, option.rect.height())
    narrow = delegate.painted_texts(option, index)
    assert narrow[0].text.endswith("…") and narrow[1].text == "Used by this app"
    assert not narrow[0].rect.intersects(narrow[1].rect)
