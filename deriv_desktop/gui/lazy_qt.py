"""The ``Qt`` namespace, built the first time one of its names is read.

``from PySide6.QtCore import Qt`` makes PySide6 build every Python enum of the namespace at
once: about 90 classes, 22 ms here, a seventh of a bare window's whole start. The modules that
run before the sign-in window's first frame take ``Qt`` from here instead, and that frame
is built without reading it (enum properties are set by key name, see :func:`set_enum`), so
the namespace is built after the window is on screen. ``tests/gui/test_first_frame.py``
checks that it is.

Type checkers see the real ``Qt``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtCore import Qt as Qt
else:

    class _LazyQt:
        """Forwards every attribute to the real ``Qt``, importing it on first use."""

        __slots__ = ()

        def __getattr__(self, name: str) -> Any:
            from PySide6.QtCore import Qt as real

            return getattr(real, name)

        def __repr__(self) -> str:
            return "<Qt, built on first use>"

    Qt = _LazyQt()


def set_enum(target: QObject, prop: str, key: str) -> None:
    """Set the enum or flags property ``prop`` of ``target`` by its key name (for flags,
    names joined with ``|``), through Qt's meta-object system: the Python enum is not needed,
    so ``Qt`` is not built. Raises ``ValueError`` for an unknown property or key."""
    if not target.setProperty(prop, key):
        raise ValueError(f"{type(target).__name__}.{prop} has no value {key!r}")
