"""The always-visible health of the session: a coloured dot, a few words, and a way out.

It shows the session's health (``domain/health.py``), not the socket's: "Online" only while
every live figure is live. While something is down and a retry is scheduled the text counts down
to it and "Retry now" is offered; once Deriv has signed the user out, "Sign in again". The
countdown timer only runs while there is something to count down to, so an online app does no
periodic work here.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from deriv_desktop.domain.connection import LinkPhase, LinkState
from deriv_desktop.domain.health import Health, HealthPhase, StreamRole, session_health
from deriv_desktop.gui.problem_text import describe
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.screen_fit import steady_text

DOT_COLOURS = {
    HealthPhase.ONLINE: QColor("#2fa84f"),
    HealthPhase.CONNECTING: QColor("#e0a100"),
    HealthPhase.DEGRADED: QColor("#e0a100"),
    HealthPhase.RECONNECTING: QColor("#e0a100"),
    HealthPhase.OFFLINE: QColor("#d0453a"),
    HealthPhase.SIGNED_OUT: QColor("#d0453a"),
}

# States where "Retry now" helps (something is waiting to be tried again).
RETRYABLE = frozenset({HealthPhase.DEGRADED, HealthPhase.RECONNECTING, HealthPhase.OFFLINE})


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


def _seconds_left(at: float | None, now: float) -> int:
    return math.ceil(at - now) if at is not None else 0


def _parts_text(parts: tuple[StreamRole, ...]) -> str:
    if StreamRole.BALANCES in parts and StreamRole.RATES in parts:
        return tr("ConnectionStatus", "Balances and exchange rates")
    if StreamRole.BALANCES in parts:
        return tr("ConnectionStatus", "Balances")
    return tr("ConnectionStatus", "Exchange rates")


def health_text(health: Health, link: LinkState, now: float) -> str:
    """What the status bar says for ``health`` at time ``now`` (``link`` for its countdown)."""
    phase = health.phase
    if phase is HealthPhase.SIGNED_OUT:
        return tr("ConnectionStatus", "Signed out by Deriv")
    if phase is HealthPhase.DEGRADED:
        parts = _parts_text(health.parts)
        remaining = _seconds_left(health.next_try_at, now)
        if remaining > 0:
            return tr(
                "ConnectionStatus", "%1 not updating · retry in %n s", None, remaining
            ).replace("%1", parts)
        return tr("ConnectionStatus", "%1 not updating · retrying…").replace("%1", parts)
    if phase is HealthPhase.CONNECTING and link.online:
        return tr("ConnectionStatus", "Starting live updates…")
    return link_text(link, now)


class ConnectionStatus(QWidget):
    """Dot + text + "Retry now" or "Sign in again"; feed it with :meth:`set_health`."""

    retryRequested = Signal()
    signInRequested = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._link = LinkState(LinkPhase.OFFLINE)
        self._health = session_health(self._link, ())
        self._can_retry = False
        self._retrying = False  # "Retry now" pressed; cleared by the next change of state
        self.dot = StatusDot(self)
        self.label = QLabel(self)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.retry_button = QPushButton(tr("ConnectionStatus", "Retry now"), self)
        self.retry_button.setFlat(True)
        self.retry_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.retry_button.clicked.connect(self._retry_clicked)
        self.retry_button.hide()
        self.sign_in_button = QPushButton(tr("ConnectionStatus", "Sign in again"), self)
        self.sign_in_button.setFlat(True)
        self.sign_in_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.sign_in_button.clicked.connect(self.signInRequested)
        self.sign_in_button.hide()
        self._style_retry()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.setSpacing(8)
        layout.addWidget(self.dot, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.label, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.sign_in_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._refresh)
        self._refresh()

    def _style_retry(self) -> None:
        """Flat buttons drawn in the link colour, so each reads as the one action here."""
        for button in (self.retry_button, self.sign_in_button):
            palette = button.palette()
            palette.setColor(
                QPalette.ColorRole.ButtonText, self.palette().color(QPalette.ColorRole.Link)
            )
            button.setPalette(palette)
            font = button.font()
            font.setWeight(QFont.Weight.DemiBold)
            button.setFont(font)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._style_retry()

    @property
    def link(self) -> LinkState:
        return self._link

    @property
    def health(self) -> Health:
        return self._health

    @property
    def counting_down(self) -> bool:
        return self._countdown.isActive()

    def set_retry_available(self, available: bool) -> None:
        self._can_retry = available
        self._refresh()

    def set_link(self, link: LinkState) -> None:
        """Show the link alone (no streams to watch): its health follows the link."""
        self.set_health(session_health(link, ()), link)

    def _retry_clicked(self) -> None:
        """Say at once that a new try is on its way (the link may take a moment to change)."""
        self._retrying = True
        self.retryRequested.emit()
        self._refresh()

    def set_health(self, health: Health, link: LinkState | None = None) -> None:
        if health != self._health or (link is not None and link != self._link):
            self._retrying = False  # the new try has moved things on: show where it stands
        self._health = health
        if link is not None:
            self._link = link
        waiting = self._countdown_target() is not None
        if waiting and not self._countdown.isActive():
            self._countdown.start()
        elif not waiting:
            self._countdown.stop()
        self._refresh()

    def _countdown_target(self) -> float | None:
        phase = self._health.phase
        if phase is HealthPhase.DEGRADED:
            return self._health.next_try_at
        if phase is HealthPhase.RECONNECTING:
            return self._link.next_try_at
        return None

    def _refresh(self) -> None:
        health = self._health
        retrying = self._retrying and health.phase in RETRYABLE
        text = (
            tr("ConnectionStatus", "Trying again now…")
            if retrying
            else health_text(health, self._link, self._clock())
        )
        steady_text(self.label, text)
        self.dot.set_colour(DOT_COLOURS[health.phase])
        # ``link.reason`` is the transport's English text, for the log: the tip says it plainly.
        tip = describe(health.problem) if health.problem is not None else text
        self.setToolTip(tip)
        self.label.setAccessibleName(text)
        self.retry_button.setVisible(self._can_retry and health.phase in RETRYABLE and not retrying)
        self.sign_in_button.setVisible(health.phase is HealthPhase.SIGNED_OUT)
