"""A tiny Qt-free observer, so core objects can announce changes without knowing who listens.

The GUI bridges these to Qt signals in one place; tests subscribe with plain callables.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

log = logging.getLogger(__name__)


class Event(Generic[T]):
    """A list of listeners called synchronously, in subscription order, with one payload."""

    __slots__ = ("_listeners", "_name")

    def __init__(self, name: str = "event") -> None:
        self._name = name
        self._listeners: list[Callable[[T], None]] = []

    def connect(self, listener: Callable[[T], None]) -> Callable[[], None]:
        """Add a listener; returns a function that removes it again."""
        self._listeners.append(listener)

        def disconnect() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return disconnect

    def emit(self, payload: T) -> None:
        # A failing listener must not stop the others nor the emitter (often a network reader).
        for listener in tuple(self._listeners):
            try:
                listener(payload)
            except Exception:
                log.exception("listener of %s failed", self._name)

    def __len__(self) -> int:
        return len(self._listeners)
