"""A cheaper answer to PySide6's question "does this module use PySide6?", asked per import.

From the moment PySide6 is imported, its ``__feature__`` machinery (``snake_case``,
``true_property``) classifies every newly imported module by reading that module's whole
source through ``inspect.getsource`` and searching it for the word "PySide6". The source
stays in ``linecache`` for good: for this app that is about 10 MiB of peak memory and 15-25 ms
of start-up spent on a classification it never needs, as no module here selects a feature.

:func:`install` swaps the source search for a look at what the module holds (a PySide6 class,
enum or module among its globals), which classifies every module the same way except those that
import Qt only inside functions. Those are then left out of feature switching, which matters
only to a module that writes ``from __feature__ import ...``: the first thing PySide6 does on
such an import is to mark its module explicitly, and ``tests/gui/test_import_scan.py`` checks
that no module of this app does it. Should a PySide6 release move the hook, ``install`` changes
nothing and says so with ``False``; the test notices.

``DERIV_DESKTOP_STOCK_IMPORT_CHECK=1`` in the environment keeps PySide6's own check (the
replacement is not installed): the way to rule this module out when hunting a Qt problem.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Mapping
from typing import Any

_PREFIXES = ("PySide6", "shiboken6")

#: Set to 1 (or true/yes/on) to keep PySide6's stock per-import check.
STOCK_CHECK_ENV = "DERIV_DESKTOP_STOCK_IMPORT_CHECK"


def uses_pyside(module: types.ModuleType) -> bool:
    """True if a global of ``module`` is a PySide6 class, enum, function or module."""
    try:
        values = list(vars(module).values())
    except TypeError:  # no __dict__
        return False
    for value in values:
        if isinstance(value, types.ModuleType):
            owner: Any = value.__name__
        elif isinstance(value, (type, types.BuiltinFunctionType)):
            owner = getattr(value, "__module__", None)
        else:
            continue
        if isinstance(owner, str) and owner.startswith(_PREFIXES):
            return True
    return False


def install() -> bool:
    """Use :func:`uses_pyside` for PySide6's per-import check; False if there is no such check."""
    import PySide6.QtCore  # noqa: F401 - loading PySide6 puts its feature module in place

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True


def stock_check_wanted(environ: Mapping[str, str] = os.environ) -> bool:
    """True if :data:`STOCK_CHECK_ENV` asks for PySide6's own check."""
    return environ.get(STOCK_CHECK_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def install_unless_stock_wanted() -> bool:
    """:func:`install`, unless the environment asks for the stock check; True if installed."""
    return False if stock_check_wanted() else install()


def installed() -> bool:
    feature = sys.modules.get("shibokensupport.feature")
    return feature is not None and getattr(feature, "_mod_uses_pyside", None) is uses_pyside
