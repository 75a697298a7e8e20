"""Repaint throttling: collect "what changed" keys and hand them on at most once per frame.

A balance stream can deliver hundreds of updates in a burst. Repainting for each would make the
window stutter, so updates are gathered into a set and flushed by one single-shot timer about 30
times a second (architecture.md, practice 5). Nothing is lost: the flush carries every key seen
since the previous one, and readers fetch current values from the state at that moment.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer, Signal

FRAME_MS = 33


class Coalescer(QObject):
    """Gathers keys with :meth:`add`; emits ``flushed(frozenset)`` once per frame while dirty."""

    flushed = Signal(object)  # frozenset[str]

    def __init__(self, interval_ms: int = FRAME_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dirty: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.flush)
        self.flush_count = 0

    @property
    def pending(self) -> frozenset[str]:
        return frozenset(self._dirty)

    def add(self, keys: Iterable[str]) -> None:
        self._dirty.update(keys)
        if self._dirty and not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        """Emit now (the timer calls this; tests and shutdown may call it directly)."""
        self._timer.stop()
        if not self._dirty:
            return
        keys = frozenset(self._dirty)
        self._dirty.clear()
        self.flush_count += 1
        self.flushed.emit(keys)

    def discard(self) -> None:
        """Drop pending keys (the rows they name are about to be rebuilt anyway)."""
        self._timer.stop()
        self._dirty.clear()
