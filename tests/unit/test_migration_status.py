"""``MigrationStatus`` is a domain value: defined in domain/migration.py, imported from there."""

from __future__ import annotations

import re
from pathlib import Path

from deriv_desktop.domain.migration import MigrationStatus

ROOT = Path(__file__).resolve().parents[2]

_IMPORT = re.compile(r"^\s*from\s+([\w.]+)\s+import\s+[^\n]*\bMigrationStatus\b", re.MULTILINE)


def test_every_import_names_the_domain_module() -> None:
    sources = [
        path
        for folder in ("deriv_desktop", "tests", "tools", "bench")
        for path in (ROOT / folder).rglob("*.py")
    ]
    elsewhere = sorted(
        f"{path.relative_to(ROOT)}: from {module}"
        for path in sources
        for module in _IMPORT.findall(path.read_text(encoding="utf-8"))
        if module != "deriv_desktop.domain.migration"
    )
    assert elsewhere == []
    assert MigrationStatus.__module__ == "deriv_desktop.domain.migration"


def test_legacy_apps_work_only_while_the_move_is_unfinished() -> None:
    usable = {status for status in MigrationStatus if status.legacy_usable}
    assert usable == {MigrationStatus.PENDING, MigrationStatus.FAILED}
