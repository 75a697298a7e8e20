"""Windows sized by their content and their screen, never past the screen's free area.

A size in the code is a wish ("about 1180 x 700 if there is room"); the screen decides: at
2x scale a 1600 x 1000 screen has 800 x 500 logical pixels, and a window larger than that hides
its totals and its Close button. ``FRAME_ROOM`` leaves space for the title bar and borders the
window manager adds around the window.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

FRAME_ROOM = QSize(16, 48)


def room_for(window: QWidget) -> QSize:
    """The largest window (without its frame) that fits the window's screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() - FRAME_ROOM


def fit_to_screen(window: QWidget, wished: QSize, minimum: QSize | None = None) -> None:
    """Resize ``window`` to ``wished`` as far as its screen allows; cap its minimum the same way."""
    room = room_for(window)
    if minimum is not None:
        layout = window.layout()
        if layout is not None:  # never below what the layout needs to show its words whole
            minimum = minimum.expandedTo(layout.totalMinimumSize())
        window.setMinimumSize(minimum.boundedTo(room))
    window.resize(wished.boundedTo(room).expandedTo(window.minimumSize()))


def keep_on_screen(window: QWidget) -> None:
    """After a saved geometry was restored: shrink the window into its screen if it no longer
    fits (another monitor, a larger scale factor)."""
    room = room_for(window)
    if window.width() > room.width() or window.height() > room.height():
        window.resize(window.size().boundedTo(room))
    free = window.screen().availableGeometry()
    if not free.contains(window.frameGeometry().topLeft()):
        window.move(free.topLeft())


class VerticalScroll(QScrollArea):
    """``body`` at its natural height, scrolling up and down when the window is shorter than
    it; as wide as the body, so it never scrolls sideways. The body keeps its own height (the
    space under it stays empty) instead of being stretched to fill the area."""

    def __init__(self, body: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verticalScroll")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidgetResizable(True)
        # Tab goes to the body's controls, never to the area around them (it would show no
        # focus); the area scrolls to whichever control has the focus.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        holder = QWidget(self)
        holder.setObjectName("verticalScrollBody")
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(body)
        column.addStretch(1)
        self.body = body
        self.setWidget(holder)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.viewport().setAutoFillBackground(False)
        holder.setAutoFillBackground(False)

    def sizeHint(self) -> QSize:
        inner = self.body.sizeHint().expandedTo(self.body.minimumSize())
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(inner.width() + bar, inner.height())

    def minimumSizeHint(self) -> QSize:
        # The body's own minimum counts too (a fixed-width form): below it the area would cut
        # the form's right edge off, as it never scrolls sideways.
        wide = max(self.body.minimumSizeHint().width(), self.body.minimumWidth())
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(wide + bar, 60)


class ScreenCappedScroll(QScrollArea):
    """``body`` whole when the screen has room, else as much as the screen leaves once the rest
    of the window is counted, scrolling up and down. For a window whose layout fixes its size
    to its content (the sign-in window): its height then stops at the screen's."""

    MINIMUM_HEIGHT = 120

    def __init__(self, body: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidgetResizable(True)
        # Tab goes to the pages' controls, never to the area around them (it would show no
        # focus); the area scrolls to whichever control has the focus.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body = body
        self.setWidget(body)
        body.setAutoFillBackground(False)
        self.viewport().setAutoFillBackground(False)
        body.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.body and event.type() == QEvent.Type.LayoutRequest:
            # A page or a section changed: once the body has laid itself out, the window
            # follows (asking before would read the old size).
            QTimer.singleShot(0, self, self.follow)  # dropped if the window goes first
        return super().eventFilter(watched, event)

    def follow(self) -> None:
        """Size the window to the body now (after a page or a section changed): until then the
        body would be laid out in its old height."""
        body_layout = self.body.layout()
        if body_layout is not None:
            body_layout.activate()
        self._fit_body()  # the new page's own height: the old page's would stay as a floor
        self.updateGeometry()
        layout = self.window().layout()
        if layout is not None:
            layout.activate()

    def _others_height(self) -> int:
        """The height of everything else in the window's layout."""
        layout = self.window().layout()
        if layout is None:
            return 0
        margins = layout.contentsMargins()
        total, shown = margins.top() + margins.bottom(), 0
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if item is None or item.widget() is self or item.isEmpty():
                continue
            total += item.sizeHint().height()
            shown += 1
        spacing = max(layout.spacing(), 0) if isinstance(layout, QBoxLayout) else 0
        return total + spacing * shown

    def sizeHint(self) -> QSize:
        inner = self.body.sizeHint().expandedTo(self.body.minimumSize())
        height = inner.height()
        if self.body.hasHeightForWidth():  # wrapped words: their height at the real width,
            # never below the minimum resizeEvent found the body needs (height-for-width alone
            # undercounts nested forms, and the page would scroll with room to spare)
            height = max(height, self.body.heightForWidth(inner.width()))
        cap = room_for(self.window()).height() - self._others_height()
        if height > cap:
            bar = self.verticalScrollBar().sizeHint().width()
            return QSize(inner.width() + bar, max(cap, self.MINIMUM_HEIGHT))
        return QSize(inner.width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.body.minimumSizeHint().width(), self.MINIMUM_HEIGHT)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_body()
        super().resizeEvent(event)

    def _fit_body(self) -> None:
        """Hold the body at the height its content needs at the viewport's width, worked out
        afresh each time. Height-for-width undercounts nested form layouts by a few pixels,
        which squeezes their fields; the body's own minimum is exact."""
        width = self.viewport().width()
        needed = self.body.minimumSizeHint().height()
        if self.body.hasHeightForWidth():
            needed = max(needed, self.body.heightForWidth(width))
        self.body.setMinimumHeight(needed)


class _WrappedHeight(QObject):
    """Keeps a word-wrapped label at least as tall as its text needs at its current width:
    nested form layouts undercount height-for-width and would cut the last line off."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A hidden label's size means nothing (``QWidget.grab`` and others resize hidden pages
        # to a default width): its height there would stay as the floor of a page shown later.
        if (
            isinstance(watched, QLabel)
            and event.type() == QEvent.Type.Resize
            and watched.isVisible()
        ):
            needed = watched.heightForWidth(watched.width()) if watched.text() else 0
            if needed > 0 and needed != watched.minimumHeight():
                watched.setMinimumHeight(needed)
        return False


def keep_wrapped_height(label: QLabel) -> None:
    """See :class:`_WrappedHeight` (one filter per label, owned by it)."""
    label.installEventFilter(_WrappedHeight(label))


def steady_text(label: QLabel, text: str) -> None:
    """Set ``text`` on ``label``, keeping the label as wide as the text would be with every
    number at its widest ("30 s" and "1 s" alike), so neighbours do not move as a countdown
    or an "updated N s ago" ticks. Grows with longer sentences, never shrinks per tick."""
    widest = re.sub(r"\d+", lambda m: "8" * max(2, len(m.group())), text)
    needed = label.fontMetrics().horizontalAdvance(widest) + 2 * label.margin() + 2  # rounding
    if needed > label.minimumWidth():
        label.setMinimumWidth(needed)
    if label.text() != text:
        label.setText(text)
