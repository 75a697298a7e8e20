"""Paints scopes as small rounded chips (Admin in a warning colour) and the "this app" marker.

Used by the token and connected-apps tables. Colours are blended from the palette, so light and
dark themes both read well; only the Admin and "this app" chips carry hues of their own. Chips
that do not fit are summarised as "+N" (the cell's tooltip and accessible text list them all),
except Admin and Payments: what a token can do that is risky is never the part hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from deriv_desktop.domain.models import Scope
from deriv_desktop.gui.models.tokens import Role, scope_label
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.colors import mix

AnyIndex = QModelIndex | QPersistentModelIndex

ADMIN_HUE = QColor("#d0453a")
THIS_APP_HUE = QColor("#3d7bd9")
CHIP_GAP = 4
CHIP_PAD = 7


#: Scopes whose chip never collapses into "+N": they can move money or change the account.
ALWAYS_SHOWN = (Scope.ADMIN, Scope.PAYMENTS)


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


class ChipsDelegate(QStyledItemDelegate):
    """Draws ``Role.SCOPES`` as chips in ``scopes_column`` and a marker after the name in
    ``name_column`` for rows whose ``Role.IN_USE`` is true; other cells are drawn as usual."""

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
            width = sum(self._chip_width(metrics, scope_label(s)) + CHIP_GAP for s in scopes)
            return QSize(max(hint.width(), width + 8), height)
        if index.column() == self.name_column and index.data(Role.IN_USE):
            extra = self._chip_width(metrics, self.marker_text) + 10
            return QSize(hint.width() + extra, height)
        return QSize(hint.width(), height)

    @staticmethod
    def _chip_width(metrics: QFontMetrics, text: str) -> int:
        return metrics.horizontalAdvance(text) + 2 * CHIP_PAD

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        if index.column() == self.scopes_column:
            self._paint_background(painter, option, index)
            self._paint_scopes(painter, option, index)
            return
        if index.column() == self.name_column and index.data(Role.IN_USE):
            self._paint_name_with_marker(painter, option, index)
            return
        super().paint(painter, option, index)

    def _paint_background(
        self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        """The style's selection/hover background without any text."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

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

    def _paint_scopes(
        self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        scopes: list[Scope] = list(index.data(Role.SCOPES) or [])
        if not scopes:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = _chip_font(option.font)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        rect: QRect = option.rect.adjusted(6, 0, -4, 0)
        height = metrics.height() + 6
        top = rect.center().y() - height // 2 + 1
        x = rect.left()
        plan = chip_plan(
            scopes,
            rect.width(),
            lambda text: self._chip_width(metrics, text),
            lambda text, width: metrics.elidedText(text, Qt.TextElideMode.ElideRight, width),
        )
        for text, scope in plan:
            width = self._chip_width(metrics, text)
            hue = ADMIN_HUE if scope is Scope.ADMIN else None
            self._draw_chip(painter, QRect(x, top, width, height), text, option, hue)
            x += width + CHIP_GAP
        painter.restore()

    def _paint_name_with_marker(
        self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        font = _chip_font(option.font)
        metrics = QFontMetrics(font)
        marker_width = self._chip_width(metrics, self.marker_text)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name_width = QFontMetrics(opt.font).horizontalAdvance(opt.text) + 12
        room = option.rect.width() - marker_width - 14
        if room < 40:  # too narrow for both: the name matters more
            super().paint(painter, option, index)
            return
        style = opt.widget.style() if opt.widget is not None else None
        if style is None:
            return
        text_rect = QRect(opt.rect)
        text_rect.setWidth(min(name_width, room))
        full_text = opt.text
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(
            option.palette.color(
                QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            )
        )
        painter.setFont(opt.font)
        inner = text_rect.adjusted(4, 0, -4, 0)
        elided = QFontMetrics(opt.font).elidedText(
            full_text, Qt.TextElideMode.ElideRight, inner.width()
        )
        painter.drawText(
            inner, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided
        )
        painter.setFont(font)
        height = metrics.height() + 6
        chip = QRect(
            text_rect.right() + 4,
            option.rect.center().y() - height // 2 + 1,
            marker_width,
            height,
        )
        self._draw_chip(painter, chip, self.marker_text, option, THIS_APP_HUE)
        painter.restore()
