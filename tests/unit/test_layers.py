"""The layer rules of docs/architecture.md hold: import-linter's contracts in pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept() -> None:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    result = subprocess.run(
        [exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "broken" not in result.stdout.split("Contracts:")[-1].lower().replace("0 broken", "")


QT_TOP_LEVEL = {
    "app.py",
    "composition.py",
    "controller.py",
    "loop.py",
    "__main__.py",
    "single_instance.py",
    "selftest.py",
}


def test_no_qt_import_below_the_gui_by_source_scan() -> None:
    """A second, dumb check that also covers lazy imports inside functions."""
    offenders = []
    for path in (ROOT / "deriv_desktop").rglob("*.py"):
        rel = path.relative_to(ROOT / "deriv_desktop")
        if rel.parts[0] == "gui" or rel.name in QT_TOP_LEVEL:
            continue
        text = path.read_text(encoding="utf-8")
        if "PySide6" in text or "import qasync" in text or "QtWebEngine" in text:
            offenders.append(str(rel))
    assert offenders == []
