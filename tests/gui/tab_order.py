"""Is Tab following the visual order? Walks a window's focus chain and compares it with where
the tab stops are on screen.

A tab stop is a widget Tab can land on as the window is now: visible, enabled, accepting Tab
focus, in this window, and not a part that hands its focus to another (a spin box's field). The
visual order is row-major: top to bottom, and left to right within a row, where two stops share
a row when their vertical extents overlap by at least half of the shorter one (a label-height
check box beside a taller field is on the field's row). The chain is a ring, so it is compared
from the visually first stop. A stop that holds other stops (a scroll area) is reported too:
Tab would land on it and show no focus.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


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


def same_row(a: QRect, b: QRect) -> bool:
    shared = min(a.bottom(), b.bottom()) - max(a.top(), b.top()) + 1
    return shared * 2 >= min(a.height(), b.height())


def before(a: QRect, b: QRect) -> bool:
    """Whether ``a`` comes before ``b`` reading row by row."""
    if same_row(a, b):
        return a.left() < b.left() or (a.left() == b.left() and a.top() < b.top())
    return a.center().y() < b.center().y()


def out_of_order(places: list[tuple[str, QRect]]) -> list[str]:
    """Each step of the ring (rotated to start at the visually first stop) that goes back on
    screen, worded for a test failure; empty when Tab reads the window like a page."""
    if len(places) < 2:
        return []
    first = min(
        range(len(places)),
        key=lambda i: sum(before(places[j][1], places[i][1]) for j in range(len(places))),
    )
    ring = places[first:] + places[:first]
    problems = []
    for (name_a, a), (name_b, b) in pairwise(ring):
        if not before(a, b):
            problems.append(
                f"{name_a} at ({a.x()},{a.y()} {a.width()}x{a.height()}) -> "
                f"{name_b} at ({b.x()},{b.y()} {b.width()}x{b.height()})"
            )
    return problems


def name(widget: QWidget) -> str:
    text = ""
    if hasattr(widget, "text"):
        value = widget.text()
        text = value if isinstance(value, str) else ""
    label = widget.objectName() or widget.accessibleName() or text.replace("&", "")
    return f"{type(widget).__name__}{f' {label[:30]!r}' if label else ''}"


def tab_problems(top: QWidget) -> list[str]:
    """Where ``top``'s Tab order leaves the visual order, as it is laid out now, and stops
    that hold other stops (a scroll area taking the focus shows no focus of its own)."""
    chain = tab_chain(top)
    holders = [
        f"{name(outer)} takes the focus around {name(inner)}"
        for outer in chain
        for inner in chain
        if outer is not inner and outer.isAncestorOf(inner)
    ]
    return holders + out_of_order([(name(w), place(w, top)) for w in chain])
