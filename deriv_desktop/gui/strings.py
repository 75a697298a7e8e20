"""The one funnel for user-visible text, so every string can be translated with Qt's tools.

Call ``tr("Context", "Literal text")`` with *literal* arguments so the strings can be extracted.
Qt's ``lupdate`` reads a two-argument ``tr`` as ``tr(source, disambiguation)``; run it as::

    pyside6-lupdate -tr-function-alias translate+=tr,tr=NO_TR deriv_desktop/gui -ts ...

which makes it treat ``tr(context, text)`` exactly like ``QCoreApplication.translate``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Translate ``text`` in ``context``; with ``n`` >= 0, ``%n`` becomes the count."""
    return QCoreApplication.translate(context, text, disambiguation, n)
