"""The always-visible connection state: a coloured dot, a few words, and "Retry now".

While the link is down and a retry is scheduled the text counts down to it; the countdown timer
only runs in that state, so an online app does no periodic work here.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from deriv_desktop.domain.connection import LinkPhase, LinkState
from deriv_desktop.gui.strings import tr

DOT_COLOURS = {
    LinkPhase.ONLINE: QColor("#2fa84f"),
    LinkPhase.CONNECTING: QColor("#e0a100"),
    LinkPhase.RECONNECTING: QColor("#e0a100"),
    LinkPhase.OFFLINE: QColor("#d0453a"),
}


class StatusDot(QWidget):
    """A small filled circle; the one place the status uses its own colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colour = QColor("#8a8f98")
        self.setFixedSize(QSize(10, 10))

    @property
    def colour(self) -> QColor:
        return QColor(self._colour)

    def set_colour(self, colour: QColor) -> None:
        if colour != self._colour:
            self._colour = QColor(colour)
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._colour)
        painter.drawEllipse(self.rect().adjusted(1, 1, -1, -1))


def link_text(link: LinkState, now: float) -> str:
    """What the status bar says for ``link`` at time ``now``."""
    if link.phase is LinkPhase.ONLINE:
        return tr("ConnectionStatus", "Online")
    if link.phase is LinkPhase.CONNECTING:
        return tr("ConnectionStatus", "Connecting…")
    if link.phase is LinkPhase.RECONNECTING:
        if link.next_try_at is not None:
            remaining = math.ceil(link.next_try_at - now)
            if remaining > 0:
                return tr("ConnectionStatus", "Reconnecting in %n s", None, remaining)
        return tr("ConnectionStatus", "Reconnecting…")
    return tr("ConnectionStatus", "Offline")


class ConnectionStatus(QWidget):
    """Dot + text + optional "Retry now"; feed it with :meth:`set_link`."""

    retryRequested = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._link = LinkState(LinkPhase.OFFLINE)
        self._can_retry = False
        self.dot = StatusDot(self)
        self.label = QLabel(self)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.retry_button = QPushButton(tr("ConnectionStatus", "Retry now"), self)
        self.retry_button.setFlat(True)
        self.retry_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.retry_button.clicked.connect(self.retryRequested)
        self.retry_button.hide()
        self._style_retry()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.setSpacing(8)
        layout.addWidget(self.dot, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.label, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._refresh)
        self._refresh()

    def _style_retry(self) -> None:
        """A flat button drawn in the link colour, so it reads as the one action here."""
        palette = self.retry_button.palette()
        palette.setColor(
            QPalette.ColorRole.ButtonText, self.palette().color(QPalette.ColorRole.Link)
        )
        self.retry_button.setPalette(palette)
        font = self.retry_button.font()
        font.setWeight(QFont.Weight.DemiBold)
        self.retry_button.setFont(font)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._style_retry()

    @property
    def link(self) -> LinkState:
        return self._link

    @property
    def counting_down(self) -> bool:
        return self._countdown.isActive()

    def set_retry_available(self, available: bool) -> None:
        self._can_retry = available
        self._refresh()

    def set_link(self, link: LinkState) -> None:
        self._link = link
        waiting = link.phase is LinkPhase.RECONNECTING and link.next_try_at is not None
        if waiting and not self._countdown.isActive():
            self._countdown.start()
        elif not waiting:
            self._countdown.stop()
        self._refresh()

    def _refresh(self) -> None:
        link = self._link
        text = link_text(link, self._clock())
        if self.label.text() != text:
            self.label.setText(text)
        self.dot.set_colour(DOT_COLOURS[link.phase])
        # ``link.reason`` is the transport's English text, for the log: the tip says it plainly.
        self.setToolTip(text)
        self.label.setAccessibleName(text)
        self.retry_button.setVisible(self._can_retry and link.phase is LinkPhase.RECONNECTING)
