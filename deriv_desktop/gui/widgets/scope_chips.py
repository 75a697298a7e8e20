"""Paints scopes as small rounded chips (Admin in a warning colour) and the "this app" marker.

Used by the token and connected-apps tables. Colours are blended from the palette, so light and
dark themes both read well; only the Admin and "this app" chips carry hues of their own. Chips
that do not fit are summarised as "+N" (the cell's tooltip and accessible text list them all),
except Admin and Payments: what a token can do that is risky is never the part hidden.

Every cell is laid out by one function (``ChipsDelegate.cell_layout``) that ``paint`` draws and
the layout guard measures (``painted_texts``, ``tests/gui/layout_scan.py``), so the two cannot
drift apart; cells without chips are laid out the way the style would draw them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from deriv_desktop.domain.models import Scope
from deriv_desktop.gui.models.tokens import Role, scope_label
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.account_delegate import PaintedText
from deriv_desktop.gui.widgets.colors import mix

AnyIndex = QModelIndex | QPersistentModelIndex

ADMIN_HUE = QColor("#d0453a")
THIS_APP_HUE = QColor("#3d7bd9")
CHIP_GAP = 4
CHIP_PAD = 7
_LEFT_PADDING = 6  # before the first chip
_CELL_PADDING = 10  # before the first chip and after the last one's gap, together


# Scopes whose chip never collapses into "+N": they can move money or change the account.
ALWAYS_SHOWN = (Scope.ADMIN, Scope.PAYMENTS)

# What a painted text is, in the layout guard's reports.
SCOPE_CHIP = "scope chip"
MORE_CHIP = "+N chip"
MARKER_CHIP = "this-app chip"
NAME = "name"
CELL = "cell text"

# Parts shortened with "…" when their column is narrow: only a record's name, as a table
# does. A chip is whole or, when it is not Admin or Payments, counted in "+N"; a figure, a
# date or an address is never cut.
ELIDED_PARTS = frozenset({NAME})


def chip_plan(
    scopes: Sequence[Scope],
    room: int,
    measure: Callable[[str], int],
    elide: Callable[[str, int], str],
) -> list[tuple[str, Scope | None]]:
    """The chips to draw in ``room`` pixels, in order: ``(text, scope)``, ``scope`` None for the
    "+N" summary. ``measure(text)`` is a chip's width (gap excluded); ``elide(text, width)``
    shortens a label to ``width`` pixels of text.

    Others collapse first, from the end; Admin and Payments always show, their labels shortened
    only if they alone are wider than the cell.
    """

    def total(chips: Sequence[str]) -> int:
        return sum(measure(t) + CHIP_GAP for t in chips)

    labels = [scope_label(s) for s in scopes]
    if total(labels) <= room:
        return list(zip(labels, scopes, strict=True))
    keep = [s in ALWAYS_SHOWN for s in scopes]
    others = [i for i, k in enumerate(keep) if not k]
    shown = list(keep)
    # Add the other scopes, in order, while they and a "+N" chip still fit.
    for i in others:
        trial = [*shown]
        trial[i] = True
        hidden = sum(1 for x in trial if not x)
        texts = [labels[j] for j, on in enumerate(trial) if on]
        if total(texts + ([f"+{hidden}"] if hidden else [])) > room:
            break
        shown = trial
    hidden = sum(1 for x in shown if not x)
    more = [f"+{hidden}"] if hidden else []
    plan: list[tuple[str, Scope | None]] = [
        (labels[i], scopes[i]) for i, on in enumerate(shown) if on
    ]
    risky = [i for i, (_t, s) in enumerate(plan) if s in ALWAYS_SHOWN]
    if total([t for t, _s in plan] + more) > room and risky:
        # Only the risky chips are left and still too wide: share the room between them.
        spare = room - total(more) - total([t for t, s in plan if s not in ALWAYS_SHOWN])
        share = max(0, spare // len(risky) - CHIP_GAP - 2 * CHIP_PAD)
        plan = [((elide(t, share) or t[:1] + "…") if s in ALWAYS_SHOWN else t, s) for t, s in plan]
    return plan + [(t, None) for t in more]


def _chip_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * 0.86)
    font.setWeight(QFont.Weight.DemiBold)
    return font


def _chip_width(metrics: QFontMetrics, text: str) -> int:
    return metrics.horizontalAdvance(text) + 2 * CHIP_PAD


def _style(option: QStyleOptionViewItem) -> QStyle:
    widget: QWidget | None = option.widget
    return widget.style() if widget is not None else QApplication.style()


@dataclass(frozen=True, slots=True)
class Drawn:
    """One text of a cell as ``paint`` draws it; a chip also gets its rounded fill, in ``hue``
    (None: the neutral one)."""

    text: PaintedText
    chip: bool = False
    hue: QColor | None = None


class ChipsDelegate(QStyledItemDelegate):
    """Draws ``Role.SCOPES`` as chips in ``scopes_column`` and a marker after the name in
    ``name_column`` for rows whose ``Role.IN_USE`` is true; other cells show their text as the
    style would."""

    ELIDED_PARTS: ClassVar[frozenset[str]] = ELIDED_PARTS  # what the layout guard lets shorten

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        scopes_column: int,
        name_column: int = 0,
        marker_text: str = "",
    ) -> None:
        super().__init__(parent)
        self.scopes_column = scopes_column
        self.name_column = name_column
        self.marker_text = marker_text or tr("ChipsDelegate", "Used by this app")

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        hint = super().sizeHint(option, index)
        metrics = QFontMetrics(_chip_font(option.font))
        height = max(hint.height(), metrics.height() + 14)
        if index.column() == self.scopes_column:
            scopes = index.data(Role.SCOPES) or []
            width = sum(_chip_width(metrics, scope_label(s)) + CHIP_GAP for s in scopes)
            return QSize(max(hint.width(), width + 8), height)
        if index.column() == self.name_column and index.data(Role.IN_USE):
            extra = _chip_width(metrics, self.marker_text) + 10
            return QSize(hint.width() + extra, height)
        return QSize(hint.width(), height)

    def least_width(self, font: QFont, index: AnyIndex) -> int:
        """The narrowest scopes cell, in a view of ``font``, that shows the row's Admin and
        Payments chips whole beside a "+N" for the others (what ``chip_plan`` keeps last)."""
        scopes: list[Scope] = list(index.data(Role.SCOPES) or [])
        metrics = QFontMetrics(_chip_font(font))
        kept = [scope_label(s) for s in scopes if s in ALWAYS_SHOWN]
        others = len(scopes) - len(kept)
        chips = kept + ([f"+{others}"] if others else [])
        return sum(_chip_width(metrics, t) + CHIP_GAP for t in chips) + _CELL_PADDING

    # ------------------------------------------------------------------ layout
    def painted_texts(self, option: QStyleOptionViewItem, index: AnyIndex) -> list[PaintedText]:
        """Every text ``paint`` draws for ``index`` in ``option.rect``, where it draws it."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        return [drawn.text for drawn in self.cell_layout(opt, index)]

    def cell_layout(self, opt: QStyleOptionViewItem, index: AnyIndex) -> list[Drawn]:
        """The texts and chips of the cell ``index`` in ``opt.rect`` (``opt`` already holds
        the cell's data: ``initStyleOption``)."""
        if index.column() == self.scopes_column:
            return self._scope_chips(opt, index)
        if index.column() == self.name_column and index.data(Role.IN_USE):
            marked = self._name_with_marker(opt)
            if marked:
                return marked
        return self._plain_text(opt, index)

    def _scope_chips(self, opt: QStyleOptionViewItem, index: AnyIndex) -> list[Drawn]:
        scopes: list[Scope] = list(index.data(Role.SCOPES) or [])
        font = _chip_font(opt.font)
        metrics = QFontMetrics(font)
        rect: QRect = opt.rect.adjusted(_LEFT_PADDING, 0, _LEFT_PADDING - _CELL_PADDING, 0)
        height = metrics.height() + 6
        top = rect.center().y() - height // 2 + 1
        plan = chip_plan(
            scopes,
            rect.width(),
            lambda text: _chip_width(metrics, text),
            lambda text, width: metrics.elidedText(text, Qt.TextElideMode.ElideRight, width),
        )
        drawn: list[Drawn] = []
        x = rect.left()
        for text, scope in plan:
            width = _chip_width(metrics, text)
            place = QRect(x, top, width, height)
            full = scope_label(scope) if scope is not None else text
            part = SCOPE_CHIP if scope is not None else MORE_CHIP
            painted = PaintedText(part, text, full, font, place, int(Qt.AlignmentFlag.AlignCenter))
            drawn.append(Drawn(painted, True, ADMIN_HUE if scope is Scope.ADMIN else None))
            x += width + CHIP_GAP
        return drawn

    def _name_with_marker(self, opt: QStyleOptionViewItem) -> list[Drawn]:
        """The name, shortened if need be, then the "this app" chip; nothing when the column
        is too narrow for both (the name matters more: it is then drawn alone)."""
        font = _chip_font(opt.font)
        metrics = QFontMetrics(font)
        marker_width = _chip_width(metrics, self.marker_text)
        name_font = QFont(opt.font)  # a copy: the option's own dies with the option
        name_metrics = QFontMetrics(name_font)
        room = opt.rect.width() - marker_width - 14
        if room < 40:
            return []
        text_rect = QRect(opt.rect)
        text_rect.setWidth(min(name_metrics.horizontalAdvance(opt.text) + 12, room))
        inner = text_rect.adjusted(4, 0, -4, 0)
        name = name_metrics.elidedText(opt.text, Qt.TextElideMode.ElideRight, inner.width())
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        height = metrics.height() + 6
        chip = QRect(
            text_rect.right() + 4, opt.rect.center().y() - height // 2 + 1, marker_width, height
        )
        centre = int(Qt.AlignmentFlag.AlignCenter)
        return [
            Drawn(PaintedText(NAME, name, opt.text, name_font, inner, left)),
            Drawn(
                PaintedText(MARKER_CHIP, self.marker_text, self.marker_text, font, chip, centre),
                True,
                THIS_APP_HUE,
            ),
        ]

    def _plain_text(self, opt: QStyleOptionViewItem, index: AnyIndex) -> list[Drawn]:
        """The cell's text where and as the style draws an item's text: in its text rect less
        the focus frame margin, shortened by the view's elide mode."""
        if not opt.text:
            return []
        style = _style(opt)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, opt.widget) + 1
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        rect = rect.adjusted(margin, 0, -margin, 0)
        font = QFont(opt.font)  # a copy: the option's own dies with the option
        text = QFontMetrics(font).elidedText(opt.text, opt.textElideMode, rect.width())
        part = NAME if index.column() == self.name_column else CELL
        flags = int(opt.displayAlignment.value)
        return [Drawn(PaintedText(part, text, opt.text, font, rect, flags))]

    # ------------------------------------------------------------------ painting
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        drawn = self.cell_layout(opt, index)
        # The style's selection, hover and focus background, without any text.
        opt.text = ""
        _style(opt).drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = self._ink(opt)
        for item in drawn:
            text = item.text
            painter.setFont(text.font)
            if item.chip:
                self._draw_chip(painter, text.rect, text.text, option, item.hue)
            else:
                painter.setPen(ink)
                painter.drawText(text.rect, text.flags, text.text)
        painter.restore()

    @staticmethod
    def _ink(opt: QStyleOptionViewItem) -> QColor:
        """A cell text's colour, chosen as the style chooses it."""
        state = opt.state
        group = QPalette.ColorGroup.Normal
        if not state & QStyle.StateFlag.State_Enabled:
            group = QPalette.ColorGroup.Disabled
        elif not state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Inactive
        selected = bool(state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        return opt.palette.color(group, role)

    def _colours(self, option: QStyleOptionViewItem, hue: QColor | None) -> tuple[QColor, QColor]:
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        base = palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
        text = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        if selected:  # on the highlight only white-ish ink reads well; the hue goes in the fill
            return mix(base, hue if hue is not None else text, 0.45 if hue else 0.18), text
        if hue is None:
            return mix(base, text, 0.10), mix(text, base, 0.15)
        return mix(base, hue, 0.18), mix(hue, text, 0.25)

    def _draw_chip(
        self,
        painter: QPainter,
        rect: QRect,
        text: str,
        option: QStyleOptionViewItem,
        hue: QColor | None,
    ) -> None:
        fill, ink = self._colours(option, hue)
        path = QPainterPath()
        path.addRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
        painter.fillPath(path, fill)
        painter.setPen(ink)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
