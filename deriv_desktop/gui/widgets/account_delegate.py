"""Paints the account list: calm group headers and two-line account rows.

Everything comes from model roles (``gui.models.accounts.Role``), colours from the palette so light
and dark themes both work; only the small badges carry their own hues. The "updated … ago" text
is computed at paint time from the balance's timestamp, so a once-a-second viewport update keeps
it fresh without touching the model.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from deriv_desktop.gui.formatting import format_age
from deriv_desktop.gui.models.accounts import Badge, BadgeKind, Role, RowKind
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.colors import mix, muted

AnyIndex = QModelIndex | QPersistentModelIndex

BADGE_COLOURS = {
    BadgeKind.DISABLED: QColor("#8a8f98"),
    BadgeKind.SELF_EXCLUDED: QColor("#d98a00"),
    BadgeKind.NO_ACCESS: QColor("#d0453a"),
}


class AccountDelegate(QStyledItemDelegate):
    ACCOUNT_HEIGHT = 64
    GROUP_HEIGHT = 36
    ICON = 32
    MARGIN = 8  # between the row's rounded card and the view edge

    def __init__(
        self, parent: QObject | None = None, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(parent)
        self._clock = clock

    # ------------------------------------------------------------------ geometry
    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        height = (
            self.GROUP_HEIGHT if index.data(Role.KIND) == RowKind.GROUP else self.ACCOUNT_HEIGHT
        )
        return QSize(320, height)

    def _card(self, rect: QRect) -> QRect:
        return rect.adjusted(self.MARGIN, 2, -self.MARGIN, -2)

    def _topup_font(self, base: QFont) -> QFont:
        font = QFont(base)
        font.setPointSizeF(base.pointSizeF() * 0.9)
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def topup_rect(self, rect: QRect, index: AnyIndex, base_font: QFont) -> QRect | None:
        """Where the demo row's "Top up" button is drawn (``None`` on other rows)."""
        if index.data(Role.KIND) != RowKind.ACCOUNT or not index.data(Role.IS_VIRTUAL):
            return None
        card = self._card(rect)
        metrics = QFontMetrics(self._topup_font(base_font))
        width = metrics.horizontalAdvance(tr("AccountDelegate", "Top up")) + 22
        height = metrics.height() + 10
        right = card.right() - 40 - self._balance_width(index, base_font) - 14
        return QRect(right - width, card.center().y() - height // 2 + 1, width, height)

    def _balance_font(self, base: QFont) -> QFont:
        font = QFont(base)
        font.setPointSizeF(base.pointSizeF() * 1.08)
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def _small_font(self, base: QFont) -> QFont:
        font = QFont(base)
        font.setPointSizeF(base.pointSizeF() * 0.88)
        return font

    def _balance_width(self, index: AnyIndex, base: QFont) -> int:
        text = str(index.data(Role.BALANCE_TEXT) or "")
        second = self._second_line(index)
        return max(
            QFontMetrics(self._balance_font(base)).horizontalAdvance(text),
            QFontMetrics(self._small_font(base)).horizontalAdvance(second),
            60,
        )

    def _second_line(self, index: AnyIndex) -> str:
        parts: list[str] = []
        converted = str(index.data(Role.CONVERTED_TEXT) or "")
        if converted:
            parts.append(converted)
        updated = index.data(Role.UPDATED_AT)
        if isinstance(updated, float | int):
            if index.data(Role.STALE):
                parts.append(tr("AccountDelegate", "stale"))
            parts.append(format_age(self._clock() - float(updated)))
        return " · ".join(parts)

    # ------------------------------------------------------------------ painting
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        try:
            if index.data(Role.KIND) == RowKind.GROUP:
                self._paint_group(painter, option, index)
            else:
                self._paint_account(painter, option, index)
        finally:
            painter.restore()

    def _paint_group(
        self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        rect = option.rect
        palette: QPalette = option.palette
        font = QFont(option.font)
        font.setPointSizeF(font.pointSizeF() * 0.86)
        font.setWeight(QFont.Weight.Bold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 104)
        painter.setFont(font)
        painter.setPen(muted(palette))
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        count = index.data(Role.CHILD_COUNT)
        text_rect = rect.adjusted(self.MARGIN + 10, 10, -self.MARGIN - 10, -2)
        painter.drawText(
            text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text
        )
        if isinstance(count, int):
            painter.drawText(
                text_rect,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(count),
            )

    def _paint_account(
        self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        rect: QRect = option.rect
        state = option.state
        palette: QPalette = option.palette
        base_font: QFont = option.font
        enabled = bool(index.flags() & Qt.ItemFlag.ItemIsEnabled)
        selectable = bool(index.data(Role.SELECTABLE))
        active = bool(index.data(Role.IS_ACTIVE))
        stale = bool(index.data(Role.STALE))
        group = QPalette.ColorGroup.Active if enabled else QPalette.ColorGroup.Disabled
        text_colour = palette.color(group, QPalette.ColorRole.Text)
        soft = muted(palette, group)
        accent = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
        card = self._card(rect)

        # Card background: accent tint for the active account, a light wash on hover/cursor.
        path = QPainterPath()
        path.addRoundedRect(card.adjusted(0, 0, 0, 0), 10, 10)
        base = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Base)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver) and selectable
        current = bool(state & QStyle.StateFlag.State_HasFocus)
        if active:
            painter.fillPath(path, mix(base, accent, 0.14))
        elif hovered or (current and selectable):
            painter.fillPath(path, mix(base, text_colour, 0.05))
        if current:
            pen = QPen(mix(base, accent, 0.7), 1.4)
            painter.setPen(pen)
            painter.drawPath(path)
        if active:
            bar = QPainterPath()
            bar.addRoundedRect(card.left() + 1, card.top() + 12, 4, card.height() - 24, 2, 2)
            painter.fillPath(bar, accent)

        if not enabled:
            painter.setOpacity(0.55)
        elif not selectable:
            painter.setOpacity(0.72)

        # Icon.
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        icon_rect = QRect(
            card.left() + 14, card.center().y() - self.ICON // 2 + 1, self.ICON, self.ICON
        )
        if isinstance(icon, QIcon) and not icon.isNull():
            mode = QIcon.Mode.Normal if enabled else QIcon.Mode.Disabled
            icon.paint(painter, icon_rect, Qt.AlignmentFlag.AlignCenter, mode)

        # Right block: check mark, balance and its second line.
        check_rect = QRect(card.right() - 32, card.center().y() - 9, 18, 18)
        if active:
            self._paint_check(painter, check_rect, accent)
        balance_font = self._balance_font(base_font)
        small_font = self._small_font(base_font)
        right_w = self._balance_width(index, base_font)
        right = QRect(check_rect.left() - 8 - right_w, card.top() + 10, right_w, card.height() - 20)
        balance_font.setItalic(stale)
        painter.setFont(balance_font)
        painter.setPen(soft if stale else (accent if active and enabled else text_colour))
        top_half = QRect(right.left(), right.top(), right.width(), right.height() // 2 + 2)
        low_half = QRect(
            right.left(),
            right.top() + right.height() // 2 + 2,
            right.width(),
            right.height() // 2 - 2,
        )
        painter.drawText(
            top_half,
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            str(index.data(Role.BALANCE_TEXT) or ""),
        )
        painter.setFont(small_font)
        painter.setPen(soft)
        painter.drawText(
            low_half,
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            self._second_line(index),
        )

        # Optional "Top up" button on demo rows.
        text_right = right.left() - 14
        pill = self.topup_rect(rect, index, base_font)
        if pill is not None:
            self._paint_topup(painter, pill, palette, enabled and not stale, base_font)
            text_right = pill.left() - 10

        # Left text block: title, code, badges; then login id and landing company.
        left = icon_rect.right() + 14
        width = max(0, text_right - left)
        title_font = QFont(base_font)
        title_font.setWeight(QFont.Weight.Bold if active else QFont.Weight.DemiBold)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        metrics = QFontMetrics(title_font)
        title_rect = QRect(left, right.top(), width, top_half.height())
        title = metrics.elidedText(
            str(index.data(Role.TITLE) or ""), Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(
            title_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title
        )
        x = left + metrics.horizontalAdvance(title) + 8
        code = str(index.data(Role.DISPLAY_CODE) or "")
        if code and not index.data(Role.IS_VIRTUAL):
            painter.setFont(small_font)
            painter.setPen(soft)
            code_w = QFontMetrics(small_font).horizontalAdvance(code)
            if x + code_w < text_right:
                painter.drawText(
                    QRect(x, title_rect.top(), code_w + 2, title_rect.height()),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    code,
                )
                x += code_w + 10
        badges = index.data(Role.BADGES) or []
        for badge in badges:
            if isinstance(badge, Badge):
                x = self._paint_badge(painter, badge, x, title_rect, text_right, base_font)

        painter.setFont(small_font)
        painter.setPen(soft)
        sub_metrics = QFontMetrics(small_font)
        subtitle = sub_metrics.elidedText(
            str(index.data(Role.SUBTITLE) or ""), Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(
            QRect(left, low_half.top(), width, low_half.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            subtitle,
        )

    def _paint_check(self, painter: QPainter, rect: QRect, accent: QColor) -> None:
        circle = QPainterPath()
        circle.addEllipse(rect.toRectF())
        painter.fillPath(circle, accent)
        pen = QPen(QColor("#ffffff"), 2.0)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        tick = QPainterPath()
        x, y, w, h = rect.x(), rect.y(), rect.width(), rect.height()
        tick.moveTo(x + w * 0.28, y + h * 0.52)
        tick.lineTo(x + w * 0.44, y + h * 0.68)
        tick.lineTo(x + w * 0.73, y + h * 0.36)
        painter.drawPath(tick)

    def _paint_badge(
        self, painter: QPainter, badge: Badge, x: int, line: QRect, limit: int, base: QFont
    ) -> int:
        font = QFont(base)
        font.setPointSizeF(base.pointSizeF() * 0.8)
        font.setWeight(QFont.Weight.DemiBold)
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(badge.text) + 14
        if x + width > limit:
            return x
        height = metrics.height() + 4
        rect = QRect(x, line.center().y() - height // 2 + 1, width, height)
        colour = BADGE_COLOURS[badge.kind]
        fill = QColor(colour)
        fill.setAlphaF(0.18)
        path = QPainterPath()
        path.addRoundedRect(rect.toRectF(), height / 2, height / 2)
        painter.fillPath(path, fill)
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), badge.text)
        return x + width + 6

    def _paint_topup(
        self, painter: QPainter, rect: QRect, palette: QPalette, enabled: bool, base: QFont
    ) -> None:
        accent = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
        colour = accent if enabled else muted(palette, QPalette.ColorGroup.Disabled)
        path = QPainterPath()
        path.addRoundedRect(
            rect.toRectF().adjusted(0.5, 0.5, -0.5, -0.5), rect.height() / 2, rect.height() / 2
        )
        painter.setPen(QPen(colour, 1.2))
        painter.drawPath(path)
        painter.setFont(self._topup_font(base))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), tr("AccountDelegate", "Top up"))

    # ------------------------------------------------------------------ tooltips
    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: AnyIndex,
    ) -> bool:
        if event is not None and event.type() == QEvent.Type.ToolTip and index.isValid():
            pill = self.topup_rect(option.rect, index, option.font)
            if pill is not None and pill.contains(event.pos()):
                QToolTip.showText(
                    event.globalPos(),
                    tr("AccountDelegate", "Add virtual funds to this demo account"),
                    view,
                )
                return True
        return super().helpEvent(event, view, option, index)
