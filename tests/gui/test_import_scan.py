"""PySide6's per-import source scan is replaced (gui/import_scan.py), and nothing relies on it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import types
from pathlib import Path

from deriv_desktop.gui import import_scan

ROOT = Path(__file__).resolve().parents[2]

_CACHED_SOURCES = """
import json, linecache, sys
{setup}
import email.parser, http.client, urllib.request, asyncio
cached = [name for name in linecache.cache if name.endswith(("parser.py", "client.py"))]
print(json.dumps(cached))
"""


def _cached_sources(setup: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _CACHED_SOURCES.format(setup=setup)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return list(json.loads(done.stdout.splitlines()[-1]))


def test_pyside_would_keep_the_source_of_every_later_import() -> None:
    # The hazard itself: without the replacement, PySide6 reads and caches each module's source.
    assert _cached_sources("import PySide6.QtCore") != []


def test_the_gui_package_stops_it() -> None:
    assert _cached_sources("import deriv_desktop.gui") == []


def test_it_is_installed_on_the_pyside6_in_use() -> None:
    # Fails when a PySide6 release moves the hook: then install() is a no-op and memory grows.
    assert import_scan.install() is True
    assert import_scan.installed()


def test_modules_holding_pyside_names_are_told_apart() -> None:
    from PySide6.QtCore import QObject, Qt, qVersion

    def module(**values: object) -> types.ModuleType:
        made = types.ModuleType("probe")
        made.__dict__.update(values)
        return made

    assert import_scan.uses_pyside(module(QObject=QObject))
    assert import_scan.uses_pyside(module(Alignment=Qt.AlignmentFlag))
    assert import_scan.uses_pyside(module(qVersion=qVersion))
    assert import_scan.uses_pyside(module(QtCore=sys.modules["PySide6.QtCore"]))
    assert not import_scan.uses_pyside(module(json=json, dumps=json.dumps, n=3))
    assert not import_scan.uses_pyside(module(name="PySide6"))


def test_no_module_of_the_app_selects_a_pyside_feature() -> None:
    selecting = re.compile(r"^\s*(from|import)\s+__feature__\b", re.MULTILINE)
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("deriv_desktop", "tests", "tools", "bench")
        for path in (ROOT / folder).rglob("*.py")
        if selecting.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
