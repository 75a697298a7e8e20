"""Cyclic garbage is collected on the GUI thread only while the app's collector runs.

Without it, an executor thread that allocates can run a collection and destroy widgets and
timers there, which later crashes Qt's timer dispatch.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QObject

from deriv_desktop.gui.collector import MainThreadCollector, generation_due

pytestmark = pytest.mark.own_gc  # these tests switch the collector on and off themselves


@pytest.fixture
def collections_by_thread() -> Iterator[list[int]]:
    seen: list[int] = []

    def record(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(threading.get_ident())

    gc.callbacks.append(record)
    try:
        yield seen
    finally:
        gc.callbacks.remove(record)


def _make_cyclic_qobject() -> None:
    holder: dict[str, Any] = {"object": QObject()}
    holder["self"] = holder  # a cycle: only the cyclic collector can free it


def _allocate_in_a_worker() -> None:
    def churn() -> None:
        for _ in range(20):
            junk = [[] for _ in range(5_000)]
            for item in junk:
                item.append(item)  # cycles, so they count towards gc's thresholds

    worker = threading.Thread(target=churn)
    worker.start()
    worker.join()


def test_the_oldest_generation_over_its_threshold_is_due() -> None:
    assert generation_due((10, 0, 0), (700, 10, 10)) is None
    assert generation_due((701, 3, 0), (700, 10, 10)) == 0
    assert generation_due((701, 11, 2), (700, 10, 10)) == 1
    assert generation_due((701, 11, 11), (700, 10, 10)) == 2
    assert generation_due((5_000, 0, 0), (0, 10, 10)) is None  # threshold 0: gc is off


def test_a_worker_thread_never_collects_and_the_gui_thread_does(
    qtbot: Any, collections_by_thread: list[int]
) -> None:
    gui_thread = threading.get_ident()
    collector = MainThreadCollector(check_ms=10).start()
    try:
        assert not gc.isenabled()
        _make_cyclic_qobject()
        _allocate_in_a_worker()
        assert collections_by_thread == [], "no collection ran in the worker thread"
        qtbot.waitUntil(lambda: collector.collections > 0)
        assert set(collections_by_thread) == {gui_thread}
    finally:
        collector.stop()
        collector.deleteLater()
    assert gc.isenabled(), "stop() gives the collector back"


def test_without_the_collector_a_worker_thread_collects(collections_by_thread: list[int]) -> None:
    """The hazard itself: what the collector is there to prevent."""
    assert gc.isenabled()
    _allocate_in_a_worker()
    assert any(ident != threading.get_ident() for ident in collections_by_thread)
