"""Python's cyclic garbage collection, run only on the GUI thread.

The collector normally runs in whichever thread happens to allocate when a threshold is crossed,
executor threads (keyring, file I/O) included. A widget or timer that became cyclic garbage and
is collected there is destroyed off the GUI thread: Qt cannot unregister its timers from another
thread, and a later timer event reaches freed memory (a segfault in ``activateTimers``). So the
automatic collector is switched off and a GUI-thread timer runs it with the same thresholds.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

CHECK_MS = 250  # how often the counts are compared with gc's thresholds


def generation_due(counts: tuple[int, int, int], thresholds: tuple[int, ...]) -> int | None:
    """The oldest generation whose count passed its threshold, as gc itself would choose."""
    due = None
    for generation in range(3):
        threshold = thresholds[generation] if generation < len(thresholds) else 0
        if threshold > 0 and counts[generation] > threshold:
            due = generation
    return due


class MainThreadCollector(QObject):
    """While it runs, cyclic garbage is collected on this (the GUI) thread only."""

    def __init__(self, parent: QObject | None = None, *, check_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self.collect_if_due)
        self.collections = 0

    def start(self) -> MainThreadCollector:
        gc.disable()
        self._timer.start()
        return self

    def collect_if_due(self) -> None:
        counts = gc.get_count()
        generation = generation_due(counts, gc.get_threshold())
        if generation is not None:
            gc.collect(generation)
            self.collections += 1

    def stop(self) -> None:
        """Collect everything once more here, then give the collector back to Python."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
