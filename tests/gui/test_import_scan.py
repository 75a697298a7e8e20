"""PySide6's per-import source scan is replaced (gui/import_scan.py), and nothing relies on it.

``DERIV_DESKTOP_STOCK_IMPORT_CHECK=1`` keeps PySide6's own scan, and the app works with it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

from deriv_desktop.gui import import_scan

ROOT = Path(__file__).resolve().parents[2]

_CACHED_SOURCES = """
import json, linecache, sys
{setup}
import email.parser, http.client, urllib.request, asyncio
cached = [name for name in linecache.cache if name.endswith(("parser.py", "client.py"))]
scan = sys.modules.get("deriv_desktop.gui.import_scan")
print(json.dumps({{"cached": cached, "installed": scan is not None and scan.installed()}}))
"""


def _probe(setup: str, **env: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _CACHED_SOURCES.format(setup=setup)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def _cached_sources(setup: str, **env: str) -> list[str]:
    cached = _probe(setup, **env)["cached"]
    assert isinstance(cached, list)
    return cached


def test_pyside_would_keep_the_source_of_every_later_import() -> None:
    # The hazard itself: without the replacement, PySide6 reads and caches each module's source.
    assert _cached_sources("import PySide6.QtCore") != []


def test_the_gui_package_stops_it() -> None:
    assert _cached_sources("import deriv_desktop.gui") == []


def test_the_switch_keeps_pysides_own_scan() -> None:
    setup = "import deriv_desktop.gui\nimport PySide6.QtCore"
    stock = _probe(setup, **{import_scan.STOCK_CHECK_ENV: "1"})
    assert stock["installed"] is False
    assert stock["cached"] != [], "PySide6's own scan should be at work again"
    replaced = _probe(setup, **{import_scan.STOCK_CHECK_ENV: "0"})
    assert replaced == {"cached": [], "installed": True}


@pytest.mark.parametrize(
    ("value", "wanted"),
    [("1", True), ("true", True), (" On ", True), ("0", False), ("", False), ("no", False)],
)
def test_the_switch_reads_plain_yes_and_no(value: str, wanted: bool) -> None:
    assert import_scan.stock_check_wanted({import_scan.STOCK_CHECK_ENV: value}) is wanted
    assert import_scan.stock_check_wanted({}) is False


def test_the_self_test_passes_with_pysides_own_scan() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "deriv_desktop", "--self-test"],
        env={**os.environ, import_scan.STOCK_CHECK_ENV: "1"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("self-test passed: "), done.stdout[-2000:]


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
