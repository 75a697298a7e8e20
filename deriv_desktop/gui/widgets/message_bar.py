"""Inline, non-blocking messages: results of actions and standing warnings.

A message never takes focus or blocks the window (no modal boxes for a refused top-up). Success
and information fade out on their own; errors stay until dismissed or replaced. The tint is the
kind's hue blended into the palette's window colour, so it reads in light and dark themes.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from deriv_desktop.gui.lazy_qt import Qt  # imported before the sign-in window's first frame
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.colors import mix
from deriv_desktop.gui.widgets.message_kind import MessageKind as MessageKind

HUES = {
    MessageKind.INFO: QColor("#3d7bd9"),
    MessageKind.SUCCESS: QColor("#2fa84f"),
    MessageKind.WARNING: QColor("#e0a100"),
    MessageKind.ERROR: QColor("#d0453a"),
}


class MessageBar(QWidget):
    """One line (wrapping if needed) of feedback with an optional close button."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None, *, closable: bool = True) -> None:
        super().__init__(parent)
        self._kind = MessageKind.INFO
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(tr("MessageBar", "Dismiss"))
        self.close_button.setAccessibleName(tr("MessageBar", "Dismiss"))
        self.close_button.clicked.connect(self.dismiss)
        self.close_button.setVisible(closable)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 8)
        layout.setSpacing(8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    @property
    def kind(self) -> MessageKind:
        return self._kind

    @property
    def text(self) -> str:
        return self.label.text()

    def show_message(self, kind: MessageKind, text: str, *, timeout_ms: int | None = None) -> None:
        """Show ``text``; ``timeout_ms`` hides it later (default: 6 s unless it is an error)."""
        self._kind = kind
        self.label.setText(text)
        self.label.setAccessibleName(text)
        if timeout_ms is None:
            timeout_ms = 0 if kind in (MessageKind.ERROR, MessageKind.WARNING) else 6000
        if timeout_ms > 0:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()
        self.show()
        self.update()

    def dismiss(self) -> None:
        self._timer.stop()
        if self.isVisible() or not self.isHidden():
            self.hide()
            self.dismissed.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        hue = HUES[self._kind]
        path = QPainterPath()
        path.addRoundedRect(self.rect().toRectF().adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
        painter.fillPath(path, mix(window, hue, 0.16))
        painter.setPen(mix(window, hue, 0.45))
        painter.drawPath(path)
        stripe = QPainterPath()
        stripe.addRoundedRect(1, 6, 4, self.height() - 12, 2, 2)
        painter.fillPath(stripe, hue)
