"""Is Tab following the visual order? Walks a window's focus chain and compares it with where
the tab stops are on screen.

A tab stop is a widget Tab can land on as the window is now: visible, enabled, accepting Tab
focus, in this window, and not a part that hands its focus to another (a spin box's field).

The visual order is partial, as people read a window: two stops on one row are read left to
right (they share a row when their vertical extents overlap by at least half of the shorter
one: a label-height check box beside a taller field is on the field's row), and two stops in
one column band (their horizontal extents overlap) are read top to bottom. Two stops that are
neither, the top of a right-hand pane and the bottom of the left-hand one, may come in either
order: a two-pane dialog is read column by column, a form row by row. A stop inside a scroll
area is placed, against stops outside it, where the area is (its content may be scrolled out
of sight, but Tab reaches it through the area).

The chain is a ring, so it is read from the visually first stop; it is in order when no stop
comes after one it must precede. A stop that holds other stops (a scroll area) is reported
too: Tab would land on it and show no focus. A list or table with editors in its cells is not:
it shows its focus on its current cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

import shiboken6
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QWidget


def is_tab_stop(widget: QWidget, top: QWidget) -> bool:
    return (
        widget.window() is top
        and widget.isVisibleTo(top)
        and widget.isEnabled()
        and bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value)
        and widget.focusProxy() is None
        and widget.width() > 0
        and widget.height() > 0
        and not _viewport_of_scroll_area(widget)
    )


def _viewport_of_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    return isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget


def tab_chain(top: QWidget) -> list[QWidget]:
    """The tab stops in the order ``nextInFocusChain`` visits them, once round the ring."""
    chain: list[QWidget] = []
    widget = top.nextInFocusChain()
    for _ in range(10_000):  # the ring always closes; this only bounds a broken one
        if widget is top:
            break
        if is_tab_stop(widget, top) and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def place(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, widget.rect().topLeft()), widget.size())


@dataclass(frozen=True)
class Stop:
    """A tab stop's name and place, and the scroll areas it sits in (outermost first, each
    as a key telling areas apart and its place)."""

    name: str
    rect: QRect
    frames: tuple[tuple[int, QRect], ...] = ()

    def __str__(self) -> str:
        r = self.rect
        return f"{self.name} at ({r.x()},{r.y()} {r.width()}x{r.height()})"


def same_row(a: QRect, b: QRect) -> bool:
    shared = min(a.bottom(), b.bottom()) - max(a.top(), b.top()) + 1
    return shared * 2 >= min(a.height(), b.height())


def same_column(a: QRect, b: QRect) -> bool:
    return min(a.right(), b.right()) >= max(a.left(), b.left())


def must_precede(a: QRect, b: QRect) -> str | None:
    """Why ``a`` must come before ``b`` ("left of it", "above it"), or None when the two are
    free (neither on one row nor in one column band)."""
    if same_row(a, b):
        if a.left() < b.left() or (a.left() == b.left() and a.top() < b.top()):
            return "left of it on the same row"
        return None
    if same_column(a, b) and a.center().y() < b.center().y():
        return "above it in the same column"
    return None


def seen_apart(a: Stop, b: Stop) -> tuple[QRect, QRect]:
    """Where ``a`` and ``b`` are against each other: inside the scroll areas they share, their
    own places; past that, the place of the outermost area each sits in alone."""
    alone: tuple[int, QRect | None] = (0, None)
    for (key_a, frame_a), (key_b, frame_b) in zip_longest(a.frames, b.frames, fillvalue=alone):
        if key_a != key_b:
            return (
                frame_a if frame_a is not None else a.rect,
                frame_b if frame_b is not None else b.rect,
            )
    return a.rect, b.rect


def visually_first(stops: list[Stop]) -> int:
    """The stop fewest others must precede; among those the top, then the left, one."""

    def key(i: int) -> tuple[int, int, int]:
        ahead = sum(
            must_precede(*seen_apart(stops[j], stops[i])) is not None
            for j in range(len(stops))
            if j != i
        )
        return ahead, stops[i].rect.top(), stops[i].rect.left()

    return min(range(len(stops)), key=key)


def out_of_order(stops: list[Stop]) -> list[str]:
    """Each stop that Tab reaches after one it must precede (the ring read from the visually
    first stop), worded for a test failure; empty when Tab follows the visual order."""
    if len(stops) < 2:
        return []
    first = visually_first(stops)
    ring = stops[first:] + stops[:first]
    problems = []
    for j, late in enumerate(ring):
        for earlier in ring[:j]:
            why = must_precede(*seen_apart(late, earlier))
            if why is not None:
                problems.append(f"{late} comes after {earlier} but is {why}")
                break  # one line per stop reached too late: its first wrong predecessor
    return problems


def name(widget: QWidget) -> str:
    text = ""
    if hasattr(widget, "text"):
        value = widget.text()
        text = value if isinstance(value, str) else ""
    label = widget.objectName() or widget.accessibleName() or text.replace("&", "")
    return f"{type(widget).__name__}{f' {label[:30]!r}' if label else ''}"


def stop_of(widget: QWidget, top: QWidget) -> Stop:
    frames = []
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            frames.append((shiboken6.getCppPointer(parent)[0], place(parent, top)))
        parent = parent.parentWidget()
    return Stop(name(widget), place(widget, top), tuple(reversed(frames)))


def tab_problems(top: QWidget) -> list[str]:
    """Where ``top``'s Tab order leaves the visual order, as it is laid out now, and stops
    that hold other stops (a scroll area taking the focus shows no focus of its own)."""
    chain = tab_chain(top)
    holders = [
        f"{name(outer)} takes the focus around {name(inner)}"
        for outer in chain
        if not isinstance(outer, QAbstractItemView)  # shows its focus on its current cell
        for inner in chain
        if outer is not inner and outer.isAncestorOf(inner)
    ]
    return holders + out_of_order([stop_of(w, top) for w in chain])
