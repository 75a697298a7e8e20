"""Paints the account list: calm group headers and two-line account rows.

Everything comes from the model: an account row from one ``Role.ROW`` snapshot (an
``AccountRow``), a group header from its roles; colours from the palette so light and dark
themes both work; only the small badges carry their own hues. The "updated … ago" text
is computed at paint time from the balance's timestamp, so a once-a-second viewport update keeps
it fresh without touching the model.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

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
from deriv_desktop.gui.models.accounts import AccountRow, BadgeKind, Role, RowKind
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.colors import mix, muted

AnyIndex = QModelIndex | QPersistentModelIndex

# Text flags as plain ints, computed once: combining Qt's Python enums costs per call.
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_MOUSE_OVER = QStyle.StateFlag.State_MouseOver.value
_HAS_FOCUS = QStyle.StateFlag.State_HasFocus.value


class TextMetrics:
    """A font's metrics with the widths and elisions already asked for remembered: the same
    titles, codes and login ids are measured on every repaint, and each measurement crosses
    into Qt's text layout."""

    LIMIT = 512  # remembered answers per font before starting over

    def __init__(self, font: QFont) -> None:
        self._metrics = QFontMetrics(font)
        self._widths: dict[str, int] = {}
        self._elided: dict[tuple[str, int], str] = {}

    def height(self) -> int:
        return self._metrics.height()

    def width(self, text: str) -> int:
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) >= self.LIMIT:
                self._widths.clear()
            width = self._widths[text] = self._metrics.horizontalAdvance(text)
        return width

    def elided(self, text: str, width: int) -> str:
        key = (text, width)
        out = self._elided.get(key)
        if out is None:
            if len(self._elided) >= self.LIMIT:
                self._elided.clear()
            out = self._elided[key] = self._metrics.elidedText(
                text, Qt.TextElideMode.ElideRight, width
            )
        return out


@dataclass(frozen=True, slots=True)
class RowFonts:
    """The fonts of an account row and their metrics, derived once per view font: a row is
    repainted with every balance update, and each paint used to build four fonts and as many
    metrics objects anew."""

    balance: QFont
    balance_stale: QFont  # italic
    balance_metrics: TextMetrics
    small: QFont
    small_metrics: TextMetrics
    title: QFont
    title_metrics: TextMetrics
    title_active: QFont
    title_active_metrics: TextMetrics
    badge: QFont
    badge_metrics: TextMetrics
    topup: QFont
    topup_metrics: TextMetrics
    group: QFont  # a group header's title and count: small capitals-like, spaced
    group_metrics: TextMetrics

    @classmethod
    def for_base(cls, base: QFont) -> RowFonts:
        def derived(scale: float = 1.0, weight: QFont.Weight | None = None) -> QFont:
            font = QFont(base)
            if scale != 1.0:
                font.setPointSizeF(base.pointSizeF() * scale)
            if weight is not None:
                font.setWeight(weight)
            return font

        balance = derived(1.08, QFont.Weight.DemiBold)
        balance_stale = QFont(balance)
        balance_stale.setItalic(True)
        small = derived(0.88)
        title = derived(weight=QFont.Weight.DemiBold)
        title_active = derived(weight=QFont.Weight.Bold)
        badge = derived(0.8, QFont.Weight.DemiBold)
        topup = derived(0.9, QFont.Weight.DemiBold)
        group = derived(0.86, QFont.Weight.Bold)
        group.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 104)
        return cls(
            balance, balance_stale, TextMetrics(balance), small, TextMetrics(small),
            title, TextMetrics(title), title_active, TextMetrics(title_active),
            badge, TextMetrics(badge), topup, TextMetrics(topup), group, TextMetrics(group),
        )  # fmt: skip


BADGE_COLOURS = {
    BadgeKind.DISABLED: QColor("#8a8f98"),
    BadgeKind.SELF_EXCLUDED: QColor("#d98a00"),
    BadgeKind.NO_ACCESS: QColor("#d0453a"),
}


FOCUS_RING = 2.0  # px: the current row's outline while the list has the keyboard
BADGE_PADDING = 14  # inside a badge, both sides together
BADGE_GAP = 6  # after a badge


@dataclass(frozen=True, slots=True)
class LeftBlock:
    """What the first line of a row shows once fitted: badges never give way."""

    title: str
    code: str
    badges: tuple[str, ...]


