"""A calm explanation with an optional action, used instead of buttons that would fail.

The token and apps dialogs show one full-page when the session lacks the Admin scope or the
backend has no calls for tokens at all, and a compact one in place of an empty or failed table.
The text block keeps a readable width and sits on a rounded card in the palette's base colour,
so the empty state reads as "the table, empty" rather than as a hole in the window.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPainterPath, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from deriv_desktop.gui.mnemonics import set_keyed_text
from deriv_desktop.gui.widgets.colors import mix, muted

TEXT_WIDTH = 560


class NoticeIcon(enum.Enum):
    NONE = "none"
    INFO = "info"
    WARNING = "warning"


class NoticePanel(QWidget):
    actionTriggered = Signal()

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        self._compact = compact
        self.icon = QLabel(self)
        self.icon.setFixedSize(40, 40)
        self.icon.hide()
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * (1.1 if compact else 1.3))
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QPushButton(self)
        self.action.setAutoDefault(False)
        self.action.clicked.connect(self.actionTriggered.emit)
        self.action.hide()

        text = QVBoxLayout()
        text.setSpacing(10)
        text.addWidget(self.title)
        text.addWidget(self.body)
        text.addSpacing(4)
        text.addWidget(self.action, 0, Qt.AlignmentFlag.AlignLeft)
        block = QWidget(self)
        block.setMaximumWidth(TEXT_WIDTH)
        block.setLayout(text)
        text.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addStretch(1)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(block, 3)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        margin = 24 if compact else 40
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self._soften()

    def _soften(self) -> None:
        palette = self.body.palette()
        palette.setColor(self.body.foregroundRole(), muted(self.palette()))
        self.body.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._soften()

    def show_notice(
        self, title: str, body: str, action: str = "", icon: NoticeIcon = NoticeIcon.NONE
    ) -> None:
        self.title.setText(title)
        self.body.setText(body)
        self.setAccessibleName(title)
        self.setAccessibleDescription(body)
        set_keyed_text(self.action, action)
        self.action.setVisible(bool(action))
        if icon is NoticeIcon.NONE:
            self.icon.hide()
        else:
            pixmap = (
                QStyle.StandardPixmap.SP_MessageBoxWarning
                if icon is NoticeIcon.WARNING
                else QStyle.StandardPixmap.SP_MessageBoxInformation
            )
            self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(40, 40))
            self.icon.show()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._compact:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        path = QPainterPath()
        path.addRoundedRect(self.rect().toRectF().adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.fillPath(path, base)
        painter.setPen(mix(base, text, 0.18))
        painter.drawPath(path)