def fit_left_block(row: AccountRow, width: int, title: TextMetrics, fonts: RowFonts) -> LeftBlock:
    """Fit title, currency code and badges into ``width``.

    Badges say the account is disabled, self-excluded or out of reach: they are placed first
    and the title is shortened for them, so they show whatever the balance beside them reads
    (they used to be dropped whenever a wider balance text left them too little room). The
    title keeps the start of the name (about five line-heights), so a row always says which
    account it is: a long badge ("Auto-exclu jusqu'au 5 juin 2027" in French, beside a wide
    balance) used to leave no title at all. Only then is a badge's own text shortened.
    """
    badge_m = fonts.badge_metrics
    texts = [b.text for b in row.badges]
    need = sum(badge_m.width(t) + BADGE_PADDING + BADGE_GAP for t in texts)
    keep = min(title.width(row.title), 5 * title.height()) + 8 if texts else 0
    if texts and need > width - keep:
        share = max(0, (width - keep) // len(texts) - BADGE_PADDING - BADGE_GAP)
        for _ in range(3):  # an elided text may come out a few pixels wider than asked
            texts = [badge_m.elided(b.text, share) or b.text[:1] + "…" for b in row.badges]
            need = sum(badge_m.width(t) + BADGE_PADDING + BADGE_GAP for t in texts)
            if need <= width - keep or share == 0:
                break
            share = max(0, share - (need - width + keep + len(texts) - 1) // len(texts))
    room = max(0, width - need - (8 if texts else 0))
    code = row.display_code if row.display_code and not row.is_virtual else ""
    name = title.elided(row.title, room)
    code_w = fonts.small_metrics.width(code) + 10 if code else 0
    if code and title.width(name) + 8 + code_w > room:
        code = ""  # the name matters more than its code
    return LeftBlock(name, code, tuple(texts))


class Part(StrEnum):
    """What a painted text is, for its colour and for the layout guard's report (a plain
    string, so other delegates name their parts in the same ``PaintedText``)."""

    GROUP = "group title"
    COUNT = "group count"
    TITLE = "title"
    CODE = "currency code"
    BADGE = "badge"
    BALANCE = "balance"
    SECOND_LINE = "converted amount and age"
    SUBTITLE = "login id and company"
    TOP_UP = "top up"


# Parts shortened with "…" when the row is narrow: the name and the details give way; the
# badges only when they alone are wider than the row (``fit_left_block``). Figures never do.
ELIDED_PARTS = frozenset({Part.TITLE, Part.SUBTITLE, Part.BADGE})


@dataclass(frozen=True, slots=True)
class PaintedText:
    """One text as the delegate paints it: ``text`` in ``font`` inside ``rect`` (aligned by
    ``flags``); ``full`` is the text before it was shortened to fit; ``part`` names what it is
    (a ``Part`` here, the scope chips' own names in ``scope_chips``)."""

    part: str
    text: str
    full: str
    font: QFont
    rect: QRect
    flags: int
    badge: BadgeKind | None = None


@dataclass(frozen=True, slots=True)
class RowLayout:
    """Where everything of an account row goes: ``paint`` draws exactly this, and the layout
    guard measures it (``tests/gui/layout_scan.py``), so the two cannot drift apart."""

    card: QRect
    icon: QRect
    check: QRect
    texts: tuple[PaintedText, ...]


class AccountDelegate(QStyledItemDelegate):
    ELIDED_PARTS: ClassVar[frozenset[str]] = ELIDED_PARTS  # what the layout guard lets shorten
    ACCOUNT_HEIGHT = 64
    GROUP_HEIGHT = 36
    ICON = 32
    MARGIN = 8  # between the row's rounded card and the view edge

    def __init__(
        self, parent: QObject | None = None, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._fonts: dict[str, RowFonts] = {}

    def fonts(self, base: QFont) -> RowFonts:
        key = base.key()
        fonts = self._fonts.get(key)
        if fonts is None:
            if len(self._fonts) > 8:  # the view's font changed several times: start over
                self._fonts.clear()
            fonts = self._fonts[key] = RowFonts.for_base(base)
        return fonts

    # ------------------------------------------------------------------ geometry
    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        height = (
            self.GROUP_HEIGHT if index.data(Role.KIND) == RowKind.GROUP else self.ACCOUNT_HEIGHT
        )
        return QSize(320, height)

    def _card(self, rect: QRect) -> QRect:
        return rect.adjusted(self.MARGIN, 2, -self.MARGIN, -2)

    def topup_rect(self, rect: QRect, index: AnyIndex, base_font: QFont) -> QRect | None:
        """Where the demo row's "Top up" button is drawn (``None`` on other rows)."""
        row = index.data(Role.ROW)
        if not isinstance(row, AccountRow) or not row.is_virtual:
            return None
        fonts = self.fonts(base_font)
        balance_width = self._balance_width(row, fonts, self._second_line(row))
        return self._topup_rect(rect, fonts, balance_width)

    def _topup_rect(self, rect: QRect, fonts: RowFonts, balance_width: int) -> QRect:
        """The pill left of a balance block ``balance_width`` wide (a demo row's)."""
        card = self._card(rect)
        metrics = fonts.topup_metrics
        width = metrics.width(tr("AccountDelegate", "Top up")) + 22
        height = metrics.height() + 10
        right = card.right() - 40 - balance_width - 14
        return QRect(right - width, card.center().y() - height // 2 + 1, width, height)

    def _balance_width(self, row: AccountRow, fonts: RowFonts, second_line: str) -> int:
        return max(
            fonts.balance_metrics.width(row.balance_text),
            fonts.small_metrics.width(second_line),
            60,
        )

    def _second_line(self, row: AccountRow) -> str:
        parts: list[str] = []
        if row.converted_text:
            parts.append(row.converted_text)
        if row.updated_at is not None:
            if row.stale:
                parts.append(tr("AccountDelegate", "stale"))
            parts.append(format_age(self._clock() - row.updated_at))
        return " · ".join(parts)

    # ------------------------------------------------------------------ layout
    def painted_texts(self, option: QStyleOptionViewItem, index: AnyIndex) -> list[PaintedText]:
        """Every text ``paint`` draws for ``index`` in ``option.rect``, where it draws it."""
        row = index.data(Role.ROW)
        if isinstance(row, AccountRow):
            return list(self.row_layout(option.rect, row, option.font).texts)
        return list(self.group_texts(option.rect, index, option.font))

    def group_texts(
        self, rect: QRect, index: AnyIndex, base_font: QFont
    ) -> tuple[PaintedText, ...]:
        """A group header: its title on the left, the number of accounts on the right."""
        fonts = self.fonts(base_font)
        room = rect.adjusted(self.MARGIN + 10, 10, -self.MARGIN - 10, -2)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        count = index.data(Role.CHILD_COUNT)
        metrics = fonts.group_metrics
        title = QRect(
            room.left(), room.top(), min(metrics.width(text), room.width()), room.height()
        )
        texts = [PaintedText(Part.GROUP, text, text, fonts.group, title, _LEFT)]
        if isinstance(count, int):
            number = str(count)
            width = min(metrics.width(number), room.width())
            place = QRect(room.right() - width + 1, room.top(), width, room.height())
            texts.append(PaintedText(Part.COUNT, number, number, fonts.group, place, _RIGHT))
        return tuple(texts)

    def row_layout(self, rect: QRect, row: AccountRow, base_font: QFont) -> RowLayout:
        """Where an account row's icon, check mark and texts go in ``rect``."""
        fonts = self.fonts(base_font)
        card = self._card(rect)
        icon = QRect(card.left() + 14, card.center().y() - self.ICON // 2 + 1, self.ICON, self.ICON)
        check = QRect(card.right() - 32, card.center().y() - 9, 18, 18)
        texts: list[PaintedText] = []

        # Right block: the balance and its second line.
        second_line = self._second_line(row)  # "updated … ago": computed once per paint
        right_w = self._balance_width(row, fonts, second_line)
        right = QRect(check.left() - 8 - right_w, card.top() + 10, right_w, card.height() - 20)
        top_half = QRect(right.left(), right.top(), right.width(), right.height() // 2 + 2)
        low_half = QRect(
            right.left(),
            right.top() + right.height() // 2 + 2,
            right.width(),
            right.height() // 2 - 2,
        )
        balance_font = fonts.balance_stale if row.stale else fonts.balance
        balance = row.balance_text
        texts.append(PaintedText(Part.BALANCE, balance, balance, balance_font, top_half, _RIGHT))
        if second_line:
            texts.append(
                PaintedText(
                    Part.SECOND_LINE, second_line, second_line, fonts.small, low_half, _RIGHT
                )
            )

        # The "Top up" pill on demo rows.
        text_right = right.left() - 14
        if row.is_virtual:
            pill = self._topup_rect(rect, fonts, right_w)
            label = tr("AccountDelegate", "Top up")
            texts.append(PaintedText(Part.TOP_UP, label, label, fonts.topup, pill, _CENTRE))
            text_right = pill.left() - 10

        # Left block: title, code, badges; then login id and landing company.
        left = icon.right() + 14
        width = max(0, text_right - left)
        metrics = fonts.title_active_metrics if row.active else fonts.title_metrics
        block = fit_left_block(row, width, metrics, fonts)
        line = QRect(left, right.top(), width, top_half.height())
        title_rect = QRect(left, line.top(), min(metrics.width(block.title), width), line.height())
        title_font = fonts.title_active if row.active else fonts.title
        texts.append(PaintedText(Part.TITLE, block.title, row.title, title_font, title_rect, _LEFT))
        x = left + metrics.width(block.title) + 8
        if block.code:
            code_w = fonts.small_metrics.width(block.code)
            code_rect = QRect(x, line.top(), code_w + 2, line.height())
            texts.append(
                PaintedText(Part.CODE, block.code, block.code, fonts.small, code_rect, _LEFT)
            )
            x += code_w + 10
        badge_m = fonts.badge_metrics
        for badge, text in zip(row.badges, block.badges, strict=True):
            badge_w = badge_m.width(text) + BADGE_PADDING
            height = badge_m.height() + 4
            place = QRect(x, line.center().y() - height // 2 + 1, badge_w, height)
            texts.append(
                PaintedText(Part.BADGE, text, badge.text, fonts.badge, place, _CENTRE, badge.kind)
            )
            x += badge_w + BADGE_GAP
        subtitle = fonts.small_metrics.elided(row.subtitle, width)
        below = QRect(left, low_half.top(), width, low_half.height())
        texts.append(PaintedText(Part.SUBTITLE, subtitle, row.subtitle, fonts.small, below, _LEFT))
        return RowLayout(card, icon, check, tuple(texts))

    # ------------------------------------------------------------------ painting
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        try:
            row = index.data(Role.ROW)
            if isinstance(row, AccountRow):
                self._paint_account(painter, option, row)
            else:
                self._paint_group(painter, option, index)
        finally:
            painter.restore()

    def _paint_group(
        self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        painter.setPen(muted(option.palette))
        for item in self.group_texts(option.rect, index, option.font):
            painter.setFont(item.font)
            painter.drawText(item.rect, item.flags, item.text)

    def _paint_account(
        self, painter: QPainter, option: QStyleOptionViewItem, row: AccountRow
    ) -> None:
        state = option.state
        palette: QPalette = option.palette
        enabled, selectable, active, stale = row.enabled, row.selectable, row.active, row.stale
        group = QPalette.ColorGroup.Active if enabled else QPalette.ColorGroup.Disabled
        text_colour = palette.color(group, QPalette.ColorRole.Text)
        soft = muted(palette, group)
        accent = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
        layout = self.row_layout(option.rect, row, option.font)
        card = layout.card

        # Card background: accent tint for the active account, a light wash on hover/cursor.
        path = QPainterPath()
        path.addRoundedRect(card.adjusted(0, 0, 0, 0), 10, 10)
        base = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Base)
        bits = state.value  # plain int tests: Qt's Python flag operators cost per row
        hovered = bool(bits & _MOUSE_OVER) and selectable
        current = bool(bits & _HAS_FOCUS)
        if active:
            painter.fillPath(path, mix(base, accent, 0.14))
        elif hovered or (current and selectable):
            painter.fillPath(path, mix(base, text_colour, 0.05))
        if current:  # the keyboard's place: a full-strength ring, unlike the active tint
            pen = QPen(accent, FOCUS_RING)
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

        icon = row.icon
        if not icon.isNull():
            mode = QIcon.Mode.Normal if enabled else QIcon.Mode.Disabled
            icon.paint(painter, layout.icon, Qt.AlignmentFlag.AlignCenter, mode)
        if active:
            self._paint_check(painter, layout.check, accent)

        for item in layout.texts:
            part = item.part
            if part is Part.BALANCE:
                colour = soft if stale else (accent if active and enabled else text_colour)
            elif part is Part.TITLE:
                colour = text_colour
            elif part is Part.BADGE and item.badge is not None:
                colour = self._paint_badge(painter, item.badge, item.rect)
            elif part is Part.TOP_UP:
                colour = self._paint_topup(painter, item.rect, palette, enabled and not stale)
            else:
                colour = soft
            painter.setFont(item.font)
            painter.setPen(colour)
            painter.drawText(item.rect, item.flags, item.text)

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

    def _paint_badge(self, painter: QPainter, kind: BadgeKind, rect: QRect) -> QColor:
        """The badge's tinted pill; returns the colour its text is drawn in."""
        colour = BADGE_COLOURS[kind]
        fill = QColor(colour)
        fill.setAlphaF(0.18)
        path = QPainterPath()
        radius = rect.height() / 2
        path.addRoundedRect(rect.toRectF(), radius, radius)
        painter.fillPath(path, fill)
        return colour

    def _paint_topup(
        self, painter: QPainter, rect: QRect, palette: QPalette, enabled: bool
    ) -> QColor:
        """The "Top up" pill's outline; returns the colour its text is drawn in."""
        accent = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
        colour = accent if enabled else muted(palette, QPalette.ColorGroup.Disabled)
        path = QPainterPath()
        path.addRoundedRect(
            rect.toRectF().adjusted(0.5, 0.5, -0.5, -0.5), rect.height() / 2, rect.height() / 2
        )
        painter.setPen(QPen(colour, 1.2))
        painter.drawPath(path)
        return colour

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
